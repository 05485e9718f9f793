import { Anchor, Group, Paper, SegmentedControl, Table, Text } from '@mantine/core';
import type { PoStatus } from '../../../../shared/api';
import { useApi } from '../../hooks/use-api';
import { useEvent } from '../../hooks/use-event';
import { href, navigate } from '../../hooks/use-route';
import { formatDateTime, money } from '../../lib/format';
import { EmptyRow } from '../empty-row';
import { PoStatusBadge } from './po-status-badge';

/** Filters a buyer actually uses: what needs doing (open), each stage, and everything. */
export const PO_FILTERS = {
  open: { label: 'Open', statuses: ['draft', 'sent', 'partially_received'] },
  draft: { label: 'Drafts', statuses: ['draft'] },
  sent: { label: 'Awaiting goods', statuses: ['sent', 'partially_received'] },
  done: { label: 'Received / closed', statuses: ['received', 'closed'] },
  cancelled: { label: 'Cancelled', statuses: ['cancelled'] },
  all: { label: 'All', statuses: null },
} satisfies Record<string, { label: string; statuses: PoStatus[] | null }>;
export type PoFilter = keyof typeof PO_FILTERS;
export const isPoFilter = (s: string | null): s is PoFilter => s !== null && s in PO_FILTERS;

export function PoList({ filter }: { filter: PoFilter }) {
  const statuses = PO_FILTERS[filter].statuses;
  const list = useApi('purchasing.orders.list', statuses ? { status: [...statuses], limit: 200 } : { limit: 200 });
  useEvent('stock.changed', () => list.reload());
  const rows = list.data ?? [];
  return (
    <Paper withBorder radius="md" p="md">
      <Group justify="space-between" mb="sm">
        <SegmentedControl
          size="sm"
          value={filter}
          onChange={(v) => navigate(`/purchasing?status=${v}`, { replace: true })}
          data={Object.entries(PO_FILTERS).map(([value, f]) => ({ value, label: f.label }))}
          data-testid="po-filter"
        />
        <Text size="sm" c="dimmed">
          {list.loading ? 'Loading…' : `${rows.length} order${rows.length === 1 ? '' : 's'}`}
        </Text>
      </Group>
      <Table striped highlightOnHover verticalSpacing="xs" data-testid="po-list">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>PO</Table.Th>
            <Table.Th>Supplier</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Receive into</Table.Th>
            <Table.Th ta="right">Lines</Table.Th>
            <Table.Th ta="right">Units (received)</Table.Th>
            <Table.Th ta="right">Total</Table.Th>
            <Table.Th>Created</Table.Th>
            <Table.Th>Sent</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.length === 0 && !list.loading ? (
            <EmptyRow cols={9}>{filter === 'draft' ? 'No draft orders. Replenishment suggests what to buy.' : 'No purchase orders here.'}</EmptyRow>
          ) : null}
          {rows.map((po) => {
            const units = po.lines.reduce((s, l) => s + l.quantity, 0);
            const received = po.lines.reduce((s, l) => s + l.received, 0);
            return (
              <Table.Tr key={po.id} data-testid="po-row" data-number={po.number}>
                <Table.Td>
                  <Anchor href={href(`/purchasing/orders/${po.id}`)} fw={600} className="mono">
                    {po.number}
                  </Anchor>
                </Table.Td>
                <Table.Td>{po.supplierName}</Table.Td>
                <Table.Td>
                  <PoStatusBadge status={po.status} />
                </Table.Td>
                <Table.Td>{po.warehouseCode}</Table.Td>
                <Table.Td ta="right">{po.lines.length}</Table.Td>
                <Table.Td ta="right">
                  {units} {received > 0 ? <Text span c="dimmed" size="sm">({received})</Text> : null}
                </Table.Td>
                <Table.Td ta="right">{money(po.totalMinor, po.currency)}</Table.Td>
                <Table.Td>{formatDateTime(po.createdAt)}</Table.Td>
                <Table.Td>{po.sentAt ? formatDateTime(po.sentAt) : '—'}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
