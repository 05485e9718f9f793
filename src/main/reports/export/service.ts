import { REPORT_IDS, REPORT_KINDS, type ReportFile, type ReportExportFormat, type ReportParams } from '../../../shared/api/reports';
import type { ParsedInput } from '../../../shared/api';
import { minorDigits } from '../../../shared/money';
import type { LedgerEnv } from '../../ledger/env';
import { warehouseById } from '../../locations/locations';
import { formatMinorDigits } from '../journals';
import { kpiReport } from '../kpi-service';
import { runReport } from '../tables';
import { fileBase, stampOf } from './cells';
import { tableToCsv } from './csv';
import { PACK_MAX_ROWS, ReportPdf, tableToPdf } from './pdf';
import { tablesToXlsx } from './xlsx';

const MIME: Record<ReportExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

/** reports.export: one report as CSV, XLSX or PDF; files are stamped with the period end (or as-of day), not now. */
export function exportReport(env: LedgerEnv, input: ParsedInput<'reports.export'>): ReportFile {
  const { format, ...params } = input;
  const t = runReport(env, params as ReportParams);
  const stamp = stampOf(t.params.to ?? t.params.asOf!);
  const bytes =
    format === 'csv' ? Buffer.from(tableToCsv(t), 'utf8') : format === 'xlsx' ? tablesToXlsx([t], stamp) : tableToPdf(t, stamp);
  return { filename: `${fileBase(t)}.${format}`, mime: MIME[format], base64: Buffer.from(bytes).toString('base64') };
}

/**
 * reports.pack: a cover page, the KPI summary of the period (each KPI with its formula and inputs) and every report,
 * period reports over from..to and as-of reports at asOf (default the period end), in REPORT_IDS order; each table
 * drawn up to PACK_MAX_ROWS rows (the exports hold the rest).
 */
export function reportPack(env: LedgerEnv, input: ParsedInput<'reports.pack'>): ReportFile {
  const asOf = input.asOf ?? input.to;
  const filters = {
    ...(input.warehouseId !== undefined && { warehouseId: input.warehouseId }),
    ...(input.category !== undefined && { category: input.category }),
  };
  const warehouse = input.warehouseId !== undefined ? warehouseById(env.sql, input.warehouseId) : null;
  const settings = env.settings.get();
  const stamp = stampOf(input.to);
  const pdf = new ReportPdf(`Report pack ${input.from} to ${input.to}`, stamp);
  pdf.cover([
    { text: settings.companyName, size: 24, bold: true },
    { text: 'Stock report pack', size: 18 },
    { text: `Period ${input.from} to ${input.to} · stock as of ${asOf}`, size: 12 },
    ...(warehouse ? [{ text: `Warehouse ${warehouse.code} ${warehouse.name}`, size: 12 }] : []),
    ...(input.category !== undefined ? [{ text: `Category ${input.category || '(none)'}`, size: 12 }] : []),
    { text: `Amounts in ${settings.currency}`, size: 10 },
  ]);
  const k = kpiReport(env, { from: input.from, to: input.to, ...filters });
  const digits = minorDigits(settings.currency);
  pdf.kpis('KPI summary', `${input.from} to ${input.to} (${k.days} days) · average inventory = mean of the daily closing FIFO valuations`, k.kpis, (m) => `${formatMinorDigits(Math.round(m), digits)} ${settings.currency}`);
  for (const report of REPORT_IDS) {
    const params: ReportParams = REPORT_KINDS[report] === 'period' ? { report, from: input.from, to: input.to, ...filters } : { report, asOf, ...filters };
    pdf.report(runReport(env, params), PACK_MAX_ROWS);
  }
  return { filename: `report-pack_${input.from}_${input.to}.pdf`, mime: MIME.pdf, base64: Buffer.from(pdf.finish()).toString('base64') };
}
