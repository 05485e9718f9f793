import { afterEach, describe, expect, it } from 'vitest';
import { makeCore, seedBasic, type TestCore } from '../../helpers/core';

let c: TestCore;
afterEach(() => c?.close());

const counts = (c: TestCore) => ({
  movements: (c.db.prepare('SELECT count(*) n FROM movements').get() as { n: number }).n,
  operations: (c.db.prepare('SELECT count(*) n FROM operations').get() as { n: number }).n,
  layers: (c.db.prepare('SELECT count(*) n FROM cost_layers').get() as { n: number }).n,
});

describe('receive, transfer, adjust, issue', () => {
  it('keeps balances, layers and FIFO cost exact through a day of work', () => {
    c = makeCore();
    const s = seedBasic(c);
    c.ok('stock.receive', { itemId: s.mug.id, locationId: s.a1.id, quantity: 10, unitCostMinor: 200 });
    c.clock.advance(3600_000);
    c.ok('stock.receive', { itemId: s.mug.id, locationId: s.a1.id, quantity: 5, unitCostMinor: 300 });
    const t = c.ok('stock.transfer', { itemId: s.mug.id, fromLocationId: s.a1.id, toLocationId: s.a2.id, quantity: 12 });
    // FIFO: 10 @ 200 and 2 @ 300 move
    expect(t.movements[0].totalCostMinor).toBe(10 * 200 + 2 * 300);
    const iss = c.ok('stock.issue', { itemId: s.mug.id, locationId: s.a2.id, quantity: 11, docRef: 'SO-1' });
    expect(iss.movements[0].totalCostMinor).toBe(10 * 200 + 1 * 300);
    expect(iss.movements[0].toPath).toBe('Customers');
    const adj = c.ok('stock.adjust', { itemId: s.mug.id, locationId: s.a1.id, quantity: -1, reason: 'damage' });
    expect(adj.movements[0].toPath).toBe('Scrap');
    const bal = c.ok('stock.balances', { itemId: s.mug.id });
    expect(bal.map((b) => [b.path, b.onHand])).toEqual([
      ['MAIN / A / A-01', 2],
      ['MAIN / A / A-02', 1],
    ]);
    const v = c.ok('stock.valuation', { itemId: s.mug.id });
    expect(v.quantity).toBe(3);
    expect(v.valueMinor).toBe(3 * 300);
    expect(c.ok('system.check', {}).ok).toBe(true);
  });

  it('keeps the receipt date of a layer across transfers', () => {
    c = makeCore();
    const s = seedBasic(c);
    c.ok('stock.receive', { itemId: s.mug.id, locationId: s.a1.id, quantity: 4, unitCostMinor: 100 });
    const received = c.clock.now().toISOString();
    c.clock.advance(86_400_000 * 30);
    c.ok('stock.transfer', { itemId: s.mug.id, fromLocationId: s.a1.id, toLocationId: s.b1.id, quantity: 4 });
    const layers = c.ok('stock.layers', { itemId: s.mug.id });
    expect(layers).toHaveLength(1);
    expect(layers[0].path).toBe('MAIN / B-01');
    expect(layers[0].receivedAt).toBe(received);
  });

  it('picks lots first-expiry-first-out and suggests them', () => {
    c = makeCore();
    const s = seedBasic(c);
    c.ok('stock.receive', { itemId: s.tea.id, locationId: s.a1.id, quantity: 5, lot: 'L-LATE', expiry: '2027-06-01' });
    c.ok('stock.receive', { itemId: s.tea.id, locationId: s.a1.id, quantity: 5, lot: 'L-EARLY', expiry: '2026-12-01' });
    const sug = c.ok('stock.fefo', { itemId: s.tea.id, quantity: 7 });
    expect(sug.picks.map((p) => [p.lot, p.quantity])).toEqual([
      ['L-EARLY', 5],
      ['L-LATE', 2],
    ]);
    const iss = c.ok('stock.issue', { itemId: s.tea.id, locationId: s.a1.id, quantity: 7 });
    expect(iss.movements.map((m) => [m.lot, m.quantity])).toEqual([
      ['L-EARLY', 5],
      ['L-LATE', 2],
    ]);
  });

  it('reserves, refuses to ship reserved stock to someone else, ships against the reservation', () => {
    c = makeCore();
    const s = seedBasic(c);
    c.ok('stock.receive', { itemId: s.mug.id, locationId: s.a1.id, quantity: 5 });
    const r = c.ok('stock.reserve', { itemId: s.mug.id, locationId: s.a1.id, quantity: 4, docRef: 'SO-7' });
    const refused = c.call('stock.issue', { itemId: s.mug.id, locationId: s.a1.id, quantity: 2 });
    expect(refused.ok || refused.error.code).toBe('INSUFFICIENT_AVAILABLE');
    c.ok('stock.issue', { itemId: s.mug.id, locationId: s.a1.id, quantity: 3, reservationId: r.reservationIds[0] });
    const b = c.ok('stock.balances', { itemId: s.mug.id })[0];
    expect([b.onHand, b.reserved, b.available]).toEqual([2, 1, 1]);
    c.ok('stock.release', { reservationId: r.reservationIds[0] });
    const b2 = c.ok('stock.balances', { itemId: s.mug.id })[0];
    expect([b2.onHand, b2.reserved, b2.available]).toEqual([2, 0, 2]);
    expect(c.ok('system.check', {}).ok).toBe(true);
  });

  it('returns the first result for a replayed idempotency key and writes nothing', () => {
    c = makeCore();
    const s = seedBasic(c);
    const first = c.ok('stock.receive', { itemId: s.mug.id, locationId: s.a1.id, quantity: 5, idempotencyKey: 'po-1-line-1' });
    const before = counts(c);
    const again = c.ok('stock.receive', { itemId: s.mug.id, locationId: s.a1.id, quantity: 5, idempotencyKey: 'po-1-line-1' });
    expect(again.replayed).toBe(true);
    expect(again.movements).toEqual(first.movements);
    expect(counts(c)).toEqual(before);
    const conflict = c.call('stock.receive', { itemId: s.mug.id, locationId: s.a1.id, quantity: 6, idempotencyKey: 'po-1-line-1' });
    expect(conflict.ok || conflict.error.code).toBe('IDEMPOTENCY_CONFLICT');
  });

  it('costs issues at the weighted moving average when set', () => {
    c = makeCore();
    const s = seedBasic(c);
    c.ok('settings.update', { costingMethod: 'average' });
    c.ok('stock.receive', { itemId: s.mug.id, locationId: s.a1.id, quantity: 3, unitCostMinor: 100 });
    c.ok('stock.receive', { itemId: s.mug.id, locationId: s.a1.id, quantity: 3, unitCostMinor: 201 });
    // avg = 903 / 6 = 150.5 → 2 units cost round(301) = 301
    const iss = c.ok('stock.issue', { itemId: s.mug.id, locationId: s.a1.id, quantity: 2 });
    expect(iss.movements[0].totalCostMinor).toBe(301);
    const rest = c.ok('stock.issue', { itemId: s.mug.id, locationId: s.a1.id, quantity: 4 });
    expect(rest.movements[0].totalCostMinor).toBe(903 - 301);
    expect(c.ok('stock.valuation', {}).valueMinor).toBe(0);
  });
});
