import { afterEach, describe, expect, it } from 'vitest';
import { makeCore, type TestCore } from '../../helpers/core';
import { gs1, newOrder, seedOrders } from '../orders/seed';

let c: TestCore;
afterEach(() => c?.close());

describe('review: returns keep lots and costs', () => {
  it('a return of a lot-tracked order line comes back in the lots that were shipped and is restocked in them', () => {
    c = makeCore();
    const s = seedOrders(c);
    c.ok('orders.configure', { requireWeighing: false });
    c.ok('stock.receive', { itemId: s.tea.id, locationId: s.a01.id, quantity: 2, unitCostMinor: 120, lot: 'L1', expiry: '2027-01-01' });
    c.ok('stock.receive', { itemId: s.tea.id, locationId: s.a01.id, quantity: 2, unitCostMinor: 130, lot: 'L2', expiry: '2027-06-01' });
    const o = newOrder(c, [{ itemId: s.tea.id, quantity: 3, unitPriceMinor: 450 }]);
    c.ok('orders.allocate', { orderId: o.id });
    c.ok('orders.packScan', { orderId: o.id, code: gs1('5000000000012', 'L1'), quantity: 2 });
    c.ok('orders.packScan', { orderId: o.id, code: gs1('5000000000012', 'L2'), quantity: 1 });
    const ship = c.ok('orders.ship', { orderId: o.id, carrier: 'RM', service: '24', trackingNumber: 'T1', weightGrams: 330 });
    expect(ship.cogsMinor).toBe(2 * 120 + 130);
    const rma = c.ok('returns.authorise', { orderId: o.id, reason: 'Wrong tea', lines: [{ orderLineId: ship.order.lines[0].id, quantity: 3 }] });
    const rec = c.ok('returns.receive', { returnId: rma.id });
    expect(rec.movements.map((m) => [m.lot ?? null, m.quantity, m.totalCostMinor])).toEqual([
      ['L1', 2, 240],
      ['L2', 1, 130],
    ]);
    c.ok('returns.inspect', { returnLineId: rma.lines[0].id, grades: [{ grade: 'restock', quantity: 3, locationId: s.a02.id }] });
    const back = c.ok('stock.balances', { itemId: s.tea.id, locationId: s.a02.id }).map((b) => [b.lot, b.onHand]);
    expect(back).toEqual([
      ['L1', 2],
      ['L2', 1],
    ]);
    expect(c.ok('stock.valuation', { locationId: s.a02.id }).valueMinor).toBe(370);
    expect(c.ok('system.check', {}).ok).toBe(true);
  });

  it('under average costing a partial return of a shipment at a fractional average comes back in whole minor units', () => {
    c = makeCore();
    c.ok('settings.update', { costingMethod: 'average' });
    const s = seedOrders(c);
    c.ok('orders.configure', { requireWeighing: false });
    c.ok('stock.receive', { itemId: s.mug.id, locationId: s.a01.id, quantity: 1, unitCostMinor: 100 });
    c.ok('stock.receive', { itemId: s.mug.id, locationId: s.a01.id, quantity: 2, unitCostMinor: 101 });
    const o = newOrder(c, [{ itemId: s.mug.id, quantity: 3, unitPriceMinor: 600 }]);
    c.ok('orders.allocate', { orderId: o.id });
    c.ok('orders.packScan', { orderId: o.id, code: 'MUG-1', quantity: 3 });
    const ship = c.ok('orders.ship', { orderId: o.id, carrier: 'RM', service: '24', trackingNumber: 'T1', weightGrams: 1050 });
    const rma = c.ok('returns.authorise', { orderId: o.id, reason: 'Chipped', lines: [{ orderLineId: ship.order.lines[0].id, quantity: 2 }] });
    const r1 = c.ok('returns.receive', { returnId: rma.id, lines: [{ returnLineId: rma.lines[0].id, quantity: 1 }] });
    const r2 = c.ok('returns.receive', { returnId: rma.id });
    for (const m of [...r1.movements, ...r2.movements]) expect(Number.isInteger(m.totalCostMinor)).toBe(true);
    c.ok('returns.inspect', { returnLineId: rma.lines[0].id, grades: [{ grade: 'restock', quantity: 1, locationId: s.a02.id }, { grade: 'write_off', quantity: 1 }] });
    expect(Number.isInteger(c.ok('stock.valuation', {}).valueMinor)).toBe(true);
    expect(c.ok('system.check', {}).ok).toBe(true);
  });
});

describe('review: refurbishment cost reaches the books', () => {
  it('the valuation as of today equals the live one, and the journals carry the added refurbishment cost', () => {
    c = makeCore();
    const s = seedOrders(c);
    c.ok('orders.configure', { requireWeighing: false });
    c.clock.t = new Date('2026-03-02T10:00:00.000Z');
    c.ok('stock.receive', { itemId: s.mug.id, locationId: s.a01.id, quantity: 3, unitCostMinor: 250 });
    const o = newOrder(c, [{ itemId: s.mug.id, quantity: 2, unitPriceMinor: 600 }]);
    c.ok('orders.allocate', { orderId: o.id });
    c.ok('orders.packScan', { orderId: o.id, code: 'MUG-1', quantity: 2 });
    const ship = c.ok('orders.ship', { orderId: o.id, carrier: 'RM', service: '24', trackingNumber: 'T1', weightGrams: 700 });
    c.clock.t = new Date('2026-03-05T10:00:00.000Z');
    const rma = c.ok('returns.authorise', { orderId: o.id, reason: 'Dented', lines: [{ orderLineId: ship.order.lines[0].id, quantity: 2 }] });
    c.ok('returns.receive', { returnId: rma.id });
    c.ok('returns.inspect', { returnLineId: rma.lines[0].id, grades: [{ grade: 'refurbish', quantity: 2, locationId: s.a10.id }] });
    c.clock.t = new Date('2026-03-06T10:00:00.000Z');
    c.ok('returns.restockRefurbished', { returnLineId: rma.lines[0].id, fromLocationId: s.a10.id, toLocationId: s.a02.id, quantity: 2, addedCostMinor: 90 });
    const live = c.ok('stock.valuation', {}).valueMinor;
    expect(live).toBe(3 * 250 + 90);
    c.clock.t = new Date('2026-04-02T10:00:00.000Z');
    expect(c.ok('reports.valuation', { asOf: '2026-03-31' }).valueMinor).toBe(live);
    const out = c.ok('reports.journal', { from: '2026-03-01', to: '2026-03-31', format: 'xero' });
    const rows = out.csv.trim().split('\r\n').slice(1).map((r) => r.split(','));
    const inventory = rows.filter((r) => r[3] === '630').reduce((t, r) => t + Math.round(Number(r[5]) * 100), 0);
    expect(inventory).toBe(live);
  });
});
