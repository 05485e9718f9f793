/**
 * Teunter-Syntetos-Babai (2011) for intermittent demand with obsolescence. Unlike Croston, the demand probability is
 * updated every period, so a part that stops selling sees its forecast decay instead of freezing at the last ratio:
 *   p(t) = p(t−1) + β·(1[y(t) > 0] − p(t−1))                 every period
 *   z(t) = z(t−1) + α·(y(t) − z(t−1))                        only when y(t) > 0
 *   ŷ(t+1|t) = p(t)·z(t), flat forecast p(n)·z(n).
 * Initialisation, chosen to mirror Croston's (so the two agree on the first demand): the states start at the first
 * demand with z = its size and p = 1/(its period number); before it the fit is 0. Defaults α = β = 0.1 (the Croston
 * default; TSB's authors recommend a probability smoothing no larger than the size smoothing).
 */
import { checkSeries, flatForecast, type ForecastModel } from './types';

export interface TsbOptions {
  /** Smoothing of the demand size. */
  alpha?: number;
  /** Smoothing of the demand probability. */
  beta?: number;
}

export function tsb(y: readonly number[], options: TsbOptions = {}): ForecastModel {
  checkSeries(y);
  const alpha = options.alpha ?? 0.1;
  const beta = options.beta ?? 0.1;
  for (const [name, v] of [['alpha', alpha], ['beta', beta]] as const) {
    if (!(v >= 0 && v <= 1)) throw new RangeError(`${name} must be in [0, 1], got ${v}`);
  }
  const fitted = new Array<number>(y.length).fill(0);
  let p = 0;
  let z = 0;
  let started = false;
  for (let t = 0; t < y.length; t++) {
    fitted[t] = p * z;
    const v = y[t]!;
    if (!started) {
      if (v > 0) {
        started = true;
        z = v;
        p = 1 / (t + 1);
      }
      continue;
    }
    if (v > 0) {
      p += beta * (1 - p);
      z += alpha * (v - z);
    } else {
      p += beta * (0 - p);
    }
  }
  if (fitted.length > 0) fitted[0] = NaN;
  return { method: 'tsb', params: { alpha, beta, probability: p, size: z }, fitted, forecast: flatForecast(p * z) };
}
