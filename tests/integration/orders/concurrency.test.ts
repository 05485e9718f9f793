import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallContext } from '../../../src/main/core/context';
import { makeCore, tmpDir, type TestCore } from '../../helpers/core';
import { newOrder, seedOrders } from './seed';

const cores: TestCore[] = [];
afterEach(() => {
  while (cores.length) cores.pop()!.close();
});

const STATION_1: CallContext = { actor: 'sam', device: 'bench-1' };
const STATION_2: CallContext = { actor: 'kim', device: 'bench-2' };

describe('two stations competing for the last units', () => {
  it('gives the last 3 units to one order; the other is told why and cannot be packed or shipped', () => {
    const dir = tmpDir();
    const one = makeCore({ dir });
    cores.push(one);
    const s = seedOrders(one);
    one.ok('stock.receive', { itemId: s.mug.id, locationId: s.a01.id, quantity: 3, unitCostMinor: 250 });
    one.ok('orders.configure', { requireWeighing: false });
    // A second station: its own core and connection on the same ledger file.
    const two = makeCore({ dir, clock: one.clock });
    cores.push(two);
    expect(path.basename(two.file)).toBe('stockroom.db');
    const o1 = newOrder(one, [{ itemId: s.mug.id, quantity: 3 }]);
    const o2 = newOrder(two, [{ itemId: s.mug.id, quantity: 3 }]);
    expect([o1.number, o2.number]).toEqual(['SO-00001', 'SO-00002']);

    expect(one.ok('orders.allocate', { orderId: o1.id }, STATION_1).status).toBe('allocated');
    const lost = two.ok('orders.allocate', { orderId: o2.id }, STATION_2);
    expect(lost.status).toBe('backordered');
    expect(lost.allocationNote).toBe('Short by 3 × MUG-1 in every warehouse (MAIN: 3 on hand, 3 reserved for SO-00001; EAST: none on hand)');
    const open = two.call('orders.packSession', { code: 'SO-00002' }, STATION_2);
    expect(open.ok || [open.error.code, open.error.message]).toEqual(['ORDER_STATUS', 'SO-00002 is backordered: cannot be packed. Allocate it first']);
    const scan = two.call('orders.packScan', { orderId: o2.id, code: '4006381333931' }, STATION_2);
    expect(scan.ok || scan.error.code).toBe('ORDER_STATUS');
    const ship = two.call('orders.ship', { orderId: o2.id, carrier: 'DPD', service: 'Next day', trackingNumber: 'T2', weightGrams: 1350 }, STATION_2);
    expect(ship.ok || ship.error.code).toBe('NOT_PACKED');

    one.ok('orders.packScan', { orderId: o1.id, code: '4006381333931', quantity: 3 }, STATION_1);
    const shipped = one.ok('orders.ship', { orderId: o1.id, carrier: 'DPD', service: 'Next day', trackingNumber: 'T1', weightGrams: 1350 }, STATION_1);
    expect(shipped.movements.map((m) => [m.quantity, m.totalCostMinor, m.actor, m.device])).toEqual([[3, 750, 'sam', 'bench-1']]);
    // Station 2 allocating again now finds nothing on hand at all.
    expect(two.ok('orders.allocate', { orderId: o2.id }, STATION_2).allocationNote).toBe(
      'Short by 3 × MUG-1 in every warehouse (MAIN: none on hand; EAST: none on hand)',
    );
    expect(two.ok('stock.balances', { itemId: s.mug.id })).toEqual([]);
    expect(one.ok('system.check', {}).ok).toBe(true);
  });

  it('re-checks the reservations when shipping: a packed order whose stock went to another order is refused, nothing shipped', () => {
    const dir = tmpDir();
    const one = makeCore({ dir });
    cores.push(one);
    const s = seedOrders(one);
    one.ok('stock.receive', { itemId: s.mug.id, locationId: s.a01.id, quantity: 3, unitCostMinor: 250 });
    one.ok('orders.configure', { requireWeighing: false });
    const two = makeCore({ dir, clock: one.clock });
    cores.push(two);
    const o1 = newOrder(one, [{ itemId: s.mug.id, quantity: 3 }]);
    const o2 = newOrder(two, [{ itemId: s.mug.id, quantity: 3 }]);
    const a1 = one.ok('orders.allocate', { orderId: o1.id }, STATION_1);
    one.ok('orders.packScan', { orderId: o1.id, code: 'MUG-1', quantity: 3 }, STATION_1);
    // Meanwhile a supervisor at station 2 frees those units by hand and gives them to the other order.
    two.ok('stock.release', { reservationId: a1.allocations[0].reservationId }, STATION_2);
    expect(two.ok('orders.allocate', { orderId: o2.id }, STATION_2).status).toBe('allocated');
    two.ok('orders.packScan', { orderId: o2.id, code: 'MUG-1', quantity: 3 }, STATION_2);

    // Station 1 still shows SO-00001 packed; shipping it re-reads the ledger inside the transaction.
    const movementsBefore = one.ok('stock.movements', { itemId: s.mug.id }).length;
    const r = one.call('orders.ship', { orderId: o1.id, carrier: 'DPD', service: 'Next day', trackingNumber: 'T1', weightGrams: 1350 }, STATION_1);
    expect(r.ok || [r.error.code, r.error.message]).toEqual([
      'RESERVATION_LOST',
      '3 × MUG-1 from MAIN / A / A-01 are packed but only 0 are still reserved for SO-00001: the reservation was released elsewhere. Unpack them, or allocate again',
    ]);
    expect(one.ok('stock.movements', { itemId: s.mug.id }).length).toBe(movementsBefore);
    expect(one.ok('orders.get', { id: o1.id }).status).toBe('packed');

    two.ok('orders.ship', { orderId: o2.id, carrier: 'DPD', service: 'Next day', trackingNumber: 'T2', weightGrams: 1350 }, STATION_2);
    const out = one.ok('stock.movements', { itemId: s.mug.id }).filter((m) => m.reason === 'issue');
    expect(out.map((m) => [m.docRef, m.quantity])).toEqual([['SO-00002', 3]]);
    expect(one.ok('stock.balances', { itemId: s.mug.id })).toEqual([]);
    const again = one.call('orders.ship', { orderId: o1.id, carrier: 'DPD', service: 'Next day', trackingNumber: 'T1', weightGrams: 1350 }, STATION_1);
    expect(again.ok || again.error.code).toBe('RESERVATION_LOST');
    // Station 1 recovers: takes the units out (a reversal) and allocates again; nothing is left, so it is backordered.
    const lineId = one.ok('orders.get', { id: o1.id }).lines[0].id;
    expect(one.ok('orders.packUndo', { orderId: o1.id, lineId }, STATION_1).status).toBe('allocated');
    expect(one.ok('orders.allocate', { orderId: o1.id }, STATION_1).status).toBe('backordered');
    expect(one.ok('system.check', {}).ok).toBe(true);
  });
});
