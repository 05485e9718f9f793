import { Table, Text } from '@mantine/core';
import type { CostLayer } from '../../../../shared/api';
import { formatDateTime, formatQty, money } from '../../lib/format';
import { EmptyRow } from '../empty-row';

/** Open FIFO layers: what the stock on hand cost, receipt by receipt; issues consume the oldest first. */
export function LayersTable({ rows, currency }: { rows: CostLayer[]; currency: string }) {
  const total = rows.reduce((s, l) => s + l.valueMinor, 0);
  const qty = rows.reduce((s, l) => s + l.quantityRemaining, 0);
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table data-testid="layers-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Received</Table.Th>
            <Table.Th>Location</Table.Th>
            <Table.Th>Lot</Table.Th>
            <Table.Th className="num">Unit cost</Table.Th>
            <Table.Th className="num">Received qty</Table.Th>
            <Table.Th className="num">Remaining</Table.Th>
            <Table.Th className="num">Value</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.length === 0 ? <EmptyRow cols={7}>No open cost layers.</EmptyRow> : null}
          {rows.map((l) => (
            <Table.Tr key={l.id} data-testid="layer-row">
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(l.receivedAt)}</Table.Td>
              <Table.Td>{l.path}</Table.Td>
              <Table.Td className="mono">{l.lot ?? <Text span c="dimmed">—</Text>}</Table.Td>
              <Table.Td className="num">{money(l.unitCostMinor, currency)}</Table.Td>
              <Table.Td className="num">{formatQty(l.quantityIn)}</Table.Td>
              <Table.Td className="num">{formatQty(l.quantityRemaining)}</Table.Td>
              <Table.Td className="num">{money(l.valueMinor, currency)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
        {rows.length ? (
          <Table.Tfoot>
            <Table.Tr>
              <Table.Th colSpan={5}>Total</Table.Th>
              <Table.Th className="num">{formatQty(qty)}</Table.Th>
              <Table.Th className="num">{money(total, currency)}</Table.Th>
            </Table.Tr>
          </Table.Tfoot>
        ) : null}
      </Table>
    </Table.ScrollContainer>
  );
}
