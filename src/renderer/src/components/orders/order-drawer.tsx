import { Alert, Button, Drawer, Group, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconBolt, IconHandStop, IconPlayerPlay, IconRoute, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import type { Order } from '../../../../shared/api/orders';
import { call } from '../../api/client';
import { useApi } from '../../hooks/use-api';
import { useEvent } from '../../hooks/use-event';
import { navigate } from '../../hooks/use-route';
import { useSubmit } from '../../hooks/use-submit';
import { formatDateTime, money } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';
import { FormError } from '../form-error';
import { PoReasonModal } from '../purchasing/po-reason-modal';
import { OrderEventsTable } from './order-events-table';
import { OrderLinesTable } from './order-lines-table';
import { OrderStatusBadge } from './order-status-badge';

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </div>
  );
}

const FINAL = new Set(['shipped', 'cancelled', 'partially_shipped']);

/** One order: lines with their allocation (and why not), history, and what can be done with it now. */
export function OrderDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  return (
    <Drawer opened={id !== null} onClose={onClose} position="right" size={880} title={null} padding="lg" data-testid="order-drawer">
      {id !== null ? <OrderDetail key={id} id={id} /> : null}
    </Drawer>
  );
}

function OrderDetail({ id }: { id: number }) {
  const order = useApi('orders.get', { id });
  useEvent('orders.changed', (e) => {
    if (e.orderIds.includes(id)) order.reload();
  });
  const action = useSubmit();
  const [asking, setAsking] = useState<'hold' | 'cancel' | null>(null);

  if (!order.data) return order.error ? <Alert color="red">{order.error.message}</Alert> : <Loader />;
  const o: Order = order.data;
  const canAllocate = o.status === 'new' || o.status === 'backordered';
  const canHold = o.status !== 'on_hold' && !FINAL.has(o.status);
  const canCancel = !FINAL.has(o.status);

  const run = async (what: 'allocate' | 'unhold' | 'hold' | 'cancel', reason = '') => {
    const r = await action.submit(() =>
      what === 'allocate'
        ? call('orders.allocate', { orderId: id })
        : what === 'unhold'
          ? call('orders.unhold', { orderId: id })
          : what === 'hold'
            ? call('orders.hold', { orderId: id, reason })
            : call('orders.cancel', { orderId: id, reason }),
    );
    if (!r) return;
    setAsking(null);
    const title = { allocate: r.status === 'allocated' ? 'Allocated' : 'Not fully allocated', unhold: 'Off hold', hold: 'On hold', cancel: 'Cancelled' }[what];
    notifySuccess(title, r.allocationNote && what === 'allocate' ? `${r.number}: ${r.allocationNote}` : r.number);
    order.reload();
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <div>
          <Group gap="sm">
            <Title order={3} className="mono" data-testid="order-number">
              {o.number}
            </Title>
            <OrderStatusBadge status={o.status} size="lg" />
          </Group>
          <Text size="sm" c="dimmed">
            {o.customer.name} · {o.channel}
            {o.externalId ? ` ${o.externalId}` : ''} · {money(o.totalMinor, o.currency)}
          </Text>
        </div>
        <Group gap="xs">
          {canAllocate ? (
            <Button leftSection={<IconBolt size={16} />} loading={action.submitting} onClick={() => void run('allocate')} data-testid="order-allocate">
              Allocate
            </Button>
          ) : null}
          {o.status === 'allocated' ? (
            <Button variant="light" leftSection={<IconRoute size={16} />} onClick={() => navigate(`/pick?orders=${o.id}`)} data-testid="order-pick">
              Pick
            </Button>
          ) : null}
          {o.status === 'on_hold' ? (
            <Button variant="light" leftSection={<IconPlayerPlay size={16} />} loading={action.submitting} onClick={() => void run('unhold')} data-testid="order-unhold">
              Take off hold
            </Button>
          ) : null}
          {canHold ? (
            <Button variant="default" leftSection={<IconHandStop size={16} />} onClick={() => setAsking('hold')} data-testid="order-hold">
              Hold
            </Button>
          ) : null}
          {canCancel ? (
            <Button variant="default" color="red" leftSection={<IconX size={16} />} onClick={() => setAsking('cancel')} data-testid="order-cancel">
              Cancel
            </Button>
          ) : null}
        </Group>
      </Group>
      {asking === null ? <FormError error={action.error} /> : null}
      {o.allocationNote ? (
        <Alert color="orange" variant="light" title="Not fully allocated" data-testid="allocation-note">
          {o.allocationNote}
        </Alert>
      ) : null}
      {o.status === 'on_hold' ? (
        <Alert color="yellow" variant="light" title="On hold">
          {o.holdReason}
          {o.heldFrom ? ` (was ${o.heldFrom.replace('_', ' ')})` : ''}
        </Alert>
      ) : null}
      {o.cancelReason ? (
        <Alert color="red" variant="light" title="Cancelled">
          {o.cancelReason}
        </Alert>
      ) : null}
      <SimpleGrid cols={3}>
        <Fact label="Ship to">
          {[o.shipTo.name, o.shipTo.company, o.shipTo.line1, o.shipTo.line2, [o.shipTo.postalCode, o.shipTo.city].join(' '), o.shipTo.region, o.shipTo.country]
            .filter(Boolean)
            .map((l, i) => (
              <div key={i}>{l}</div>
            ))}
        </Fact>
        <Fact label="Customer">
          <div>{o.customer.name}</div>
          <div>{o.customer.email ?? '—'}</div>
        </Fact>
        <Fact label="Created">
          <div>{formatDateTime(o.createdAt)}</div>
          {o.tote ? <div>Tote {o.tote}</div> : null}
          {o.shipment ? (
            <div>
              Shipped {o.shipment.carrier} {o.shipment.trackingNumber}
            </div>
          ) : null}
        </Fact>
      </SimpleGrid>
      <div>
        <Title order={5} mb={4}>
          Lines
        </Title>
        <OrderLinesTable order={o} />
      </div>
      <div>
        <Title order={5} mb={4}>
          History
        </Title>
        <OrderEventsTable order={o} />
      </div>
      <PoReasonModal
        opened={asking !== null}
        title={asking === 'hold' ? `Hold ${o.number}` : `Cancel ${o.number}`}
        explanation={
          asking === 'hold'
            ? 'A held order keeps its reserved stock but cannot be picked, packed or shipped until it is taken off hold.'
            : 'Cancelling releases every unit reserved for this order. It cannot be undone.'
        }
        confirmLabel={asking === 'hold' ? 'Hold order' : 'Cancel order'}
        required
        submitting={action.submitting}
        error={action.error}
        onConfirm={(reason) => asking && void run(asking, reason)}
        onClose={() => {
          setAsking(null);
          action.reset();
        }}
      />
    </Stack>
  );
}
