/**
 * Holt's linear trend method, optionally damped (FPP3 §8.2):
 *   ŷ(t+1|t) = ℓ(t) + φ·b(t)
 *   ℓ(t) = α·y(t) + (1−α)·(ℓ(t−1) + φ·b(t−1))
 *   b(t) = β*·(ℓ(t) − ℓ(t−1)) + (1−β*)·φ·b(t−1)
 *   ŷ(n+h|n) = max(0, ℓ(n) + (φ + φ² + … + φ^h)·b(n))    (φ = 1 when not damped; demand is never negative)
 * Like R's holt() (ets "AAN"/"AAdN" with opt.crit = "mse"), parameters and initial states minimise the in-sample
 * SSE. The initial states (ℓ0, b0) enter the errors linearly, so they are solved exactly by least squares for every
 * trial (α, β*, φ); only the smoothing parameters are searched (grid of starts + Nelder-Mead). Bounds are ets()'s:
 * α, β* in [0.0001, 0.9999], φ in [0.8, 0.98].
 */
import { fromBounded, toBounded } from './bounded';
import { nelderMead, solveNormalEquations } from './optimize';
import { checkHorizon, checkSeries, type ForecastModel } from './types';

export interface HoltOptions {
  damped?: boolean;
  alpha?: number;
  beta?: number;
  phi?: number;
}

const P_MIN = 0.0001;
const P_MAX = 0.9999;
const PHI_MIN = 0.8;
const PHI_MAX = 0.98;

interface HoltRun {
  errors: number[];
  fitted: number[];
  level: number;
  trend: number;
}

export function holtRun(y: readonly number[], alpha: number, beta: number, phi: number, level0: number, trend0: number): HoltRun {
  const n = y.length;
  const errors = new Array<number>(n);
  const fitted = new Array<number>(n);
  let level = level0;
  let trend = trend0;
  for (let t = 0; t < n; t++) {
    const f = level + phi * trend;
    fitted[t] = f;
    errors[t] = y[t]! - f;
    const newLevel = alpha * y[t]! + (1 - alpha) * f;
    trend = beta * (newLevel - level) + (1 - beta) * phi * trend;
    level = newLevel;
  }
  return { errors, fitted, level, trend };
}

/** SSE-optimal (ℓ0, b0) for fixed smoothing parameters: errors are affine in them (see optimize.ts). */
export function holtOptimalStates(y: readonly number[], alpha: number, beta: number, phi: number): { level0: number; trend0: number; sse: number } {
  const e0 = holtRun(y, alpha, beta, phi, 0, 0).errors;
  const e1 = holtRun(y, alpha, beta, phi, 1, 0).errors;
  const e2 = holtRun(y, alpha, beta, phi, 0, 1).errors;
  const d1 = e0.map((v, t) => v - e1[t]!);
  const d2 = e0.map((v, t) => v - e2[t]!);
  const [level0, trend0] = solveNormalEquations([d1, d2], e0) as [number, number];
  let sse = 0;
  for (let t = 0; t < e0.length; t++) {
    const e = e0[t]! - d1[t]! * level0 - d2[t]! * trend0;
    sse += e * e;
  }
  return { level0, trend0, sse };
}

export function holt(y: readonly number[], options: HoltOptions = {}): ForecastModel {
  checkSeries(y, 3);
  const damped = options.damped ?? false;
  const fixedPhi = damped ? options.phi : 1;
  const free: Array<'alpha' | 'beta' | 'phi'> = [];
  if (options.alpha === undefined) free.push('alpha');
  if (options.beta === undefined) free.push('beta');
  if (fixedPhi === undefined) free.push('phi');
  const bounds = { alpha: [P_MIN, P_MAX], beta: [P_MIN, P_MAX], phi: [PHI_MIN, PHI_MAX] } as const;
  const unpack = (u: readonly number[]) => {
    const p = { alpha: options.alpha ?? 0, beta: options.beta ?? 0, phi: fixedPhi ?? 0 };
    free.forEach((name, i) => {
      p[name] = toBounded(u[i]!, bounds[name][0], bounds[name][1]);
    });
    return p;
  };
  let params = unpack([]);
  if (free.length > 0) {
    const objective = (u: number[]) => {
      const p = unpack(u);
      return holtOptimalStates(y, p.alpha, p.beta, p.phi).sse;
    };
    // A few starting points: SSE surfaces of trend models have shallow ridges where one start can stall.
    const startValues = { alpha: [0.1, 0.4, 0.8], beta: [0.01, 0.1, 0.4], phi: [0.9, 0.97] };
    let best: { u: number[]; f: number } = { u: [], f: Infinity };
    const combos = free.reduce<number[][]>((acc, name) => acc.flatMap((c) => startValues[name].map((v) => [...c, v])), [[]]);
    for (const combo of combos) {
      const u = combo.map((v, i) => fromBounded(v, bounds[free[i]!][0], bounds[free[i]!][1]));
      const f = objective(u);
      if (f < best.f) best = { u, f };
    }
    const result = nelderMead(objective, best.u, { step: 0.5, maxIterations: 400 * free.length });
    params = unpack(result.x);
  }
  const { alpha, beta, phi } = params;
  const { level0, trend0 } = holtOptimalStates(y, alpha, beta, phi);
  const run = holtRun(y, alpha, beta, phi, level0, trend0);
  return {
    method: damped ? 'holt-damped' : 'holt',
    params: damped ? { alpha, beta, phi, level0, trend0 } : { alpha, beta, level0, trend0 },
    fitted: run.fitted,
    forecast: (h) => {
      const out: number[] = [];
      let damp = 0;
      let power = 1;
      for (let i = 1; i <= checkHorizon(h); i++) {
        power *= phi;
        damp += power;
        // Demand cannot be negative: a falling trend extrapolated far enough must stop at zero.
        out.push(Math.max(0, run.level + damp * run.trend));
      }
      return out;
    },
  };
}
