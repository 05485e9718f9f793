/**
 * Forecast backtest on real data (npm run backtest = tsx scripts/backtest.ts):
 *  (a) expsmooth carparts (monthly, intermittent) and jewelry (weekly) on the protocol of
 *      ../shared/data/reference_results, beside R forecast 8.20's figures;
 *  (b) weekly demand of the UCI Online Retail items, last 8 weeks held out.
 * Prints MAE, RMSE, ME, MASE and RMSSE averages per method and for the automatic choice. Skips, with a message, any
 * data set that is absent.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createGunzip } from 'node:zlib';
import Papa from 'papaparse';
import {
  eligibleSeries,
  evaluateHoldout,
  parseLongSeries,
  type HoldoutMethod,
  type HoldoutProtocol,
  type HoldoutResult,
} from '../src/main/planning/forecast';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DATA_DIR = path.resolve(ROOT, '../shared/data');

export interface ReferenceRow {
  dataset: string;
  n: number;
  method: string;
  mae: number;
  rmse: number;
  mase: number;
  rmsse: number;
  me: number;
}

/** The R baselines keyed by our method names (R's "ETS" is ets() with automatic model choice: compared to auto). */
const R_NAMES: Partial<Record<HoldoutMethod, string>> = {
  naive: 'Naive',
  snaive: 'SNaive',
  mean: 'Mean',
  ses: 'SES',
  'ses-nelder-mead': 'SES',
  auto: 'ETS',
  croston: 'Croston',
  sba: 'SBA',
  zero: 'Zero',
};

export function readReference(file: string): ReferenceRow[] {
  const parsed = Papa.parse<string[]>(fs.readFileSync(file, 'utf8').trim(), { skipEmptyLines: true });
  const [header, ...rows] = parsed.data;
  const col = (name: string) => header!.indexOf(name);
  return rows.map((r) => ({
    dataset: r[col('dataset')]!,
    n: Number(r[col('n_series')]),
    method: r[col('method')]!,
    mae: Number(r[col('MAE')]),
    rmse: Number(r[col('RMSE')]),
    mase: Number(r[col('MASE')]),
    rmsse: Number(r[col('RMSSE')]),
    me: Number(r[col('ME')]),
  }));
}

export interface ExpsmoothCase {
  name: 'carparts' | 'jewelry';
  file: string;
  protocol: HoldoutProtocol;
  /** Prefix of the reference rows' dataset label. */
  referencePrefix: string;
}

export const EXPSMOOTH_CASES: ExpsmoothCase[] = [
  { name: 'carparts', file: 'expsmooth/carparts.csv', protocol: { train: 45, h: 6, m: 12 }, referencePrefix: 'carparts' },
  { name: 'jewelry', file: 'expsmooth/jewelry.csv', protocol: { train: 112, h: 12, m: 52 }, referencePrefix: 'jewelry' },
];

export function loadExpsmooth(c: ExpsmoothCase, dataDir = DATA_DIR): number[][] {
  const text = fs.readFileSync(path.join(dataDir, c.file), 'utf8');
  return eligibleSeries([...parseLongSeries(text).values()], c.protocol);
}

const METHODS: HoldoutMethod[] = ['naive', 'snaive', 'mean', 'zero', 'ses', 'ses-nelder-mead', 'croston', 'sba', 'tsb', 'holt', 'holt-damped', 'auto'];
const MEASURES = ['mase', 'rmsse', 'mae', 'rmse', 'me'] as const;

function fmt(v: number | undefined, width = 8, digits = 4): string {
  return (v === undefined || Number.isNaN(v) ? '–' : v.toFixed(digits)).padStart(width);
}

function printTable(results: HoldoutResult[], reference: ReferenceRow[]): void {
  const head = ['method'.padEnd(16), 'n'.padStart(5), ...MEASURES.map((m) => m.toUpperCase().padStart(8)), ' | R:', ...MEASURES.map((m) => m.toUpperCase().padStart(8)), ' | ours − R:', ...['MASE', 'RMSSE'].map((m) => m.padStart(8))];
  console.log(head.join(' '));
  for (const r of results) {
    const ref = reference.find((row) => R_NAMES[r.method] === row.method);
    const cells = [r.method.padEnd(16), String(r.count).padStart(5), ...MEASURES.map((m) => fmt(r.mean[m]))];
    cells.push('    ', ...MEASURES.map((m) => fmt(ref?.[m])));
    cells.push('           ', fmt(ref ? r.mean.mase - ref.mase : undefined, 8, 4), fmt(ref ? r.mean.rmsse - ref.rmsse : undefined, 8, 4));
    console.log(cells.join(' ') + (ref && r.method === 'auto' ? '   (R: ETS)' : ''));
    if (r.chosen) {
      const chosen = Object.entries(r.chosen).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ');
      console.log(`${''.padEnd(23)}automatic choice: ${chosen}`);
    }
  }
}

async function runExpsmooth(): Promise<void> {
  const refFile = path.join(DATA_DIR, 'reference_results/expsmooth_R_forecast_8.20_baselines.csv');
  const reference = fs.existsSync(refFile) ? readReference(refFile) : [];
  for (const c of EXPSMOOTH_CASES) {
    const file = path.join(DATA_DIR, c.file);
    if (!fs.existsSync(file)) {
      console.log(`\n[skip] ${c.name}: ${file} not found`);
      continue;
    }
    const started = Date.now();
    const series = loadExpsmooth(c);
    const ref = reference.filter((r) => r.dataset.startsWith(c.referencePrefix));
    console.log(`\n== ${c.name}: ${series.length} series (R: ${ref[0]?.n ?? '?'}), train 1..${c.protocol.train}, h = ${c.protocol.h}, m = ${c.protocol.m}`);
    const results = evaluateHoldout(series, c.protocol, METHODS);
    printTable(results, ref);
    console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
}

/** Real product codes: 5 digits and an optional variant letter or two; POST, M, DOT, BANK CHARGES, AMAZONFEE… are not. */
const PRODUCT_CODE = /^\d{5}[A-Z]{0,2}$/;
export const RETAIL_HOLDOUT_WEEKS = 8;
export const RETAIL_MIN_SALES_WEEKS = 30;

function dayNumber(date: string): number {
  return Math.floor(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000);
}

/** Day number of the Monday of the ISO week holding day `d` (day 0, 1970-01-01, was a Thursday). */
function isoMonday(d: number): number {
  return d - ((d + 3) % 7);
}

export interface RetailWeekly {
  /** Net weekly quantity per product over the complete ISO weeks, negatives (returns-heavy weeks) floored at 0. */
  series: Map<string, number[]>;
  firstMonday: string;
  weeks: number;
  rows: number;
  skipped: { nonProduct: number; noPrice: number };
}

/**
 * Weekly demand per StockCode from the UCI Online Retail CSV: net quantity (sales minus cancellations, which carry
 * negative quantities) per ISO week. Rows with a zero or negative unit price are stock adjustments ("damaged",
 * "lost", the "adjust bad debt" line), not customer demand, and are skipped. Only complete ISO weeks are kept: the
 * data starts on a Wednesday and ends on a Friday, and a part-week would look like a demand drop.
 */
export async function loadRetailWeekly(file: string): Promise<RetailWeekly> {
  const byCodeWeek = new Map<string, Map<number, number>>();
  let minDay = Infinity;
  let maxDay = -Infinity;
  let rows = 0;
  const skipped = { nonProduct: 0, noPrice: 0 };
  await new Promise<void>((resolve, reject) => {
    let header: string[] | undefined;
    let iCode = -1;
    let iQty = -1;
    let iDate = -1;
    let iPrice = -1;
    Papa.parse<string[]>(fs.createReadStream(file).pipe(createGunzip()), {
      skipEmptyLines: true,
      step: (result) => {
        const r = result.data;
        if (!header) {
          header = r;
          [iCode, iQty, iDate, iPrice] = ['StockCode', 'Quantity', 'InvoiceDate', 'UnitPrice'].map((c) => r.indexOf(c)) as [number, number, number, number];
          return;
        }
        rows++;
        const day = dayNumber(r[iDate]!);
        if (day < minDay) minDay = day;
        if (day > maxDay) maxDay = day;
        const code = r[iCode]!.trim().toUpperCase();
        if (!PRODUCT_CODE.test(code)) {
          skipped.nonProduct++;
          return;
        }
        if (!(Number(r[iPrice]) > 0)) {
          skipped.noPrice++;
          return;
        }
        const week = isoMonday(day);
        let weeks = byCodeWeek.get(code);
        if (!weeks) byCodeWeek.set(code, (weeks = new Map()));
        weeks.set(week, (weeks.get(week) ?? 0) + Number(r[iQty]));
      },
      complete: () => resolve(),
      error: (err: Error) => reject(err),
    });
  });
  const firstMonday = isoMonday(minDay) === minDay ? minDay : isoMonday(minDay) + 7;
  const lastMonday = isoMonday(maxDay) + 6 === maxDay ? isoMonday(maxDay) : isoMonday(maxDay) - 7;
  const weeks = (lastMonday - firstMonday) / 7 + 1;
  const series = new Map<string, number[]>();
  for (const [code, byWeek] of byCodeWeek) {
    series.set(code, Array.from({ length: weeks }, (_, i) => Math.max(0, byWeek.get(firstMonday + 7 * i) ?? 0)));
  }
  return { series, firstMonday: new Date(firstMonday * 86_400_000).toISOString().slice(0, 10), weeks, rows, skipped };
}

async function runRetail(): Promise<void> {
  const file = path.join(DATA_DIR, 'online_retail/online_retail.csv.gz');
  if (!fs.existsSync(file)) {
    console.log(`\n[skip] Online Retail: ${file} not found`);
    return;
  }
  const started = Date.now();
  const data = await loadRetailWeekly(file);
  const h = RETAIL_HOLDOUT_WEEKS;
  const train = data.weeks - h;
  const selected = [...data.series.values()].filter((s) => s.filter((v) => v > 0).length >= RETAIL_MIN_SALES_WEEKS);
  const series = eligibleSeries(selected, { train, h });
  console.log(
    `\n== Online Retail weekly: ${data.rows} rows (${data.skipped.nonProduct} non-product, ${data.skipped.noPrice} zero-price adjustments skipped), ` +
      `${data.weeks} complete ISO weeks from ${data.firstMonday}; ${selected.length} products with >= ${RETAIL_MIN_SALES_WEEKS} weeks of sales, ` +
      `${series.length} with a non-zero naive scale; train ${train} weeks, last ${h} held out (loaded in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  const results = evaluateHoldout(series, { train, h, m: 52 }, METHODS);
  printTable(results, []);
  console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s; seasonal methods need 52+ weeks of training, so snaive is not available here)`);
}

const NOTES = `
Notes on the gaps to R:
- naive, snaive, mean and zero equal R's figures: the protocol (series kept, cut, scaling) is the same.
- croston and sba equal R's to the 4th decimal. Croston needs two demands; for the 44 carparts series with one demand
  in months 1..45 we forecast its size over the history (the mean), which is what the reference figures do, and SBA
  does not scale that mean (no Croston ratio to de-bias).
- ses: R's ses() fits ets("ANN", opt.crit = "mse") with Nelder-Mead on (alpha, l0) from alpha = 0.2, l0 = mean of the
  first 10 values. Our default solves l0 exactly for each alpha and searches alpha globally, reaching a lower in-sample
  MSE on most carparts series; out of sample that differs by ~0.007 MASE on carparts and 0.0002 on jewelry.
  'ses-nelder-mead' searches R's way and lands on R's figures, which shows the gap is the optimiser, not the method.
- auto vs R's ETS (jewelry): different things. R's ets() picks a model by AICc; ours picks per series by a rolling-origin
  backtest on RMSSE among naive/SES/Holt/seasonal candidates (Croston/SBA/TSB when ADI > 1.32).`;

async function main(): Promise<void> {
  if (!fs.existsSync(DATA_DIR)) {
    console.log(`[skip] ${DATA_DIR} not found: the backtest needs the shared real data (see shared/data/SOURCES.md).`);
    return;
  }
  await runExpsmooth();
  await runRetail();
  console.log(NOTES);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
