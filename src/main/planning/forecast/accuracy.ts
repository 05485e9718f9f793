/**
 * Forecast error measures, defined as in the reference figures (shared/data/reference_results, R forecast 8.20):
 *   e = actual − forecast (so ME > 0 means under-forecasting: the shelf runs empty),
 *   MAE = mean|e|, RMSE = √mean(e²), ME = mean(e),
 *   MASE = MAE / mean|y(t) − y(t−m)|, RMSSE = √(mean(e²) / mean((y(t) − y(t−m))²)), both over the training data,
 * with m = 1 (lag-1 naive differences) unless a seasonal scale is asked for (Hyndman & Koehler 2006; FPP3 §5.8).
 * A series whose training data never changes has a zero scale: MASE and RMSSE are then undefined (NaN), and such
 * series are left out of averages, exactly as the reference protocol leaves them out.
 */

export interface AccuracyMeasures {
  mae: number;
  rmse: number;
  me: number;
  mase: number;
  rmsse: number;
}

export interface NaiveScale {
  /** mean |y(t) − y(t−m)| over the training data. */
  mae: number;
  /** mean (y(t) − y(t−m))² over the training data. */
  mse: number;
}

export function naiveScale(train: readonly number[], m = 1): NaiveScale {
  let abs = 0;
  let sq = 0;
  let count = 0;
  for (let t = m; t < train.length; t++) {
    const d = train[t]! - train[t - m]!;
    abs += Math.abs(d);
    sq += d * d;
    count++;
  }
  return count === 0 ? { mae: NaN, mse: NaN } : { mae: abs / count, mse: sq / count };
}

export function hasUsableScale(train: readonly number[], m = 1): boolean {
  const s = naiveScale(train, m);
  return s.mae > 0;
}

export function accuracy(actual: readonly number[], forecast: readonly number[], train: readonly number[], m = 1): AccuracyMeasures {
  if (actual.length !== forecast.length || actual.length === 0) {
    throw new RangeError(`actual (${actual.length}) and forecast (${forecast.length}) must have the same non-zero length`);
  }
  let abs = 0;
  let sq = 0;
  let sum = 0;
  for (let i = 0; i < actual.length; i++) {
    const e = actual[i]! - forecast[i]!;
    abs += Math.abs(e);
    sq += e * e;
    sum += e;
  }
  const n = actual.length;
  const scale = naiveScale(train, m);
  const mae = abs / n;
  const mse = sq / n;
  return {
    mae,
    rmse: Math.sqrt(mse),
    me: sum / n,
    mase: scale.mae > 0 ? mae / scale.mae : NaN,
    rmsse: scale.mse > 0 ? Math.sqrt(mse / scale.mse) : NaN,
  };
}

/** Average of each measure over many series (the reference figures are such plain means), skipping NaN. */
export function averageMeasures(list: readonly AccuracyMeasures[]): AccuracyMeasures & { count: number } {
  const keys = ['mae', 'rmse', 'me', 'mase', 'rmsse'] as const;
  const out = { mae: NaN, rmse: NaN, me: NaN, mase: NaN, rmsse: NaN, count: list.length };
  for (const k of keys) {
    let s = 0;
    let c = 0;
    for (const m of list) {
      if (!Number.isNaN(m[k])) {
        s += m[k];
        c++;
      }
    }
    out[k] = c > 0 ? s / c : NaN;
  }
  return out;
}
