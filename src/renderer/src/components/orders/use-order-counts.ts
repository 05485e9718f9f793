import { useCallback, useEffect, useState } from 'react';
import { ORDER_STATUSES, type OrderStatus } from '../../../../shared/api/orders';
import { call } from '../../api/client';

export type OrderCounts = Partial<Record<OrderStatus | 'all', number>>;

/** How many orders each status holds (one cheap list call per status: the list returns its total). */
export function useOrderCounts(query: string): { counts: OrderCounts; reload: () => void } {
  const [counts, setCounts] = useState<OrderCounts>({});
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  useEffect(() => {
    let live = true;
    const q = query.trim() || undefined;
    void Promise.all([
      call('orders.list', { query: q, limit: 1 }).then((r) => ['all', r.ok ? r.value.total : undefined] as const),
      ...ORDER_STATUSES.map((status) => call('orders.list', { status, query: q, limit: 1 }).then((r) => [status, r.ok ? r.value.total : undefined] as const)),
    ]).then((pairs) => {
      if (live) setCounts(Object.fromEntries(pairs) as OrderCounts);
    });
    return () => {
      live = false;
    };
  }, [query, version]);
  return { counts, reload };
}
