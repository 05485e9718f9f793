import { afterEach, describe, expect, it } from 'vitest';
import { makeCore, type TestCore } from '../../helpers/core';
import { newOrder, seedOrders } from '../orders/seed';

let c: TestCore;
afterEach(() => c?.close());

/** 4 mugs in A-01; an order of 3 shipped, returned, received; 2 graded refurbish into A-10 (an ordinary bin). */
function refurbishing() {
  c = makeCore();
  const s = seedOrders(c);
  c.ok('orders.configure', { requireWeighing: false });
  c.ok('stock.receive', { itemId: s.mug.id, locationId: s.a01.id, quantity: 4, unitCostMinor: 250 });
  const o = newOrder(c, [{ itemId: s.mug.id, quantity: 3, unitPriceMinor: 600 }]);
  c.ok('orders.allocate', { orderId: o.id });
  c.ok('orders.packScan', { orderId: o.id, code: 'MUG-1', quantity: 3 });
  const line = c.ok('orders.ship', { orderId: o.id, carrier: 'RM', service: '24', trackingNumber: 'T1', weightGrams: 1050 }).order.lines[0];
  const rma = c.ok('returns.authorise', { orderId: o.id, reason: 'Faulty', lines: [{ orderLineId: line.id, quantity: 3 }] });
  c.ok('returns.receive', { returnId: rma.id });
  c.ok('returns.inspect', {
    returnLineId: rma.lines[0].id,
    grades: [
      { grade: 'refurbish', quantity: 2, locationId: s.a10.id },
      { grade: 'restock', quantity: 1, locationId: s.a02.id },
    ],
  });
  return { s, rma };
}

const bin = (itemId: number, locationId: number) => c.ok('stock.balances', { itemId, locationId }).map((b) => ({ onHand: b.onHand, reserved: b.reserved, available: b.available }));

describe('refurbish bins', () => {
  it('units waiting for refurbishment are on hand but not available: not allocated, not picked, not counted as sellable', () => {
    const { s } = refurbishing();
    expect(bin(s.mug.id, s.a10.id)).toEqual([{ onHand: 2, reserved: 2, available: 0 }]);
    expect(bin(s.mug.id, s.a02.id)).toEqual([{ onHand: 1, reserved: 0, available: 1 }]);
    // 1 left in A-01 + 1 restocked to A-02 are sellable; the 2 in refurbishment are not.
    expect(c.ok('stock.fefo', { itemId: s.mug.id, quantity: 4 })).toMatchObject({ shortBy: 2 });
    const o = newOrder(c, [{ itemId: s.mug.id, quantity: 3, unitPriceMinor: 600 }]);
    const allocated = c.ok('orders.allocate', { orderId: o.id });
    expect(allocated.lines[0]).toMatchObject({ allocated: 2, unallocated: 1 });
    const refused = c.call('stock.transfer', { itemId: s.mug.id, fromLocationId: s.a10.id, toLocationId: s.a01.id, quantity: 1 });
    expect(!refused.ok && refused.error.code).toBe('INSUFFICIENT_AVAILABLE');
    expect(c.ok('system.check', {}).ok).toBe(true);
  });

  it('restocking refurbished units releases exactly their hold and makes them available where they go', () => {
    const { s, rma } = refurbishing();
    c.ok('returns.restockRefurbished', { returnLineId: rma.lines[0].id, fromLocationId: s.a10.id, toLocationId: s.a01.id, quantity: 1, addedCostMinor: 30 });
    expect(bin(s.mug.id, s.a10.id)).toEqual([{ onHand: 1, reserved: 1, available: 0 }]);
    expect(bin(s.mug.id, s.a01.id)).toEqual([{ onHand: 2, reserved: 0, available: 2 }]);
    expect(c.ok('stock.reservations', { itemId: s.mug.id }).map((r) => [r.path, r.remaining, r.docRef])).toEqual([['MAIN / A / A-10', 1, 'RMA-00001 refurbish (line 1)']]);
    c.ok('returns.restockRefurbished', { returnLineId: rma.lines[0].id, fromLocationId: s.a10.id, toLocationId: s.a01.id, quantity: 1 });
    expect(bin(s.mug.id, s.a10.id)).toEqual([]);
    expect(c.ok('stock.reservations', { itemId: s.mug.id })).toEqual([]);
    expect(c.ok('system.check', {}).ok).toBe(true);
  });
});
