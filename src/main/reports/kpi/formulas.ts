import type { KpiKey, KpiResult } from './types';

/**
 * The KPI formulas, as pure functions over their inputs. Money inputs are in minor units (pence, cents); ratios are
 * returned unrounded (the UI rounds for display), so a test can check them exactly against hand arithmetic.
 * Any division by zero, or an input that is not known (null), gives value null with the reason.
 */

type Inputs = Record<string, number | null>;

function result(key: KpiKey, label: string, unit: KpiResult['unit'], formula: string, inputs: Inputs, value: number | null, reason?: string): KpiResult {
  return reason === undefined ? { key, label, unit, formula, inputs, value } : { key, label, unit, formula, inputs, value: null, reason };
}

/** The first input that is null, by name, for the "not known" reason. */
function missing(inputs: Inputs, names: string[]): string | undefined {
  return names.find((n) => inputs[n] === null || inputs[n] === undefined);
}

function compute(
  key: KpiKey,
  label: string,
  unit: KpiResult['unit'],
  formula: string,
  inputs: Inputs,
  divisor: string,
  f: (v: Record<string, number>) => number,
): KpiResult {
  const m = missing(inputs, Object.keys(inputs));
  if (m !== undefined) return result(key, label, unit, formula, inputs, null, `${m} is not known`);
  if (inputs[divisor] === 0) return result(key, label, unit, formula, inputs, null, `${divisor} is zero: division by zero`);
  return result(key, label, unit, formula, inputs, f(inputs as Record<string, number>));
}

/** Inventory turnover = COGS ÷ average inventory (at cost). */
export const inventoryTurnover = (i: { cogsMinor: number | null; averageInventoryMinor: number | null }): KpiResult =>
  compute('inventoryTurnover', 'Inventory turnover', 'ratio', 'COGS ÷ average inventory', { cogsMinor: i.cogsMinor, averageInventoryMinor: i.averageInventoryMinor }, 'averageInventoryMinor', (v) => v.cogsMinor / v.averageInventoryMinor);

/** Days inventory outstanding = average inventory ÷ COGS × days in period. */
export const daysInventoryOutstanding = (i: { averageInventoryMinor: number | null; cogsMinor: number | null; days: number | null }): KpiResult =>
  compute('daysInventoryOutstanding', 'Days inventory outstanding', 'days', 'average inventory ÷ COGS × days', { averageInventoryMinor: i.averageInventoryMinor, cogsMinor: i.cogsMinor, days: i.days }, 'cogsMinor', (v) => (v.averageInventoryMinor / v.cogsMinor) * v.days);

/** Sell-through % = units sold ÷ units received × 100. */
export const sellThrough = (i: { unitsSold: number | null; unitsReceived: number | null }): KpiResult =>
  compute('sellThrough', 'Sell-through', 'percent', 'units sold ÷ units received × 100', { unitsSold: i.unitsSold, unitsReceived: i.unitsReceived }, 'unitsReceived', (v) => (v.unitsSold / v.unitsReceived) * 100);

/**
 * Days sales outstanding = accounts receivable ÷ revenue × days. The engine passes the average of the daily closing
 * receivables over the period (as it does for inventory) and the period's revenue (sales at shipment, net of returns).
 */
export const daysSalesOutstanding = (i: { receivablesMinor: number | null; revenueMinor: number | null; days: number | null }): KpiResult =>
  compute('daysSalesOutstanding', 'Days sales outstanding', 'days', 'average accounts receivable ÷ revenue × days', { receivablesMinor: i.receivablesMinor, revenueMinor: i.revenueMinor, days: i.days }, 'revenueMinor', (v) => (v.receivablesMinor / v.revenueMinor) * v.days);

/** Days payable outstanding = accounts payable ÷ COGS × days (the engine passes the average of the daily closing payables). */
export const daysPayableOutstanding = (i: { payablesMinor: number | null; cogsMinor: number | null; days: number | null }): KpiResult =>
  compute('daysPayableOutstanding', 'Days payable outstanding', 'days', 'average accounts payable ÷ COGS × days', { payablesMinor: i.payablesMinor, cogsMinor: i.cogsMinor, days: i.days }, 'cogsMinor', (v) => (v.payablesMinor / v.cogsMinor) * v.days);

/** Cash conversion cycle = DIO + DSO − DPO; null when any of the three is. */
export function cashConversionCycle(dio: KpiResult, dso: KpiResult, dpo: KpiResult): KpiResult {
  const inputs = { dio: dio.value, dso: dso.value, dpo: dpo.value };
  const m = missing(inputs, ['dio', 'dso', 'dpo']);
  const formula = 'DIO + DSO − DPO';
  if (m !== undefined) {
    const why = [dio, dso, dpo].find((k) => k.value === null)?.reason;
    return result('cashConversionCycle', 'Cash conversion cycle', 'days', formula, inputs, null, `${m} is not known${why ? ` (${why})` : ''}`);
  }
  return result('cashConversionCycle', 'Cash conversion cycle', 'days', formula, inputs, dio.value! + dso.value! - dpo.value!);
}

/** GMROI = gross margin ÷ average inventory cost, gross margin = revenue − COGS. */
export const gmroi = (i: { revenueMinor: number | null; cogsMinor: number | null; averageInventoryMinor: number | null }): KpiResult => {
  const gm = i.revenueMinor === null || i.cogsMinor === null ? null : i.revenueMinor - i.cogsMinor;
  return compute('gmroi', 'GMROI', 'ratio', 'gross margin ÷ average inventory cost (gross margin = revenue − COGS)', { revenueMinor: i.revenueMinor, cogsMinor: i.cogsMinor, grossMarginMinor: gm, averageInventoryMinor: i.averageInventoryMinor }, 'averageInventoryMinor', (v) => v.grossMarginMinor / v.averageInventoryMinor);
};

/**
 * Carrying cost % = annual holding cost ÷ average inventory value × 100, where annual holding cost = holding rate % ×
 * average inventory + fixed annual costs (storage, insurance…).
 */
export const carryingCost = (i: { holdingRatePct: number | null; fixedAnnualCostMinor: number | null; averageInventoryMinor: number | null }): KpiResult => {
  const annual = i.holdingRatePct === null || i.fixedAnnualCostMinor === null || i.averageInventoryMinor === null ? null : (i.holdingRatePct / 100) * i.averageInventoryMinor + i.fixedAnnualCostMinor;
  return compute(
    'carryingCost',
    'Carrying cost',
    'percent',
    'annual holding cost ÷ average inventory value × 100 (annual holding cost = holding rate × average inventory + fixed annual costs)',
    { holdingRatePct: i.holdingRatePct, fixedAnnualCostMinor: i.fixedAnnualCostMinor, annualHoldingCostMinor: annual, averageInventoryMinor: i.averageInventoryMinor },
    'averageInventoryMinor',
    (v) => (v.annualHoldingCostMinor / v.averageInventoryMinor) * 100,
  );
};

/** Shrinkage % = (recorded − actual) ÷ recorded × 100 (quantities or values, the same unit for both). */
export const shrinkage = (i: { recorded: number | null; actual: number | null }): KpiResult =>
  compute('shrinkage', 'Shrinkage', 'percent', '(recorded − actual) ÷ recorded × 100', { recorded: i.recorded, actual: i.actual }, 'recorded', (v) => ((v.recorded - v.actual) / v.recorded) * 100);

/** Fill rate % = units shipped ÷ units ordered × 100. */
export const fillRate = (i: { unitsShipped: number | null; unitsOrdered: number | null }): KpiResult =>
  compute('fillRate', 'Fill rate', 'percent', 'units shipped ÷ units ordered × 100', { unitsShipped: i.unitsShipped, unitsOrdered: i.unitsOrdered }, 'unitsOrdered', (v) => (v.unitsShipped / v.unitsOrdered) * 100);

/**
 * Stockout days = days in the period whose closing on-hand quantity was 0 or less. Days before stock was first known
 * (null) are not counted: stock unknown is not stock zero.
 */
export function stockoutDays(closingQuantities: readonly (number | null)[]): KpiResult {
  const known = closingQuantities.filter((q): q is number => q !== null);
  const out = known.filter((q) => q <= 0).length;
  const inputs = { days: closingQuantities.length, daysKnown: known.length, daysAtOrBelowZero: out };
  if (known.length === 0) return result('stockoutDays', 'Stockout days', 'count', 'count of days closing at on hand ≤ 0', inputs, null, 'no day in the period has known stock');
  return result('stockoutDays', 'Stockout days', 'count', 'count of days closing at on hand ≤ 0', inputs, out);
}

/**
 * Inventory record accuracy % = count lines whose count matched the record ÷ count lines counted × 100, over the
 * lines of the cycle counts posted in the period (a match is an exact one: counted = expected at count time).
 */
export const inventoryRecordAccuracy = (i: { linesAccurate: number | null; linesCounted: number | null }): KpiResult =>
  compute(
    'inventoryRecordAccuracy',
    'Inventory record accuracy',
    'percent',
    'count lines matching the record ÷ count lines counted × 100',
    { linesAccurate: i.linesAccurate, linesCounted: i.linesCounted },
    'linesCounted',
    (v) => (v.linesAccurate / v.linesCounted) * 100,
  );

/** Average of daily closing values (the documented "average inventory": every day of the period, not the two ends). */
export function averageOfDailyCloses(closes: readonly number[]): number | null {
  if (closes.length === 0) return null;
  return closes.reduce((s, v) => s + v, 0) / closes.length;
}
