import type { Order, OrderStatus } from '../../shared/api/orders';
import type { CallContext } from '../core/context';
import { release } from '../ledger/stock-ops';
import type { OrdersEnv } from './env';
import { addEvent, allocationsOf, assertStatus, orderRow, setOrder, toOrder } from './repo';

/** Cancels what is left of an order: every unit it still holds goes back to available, in one transaction. */
export function cancelOrder(env: OrdersEnv, ctx: CallContext, orderId: number, reason: string): Order {
  return env.sql.tx(() => {
    const o = orderRow(env.sql, orderId);
    assertStatus(o, ['new', 'allocated', 'picking', 'packed', 'on_hold', 'backordered', 'partially_shipped'], 'cancel');
    const released: { reservationId: number; quantity: number }[] = [];
    for (const a of allocationsOf(env.sql, orderId)) {
      if (a.reserved === 0) continue;
      release(env, ctx, { reservationId: a.reservation_id, note: `${o.number} cancelled` });
      released.push({ reservationId: a.reservation_id, quantity: a.reserved });
    }
    setOrder(env, orderId, { status: 'cancelled', held_from: null, cancelled_at: env.clock.now().toISOString(), cancel_reason: reason, tote: null });
    addEvent(env, ctx, orderId, 'cancel', { reason, data: { released } });
    return toOrder(env, orderRow(env.sql, orderId));
  });
}

const HOLDABLE: readonly OrderStatus[] = ['new', 'allocated', 'picking', 'packed', 'backordered', 'partially_shipped'];

/** A held order keeps its reservations (the stock stays promised) but no step can move it on. */
export function holdOrder(env: OrdersEnv, ctx: CallContext, orderId: number, reason: string): Order {
  return env.sql.tx(() => {
    const o = orderRow(env.sql, orderId);
    assertStatus(o, HOLDABLE, 'put on hold');
    setOrder(env, orderId, { status: 'on_hold', held_from: o.status, hold_reason: reason });
    addEvent(env, ctx, orderId, 'hold', { reason, data: { from: o.status } });
    return toOrder(env, orderRow(env.sql, orderId));
  });
}

export function unholdOrder(env: OrdersEnv, ctx: CallContext, orderId: number): Order {
  return env.sql.tx(() => {
    const o = orderRow(env.sql, orderId);
    assertStatus(o, ['on_hold'], 'release from hold');
    const back = (o.held_from as OrderStatus | null) ?? 'new';
    setOrder(env, orderId, { status: back, held_from: null, hold_reason: null });
    addEvent(env, ctx, orderId, 'unhold', { data: { to: back } });
    return toOrder(env, orderRow(env.sql, orderId));
  });
}
