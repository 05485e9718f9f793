/** One entry point per method name, so the selector, the backtest and the UI all fit models the same way. */
import { meanForecast, naive, seasonalNaive, zeroForecast } from './baselines';
import { croston, sba } from './croston';
import { holt } from './holt';
import { canFitHoltWinters, holtWinters } from './holt-winters';
import { ses } from './ses';
import { tsb } from './tsb';
import type { ForecastMethod, ForecastModel } from './types';

export interface FitContext {
  /** Season length (52 weekly/yearly, 7 daily/weekly, 12 monthly); undefined or 1 = non-seasonal. */
  m?: number;
}

/** Whether `method` can be fitted to a series of this length and content (the selector skips the rest). */
export function canFit(method: ForecastMethod, y: readonly number[], ctx: FitContext = {}): boolean {
  const m = ctx.m ?? 1;
  switch (method) {
    case 'naive':
    case 'mean':
    case 'zero':
    case 'ses':
    case 'croston':
    case 'sba':
    case 'tsb':
      return y.length >= 1;
    case 'holt':
    case 'holt-damped':
      return y.length >= 4;
    case 'snaive':
      return m > 1 && y.length >= m;
    case 'hw-additive':
      return m > 1 && canFitHoltWinters(y.length, m);
    case 'hw-multiplicative':
      return m > 1 && canFitHoltWinters(y.length, m) && y.every((v) => v > 0);
  }
}

export function fitMethod(method: ForecastMethod, y: readonly number[], ctx: FitContext = {}): ForecastModel {
  const m = ctx.m ?? 1;
  switch (method) {
    case 'naive':
      return naive(y);
    case 'snaive':
      return seasonalNaive(y, m);
    case 'mean':
      return meanForecast(y);
    case 'zero':
      return zeroForecast(y);
    case 'ses':
      return ses(y);
    case 'holt':
      return holt(y);
    case 'holt-damped':
      return holt(y, { damped: true });
    case 'hw-additive':
      return holtWinters(y, { m, seasonality: 'additive' });
    case 'hw-multiplicative':
      return holtWinters(y, { m, seasonality: 'multiplicative' });
    case 'croston':
      return croston(y);
    case 'sba':
      return sba(y);
    case 'tsb':
      return tsb(y);
  }
}

export const METHOD_LABELS: Record<ForecastMethod, string> = {
  naive: 'Naive (last value)',
  snaive: 'Seasonal naive',
  mean: 'Mean of history',
  zero: 'Zero',
  ses: 'Simple exponential smoothing',
  holt: "Holt's linear trend",
  'holt-damped': "Holt's damped trend",
  'hw-additive': 'Holt-Winters additive',
  'hw-multiplicative': 'Holt-Winters multiplicative',
  croston: "Croston's method",
  sba: 'Syntetos-Boylan approximation',
  tsb: 'Teunter-Syntetos-Babai',
};
