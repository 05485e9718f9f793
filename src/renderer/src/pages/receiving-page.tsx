import { Grid, Loader, Paper, Title } from '@mantine/core';
import { ReceiveForm } from '../components/forms/receive-form';
import { PageHeader } from '../components/page-header';
import { RecentMovements } from '../components/recent-movements';
import { useItemByCode } from '../hooks/use-item-by-code';

/** Goods in, line after line: the form clears for the next line and keeps the bin and the delivery reference. */
export function ReceivingPage({ itemCode }: { itemCode: string }) {
  const { item, ready } = useItemByCode(itemCode);
  return (
    <>
      <PageHeader title="Receiving" description="Scan the item, scan the bin, type the quantity, Enter. The form stays ready for the next line." />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Paper withBorder radius="md" p="lg">
            <Title order={4} mb="md">
              Receive a line
            </Title>
            {ready ? <ReceiveForm mode="page" initialItem={item} /> : <Loader />}
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <RecentMovements title="Latest receipts" reasons={['receipt']} empty="Nothing received yet." />
        </Grid.Col>
      </Grid>
    </>
  );
}
