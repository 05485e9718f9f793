import { Table, Text } from '@mantine/core';
import type { PurchaseOrder } from '../../../../shared/api';
import { money } from '../../lib/format';

/** Ordered, received and still expected per line, with the money; closed-short lines say why. */
export function PoLinesTable({ po }: { po: PurchaseOrder }) {
  const cur = po.currency;
  return (
    <Table verticalSpacing={6} data-testid="po-lines">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>#</Table.Th>
          <Table.Th>Item</Table.Th>
          <Table.Th>Their SKU</Table.Th>
          <Table.Th ta="right">Ordered</Table.Th>
          <Table.Th ta="right">Unit cost</Table.Th>
          <Table.Th ta="right">Line total</Table.Th>
          <Table.Th ta="right">Received</Table.Th>
          <Table.Th ta="right">Outstanding</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {po.lines.map((l) => (
          <Table.Tr key={l.id} data-testid="po-line" data-sku={l.sku}>
            <Table.Td>{l.position}</Table.Td>
            <Table.Td>
              <Text size="sm" fw={600} className="mono">
                {l.sku}
              </Text>
              <Text size="xs" c="dimmed">
                {l.name}
              </Text>
            </Table.Td>
            <Table.Td className="mono">{l.supplierSku ?? '—'}</Table.Td>
            <Table.Td ta="right" data-testid="line-ordered">
              {l.quantity}
            </Table.Td>
            <Table.Td ta="right">{money(l.unitCostMinor, cur)}</Table.Td>
            <Table.Td ta="right">{money(l.lineTotalMinor, cur)}</Table.Td>
            <Table.Td ta="right" data-testid="line-received" c={l.received > l.quantity ? 'orange' : undefined}>
              {l.received}
            </Table.Td>
            <Table.Td ta="right" data-testid="line-outstanding">
              {l.outstanding}
              {l.closedReason ? (
                <Text size="xs" c="dimmed">
                  closed: {l.closedReason}
                </Text>
              ) : null}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
      <Table.Tfoot>
        <Table.Tr>
          <Table.Th colSpan={5} ta="right">
            Total ({po.lines.reduce((s, l) => s + l.quantity, 0)} units)
          </Table.Th>
          <Table.Th ta="right" data-testid="po-total">
            {money(po.totalMinor, cur)}
          </Table.Th>
          <Table.Th ta="right">{po.lines.reduce((s, l) => s + l.received, 0)}</Table.Th>
          <Table.Th ta="right">{po.lines.reduce((s, l) => s + l.outstanding, 0)}</Table.Th>
        </Table.Tr>
      </Table.Tfoot>
    </Table>
  );
}
