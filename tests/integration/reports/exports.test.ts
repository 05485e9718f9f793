import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_IDS, REPORT_TITLES } from '../../../src/shared/api/reports';
import { pdfText as pdfPages } from '../../helpers/pdf-text';
import { ReportPdf } from '../../../src/main/reports/export/pdf';
import { makeCore } from '../../helpers/core';
import { buildScenario } from './scenario';

async function workbook(base64: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  return wb;
}

/** The March of ./scenario.ts exported and opened back with papaparse, exceljs and pdf.js. */
describe('reports.export and reports.pack: files opened back', () => {
  let s: ReturnType<typeof buildScenario>;
  beforeAll(() => {
    s = buildScenario();
  });
  afterAll(() => s.c.close());
  const march = { from: '2026-03-01', to: '2026-03-31' };

  it('CSV: header of labels, money as 2-decimal strings, totals row, UTF-8 without BOM, same bytes twice', () => {
    const f = s.c.ok('reports.export', { report: 'margin_by_item', ...march, format: 'csv' });
    expect([f.filename, f.mime]).toEqual(['margin_by_item_2026-03-01_2026-03-31.csv', 'text/csv; charset=utf-8']);
    const bytes = Buffer.from(f.base64, 'base64');
    expect(bytes[0]).not.toBe(0xef);
    const p = Papa.parse<string[]>(bytes.toString('utf8'), { skipEmptyLines: true });
    expect(p.errors).toEqual([]);
    expect(p.data).toEqual([
      ['SKU', 'Item', 'Units sold (net)', 'Revenue', 'COGS', 'Gross margin', 'Margin %'],
      ['ALPHA', 'Alpha widget', '5', '48.00', '32.50', '15.50', '32.29'],
      ['MUG-1', 'Enamel mug', '4', '24.00', '10.00', '14.00', '58.33'],
      ['Total', '', '9', '72.00', '42.50', '29.50', '40.97'],
    ]);
    expect(s.c.ok('reports.export', { report: 'margin_by_item', ...march, format: 'csv' }).base64).toBe(f.base64);
    // Dates ISO: the landed cost receipt day and the journal's timestamps.
    const landed = Papa.parse<Record<string, string>>(Buffer.from(s.c.ok('reports.export', { report: 'landed_cost', ...march, format: 'csv' }).base64, 'base64').toString('utf8'), { header: true, skipEmptyLines: true });
    expect(landed.data[0]).toMatchObject({ 'Last receipt': '2026-03-02', SKU: 'ALPHA', Goods: '50.00', Freight: '10.00', 'Duty and tariffs': '5.00', 'Landed cost': '65.00' });
    const journal = Papa.parse<Record<string, string>>(Buffer.from(s.c.ok('reports.export', { report: 'movements_journal', ...march, format: 'csv' }).base64, 'base64').toString('utf8'), { header: true, skipEmptyLines: true });
    expect(journal.data).toHaveLength(7);
    expect(journal.data[0]!.Date).toBe('2026-03-02T10:00:00.000Z');
  });

  it('XLSX: typed cells (numbers, money and percent formats, dates), bold frozen header, totals row, same bytes twice', async () => {
    const f = s.c.ok('reports.export', { report: 'margin_by_item', ...march, format: 'xlsx' });
    expect([f.filename, f.mime]).toEqual(['margin_by_item_2026-03-01_2026-03-31.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
    expect(s.c.ok('reports.export', { report: 'margin_by_item', ...march, format: 'xlsx' }).base64).toBe(f.base64);
    // The same bytes in another time zone (the ZIP entry times are wall-clock fields).
    const tz = process.env.TZ;
    process.env.TZ = 'America/New_York';
    try {
      expect(s.c.ok('reports.export', { report: 'margin_by_item', ...march, format: 'xlsx' }).base64).toBe(f.base64);
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
    const wb = await workbook(f.base64);
    expect(wb.created.toISOString()).toBe('2026-03-31T00:00:00.000Z');
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('Margin by item');
    expect(ws.getCell('A1').value).toBe('Margin by item');
    expect(ws.getCell('A2').value).toBe('2026-03-01 to 2026-03-31');
    const header = ws.getRow(4);
    expect(header.values).toEqual([undefined, 'SKU', 'Item', 'Units sold (net)', 'Revenue', 'COGS', 'Gross margin', 'Margin %']);
    expect(header.getCell(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    const alpha = ws.getRow(5);
    expect(alpha.getCell(1).value).toBe('ALPHA');
    expect(alpha.getCell(3).type).toBe(ExcelJS.ValueType.Number);
    expect(alpha.getCell(3).value).toBe(5);
    expect(alpha.getCell(4).value).toBe(48);
    expect(alpha.getCell(4).numFmt).toContain('0.00 "GBP"');
    expect(alpha.getCell(7).value).toBeCloseTo(0.3229, 10);
    expect(alpha.getCell(7).numFmt).toBe('0.00%');
    const total = ws.getRow(7);
    expect([total.getCell(1).value, total.getCell(4).value, total.getCell(5).value, total.getCell(6).value]).toEqual(['Total', 72, 42.5, 29.5]);
    expect(total.getCell(4).font?.bold).toBe(true);
    expect(ws.getColumn(2).width).toBeGreaterThanOrEqual('Alpha widget'.length);

    // Dates as real dates.
    const landed = (await workbook(s.c.ok('reports.export', { report: 'landed_cost', ...march, format: 'xlsx' }).base64)).worksheets[0]!;
    const day = landed.getRow(5).getCell(2);
    expect(day.type).toBe(ExcelJS.ValueType.Date);
    expect((day.value as Date).toISOString()).toBe('2026-03-02T00:00:00.000Z');
    expect(day.numFmt).toBe('yyyy-mm-dd');
  });

  it('PDF: title, period, a row and the totals as text; same bytes twice', async () => {
    const f = s.c.ok('reports.export', { report: 'valuation_by_location', asOf: '2026-03-31', format: 'pdf' });
    expect([f.filename, f.mime]).toEqual(['valuation_by_location_2026-03-31.pdf', 'application/pdf']);
    expect(s.c.ok('reports.export', { report: 'valuation_by_location', asOf: '2026-03-31', format: 'pdf' }).base64).toBe(f.base64);
    const text = (await pdfPages(f.base64)).join('\n');
    expect(text).toContain('Stock valuation by location');
    expect(text).toContain('as of the close of 2026-03-31');
    expect(text).toMatch(/MAIN \/ A \/ A-01\s+MAIN\s+5\s+32\.50\s+54\.17/);
    expect(text).toMatch(/Total\s+14\s+60\.00\s+100\.00/);
    expect(text).toContain('page 1 of 1');
  });

  it('PDF: a long table breaks over pages with the header repeated', async () => {
    // Transfers on 04-01 (now): the March figures the other tests check stay as they are.
    for (let i = 0; i < 40; i++) {
      s.c.ok('stock.transfer', { itemId: s.mug.id, fromLocationId: s.a2.id, toLocationId: s.a1.id, quantity: 1 });
      s.c.ok('stock.transfer', { itemId: s.mug.id, fromLocationId: s.a1.id, toLocationId: s.a2.id, quantity: 1 });
    }
    const f = s.c.ok('reports.export', { report: 'movements_journal', from: '2026-03-01', to: '2026-04-01', format: 'pdf' });
    const pages = await pdfPages(f.base64);
    expect(pages.length).toBeGreaterThan(1);
    for (const [i, p] of pages.entries()) {
      expect(p).toMatch(/No\.\s+Date\s+Operation/);
      expect(p).toContain(`page ${i + 1} of ${pages.length}`);
    }
    expect(pages[1]).toContain('Movements journal (continued)');
  });

  it('PDF: a table longer than the row limit says how many rows it leaves to the CSV/XLSX; totals cover all', async () => {
    const t = s.c.ok('reports.run', { report: 'cogs', ...march });
    const rows = Array.from({ length: 30 }, (_, i) => ({ ...t.rows[0]!, sku: `SKU-${String(i + 1).padStart(2, '0')}` }));
    const pdf = new ReportPdf('Limit', new Date('2026-03-31T00:00:00.000Z'));
    pdf.report({ ...t, rows, totals: { ...t.totals!, cogs: 30 * 3250 } }, 20);
    const text = (await pdfPages(Buffer.from(pdf.finish()).toString('base64'))).join('\n');
    expect(text).toContain('SKU-20');
    expect(text).not.toContain('SKU-21');
    expect(text).toContain('Only the first 20 of 30 rows are shown here (10 more)');
    expect(text).toMatch(/Total.*975\.00/);
  });

  it('the pack: cover, KPI summary with formulas and inputs, every report title', async () => {
    const f = s.c.ok('reports.pack', march);
    expect([f.filename, f.mime]).toEqual(['report-pack_2026-03-01_2026-03-31.pdf', 'application/pdf']);
    const pages = await pdfPages(f.base64);
    expect(pages[0]).toContain('Stock report pack');
    expect(pages[0]).toContain('Period 2026-03-01 to 2026-03-31');
    const all = pages.join('\n');
    expect(all).toContain('KPI summary');
    expect(all).toContain('Formula:');
    expect(all).toMatch(/Inventory turnover/i);
    for (const id of REPORT_IDS) expect(all).toContain(REPORT_TITLES[id]);
    expect(s.c.ok('reports.pack', march).base64).toBe(f.base64);
  });

  it('an empty database: every report is an empty table, the pack still builds', async () => {
    const c = makeCore();
    try {
      for (const report of REPORT_IDS) expect(c.ok('reports.run', { report, ...march }).rows).toEqual([]);
      const pages = await pdfPages(c.ok('reports.pack', march).base64);
      expect(pages.join('\n')).toContain('Nothing to report.');
    } finally {
      c.close();
    }
  });
});
