import ExcelJS from 'exceljs';
import { zipSync, strToU8, type Zippable } from 'fflate';
import type { ReportTable } from '../../../shared/api/reports';
import { minorDigits } from '../../../shared/money';
import { cellText, totalsRow } from './cells';

/**
 * Reports as an XLSX workbook, one sheet per report: exceljs builds the workbook (typed cells: numbers, money with a
 * currency number format, percentages, real dates; bold frozen header; column widths; a bold totals row).
 *
 * exceljs writes through an async zip stream, but the core answers every call synchronously. Its writer renders each
 * part (workbook, sheets, styles, shared strings…) synchronously and only hands the strings to the zip, so
 * writeSync() below runs the same steps as exceljs's XLSX.write in the same order with a collecting zip, then packs
 * the parts with fflate's zipSync, every entry stamped with the given instant so the same report gives the same bytes.
 */
export function tablesToXlsx(tables: ReportTable[], created: Date): Uint8Array {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Stockroom';
  wb.lastModifiedBy = 'Stockroom';
  wb.created = created;
  wb.modified = created;
  const used = new Set<string>();
  for (const t of tables) addSheet(wb, t, used);
  return writeSync(wb, created);
}

/** Sheet names: at most 31 characters, none of : \ / ? * [ ], unique. */
function sheetName(title: string, used: Set<string>): string {
  const base = title.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31);
  let name = base;
  for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base.slice(0, 31 - String(n).length - 1)} ${n}`;
  used.add(name.toLowerCase());
  return name;
}

const HEADER_ROW = 4;

function addSheet(wb: ExcelJS.Workbook, t: ReportTable, used: Set<string>): void {
  const ws = wb.addWorksheet(sheetName(t.title, used), { views: [{ state: 'frozen', xSplit: 0, ySplit: HEADER_ROW }] });
  const digits = minorDigits(t.currency);
  const money = `#,##0${digits ? `.${'0'.repeat(digits)}` : ''} "${t.currency}";-#,##0${digits ? `.${'0'.repeat(digits)}` : ''} "${t.currency}"`;
  ws.getCell(1, 1).value = t.title;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.getCell(2, 1).value = t.subtitle;
  ws.getCell(3, 1).value = `Amounts in ${t.currency}`;
  const header = ws.getRow(HEADER_ROW);
  t.columns.forEach((c, i) => {
    header.getCell(i + 1).value = c.label;
  });
  header.font = { bold: true };

  const put = (rowNo: number, r: ReportTable['rows'][number], bold: boolean) => {
    const row = ws.getRow(rowNo);
    t.columns.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      const v = r[c.key];
      if (v === null || v === undefined) return;
      switch (c.type) {
        case 'money':
          cell.value = Number(v) / 10 ** digits;
          cell.numFmt = money;
          break;
        case 'percent':
          cell.value = Number(v) / 100;
          cell.numFmt = '0.00%';
          break;
        case 'int':
          cell.value = typeof v === 'number' ? v : String(v);
          if (typeof v === 'number') cell.numFmt = '#,##0';
          break;
        case 'number':
          cell.value = typeof v === 'number' ? v : String(v);
          break;
        case 'date':
          cell.value = new Date(`${String(v)}T00:00:00.000Z`);
          cell.numFmt = 'yyyy-mm-dd';
          break;
        case 'datetime':
          cell.value = new Date(String(v));
          cell.numFmt = 'yyyy-mm-dd hh:mm:ss';
          break;
        case 'text':
          cell.value = String(v);
          break;
        default: {
          const never: never = c.type;
          cell.value = String(never);
        }
      }
    });
    if (bold) row.font = { bold: true };
  };
  let rowNo = HEADER_ROW + 1;
  for (const r of t.rows) put(rowNo++, r, false);
  const totals = totalsRow(t);
  if (totals) put(rowNo++, totals, true);
  rowNo++;
  for (const n of t.notes) ws.getCell(rowNo++, 1).value = n;

  // Widths from the longest text in each column (header, rows, totals), within 8..50 characters.
  t.columns.forEach((c, i) => {
    let w = c.label.length;
    for (const r of [...t.rows, ...(totals ? [totals] : [])]) w = Math.max(w, cellText(c, r[c.key], t.currency).length + (c.type === 'money' ? 6 : 0));
    ws.getColumn(i + 1).width = Math.min(50, Math.max(8, w + 2));
  });
}

interface XlsxInternals {
  prepareModel(model: unknown, options: object): void;
  addContentTypes(zip: Collector, model: unknown): Promise<void>;
  addOfficeRels(zip: Collector, model: unknown): Promise<void>;
  addWorkbookRels(zip: Collector, model: unknown): Promise<void>;
  addWorksheets(zip: Collector, model: unknown): Promise<void>;
  addSharedStrings(zip: Collector, model: unknown): Promise<void>;
  addDrawings(zip: Collector, model: unknown): void;
  addTables(zip: Collector, model: unknown): void;
  addThemes(zip: Collector, model: unknown): Promise<void>;
  addStyles(zip: Collector, model: unknown): Promise<void>;
  addApp(zip: Collector, model: unknown): Promise<void>;
  addCore(zip: Collector, model: unknown): Promise<void>;
  addWorkbook(zip: Collector, model: unknown): Promise<void>;
}
interface Collector {
  append(data: string | Uint8Array, o: { name: string }): void;
}

function writeSync(wb: ExcelJS.Workbook, stamp: Date): Uint8Array {
  const x = wb.xlsx as unknown as XlsxInternals;
  const model = wb.model as { worksheets: { id: number }[]; sharedStrings?: { count: number } };
  const files: Record<string, Uint8Array> = {};
  const zip: Collector = { append: (data, o) => void (files[o.name] = typeof data === 'string' ? strToU8(data) : data) };
  x.prepareModel(model, {});
  // Each step renders synchronously; one that failed would leave its part missing, which the check below catches.
  const steps = [
    x.addContentTypes(zip, model),
    x.addOfficeRels(zip, model),
    x.addWorkbookRels(zip, model),
    x.addWorksheets(zip, model),
    x.addSharedStrings(zip, model),
    x.addDrawings(zip, model),
    x.addTables(zip, model),
    x.addThemes(zip, model),
    x.addStyles(zip, model),
    // No images, so exceljs's addMedia (the one truly async step) has nothing to do.
    x.addApp(zip, model),
    x.addCore(zip, model),
    x.addWorkbook(zip, model),
  ];
  for (const s of steps) if (s instanceof Promise) s.catch(() => {});
  const needed = [
    '[Content_Types].xml',
    '_rels/.rels',
    'xl/_rels/workbook.xml.rels',
    'xl/workbook.xml',
    'xl/styles.xml',
    'xl/theme/theme1.xml',
    'docProps/app.xml',
    'docProps/core.xml',
    ...model.worksheets.map((w) => `xl/worksheets/sheet${w.id}.xml`),
    ...(model.sharedStrings?.count ? ['xl/sharedStrings.xml'] : []),
  ];
  const missing = needed.filter((n) => !files[n]);
  if (missing.length) throw new Error(`the spreadsheet could not be written synchronously (missing ${missing.join(', ')})`);
  // ZIP times are local wall-clock fields (fflate reads them with getFullYear…): shift so they show the UTC instant
  // whatever the machine's time zone, and the same report gives the same bytes everywhere.
  const mtime = new Date(stamp.getTime() + stamp.getTimezoneOffset() * 60_000);
  const entries: Zippable = {};
  for (const name of Object.keys(files)) entries[name] = [files[name]!, { mtime }];
  return zipSync(entries, { level: 6, mtime });
}
