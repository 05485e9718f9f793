import type { ReportColumn, ReportTable } from '../../../shared/api/reports';
import { minorDigits } from '../../../shared/money';
import { formatMinorDigits } from '../journals';

type Cell = ReportTable['rows'][number][string];

/**
 * A cell as text, the same in CSV and PDF: money as a decimal string in the currency's minor digits ("1234.50"),
 * percent as a number with two decimals, dates and timestamps ISO 8601, null as empty. No locale, so the same table
 * always gives the same text. forReading shortens timestamps to the minute (PDF).
 */
export function cellText(c: ReportColumn, v: Cell | undefined, currency: string, forReading = false): string {
  if (v === null || v === undefined) return '';
  switch (c.type) {
    case 'money':
      return formatMinorDigits(Number(v), minorDigits(currency));
    case 'percent':
      return Number(v).toFixed(2);
    case 'int':
    case 'number':
      return String(v);
    case 'datetime':
      // On paper "2026-03-02 10:00 UTC" reads better than the full ISO stamp the CSV keeps.
      return forReading ? `${String(v).slice(0, 10)} ${String(v).slice(11, 16)}` : String(v);
    case 'date':
    case 'text':
      return String(v);
    default: {
      const never: never = c.type;
      return String(never);
    }
  }
}

/** The totals row, if any: "Total" in the first column without a total. */
export function totalsRow(t: ReportTable): Record<string, Cell> | null {
  if (!t.totals) return null;
  const row: Record<string, Cell> = {};
  const label = t.columns.find((c) => !(c.key in t.totals!) || c.type === 'text');
  for (const c of t.columns) row[c.key] = c.key in t.totals ? t.totals[c.key]! : null;
  if (label) row[label.key] = 'Total';
  return row;
}

/** Base name of an exported file: report id and its period or day, e.g. "cogs_2026-01-01_2026-03-31". */
export const fileBase = (t: ReportTable): string =>
  [t.report, ...(t.params.from !== undefined ? [t.params.from, t.params.to!] : [t.params.asOf!])].join('_');

/**
 * The fixed creation instant of a file: the end of its period or its as-of day (midnight UTC), never the clock, so the
 * same input gives the same bytes.
 */
export const stampOf = (day: string): Date => new Date(`${day}T00:00:00.000Z`);
