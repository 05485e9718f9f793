/**
 * XYZ classification by the coefficient of variation of demand per period, CV = σ/μ (sample standard deviation):
 * X steady (CV ≤ 0.5 by default), Y variable (≤ 1.0), Z erratic (> 1.0). No demand at all has no CV: Z, since
 * nothing about it is predictable.
 */
import { fmt, type Explained } from './explained';

export type XyzClass = 'X' | 'Y' | 'Z';

export interface XyzThresholds {
  x: number;
  y: number;
}

export const DEFAULT_XYZ_THRESHOLDS: XyzThresholds = { x: 0.5, y: 1.0 };

export function coefficientOfVariation(demand: readonly number[]): number {
  const n = demand.length;
  if (n < 2) return NaN;
  const mean = demand.reduce((s, v) => s + v, 0) / n;
  if (mean === 0) return NaN;
  const variance = demand.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1);
  return Math.sqrt(variance) / mean;
}

export function classifyXyz(
  demand: readonly number[],
  thresholds: XyzThresholds = DEFAULT_XYZ_THRESHOLDS,
): Explained<{ periods: number; thresholds: XyzThresholds }, { class: XyzClass; cv: number }> {
  if (!(thresholds.x > 0 && thresholds.y >= thresholds.x)) throw new RangeError('XYZ thresholds must satisfy 0 < x <= y');
  const cv = coefficientOfVariation(demand);
  const cls: XyzClass = Number.isNaN(cv) ? 'Z' : cv <= thresholds.x ? 'X' : cv <= thresholds.y ? 'Y' : 'Z';
  return {
    method: 'xyz-cv',
    inputs: { periods: demand.length, thresholds },
    value: { class: cls, cv },
    explanation: Number.isNaN(cv)
      ? `no usable demand history over ${demand.length} period(s): Z`
      : `CV = σ/μ = ${fmt(cv, 3)} over ${demand.length} periods (X ≤ ${thresholds.x}, Y ≤ ${thresholds.y}): ${cls}`,
  };
}
