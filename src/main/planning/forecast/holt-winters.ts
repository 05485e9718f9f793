/**
 * Holt-Winters with additive or multiplicative seasonality of period m (FPP3 §8.3):
 *   additive:       ŷ(t+1|t) = ℓ + b + s(t+1−m)
 *                   ℓ(t) = α·(y − s(t−m)) + (1−α)·(ℓ + b),   s(t) = γ·(y − ℓ(t−1) − b(t−1)) + (1−γ)·s(t−m)
 *   multiplicative: ŷ(t+1|t) = (ℓ + b)·s(t+1−m)
 *                   ℓ(t) = α·y/s(t−m) + (1−α)·(ℓ + b),       s(t) = γ·y/(ℓ(t−1) + b(t−1)) + (1−γ)·s(t−m)
 *   b(t) = β*·(ℓ(t) − ℓ(t−1)) + (1−β*)·b(t−1) in both.
 *
 * Only used with at least two full seasons (m = 52 weekly/yearly, 7 daily/weekly, 12 monthly): one season cannot
 * separate the seasonal shape from the trend. Initial states are the classical heuristic from the first two seasons
 * (not optimised: with m = 52 that would be 54 free states fitted to ~110 points): b0 = (mean of season 2 − mean of
 * season 1)/m, ℓ0 = mean of season 1 − b0·(m+1)/2 (the season mean sits mid-season), s(j) = average over the two
 * seasons of y minus (or divided by) the trend line, normalised to sum 0 (mean 1). α, β*, γ minimise the in-sample
 * SSE with γ ≤ 1 − α (FPP3's range), by Nelder-Mead from a small grid of starts.
 */
import { fromBounded, toBounded } from './bounded';
import { nelderMead } from './optimize';
import { checkHorizon, checkSeries, type ForecastModel } from './types';

export type Seasonality = 'additive' | 'multiplicative';

export interface HoltWintersOptions {
  m: number;
  seasonality?: Seasonality;
  alpha?: number;
  beta?: number;
  gamma?: number;
}

export interface HoltWintersStates {
  level: number;
  trend: number;
  /** season[j] is the index for the j-th period of a season, j = 0..m−1, aligned with y[0..m−1]. */
  season: number[];
}

/** Two full seasons are the minimum history for Holt-Winters. */
export function canFitHoltWinters(n: number, m: number): boolean {
  return Number.isInteger(m) && m >= 2 && n >= 2 * m;
}

export function holtWintersInitialStates(y: readonly number[], m: number, seasonality: Seasonality): HoltWintersStates {
  const mean = (a: number, b: number) => {
    let s = 0;
    for (let t = a; t < b; t++) s += y[t]!;
    return s / (b - a);
  };
  const m1 = mean(0, m);
  const m2 = mean(m, 2 * m);
  const trend = (m2 - m1) / m;
  const level = m1 - trend * ((m + 1) / 2);
  const season = new Array<number>(m);
  for (let j = 0; j < m; j++) {
    const line1 = level + trend * (j + 1);
    const line2 = level + trend * (j + 1 + m);
    season[j] =
      seasonality === 'additive'
        ? (y[j]! - line1 + (y[j + m]! - line2)) / 2
        : (y[j]! / Math.max(line1, 1e-9) + y[j + m]! / Math.max(line2, 1e-9)) / 2;
  }
  const avg = season.reduce((s, v) => s + v, 0) / m;
  for (let j = 0; j < m; j++) season[j] = seasonality === 'additive' ? season[j]! - avg : season[j]! / (avg || 1);
  return { level, trend, season };
}

export function holtWintersRun(
  y: readonly number[],
  m: number,
  seasonality: Seasonality,
  alpha: number,
  beta: number,
  gamma: number,
  init: HoltWintersStates,
): { fitted: number[]; sse: number; final: HoltWintersStates } {
  const n = y.length;
  const fitted = new Array<number>(n);
  const season = init.season.slice();
  let level = init.level;
  let trend = init.trend;
  let sse = 0;
  for (let t = 0; t < n; t++) {
    const j = t % m;
    const s = season[j]!;
    const base = level + trend;
    const f = seasonality === 'additive' ? base + s : base * s;
    fitted[t] = f;
    const e = y[t]! - f;
    sse += e * e;
    let newLevel: number;
    if (seasonality === 'additive') {
      newLevel = alpha * (y[t]! - s) + (1 - alpha) * base;
      season[j] = gamma * (y[t]! - base) + (1 - gamma) * s;
    } else {
      // A level at or below zero makes multiplicative seasonality meaningless; reject those parameters.
      if (!(base > 1e-9) || !(s > 1e-9)) return { fitted, sse: Infinity, final: { level, trend, season } };
      newLevel = (alpha * y[t]!) / s + (1 - alpha) * base;
      season[j] = (gamma * y[t]!) / base + (1 - gamma) * s;
    }
    trend = beta * (newLevel - level) + (1 - beta) * trend;
    level = newLevel;
  }
  // Re-align the seasonal indices so final.season[0] belongs to period n+1.
  const aligned = Array.from({ length: m }, (_, k) => season[(n + k) % m]!);
  return { fitted, sse, final: { level, trend, season: aligned } };
}

export function holtWinters(y: readonly number[], options: HoltWintersOptions): ForecastModel {
  const { m } = options;
  const seasonality = options.seasonality ?? 'additive';
  checkSeries(y);
  if (!canFitHoltWinters(y.length, m)) throw new RangeError(`Holt-Winters needs at least two full seasons (2×${m}), got ${y.length}`);
  if (seasonality === 'multiplicative' && y.some((v) => v <= 0)) {
    throw new RangeError('multiplicative Holt-Winters needs strictly positive data');
  }
  const init = holtWintersInitialStates(y, m, seasonality);
  const lo = 0.0001;
  const hi = 0.9999;
  const unpack = (u: readonly number[]) => {
    let i = 0;
    const alpha = options.alpha ?? toBounded(u[i++]!, lo, hi);
    const beta = options.beta ?? toBounded(u[i++]!, lo, hi);
    // γ is searched as a share of (1 − α) so the constraint γ ≤ 1 − α always holds.
    const gamma = options.gamma ?? toBounded(u[i++]!, lo, hi) * (1 - alpha);
    return { alpha, beta, gamma };
  };
  const nFree = [options.alpha, options.beta, options.gamma].filter((v) => v === undefined).length;
  let params = unpack([]);
  if (nFree > 0) {
    const objective = (u: number[]) => {
      const p = unpack(u);
      return holtWintersRun(y, m, seasonality, p.alpha, p.beta, p.gamma, init).sse;
    };
    const grids: number[][] = [];
    if (options.alpha === undefined) grids.push([0.1, 0.3, 0.6]);
    if (options.beta === undefined) grids.push([0.01, 0.1]);
    if (options.gamma === undefined) grids.push([0.05, 0.3]);
    const combos = grids.reduce<number[][]>((acc, g) => acc.flatMap((c) => g.map((v) => [...c, fromBounded(v, lo, hi)])), [[]]);
    let best = { u: combos[0]!, f: Infinity };
    for (const u of combos) {
      const f = objective(u);
      if (f < best.f) best = { u, f };
    }
    params = unpack(nelderMead(objective, best.u, { step: 0.5, maxIterations: 300 * nFree }).x);
  }
  const run = holtWintersRun(y, m, seasonality, params.alpha, params.beta, params.gamma, init);
  const { level, trend, season } = run.final;
  return {
    method: seasonality === 'additive' ? 'hw-additive' : 'hw-multiplicative',
    params: { m, alpha: params.alpha, beta: params.beta, gamma: params.gamma, level0: init.level, trend0: init.trend },
    fitted: run.fitted,
    forecast: (h) =>
      Array.from({ length: checkHorizon(h) }, (_, i) => {
        const base = level + (i + 1) * trend;
        const s = season[i % m]!;
        const f = seasonality === 'additive' ? base + s : base * s;
        // Demand cannot be negative; a falling trend must not promise returns.
        return Math.max(0, f);
      }),
  };
}
