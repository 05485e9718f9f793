import { Grid, Loader, Paper, SegmentedControl } from '@mantine/core';
import { AdjustForm } from '../components/forms/adjust-form';
import { TransferForm } from '../components/forms/transfer-form';
import { PageHeader } from '../components/page-header';
import { RecentMovements } from '../components/recent-movements';
import { useItemByCode } from '../hooks/use-item-by-code';
import { navigate } from '../hooks/use-route';

/** Transfers and adjustments, each as a page form that clears for the next line. */
export function StockMovesPage({ tab, itemCode }: { tab: 'transfer' | 'adjust'; itemCode: string }) {
  const { item, ready } = useItemByCode(itemCode);
  return (
    <>
      <PageHeader title="Stock moves" description="Move stock between bins, or correct it with a reason. Every change is a movement in the ledger." />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Paper withBorder radius="md" p="lg">
            <SegmentedControl
              mb="md"
              value={tab}
              onChange={(v) => navigate(`/moves?tab=${v}`, { replace: true })}
              data={[
                { value: 'transfer', label: 'Transfer' },
                { value: 'adjust', label: 'Adjust' },
              ]}
              aria-label="Kind of move"
            />
            {!ready ? <Loader /> : tab === 'transfer' ? <TransferForm key="t" mode="page" initialItem={item} /> : <AdjustForm key="a" mode="page" initialItem={item} />}
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <RecentMovements
            title={tab === 'transfer' ? 'Latest transfers' : 'Latest adjustments'}
            reasons={tab === 'transfer' ? ['transfer'] : ['damage', 'theft', 'lost', 'found', 'count_correction', 'expired']}
            empty="None yet."
          />
        </Grid.Col>
      </Grid>
    </>
  );
}
