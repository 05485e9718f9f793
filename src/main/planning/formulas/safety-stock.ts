/**
 * Safety stock, two selectable formulas (days are the time unit throughout):
 * - classic ("max-max"): (max daily sales × max lead time) − (average daily sales × average lead time). Needs no
 *   statistics, only the worst cases seen; it covers the worst demand during the worst lead time.
 * - service level: z · √(LT·σd² + d²·σLT²), z from the cycle service level (probability of no stockout in a
 *   replenishment cycle) via the inverse normal CDF; demand and lead-time variation combined as independent
 *   sources (the standard formula, e.g. Silver, Pyke & Thomas, "Inventory and Production Management", ch. 6).
 */
import { fmt, requireFinite, type Explained } from './explained';
import { inverseNormalCdf } from './inverse-normal';

export interface ClassicSafetyStockInputs {
  maxDailySales: number;
  maxLeadTimeDays: number;
  avgDailySales: number;
  avgLeadTimeDays: number;
}

export function classicSafetyStock(inputs: ClassicSafetyStockInputs): Explained<ClassicSafetyStockInputs, number> {
  const { maxDailySales, maxLeadTimeDays, avgDailySales, avgLeadTimeDays } = inputs;
  for (const [k, v] of Object.entries(inputs)) requireFinite(k, v, { min: 0 });
  if (maxDailySales < avgDailySales) throw new RangeError('maxDailySales must be >= avgDailySales');
  if (maxLeadTimeDays < avgLeadTimeDays) throw new RangeError('maxLeadTimeDays must be >= avgLeadTimeDays');
  const value = maxDailySales * maxLeadTimeDays - avgDailySales * avgLeadTimeDays;
  return {
    method: 'classic',
    inputs,
    value,
    explanation:
      `(max daily sales ${fmt(maxDailySales)} × max lead time ${fmt(maxLeadTimeDays)} d) − ` +
      `(avg daily sales ${fmt(avgDailySales)} × avg lead time ${fmt(avgLeadTimeDays)} d) = ${fmt(value)}`,
  };
}

export interface ServiceLevelSafetyStockInputs {
  /** Cycle service level, e.g. 0.95. */
  serviceLevel: number;
  avgDailyDemand: number;
  /** Standard deviation of daily demand. */
  sdDailyDemand: number;
  avgLeadTimeDays: number;
  /** Standard deviation of the lead time in days (0 if the supplier is perfectly punctual). */
  sdLeadTimeDays: number;
}

export function serviceLevelSafetyStock(
  inputs: ServiceLevelSafetyStockInputs,
): Explained<ServiceLevelSafetyStockInputs, number> & { z: number } {
  const { serviceLevel, avgDailyDemand, sdDailyDemand, avgLeadTimeDays, sdLeadTimeDays } = inputs;
  if (!(serviceLevel > 0 && serviceLevel < 1)) throw new RangeError(`serviceLevel must be in (0, 1), got ${serviceLevel}`);
  for (const k of ['avgDailyDemand', 'sdDailyDemand', 'avgLeadTimeDays', 'sdLeadTimeDays'] as const) requireFinite(k, inputs[k], { min: 0 });
  const z = inverseNormalCdf(serviceLevel);
  const sigma = Math.sqrt(avgLeadTimeDays * sdDailyDemand ** 2 + avgDailyDemand ** 2 * sdLeadTimeDays ** 2);
  const value = z * sigma;
  return {
    method: 'service-level',
    inputs,
    value,
    z,
    explanation:
      `z(${fmt(serviceLevel * 100, 1)}%) ${z.toFixed(4)} × √(LT ${fmt(avgLeadTimeDays)} × σd² ${fmt(sdDailyDemand)}² + ` +
      `d² ${fmt(avgDailyDemand)}² × σLT² ${fmt(sdLeadTimeDays)}²) = ${z.toFixed(4)} × ${sigma.toFixed(3)} = ${fmt(value)}`,
  };
}
