import { Alert, Button, Grid, Group, Loader, Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileInvoice, IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import { call } from '../api/client';
import { PageHeader } from '../components/page-header';
import { ItemPlanDrawer } from '../components/purchasing/item-plan-drawer';
import { PlanningExceptions } from '../components/purchasing/planning-exceptions';
import { PurchasingTabs } from '../components/purchasing/purchasing-tabs';
import { SuggestionsTable } from '../components/purchasing/suggestions-table';
import { useApi } from '../hooks/use-api';
import { useEvent } from '../hooks/use-event';
import { navigate } from '../hooks/use-route';
import { useSettings } from '../hooks/use-settings';
import { formatDateTime } from '../lib/format';

type Explained = { itemId: number; sku: string; name: string };

/**
 * What to buy now: items at or below their reorder point, grouped by preferred supplier, each with the numbers behind
 * it one click away. Ticked suggestions become one draft PO per supplier.
 */
export function ReplenishmentPage() {
  const { currency } = useSettings();
  const sugg = useApi('planning.suggestions', {});
  const runs = useApi('planning.runs', { limit: 1 });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [explain, setExplain] = useState<Explained | null>(null);
  const [recomputing, setRecomputing] = useState(false);
  const [creating, setCreating] = useState(false);
  const reloadAll = () => {
    sugg.reload();
    runs.reload();
  };
  useEvent('planning.changed', reloadAll);
  useEvent('stock.changed', () => sugg.reload());

  const toggle = (ids: string[], on: boolean) =>
    setSelected((s) => {
      const n = new Set(s);
      for (const i of ids) {
        if (on) n.add(i);
        else n.delete(i);
      }
      return n;
    });

  const recompute = async () => {
    setRecomputing(true);
    const r = await call('planning.recompute', {});
    setRecomputing(false);
    if (!r.ok) return notifications.show({ color: 'red', title: 'Recompute failed', message: r.error.message });
    const v = r.value;
    notifications.show({
      color: v.errors.length ? 'yellow' : 'teal',
      title: 'Recomputed',
      message: `${v.items} items in ${v.ms} ms: ${v.changed} changed, ${v.flagged} flagged${v.errors.length ? `, ${v.errors.length} failed` : ''}`,
    });
    reloadAll();
  };

  // Only ids still on screen: a recompute may have dropped some that were ticked.
  const live = new Set((sugg.data?.groups ?? []).flatMap((g) => g.lines.map((l) => l.id)));
  const chosen = [...selected].filter((id) => live.has(id));

  const createDrafts = async () => {
    setCreating(true);
    const r = await call('planning.createDraftPos', { suggestionIds: chosen, ...(sugg.data && { warehouseId: sugg.data.warehouseId }) });
    setCreating(false);
    if (!r.ok) return notifications.show({ color: 'red', title: 'No draft POs', message: r.error.message });
    const { purchaseOrders, skipped } = r.value;
    if (skipped.length) notifications.show({ color: 'yellow', title: `${skipped.length} skipped`, message: skipped.map((s) => s.reason).join('; '), autoClose: 12_000 });
    if (!purchaseOrders.length) return reloadAll();
    notifications.show({
      color: 'teal',
      title: `${purchaseOrders.length} draft PO${purchaseOrders.length === 1 ? '' : 's'} created`,
      message: purchaseOrders.map((p) => `${p.number} ${p.supplierName}: ${p.lines} lines, ${p.units} units`).join('\n'),
    });
    setSelected(new Set());
    navigate('/purchasing?status=draft');
  };

  const last = runs.data?.runs[0];
  const groups = sugg.data?.groups ?? [];
  return (
    <>
      <PurchasingTabs active="replenishment" />
      <PageHeader
        title="Replenishment"
        description={
          <>
            Items at or below their reorder point, counting stock on hand, reserved and on open POs. Click an item to see how its forecast, safety stock, reorder point and order
            quantity are worked out.
          </>
        }
        actions={
          <>
            <Button variant="default" leftSection={<IconRefresh size={16} />} loading={recomputing} onClick={() => void recompute()} data-testid="recompute">
              Recompute
            </Button>
            <Button leftSection={<IconFileInvoice size={16} />} disabled={chosen.length === 0} loading={creating} onClick={() => void createDrafts()} data-testid="create-drafts">
              Create draft POs{chosen.length ? ` (${chosen.length})` : ''}
            </Button>
          </>
        }
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, xl: 9 }}>
          <Stack gap="lg">
            <Text size="sm" c="dimmed" data-testid="planning-last-run">
              {last ? `Numbers from the ${last.trigger} recompute of ${formatDateTime(last.finishedAt)} (${last.items} items, ${last.changed} changed).` : 'Not recomputed yet.'}
              {runs.data?.nextRunAt ? ` Next scheduled: ${formatDateTime(runs.data.nextRunAt)}.` : ''}
              {sugg.data ? ` Rule: ${sugg.data.rule === 'eoq' ? 'whole EOQ batches' : 'order up to reorder point + order quantity'}.` : ''}
            </Text>
            {sugg.error ? <Alert color="red">{sugg.error.message}</Alert> : null}
            {!sugg.data && !sugg.error ? <Loader /> : null}
            {sugg.data && groups.length === 0 ? (
              <Paper withBorder radius="md" p="xl" data-testid="no-suggestions">
                <Text ta="center" c="dimmed">
                  Nothing to order: every item is above its reorder point.
                </Text>
              </Paper>
            ) : null}
            {groups.map((g) => (
              <SuggestionsTable key={g.supplierId ?? 'none'} group={g} currency={currency} selected={selected} onToggle={toggle} onExplain={setExplain} />
            ))}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, xl: 3 }}>
          <PlanningExceptions onExplain={setExplain} />
          <Group mt="xs">
            <Text size="xs" c="dimmed">
              Flagged when a recompute moves an item's reorder point, safety stock or order quantity by more than the threshold in planning settings.
            </Text>
          </Group>
        </Grid.Col>
      </Grid>
      <ItemPlanDrawer item={explain} onClose={() => setExplain(null)} />
    </>
  );
}
