import { afterEach, describe, expect, it } from 'vitest';
import { makeCore, seedBasic, type TestCore } from '../../helpers/core';

let c: TestCore;
afterEach(() => c?.close());

const DAY = 86_400_000;
const cells = (b: { quantity: number; valueMinor: number }[]) => b.map((x) => [x.quantity, x.valueMinor]);

describe('counts.aging', () => {
  it('ages open FIFO layers from their receipt date, kept across transfers, with dead stock and clearance', () => {
    c = makeCore(); // day 0 = 2026-01-05T09:00Z
    const s = seedBasic(c);
    const bolt = c.ok('catalog.create', { sku: 'BOLT-1', name: 'Bolt', costMinor: 100, priceMinor: 300 });
    c.ok('stock.receive', { itemId: s.mug.id, locationId: s.a1.id, quantity: 5, unitCostMinor: 200 });
    c.ok('stock.receive', { itemId: bolt.id, locationId: s.a2.id, quantity: 10, unitCostMinor: 100 });

    // Day 100 (2026-04-15): 3 more mugs at £3; 4 of the day-0 mugs move to B-01 (FIFO), 2 bolts are sold.
    c.clock.advance(100 * DAY);
    c.ok('stock.receive', { itemId: s.mug.id, locationId: s.a1.id, quantity: 3, unitCostMinor: 300 });
    c.ok('stock.transfer', { itemId: s.mug.id, fromLocationId: s.a1.id, toLocationId: s.b1.id, quantity: 4 });
    c.ok('stock.issue', { itemId: bolt.id, locationId: s.a2.id, quantity: 2 });

    let r = c.ok('counts.aging', {});
    expect(r.buckets.map((b) => b.label)).toEqual(['0–30', '31–60', '61–90', '91–180', '181–365', '>365']);
    const b1 = r.rows.find((x) => x.locationId === s.b1.id)!;
    // The transferred mugs are 100 days old in B-01, not 0: the receipt date travelled with them.
    expect(b1).toMatchObject({ sku: 'MUG-1', quantity: 4, valueMinor: 800, oldestReceivedAt: '2026-01-05T09:00:00.000Z' });
    expect(cells(b1.buckets)).toEqual([[0, 0], [0, 0], [0, 0], [4, 800], [0, 0], [0, 0]]);
    const a1 = r.rows.find((x) => x.locationId === s.a1.id)!;
    expect(cells(a1.buckets)).toEqual([[3, 900], [0, 0], [0, 0], [1, 200], [0, 0], [0, 0]]);

    // Day 200 (2026-07-24).
    c.clock.advance(100 * DAY);
    r = c.ok('counts.aging', {});
    expect(r.asOf).toBe('2026-07-24T09:00:00.000Z');
    // Day-0 layers (mug 4 + 1 at £2, bolt 8 at £1) are 200 days old; the day-100 mugs (3 at £3) are 100.
    expect(cells(r.buckets)).toEqual([[0, 0], [0, 0], [0, 0], [3, 900], [13, 1800], [0, 0]]);
    expect(r.rows.map((x) => [x.sku, x.path, x.quantity, x.valueMinor])).toEqual([
      ['MUG-1', 'MAIN / A / A-01', 4, 1100],
      ['MUG-1', 'MAIN / B-01', 4, 800],
      ['BOLT-1', 'MAIN / A / A-02', 8, 800],
    ]);
    expect(r.items.map((x) => [x.sku, x.quantity, x.valueMinor, x.lastSaleAt, x.daysSinceSale, x.dead])).toEqual([
      ['BOLT-1', 8, 800, '2026-04-15T09:00:00.000Z', 100, false],
      ['MUG-1', 8, 1900, null, null, true],
    ]);
    // The mug never sold and has been in stock 200 days ≥ 180: dead, with its whole value.
    expect(r.dead).toEqual([{ itemId: s.mug.id, sku: 'MUG-1', quantity: 8, valueMinor: 1900, lastSaleAt: null, idleDays: 200 }]);
    // Clearance: stock at least 181 days old, largest value first.
    expect(r.clearance).toEqual([
      { itemId: s.mug.id, sku: 'MUG-1', quantity: 5, valueMinor: 1000, oldestAgeDays: 200, lastSaleAt: null, dead: true },
      { itemId: bolt.id, sku: 'BOLT-1', quantity: 8, valueMinor: 800, oldestAgeDays: 200, lastSaleAt: '2026-04-15T09:00:00.000Z', dead: false },
    ]);

    // Configurable buckets (clearance then starts at the second-oldest, 91 days) and dead-stock days; by location.
    const custom = c.ok('counts.aging', { buckets: [90, 365], deadDays: 250 });
    expect(custom.buckets.map((b) => [b.label, b.minDays, b.maxDays, b.quantity, b.valueMinor])).toEqual([
      ['0–90', 0, 90, 0, 0],
      ['91–365', 91, 365, 16, 2700],
      ['>365', 366, null, 0, 0],
    ]);
    expect(custom.dead).toEqual([]);
    expect(custom.clearance.map((x) => [x.sku, x.quantity, x.valueMinor])).toEqual([
      ['MUG-1', 8, 1900],
      ['BOLT-1', 8, 800],
    ]);
    const zoneA = c.ok('counts.aging', { locationId: s.zone.id });
    expect(zoneA.rows.map((x) => x.path)).toEqual(['MAIN / A / A-01', 'MAIN / A / A-02']);
    expect(cells(zoneA.buckets)).toEqual([[0, 0], [0, 0], [0, 0], [3, 900], [9, 1000], [0, 0]]);
    expect(c.ok('counts.aging', { itemId: bolt.id }).items.map((x) => x.sku)).toEqual(['BOLT-1']);
  });
});
