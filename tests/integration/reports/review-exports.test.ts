import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterEach, describe, expect, it } from 'vitest';
import { makeCore, seedBasic, type TestCore } from '../../helpers/core';
import { pdfText } from '../../helpers/pdf-text';

let c: TestCore;
afterEach(() => c?.close());

const NAMES = ['Crème brûlée', 'Grüner Tee, "extra"', '日本茶 🍵'];

describe('review: exports of non-ASCII names and empty periods', () => {
  it('CSV and XLSX keep é, ü, CJK and emoji exactly; the PDF substitutes what Helvetica cannot draw', async () => {
    c = makeCore();
    const b = seedBasic(c);
    c.clock.t = new Date('2026-03-02T10:00:00.000Z');
    NAMES.forEach((name, n) => {
      const it = c.ok('catalog.create', { sku: `X-${n}`, name, costMinor: 100, priceMinor: 200 });
      c.ok('stock.receive', { itemId: it.id, locationId: b.a1.id, quantity: 1, unitCostMinor: 333 });
    });
    c.clock.t = new Date('2026-04-02T10:00:00.000Z');
    const p = { report: 'movements_journal' as const, from: '2026-03-01', to: '2026-03-31' };
    const csv = Papa.parse<Record<string, string>>(Buffer.from(c.ok('reports.export', { ...p, format: 'csv' }).base64, 'base64').toString('utf8'), { header: true, skipEmptyLines: true });
    expect(csv.errors).toEqual([]);
    expect(csv.data.map((r) => r['Item'])).toEqual(NAMES);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(c.ok('reports.export', { ...p, format: 'xlsx' }).base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const names: string[] = [];
    ws.eachRow((row) => row.eachCell((cell) => NAMES.includes(String(cell.value)) && names.push(String(cell.value))));
    expect(names).toEqual(NAMES);
    const text = (await pdfText(c.ok('reports.export', { ...p, format: 'pdf' }).base64)).join('\n');
    expect(text).toContain('Crème brûlée');
    expect(text).toContain('Grüner Tee');
    expect(text).not.toContain('日本');
  });

  it('an empty period exports a header-only CSV, a sheet without data rows and a PDF saying so', async () => {
    c = makeCore();
    seedBasic(c);
    const p = { report: 'cogs' as const, from: '2025-01-01', to: '2025-01-31' };
    const csv = Buffer.from(c.ok('reports.export', { ...p, format: 'csv' }).base64, 'base64').toString('utf8');
    const rows = Papa.parse<string[]>(csv, { skipEmptyLines: true }).data;
    expect(rows[0]!.length).toBeGreaterThan(1);
    expect(rows.slice(1).every((r) => r[0] === 'Total')).toBe(true);
    const text = (await pdfText(c.ok('reports.export', { ...p, format: 'pdf' }).base64)).join('\n');
    expect(text).toContain('Nothing to report.');
    expect(c.ok('reports.valuation', { asOf: '2025-01-01' }).valueMinor).toBe(0);
  });
});
