import { Table, Text } from '@mantine/core';
import type { Order } from '../../../../shared/api/orders';
import { useApi } from '../../hooks/use-api';
import { useEvent } from '../../hooks/use-event';
import { formatDateTime } from '../../lib/format';
import { EmptyRow } from '../empty-row';

const LABELS: Record<string, string> = {
  created: 'Created',
  lines_imported: 'Lines imported',
  allocate: 'Allocated',
  cancel: 'Cancelled',
  hold: 'Put on hold',
  unhold: 'Taken off hold',
  pick_list: 'Added to pick list',
  pick: 'Picked',
  pick_short: 'Picked short',
  pack: 'Packed',
  unpack: 'Pack undone',
  packed: 'Packing complete',
  box: 'Box chosen',
  weigh: 'Weighed',
  weight_override: 'Weight overridden',
  ship: 'Shipped',
};
const sentence = (kind: string) => LABELS[kind] ?? kind.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());

/** The order's history, oldest first, with who did it and at which station. */
export function OrderEventsTable({ order }: { order: Order }) {
  const events = useApi('orders.events', { orderId: order.id });
  useEvent('orders.changed', (e) => {
    if (e.orderIds.includes(order.id)) events.reload();
  });
  const lineSku = (lineId: number | null) => order.lines.find((l) => l.id === lineId)?.sku;
  const rows = events.data ?? [];
  return (
    <Table verticalSpacing={6} fz="sm" data-testid="order-events">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>When</Table.Th>
          <Table.Th>What</Table.Th>
          <Table.Th>Detail</Table.Th>
          <Table.Th>Who</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.length === 0 && !events.loading ? <EmptyRow cols={4}>No history yet.</EmptyRow> : null}
        {rows.map((e) => (
          <Table.Tr key={e.id} data-testid="order-event" data-kind={e.kind}>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.createdAt)}</Table.Td>
            <Table.Td fw={600}>{sentence(e.kind)}</Table.Td>
            <Table.Td>
              {[e.quantity !== null && lineSku(e.lineId) ? `${e.quantity} × ${lineSku(e.lineId)}` : null, e.lot ? `lot ${e.lot}` : null, e.reason, e.reversesEventId ? `reverses #${e.reversesEventId}` : null]
                .filter(Boolean)
                .join(' · ')}
            </Table.Td>
            <Table.Td>
              <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                {e.actor} @ {e.device}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
