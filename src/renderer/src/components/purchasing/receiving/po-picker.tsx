import { Anchor, Kbd, Paper, Table, Text, Title } from '@mantine/core';
import type { PurchaseOrder } from '../../../../../shared/api';
import { href } from '../../../hooks/use-route';
import { formatDateTime } from '../../../lib/format';
import { EmptyRow } from '../../empty-row';
import { PoStatusBadge } from '../po-status-badge';

/** The POs goods can arrive against: sent or partly received. Scanning the PO number on the delivery note picks it too. */
export function PoPicker({ orders, loading }: { orders: PurchaseOrder[]; loading: boolean }) {
  return (
    <Paper withBorder radius="md" p="md" data-testid="po-picker">
      <Title order={4}>Which order is this delivery for?</Title>
      <Text size="sm" c="dimmed" mb="sm">
        Scan the PO number on the delivery note (PO-…) or pick the order below. <Kbd size="xs">Tab</Kbd> and <Kbd size="xs">Enter</Kbd> open it.
      </Text>
      <Table highlightOnHover verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>PO</Table.Th>
            <Table.Th>Supplier</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th ta="right">Outstanding units</Table.Th>
            <Table.Th>Sent</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {orders.length === 0 && !loading ? <EmptyRow cols={5}>No order is waiting for goods. Send a draft first.</EmptyRow> : null}
          {orders.map((po) => (
            <Table.Tr key={po.id}>
              <Table.Td>
                <Anchor href={href(`/purchasing/receive?po=${po.id}`)} fw={600} className="mono">
                  {po.number}
                </Anchor>
              </Table.Td>
              <Table.Td>{po.supplierName}</Table.Td>
              <Table.Td>
                <PoStatusBadge status={po.status} />
              </Table.Td>
              <Table.Td ta="right">{po.lines.reduce((s, l) => s + l.outstanding, 0)}</Table.Td>
              <Table.Td>{po.sentAt ? formatDateTime(po.sentAt) : '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
