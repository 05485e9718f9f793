import { Alert, Anchor, Button, Group, Loader, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconRoute } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { Order } from '../../../../shared/api/orders';
import { call } from '../../api/client';
import { href, navigate } from '../../hooks/use-route';
import { useSubmit } from '../../hooks/use-submit';
import { FormError } from '../form-error';
import { OrderStatusBadge } from './order-status-badge';

/** The orders chosen for a pick list, a tote per order if wanted, and the button that creates the list. */
export function PickCreate({ orderIds }: { orderIds: number[] }) {
  const [orders, setOrders] = useState<Order[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [totes, setTotes] = useState<Record<number, string>>({});
  const create = useSubmit();

  useEffect(() => {
    let live = true;
    void Promise.all(orderIds.map((id) => call('orders.get', { id }))).then((rs) => {
      if (!live) return;
      const bad = rs.find((r) => !r.ok);
      if (bad && !bad.ok) setLoadError(bad.error.message);
      setOrders(rs.flatMap((r) => (r.ok ? [r.value] : [])));
    });
    return () => {
      live = false;
    };
  }, [orderIds.join(',')]);

  if (orderIds.length === 0)
    return (
      <Alert color="blue" variant="light" title="No orders chosen">
        Select allocated orders on the <Anchor href={href('/orders?status=allocated')}>Orders</Anchor> page, then “Pick selected”.
      </Alert>
    );
  if (!orders) return <Loader />;
  const notReady = orders.filter((o) => o.status !== 'allocated');

  const run = async () => {
    const pl = await create.submit(() =>
      call('orders.pickList', {
        orderIds,
        totes: Object.entries(totes)
          .filter(([, t]) => t.trim())
          .map(([orderId, tote]) => ({ orderId: Number(orderId), tote: tote.trim() })),
      }),
    );
    if (pl) navigate(`/pick?list=${pl.id}`, { replace: true });
  };

  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap="sm">
        {loadError ? <Alert color="red">{loadError}</Alert> : null}
        <FormError error={create.error} />
        {notReady.length ? (
          <Alert color="yellow" variant="light">
            Only allocated orders can be picked: {notReady.map((o) => `${o.number} is ${o.status.replace('_', ' ')}`).join(', ')}.
          </Alert>
        ) : null}
        <Table verticalSpacing="xs" data-testid="pick-orders">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Order</Table.Th>
              <Table.Th>Customer</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th ta="right">Units</Table.Th>
              <Table.Th w={200}>Tote (optional)</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {orders.map((o) => (
              <Table.Tr key={o.id}>
                <Table.Td className="mono" fw={600}>
                  {o.number}
                </Table.Td>
                <Table.Td>{o.customer.name}</Table.Td>
                <Table.Td>
                  <OrderStatusBadge status={o.status} />
                </Table.Td>
                <Table.Td ta="right">{o.lines.reduce((s, l) => s + l.quantity, 0)}</Table.Td>
                <Table.Td>
                  <TextInput size="xs" placeholder="Scan a tote" value={totes[o.id] ?? ''} onChange={(e) => setTotes((t) => ({ ...t, [o.id]: e.currentTarget.value }))} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            The list is sorted by bin path; the lot of each line is the one reserved (first expiry, else oldest stock).
          </Text>
          <Button leftSection={<IconRoute size={16} />} loading={create.submitting} disabled={notReady.length > 0 || orders.length === 0} onClick={() => void run()} data-testid="create-pick-list">
            Create pick list ({orders.length} order{orders.length === 1 ? '' : 's'})
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
