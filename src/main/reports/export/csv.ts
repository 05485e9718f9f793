import Papa from 'papaparse';
import type { ReportTable } from '../../../shared/api/reports';
import { cellText, totalsRow } from './cells';

/**
 * One report as CSV (RFC 4180 via papaparse, CRLF, UTF-8 without a BOM): a header of the column labels, a row per
 * table row, then the totals row. Money as decimal strings, dates ISO; notes are not data and stay out.
 */
export function tableToCsv(t: ReportTable): string {
  const fields = t.columns.map((c) => c.label);
  const rows = [...t.rows, ...(totalsRow(t) ? [totalsRow(t)!] : [])];
  const data = rows.map((r) => t.columns.map((c) => cellText(c, r[c.key], t.currency)));
  return Papa.unparse({ fields, data }, { newline: '\r\n' });
}
