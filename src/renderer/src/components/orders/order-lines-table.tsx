import { Badge, Stack, Table, Text } from '@mantine/core';
import type { Order } from '../../../../shared/api/orders';
import { formatDate, money } from '../../lib/format';

/** Each line with what is reserved for it (bin, lot) and, when it is not fully allocated, why. */
export function OrderLinesTable({ order }: { order: Order }) {
  return (
    <Table verticalSpacing="xs" data-testid="order-lines">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Item</Table.Th>
          <Table.Th ta="right">Qty</Table.Th>
          <Table.Th ta="right">Price</Table.Th>
          <Table.Th ta="right">Allocated</Table.Th>
          <Table.Th style={{ whiteSpace: 'nowrap' }}>Reserved from</Table.Th>
          <Table.Th ta="right">Shipped</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {order.lines.map((l) => {
          const allocs = order.allocations.filter((a) => a.lineId === l.id && a.reserved > 0);
          const full = l.unallocated === 0;
          return (
            <Table.Tr key={l.id} data-testid="order-line" data-sku={l.sku} style={{ verticalAlign: 'top' }}>
              <Table.Td>
                <Text size="sm" fw={600} className="mono">
                  {l.sku}
                </Text>
                <Text size="xs" c="dimmed">
                  {l.name}
                </Text>
                {l.issues.map((i, k) => (
                  <Text key={k} size="xs" c="orange.8" mt={2} data-testid="line-issue" data-code={i.code}>
                    {i.message}
                  </Text>
                ))}
              </Table.Td>
              <Table.Td ta="right">{l.quantity}</Table.Td>
              <Table.Td ta="right">{money(l.unitPriceMinor, order.currency)}</Table.Td>
              <Table.Td ta="right">
                <Badge variant="light" color={full ? 'teal' : l.allocated > 0 ? 'yellow' : 'gray'} data-testid="line-allocated">
                  {l.allocated} / {l.quantity - l.shipped}
                </Badge>
              </Table.Td>
              <Table.Td>
                {allocs.length === 0 ? (
                  <Text size="xs" c="dimmed">
                    —
                  </Text>
                ) : (
                  <Stack gap={2}>
                    {allocs.map((a) => (
                      <Text key={a.id} size="xs" className="mono" style={{ whiteSpace: 'nowrap' }}>
                        {a.reserved} × {a.path}
                        {a.lot ? ` · lot ${a.lot}` : ''}
                        {a.expiry ? ` · exp ${formatDate(a.expiry)}` : ''}
                      </Text>
                    ))}
                  </Stack>
                )}
              </Table.Td>
              <Table.Td ta="right">{l.shipped}</Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
