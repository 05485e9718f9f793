/**
 * Automatic method choice per series by a rolling-origin backtest (FPP3 §5.10, "evaluation on a rolling forecasting
 * origin"): for a few origins, each candidate is fitted on the history up to the origin and scored on the next h
 * periods; the candidate with the lowest mean RMSSE wins and is refitted on the whole history.
 *
 * Why RMSSE and not MAE/MASE: on intermittent data the median is often 0, so absolute-error measures reward the
 * all-zero forecast (see shared/data/SOURCES.md and the "Zero" row of the reference figures) — a forecast that never
 * reorders. Squared errors are minimised by the mean, which is what replenishment needs.
 *
 * Candidates depend on the demand pattern (demand-pattern.ts): sparse demand (ADI > 1.32) → Croston, SBA, TSB;
 * otherwise naive, SES, Holt (damped and not), and with a season length seasonal naive and Holt-Winters when the
 * history allows. Ties keep the earlier (simpler) candidate.
 */
import { accuracy, type AccuracyMeasures } from './accuracy';
import { classifyDemand, isIntermittent, type DemandClassification } from './demand-pattern';
import { canFit, fitMethod, METHOD_LABELS, type FitContext } from './fit-method';
import { checkSeries, type ForecastMethod, type ForecastModel } from './types';

export interface SelectOptions extends FitContext {
  /** Forecast horizon of the backtest (periods). */
  h: number;
  /** Number of rolling origins (default 3). */
  origins?: number;
  /** Periods between origins (default h, so the test windows do not overlap). */
  step?: number;
  /** Shortest training history an origin may have (default 8 periods). */
  minTrain?: number;
  /** Override the candidate list (e.g. to compare families in the backtest). */
  candidates?: readonly ForecastMethod[];
}

export interface CandidateScore extends AccuracyMeasures {
  method: ForecastMethod;
  /** Origins that produced a score (those with a non-zero naive scale). */
  origins: number;
}

export interface ForecastSelection {
  method: ForecastMethod;
  model: ForecastModel;
  /** Backtest scores of the chosen method (NaN when the history was too short to backtest). */
  mase: number;
  rmsse: number;
  candidates: CandidateScore[];
  demand: DemandClassification;
  /** Training lengths used as origins. */
  originTrainLengths: number[];
  explanation: string;
}

export function defaultCandidates(demand: DemandClassification, m: number | undefined): ForecastMethod[] {
  if (demand.pattern === 'no-demand') return ['zero'];
  if (isIntermittent(demand.pattern)) return ['croston', 'sba', 'tsb'];
  const list: ForecastMethod[] = ['naive', 'ses', 'holt-damped', 'holt'];
  if (m !== undefined && m > 1) list.push('snaive', 'hw-additive', 'hw-multiplicative');
  return list;
}

export function selectForecast(y: readonly number[], options: SelectOptions): ForecastSelection {
  checkSeries(y);
  const { h } = options;
  if (!Number.isInteger(h) || h < 1) throw new RangeError(`horizon must be a positive integer, got ${h}`);
  const ctx: FitContext = { m: options.m };
  const nOrigins = options.origins ?? 3;
  const step = options.step ?? h;
  const minTrain = options.minTrain ?? 8;
  const demand = classifyDemand(y);
  const candidates = [...(options.candidates ?? defaultCandidates(demand, options.m))];

  const originTrainLengths: number[] = [];
  for (let k = 0; k < nOrigins; k++) {
    const len = y.length - h - k * step;
    if (len < minTrain) break;
    originTrainLengths.push(len);
  }
  // A candidate is compared only if it can be fitted at every origin (and on the full history): scores over
  // different origins would not be comparable.
  const eligible = candidates.filter(
    (method) => canFit(method, y, ctx) && originTrainLengths.every((len) => canFit(method, y.slice(0, len), ctx)),
  );

  const scores: CandidateScore[] = eligible.map((method) => {
    const perOrigin: AccuracyMeasures[] = [];
    for (const len of originTrainLengths) {
      const train = y.slice(0, len);
      const actual = y.slice(len, len + h);
      const measures = accuracy(actual, fitMethod(method, train, ctx).forecast(h), train);
      if (!Number.isNaN(measures.rmsse)) perOrigin.push(measures);
    }
    const mean = (k: keyof AccuracyMeasures) => (perOrigin.length === 0 ? NaN : perOrigin.reduce((s, m) => s + m[k], 0) / perOrigin.length);
    return { method, origins: perOrigin.length, mae: mean('mae'), rmse: mean('rmse'), me: mean('me'), mase: mean('mase'), rmsse: mean('rmsse') };
  });

  let best: CandidateScore | undefined;
  for (const s of scores) if (!Number.isNaN(s.rmsse) && (best === undefined || s.rmsse < best.rmsse)) best = s;

  // Without a usable backtest (short or flat history) fall back to the textbook default for the pattern.
  const fallback: ForecastMethod = demand.pattern === 'no-demand' ? 'zero' : isIntermittent(demand.pattern) ? 'sba' : 'ses';
  const method = best?.method ?? (eligible.includes(fallback) || canFit(fallback, y, ctx) ? fallback : 'naive');
  const model = fitMethod(method, y, ctx);
  const ranking = scores
    .filter((s) => !Number.isNaN(s.rmsse))
    .sort((a, b) => a.rmsse - b.rmsse)
    .map((s) => `${s.method} ${s.rmsse.toFixed(3)}`)
    .join(', ');
  const explanation = best
    ? `Demand is ${demand.explanation}. Backtest over ${originTrainLengths.length} rolling origin(s), ${h} period(s) ahead: ` +
      `${METHOD_LABELS[method]} had the lowest RMSSE (${best.rmsse.toFixed(3)}, MASE ${best.mase.toFixed(3)}). ` +
      `Candidates by RMSSE: ${ranking}.`
    : `Demand is ${demand.explanation}. Too little varying history to backtest; using ${METHOD_LABELS[method]}.`;
  return {
    method,
    model,
    mase: best?.mase ?? NaN,
    rmsse: best?.rmsse ?? NaN,
    candidates: scores,
    demand,
    originTrainLengths,
    explanation,
  };
}
