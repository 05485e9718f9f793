import { Badge, Table, Text } from '@mantine/core';
import type { Balance } from '../../../../shared/api';
import { formatDate, formatQty, localDate } from '../../lib/format';
import { EmptyRow } from '../empty-row';

/** Expired or within 30 days: shown in colour so a picker sees it before it ships. */
function ExpiryBadge({ expiry }: { expiry: string | null }) {
  if (!expiry) return <Text span c="dimmed">—</Text>;
  const today = localDate();
  const soon = localDate(30);
  const color = expiry < today ? 'red' : expiry <= soon ? 'orange' : undefined;
  return color ? (
    <Badge variant="light" color={color}>
      {formatDate(expiry)}
      {expiry < today ? ' · expired' : ''}
    </Badge>
  ) : (
    <>{formatDate(expiry)}</>
  );
}

export function BalancesTable({ rows, tracked }: { rows: Balance[]; tracked: boolean }) {
  const cols = tracked ? 6 : 4;
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table data-testid="balances-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Location</Table.Th>
            {tracked ? <Table.Th>Lot</Table.Th> : null}
            {tracked ? <Table.Th>Expiry</Table.Th> : null}
            <Table.Th className="num">On hand</Table.Th>
            <Table.Th className="num">Reserved</Table.Th>
            <Table.Th className="num">Available</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.length === 0 ? <EmptyRow cols={cols}>No stock anywhere. Receive some to see it here.</EmptyRow> : null}
          {rows.map((b) => (
            <Table.Tr key={`${b.locationId}-${b.lotId ?? 0}`} data-testid="balance-row" data-path={b.path}>
              <Table.Td>{b.path}</Table.Td>
              {tracked ? <Table.Td className="mono">{b.lot ?? '—'}</Table.Td> : null}
              {tracked ? (
                <Table.Td>
                  <ExpiryBadge expiry={b.expiry} />
                </Table.Td>
              ) : null}
              <Table.Td className="num" data-col="onHand">
                {formatQty(b.onHand)}
              </Table.Td>
              <Table.Td className="num">{formatQty(b.reserved)}</Table.Td>
              <Table.Td className="num" data-col="available">
                {formatQty(b.available)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
