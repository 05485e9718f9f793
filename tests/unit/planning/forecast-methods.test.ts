import { describe, expect, it } from 'vitest';
import {
  accuracy,
  classifyDemand,
  croston,
  goldenSection,
  holt,
  holtRun,
  holtWinters,
  meanForecast,
  naive,
  nelderMead,
  sba,
  seasonalNaive,
  selectForecast,
  ses,
  sesRun,
  tsb,
} from '../../../src/main/planning/forecast';

describe('baselines', () => {
  it('naive, seasonal naive and mean', () => {
    const y = [4, 6, 5, 9, 7, 8];
    expect(naive(y).forecast(3)).toEqual([8, 8, 8]);
    expect(naive(y).fitted).toEqual([NaN, 4, 6, 5, 9, 7]);
    // m = 4: last season is [5, 9, 7, 8]; h = 6 wraps round to 5, 9
    expect(seasonalNaive(y, 4).forecast(6)).toEqual([5, 9, 7, 8, 5, 9]);
    expect(seasonalNaive(y, 4).fitted).toEqual([NaN, NaN, NaN, NaN, 4, 6]);
    // (4+6+5+9+7+8)/6 = 39/6 = 6.5
    expect(meanForecast(y).forecast(2)).toEqual([6.5, 6.5]);
  });
  it('rejects negative or non-finite demand', () => {
    expect(() => naive([1, -1])).toThrow(RangeError);
    expect(() => naive([1, NaN])).toThrow(RangeError);
  });
});

describe('simple exponential smoothing', () => {
  it('recursion with fixed α and the simple start ℓ0 = y1', () => {
    // y = 3, 5, 4, 6; α = 0.5; ℓ0 = 3
    // fitted: 3; ℓ1 = 3; fitted 3; ℓ2 = 3 + .5·2 = 4; fitted 4; ℓ3 = 4; fitted 4; ℓ4 = 4 + .5·2 = 5
    const m = ses([3, 5, 4, 6], { alpha: 0.5, initial: 'simple' });
    expect(m.fitted).toEqual([3, 3, 4, 4]);
    expect(m.forecast(2)).toEqual([5, 5]);
  });
  it('optimal ℓ0 for fixed α by least squares', () => {
    // Errors of the run from ℓ0 = 0: r = 3, 3.5, 0.75, 2.375 (levels 1.5, 3.25, 3.625, final 4.8125);
    // weights a = (1−α)^(t−1) = 1, .5, .25, .125; ℓ0* = Σar/Σa² = 5.234375/1.328125 = 67/17 = 3.941176;
    // final level = 4.8125 + (1−α)^4·ℓ0 = 4.8125 + 67/272 = 5.058824
    const m = ses([3, 5, 4, 6], { alpha: 0.5 });
    expect(m.params.level0).toBeCloseTo(67 / 17, 12);
    expect(m.forecast(1)[0]).toBeCloseTo(4.8125 + 67 / 272, 12);
  });
  it('optimised α on a level shift is high, on white noise around a mean is low', () => {
    const shift = [10, 10, 10, 10, 10, 20, 20, 20, 20, 20, 20, 20];
    const noisy = [10, 12, 9, 11, 10, 12, 8, 11, 10, 9, 12, 10, 11, 9];
    expect(ses(shift).params.alpha).toBeGreaterThan(0.9);
    expect(ses(noisy).params.alpha).toBeLessThan(0.1);
    // A constant series is fitted exactly whatever α: forecast = the constant.
    expect(ses([7, 7, 7, 7]).forecast(1)[0]).toBeCloseTo(7, 9);
  });
  it('the optimiser reaches the SSE minimum (checked against a fine scan)', () => {
    const y = [5, 7, 6, 9, 8, 12, 10, 11, 13, 12];
    const m = ses(y);
    const sse = (alpha: number) => {
      // For each α the best ℓ0 is found by a fine scan too, so this check is independent of the closed form.
      let best = Infinity;
      for (let l0 = 0; l0 <= 15; l0 += 0.01) {
        const f = sesRun(y, alpha, l0).fitted;
        best = Math.min(best, f.reduce((s, v, t) => s + (y[t]! - v) ** 2, 0));
      }
      return best;
    };
    const ours = m.fitted.reduce((s, v, t) => s + (y[t]! - v) ** 2, 0);
    for (let a = 0.05; a < 1; a += 0.05) expect(ours).toBeLessThanOrEqual(sse(a) + 1e-6);
  });
});

describe('Holt', () => {
  it('recursion with fixed parameters', () => {
    // y = 10, 12, 13, 15; α .5, β* .4, ℓ0 10, b0 1
    // t1: f 11;     ℓ 5 + 5.5 = 10.5;       b .4·.5 + .6·1 = .8
    // t2: f 11.3;   ℓ 6 + 5.65 = 11.65;     b .4·1.15 + .6·.8 = .94
    // t3: f 12.59;  ℓ 6.5 + 6.295 = 12.795; b .4·1.145 + .6·.94 = 1.022
    // t4: f 13.817; ℓ 7.5 + 6.9085 = 14.4085; b .4·1.6135 + .6·1.022 = 1.2586
    const r = holtRun([10, 12, 13, 15], 0.5, 0.4, 1, 10, 1);
    [11, 11.3, 12.59, 13.817].forEach((f, i) => expect(r.fitted[i]).toBeCloseTo(f, 10));
    expect(r.level).toBeCloseTo(14.4085, 10);
    expect(r.trend).toBeCloseTo(1.2586, 10);
  });
  it('damped recursion with fixed parameters', () => {
    // y = 10, 12; α .5, β* .4, φ .9, ℓ0 10, b0 1
    // t1: f 10 + .9 = 10.9;          ℓ 5 + 5.45 = 10.45; b .4·.45 + .6·.9·1 = .72
    // t2: f 10.45 + .648 = 11.098;   ℓ 6 + 5.549 = 11.549; b .4·1.099 + .6·.9·.72 = .8284
    const r = holtRun([10, 12], 0.5, 0.4, 0.9, 10, 1);
    expect(r.fitted[1]).toBeCloseTo(11.098, 10);
    expect(r.level).toBeCloseTo(11.549, 10);
    expect(r.trend).toBeCloseTo(0.8284, 10);
  });
  it('a straight line is fitted exactly (initial states solved by least squares) and extrapolated', () => {
    // y = 2t + 1: ℓ0 = 1, b0 = 2 give zero error for any α, β*.
    const m = holt([3, 5, 7, 9, 11, 13], { alpha: 0.3, beta: 0.2 });
    expect(m.params.level0).toBeCloseTo(1, 8);
    expect(m.params.trend0).toBeCloseTo(2, 8);
    m.forecast(3).forEach((f, i) => expect(f).toBeCloseTo([15, 17, 19][i]!, 8));
  });
  it('damped forecast sums φ + φ² + … + φ^h times the trend', () => {
    const m = holt([3, 5, 7, 9, 11, 13, 14, 16], { damped: true, alpha: 0.5, beta: 0.3, phi: 0.9 });
    const { level, trend } = holtRun([3, 5, 7, 9, 11, 13, 14, 16], 0.5, 0.3, 0.9, m.params.level0!, m.params.trend0!);
    // h = 2: ℓ + (.9 + .81)·b
    expect(m.forecast(2)[1]).toBeCloseTo(level + 1.71 * trend, 10);
  });
  it('never forecasts negative demand', () => {
    expect(Math.min(...holt([20, 16, 12, 8, 4, 2]).forecast(10))).toBeGreaterThanOrEqual(0);
  });
});

describe('Holt-Winters', () => {
  it('additive: a trend plus a fixed season is reproduced exactly', () => {
    // y(t) = t + s, s = +1, −1 (m = 2): 2, 1, 4, 3, 6, 5, 8, 7
    // initial: season means 1.5 and 3.5 → b0 = 2/2 = 1, ℓ0 = 1.5 − 1·1.5 = 0, seasons (2−1 + 4−3)/2 = 1 and (1−2 + 3−4)/2 = −1
    // every one-step error is 0, so any (α, β*, γ) gives y(9..12) = 9+1, 10−1, 11+1, 12−1
    const m = holtWinters([2, 1, 4, 3, 6, 5, 8, 7], { m: 2 });
    m.forecast(4).forEach((f, i) => expect(f).toBeCloseTo([10, 9, 12, 11][i]!, 6));
    expect(m.params.level0).toBeCloseTo(0, 12);
    expect(m.params.trend0).toBeCloseTo(1, 12);
  });
  it('multiplicative: a level with seasonal factors 1.2 and 0.8 is reproduced', () => {
    const m = holtWinters([12, 8, 12, 8, 12, 8], { m: 2, seasonality: 'multiplicative' });
    m.forecast(3).forEach((f, i) => expect(f).toBeCloseTo([12, 8, 12][i]!, 6));
  });
  it('needs two full seasons, and positive data for multiplicative', () => {
    expect(() => holtWinters([1, 2, 3, 4, 5], { m: 3 })).toThrow(RangeError);
    expect(() => holtWinters([1, 0, 1, 2], { m: 2, seasonality: 'multiplicative' })).toThrow(RangeError);
  });
});

describe('Croston, SBA, TSB', () => {
  it('Croston by hand, α = 0.1', () => {
    // demands: period 2 size 3 (interval 2), period 5 size 5 (interval 3)
    // ẑ = 3 + .1·(5 − 3) = 3.2; q̂ = 2 + .1·(3 − 2) = 2.1; forecast 3.2/2.1 = 1.5238095
    const m = croston([0, 3, 0, 0, 5, 0]);
    expect(m.forecast(2)[0]).toBeCloseTo(3.2 / 2.1, 12);
    // fit: NaN, 0 up to the first demand, then 3/2 = 1.5 until the next, then 3.2/2.1
    expect(m.fitted.slice(1)).toEqual([0, 1.5, 1.5, 1.5, 3.2 / 2.1]);
  });
  it('SBA = Croston × (1 − α/2)', () => {
    // 1.5238095 × 0.95 = 1.4476190
    expect(sba([0, 3, 0, 0, 5, 0]).forecast(1)[0]).toBeCloseTo((0.95 * 3.2) / 2.1, 12);
    // α = 0.2 → factor 0.9
    expect(sba([0, 3, 0, 0, 5, 0], { alpha: 0.2 }).params.factor).toBeCloseTo(0.9, 12);
  });
  it('edge cases: no demand → 0; one demand → its size over the history (the mean)', () => {
    expect(croston([0, 0, 0]).forecast(1)).toEqual([0]);
    // 4 over 4 periods = 1, for SBA too (no ratio to de-bias)
    expect(croston([0, 0, 4, 0]).forecast(1)).toEqual([1]);
    expect(sba([0, 0, 4, 0]).forecast(1)).toEqual([1]);
  });
  it('TSB by hand, α = β = 0.5', () => {
    // first demand in period 2: z = 2, p = 1/2; period 3 no demand: p = .5·.5 = .25;
    // period 4 demand 3: p = .25 + .5·(1 − .25) = .625, z = 2 + .5·(3 − 2) = 2.5; forecast .625·2.5 = 1.5625
    const m = tsb([0, 2, 0, 3], { alpha: 0.5, beta: 0.5 });
    expect(m.forecast(1)[0]).toBeCloseTo(1.5625, 12);
    expect(m.fitted.slice(1)).toEqual([0, 1, 0.5]);
  });
  it('TSB decays when demand stops; Croston does not', () => {
    const y = [3, 0, 3, 0, 3, 0, 0, 0, 0, 0, 0, 0];
    expect(tsb(y).forecast(1)[0]!).toBeLessThan(croston(y).forecast(1)[0]!);
  });
});

describe('error measures', () => {
  it('MAE, RMSE, ME, MASE, RMSSE', () => {
    // train 1, 3, 2, 4 → lag-1 differences 2, −1, 2: mean |d| = 5/3, mean d² = 9/3 = 3
    // actual 5, 5 vs forecast 4, 6 → e = 1, −1: MAE 1, RMSE 1, ME 0, MASE 1/(5/3) = .6, RMSSE √(1/3) = .57735
    const a = accuracy([5, 5], [4, 6], [1, 3, 2, 4]);
    expect(a.mae).toBe(1);
    expect(a.rmse).toBe(1);
    expect(a.me).toBe(0);
    expect(a.mase).toBeCloseTo(0.6, 12);
    expect(a.rmsse).toBeCloseTo(Math.sqrt(1 / 3), 12);
  });
  it('ME is actual − forecast; a flat training series has no scale', () => {
    expect(accuracy([2], [5], [1, 2]).me).toBe(-3);
    expect(Number.isNaN(accuracy([2], [5], [1, 1, 1]).mase)).toBe(true);
  });
});

describe('demand pattern (ADI / CV²)', () => {
  it.each([
    // 2 demands in 6 periods → ADI 3; sizes equal → CV² 0
    [[0, 0, 5, 0, 5, 0], 'intermittent', 3, 0],
    // ADI 1; sizes 5,6,5,6: mean 5.5, population variance .25 → CV² .25/30.25 = .00826
    [[5, 6, 5, 6], 'smooth', 1, 0.25 / 30.25],
    // ADI 1; sizes 1,10,1,10: mean 5.5, variance 20.25 → CV² 20.25/30.25 = .6694
    [[1, 10, 1, 10], 'erratic', 1, 20.25 / 30.25],
    // ADI 2; sizes 1, 10 → CV² .6694
    [[0, 1, 0, 10], 'lumpy', 2, 20.25 / 30.25],
  ])('%j is %s', (y, pattern, adi, cv2) => {
    const c = classifyDemand(y);
    expect(c.pattern).toBe(pattern);
    expect(c.adi).toBeCloseTo(adi, 12);
    expect(c.cv2).toBeCloseTo(cv2, 12);
  });
});

describe('automatic choice', () => {
  it('a straight line picks Holt, with near-zero backtest error, and explains itself', () => {
    const y = Array.from({ length: 30 }, (_, t) => 5 + 2 * t);
    const s = selectForecast(y, { h: 4 });
    expect(s.method).toBe('holt');
    expect(s.rmsse).toBeLessThan(1e-6);
    expect(s.candidates.map((c) => c.method)).toEqual(['naive', 'ses', 'holt-damped', 'holt']);
    expect(s.originTrainLengths).toEqual([26, 22, 18]);
    expect(s.explanation).toContain("Holt's linear trend");
    expect(s.model.forecast(1)[0]).toBeCloseTo(65, 6);
  });
  it('sparse demand (ADI > 1.32) is forecast by the Croston family', () => {
    const y = [0, 0, 3, 0, 0, 0, 2, 0, 0, 4, 0, 0, 0, 0, 3, 0, 0, 2, 0, 0, 0, 5, 0, 0, 0, 0, 2, 0, 3, 0];
    const s = selectForecast(y, { h: 4 });
    expect(['croston', 'sba', 'tsb']).toContain(s.method);
    expect(s.demand.pattern === 'intermittent' || s.demand.pattern === 'lumpy').toBe(true);
    expect(s.candidates.map((c) => c.method)).toEqual(['croston', 'sba', 'tsb']);
  });
  it('a flat history cannot be backtested: falls back to SES with NaN scores', () => {
    const s = selectForecast(Array(20).fill(4), { h: 4 });
    expect(s.method).toBe('ses');
    expect(Number.isNaN(s.rmsse)).toBe(true);
    expect(s.model.forecast(1)[0]).toBeCloseTo(4, 9);
  });
  it('seasonal candidates only with a season length and enough history', () => {
    const season = [5, 9, 14, 8];
    const y = Array.from({ length: 40 }, (_, t) => season[t % 4]! + t * 0.1);
    const s = selectForecast(y, { h: 4, m: 4 });
    expect(s.candidates.map((c) => c.method)).toContain('hw-additive');
    expect(['snaive', 'hw-additive', 'hw-multiplicative']).toContain(s.method);
  });
});

describe('optimisers', () => {
  it('golden section finds the minimum of a parabola', () => {
    expect(goldenSection((x) => (x - 0.3) ** 2, 0, 1).x).toBeCloseTo(0.3, 6);
  });
  it('Nelder-Mead finds the minimum of the Rosenbrock function at (1, 1)', () => {
    const r = nelderMead((p) => 100 * (p[1]! - p[0]! ** 2) ** 2 + (1 - p[0]!) ** 2, [-1.2, 1], { maxIterations: 5000, tolerance: 1e-14 });
    expect(r.x[0]).toBeCloseTo(1, 3);
    expect(r.x[1]).toBeCloseTo(1, 3);
  });
});
