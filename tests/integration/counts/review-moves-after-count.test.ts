import { afterEach, describe, expect, it } from 'vitest';
import { makeCore, seedBasic, type TestCore } from '../../helpers/core';

let c: TestCore;
afterEach(() => c?.close());

const onHand = (itemId: number, locationId: number) => c.ok('stock.balances', { itemId, locationId }).reduce((n, b) => n + b.onHand, 0);

describe('review: stock moved into a bin after that bin was counted', () => {
  it('a transfer between two counted bins after both were counted posts no loss', () => {
    c = makeCore();
    const s = seedBasic(c);
    const pen = c.ok('catalog.create', { sku: 'PEN-1', name: 'Pen', costMinor: 100, priceMinor: 200 });
    c.ok('stock.receive', { itemId: s.mug.id, locationId: s.a1.id, quantity: 10, unitCostMinor: 250 });
    c.ok('stock.receive', { itemId: pen.id, locationId: s.a2.id, quantity: 3, unitCostMinor: 100 });
    const cs = c.ok('counts.create', { scope: 'bin', locationIds: [s.a1.id, s.a2.id] });
    c.ok('counts.enter', { sessionId: cs.id, locationId: s.a1.id, itemId: s.mug.id, counted: 10 });
    c.clock.advance(60_000);
    c.ok('counts.enter', { sessionId: cs.id, locationId: s.a2.id, itemId: pen.id, counted: 3 });
    c.clock.advance(60_000);
    // Both bins are counted; then 4 mugs move from A-01 to A-02 (where no mug was when it was counted).
    c.ok('stock.transfer', { itemId: s.mug.id, fromLocationId: s.a1.id, toLocationId: s.a2.id, quantity: 4 });
    c.clock.advance(60_000);
    const review = c.ok('counts.submit', { sessionId: cs.id });
    // Nothing is missing: the mugs in A-02 arrived after A-02 was counted, so they are no variance.
    expect(review.lines.filter((l) => l.variance !== 0)).toEqual([]);
    c.ok('counts.post', { sessionId: cs.id });
    expect(onHand(s.mug.id, s.a1.id)).toBe(6);
    expect(onHand(s.mug.id, s.a2.id)).toBe(4);
    expect(c.ok('system.check', {}).ok).toBe(true);
  });

  it('a receipt of a new item into a counted bin before submit is not counted as missing; an unfound item still is', () => {
    c = makeCore();
    const s = seedBasic(c);
    const pen = c.ok('catalog.create', { sku: 'PEN-1', name: 'Pen', costMinor: 100, priceMinor: 200 });
    const cup = c.ok('catalog.create', { sku: 'CUP-1', name: 'Cup', costMinor: 300, priceMinor: 500 });
    c.ok('stock.receive', { itemId: s.mug.id, locationId: s.a1.id, quantity: 10, unitCostMinor: 250 });
    c.ok('stock.receive', { itemId: cup.id, locationId: s.a1.id, quantity: 2, unitCostMinor: 300 });
    const cs = c.ok('counts.create', { scope: 'bin', locationIds: [s.a1.id] });
    c.ok('counts.enter', { sessionId: cs.id, locationId: s.a1.id, itemId: s.mug.id, counted: 10 });
    c.clock.advance(60_000);
    c.ok('stock.receive', { itemId: pen.id, locationId: s.a1.id, quantity: 6, unitCostMinor: 100 });
    c.clock.advance(60_000);
    const review = c.ok('counts.submit', { sessionId: cs.id });
    expect(review.lines.map((l) => [l.sku, l.expected, l.counted, l.variance])).toEqual([
      ['MUG-1', 10, 10, 0],
      ['CUP-1', 2, 0, -2], // recorded when the bin was counted and not found
    ]);
  });
});
