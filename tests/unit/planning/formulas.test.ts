import { describe, expect, it } from 'vitest';
import {
  annualInventoryCost,
  classicSafetyStock,
  classifyAbc,
  classifyXyz,
  coefficientOfVariation,
  economicOrderQuantity,
  inverseNormalCdf,
  leadTimeStats,
  leadTimeStatsFromPurchaseOrders,
  reorderPoint,
  serviceLevelSafetyStock,
} from '../../../src/main/planning/formulas';

describe('inverse normal CDF (Acklam)', () => {
  // Standard normal quantiles as printed in any z table (e.g. NIST/SEMATECH e-Handbook, table 1.3.6.7.1).
  it.each([
    [0.9, 1.2816],
    [0.95, 1.6449],
    [0.975, 1.96],
    [0.99, 2.3263],
    [0.999, 3.0902],
    [0.5, 0],
    [0.1, -1.2816],
    [0.01, -2.3263], // lower tail region (p < 0.02425)
  ])('z(%s) = %s', (p, z) => {
    expect(inverseNormalCdf(p)).toBeCloseTo(z, 4);
  });
  it('is antisymmetric and rejects 0 and 1', () => {
    expect(inverseNormalCdf(0.2) + inverseNormalCdf(0.8)).toBeCloseTo(0, 12);
    expect(() => inverseNormalCdf(0)).toThrow(RangeError);
    expect(() => inverseNormalCdf(1)).toThrow(RangeError);
  });
});

describe('safety stock', () => {
  it('classic: (max sales × max LT) − (avg sales × avg LT)', () => {
    // (20 × 10) − (12 × 7) = 200 − 84 = 116
    const r = classicSafetyStock({ maxDailySales: 20, maxLeadTimeDays: 10, avgDailySales: 12, avgLeadTimeDays: 7 });
    expect(r.value).toBe(116);
    expect(r.method).toBe('classic');
    expect(r.inputs.maxDailySales).toBe(20);
    expect(r.explanation).toContain('116');
  });
  it('classic rejects max below average', () => {
    expect(() => classicSafetyStock({ maxDailySales: 5, maxLeadTimeDays: 10, avgDailySales: 12, avgLeadTimeDays: 7 })).toThrow(RangeError);
  });
  it('service level: z·√(LT·σd² + d²·σLT²)', () => {
    // LT 9, σd 3, d 10, σLT 2: √(9·9 + 100·4) = √481 = 21.93171; z(95%) = 1.644854 → 36.0745
    const r = serviceLevelSafetyStock({ serviceLevel: 0.95, avgDailyDemand: 10, sdDailyDemand: 3, avgLeadTimeDays: 9, sdLeadTimeDays: 2 });
    expect(r.z).toBeCloseTo(1.644854, 5);
    expect(r.value).toBeCloseTo(36.0745, 3);
    expect(r.explanation).toContain('1.6449');
  });
  it('service level with a punctual supplier reduces to z·σd·√LT', () => {
    // σLT = 0: 2.326348 × 4 × √16 = 2.326348 × 16 = 37.2216
    const r = serviceLevelSafetyStock({ serviceLevel: 0.99, avgDailyDemand: 50, sdDailyDemand: 4, avgLeadTimeDays: 16, sdLeadTimeDays: 0 });
    expect(r.value).toBeCloseTo(37.2216, 3);
  });
});

describe('reorder point', () => {
  it('avg daily sales × lead time + safety stock', () => {
    // 12 × 7 + 116 = 84 + 116 = 200
    const r = reorderPoint({ avgDailySales: 12, leadTimeDays: 7, safetyStock: 116 });
    expect(r.value).toBe(200);
    expect(r.explanation).toContain('200');
  });
});

describe('EOQ with MOQ and pack size', () => {
  it('plain EOQ = √(2DS/H)', () => {
    // √(2 × 1200 × 50 / 3) = √40000 = 200, already a multiple of 1
    const r = economicOrderQuantity({ annualDemand: 1200, orderCost: 50, holdingCostPerUnitYear: 3 });
    expect(r.value.eoq).toBe(200);
    expect(r.value.quantity).toBe(200);
    // TC(200) = 1200·50/200 + 3·200/2 = 300 + 300 = 600
    expect(r.value.annualCost).toBe(600);
  });
  it('pack of 12: compares 192 and 204 and keeps the cheaper', () => {
    // TC(192) = 60000/192 + 1.5·192 = 312.5 + 288 = 600.5; TC(204) = 60000/204 + 1.5·204 = 294.1176 + 306 = 600.1176
    const r = economicOrderQuantity({ annualDemand: 1200, orderCost: 50, holdingCostPerUnitYear: 3, moq: 100, packSize: 12 });
    expect(r.value.compared.map((c) => c.quantity)).toEqual([192, 204]);
    expect(r.value.compared[0]!.annualCost).toBeCloseTo(600.5, 10);
    expect(r.value.compared[1]!.annualCost).toBeCloseTo(600.1176, 4);
    expect(r.value.quantity).toBe(204);
  });
  it('cost, not distance, decides: EOQ 100 in packs of 67 → 134 although 67 is nearer', () => {
    // √(2·1000·10/2) = 100. TC(67) = 10000/67 + 67 = 149.2537 + 67 = 216.2537; TC(134) = 10000/134 + 134 = 74.6269 + 134 = 208.6269
    const r = economicOrderQuantity({ annualDemand: 1000, orderCost: 10, holdingCostPerUnitYear: 2, packSize: 67 });
    expect(r.value.eoq).toBe(100);
    expect(r.value.quantity).toBe(134);
    expect(r.value.annualCost).toBeCloseTo(208.6269, 4);
    expect(annualInventoryCost(67, 1000, 10, 2)).toBeCloseTo(216.2537, 4);
  });
  it('MOQ above the EOQ: MOQ rounded up to a pack multiple', () => {
    // EOQ √(2·100·10/5) = √400 = 20 < MOQ 50 → packs of 12 → 60; TC = 1000/60 + 2.5·60 = 16.667 + 150 = 166.667
    const r = economicOrderQuantity({ annualDemand: 100, orderCost: 10, holdingCostPerUnitYear: 5, moq: 50, packSize: 12 });
    expect(r.value.eoq).toBe(20);
    expect(r.value.quantity).toBe(60);
    expect(r.value.annualCost).toBeCloseTo(166.6667, 4);
    expect(r.explanation).toContain('MOQ');
  });
  it('no demand → order nothing; bad pack size rejected', () => {
    expect(economicOrderQuantity({ annualDemand: 0, orderCost: 10, holdingCostPerUnitYear: 2 }).value.quantity).toBe(0);
    expect(() => economicOrderQuantity({ annualDemand: 10, orderCost: 10, holdingCostPerUnitYear: 2, packSize: 0 })).toThrow(RangeError);
  });
});

describe('ABC by revenue share', () => {
  it('80/15/5 cumulative, the item crossing a threshold joins the higher class', () => {
    // total 1000; cumulative share before each item: a 0, b .5, c .8, d .9, e .96
    // a, b start below 80% → A; c starts at 80% (not below) → B; d starts at 90% < 95% → B; e starts at 96% → C
    const r = classifyAbc([
      { id: 'e', revenue: 40 },
      { id: 'c', revenue: 100 },
      { id: 'a', revenue: 500 },
      { id: 'd', revenue: 60 },
      { id: 'b', revenue: 300 },
    ]);
    expect(r.value.map((row) => [row.id, row.class])).toEqual([
      ['a', 'A'],
      ['b', 'A'],
      ['c', 'B'],
      ['d', 'B'],
      ['e', 'C'],
    ]);
    expect(r.value[1]!.cumulativeShare).toBeCloseTo(0.8, 12);
    expect(r.explanation).toContain('A 2, B 2, C 1');
  });
  it('one dominant item is A; ties ordered by id; thresholds configurable', () => {
    const r = classifyAbc([
      { id: 'y', revenue: 50 },
      { id: 'x', revenue: 50 },
      { id: 'big', revenue: 900 },
    ]);
    // big .9 → A; then x (before .9 < .95) → B; y (before .95) → C
    expect(r.value.map((row) => `${row.id}:${row.class}`)).toEqual(['big:A', 'x:B', 'y:C']);
    const r2 = classifyAbc(
      [
        { id: 'big', revenue: 900 },
        { id: 'x', revenue: 50 },
        { id: 'y', revenue: 50 },
      ],
      { a: 0.95, b: 0.04 },
    );
    // before: big 0, x .9 (< .95 → A), y .95 (< .99 → B)
    expect(r2.value.map((row) => row.class)).toEqual(['A', 'A', 'B']);
  });
  it('zero revenue → all C', () => {
    expect(classifyAbc([{ id: 'a', revenue: 0 }]).value[0]!.class).toBe('C');
  });
});

describe('XYZ by coefficient of variation', () => {
  it.each([
    // mean 5; squared deviations 9+1+1+1+0+0+4+16 = 32; sample var 32/7 = 4.5714; sd 2.1381; CV 0.4276
    [[2, 4, 4, 4, 5, 5, 7, 9], 0.4276, 'X'],
    // mean 2; sample var ((1−2)² + (3−2)²)/1 = 2; sd 1.4142; CV 0.7071
    [[1, 3], 0.7071, 'Y'],
    // mean 2.5; squared deviations 6.25·3 + 56.25 = 75; sample var 25; sd 5; CV 2
    [[0, 0, 10, 0], 2, 'Z'],
    [[10, 10, 10], 0, 'X'],
  ])('%j → CV %s, class %s', (demand, cv, cls) => {
    const r = classifyXyz(demand);
    expect(r.value.cv).toBeCloseTo(cv, 4);
    expect(r.value.class).toBe(cls);
  });
  it('no demand → Z; thresholds configurable', () => {
    expect(classifyXyz([0, 0, 0]).value.class).toBe('Z');
    expect(Number.isNaN(coefficientOfVariation([0, 0]))).toBe(true);
    expect(classifyXyz([1, 3], { x: 0.8, y: 1.5 }).value.class).toBe('X');
  });
});

describe('lead-time statistics', () => {
  it('from PO dates: mean, sample SD, max', () => {
    // 2024-01-01 → 01-08 = 7 d; 2024-02-27 → 03-08 = 10 d (2024 is a leap year: 28, 29, 1..8); 03-01 → 03-14 = 13 d
    // mean (7+10+13)/3 = 10; sample SD √((9+0+9)/2) = 3; max 13
    const r = leadTimeStatsFromPurchaseOrders([
      { orderedOn: '2024-01-01', receivedOn: '2024-01-08' },
      { orderedOn: '2024-02-27', receivedOn: '2024-03-08T10:30:00Z' },
      { orderedOn: '2024-03-01', receivedOn: '2024-03-14' },
    ]);
    expect(r.inputs.days).toEqual([7, 10, 13]);
    expect(r.value).toEqual({ count: 3, mean: 10, sd: 3, max: 13 });
    expect(r.explanation).toContain('3 received PO(s)');
  });
  it('one PO → SD 0; none → undefined; received before ordered is an error', () => {
    expect(leadTimeStats([5]).value).toEqual({ count: 1, mean: 5, sd: 0, max: 5 });
    expect(leadTimeStats([]).value).toBeUndefined();
    expect(() => leadTimeStatsFromPurchaseOrders([{ orderedOn: '2024-01-08', receivedOn: '2024-01-01' }])).toThrow(RangeError);
  });
});
