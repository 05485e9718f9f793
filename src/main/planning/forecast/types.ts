/**
 * Shared shapes of the forecasting methods. Every method is a pure function of a demand series (non-negative numbers,
 * one per period, oldest first) and returns a fitted model the planning screen can explain: which method, which
 * parameters, the one-step-ahead in-sample fit and a forecast for any horizon.
 */

export type ForecastMethod =
  | 'naive'
  | 'snaive'
  | 'mean'
  | 'zero'
  | 'ses'
  | 'holt'
  | 'holt-damped'
  | 'hw-additive'
  | 'hw-multiplicative'
  | 'croston'
  | 'sba'
  | 'tsb';

export interface ForecastModel {
  method: ForecastMethod;
  /** Smoothing parameters and initial states, by name, so the UI can list them. */
  params: Record<string, number>;
  /**
   * One-step-ahead in-sample forecasts, same length as the series. NaN where the method has nothing to say yet
   * (e.g. the first period of naive, the first season of seasonal naive): NaN cannot be mistaken for a real forecast
   * of 0, and the error measures skip it.
   */
  fitted: number[];
  /** Point forecasts for the next h periods. */
  forecast(h: number): number[];
}

/** Turns a constant forecast into the `forecast(h)` function every model exposes. */
export function flatForecast(value: number): (h: number) => number[] {
  return (h: number) => Array.from({ length: checkHorizon(h) }, () => value);
}

export function checkHorizon(h: number): number {
  if (!Number.isInteger(h) || h < 0) throw new RangeError(`horizon must be a non-negative integer, got ${h}`);
  return h;
}

/** Guards the entry of every method: a demand series is finite and non-negative (returns are netted before this). */
export function checkSeries(y: readonly number[], minLength = 1): void {
  if (y.length < minLength) throw new RangeError(`series needs at least ${minLength} value(s), got ${y.length}`);
  for (let i = 0; i < y.length; i++) {
    const v = y[i]!;
    if (!Number.isFinite(v) || v < 0) throw new RangeError(`series value at ${i} must be finite and >= 0, got ${v}`);
  }
}

export function sumOfSquares(errors: readonly number[]): number {
  let s = 0;
  for (const e of errors) if (!Number.isNaN(e)) s += e * e;
  return s;
}
