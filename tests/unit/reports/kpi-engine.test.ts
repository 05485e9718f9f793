import { describe, expect, it } from 'vitest';
import { averageOfDailyCloses, carryingCost, cashConversionCycle, daysInventoryOutstanding, daysPayableOutstanding, daysSalesOutstanding, fillRate, inventoryRecordAccuracy, stockoutDays } from '../../../src/main/reports/kpi';
import { kpisFromInputs, type KpiInputs } from '../../../src/main/reports/kpi-service';
import { KPI_KEYS } from '../../../src/shared/api/reports';

const days = (n: number, v: number) => new Array<number>(n).fill(v);

/**
 * Fixture: a 30-day month (June), money in pence.
 *   inventory closes: 10 days at 30 000, then 20 days at 15 000 → Σ 300 000 + 300 000 = 600 000, average 20 000
 *   COGS 40 000, revenue 64 000, units sold 90 of 120 received, 90 shipped of 96 ordered
 *   receivables closes: 15 days at 32 000, 15 days at 0 → Σ 480 000, average 16 000
 *   payables closes: 30 days at 8 000 → average 8 000
 *   shrink 300 at cost against a closing value of 15 000; 20 count lines posted, 18 matching the record
 *   on hand: unknown the first 2 days, 5 units for 25 days, 0 the last 3
 */
const closes = [...days(10, 30_000), ...days(20, 15_000)];
const receivables = averageOfDailyCloses([...days(15, 32_000), ...days(15, 0)]);
const payables = averageOfDailyCloses(days(30, 8_000));
const june: KpiInputs = {
  from: '2026-06-01',
  to: '2026-06-30',
  days: 30,
  averageInventoryMinor: averageOfDailyCloses(closes),
  openingValueMinor: 30_000,
  closingValueMinor: 15_000,
  cogsMinor: 40_000,
  revenueMinor: 64_000,
  unitsSold: 90,
  unitsReceived: 120,
  shrinkValueMinor: 300,
  unitsOrdered: 96,
  unitsShipped: 90,
  dailyQuantities: [null, null, ...days(25, 5), ...days(3, 0)],
};

describe('the KPI engine on a month fixture (kpisFromInputs)', () => {
  const kpis = kpisFromInputs(june, { holdingRatePct: 18, fixedAnnualCostMinor: 2_400, receivablesMinor: receivables, payablesMinor: payables, countLines: { counted: 20, accurate: 18 } });
  const v = (key: string) => kpis.find((k) => k.key === key)!;

  it('returns every KPI once, in the order of KPI_KEYS, each with a formula and its inputs', () => {
    expect(kpis.map((k) => k.key)).toEqual([...KPI_KEYS]);
    for (const k of kpis) {
      expect(k.formula.length).toBeGreaterThan(5);
      expect(Object.keys(k.inputs).length).toBeGreaterThan(0);
    }
  });

  it('computes each one as by hand', () => {
    expect(june.averageInventoryMinor).toBe(20_000); // 600 000 ÷ 30
    expect(receivables).toBe(16_000); // 480 000 ÷ 30
    expect(v('inventoryTurnover').value).toBe(2); // 40 000 ÷ 20 000
    expect(v('daysInventoryOutstanding').value).toBe(15); // 20 000 ÷ 40 000 × 30
    expect(v('sellThrough').value).toBe(75); // 90 ÷ 120 × 100
    expect(v('daysSalesOutstanding').value).toBe(7.5); // 16 000 ÷ 64 000 × 30
    expect(v('daysPayableOutstanding').value).toBe(6); // 8 000 ÷ 40 000 × 30
    expect(v('cashConversionCycle').value).toBe(16.5); // 15 + 7.5 − 6
    expect(v('gmroi').value).toBeCloseTo(1.2, 12); // (64 000 − 40 000) ÷ 20 000
    // annual holding cost = 18 % × 20 000 + 2 400 = 3 600 + 2 400 = 6 000; 6 000 ÷ 20 000 × 100 = 30 %
    expect(v('carryingCost').inputs).toEqual({ holdingRatePct: 18, fixedAnnualCostMinor: 2_400, annualHoldingCostMinor: 6_000, averageInventoryMinor: 20_000 });
    expect(v('carryingCost').value).toBeCloseTo(30, 12);
    // recorded = 15 000 + 300 = 15 300, actual 15 000: 300 ÷ 15 300 × 100 = 1.960 784…
    expect(v('shrinkage').inputs).toEqual({ recorded: 15_300, actual: 15_000 });
    expect(v('shrinkage').value).toBeCloseTo(1.9607843, 6);
    expect(v('fillRate').value).toBe(93.75); // 90 ÷ 96 × 100
    expect(v('stockoutDays').value).toBe(3);
    expect(v('stockoutDays').inputs).toEqual({ days: 30, daysKnown: 28, daysAtOrBelowZero: 3 });
    expect(v('inventoryRecordAccuracy').value).toBe(90); // 18 ÷ 20 × 100
  });

  it('says why a KPI is not known for a scope without documents, a rate or counts', () => {
    const bare = kpisFromInputs({ ...june, unitsOrdered: null, unitsShipped: null });
    const r = (key: string) => bare.find((k) => k.key === key)!;
    expect(r('daysSalesOutstanding')).toMatchObject({ value: null, reason: 'receivablesMinor is not known: receivables come from sales invoices, which are per customer, not split by item, category or warehouse' });
    expect(r('daysPayableOutstanding').reason).toMatch(/^payablesMinor is not known: payables come from supplier bills/);
    expect(r('cashConversionCycle').reason).toMatch(/^dso is not known/);
    expect(r('carryingCost').reason).toBe('holdingRatePct is not known: no holding cost rate given');
    expect(r('fillRate').reason).toBe('unitsShipped is not known: fill rate is not split by warehouse');
    expect(r('inventoryRecordAccuracy').reason).toBe('linesAccurate is not known: no count lines given');
    // No counts posted in the period: nothing to divide by.
    expect(kpisFromInputs(june, { countLines: { counted: 0, accurate: 0 } }).find((k) => k.key === 'inventoryRecordAccuracy')!.reason).toBe('linesCounted is zero: division by zero');
  });
});

describe('KPI formulas: the gaps', () => {
  it('DSO and DPO on averaged daily balances, and the cash conversion cycle', () => {
    // AR closes 0, 0, 9 000, 9 000, 3 000 over 5 days → Σ 21 000, average 4 200; revenue 14 000: 4 200 ÷ 14 000 × 5 = 1.5
    const ar = averageOfDailyCloses([0, 0, 9_000, 9_000, 3_000]);
    expect(ar).toBe(4_200);
    const dso = daysSalesOutstanding({ receivablesMinor: ar, revenueMinor: 14_000, days: 5 });
    expect(dso.value).toBeCloseTo(1.5, 12);
    expect(dso.inputs).toEqual({ receivablesMinor: 4_200, revenueMinor: 14_000, days: 5 });
    // AP 2 000 each day, COGS 5 000: 2 000 ÷ 5 000 × 5 = 2 days
    const dpo = daysPayableOutstanding({ payablesMinor: 2_000, cogsMinor: 5_000, days: 5 });
    expect(dpo.value).toBe(2);
    // DIO: average 10 000 ÷ 5 000 × 5 = 10; CCC = 10 + 1.5 − 2 = 9.5
    const dio = daysInventoryOutstanding({ averageInventoryMinor: 10_000, cogsMinor: 5_000, days: 5 });
    expect(cashConversionCycle(dio, dso, dpo).value).toBeCloseTo(9.5, 12);
    // Paying suppliers later than customers pay makes the cycle negative: DPO 20 → 10 + 1.5 − 20 = −8.5
    expect(cashConversionCycle(dio, dso, daysPayableOutstanding({ payablesMinor: 20_000, cogsMinor: 5_000, days: 5 })).value).toBeCloseTo(-8.5, 12);
    // No revenue: DSO is a division by zero, and the cycle says so.
    const none = daysSalesOutstanding({ receivablesMinor: 100, revenueMinor: 0, days: 5 });
    expect(none.reason).toBe('revenueMinor is zero: division by zero');
    expect(cashConversionCycle(dio, none, dpo).reason).toBe('dso is not known (revenueMinor is zero: division by zero)');
  });

  it('carrying cost with the holding rate alone, fixed costs alone, and both', () => {
    // 25 % of an average 40 000, no fixed costs: 10 000 ÷ 40 000 × 100 = 25 %
    expect(carryingCost({ holdingRatePct: 25, fixedAnnualCostMinor: 0, averageInventoryMinor: 40_000 }).value).toBeCloseTo(25, 12);
    // 0 % and 6 000 fixed: 6 000 ÷ 40 000 × 100 = 15 %
    expect(carryingCost({ holdingRatePct: 0, fixedAnnualCostMinor: 6_000, averageInventoryMinor: 40_000 }).value).toBeCloseTo(15, 12);
    // 12.5 % and 6 000: 5 000 + 6 000 = 11 000 ÷ 40 000 × 100 = 27.5 %
    const both = carryingCost({ holdingRatePct: 12.5, fixedAnnualCostMinor: 6_000, averageInventoryMinor: 40_000 });
    expect(both.inputs.annualHoldingCostMinor).toBe(11_000);
    expect(both.value).toBeCloseTo(27.5, 12);
    expect(carryingCost({ holdingRatePct: 10, fixedAnnualCostMinor: 0, averageInventoryMinor: 0 }).reason).toBe('averageInventoryMinor is zero: division by zero');
  });

  it('fill rate of partly shipped orders', () => {
    // 160 of 165 units shipped: 96.969 696… %
    expect(fillRate({ unitsShipped: 160, unitsOrdered: 165 }).value).toBeCloseTo((160 / 165) * 100, 12);
    expect(fillRate({ unitsShipped: 165, unitsOrdered: 165 }).value).toBe(100);
  });

  it('stockout days when stock was held from before the period and never ran out', () => {
    expect(stockoutDays([4, 3, 2, 1]).value).toBe(0);
    expect(stockoutDays([0, 0, 0]).inputs).toEqual({ days: 3, daysKnown: 3, daysAtOrBelowZero: 3 });
  });

  it('inventory record accuracy = lines matching ÷ lines counted × 100', () => {
    // 7 of 8 lines matched: 87.5 %
    const a = inventoryRecordAccuracy({ linesAccurate: 7, linesCounted: 8 });
    expect([a.value, a.unit, a.formula]).toEqual([87.5, 'percent', 'count lines matching the record ÷ count lines counted × 100']);
    expect(inventoryRecordAccuracy({ linesAccurate: 0, linesCounted: 3 }).value).toBe(0);
    expect(inventoryRecordAccuracy({ linesAccurate: null, linesCounted: 3 }).reason).toBe('linesAccurate is not known');
  });
});
