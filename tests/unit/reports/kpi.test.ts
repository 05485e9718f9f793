import { describe, expect, it } from 'vitest';
import {
  averageOfDailyCloses,
  carryingCost,
  cashConversionCycle,
  daysInventoryOutstanding,
  daysPayableOutstanding,
  daysSalesOutstanding,
  fillRate,
  gmroi,
  inventoryTurnover,
  sellThrough,
  shrinkage,
  stockoutDays,
} from '../../../src/main/reports/kpi';

/**
 * Fixture (a 365-day year, money in pence):
 *   COGS 1 200 000, average inventory 300 000, revenue 2 000 000,
 *   units sold 450, units received 600,
 *   receivables 164 383 (~30 days of revenue), payables 98 630.
 */
const year = { cogsMinor: 1_200_000, averageInventoryMinor: 300_000, revenueMinor: 2_000_000, days: 365 };

describe('KPI formulas', () => {
  it('inventory turnover = COGS ÷ average inventory', () => {
    // 1 200 000 ÷ 300 000 = 4
    const k = inventoryTurnover(year);
    expect(k.value).toBe(4);
    expect(k.formula).toBe('COGS ÷ average inventory');
    expect(k.inputs).toEqual({ cogsMinor: 1_200_000, averageInventoryMinor: 300_000 });
  });

  it('DIO = average inventory ÷ COGS × days', () => {
    // 300 000 ÷ 1 200 000 × 365 = 0.25 × 365 = 91.25 days
    expect(daysInventoryOutstanding(year).value).toBe(91.25);
    // a 30-day month: COGS 90 000, average 45 000 → 0.5 × 30 = 15 days
    expect(daysInventoryOutstanding({ averageInventoryMinor: 45_000, cogsMinor: 90_000, days: 30 }).value).toBe(15);
  });

  it('sell-through = units sold ÷ units received × 100', () => {
    // 450 ÷ 600 × 100 = 75 %
    expect(sellThrough({ unitsSold: 450, unitsReceived: 600 }).value).toBe(75);
    // 7 ÷ 8 × 100 = 87.5 %
    expect(sellThrough({ unitsSold: 7, unitsReceived: 8 }).value).toBe(87.5);
  });

  it('DSO, DPO and cash conversion cycle', () => {
    // DSO = 200 000 ÷ 2 000 000 × 365 = 0.1 × 365 = 36.5 days
    const dso = daysSalesOutstanding({ receivablesMinor: 200_000, revenueMinor: 2_000_000, days: 365 });
    expect(dso.value).toBeCloseTo(36.5, 10);
    // DPO = 120 000 ÷ 1 200 000 × 365 = 0.1 × 365 = 36.5 days
    const dpo = daysPayableOutstanding({ payablesMinor: 120_000, cogsMinor: 1_200_000, days: 365 });
    expect(dpo.value).toBeCloseTo(36.5, 10);
    // CCC = DIO + DSO − DPO = 91.25 + 36.5 − 36.5 = 91.25 days
    const ccc = cashConversionCycle(daysInventoryOutstanding(year), dso, dpo);
    expect(ccc.value).toBeCloseTo(91.25, 10);
    expect(ccc.formula).toBe('DIO + DSO − DPO');
    expect(ccc.inputs).toEqual({ dio: 91.25, dso: dso.value, dpo: dpo.value });
    // DPO 73 days: CCC = 91.25 + 36.5 − 73 = 54.75
    const dpo73 = daysPayableOutstanding({ payablesMinor: 240_000, cogsMinor: 1_200_000, days: 365 });
    expect(cashConversionCycle(daysInventoryOutstanding(year), dso, dpo73).value).toBeCloseTo(54.75, 10);
  });

  it('GMROI = gross margin ÷ average inventory cost', () => {
    // gross margin = 2 000 000 − 1 200 000 = 800 000; 800 000 ÷ 300 000 = 2.666…
    const k = gmroi(year);
    expect(k.value).toBeCloseTo(8 / 3, 12);
    expect(k.inputs.grossMarginMinor).toBe(800_000);
  });

  it('carrying cost % = annual holding cost ÷ average inventory × 100', () => {
    // holding cost = 20 % × 300 000 + 15 000 fixed = 60 000 + 15 000 = 75 000; 75 000 ÷ 300 000 × 100 = 25 %
    const k = carryingCost({ holdingRatePct: 20, fixedAnnualCostMinor: 15_000, averageInventoryMinor: 300_000 });
    expect(k.value).toBeCloseTo(25, 12);
    expect(k.inputs.annualHoldingCostMinor).toBe(75_000);
  });

  it('shrinkage % = (recorded − actual) ÷ recorded × 100', () => {
    // (1 000 − 985) ÷ 1 000 × 100 = 1.5 %
    expect(shrinkage({ recorded: 1000, actual: 985 }).value).toBeCloseTo(1.5, 12);
    // more found than recorded: (200 − 204) ÷ 200 × 100 = −2 %
    expect(shrinkage({ recorded: 200, actual: 204 }).value).toBeCloseTo(-2, 12);
  });

  it('fill rate % = units shipped ÷ units ordered × 100', () => {
    // 190 ÷ 200 × 100 = 95 %
    expect(fillRate({ unitsShipped: 190, unitsOrdered: 200 }).value).toBe(95);
  });

  it('stockout days count days closing at or below zero, not days before stock was known', () => {
    // closes: unknown, unknown, 5, 0, 3, 0, −1 → known 5 days, at ≤ 0 on 3 of them
    const k = stockoutDays([null, null, 5, 0, 3, 0, -1]);
    expect(k.value).toBe(3);
    expect(k.inputs).toEqual({ days: 7, daysKnown: 5, daysAtOrBelowZero: 3 });
    expect(stockoutDays([null, null]).value).toBeNull();
  });

  it('average inventory is the mean of every daily close, not the two ends', () => {
    // closes 0, 0, 0, 1000 → (0 + 0 + 0 + 1000) ÷ 4 = 250, while (first + last) ÷ 2 would be 500
    expect(averageOfDailyCloses([0, 0, 0, 1000])).toBe(250);
    expect(averageOfDailyCloses([])).toBeNull();
  });

  it('division by zero gives null with the reason, never Infinity or NaN', () => {
    const t = inventoryTurnover({ cogsMinor: 1000, averageInventoryMinor: 0 });
    expect(t.value).toBeNull();
    expect(t.reason).toMatch(/averageInventoryMinor is zero/);
    expect(daysInventoryOutstanding({ averageInventoryMinor: 100, cogsMinor: 0, days: 30 }).reason).toMatch(/cogsMinor is zero/);
    expect(sellThrough({ unitsSold: 3, unitsReceived: 0 }).value).toBeNull();
    expect(shrinkage({ recorded: 0, actual: 0 }).value).toBeNull();
    expect(fillRate({ unitsShipped: 0, unitsOrdered: 0 }).value).toBeNull();
    expect(gmroi({ revenueMinor: 10, cogsMinor: 5, averageInventoryMinor: 0 }).value).toBeNull();
  });

  it('a missing input gives null, and the cash conversion cycle says which part is missing', () => {
    const dso = daysSalesOutstanding({ receivablesMinor: null, revenueMinor: 1000, days: 30 });
    expect(dso.value).toBeNull();
    expect(dso.reason).toBe('receivablesMinor is not known');
    const ccc = cashConversionCycle(daysInventoryOutstanding(year), dso, daysPayableOutstanding({ payablesMinor: 0, cogsMinor: 1, days: 30 }));
    expect(ccc.value).toBeNull();
    expect(ccc.reason).toMatch(/^dso is not known/);
    expect(carryingCost({ holdingRatePct: null, fixedAnnualCostMinor: null, averageInventoryMinor: 100 }).value).toBeNull();
  });
});
