import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBolt, IconFileImport, IconPlus, IconRoute } from '@tabler/icons-react';
import { useState } from 'react';
import { call } from '../api/client';
import { ImportCsvModal } from '../components/orders/import-csv-modal';
import { NewOrderModal } from '../components/orders/new-order-modal';
import { OrderDrawer } from '../components/orders/order-drawer';
import { OrderList, isOrderFilter, type OrderFilter } from '../components/orders/order-list';
import { PageHeader } from '../components/page-header';
import { navigate } from '../hooks/use-route';
import { notifySuccess } from '../lib/notify';

const urlFor = (filter: OrderFilter, orderId: number | null) => {
  const q = new URLSearchParams();
  if (filter !== 'all') q.set('status', filter);
  if (orderId !== null) q.set('order', String(orderId));
  const s = q.toString();
  return s ? `/orders?${s}` : '/orders';
};

/** Sales orders: the list by status, new and imported orders, one order's detail, allocation and the way to picking. */
export function OrdersPage({ status, orderId }: { status: string | null; orderId: number | null }) {
  const filter: OrderFilter = isOrderFilter(status) ? status : 'all';
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const [selected, setSelected] = useState<number[]>([]);
  const [allocating, setAllocating] = useState(false);

  const runAllocateAll = async () => {
    setAllocating(true);
    const res = await call('orders.allocateAll', {});
    setAllocating(false);
    if (!res.ok) return void notifications.show({ color: 'red', title: 'Allocate all failed', message: res.error.message });
    const r = res.value;
    const ok = r.orders.filter((o) => o.status === 'allocated').length;
    notifySuccess('Allocate all', r.orders.length === 0 ? 'No new or backordered orders to allocate.' : `${ok} of ${r.orders.length} order${r.orders.length === 1 ? '' : 's'} fully allocated.`);
  };

  return (
    <>
      <PageHeader
        title="Orders"
        description="New → allocated → picking → packed → shipped. Allocate reserves stock; select allocated orders to pick them as a batch."
        actions={
          <>
            <Button
              variant="filled"
              color="indigo"
              leftSection={<IconRoute size={16} />}
              disabled={selected.length === 0}
              onClick={() => navigate(`/pick?orders=${selected.join(',')}`)}
              data-testid="pick-selected"
            >
              Pick selected ({selected.length})
            </Button>
            <Button variant="light" leftSection={<IconBolt size={16} />} loading={allocating} onClick={() => void runAllocateAll()} data-testid="allocate-all">
              Allocate all
            </Button>
            <Button variant="default" leftSection={<IconFileImport size={16} />} onClick={() => setImporting(true)} data-testid="import-csv">
              Import CSV
            </Button>
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)} data-testid="new-order">
              New order
            </Button>
          </>
        }
      />
      <OrderList
        filter={filter}
        onFilter={(f) => {
          setSelected([]);
          navigate(urlFor(f, null), { replace: true });
        }}
        onOpen={(id) => navigate(urlFor(filter, id))}
        selected={selected}
        onSelect={setSelected}
      />
      <OrderDrawer id={orderId} onClose={() => navigate(urlFor(filter, null))} />
      <NewOrderModal
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={(o) => {
          setCreating(false);
          notifySuccess('Order created', `${o.number} for ${o.customer.name}`);
          navigate(urlFor(filter, o.id));
        }}
      />
      <ImportCsvModal opened={importing} onClose={() => setImporting(false)} onImported={() => undefined} />
    </>
  );
}
