import type { ordersApi } from '../../shared/api/orders';
import type { Handlers } from '../core/router';
import { allocateAll, allocateOrder } from './allocate';
import { createOrder, importCsv } from './create';
import type { OrdersEnv } from './env';
import { cancelOrder, holdOrder, unholdOrder } from './lifecycle';
import { overrideWeight, packScan, packSession, packUndo, setBox, weigh } from './packing';
import { createPickList, getPickList, pickScan, pickShort } from './picking';
import { getOrder, listOrders, orderEvents } from './repo';
import { configureOrders, loadOrdersSettings } from './settings';
import { labelData, shipOrder } from './ship';

export type OrderHandlers = Pick<Handlers, keyof typeof ordersApi>;

/** The orders part of the API. A change is announced (orders.changed) only after its transaction committed. */
export function orderHandlers(env: OrdersEnv): OrderHandlers {
  const changed = <T>(v: T, orderIds: number[]): T => {
    env.bus.emit('orders.changed', { orderIds });
    return v;
  };
  return {
    'orders.create': (i, c) => {
      const o = createOrder(env, c, i);
      return changed(o, [o.id]);
    },
    'orders.importCsv': (i, c) => {
      const r = importCsv(env, c, i);
      return changed(r, r.orders.map((o) => o.orderId));
    },
    'orders.get': (i) => getOrder(env, i.id),
    'orders.list': (i) => listOrders(env, i),
    'orders.events': (i) => orderEvents(env, i.orderId),
    'orders.allocate': (i, c) => changed(allocateOrder(env, c, i.orderId), [i.orderId]),
    'orders.allocateAll': (_i, c) => {
      const r = allocateAll(env, c);
      return changed(r, r.orders.map((o) => o.orderId));
    },
    'orders.cancel': (i, c) => changed(cancelOrder(env, c, i.orderId, i.reason), [i.orderId]),
    'orders.hold': (i, c) => changed(holdOrder(env, c, i.orderId, i.reason), [i.orderId]),
    'orders.unhold': (i, c) => changed(unholdOrder(env, c, i.orderId), [i.orderId]),
    'orders.pickList': (i, c) => {
      const r = createPickList(env, c, i);
      return changed(r, r.orderIds);
    },
    'orders.getPickList': (i) => getPickList(env, i.pickListId),
    'orders.pickScan': (i, c) => {
      const r = pickScan(env, c, i);
      return changed(r, r.orderIds);
    },
    'orders.pickShort': (i, c) => {
      const r = pickShort(env, c, i);
      return changed(r, r.orderIds);
    },
    'orders.packSession': (i) => packSession(env, i.code),
    'orders.packScan': (i, c) => changed(packScan(env, c, i), [i.orderId]),
    'orders.packUndo': (i, c) => changed(packUndo(env, c, i), [i.orderId]),
    'orders.setBox': (i, c) => changed(setBox(env, c, i), [i.orderId]),
    'orders.weigh': (i, c) => changed(weigh(env, c, i), [i.orderId]),
    'orders.overrideWeight': (i, c) => changed(overrideWeight(env, c, i), [i.orderId]),
    'orders.ship': (i, c) => {
      const r = shipOrder(env, c, i);
      return r.replayed ? r : changed(r, [i.orderId]);
    },
    'orders.labelData': (i, c) => labelData(env, c, i),
    'orders.settings': () => loadOrdersSettings(env.sql),
    'orders.configure': (i) => configureOrders(env.sql, i),
  };
}
