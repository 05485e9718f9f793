/**
 * Hold-out evaluation over many series (the protocol of shared/data/reference_results): each series is cut at a
 * fixed training length, every method is fitted on the training part and scored on the next h periods, and the
 * per-series measures are averaged. Pure: the backtest script and the tests feed it parsed data.
 */
import { accuracy, averageMeasures, hasUsableScale, type AccuracyMeasures } from './accuracy';
import { fitMethod } from './fit-method';
import { selectForecast } from './select';
import { ses } from './ses';
import type { ForecastMethod } from './types';

/** 'ses-nelder-mead' is SES searched the way R's ets() does, kept to explain the gap to R's figures. */
export type HoldoutMethod = ForecastMethod | 'auto' | 'ses-nelder-mead';

export interface HoldoutProtocol {
  /** Training periods (the first `train` values). */
  train: number;
  h: number;
  /** Season length for seasonal naive / Holt-Winters / the automatic choice. */
  m?: number;
}

export interface HoldoutResult {
  method: HoldoutMethod;
  /** Series the method could be scored on. */
  count: number;
  mean: AccuracyMeasures;
  /** Automatic choice only: how often each method was chosen. */
  chosen?: Partial<Record<ForecastMethod, number>>;
}

/**
 * Series eligible for the protocol: complete (no NaN) over train + h, and with a non-zero in-sample naive scale
 * (the reference keeps the 2,503 carparts series that pass this test).
 */
export function eligibleSeries(series: readonly (readonly number[])[], protocol: HoldoutProtocol): number[][] {
  const out: number[][] = [];
  for (const s of series) {
    const cut = s.slice(0, protocol.train + protocol.h);
    if (cut.length < protocol.train + protocol.h || cut.some((v) => Number.isNaN(v))) continue;
    if (!hasUsableScale(cut.slice(0, protocol.train))) continue;
    out.push(cut);
  }
  return out;
}

export function evaluateHoldout(
  series: readonly (readonly number[])[],
  protocol: HoldoutProtocol,
  methods: readonly HoldoutMethod[],
): HoldoutResult[] {
  const { train: n, h, m } = protocol;
  return methods.map((method) => {
    const measures: AccuracyMeasures[] = [];
    const chosen: Partial<Record<ForecastMethod, number>> = {};
    for (const s of series) {
      const train = s.slice(0, n);
      const actual = s.slice(n, n + h);
      let forecast: number[];
      if (method === 'auto') {
        const sel = selectForecast(train, { h, m });
        chosen[sel.method] = (chosen[sel.method] ?? 0) + 1;
        forecast = sel.model.forecast(h);
      } else if (method === 'ses-nelder-mead') {
        forecast = ses(train, { search: 'nelder-mead' }).forecast(h);
      } else {
        if (method === 'snaive' && (m === undefined || train.length < m)) continue;
        forecast = fitMethod(method, train, { m }).forecast(h);
      }
      measures.push(accuracy(actual, forecast, train));
    }
    const { count, ...mean } = averageMeasures(measures);
    return method === 'auto' ? { method, count, mean, chosen } : { method, count, mean };
  });
}

/**
 * Parses the long layout of shared/data/expsmooth (`series_id,t,year,period,value`, t 1-based, empty value = NA)
 * into one array per series, in file order. NA becomes NaN so eligibleSeries() can drop incomplete series.
 */
export function parseLongSeries(csv: string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  const lines = csv.split(/\r?\n/);
  const header = lines[0]?.split(',') ?? [];
  const idCol = header.indexOf('series_id');
  const tCol = header.indexOf('t');
  const valueCol = header.indexOf('value');
  if (idCol < 0 || tCol < 0 || valueCol < 0) throw new Error('expected columns series_id, t and value');
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') continue;
    const cells = line.split(',');
    const id = cells[idCol]!.replace(/^"|"$/g, '');
    const t = Number(cells[tCol]);
    const raw = cells[valueCol]!.replace(/^"|"$/g, '');
    const value = raw === '' || raw === 'NA' ? NaN : Number(raw);
    let s = out.get(id);
    if (!s) out.set(id, (s = []));
    s[t - 1] = value;
  }
  return out;
}
