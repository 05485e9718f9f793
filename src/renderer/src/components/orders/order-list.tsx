import { Badge, Checkbox, Group, Paper, ScrollArea, Table, Tabs, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import type { Order, OrderStatus } from '../../../../shared/api/orders';
import { useApi } from '../../hooks/use-api';
import { useEvent } from '../../hooks/use-event';
import { formatDateTime, money } from '../../lib/format';
import { EmptyRow } from '../empty-row';
import { ORDER_STATUS_LABELS, OrderStatusBadge } from './order-status-badge';
import { useOrderCounts } from './use-order-counts';

/** The statuses a warehouse works through, in that order; partly shipped shows under "All". */
export const ORDER_FILTERS = ['all', 'new', 'allocated', 'picking', 'packed', 'shipped', 'on_hold', 'backordered', 'cancelled'] as const;
export type OrderFilter = (typeof ORDER_FILTERS)[number];
export const isOrderFilter = (s: string | null): s is OrderFilter => s !== null && (ORDER_FILTERS as readonly string[]).includes(s);

const labelOf = (f: OrderFilter) => (f === 'all' ? 'All' : ORDER_STATUS_LABELS[f as OrderStatus]);

/** Orders by status with counts, a search on number / external id / customer, and a selection for picking. */
export function OrderList(p: {
  filter: OrderFilter;
  onFilter: (f: OrderFilter) => void;
  onOpen: (id: number) => void;
  selected: number[];
  onSelect: (ids: number[]) => void;
}) {
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query.trim(), 200);
  const list = useApi('orders.list', { status: p.filter === 'all' ? undefined : p.filter, query: debounced || undefined, limit: 200 });
  const counts = useOrderCounts(debounced);
  useEvent('orders.changed', () => {
    list.reload();
    counts.reload();
  });
  const rows: Order[] = list.data?.rows ?? [];
  const selectable = rows.filter((o) => o.status === 'allocated');
  const allSelected = selectable.length > 0 && selectable.every((o) => p.selected.includes(o.id));
  const toggle = (id: number) => p.onSelect(p.selected.includes(id) ? p.selected.filter((x) => x !== id) : [...p.selected, id]);

  return (
    <Paper withBorder radius="md" p="md">
      <Tabs value={p.filter} onChange={(v) => v && isOrderFilter(v) && p.onFilter(v)} mb="sm" keepMounted={false}>
        <Tabs.List data-testid="order-filter">
          {ORDER_FILTERS.map((f) => (
            <Tabs.Tab
              key={f}
              value={f}
              data-testid={`order-filter-${f}`}
              rightSection={
                <Badge size="sm" variant={p.filter === f ? 'filled' : 'light'} color="gray" circle={false} data-testid={`order-count-${f}`}>
                  {counts.counts[f] ?? '·'}
                </Badge>
              }
            >
              {labelOf(f)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Group justify="space-between" mb="sm">
        <TextInput
          w={360}
          leftSection={<IconSearch size={16} />}
          placeholder="Search order number or customer"
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
          data-testid="order-search"
        />
        <Text size="sm" c="dimmed">
          {list.loading ? 'Loading…' : `${list.data?.total ?? 0} order${list.data?.total === 1 ? '' : 's'}`}
        </Text>
      </Group>
      <ScrollArea>
        <Table striped highlightOnHover verticalSpacing="xs" data-testid="order-list">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={36}>
                <Checkbox
                  aria-label="Select every allocated order"
                  checked={allSelected}
                  disabled={selectable.length === 0}
                  onChange={() => p.onSelect(allSelected ? [] : selectable.map((o) => o.id))}
                  data-testid="order-select-all"
                />
              </Table.Th>
              <Table.Th>Order</Table.Th>
              <Table.Th>Customer</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Channel</Table.Th>
              <Table.Th ta="right">Lines</Table.Th>
              <Table.Th ta="right">Units</Table.Th>
              <Table.Th ta="right">Total</Table.Th>
              <Table.Th>Note</Table.Th>
              <Table.Th>Created</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.length === 0 && !list.loading ? <EmptyRow cols={10}>{debounced ? `No orders match “${debounced}”.` : 'No orders here.'}</EmptyRow> : null}
            {rows.map((o) => (
              <Table.Tr key={o.id} data-testid="order-row" data-number={o.number} style={{ cursor: 'pointer' }} onClick={() => p.onOpen(o.id)}>
                <Table.Td onClick={(e) => e.stopPropagation()}>
                  <Checkbox
                    aria-label={`Select ${o.number}`}
                    checked={p.selected.includes(o.id)}
                    disabled={o.status !== 'allocated'}
                    onChange={() => toggle(o.id)}
                    data-testid="order-select"
                  />
                </Table.Td>
                <Table.Td>
                  <Text fw={600} size="sm" className="mono">
                    {o.number}
                  </Text>
                  {o.externalId ? (
                    <Text size="xs" c="dimmed">
                      {o.externalId}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>{o.customer.name}</Table.Td>
                <Table.Td>
                  <OrderStatusBadge status={o.status} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c="dimmed">
                    {o.channel}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">{o.lines.length}</Table.Td>
                <Table.Td ta="right">{o.lines.reduce((s, l) => s + l.quantity, 0)}</Table.Td>
                <Table.Td ta="right">{money(o.totalMinor, o.currency)}</Table.Td>
                <Table.Td maw={280}>
                  <Text size="xs" c={o.allocationNote ? 'orange' : 'dimmed'} lineClamp={2}>
                    {o.holdReason ? `Held: ${o.holdReason}` : (o.allocationNote ?? '')}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {formatDateTime(o.createdAt)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
    </Paper>
  );
}
