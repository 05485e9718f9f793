import { Button, Group, Text } from '@mantine/core';
import { formatDate, formatQty } from '../lib/format';
import { useApi } from '../hooks/use-api';
import { useEvent } from '../hooks/use-event';
import type { BinRef } from './bin-field';

export const binFromPath = (id: number, path: string): BinRef => ({ id, path, code: path.split(' / ').pop() ?? path });

/** Where an item is now; a click fills the bin (and lot) fields, so a clerk rarely types a source bin. */
export function StockHint({ itemId, onPick }: { itemId: number; onPick: (bin: BinRef, lot: string | null) => void }) {
  const b = useApi('stock.balances', { itemId });
  useEvent('stock.changed', (e) => {
    if (e.itemIds.includes(itemId)) b.reload();
  });
  const rows = (b.data ?? []).filter((r) => r.onHand !== 0);
  if (!b.data) return null;
  return (
    <div>
      <Text size="xs" c="dimmed" mb={4}>
        {rows.length ? 'In stock at — click to use:' : 'No stock of this item anywhere yet.'}
      </Text>
      <Group gap={6}>
        {rows.map((r) => (
          <Button
            key={`${r.locationId}-${r.lotId ?? 0}`}
            size="compact-xs"
            variant="light"
            color="gray"
            tabIndex={-1}
            onClick={() => onPick(binFromPath(r.locationId, r.path), r.lot)}
          >
            {r.path}
            {r.lot ? ` · ${r.lot}` : ''}
            {r.expiry ? ` (exp. ${formatDate(r.expiry)})` : ''} · {formatQty(r.available)} avail.
          </Button>
        ))}
      </Group>
    </div>
  );
}
