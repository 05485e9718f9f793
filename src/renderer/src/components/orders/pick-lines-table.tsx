import { Badge, Table, Text } from '@mantine/core';
import type { PickList } from '../../../../shared/api/orders';
import { formatDate } from '../../lib/format';
import { PickShortButton } from './pick-short-button';

/** The pick list in walking order (bin path), the line to do now highlighted, a "Short" button on every open line. */
export function PickLinesTable({ list, busy, onShort }: { list: PickList; busy: boolean; onShort: (lineId: number, found: number) => Promise<boolean> }) {
  return (
    <Table verticalSpacing="xs" highlightOnHover data-testid="pick-lines">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={40}>#</Table.Th>
          <Table.Th>Bin</Table.Th>
          <Table.Th>Item</Table.Th>
          <Table.Th>Lot</Table.Th>
          <Table.Th>Order</Table.Th>
          <Table.Th ta="right">Qty</Table.Th>
          <Table.Th ta="right">Picked</Table.Th>
          <Table.Th>State</Table.Th>
          <Table.Th />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {list.lines.map((l) => {
          const current = list.next?.lineId === l.id;
          const remaining = l.quantity - l.picked - l.short;
          return (
            <Table.Tr
              key={l.id}
              data-testid="pick-line"
              data-path={l.path}
              data-sku={l.sku}
              data-done={l.done}
              bg={current ? 'var(--mantine-color-blue-light)' : undefined}
              style={{ opacity: l.done ? 0.6 : 1 }}
            >
              <Table.Td c="dimmed">{l.seq}</Table.Td>
              <Table.Td>
                <Text fw={current ? 700 : 500} className="mono" size="sm">
                  {l.path}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" fw={600} className="mono">
                  {l.sku}
                </Text>
                <Text size="xs" c="dimmed">
                  {l.name}
                </Text>
              </Table.Td>
              <Table.Td>
                {l.lot ? (
                  <>
                    <Text size="sm" className="mono">
                      {l.lot}
                    </Text>
                    {l.expiry ? (
                      <Text size="xs" c="dimmed">
                        exp {formatDate(l.expiry)}
                      </Text>
                    ) : null}
                  </>
                ) : (
                  <Text size="sm" c="dimmed">
                    —
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm" className="mono">
                  {l.orderNumber}
                </Text>
                {l.tote ? (
                  <Text size="xs" c="dimmed">
                    tote {l.tote}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td ta="right" fw={600}>
                {l.quantity}
              </Table.Td>
              <Table.Td ta="right" data-testid="pick-picked">
                {l.picked}
              </Table.Td>
              <Table.Td>
                {l.done ? (
                  <Badge color={l.short > 0 ? 'orange' : 'teal'} variant="light">
                    {l.short > 0 ? `${l.short} short` : 'Picked'}
                  </Badge>
                ) : current ? (
                  <Badge color="blue">Scan {list.next?.expect}</Badge>
                ) : (
                  <Badge color="gray" variant="light">
                    To pick
                  </Badge>
                )}
              </Table.Td>
              <Table.Td ta="right">{l.done ? null : <PickShortButton remaining={remaining} disabled={busy} onShort={(found) => onShort(l.id, found)} />}</Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
