import { Badge, Paper, SegmentedControl, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { RETURN_STATUSES } from '../../../../shared/api/returns';
import type { Output } from '../../../../shared/api';
import { useSettings } from '../../hooks/use-settings';
import { formatDateTime, money } from '../../lib/format';
import { EmptyRow } from '../empty-row';
import { RMA_STATUS } from './rma-detail';

type Status = (typeof RETURN_STATUSES)[number];

/** Returns, newest first, by status. */
export function ReturnsList({ rows, loading, onOpen }: { rows: Output<'returns.list'>; loading: boolean; onOpen: (id: number) => void }) {
  const { currency } = useSettings();
  const [filter, setFilter] = useState<'all' | Status>('all');
  const shown = filter === 'all' ? rows : rows.filter((r) => r.status === filter);
  return (
    <Paper withBorder radius="md" p="md">
      <SegmentedControl
        mb="sm"
        value={filter}
        onChange={(v) => setFilter(v as typeof filter)}
        data={[{ value: 'all', label: 'All' }, ...(['authorised', 'received', 'inspected'] as const).map((s) => ({ value: s, label: RMA_STATUS[s].label }))]}
      />
      <Table highlightOnHover verticalSpacing={8} data-testid="returns-list">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Return</Table.Th>
            <Table.Th>Order / customer</Table.Th>
            <Table.Th>Items</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th ta="right">Refunded</Table.Th>
            <Table.Th>Created</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {shown.length === 0 ? (
            <EmptyRow cols={6}>{loading ? 'Loading…' : 'No returns'}</EmptyRow>
          ) : (
            shown.map((r) => (
              <Table.Tr key={r.id} style={{ cursor: 'pointer' }} onClick={() => onOpen(r.id)} data-testid={`rma-row-${r.number}`}>
                <Table.Td fw={700} className="mono" style={{ whiteSpace: 'nowrap' }}>
                  {r.number}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{r.orderNumber ?? 'unexpected'}</Text>
                  <Text size="xs" c="dimmed">
                    {r.customerName}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" className="mono">
                    {r.lines.map((l) => `${l.quantity} × ${l.sku}`).join(', ')}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {r.reason}
                  </Text>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Badge color={RMA_STATUS[r.status].color} variant="light" style={{ minWidth: 'max-content' }}>
                    {RMA_STATUS[r.status].label}
                  </Badge>
                </Table.Td>
                <Table.Td ta="right">{money(r.refundMinor, currency)}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Text size="sm">{formatDateTime(r.createdAt)}</Text>
                </Table.Td>
              </Table.Tr>
            ))
          )}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

/** Units received and not yet inspected, oldest first: nothing here is available to sell. */
export function LimboPanel({ rows, onOpen }: { rows: Output<'returns.limbo'>; onOpen: (id: number) => void }) {
  const { currency } = useSettings();
  const value = rows.reduce((n, r) => n + r.valueMinor, 0);
  return (
    <Paper withBorder radius="md" p="md">
      <Title order={5}>In returns limbo</Title>
      <Text size="xs" c="dimmed" mb="xs">
        {rows.length ? `${rows.reduce((n, r) => n + r.quantity, 0)} units worth ${money(value, currency)} waiting for inspection; not available to sell.` : 'Nothing waiting for inspection.'}
      </Text>
      <Table verticalSpacing={6} data-testid="returns-limbo">
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.returnLineId} style={{ cursor: 'pointer' }} onClick={() => onOpen(r.returnId)} data-testid={`limbo-${r.number}-${r.sku}`}>
              <Table.Td>
                <Text size="sm" className="mono" fw={600}>
                  {r.quantity} × {r.sku}
                </Text>
                <Text size="xs" c="dimmed" className="mono">
                  {r.number}
                </Text>
              </Table.Td>
              <Table.Td ta="right">{money(r.valueMinor, currency)}</Table.Td>
              <Table.Td ta="right">
                <Badge color={r.ageDays >= 14 ? 'red' : r.ageDays >= 7 ? 'orange' : 'gray'} variant="light">
                  {r.ageDays === 0 ? 'today' : `${r.ageDays} day${r.ageDays === 1 ? '' : 's'}`}
                </Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
