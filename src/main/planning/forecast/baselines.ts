/**
 * Benchmark methods (Hyndman & Athanasopoulos, FPP3 §5.2): every other method must beat these to earn its place.
 * They follow R forecast's naive(), snaive() and meanf(), so the backtest can be compared with R's figures.
 */
import { checkHorizon, checkSeries, flatForecast, type ForecastModel } from './types';

/** Naive: every forecast is the last observation; the in-sample fit is the previous observation. */
export function naive(y: readonly number[]): ForecastModel {
  checkSeries(y);
  const fitted = y.map((_, t) => (t === 0 ? NaN : y[t - 1]!));
  return { method: 'naive', params: {}, fitted, forecast: flatForecast(y[y.length - 1]!) };
}

/**
 * Seasonal naive with period m: the forecast for h is the value one season before, ŷ(n+h) = y(n+h−m·(⌊(h−1)/m⌋+1)).
 * Needs at least one full season.
 */
export function seasonalNaive(y: readonly number[], m: number): ForecastModel {
  if (!Number.isInteger(m) || m < 1) throw new RangeError(`season length must be a positive integer, got ${m}`);
  checkSeries(y, m);
  const n = y.length;
  const fitted = y.map((_, t) => (t < m ? NaN : y[t - m]!));
  const lastSeason = y.slice(n - m);
  return {
    method: 'snaive',
    params: { m },
    fitted,
    forecast: (h) => Array.from({ length: checkHorizon(h) }, (_, i) => lastSeason[i % m]!),
  };
}

/**
 * Mean of the whole history. As in R's meanf(), the in-sample fit is that same overall mean (not an expanding mean):
 * the fitted values describe the model, and the backtest measures out-of-sample accuracy anyway.
 */
export function meanForecast(y: readonly number[]): ForecastModel {
  checkSeries(y);
  const mean = y.reduce((s, v) => s + v, 0) / y.length;
  return { method: 'mean', params: { mean }, fitted: y.map(() => mean), forecast: flatForecast(mean) };
}

/** All-zero forecast: the reference "never order" baseline that wins absolute-error measures on intermittent data. */
export function zeroForecast(y: readonly number[]): ForecastModel {
  checkSeries(y);
  return { method: 'zero', params: {}, fitted: y.map(() => 0), forecast: flatForecast(0) };
}
