/**
 * Our SES, Croston and SBA against R forecast 8.20 on the expsmooth data (shared/data/reference_results): same
 * protocol (carparts train 1..45, h 6, 2,503 series with a non-zero naive scale; jewelry train 1..112, h 12), same
 * averages. Needs ../shared/data; skipped, with the reason in the test name, when it is absent.
 *
 * Tolerances: R's figures are printed to 4 decimals, so "agrees" means within 6e-4 (rounding plus float noise).
 * Croston, SBA and the baselines are deterministic and must agree to that. SES depends on the optimiser: searched
 * R's way (Nelder-Mead from ets()'s start) it agrees within 2e-3; our default exact search reaches a lower in-sample
 * MSE on most carparts series and sits up to 0.01 away (MASE 1.077 vs 1.070) — the gap the backtest explains.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATA_DIR, EXPSMOOTH_CASES, loadExpsmooth, readReference } from '../../../scripts/backtest';
import { evaluateHoldout, type HoldoutMethod } from '../../../src/main/planning/forecast';

const REFERENCE = path.join(DATA_DIR, 'reference_results/expsmooth_R_forecast_8.20_baselines.csv');
const available = fs.existsSync(REFERENCE) && EXPSMOOTH_CASES.every((c) => fs.existsSync(path.join(DATA_DIR, c.file)));
const reason = available ? '' : ` [SKIPPED: ${DATA_DIR} with expsmooth/ and reference_results/ not found]`;
const MEASURES = ['mae', 'rmse', 'mase', 'rmsse', 'me'] as const;

describe.skipIf(!available)(`R forecast 8.20 reference figures${reason}`, () => {
  const reference = available ? readReference(REFERENCE) : [];

  for (const c of EXPSMOOTH_CASES) {
    const rows = reference.filter((r) => r.dataset.startsWith(c.referencePrefix));
    const check = (method: HoldoutMethod, rName: string, tolerance: number) => {
      const ref = rows.find((r) => r.method === rName);
      if (!ref) throw new Error(`no R row ${rName} for ${c.name}`);
      const series = loadExpsmooth(c);
      expect(series.length).toBe(ref.n);
      const [ours] = evaluateHoldout(series, c.protocol, [method]);
      for (const k of MEASURES) {
        expect(Math.abs(ours!.mean[k] - ref[k]), `${c.name} ${method} ${k}: ours ${ours!.mean[k]} vs R ${ref[k]}`).toBeLessThanOrEqual(
          tolerance * Math.max(1, Math.abs(ref[k])),
        );
      }
    };

    it(`${c.name}: naive and mean reproduce R (checks the protocol itself)`, () => {
      check('naive', 'Naive', 6e-4);
      check('mean', 'Mean', 6e-4);
    });
    it(`${c.name}: SES searched like R agrees within 2e-3`, () => check('ses-nelder-mead', 'SES', 2e-3));
    it(`${c.name}: SES with our exact search agrees within 0.01`, () => check('ses', 'SES', 0.01));
    if (c.name === 'carparts') {
      it('carparts: Croston (α 0.1) agrees within 6e-4', () => check('croston', 'Croston', 6e-4));
      it('carparts: SBA agrees within 6e-4', () => check('sba', 'SBA', 6e-4));
    }
  }
});
