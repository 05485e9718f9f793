import { Table, Text } from '@mantine/core';
import type { PurchaseOrder } from '../../../../../shared/api';

/** Per PO line: ordered, already received, in the receipt being built, and what would still be missing after it. */
export function PoProgressTable({ po, inReceipt, activeLineId }: { po: PurchaseOrder; inReceipt: Map<number, number>; activeLineId: number | null }) {
  return (
    <Table verticalSpacing={6} data-testid="po-progress">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Item</Table.Th>
          <Table.Th ta="right">Ordered</Table.Th>
          <Table.Th ta="right">Received</Table.Th>
          <Table.Th ta="right">This receipt</Table.Th>
          <Table.Th ta="right">Still missing</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {po.lines.map((l) => {
          const now = inReceipt.get(l.id) ?? 0;
          const missing = l.outstanding - now;
          return (
            <Table.Tr key={l.id} data-testid="progress-line" data-sku={l.sku} bg={l.id === activeLineId ? 'var(--mantine-primary-color-light)' : undefined}>
              <Table.Td>
                <Text size="sm" fw={600} className="mono">
                  {l.sku}
                </Text>
                <Text size="xs" c="dimmed" lineClamp={1}>
                  {l.name}
                </Text>
              </Table.Td>
              <Table.Td ta="right">{l.quantity}</Table.Td>
              <Table.Td ta="right" data-testid="progress-received">
                {l.received}
              </Table.Td>
              <Table.Td ta="right" fw={now ? 700 : undefined} data-testid="progress-now">
                {now || '—'}
              </Table.Td>
              <Table.Td ta="right" c={missing < 0 ? 'orange' : missing === 0 ? 'teal' : undefined} data-testid="progress-missing">
                {missing < 0 ? `${-missing} over` : l.closedReason ? 'closed' : missing}
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
