import { afterEach, describe, expect, it } from 'vitest';
import { makeCore, type TestCore } from '../../helpers/core';
import { newOrder, seedOrders } from './seed';

let c: TestCore;
afterEach(() => c?.close());

const allocs = (o: { allocations: { path: string; lot: string | null; reserved: number }[] }) => o.allocations.map((a) => [a.path, a.lot, a.reserved]);

describe('allocation across warehouses', () => {
  it('prefers one warehouse that can ship the whole order over a higher-priority one that cannot', () => {
    c = makeCore();
    const s = seedOrders(c);
    c.ok('stock.receive', { itemId: s.mug.id, locationId: s.a01.id, quantity: 5 });
    c.ok('stock.receive', { itemId: s.plate.id, locationId: s.a02.id, quantity: 1 });
    c.ok('stock.receive', { itemId: s.mug.id, locationId: s.e01.id, quantity: 4 });
    c.ok('stock.receive', { itemId: s.plate.id, locationId: s.e02.id, quantity: 2 });
    const o = newOrder(c, [
      { itemId: s.mug.id, quantity: 4, unitPriceMinor: 600 },
      { itemId: s.plate.id, quantity: 2, unitPriceMinor: 1200 },
    ]);
    expect(o.number).toBe('SO-00001');
    expect(o.status).toBe('new');
    expect(o.totalMinor).toBe(4 * 600 + 2 * 1200);
    const a = c.ok('orders.allocate', { orderId: o.id });
    expect(a.status).toBe('allocated');
    // MAIN (priority 10) has the mugs but only 1 plate: EAST ships all of it.
    expect(allocs(a)).toEqual([
      ['EAST / E-01', null, 4],
      ['EAST / E-02', null, 2],
    ]);
    expect(a.lines.map((l) => [l.allocated, l.unallocated, l.issues])).toEqual([
      [4, 0, []],
      [2, 0, []],
    ]);
    const e01 = c.ok('stock.balances', { locationId: s.e01.id })[0];
    expect([e01.onHand, e01.reserved, e01.available]).toEqual([4, 4, 0]);
    expect(c.ok('stock.reservations', { itemId: s.mug.id }).map((r) => [r.docRef, r.remaining])).toEqual([['SO-00001', 4]]);
    expect(c.ok('system.check', {}).ok).toBe(true);
  });

  it('splits by warehouse priority when no warehouse has it all, keeping a line whole where it can', () => {
    c = makeCore();
    const s = seedOrders(c);
    c.ok('stock.receive', { itemId: s.mug.id, locationId: s.a01.id, quantity: 3 });
    c.ok('stock.receive', { itemId: s.plate.id, locationId: s.a02.id, quantity: 2 });
    c.ok('stock.receive', { itemId: s.mug.id, locationId: s.e01.id, quantity: 4 });
    c.ok('stock.receive', { itemId: s.plate.id, locationId: s.e02.id, quantity: 5 });
    const o = newOrder(c, [
      { itemId: s.plate.id, quantity: 2 },
      { itemId: s.mug.id, quantity: 6 },
    ]);
    const a = c.ok('orders.allocate', { orderId: o.id });
    expect(a.status).toBe('allocated');
    // Plates: MAIN alone has 2 → MAIN. Mugs: 3 + 4 in two places → MAIN first (priority 10), the rest from EAST.
    expect(allocs(a)).toEqual([
      ['MAIN / A / A-02', null, 2],
      ['MAIN / A / A-01', null, 3],
      ['EAST / E-01', null, 3],
    ]);

    // Priority is configuration: with EAST first, its last mug goes before anything else.
    c.ok('locations.updateWarehouse', { id: s.east.id, priority: 5 });
    c.ok('stock.receive', { itemId: s.mug.id, locationId: s.a10.id, quantity: 10 });
    const o2 = newOrder(c, [{ itemId: s.mug.id, quantity: 1 }]);
    expect(allocs(c.ok('orders.allocate', { orderId: o2.id }))).toEqual([['EAST / E-01', null, 1]]);
  });

  it('says why an order cannot be allocated, per line, and backorders it (or leaves it new by setting)', () => {
    c = makeCore();
    const s = seedOrders(c);
    c.ok('stock.receive', { itemId: s.mug.id, locationId: s.a01.id, quantity: 2 });
    c.ok('catalog.update', { id: s.candle.id, patch: { active: false } });
    const first = newOrder(c, [{ itemId: s.mug.id, quantity: 2 }]);
    c.ok('orders.allocate', { orderId: first.id });
    const o = newOrder(c, [
      { itemId: s.mug.id, quantity: 3 },
      { itemId: s.candle.id, quantity: 1 },
    ]);
    const a = c.ok('orders.allocate', { orderId: o.id });
    expect(a.status).toBe('backordered');
    expect(a.allocations).toEqual([]);
    expect(a.lines.map((l) => l.issues)).toEqual([
      [{ code: 'short', shortBy: 3, message: 'Short by 3 × MUG-1 in every warehouse (MAIN: 2 on hand, 2 reserved for SO-00001; EAST: none on hand)' }],
      [{ code: 'item_inactive', shortBy: 1, message: 'CANDLE-1 is inactive: it cannot be allocated' }],
    ]);
    expect(a.allocationNote).toBe(
      'Short by 3 × MUG-1 in every warehouse (MAIN: 2 on hand, 2 reserved for SO-00001; EAST: none on hand); CANDLE-1 is inactive: it cannot be allocated',
    );

    c.ok('orders.configure', { whenShort: 'stay_new' });
    const o3 = newOrder(c, [{ itemId: s.plate.id, quantity: 1 }]);
    const a3 = c.ok('orders.allocate', { orderId: o3.id });
    expect(a3.status).toBe('new');
    expect(a3.lines[0].issues[0].message).toBe('Short by 1 × PLATE-1 in every warehouse (MAIN: none on hand; EAST: none on hand)');
  });

  it('reserves what there is of a short order, or nothing when partial reservations are off', () => {
    c = makeCore();
    const s = seedOrders(c);
    c.ok('stock.receive', { itemId: s.mug.id, locationId: s.a01.id, quantity: 2 });
    c.ok('stock.receive', { itemId: s.plate.id, locationId: s.e01.id, quantity: 1 });
    c.ok('orders.configure', { reservePartial: false });
    const o = newOrder(c, [
      { itemId: s.mug.id, quantity: 5 },
      { itemId: s.plate.id, quantity: 1 },
    ]);
    const a = c.ok('orders.allocate', { orderId: o.id });
    expect(a.status).toBe('backordered');
    expect(a.allocations).toEqual([]);
    expect(a.lines.map((l) => [l.unallocated, l.issues[0]?.message])).toEqual([
      [5, 'Short by 3 × MUG-1 in every warehouse (MAIN: 2 on hand, 0 reserved; EAST: none on hand)'],
      [1, '1 × PLATE-1 not reserved: the order cannot be filled completely and partial reservations are off'],
    ]);
    expect(c.ok('stock.balances', { itemId: s.mug.id })[0].reserved).toBe(0);

    c.ok('orders.configure', { reservePartial: true });
    const b = c.ok('orders.allocate', { orderId: o.id });
    expect(b.status).toBe('backordered');
    expect(allocs(b)).toEqual([
      ['MAIN / A / A-01', null, 2],
      ['EAST / E-01', null, 1],
    ]);
    expect(b.lines.map((l) => [l.allocated, l.unallocated])).toEqual([
      [2, 3],
      [1, 0],
    ]);
    expect(b.lines[0].issues[0].message).toBe('Short by 3 × MUG-1 in every warehouse (MAIN: 2 on hand, 2 reserved for SO-00001; EAST: none on hand)');
    // Stock arrives: allocating again reserves only the missing 3.
    c.ok('stock.receive', { itemId: s.mug.id, locationId: s.a02.id, quantity: 3 });
    const r = c.ok('orders.allocateAll', {});
    expect(r.orders.map((x) => [x.number, x.status, x.allocationNote])).toEqual([['SO-00001', 'allocated', null]]);
    expect(allocs(c.ok('orders.get', { id: o.id }))).toEqual([
      ['MAIN / A / A-01', null, 2],
      ['MAIN / A / A-02', null, 3],
      ['EAST / E-01', null, 1],
    ]);
    expect(c.ok('system.check', {}).ok).toBe(true);
  });
});

describe('bins and lots within a warehouse', () => {
  it('takes lots first-expiry-first-out across bins, the ledger choosing the lot in each bin', () => {
    c = makeCore();
    const s = seedOrders(c);
    c.ok('stock.receive', { itemId: s.tea.id, locationId: s.a01.id, quantity: 5, lot: 'L-LATE', expiry: '2027-06-01' });
    c.ok('stock.receive', { itemId: s.tea.id, locationId: s.a02.id, quantity: 3, lot: 'L-EARLY', expiry: '2026-12-01' });
    c.ok('stock.receive', { itemId: s.tea.id, locationId: s.a10.id, quantity: 4, lot: 'L-MID', expiry: '2027-01-15' });
    c.ok('stock.receive', { itemId: s.tea.id, locationId: s.a10.id, quantity: 4, lot: 'L-MID2', expiry: '2027-03-01' });
    const o = newOrder(c, [{ itemId: s.tea.id, quantity: 9 }]);
    const a = c.ok('orders.allocate', { orderId: o.id });
    // 3 of L-EARLY (Dec), 4 of L-MID (Jan), then 2 of L-MID2 (Mar) from the same bin, before L-LATE (Jun).
    expect(allocs(a)).toEqual([
      ['MAIN / A / A-02', 'L-EARLY', 3],
      ['MAIN / A / A-10', 'L-MID', 4],
      ['MAIN / A / A-10', 'L-MID2', 2],
    ]);
    expect(a.allocations.map((x) => x.expiry)).toEqual(['2026-12-01', '2027-01-15', '2027-03-01']);
  });

  it('takes untracked stock oldest receipt first, not by bin name', () => {
    c = makeCore();
    const s = seedOrders(c);
    c.ok('stock.receive', { itemId: s.mug.id, locationId: s.a10.id, quantity: 2 });
    c.clock.advance(86_400_000);
    c.ok('stock.receive', { itemId: s.mug.id, locationId: s.a01.id, quantity: 5 });
    const a = c.ok('orders.allocate', { orderId: newOrder(c, [{ itemId: s.mug.id, quantity: 3 }]).id });
    expect(allocs(a)).toEqual([
      ['MAIN / A / A-10', null, 2],
      ['MAIN / A / A-01', null, 1],
    ]);
  });

  it('releases every reservation when an order is cancelled, and holds without releasing', () => {
    c = makeCore();
    const s = seedOrders(c);
    c.ok('stock.receive', { itemId: s.mug.id, locationId: s.a01.id, quantity: 2 });
    c.ok('stock.receive', { itemId: s.mug.id, locationId: s.e01.id, quantity: 2 });
    const o = newOrder(c, [{ itemId: s.mug.id, quantity: 3 }]);
    c.ok('orders.allocate', { orderId: o.id });
    const held = c.ok('orders.hold', { orderId: o.id, reason: 'Address check' });
    expect([held.status, held.heldFrom, held.holdReason]).toEqual(['on_hold', 'allocated', 'Address check']);
    expect(c.ok('stock.reservations', { itemId: s.mug.id }).reduce((n, r) => n + r.remaining, 0)).toBe(3);
    const refused = c.call('orders.pickList', { orderIds: [o.id] });
    expect(refused.ok || [refused.error.code, refused.error.message]).toEqual(['ORDER_STATUS', 'SO-00001 is on hold (Address check): cannot be picked']);
    expect(c.ok('orders.unhold', { orderId: o.id }).status).toBe('allocated');
    const x = c.ok('orders.cancel', { orderId: o.id, reason: 'Customer changed their mind' });
    expect(x.status).toBe('cancelled');
    expect(x.allocations.map((a) => [a.path, a.quantity, a.reserved])).toEqual([
      ['MAIN / A / A-01', 2, 0],
      ['EAST / E-01', 1, 0],
    ]);
    expect(c.ok('stock.reservations', { itemId: s.mug.id })).toEqual([]);
    expect(c.ok('stock.balances', { itemId: s.mug.id }).map((b) => [b.path, b.reserved, b.available])).toEqual([
      ['EAST / E-01', 0, 2],
      ['MAIN / A / A-01', 0, 2],
    ]);
    const again = c.call('orders.cancel', { orderId: o.id, reason: 'again' });
    expect(again.ok || again.error.code).toBe('ORDER_STATUS');
    const ev = c.ok('orders.events', { orderId: o.id });
    expect(ev.map((e) => [e.kind, e.actor, e.device])).toEqual([
      ['created', 'tester', 'vitest'],
      ['allocate', 'tester', 'vitest'],
      ['hold', 'tester', 'vitest'],
      ['unhold', 'tester', 'vitest'],
      ['cancel', 'tester', 'vitest'],
    ]);
    expect(c.ok('system.check', {}).ok).toBe(true);
  });
});
