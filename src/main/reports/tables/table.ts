import { REPORT_KINDS, REPORT_TITLES, type ReportColumn, type ReportId, type ReportParams, type ReportTable } from '../../../shared/api/reports';
import type { LedgerEnv } from '../../ledger/env';
import { warehouseById } from '../../locations/locations';
import { checkChannel } from '../sales-sql';

/** The parameters a report module reads: as-of reports have asOf filled in (default: today, UTC). */
export interface TableInput {
  report: ReportId;
  from: string;
  to: string;
  asOf: string;
  warehouseId?: number;
  category?: string;
  channel?: string;
  days?: number;
}

export type Row = ReportTable['rows'][number];

/** Checks the filters (an unknown warehouse or channel is refused, naming the field) and fills in the defaults. */
export function normalise(env: LedgerEnv, p: ReportParams): TableInput {
  if (p.warehouseId !== undefined) warehouseById(env.sql, p.warehouseId);
  if (p.channel !== undefined) checkChannel(env, p.channel);
  const today = env.clock.now().toISOString().slice(0, 10);
  return {
    report: p.report,
    from: p.from ?? today,
    to: p.to ?? today,
    asOf: p.asOf ?? today,
    ...(p.warehouseId !== undefined && { warehouseId: p.warehouseId }),
    ...(p.category !== undefined && { category: p.category }),
    ...(p.channel !== undefined && { channel: p.channel }),
    ...(p.days !== undefined && { days: p.days }),
  };
}

/** "2026-01-01 to 2026-03-31 · warehouse MAIN · category Mugs": ISO days, so it reads the same everywhere. */
export function describe(env: LedgerEnv, i: TableInput, when: string): string {
  const parts = [when];
  if (i.warehouseId !== undefined) {
    const w = warehouseById(env.sql, i.warehouseId);
    parts.push(`warehouse ${w.code} ${w.name}`);
  }
  if (i.category !== undefined) parts.push(`category ${i.category === '' ? '(none)' : i.category}`);
  if (i.channel !== undefined) parts.push(`channel ${i.channel}`);
  return parts.join(' · ');
}

export const periodWords = (i: TableInput) => `${i.from} to ${i.to}`;

/** Sums of the given columns over the rows (nulls skipped). */
export function sums(rows: Row[], keys: string[]): Record<string, number | null> {
  const t: Record<string, number | null> = {};
  for (const k of keys) t[k] = rows.reduce((s, r) => s + (typeof r[k] === 'number' ? (r[k] as number) : 0), 0);
  return t;
}

/** margin ÷ revenue × 100, one decimal kept exact enough for display; null without revenue. */
export const percentOf = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 10000) / 100);

export function table(
  env: LedgerEnv,
  i: TableInput,
  body: { subtitle: string; columns: ReportColumn[]; rows: Row[]; totals: Record<string, number | null> | null; notes: string[] },
): ReportTable {
  const kind = REPORT_KINDS[i.report];
  return {
    report: i.report,
    title: REPORT_TITLES[i.report],
    subtitle: body.subtitle,
    currency: env.settings.get().currency,
    params: {
      ...(kind === 'period' ? { from: i.from, to: i.to } : { asOf: i.asOf }),
      ...(i.warehouseId !== undefined && { warehouseId: i.warehouseId }),
      ...(i.category !== undefined && { category: i.category }),
      ...(i.channel !== undefined && { channel: i.channel }),
      ...(i.days !== undefined && { days: i.days }),
    },
    columns: body.columns,
    rows: body.rows,
    totals: body.totals,
    notes: body.notes,
  };
}

export const col = (key: string, label: string, type: ReportColumn['type']): ReportColumn => ({ key, label, type });
