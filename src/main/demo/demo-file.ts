import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

/**
 * The compact demo data derived from the UCI Online Retail transactions by scripts/derive-demo.ts and shipped in
 * resources/demo/, so the app runs without ../shared. Day numbers are offsets from `firstDay` (day 0); the seed
 * shifts the calendar so that `lastDay` becomes yesterday.
 */
export const DEMO_FORMAT = 'stockroom-demo/1';
export const DEMO_FILE_NAME = 'online-retail-demo.json.gz';

export const DEMO_CATEGORIES = [
  'Bags',
  'Candles & Lights',
  'Christmas',
  'Garden',
  'Home Decor',
  'Jewellery & Accessories',
  'Kitchen & Dining',
  'Party',
  'Stationery & Cards',
  'Toys & Games',
] as const;
export type DemoCategory = (typeof DEMO_CATEGORIES)[number];

/** Reasons of the stock write-offs/finds recorded in the source data (zero-price lines without a customer). */
export const DEMO_ADJUST_REASONS = ['damage', 'lost', 'count_correction', 'found'] as const;
export type DemoAdjustReason = (typeof DEMO_ADJUST_REASONS)[number];

/** A sparse daily series: parallel arrays of day offsets (ascending, distinct) and positive quantities. */
export interface DaySeries {
  d: number[];
  q: number[];
}

export interface DemoProduct {
  sku: string;
  name: string;
  category: DemoCategory;
  priceMinor: number;
  costMinor: number;
  weightGrams: number;
  /** The quantity customers most often ordered: used as the supplier's case pack. */
  packSize: number;
  tracking: 'none' | 'lot';
  shelfLifeDays: number | null;
  salesDays: number;
  /** Units shipped per day (cancellations by the same customer on the same day already netted out). */
  sold: DaySeries;
  /** Units cancelled/returned per day that were not cancelled before dispatch. */
  returned: DaySeries;
  /** Stock adjustments recorded in the source data; q is signed (negative removes), r the reason. */
  adjustments: DaySeries & { r: DemoAdjustReason[] };
}

export interface DemoFile {
  format: typeof DEMO_FORMAT;
  source: string;
  firstDay: string;
  lastDay: string;
  /** Number of calendar days from firstDay to lastDay inclusive. */
  days: number;
  rowsSeen: number;
  products: DemoProduct[];
}

const DAY_MS = 86_400_000;

/** Calendar arithmetic on YYYY-MM-DD strings in UTC, so no time zone or DST shifts a day. */
export const dayNumber = (iso: string): number => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
export const isoOfDayNumber = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);

function isSeries(v: unknown, days: number): v is DaySeries {
  if (!v || typeof v !== 'object') return false;
  const s = v as DaySeries;
  if (!Array.isArray(s.d) || !Array.isArray(s.q) || s.d.length !== s.q.length) return false;
  for (let i = 0; i < s.d.length; i++) {
    if (!Number.isInteger(s.d[i]) || s.d[i] < 0 || s.d[i] >= days || (i > 0 && s.d[i] <= s.d[i - 1])) return false;
    if (!Number.isInteger(s.q[i]) || s.q[i] === 0) return false;
  }
  return true;
}

/** Checks the shape of a parsed demo file, so a truncated or foreign file fails with a clear message, not mid-seed. */
export function validateDemoFile(v: unknown): DemoFile {
  const f = v as DemoFile;
  const bad = (why: string): never => {
    throw new Error(`Not a usable demo file (${DEMO_FORMAT}): ${why}`);
  };
  if (!f || typeof f !== 'object' || f.format !== DEMO_FORMAT) bad(`format is ${String((f as { format?: unknown })?.format)}`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(f.firstDay) || !/^\d{4}-\d{2}-\d{2}$/.test(f.lastDay)) bad('bad firstDay/lastDay');
  if (f.days !== dayNumber(f.lastDay) - dayNumber(f.firstDay) + 1) bad('days does not match firstDay..lastDay');
  if (!Array.isArray(f.products) || f.products.length === 0) bad('no products');
  const skus = new Set<string>();
  for (const p of f.products) {
    if (typeof p.sku !== 'string' || skus.has(p.sku)) bad(`missing or repeated SKU ${p.sku}`);
    skus.add(p.sku);
    if (!(DEMO_CATEGORIES as readonly string[]).includes(p.category)) bad(`${p.sku}: unknown category ${p.category}`);
    if (!isSeries(p.sold, f.days) || !isSeries(p.returned, f.days) || !isSeries(p.adjustments, f.days)) bad(`${p.sku}: bad day series`);
    if (p.sold.q.some((q) => q < 0) || p.returned.q.some((q) => q < 0)) bad(`${p.sku}: negative sold/returned quantity`);
    if (p.adjustments.r.length !== p.adjustments.d.length) bad(`${p.sku}: adjustment reasons do not match`);
    if (!(p.priceMinor > 0) || !(p.costMinor > 0) || !(p.packSize >= 1)) bad(`${p.sku}: bad price, cost or pack size`);
  }
  return f;
}

export function parseDemoFile(gz: Buffer): DemoFile {
  return validateDemoFile(JSON.parse(gunzipSync(gz).toString('utf8')));
}

export function loadDemoFile(file: string): DemoFile {
  return parseDemoFile(fs.readFileSync(file));
}

/**
 * Where the demo file is: an explicit path wins; otherwise the packaged app's resources (electron-builder copies
 * resources/ next to the asar), then relative to the built bundle (out/main/… → resources/), then the source tree
 * (src/main/demo → resources/) and the working directory. Returns null when none exists.
 */
export function resolveDemoFile(explicit?: string): string | null {
  if (explicit) return fs.existsSync(explicit) ? explicit : null;
  const candidates: string[] = [];
  const resourcesPath = (process as { resourcesPath?: string }).resourcesPath;
  if (resourcesPath) candidates.push(path.join(resourcesPath, 'demo', DEMO_FILE_NAME), path.join(resourcesPath, 'resources', 'demo', DEMO_FILE_NAME));
  // __dirname exists in the CommonJS bundle; under ESM/tsx it does not, and import.meta.url would not compile to CJS.
  const here = typeof __dirname === 'string' ? __dirname : null;
  if (here) {
    candidates.push(path.join(here, '../../resources/demo', DEMO_FILE_NAME), path.join(here, '../../../resources/demo', DEMO_FILE_NAME));
  }
  candidates.push(path.join(process.cwd(), 'resources/demo', DEMO_FILE_NAME));
  return candidates.find((c) => fs.existsSync(c)) ?? null;
}
