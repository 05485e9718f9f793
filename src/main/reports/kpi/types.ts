import { KPI_KEYS } from '../../../shared/api/reports';

/**
 * One KPI, as the UI shows it: the number, the formula in words and every input it was computed from, so a user can
 * redo the arithmetic. A KPI that cannot be computed (a division by zero, a missing input) has value null and a reason.
 */
export interface KpiResult {
  key: KpiKey;
  label: string;
  value: number | null;
  /** Unit of value: a ratio (×), days, percent, or a count of days. */
  unit: 'ratio' | 'days' | 'percent' | 'count';
  formula: string;
  inputs: Record<string, number | null>;
  /** Why value is null; absent when it is a number. */
  reason?: string;
}

export { KPI_KEYS };
export type KpiKey = (typeof KPI_KEYS)[number];
