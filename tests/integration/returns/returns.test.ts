import { afterEach, describe, expect, it } from 'vitest';
import { spreadCost } from '../../../src/main/ledger/layered';
import { makeCore, type TestCore } from '../../helpers/core';
import { count, newOrder, seedOrders } from '../orders/seed';

let c: TestCore;
afterEach(() => c?.close());

const DAY = 86_400_000;

/** Mugs received 2 @ 250 (day 0) and 2 @ 300 (day 1) into A-01; an order of 3 shipped: FIFO cost 2×250 + 300 = 800. */
function shipped() {
  c = makeCore();
  const s = seedOrders(c);
  c.ok('orders.configure', { requireWeighing: false });
  c.ok('stock.receive', { itemId: s.mug.id, locationId: s.a01.id, quantity: 2, unitCostMinor: 250 });
  const day0 = c.clock.now().toISOString();
  c.clock.advance(DAY);
  c.ok('stock.receive', { itemId: s.mug.id, locationId: s.a01.id, quantity: 2, unitCostMinor: 300 });
  c.clock.advance(DAY);
  const o = newOrder(c, [{ itemId: s.mug.id, quantity: 3, unitPriceMinor: 600 }]);
  c.ok('orders.allocate', { orderId: o.id });
  c.ok('orders.packScan', { orderId: o.id, code: 'MUG-1', quantity: 3 });
  const ship = c.ok('orders.ship', { orderId: o.id, carrier: 'RM', service: '24', trackingNumber: 'T1', weightGrams: 1050 });
  expect(ship.cogsMinor).toBe(800);
  return { s, o, line: ship.order.lines[0], day0 };
}

const snap = () => ({
  movements: count(c, 'movements'),
  operations: count(c, 'operations'),
  returns: count(c, 'returns'),
  lines: count(c, 'return_lines'),
  steps: count(c, 'return_steps'),
  refunds: count(c, 'return_refunds'),
  layers: c.db.prepare('SELECT id, remaining FROM cost_layers ORDER BY id').all(),
  balances: c.db.prepare('SELECT * FROM balances ORDER BY item_id, location_id, lot_key').all(),
});

const value = (locationId?: number) => c.ok('stock.valuation', locationId ? { locationId } : {}).valueMinor;

describe('returns: authorise, receive into limbo, grade', () => {
  it('brings units back at the original issue cost, then restock / refurbish / write off each move that exact cost', () => {
    const { s, o, line, day0 } = shipped();
    const limbo = (c.db.prepare("SELECT id FROM locations WHERE virtual_kind = 'returns_limbo'").get() as { id: number }).id;
    expect(value()).toBe(300); // 1 × 300 left in A-01

    const rma = c.ok('returns.authorise', { orderId: o.id, reason: 'Customer changed mind', lines: [{ orderLineId: line.id, quantity: 3 }] });
    expect([rma.number, rma.status, rma.customerName, rma.lines[0].quantity]).toEqual(['RMA-00001', 'authorised', 'Ada Lovelace', 3]);

    // Received in two parcels: the first unit carries the first issued cost (250), the next two 250 + 300.
    const r1 = c.ok('returns.receive', { returnId: rma.id, lines: [{ returnLineId: rma.lines[0].id, quantity: 1 }] });
    expect(r1.movements.map((m) => [m.fromPath, m.toPath, m.quantity, m.totalCostMinor, m.reason, m.docRef])).toEqual([['Customers', 'Returns awaiting inspection', 1, 250, 'reversal', 'RMA-00001']]);
    const r2 = c.ok('returns.receive', { returnId: rma.id });
    expect(r2.movements.map((m) => [m.quantity, m.totalCostMinor])).toEqual([[2, 550]]);
    expect(r2.rma.lines[0]).toMatchObject({ received: 3, inLimbo: 3, receivedCostMinor: 800 });
    expect(value(limbo)).toBe(800);
    expect(value()).toBe(1100);
    // Not available: no bin balance, nothing to allocate.
    expect(c.ok('stock.balances', { itemId: s.mug.id }).map((b) => [b.path, b.available])).toEqual([['MAIN / A / A-01', 1]]);
    // Limbo layers keep the original receipt dates (age survives the round trip).
    const limboLayers = c.ok('stock.layers', { itemId: s.mug.id }).filter((l) => l.locationId === limbo);
    expect(limboLayers.map((l) => [l.quantityRemaining, l.unitCostMinor, l.receivedAt === day0])).toEqual([
      [1, 250, true],
      [1, 250, true],
      [1, 300, false],
    ]);
    c.clock.advance(3 * DAY);
    expect(c.ok('returns.limbo', {}).map((x) => [x.number, x.quantity, x.valueMinor, x.ageDays])).toEqual([['RMA-00001', 3, 800, 3]]);

    // Grades: oldest units first: restock 1 (250) to A-02, refurbish 1 (250) to A-10, write off 1 (300).
    const g = c.ok('returns.inspect', {
      returnLineId: rma.lines[0].id,
      grades: [
        { grade: 'restock', quantity: 1, locationId: s.a02.id },
        { grade: 'refurbish', quantity: 1, locationId: s.a10.id },
        { grade: 'write_off', quantity: 1 },
      ],
    });
    expect(g.movements.map((m) => [m.toPath, m.quantity, m.totalCostMinor, m.reason])).toEqual([
      ['MAIN / A / A-02', 1, 250, 'transfer'],
      ['MAIN / A / A-10', 1, 250, 'transfer'],
      ['Scrap', 1, 300, 'damage'],
    ]);
    expect(g.rma.status).toBe('inspected');
    expect(g.rma.lines[0]).toMatchObject({ inLimbo: 0, restocked: 1, refurbish: 1, writtenOff: 1, writeOffMinor: 300 });
    expect(value(limbo)).toBe(0);
    expect(value(s.a02.id)).toBe(250);
    expect(value(s.a10.id)).toBe(250);
    expect(value()).toBe(1100 - 300);
    expect(c.ok('returns.limbo', {})).toEqual([]);

    // The refurbished unit restocked with £0.45 of work added: it is worth 295 now, still dated day 0.
    const rf = c.ok('returns.restockRefurbished', { returnLineId: rma.lines[0].id, fromLocationId: s.a10.id, toLocationId: s.a02.id, quantity: 1, addedCostMinor: 45 });
    expect(rf.movements.map((m) => [m.fromPath, m.toPath, m.totalCostMinor])).toEqual([['MAIN / A / A-10', 'MAIN / A / A-02', 295]]);
    expect(rf.rma.lines[0]).toMatchObject({ refurbished: 1, addedCostMinor: 45 });
    expect(value(s.a02.id)).toBe(545);
    expect(value()).toBe(845);
    const a02 = c.ok('stock.layers', { itemId: s.mug.id }).filter((l) => l.locationId === s.a02.id);
    expect(a02.map((l) => [l.unitCostMinor, l.receivedAt === day0])).toEqual([
      [250, true],
      [295, true],
    ]);

    const refunded = c.ok('returns.refund', { returnId: rma.id, amountMinor: 1800, reason: 'Full refund' });
    expect([refunded.refundMinor, refunded.refunds[0].reason]).toEqual([1800, 'Full refund']);
    // 3 × £6.00 were sold: a second refund (a double submit) is refused and writes nothing.
    const beforeAgain = snap();
    const again = c.call('returns.refund', { returnId: rma.id, amountMinor: 1, reason: 'Full refund' });
    expect(again.ok).toBe(false);
    if (!again.ok) {
      expect(again.error.code).toBe('VALIDATION');
      expect(again.error.message).toBe('RMA-00001 was sold for £18.00 and £18.00 is already refunded: at most £0.00 more');
      expect(again.error.fields).toEqual({ amountMinor: 'At most £0.00' });
    }
    expect(snap()).toEqual(beforeAgain);
    expect(c.ok('system.check', {})).toMatchObject({ ok: true, problems: [] });
  });

  it('refuses a return of more than was shipped (less already authorised), and over-grading, writing nothing', () => {
    const { s, o, line } = shipped();
    const before = snap();
    const over = c.call('returns.authorise', { orderId: o.id, reason: 'Damaged', lines: [{ orderLineId: line.id, quantity: 4 }] });
    expect(over.ok).toBe(false);
    if (!over.ok) {
      expect(over.error.code).toBe('OVER_RETURN');
      expect(over.error.message).toBe('Cannot return 4 × MUG-1 on SO-00001: 3 shipped, 0 already returned or authorised, so at most 3');
      expect(over.error.fields).toEqual({ 'lines.0.quantity': 'At most 3' });
    }
    // Two lines of one request count together.
    const split = c.call('returns.authorise', { orderId: o.id, reason: 'Damaged', lines: [{ orderLineId: line.id, quantity: 2 }, { orderLineId: line.id, quantity: 2 }] });
    expect(!split.ok && split.error.code).toBe('OVER_RETURN');
    expect(snap()).toEqual(before);

    const rma = c.ok('returns.authorise', { orderId: o.id, reason: 'Damaged', lines: [{ orderLineId: line.id, quantity: 2 }] });
    const again = c.call('returns.authorise', { orderId: o.id, reason: 'Damaged', lines: [{ orderLineId: line.id, quantity: 2 }] });
    expect(!again.ok && again.error.message).toBe('Cannot return 2 × MUG-1 on SO-00001: 3 shipped, 2 already returned or authorised, so at most 1');

    const afterAuth = snap();
    const tooMany = c.call('returns.receive', { returnId: rma.id, lines: [{ returnLineId: rma.lines[0].id, quantity: 3 }] });
    expect(!tooMany.ok && tooMany.error.code).toBe('OVER_RETURN');
    const notYet = c.call('returns.inspect', { returnLineId: rma.lines[0].id, grades: [{ grade: 'write_off', quantity: 1 }] });
    expect(!notYet.ok && notYet.error.message).toBe('Cannot grade 1 × MUG-1 of RMA-00001: only 0 received and awaiting inspection');
    const noBin = c.call('returns.inspect', { returnLineId: rma.lines[0].id, grades: [{ grade: 'restock', quantity: 1 }] });
    expect(!noBin.ok && noBin.error.code).toBe('VALIDATION');
    expect(snap()).toEqual(afterAuth);

    c.ok('returns.receive', { returnId: rma.id });
    const afterReceive = snap();
    // 1 restock to a real bin, then 2 more than remain: the whole request is refused, the first grade too.
    const partial = c.call('returns.inspect', {
      returnLineId: rma.lines[0].id,
      grades: [
        { grade: 'restock', quantity: 1, locationId: s.a02.id },
        { grade: 'write_off', quantity: 2 },
      ],
    });
    expect(!partial.ok && partial.error.code).toBe('OVER_RETURN');
    const zone = c.call('returns.inspect', { returnLineId: rma.lines[0].id, grades: [{ grade: 'restock', quantity: 1, locationId: s.zone.id }] });
    expect(!zone.ok && zone.error.code).toBe('NOT_A_BIN');
    expect(snap()).toEqual(afterReceive);
    expect(c.ok('system.check', {}).ok).toBe(true);
  });

  it('takes an unexpected return at the given cost and writes it off', () => {
    c = makeCore();
    const s = seedOrders(c);
    const rma = c.ok('returns.authorise', { customerName: 'Unknown sender', reason: 'Parcel with no paperwork', lines: [{ itemId: s.plate.id, quantity: 2, unitCostMinor: 410 }] });
    expect([rma.orderId, rma.customerName]).toEqual([null, 'Unknown sender']);
    const r = c.ok('returns.receive', { returnId: rma.id, idempotencyKey: 'rx-1' });
    expect(r.movements.map((m) => [m.quantity, m.totalCostMinor])).toEqual([[2, 820]]);
    // A retry after a lost answer writes nothing more.
    expect(c.ok('returns.receive', { returnId: rma.id, idempotencyKey: 'rx-1' }).movements).toEqual(r.movements);
    expect(value()).toBe(820);
    const w = c.ok('returns.inspect', { returnLineId: rma.lines[0].id, grades: [{ grade: 'write_off', quantity: 2 }] });
    expect(w.rma.lines[0].writeOffMinor).toBe(820);
    expect(value()).toBe(0);
    // Lot-tracked items need their lot.
    const tea = c.call('returns.authorise', { reason: 'x', lines: [{ itemId: s.tea.id, quantity: 1 }] });
    expect(!tea.ok && tea.error.code).toBe('LOT_REQUIRED');
    expect(c.ok('system.check', {}).ok).toBe(true);
  });

  it('the ledger check sees limbo layers that disagree with the limbo balance', () => {
    c = makeCore();
    const s = seedOrders(c);
    const rma = c.ok('returns.authorise', { reason: 'x', lines: [{ itemId: s.mug.id, quantity: 2, unitCostMinor: 250 }] });
    c.ok('returns.receive', { returnId: rma.id });
    expect(c.ok('system.check', {}).ok).toBe(true);
    c.db.prepare("UPDATE cost_layers SET remaining = 1 WHERE location_id = (SELECT id FROM locations WHERE virtual_kind = 'returns_limbo')").run();
    const check = c.ok('system.check', {});
    expect(check.ok).toBe(false);
    expect(check.problems.some((p) => p.includes('open cost layers hold 1 but on hand is 2'))).toBe(true);
  });
});

describe('spreadCost', () => {
  it('adds a cost over units in whole minor units, cheaper units first', () => {
    const p = (q: number, u: number) => ({ layerId: null, lotId: null, quantity: q, unitCostMinor: u, receivedAt: 'x' });
    expect(spreadCost([p(2, 100), p(1, 200)], 10).map((x) => [x.quantity, x.unitCostMinor])).toEqual([
      [2, 103],
      [1, 204],
    ]);
    const out = spreadCost([p(3, 100)], 7);
    expect(out.reduce((n, x) => n + x.quantity * x.unitCostMinor, 0)).toBe(307);
  });
});
