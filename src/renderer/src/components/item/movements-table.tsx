import { Badge, Group, Table, Text } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import type { Movement } from '../../../../shared/api';
import { formatDate, formatDateTime, formatQty, money, REASON_COLORS, REASON_LABELS } from '../../lib/format';
import { EmptyRow } from '../empty-row';

/** The ledger for one item, newest first: every change of stock is one row and nothing is ever edited. */
export function MovementsTable({ rows, currency }: { rows: Movement[]; currency: string }) {
  return (
    <Table.ScrollContainer minWidth={980}>
      <Table data-testid="movements-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>When</Table.Th>
            <Table.Th>Reason</Table.Th>
            <Table.Th>From → to</Table.Th>
            <Table.Th>Lot</Table.Th>
            <Table.Th className="num">Qty</Table.Th>
            <Table.Th className="num">Unit cost</Table.Th>
            <Table.Th className="num">Total cost</Table.Th>
            <Table.Th>Doc ref</Table.Th>
            <Table.Th>By</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.length === 0 ? <EmptyRow cols={9}>No movements yet.</EmptyRow> : null}
          {rows.map((m) => (
            <Table.Tr key={m.id} data-testid="movement-row" data-reason={m.reason} data-quantity={m.quantity}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(m.createdAt)}</Table.Td>
              <Table.Td>
                <Badge variant="light" color={REASON_COLORS[m.reason]}>
                  {REASON_LABELS[m.reason]}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  <Text size="sm">{m.fromPath}</Text>
                  <IconArrowRight size={14} color="var(--mantine-color-dimmed)" />
                  <Text size="sm">{m.toPath}</Text>
                </Group>
              </Table.Td>
              <Table.Td>
                {m.lot ? (
                  <Text size="sm" className="mono">
                    {m.lot}
                    {m.expiry ? (
                      <Text span size="xs" c="dimmed" ff="text">
                        {' '}
                        exp. {formatDate(m.expiry)}
                      </Text>
                    ) : null}
                  </Text>
                ) : (
                  <Text span c="dimmed">—</Text>
                )}
              </Table.Td>
              <Table.Td className="num" fw={600}>
                {formatQty(m.quantity)}
              </Table.Td>
              <Table.Td className="num">{money(m.unitCostMinor, currency)}</Table.Td>
              <Table.Td className="num">{money(m.totalCostMinor, currency)}</Table.Td>
              <Table.Td>{m.docRef ?? <Text span c="dimmed">—</Text>}</Table.Td>
              <Table.Td>
                <Text size="sm">{m.actor}</Text>
                <Text size="xs" c="dimmed">
                  {m.device}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
