import { Alert, Anchor, Badge, Button, Group, Loader, Paper, SimpleGrid, Tabs, Text } from '@mantine/core';
import { IconAdjustmentsHorizontal, IconArrowsExchange, IconPackageImport } from '@tabler/icons-react';
import { useState } from 'react';
import { BalancesTable } from '../components/item/balances-table';
import { BarcodesPanel } from '../components/item/barcodes-panel';
import { ItemDetails } from '../components/item/item-details';
import { LayersTable } from '../components/item/layers-table';
import { MovementsTable } from '../components/item/movements-table';
import { PageHeader } from '../components/page-header';
import { StatTile } from '../components/stat-tile';
import { StockActionModal, type StockAction } from '../components/stock-action-modal';
import { useApi } from '../hooks/use-api';
import { useEvent } from '../hooks/use-event';
import { href } from '../hooks/use-route';
import { formatQty, money } from '../lib/format';

export function ItemPage({ id }: { id: number }) {
  const got = useApi('catalog.get', { id });
  const balances = useApi('stock.balances', { itemId: id });
  const movements = useApi('stock.movements', { itemId: id, limit: 200 });
  const layers = useApi('stock.layers', { itemId: id });
  const valuation = useApi('stock.valuation', { itemId: id });
  const [action, setAction] = useState<StockAction | null>(null);

  // Live: another clerk, a handheld or this page's own forms change stock; every view of it refreshes.
  const reloadStock = () => {
    balances.reload();
    movements.reload();
    layers.reload();
    valuation.reload();
  };
  useEvent('stock.changed', (e) => {
    if (e.itemIds.includes(id)) reloadStock();
  });
  useEvent('catalog.changed', (e) => {
    if (e.itemIds.includes(id)) got.reload();
  });

  if (got.error) {
    return (
      <Alert color="red" title="Cannot show this item" maw={640}>
        {got.error.message}{' '}
        <Anchor href={href('/items')}>Back to items</Anchor>
      </Alert>
    );
  }
  if (!got.data) return <Loader m="xl" />;
  const { item, barcodes } = got.data;
  const rows = balances.data ?? [];
  const sum = (k: 'onHand' | 'reserved' | 'available') => rows.reduce((s, b) => s + b[k], 0);
  const tracked = item.tracking !== 'none';

  return (
    <>
      <PageHeader
        above={
          <Anchor href={href('/items')} size="sm">
            ← Items
          </Anchor>
        }
        title={
          <Group gap="sm" component="span">
            <Text span inherit className="mono" data-testid="item-sku">
              {item.sku}
            </Text>
            <Text span inherit fw={500} c="dimmed">
              ·
            </Text>
            <Text span inherit fw={500} data-testid="item-name">
              {item.name}
            </Text>
          </Group>
        }
        description={
          <Group gap={6} component="span">
            {tracked ? (
              <Badge variant="light" color="grape">
                {item.tracking} tracked
              </Badge>
            ) : null}
            {item.category ? <Badge variant="light" color="gray">{item.category}</Badge> : null}
            {barcodes.map((b) => (
              <Badge key={b.id} variant="outline" color="gray" className="mono" tt="none">
                {b.code}
              </Badge>
            ))}
            {barcodes.length === 0 ? <Text span size="sm" c="dimmed">No barcode</Text> : null}
          </Group>
        }
        actions={
          <>
            <Button leftSection={<IconPackageImport size={16} />} onClick={() => setAction('receive')} data-testid="action-receive">
              Receive
            </Button>
            <Button variant="default" leftSection={<IconArrowsExchange size={16} />} onClick={() => setAction('transfer')} data-testid="action-transfer">
              Transfer
            </Button>
            <Button variant="default" leftSection={<IconAdjustmentsHorizontal size={16} />} onClick={() => setAction('adjust')} data-testid="action-adjust">
              Adjust
            </Button>
          </>
        }
      />
      <SimpleGrid cols={{ base: 2, md: 4 }} mb="lg">
        <StatTile label="On hand" value={formatQty(sum('onHand'))} hint={`${item.unit} in ${rows.length} location${rows.length === 1 ? '' : 's'}`} testId="tile-on-hand" />
        <StatTile label="Reserved" value={formatQty(sum('reserved'))} hint="Held for orders" testId="tile-reserved" />
        <StatTile label="Available" value={formatQty(sum('available'))} hint="On hand minus reserved" testId="tile-available" color={sum('available') < 0 ? 'red' : undefined} />
        <StatTile
          label="Stock value"
          value={valuation.data ? money(valuation.data.valueMinor, item.currency) : '—'}
          hint={valuation.data ? `${valuation.data.method === 'fifo' ? 'FIFO' : 'Moving average'} cost` : undefined}
          testId="tile-value"
        />
      </SimpleGrid>
      <Paper withBorder radius="md" p="md">
        <Tabs defaultValue="stock" keepMounted={false}>
          <Tabs.List mb="md">
            <Tabs.Tab value="stock">Stock by location</Tabs.Tab>
            <Tabs.Tab value="history" rightSection={movements.data ? <Badge size="xs" variant="light" color="gray">{movements.data.length}</Badge> : null}>
              Movement history
            </Tabs.Tab>
            <Tabs.Tab value="layers">Cost layers</Tabs.Tab>
            <Tabs.Tab value="barcodes">Barcodes</Tabs.Tab>
            <Tabs.Tab value="details">Details</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="stock">
            <BalancesTable rows={rows} tracked={tracked} />
          </Tabs.Panel>
          <Tabs.Panel value="history">
            <MovementsTable rows={movements.data ?? []} currency={item.currency} />
          </Tabs.Panel>
          <Tabs.Panel value="layers">
            <LayersTable rows={layers.data ?? []} currency={item.currency} />
          </Tabs.Panel>
          <Tabs.Panel value="barcodes">
            <BarcodesPanel itemId={item.id} barcodes={barcodes} onChanged={got.reload} />
          </Tabs.Panel>
          <Tabs.Panel value="details">
            <ItemDetails item={item} />
          </Tabs.Panel>
        </Tabs>
      </Paper>
      <StockActionModal action={action} item={item} onClose={() => setAction(null)} onDone={reloadStock} />
    </>
  );
}
