import { afterEach, describe, expect, it } from 'vitest';
import { makeCore, type TestCore } from '../../helpers/core';
import { newOrder, seedOrders } from './seed';

let c: TestCore;
afterEach(() => c?.close());

describe('partial shipment of a backordered order', () => {
  it('ships what is allocated when allowed, then the rest when it arrives, cost of goods adding up per line', () => {
    c = makeCore();
    const s = seedOrders(c);
    const changed: number[][] = [];
    c.bus.on('orders.changed', (e) => changed.push(e.orderIds));
    c.ok('orders.configure', { allowPartialShipment: true, requireWeighing: false });
    c.ok('stock.receive', { itemId: s.mug.id, locationId: s.a01.id, quantity: 2, unitCostMinor: 250 });
    const o = newOrder(c, [{ itemId: s.mug.id, quantity: 3, unitPriceMinor: 600 }]);
    expect(c.ok('orders.allocate', { orderId: o.id }).status).toBe('backordered');
    expect(c.ok('orders.packScan', { orderId: o.id, code: 'MUG-1', quantity: 2 }).status).toBe('packed');
    const first = c.ok('orders.ship', { orderId: o.id, carrier: 'RM', service: '24', trackingNumber: 'T1', weightGrams: 1000 });
    expect([first.order.status, first.order.lines[0].shipped, first.order.lines[0].unallocated, first.cogsMinor]).toEqual(['partially_shipped', 2, 1, 500]);

    c.ok('stock.receive', { itemId: s.mug.id, locationId: s.a02.id, quantity: 1, unitCostMinor: 270 });
    expect(c.ok('orders.allocate', { orderId: o.id }).status).toBe('allocated');
    const bench = c.ok('orders.packSession', { code: 'SO-00001' });
    expect(bench.lines.map((l) => [l.expected, l.packed])).toEqual([[1, 0]]);
    c.ok('orders.packScan', { orderId: o.id, code: 'MUG-1' });
    const second = c.ok('orders.ship', { orderId: o.id, carrier: 'RM', service: '24', trackingNumber: 'T2', weightGrams: 400 });
    expect([second.order.status, second.order.lines[0].shipped, second.order.lines[0].cogsMinor, second.cogsMinor]).toEqual(['shipped', 3, 500 + 270, 270]);
    expect(c.ok('system.check', {}).ok).toBe(true);
    expect(changed.length).toBeGreaterThanOrEqual(7);
    expect(changed.every((ids) => ids.length === 1 && ids[0] === o.id)).toBe(true);
  });
});
