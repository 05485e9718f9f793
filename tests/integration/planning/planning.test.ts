import { afterEach, describe, expect, it } from 'vitest';
import { nextSlot, createPlanningScheduler } from '../../../src/main/planning/service/scheduler';
import { makeCore, seedBasic, TestClock, type TestCore } from '../../helpers/core';

const DAY = 86_400_000;
let c: TestCore;
afterEach(() => c?.close());

/** 28 days ending 2026-01-04 (the day before the test clock's today): 2, 4, 2, 4 … → mean 3, sample σ √(28/27). */
function fixtureCsv(): string {
  const lines = ['sku,date,qty,price'];
  for (let i = 0; i < 28; i++) {
    const day = new Date(Date.UTC(2025, 11, 8) + i * DAY).toISOString().slice(0, 10);
    lines.push(`MUG-1,${day},${i % 2 === 0 ? 2 : 4},5.00`);
  }
  lines.push('TEA-1,2026-01-04,10,1.00');
  return lines.join('\n');
}

function planningFixture(core: TestCore) {
  const b = seedBasic(core);
  core.ok('planning.importHistory', { csv: fixtureCsv(), source: 'old-shop', mapping: { sku: 'sku', date: 'date', quantity: 'qty', price: 'price' }, dateFormat: 'YYYY-MM-DD' });
  const sup = core.ok('purchasing.suppliers.create', { name: 'Mugs Ltd', leadTimeDays: 10 });
  core.ok('purchasing.supplierItems.set', { supplierId: sup.id, itemId: b.mug.id, costMinor: 500, minOrderQty: 50, packSize: 10, preferred: true });
  core.ok('planning.settings.update', { demandBasis: 'history' });
  return { ...b, sup };
}

describe('demand history', () => {
  it('takes sales and RMA returns from the ledger, imported history before it, and marks stockout days', () => {
    c = makeCore();
    const { a1, mug } = seedBasic(c);
    c.ok('planning.importHistory', {
      csv: 'sku,date,qty\nMUG-1,2026-01-03,6\nMUG-1,2026-01-06,100\n',
      mapping: { sku: 'sku', date: 'date', quantity: 'qty' },
      dateFormat: 'YYYY-MM-DD',
    });
    // 5 Jan: in 5, sold 3 → 2 left.
    c.ok('stock.receive', { itemId: mug.id, locationId: a1.id, quantity: 5 });
    c.ok('stock.issue', { itemId: mug.id, locationId: a1.id, quantity: 3, docRef: 'SO-1' });
    // 6 Jan: sold the last 2 → stockout; 7 Jan: nothing to sell → stockout.
    c.clock.advance(DAY);
    c.ok('stock.issue', { itemId: mug.id, locationId: a1.id, quantity: 2, docRef: 'SO-2' });
    c.clock.advance(2 * DAY);
    // 8 Jan: in 10, sold 4, a customer return (RMA) of 1 and a found unit that is not a return.
    c.ok('stock.receive', { itemId: mug.id, locationId: a1.id, quantity: 10 });
    c.ok('stock.issue', { itemId: mug.id, locationId: a1.id, quantity: 4, docRef: 'SO-3' });
    c.ok('stock.adjust', { itemId: mug.id, locationId: a1.id, quantity: 1, reason: 'found', docRef: 'RMA-1' });
    c.ok('stock.adjust', { itemId: mug.id, locationId: a1.id, quantity: 1, reason: 'found', docRef: 'ADJ-1' });

    const h = c.ok('planning.demandHistory', { itemId: mug.id, from: '2026-01-01', to: '2026-01-08' });
    expect(h.days.map((d) => [d.day, d.sold, d.returned, d.net, d.onHandEnd, d.stockout])).toEqual([
      ['2026-01-03', 6, 0, 6, null, false],
      ['2026-01-04', 0, 0, 0, null, false],
      ['2026-01-05', 3, 0, 3, 2, false],
      // The imported 100 on 6 Jan is ignored: from 5 Jan the ledger is the record.
      ['2026-01-06', 2, 0, 2, 0, true],
      ['2026-01-07', 0, 0, 0, 0, true],
      ['2026-01-08', 4, 1, 3, 8, false],
    ]);
    expect(h.totals).toEqual({ sold: 15, returned: 1, net: 14, importedSold: 6, ledgerSold: 9, stockoutDays: 2 });
    expect(h.weeks).toEqual([]);
    // In one warehouse only: the same, since all bins are in MAIN.
    const w = c.ok('planning.demandHistory', { itemId: mug.id, from: '2026-01-05', to: '2026-01-08', warehouseId: a1.warehouseId! });
    expect(w.days.map((d) => d.onHandEnd)).toEqual([2, 0, 0, 8]);
  });
});

describe('planning.item', () => {
  it('explains safety stock, reorder point, EOQ and ABC/XYZ with hand-computed numbers', () => {
    c = makeCore();
    const { mug, tea } = planningFixture(c);
    const p = c.ok('planning.item', { itemId: mug.id });
    expect(p.history).toMatchObject({ from: '2025-12-08', to: '2026-01-04', days: 28, weeks: 4, unitsSold: 84, daysUsed: 28, maxDaily: 4 });
    expect(p.history.avgDaily).toBeCloseTo(3, 12);
    expect(p.history.sdDaily).toBeCloseTo(Math.sqrt(28 / 27), 12); // 1.018350…
    expect(p.leadTime.used).toEqual({ days: 10, sd: 0, max: 10, source: 'stated' });
    expect(p.leadTime.stated).toEqual({ days: 10, source: 'Mugs Ltd (supplier)' });
    // Revenue 84 × £5 = £420 of £430 in all (TEA-1 10 × £1): 97.7% → A; TEA-1 starts at 97.7% ≥ 95% → C.
    expect(p.abc).toMatchObject({ class: 'A', revenueMinor: 42000 });
    expect(p.abc.share).toBeCloseTo(42000 / 43000, 12);
    expect(c.ok('planning.item', { itemId: tea.id }).abc.class).toBe('C');
    // Weekly 20, 22, 20, 22: CV = √(4/3) / 21 = 0.05499 → X.
    expect(p.xyz.class).toBe('X');
    expect(p.xyz.cv).toBeCloseTo(0.0549857399, 9);
    // Four weeks are too few to backtest (8 needed): SES by default.
    expect(p.forecast.method).toBe('ses');
    expect(p.forecast.explanation).toMatch(/Too little varying history/);
    expect(p.serviceLevel).toBe(0.98);
    // SS = z(98%) 2.053749 × √(10 × 28/27 + 3² × 0²) = 6.6137 → 7 units.
    expect(p.safetyStock.method).toBe('service-level');
    expect(p.safetyStock.value).toBeCloseTo(6.613699823564862, 7);
    expect(p.safetyStock.units).toBe(7);
    // ROP = 3 × 10 + 6.6137 = 36.61 → 37.
    expect(p.reorderPoint.value).toBeCloseTo(36.613699823564865, 7);
    expect(p.reorderPoint.units).toBe(37);
    // EOQ = √(2 × 1095 × 2500 / (0.25 × 500)) = √43800 = 209.28; packs of 10: TC(200) 26187.50 vs TC(210) 26160.71 → 210.
    expect(p.eoq.value).toBeCloseTo(209.2844953645635, 9);
    expect(p.eoq.orderQuantity).toBe(210);
    expect(p.eoq).toMatchObject({ moq: 50, packSize: 10, unitCostMinor: 500 });
    expect(p.eoq.explanation).toMatch(/210 \(cost 26160\.71\/yr\)/);

    // The classic formula: (max 4 × max LT 10) − (avg 3 × LT 10) = 10; ROP 30 + 10 = 40.
    c.ok('planning.settings.update', { safetyStockMethod: 'classic' });
    const classic = c.ok('planning.item', { itemId: mug.id });
    expect([classic.safetyStock.method, classic.safetyStock.value, classic.reorderPoint.units]).toEqual(['classic', 10, 40]);
  });
});

describe('planning.recompute', () => {
  it('stores parameters, logs each change with its reason and flags a big move for a person', () => {
    c = makeCore();
    const { mug, sup } = planningFixture(c);
    const first = c.ok('planning.recompute', {});
    expect(first).toMatchObject({ items: 2, changed: 0, flagged: 0, errors: [] });
    expect(c.ok('planning.params', { itemId: mug.id })[0]).toMatchObject({ safetyStock: 7, reorderPoint: 37, orderQuantity: 210, abc: 'A', xyz: 'X', leadTimeDays: 10 });

    // The supplier now quotes 20 days: SS = 2.053749 × √(20 × 28/27) = 9.35 → 10; ROP = 60 + 9.35 → 70 (+89%).
    c.ok('purchasing.supplierItems.set', { supplierId: sup.id, itemId: mug.id, leadTimeDays: 20 });
    const second = c.ok('planning.recompute', {});
    expect(second).toMatchObject({ items: 2, changed: 1, flagged: 1 });
    const changes = c.ok('planning.changes', { itemId: mug.id });
    expect(changes.map((x) => [x.field, x.oldValue, x.newValue])).toEqual([
      ['reorderPoint', '37', '70'],
      ['safetyStock', '7', '10'],
      ['leadTimeDays', '10', '20'],
    ]);
    expect(changes[0]!.reason).toBe('lead time rose (10 → 20 d)');
    expect(changes[2]!.reason).toMatch(/^lead time rose: Stated by Mugs Ltd \(supplier item\): 20 d/);
    const ex = c.ok('planning.exceptions', {});
    expect(ex.map((e) => [e.field, e.oldValue, e.newValue, Math.round(e.changePct)])).toEqual([
      ['reorderPoint', 37, 70, 89],
      ['safetyStock', 7, 10, 43],
    ]);
    expect(ex[0]!.reason).toMatch(/^reorderPoint \+89% \(37 → 70, threshold ±30%\): lead time rose/);
    expect(c.ok('planning.acknowledge', { ids: ex.map((e) => e.id) })).toEqual({ acknowledged: 2 });
    expect(c.ok('planning.exceptions', {})).toEqual([]);
    // Nothing moved: nothing logged.
    expect(c.ok('planning.recompute', {})).toMatchObject({ changed: 0, flagged: 0 });
  });
});

describe('planning.suggestions', () => {
  it('counts on hand, reserved, open and draft POs, rounds to MOQ and pack, and makes draft POs per supplier', () => {
    c = makeCore();
    const { a1, mug, tea, sup, wh } = planningFixture(c);
    c.ok('planning.recompute', {});
    c.ok('stock.receive', { itemId: mug.id, locationId: a1.id, quantity: 40 });
    c.ok('stock.reserve', { itemId: mug.id, locationId: a1.id, quantity: 5, docRef: 'SO-9' });
    const po = c.ok('purchasing.orders.createDraft', { supplierId: sup.id, warehouseId: wh.id, lines: [{ itemId: mug.id, quantity: 10 }] });
    c.ok('purchasing.orders.send', { id: po.id });
    // Position 40 − 5 + 10 = 45 > ROP 37: MUG-1 is not due.
    const s1 = c.ok('planning.suggestions', {});
    expect(s1.groups.flatMap((g) => g.lines.map((l) => l.sku))).toEqual(['TEA-1']);

    c.ok('stock.issue', { itemId: mug.id, locationId: a1.id, quantity: 10, docRef: 'SO-10' });
    const s2 = c.ok('planning.suggestions', {});
    const mugLine = s2.groups.find((g) => g.supplierId === sup.id)!.lines[0]!;
    // Position 30 − 5 + 10 = 35 ≤ 37: order up to 37 + 210 − 35 = 212 → packs of 10 → 220.
    expect(mugLine).toMatchObject({ id: `S-${mug.id}-${wh.id}`, onHand: 30, reserved: 5, onOrder: 10, inDraft: 0, position: 35, reorderPoint: 37, orderQuantity: 210, suggestedQuantity: 220 });
    // TEA-1: 10 a day over its 1 day, default 14 d lead time → ROP 140; EOQ √(2 × 3650 × 2500 / (0.25 × 120)) = 779.96,
    // TC(779) 23398.73 vs TC(780) 23398.72 → 780; up to 140 + 780 − 0 = 920; no preferred supplier.
    const teaGroup = s2.groups.find((g) => g.supplierId === null)!;
    expect(teaGroup.lines[0]).toMatchObject({ itemId: tea.id, reorderPoint: 140, orderQuantity: 780, suggestedQuantity: 920 });

    const made = c.ok('planning.createDraftPos', { itemIds: [mug.id, tea.id] });
    expect(made.purchaseOrders).toMatchObject([{ supplierId: sup.id, supplierName: 'Mugs Ltd', lines: 1, units: 220 }]);
    expect(made.skipped).toEqual([{ itemId: tea.id, suggestionId: `S-${tea.id}-${wh.id}`, reason: 'TEA-1 has no preferred supplier: set one in purchasing' }]);
    const draft = c.ok('purchasing.orders.get', { id: made.purchaseOrders[0]!.id });
    expect(draft).toMatchObject({ status: 'draft', lines: [{ itemId: mug.id, quantity: 220, unitCostMinor: 500 }] });
    // The draft counts: position 35 + 220 = 255, no longer due; asking again makes nothing.
    expect(c.ok('planning.suggestions', {}).groups.flatMap((g) => g.lines.map((l) => l.sku))).toEqual(['TEA-1']);
    expect(c.ok('planning.createDraftPos', { suggestionIds: [mugLine.id] }).purchaseOrders).toEqual([]);
  });
});

describe('planning scheduler', () => {
  it('runs nightly at the set hour with injected timers, catches up when overdue, and stops', () => {
    const clock = new TestClock(new Date(2026, 0, 5, 9, 0, 0));
    expect(nextSlot(clock.now(), 1440, 2)).toEqual(new Date(2026, 0, 6, 2, 0, 0));
    expect(nextSlot(new Date(2026, 0, 5, 1, 0, 0), 1440, 2)).toEqual(new Date(2026, 0, 5, 2, 0, 0));
    expect(nextSlot(clock.now(), 60, 2)).toEqual(new Date(2026, 0, 5, 10, 0, 0));
    const pending: Array<{ fn: () => void; ms: number }> = [];
    const timers = { setTimeout: (fn: () => void, ms: number) => (pending.push({ fn, ms }), pending.length), clearTimeout: () => {} };
    let last: Date | null = new Date(2026, 0, 5, 2, 0, 0);
    let runs = 0;
    const s = createPlanningScheduler({
      clock,
      timers,
      schedule: () => ({ enabled: true, intervalMinutes: 1440, atHour: 2 }),
      lastRunAt: () => last,
      run: () => {
        runs++;
        last = clock.now();
      },
      log: () => {},
    });
    s.start();
    expect(s.nextRunAt()).toEqual(new Date(2026, 0, 6, 2, 0, 0));
    expect(pending[0]!.ms).toBe(17 * 3_600_000);
    clock.advance(pending[0]!.ms);
    pending[0]!.fn();
    expect(runs).toBe(1);
    expect(s.nextRunAt()).toEqual(new Date(2026, 0, 7, 2, 0, 0));
    // Never run (or older than the interval): within a minute of starting, not next night.
    last = null;
    s.reschedule();
    expect(pending.at(-1)!.ms).toBe(60_000);
    s.stop();
    expect(s.nextRunAt()).toBeNull();
  });

  it('is created stopped by the core and started by the host', () => {
    c = makeCore();
    expect(c.planningScheduler.nextRunAt()).toBeNull();
    expect(c.ok('planning.runs', {}).nextRunAt).toBeNull();
  });
});
