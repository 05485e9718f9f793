import { afterEach, describe, expect, it } from 'vitest';
import { makeCore, seedBasic, type TestCore } from '../../helpers/core';

let c: TestCore;
afterEach(() => c?.close());

const DAY = 86_400_000;
// Every variance is auto-accepted, so sessions post without recounts.
const lenient = { autoUnits: 100, autoPct: 100, autoValueMinor: 1_000_000, approvalUnits: 100, approvalPct: 100, approvalValueMinor: 1_000_000 };

function setAbc(itemId: number, abc: 'A' | 'B' | 'C') {
  c.db
    .prepare(
      `INSERT INTO planning_params (item_id, warehouse_key, run_id, computed_at, method, avg_daily, sd_daily, lead_time_days, lead_time_sd, lead_time_source,
        service_level, safety_stock, reorder_point, order_qty, annual_demand, revenue_minor, abc, xyz, detail)
       VALUES (?, 0, 1, '2026-01-01T00:00:00.000Z', 'test', 1, 0, 7, 0, 'default', 0.95, 0, 0, 1, 365, 0, ?, 'X', '{}')`,
    )
    .run(itemId, abc);
}

function postCount(locationIds: number[], counts: { itemId: number; locationId: number; counted: number }[]) {
  const s = c.ok('counts.create', { scope: 'bin', locationIds, thresholds: lenient });
  for (const e of counts) c.ok('counts.enter', { sessionId: s.id, ...e });
  c.ok('counts.submit', { sessionId: s.id });
  return c.ok('counts.post', { sessionId: s.id }).session;
}

function scenario() {
  c = makeCore(); // 2026-01-05T09:00Z
  const s = seedBasic(c);
  const bolt = c.ok('catalog.create', { sku: 'BOLT-1', name: 'Bolt', costMinor: 100, priceMinor: 300 });
  setAbc(s.mug.id, 'A'); // bolt has no planning row: class C
  c.ok('stock.receive', { itemId: s.mug.id, locationId: s.a1.id, quantity: 10, unitCostMinor: 250 });
  c.ok('stock.receive', { itemId: s.mug.id, locationId: s.b1.id, quantity: 4, unitCostMinor: 250 });
  c.ok('stock.receive', { itemId: bolt.id, locationId: s.a2.id, quantity: 20, unitCostMinor: 100 });
  // Day 0: count; the mug is one short.
  const s1 = postCount([s.a1.id, s.a2.id], [
    { itemId: s.mug.id, locationId: s.a1.id, counted: 9 },
    { itemId: bolt.id, locationId: s.a2.id, counted: 20 },
  ]);
  return { ...s, bolt, s1 };
}

describe('counts.schedule', () => {
  it('is due from the ABC interval after the last posted count; never counted is due now', () => {
    const s = scenario();
    const key = (r: { sku: string; path: string }) => `${r.sku}@${r.path}`;

    // Day 0: only the never-counted mug in B-01 is due.
    let sch = c.ok('counts.schedule', {});
    expect(sch.intervals).toEqual({ A: 30, B: 90, C: 365 });
    expect(sch.rows.map(key)).toEqual(['MUG-1@MAIN / B-01']);
    expect(sch.rows[0]).toMatchObject({ abc: 'A', abcFromPlanning: true, intervalDays: 30, onHand: 4, lastCountedAt: null, dueAt: null, daysOverdue: null, due: true });

    const all = c.ok('counts.schedule', { includeNotDue: true }).rows;
    expect(all).toHaveLength(3);
    const boltRow = all.find((r) => r.sku === 'BOLT-1')!;
    expect(boltRow).toMatchObject({ abc: 'C', abcFromPlanning: false, intervalDays: 365, lastCountedAt: '2026-01-05T09:00:00.000Z', dueAt: '2027-01-05T09:00:00.000Z', due: false });
    expect(boltRow.daysOverdue).toBe(-365);

    // Day 31: the A-class mug in A-01 (counted day 0) is one day past its 30-day interval; C-class bolt is not due.
    c.clock.advance(31 * DAY);
    sch = c.ok('counts.schedule', {});
    expect(sch.rows.map(key)).toEqual(['MUG-1@MAIN / B-01', 'MUG-1@MAIN / A / A-01']);
    expect(sch.rows[1]).toMatchObject({ lastCountedAt: '2026-01-05T09:00:00.000Z', dueAt: '2026-02-04T09:00:00.000Z', daysOverdue: 1, due: true });

    // Configurable intervals, and by location (zone A holds ).
    expect(c.ok('counts.schedule', { intervals: { A: 45 } }).rows.map(key)).toEqual(['MUG-1@MAIN / B-01']);
    expect(c.ok('counts.schedule', { locationId: s.zone.id }).rows.map(key)).toEqual(['MUG-1@MAIN / A / A-01']);
    expect(c.ok('counts.schedule', { locationId: s.zone.id, intervals: { C: 30 } }).rows.map(key)).toEqual(['MUG-1@MAIN / A / A-01', 'BOLT-1@MAIN / A / A-02']);
    expect(c.ok('counts.schedule', { warehouseId: s.wh.id, itemId: s.bolt.id }).rows).toEqual([]);

    // A count in progress (not posted) does not reset the schedule.
    const open = c.ok('counts.create', { scope: 'bin', locationIds: [s.b1.id] });
    c.ok('counts.enter', { sessionId: open.id, itemId: s.mug.id, locationId: s.b1.id, counted: 4 });
    expect(c.ok('counts.schedule', {}).rows.map(key)).toContain('MUG-1@MAIN / B-01');
  });
});

describe('counts.accuracy', () => {
  it('measures record accuracy per count and month, and shrinkage by period, item, location and reason', () => {
    const s = scenario();
    c.clock.advance(31 * DAY); // 2026-02-05
    // Two bolts damaged in A-02 (recorded 20 → 18), then a February count: B-01 exact, A-02 one bolt short (18 → 17).
    c.ok('stock.adjust', { itemId: s.bolt.id, locationId: s.a2.id, quantity: -2, reason: 'damage' });
    const s2 = postCount([s.b1.id, s.a2.id], [
      { itemId: s.mug.id, locationId: s.b1.id, counted: 4 },
      { itemId: s.bolt.id, locationId: s.a2.id, counted: 17 },
    ]);

    const a = c.ok('counts.accuracy', {});
    expect(a.sessions).toEqual([
      { sessionId: s.s1.id, number: s.s1.number, postedAt: '2026-01-05T09:00:00.000Z', linesCounted: 2, linesWithinTolerance: 1, accuracyPct: 50 },
      { sessionId: s2.id, number: s2.number, postedAt: '2026-02-05T09:00:00.000Z', linesCounted: 2, linesWithinTolerance: 1, accuracyPct: 50 },
    ]);
    expect(a.months.map((m) => [m.month, m.linesCounted, m.linesWithinTolerance, m.accuracyPct])).toEqual([
      ['2026-01', 2, 1, 50],
      ['2026-02', 2, 1, 50],
    ]);
    expect(a.overall).toEqual({ linesCounted: 4, linesWithinTolerance: 2, accuracyPct: 50 });
    // A tolerance of one unit accepts both one-short lines.
    expect(c.ok('counts.accuracy', { toleranceUnits: 1 }).overall.accuracyPct).toBe(100);

    // Observations (recorded → actual, value): Jan count mug A-01 10→9 £2.50, bolt A-02 20→20;
    // Feb damage bolt A-02 20→18 £2.00, count mug B-01 4→4, count bolt A-02 18→17 £1.00.
    const sh = a.shrinkage;
    const pick = (r: { key: string; recorded: number; actual: number; shrinkUnits: number; shrinkValueMinor: number; shrinkPct: number | null }) => [
      r.key,
      r.recorded,
      r.actual,
      r.shrinkUnits,
      r.shrinkValueMinor,
      r.shrinkPct,
    ];
    expect(pick(sh.total)).toEqual(['total', 72, 68, 4, 550, 5.56]); // 4 ÷ 72
    expect(sh.byPeriod.map(pick)).toEqual([
      ['2026-01', 30, 29, 1, 250, 3.33],
      ['2026-02', 42, 39, 3, 300, 7.14],
    ]);
    expect(sh.byItem.map((r) => [r.label, ...pick(r).slice(1)])).toEqual([
      ['MUG-1', 14, 13, 1, 250, 7.14],
      ['BOLT-1', 58, 55, 3, 300, 5.17],
    ]);
    expect(sh.byLocation.map((r) => [r.label, ...pick(r).slice(1)])).toEqual([
      ['MAIN / A / A-01', 10, 9, 1, 250, 10],
      ['MAIN / A / A-02', 58, 55, 3, 300, 5.17],
      ['MAIN / B-01', 4, 4, 0, 0, 0],
    ]);
    expect(sh.byReason.map(pick)).toEqual([
      ['count_correction', 52, 50, 2, 350, 3.85],
      ['damage', 20, 18, 2, 200, 10],
    ]);

    // Filters: February only, and one item.
    const feb = c.ok('counts.accuracy', { from: '2026-02-01', to: '2026-03-01' });
    expect(feb.sessions.map((x) => x.number)).toEqual([s2.number]);
    expect(pick(feb.shrinkage.total)).toEqual(['total', 42, 39, 3, 300, 7.14]);
    expect(pick(c.ok('counts.accuracy', { itemId: s.mug.id }).shrinkage.total)).toEqual(['total', 14, 13, 1, 250, 7.14]);
  });
});
