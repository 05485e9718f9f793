import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_IDS, REPORT_TITLES, type ReportTable } from '../../../src/shared/api/reports';
import { buildScenario } from './scenario';

/** Every report on the March of ./scenario.ts, figures computed by hand there. */
describe('reports.run: report tables', () => {
  let s: ReturnType<typeof buildScenario>;
  beforeAll(() => {
    s = buildScenario();
  });
  afterAll(() => s.c.close());

  const march = { from: '2026-03-01', to: '2026-03-31' };
  const run = (p: Parameters<typeof s.c.ok<'reports.run'>>[1]) => s.c.ok('reports.run', p);
  const bySku = (t: ReportTable) => new Map(t.rows.map((r) => [String(r.sku), r]));

  it('valuation by location and by category as of the close of 03-31 (FIFO layers incl. landed cost)', () => {
    const loc = run({ report: 'valuation_by_location', asOf: '2026-03-31' });
    expect(loc.title).toBe('Stock valuation by location');
    expect(loc.currency).toBe('GBP');
    expect(loc.subtitle).toContain('2026-03-31');
    expect(loc.rows.map((r) => [r.location, r.warehouse, r.quantity, r.value])).toEqual([
      ['MAIN / A / A-01', 'MAIN', 5, 3250],
      ['MAIN / A / A-02', 'MAIN', 5, 1250],
      ['MAIN / B-01', 'MAIN', 4, 1500],
    ]);
    expect(loc.totals).toMatchObject({ quantity: 14, value: 6000, share: 100 });
    expect(loc.rows[0]!.share).toBe(54.17);
    const cat = run({ report: 'valuation_by_category', asOf: '2026-03-31' });
    expect(cat.rows.map((r) => [r.category, r.quantity, r.value])).toEqual([
      ['Kitchen', 5, 1250],
      ['Widgets', 9, 4750],
    ]);
    // Before the landed cost (03-03): ALPHA 10 @ 500, BRAVO 4 @ 250, MUG 10 @ 250.
    expect(run({ report: 'valuation_by_category', asOf: '2026-03-03' }).totals!.value).toBe(5000 + 1000 + 2500);
    // A category filter, and the same total as reports.valuation.
    expect(run({ report: 'valuation_by_location', asOf: '2026-03-31', category: 'Kitchen' }).totals!.value).toBe(1250);
    expect(s.c.ok('reports.valuation', { asOf: '2026-03-31' }).valueMinor).toBe(6000);
  });

  it('cost of goods sold per item, equal to the KPI COGS', () => {
    const t = run({ report: 'cogs', ...march });
    const rows = bySku(t);
    expect(rows.get('ALPHA')).toMatchObject({ units: 5, returned: 0, cogs: 3250, landed: 0, unitCost: 650 });
    expect(rows.get('MUG-1')).toMatchObject({ units: 4, cogs: 1000, unitCost: 250 });
    expect(t.rows.map((r) => r.sku)).toEqual(['ALPHA', 'MUG-1']);
    expect(t.totals).toMatchObject({ units: 9, cogs: 4250 });
    expect(s.c.ok('reports.kpis', march).cogsMinor).toBe(4250);
    // The theft is not a sale; nothing sold in February.
    expect(run({ report: 'cogs', from: '2026-02-01', to: '2026-02-28' }).rows).toEqual([]);
  });

  it('margin by item and by channel', () => {
    const items = run({ report: 'margin_by_item', ...march });
    expect(bySku(items).get('ALPHA')).toMatchObject({ units: 5, revenue: 4800, cogs: 3250, margin: 1550, marginPct: 32.29 });
    expect(bySku(items).get('MUG-1')).toMatchObject({ units: 4, revenue: 2400, cogs: 1000, margin: 1400, marginPct: 58.33 });
    expect(items.totals).toMatchObject({ revenue: 7200, cogs: 4250, margin: 2950, marginPct: 40.97 });
    expect(s.c.ok('reports.kpis', march).revenueMinor).toBe(7200);

    const ch = run({ report: 'margin_by_channel', ...march });
    expect(ch.rows).toEqual([
      { channel: 'shopify:test-shop', units: 6, revenue: 4200, cogs: 2300, margin: 1900, marginPct: 45.24 },
      { channel: 'manual', units: 3, revenue: 3000, cogs: 1950, margin: 1050, marginPct: 35 },
    ]);
    const one = run({ report: 'margin_by_channel', ...march, channel: 'manual' });
    expect(one.rows.map((r) => r.channel)).toEqual(['manual']);
    expect(one.subtitle).toContain('channel manual');
  });

  it('landed cost per PO line received in the period', () => {
    const t = run({ report: 'landed_cost', ...march });
    expect(t.rows).toEqual([
      { po: s.poNumber, received: '2026-03-02', sku: 'ALPHA', quantity: 10, goods: 5000, freight: 1000, duty: 500, other: 0, landed: 6500, landedUnit: 650 },
      { po: s.poNumber, received: '2026-03-02', sku: 'BRAVO', quantity: 4, goods: 1000, freight: 400, duty: 100, other: 0, landed: 1500, landedUnit: 375 },
    ]);
    expect(t.totals).toMatchObject({ goods: 6000, freight: 1400, duty: 600, landed: 8000 });
    expect(run({ report: 'landed_cost', from: '2026-03-03', to: '2026-03-31' }).rows).toEqual([]);
  });

  it('movements journal: every movement of the period in order', () => {
    const t = run({ report: 'movements_journal', ...march });
    expect(t.rows.map((r) => [String(r.at).slice(0, 10), r.reason, r.sku, r.quantity, r.cost])).toEqual([
      ['2026-03-02', 'receipt', 'ALPHA', 10, 5000],
      ['2026-03-02', 'receipt', 'BRAVO', 4, 1000],
      ['2026-03-03', 'receipt', 'MUG-1', 10, 2500],
      ['2026-03-10', 'issue', 'ALPHA', 3, 1950],
      ['2026-03-12', 'issue', 'ALPHA', 2, 1300],
      ['2026-03-12', 'issue', 'MUG-1', 4, 1000],
      ['2026-03-15', 'theft', 'MUG-1', 1, 250],
    ]);
    const theft = t.rows[6]!;
    expect(theft).toMatchObject({ from: 'MAIN / A / A-02', to: 'Inventory adjustment', actor: 'tester' });
    expect(t.rows[3]!.doc).toBe(s.so1);
    expect(t.totals).toBeNull();
  });

  it('low stock, overstock and dead stock from the planning parameters and open layers', () => {
    s.c.ok('planning.recompute', {});
    // Hand-set parameters, so the figures can be checked by hand.
    const set = s.c.db.prepare('UPDATE planning_params SET avg_daily = ?, reorder_point = ?, order_qty = ? WHERE item_id = ? AND warehouse_key = 0');
    set.run(0.1, 2, 1, s.a.id);
    set.run(0, 0, 0, s.b.id);
    set.run(1, 10, 10, s.mug.id);

    const low = run({ report: 'low_stock' });
    // MUG-1: position 5 ≤ reorder point 10 → order up to 10 + 10 − 5 = 15 @ 2.50.
    expect(low.rows.map((r) => [r.sku, r.onHand, r.position, r.reorderPoint, r.suggested, r.value])).toEqual([['MUG-1', 5, 5, 10, 15, 3750]]);
    expect(low.params.asOf).toBe('2026-04-01');
    const sugg = s.c.ok('planning.suggestions', {});
    expect(sugg.groups.flatMap((g) => g.lines.map((l) => l.sku))).toEqual(['MUG-1']);

    const over = run({ report: 'overstock' });
    // ALPHA: max level 2 + 1 = 3 < 90 days × 0.1 = 9 → excess 5 − 3 = 2, at 650 = 1 300; cover 5 ÷ 0.1 = 50 days.
    // BRAVO: no demand and no maximum → all 4 excess (1 500). MUG-1: 5 ≤ min(20, 90) → fine.
    expect(over.rows.map((r) => [r.sku, r.onHand, r.cover, r.maxLevel, r.excess, r.excessValue])).toEqual([
      ['BRAVO', 4, null, null, 4, 1500],
      ['ALPHA', 5, 50, 3, 2, 1300],
    ]);
    expect(over.totals).toMatchObject({ excess: 6, excessValue: 2800 });
    // 40 days: ALPHA's limit is min(3, 4) = 3 still; with a larger max it would be the cover.
    expect(run({ report: 'overstock', days: 40 }).rows.map((r) => r.sku)).toEqual(['BRAVO', 'ALPHA']);

    // Dead stock at 04-01 09:00 with 20 days: BRAVO never sold, received 03-02 10:00 (29 whole days); ALPHA and MUG-1 sold 03-12 (19 days).
    const dead = run({ report: 'dead_stock', days: 20 });
    expect(dead.rows).toEqual([{ sku: 'BRAVO', name: 'Bravo crate', category: 'Widgets', quantity: 4, value: 1500, lastSale: null, oldest: '2026-03-02', idleDays: 29 }]);
    expect(run({ report: 'dead_stock', days: 19 }).rows.map((r) => r.sku).sort()).toEqual(['ALPHA', 'BRAVO', 'MUG-1']);
    expect(run({ report: 'dead_stock' }).rows).toEqual([]);
  });

  it('every report runs, with its title, typed columns and a filter by warehouse', () => {
    for (const report of REPORT_IDS) {
      const t = run({ report, ...march, asOf: '2026-03-31', warehouseId: s.wh.id });
      expect(t.title).toBe(REPORT_TITLES[report]);
      expect(t.subtitle).toContain('warehouse MAIN');
      for (const r of t.rows) for (const c of t.columns) expect(c.key in r, `${report}.${c.key}`).toBe(true);
    }
  });

  it('refuses a period report without a period, and an unknown warehouse, naming the field', () => {
    const r = s.c.call('reports.run', { report: 'cogs', from: '2026-03-01' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.fields).toMatchObject({ to: expect.stringContaining('period end') });
    const w = s.c.call('reports.run', { report: 'valuation_by_location', warehouseId: 999 });
    expect(w.ok).toBe(false);
    if (!w.ok) expect([w.error.code, w.error.fields]).toEqual(['UNKNOWN_WAREHOUSE', { warehouseId: 'Unknown warehouse' }]);
    const back = s.c.call('reports.run', { report: 'margin_by_item', from: '2026-03-31', to: '2026-03-01' });
    expect(back.ok).toBe(false);
  });
});
