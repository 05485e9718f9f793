/** Reorder point: the stock level at which to order so the expected lead-time demand plus safety stock is covered. */
import { fmt, requireFinite, type Explained } from './explained';

export interface ReorderPointInputs {
  avgDailySales: number;
  leadTimeDays: number;
  safetyStock: number;
}

export function reorderPoint(inputs: ReorderPointInputs): Explained<ReorderPointInputs, number> {
  const { avgDailySales, leadTimeDays, safetyStock } = inputs;
  for (const [k, v] of Object.entries(inputs)) requireFinite(k, v, { min: 0 });
  const leadTimeDemand = avgDailySales * leadTimeDays;
  const value = leadTimeDemand + safetyStock;
  return {
    method: 'reorder-point',
    inputs,
    value,
    explanation: `avg daily sales ${fmt(avgDailySales)} × lead time ${fmt(leadTimeDays)} d + safety stock ${fmt(safetyStock)} = ${fmt(value)}`,
  };
}
