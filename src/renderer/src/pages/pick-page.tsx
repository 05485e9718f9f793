import { PickCreate } from '../components/orders/pick-create';
import { PickSessionView } from '../components/orders/pick-session-view';
import { PageHeader } from '../components/page-header';
import { Anchor } from '@mantine/core';
import { href } from '../hooks/use-route';

/** Picking: #/pick?orders=1,2 makes a pick list for those allocated orders; #/pick?list=7 works it by scan. */
export function PickPage({ orders, listId }: { orders: number[]; listId: number | null }) {
  return (
    <>
      <PageHeader
        above={
          <Anchor href={href('/orders')} size="sm">
            ← Orders
          </Anchor>
        }
        title={listId ? 'Pick list' : 'New pick list'}
        description={listId ? 'Scan the bin, then the item. A wrong bin or item is refused and changes nothing.' : 'One walk through the warehouse for these orders, in bin order.'}
      />
      {listId ? <PickSessionView key={listId} pickListId={listId} /> : <PickCreate orderIds={orders} />}
    </>
  );
}
