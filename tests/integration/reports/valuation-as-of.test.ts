import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeCore, seedBasic, type TestCore } from '../../helpers/core';

/**
 * A known week of movements through the API, costed by hand (FIFO, pence):
 *
 * MUG-K (Kitchen, price 600)                                   A-01                 B-01           close
 *   03-02 10:00 receive 10 @ 250 → A-01                       [10@250]                            2 500
 *   03-03 10:00 receive 5 @ 300 → A-01                        [10@250, 5@300]                     4 000
 *   03-03 15:00 issue 4 from A-01: 4@250 = 1 000 COGS         [6@250, 5@300]                      3 000
 *   03-04 10:00 transfer 8 A-01 → B-01: 6@250 + 2@300 = 2 100 [3@300]=900         [6@250, 2@300]   3 000
 *   03-05       nothing                                                                              3 000
 *   03-06 10:00 issue 7 from B-01: 6@250 + 1@300 = 1 800 COGS [3@300]            [1@300]=300      1 200
 *   03-06 11:00 receive 4 @ 275 → B-01                                            [1@300, 4@275]   2 300
 *   03-06 12:00 damage −1 at A-01: 1@300 → scrap               [2@300]=600                         2 000
 *
 * PEN-1 (Stationery, price 120)                                A-02
 *   03-02 11:00 receive 20 @ 50 → A-02                        [20@50]                 closes 1 000, 1 000, 1 000,
 *   03-05 10:00 issue 5: 5@50 = 250 COGS                       [15@50]                 750, 750
 */
describe('reports: valuation as of a date, daily average, period KPIs', () => {
  let c: TestCore;
  let s: ReturnType<typeof seedBasic>;
  let mug: { id: number };
  let pen: { id: number };
  const at = (iso: string) => (c.clock.t = new Date(iso));

  beforeEach(() => {
    c = makeCore();
    s = seedBasic(c);
    mug = c.ok('catalog.create', { sku: 'MUG-K', name: 'Kitchen mug', category: 'Kitchen', costMinor: 250, priceMinor: 600 });
    pen = c.ok('catalog.create', { sku: 'PEN-1', name: 'Pen', category: 'Stationery', costMinor: 50, priceMinor: 120 });

    at('2026-03-02T10:00:00.000Z');
    c.ok('stock.receive', { itemId: mug.id, locationId: s.a1.id, quantity: 10, unitCostMinor: 250 });
    at('2026-03-02T11:00:00.000Z');
    c.ok('stock.receive', { itemId: pen.id, locationId: s.a2.id, quantity: 20, unitCostMinor: 50 });
    at('2026-03-03T10:00:00.000Z');
    c.ok('stock.receive', { itemId: mug.id, locationId: s.a1.id, quantity: 5, unitCostMinor: 300 });
    at('2026-03-03T15:00:00.000Z');
    c.ok('stock.issue', { itemId: mug.id, locationId: s.a1.id, quantity: 4 });
    at('2026-03-04T10:00:00.000Z');
    c.ok('stock.transfer', { itemId: mug.id, fromLocationId: s.a1.id, toLocationId: s.b1.id, quantity: 8 });
    at('2026-03-05T10:00:00.000Z');
    c.ok('stock.issue', { itemId: pen.id, locationId: s.a2.id, quantity: 5 });
    at('2026-03-06T10:00:00.000Z');
    c.ok('stock.issue', { itemId: mug.id, locationId: s.b1.id, quantity: 7 });
    at('2026-03-06T11:00:00.000Z');
    c.ok('stock.receive', { itemId: mug.id, locationId: s.b1.id, quantity: 4, unitCostMinor: 275 });
    at('2026-03-06T12:00:00.000Z');
    c.ok('stock.adjust', { itemId: mug.id, locationId: s.a1.id, quantity: -1, reason: 'damage' });
    at('2026-03-09T09:00:00.000Z');
  });
  afterEach(() => c.close());

  it('values every day close to the penny, by item, location and category', () => {
    const total = (asOf: string) => c.ok('reports.valuation', { asOf, groupBy: 'item' }).valueMinor;
    // mug + pen closes: 2 500 + 1 000, 3 000 + 1 000, 3 000 + 1 000, 3 000 + 750, 2 000 + 750
    expect(total('2026-03-01')).toBe(0);
    expect(total('2026-03-02')).toBe(3500);
    expect(total('2026-03-03')).toBe(4000);
    expect(total('2026-03-04')).toBe(4000);
    expect(total('2026-03-05')).toBe(3750);
    expect(total('2026-03-06')).toBe(2750);

    // Mid-day 03-03: after the second receipt (10@250 + 5@300 = 4 000), before the issue; pen 1 000.
    expect(total('2026-03-03T12:00:00.000Z')).toBe(5000);

    const byItem = c.ok('reports.valuation', { asOf: '2026-03-04', groupBy: 'item' }).rows;
    expect(byItem.map((r) => [r.itemId, r.quantity, r.valueMinor])).toEqual([
      [mug.id, 11, 3000],
      [pen.id, 20, 1000],
    ]);

    // 03-04 by location: A-01 3@300 = 900; A-02 20@50 = 1 000; B-01 6@250 + 2@300 = 2 100.
    const byLoc = c.ok('reports.valuation', { asOf: '2026-03-04', groupBy: 'location' }).rows;
    expect(byLoc.map((r) => [r.locationId, r.quantity, r.valueMinor])).toEqual([
      [s.a1.id, 3, 900],
      [s.a2.id, 20, 1000],
      [s.b1.id, 8, 2100],
    ]);

    // 03-06 by category: Kitchen A-01 2@300 + B-01 1@300 + 4@275 = 600 + 300 + 1 100 = 2 000; Stationery 15@50 = 750.
    const byCat = c.ok('reports.valuation', { asOf: '2026-03-06', groupBy: 'category' }).rows;
    expect(byCat.map((r) => [r.category, r.quantity, r.valueMinor])).toEqual([
      ['Kitchen', 7, 2000],
      ['Stationery', 15, 750],
    ]);

    // As of now it is the live FIFO valuation (Σ open layers).
    const live = c.ok('stock.valuation', {});
    const now = c.ok('reports.valuation', { asOf: '2026-03-09T09:00:00.000Z', groupBy: 'location' });
    expect(now.valueMinor).toBe(live.valueMinor);
    expect(now.rows.map((r) => [r.locationId, r.quantity, r.valueMinor])).toEqual(live.byLocation.map((l) => [l.locationId, l.quantity, l.valueMinor]));
    expect(c.ok('system.check', {}).ok).toBe(true);
  });

  it('averages the daily closes and computes turnover, DIO and sell-through for the period', () => {
    const r = c.ok('reports.kpis', { from: '2026-03-02', to: '2026-03-06' });
    const kpi = (key: string) => r.kpis.find((k) => k.key === key)!;
    // average inventory = (3 500 + 4 000 + 4 000 + 3 750 + 2 750) ÷ 5 = 18 000 ÷ 5 = 3 600 (the two ends would give 3 125)
    expect(r.days).toBe(5);
    expect(r.averageInventoryMinor).toBe(3600);
    expect(r.openingValueMinor).toBe(0);
    expect(r.closingValueMinor).toBe(2750);
    // COGS = mug 1 000 + 1 800 + pen 250 = 3 050; units sold 4 + 7 + 5 = 16; received 10 + 5 + 4 + 20 = 39
    expect(r.cogsMinor).toBe(3050);
    expect(r.unitsSold).toBe(16);
    expect(r.unitsReceived).toBe(39);
    // revenue at list price (no sales orders): 11 × 600 + 5 × 120 = 6 600 + 600 = 7 200
    expect(r.revenueMinor).toBe(7200);
    // turnover = 3 050 ÷ 3 600 = 0.847 2…
    expect(kpi('inventoryTurnover').value).toBeCloseTo(3050 / 3600, 12);
    // DIO = 3 600 ÷ 3 050 × 5 = 5.901 6… days
    expect(kpi('daysInventoryOutstanding').value).toBeCloseTo((3600 / 3050) * 5, 12);
    // sell-through = 16 ÷ 39 × 100 = 41.025 6… %
    expect(kpi('sellThrough').value).toBeCloseTo((16 / 39) * 100, 12);
    // GMROI = (7 200 − 3 050) ÷ 3 600 = 4 150 ÷ 3 600 = 1.152 7…
    expect(kpi('gmroi').value).toBeCloseTo(4150 / 3600, 12);
    // shrinkage (value): recorded 2 750 + 300 damaged = 3 050, actual 2 750 → 300 ÷ 3 050 × 100 = 9.836 …%
    expect(kpi('shrinkage').value).toBeCloseTo((300 / 3050) * 100, 12);
    // no day closed at zero or below
    expect(kpi('stockoutDays').value).toBe(0);
    // no sales invoices or supplier bills: nothing owed either way → DSO 0, DPO 0, so the cycle is DIO alone
    expect(kpi('daysSalesOutstanding').inputs).toEqual({ receivablesMinor: 0, revenueMinor: 7200, days: 5 });
    expect(kpi('daysSalesOutstanding').value).toBe(0);
    expect(kpi('daysPayableOutstanding').value).toBe(0);
    expect(kpi('cashConversionCycle').value).toBeCloseTo((3600 / 3050) * 5, 12);
    expect(kpi('carryingCost').value).toBeNull();
  });

  it('scopes the KPIs to an item, a category and a warehouse', () => {
    // MUG-K alone: closes 2 500, 3 000, 3 000, 3 000, 2 000 → 13 500 ÷ 5 = 2 700; COGS 2 800; sold 11 of 19 received.
    const m = c.ok('reports.kpis', { from: '2026-03-02', to: '2026-03-06', itemId: mug.id });
    expect(m.averageInventoryMinor).toBe(2700);
    expect(m.cogsMinor).toBe(2800);
    const turnover = m.kpis.find((k) => k.key === 'inventoryTurnover')!;
    // 2 800 ÷ 2 700 = 1.037 0…
    expect(turnover.value).toBeCloseTo(2800 / 2700, 12);
    expect(turnover.inputs).toEqual({ cogsMinor: 2800, averageInventoryMinor: 2700 });
    // DIO = 2 700 ÷ 2 800 × 5 = 4.821 4… days
    expect(m.kpis.find((k) => k.key === 'daysInventoryOutstanding')!.value).toBeCloseTo((2700 / 2800) * 5, 12);
    // sell-through = 11 ÷ 19 × 100 = 57.894 7… %
    expect(m.kpis.find((k) => k.key === 'sellThrough')!.value).toBeCloseTo((11 / 19) * 100, 12);

    // Stationery = PEN-1: closes 1 000, 1 000, 1 000, 750, 750 → 4 500 ÷ 5 = 900; COGS 250 → turnover 250 ÷ 900.
    const p = c.ok('reports.kpis', { from: '2026-03-02', to: '2026-03-06', category: 'Stationery' });
    expect(p.averageInventoryMinor).toBe(900);
    expect(p.kpis.find((k) => k.key === 'inventoryTurnover')!.value).toBeCloseTo(250 / 900, 12);

    // The one warehouse holds everything: same as unscoped.
    const w = c.ok('reports.kpis', { from: '2026-03-02', to: '2026-03-06', warehouseId: s.wh.id });
    expect(w.averageInventoryMinor).toBe(3600);
    expect(w.cogsMinor).toBe(3050);

    // A later period: opening = 03-06 close, nothing moved, so turnover 0 and DIO has no COGS to divide by.
    const later = c.ok('reports.kpis', { from: '2026-03-07', to: '2026-03-08' });
    expect(later.averageInventoryMinor).toBe(2750);
    expect(later.openingValueMinor).toBe(2750);
    expect(later.kpis.find((k) => k.key === 'inventoryTurnover')!.value).toBe(0);
    expect(later.kpis.find((k) => k.key === 'daysInventoryOutstanding')!.reason).toMatch(/cogsMinor is zero/);

    const bad = c.call('reports.kpis', { from: '2026-03-06', to: '2026-03-02' });
    expect(bad.ok).toBe(false);
  });
});
