import { rgb, StandardFonts, type PDFDocument, type PDFFont, type PDFPage } from 'pdf-lib';
import type { KpiResultDto, ReportTable } from '../../../shared/api/reports';
import { createDocumentSync, saveSync, winAnsi } from '../../pdf/sync';
import { cellText, totalsRow } from './cells';

/** A4 landscape: the widest report (the movements journal) has fourteen columns. */
const PAGE: [number, number] = [841.89, 595.28];
const MARGIN = 36;
const WIDTH = PAGE[0] - 2 * MARGIN;
const BOTTOM = MARGIN + 24;
const SIZE = 8;
const LINE = 11;

const NUMERIC = new Set(['int', 'money', 'percent', 'number']);

/** Rows drawn per report: in a single report's PDF, and in the pack (a summary to read, not the full ledger). */
export const PDF_MAX_ROWS = 5000;
export const PACK_MAX_ROWS = 500;

/**
 * Report PDFs (one report, or the pack) drawn with pdf-lib: titles, a table per report paginated with its header
 * repeated on each page, numbers right-aligned, notes wrapped, and "page n of N" on every page. Metadata dates are the
 * given instant, never the clock, so the same input gives the same bytes.
 */
export class ReportPdf {
  private readonly doc: PDFDocument;
  private readonly font: PDFFont;
  private readonly bold: PDFFont;
  private page!: PDFPage;
  private y = 0;
  private readonly footer: string;

  constructor(title: string, stamp: Date) {
    this.doc = createDocumentSync();
    this.doc.setTitle(title);
    this.doc.setProducer('Stockroom');
    this.doc.setCreator('Stockroom');
    this.doc.setCreationDate(stamp);
    this.doc.setModificationDate(stamp);
    this.font = this.doc.embedStandardFont(StandardFonts.Helvetica);
    this.bold = this.doc.embedStandardFont(StandardFonts.HelveticaBold);
    this.footer = title;
  }

  newPage(): void {
    this.page = this.doc.addPage(PAGE);
    this.y = PAGE[1] - MARGIN;
  }

  private width(s: string, size: number, f: PDFFont): number {
    return f.widthOfTextAtSize(winAnsi(s), size);
  }

  /** Cuts a text to a width rather than let it run into the next column. */
  private fit(s: string, width: number, size: number, f: PDFFont): string {
    let t = winAnsi(s);
    if (f.widthOfTextAtSize(t, size) <= width) return t;
    while (t.length > 1 && f.widthOfTextAtSize(`${t}…`, size) > width) t = t.slice(0, -1);
    return `${t}…`;
  }

  text(s: string, x: number, size = SIZE, f: PDFFont = this.font): void {
    this.page.drawText(winAnsi(s), { x, y: this.y, size, font: f, color: rgb(0, 0, 0) });
  }

  right(s: string, xRight: number, size = SIZE, f: PDFFont = this.font): void {
    const t = winAnsi(s);
    this.page.drawText(t, { x: xRight - f.widthOfTextAtSize(t, size), y: this.y, size, font: f, color: rgb(0, 0, 0) });
  }

  /** Moves down; on a new page when the room left is less than needed (then onBreak draws a continuation header). */
  down(h: number, need = 0, onBreak?: () => void): void {
    this.y -= h;
    if (this.y - need < BOTTOM) {
      this.newPage();
      onBreak?.();
    }
  }

  /** A paragraph wrapped to the page width. */
  paragraph(s: string, size = SIZE, f: PDFFont = this.font, indent = 0): void {
    const words = winAnsi(s).split(/\s+/).filter(Boolean);
    let line = '';
    const flush = () => {
      this.text(line, MARGIN + indent, size, f);
      this.down(size + 3, size + 3);
      line = '';
    };
    for (const w of words) {
      const next = line ? `${line} ${w}` : w;
      if (line && f.widthOfTextAtSize(next, size) > WIDTH - indent) flush();
      line = line ? `${line} ${w}` : w;
    }
    if (line) flush();
  }

  heading(title: string, subtitle: string): void {
    this.text(title, MARGIN, 16, this.bold);
    this.down(18);
    this.text(subtitle, MARGIN, 10);
    this.down(20);
  }

  /**
   * A report on new pages: title, subtitle, the table (header repeated after each page break), totals, notes. At most
   * maxRows rows are drawn (a year's movements journal would be a thousand pages and block the core for a minute);
   * the rest is said in a note, the totals still cover every row, and CSV/XLSX carry them all.
   */
  report(t: ReportTable, maxRows = PDF_MAX_ROWS): void {
    this.newPage();
    this.heading(t.title, `${t.subtitle} · amounts in ${t.currency}${t.columns.some((c) => c.type === 'datetime') ? ' · times UTC' : ''}`);
    const cols = this.layout(t);
    const right = cols.length ? cols[cols.length - 1]!.x + cols[cols.length - 1]!.w : MARGIN + WIDTH;
    const header = () => {
      for (const c of cols) {
        const label = this.fit(c.col.label, c.w - 4, SIZE, this.bold);
        if (c.numeric) this.right(label, c.x + c.w - 2, SIZE, this.bold);
        else this.text(label, c.x + 2, SIZE, this.bold);
      }
      this.page.drawLine({ start: { x: MARGIN, y: this.y - 3 }, end: { x: right, y: this.y - 3 }, thickness: 0.5 });
      this.y -= LINE + 2;
    };
    const continued = () => {
      this.text(`${t.title} (continued)`, MARGIN, 10, this.bold);
      this.down(16);
      header();
    };
    header();
    const row = (r: ReportTable['rows'][number], f: PDFFont) => {
      for (const c of cols) {
        const s = this.fit(cellText(c.col, r[c.col.key], t.currency, true), c.w - 4, SIZE, f);
        if (c.numeric) this.right(s, c.x + c.w - 2, SIZE, f);
        else this.text(s, c.x + 2, SIZE, f);
      }
    };
    if (t.rows.length === 0) {
      this.text('Nothing to report.', MARGIN + 2);
      this.down(LINE);
    }
    for (const r of t.rows.slice(0, maxRows)) {
      row(r, this.font);
      this.down(LINE, LINE, continued);
    }
    const cut = t.rows.length - maxRows;
    const totals = totalsRow(t);
    if (totals) {
      this.page.drawLine({ start: { x: MARGIN, y: this.y + LINE - 3 }, end: { x: right, y: this.y + LINE - 3 }, thickness: 0.5 });
      row(totals, this.bold);
      this.down(LINE, LINE, continued);
    }
    this.down(6);
    if (cut > 0) this.paragraph(`Only the first ${maxRows} of ${t.rows.length} rows are shown here (${cut} more): the CSV and XLSX exports of this report hold every row.`, SIZE, this.bold);
    for (const n of t.notes) this.paragraph(n, 7.5);
  }

  /** Column widths from the widest text of each column (first 500 rows), scaled down to the page when too wide. */
  private layout(t: ReportTable): { col: ReportTable['columns'][number]; x: number; w: number; numeric: boolean }[] {
    const sample = [...t.rows.slice(0, 500), ...(totalsRow(t) ? [totalsRow(t)!] : [])];
    const widths = t.columns.map((c) => {
      let w = this.width(c.label, SIZE, this.bold);
      for (const r of sample) w = Math.max(w, this.width(cellText(c, r[c.key], t.currency, true), SIZE, this.font));
      return Math.min(w + 8, NUMERIC.has(c.type) ? 90 : 220);
    });
    const total = widths.reduce((s, w) => s + w, 0);
    const k = total > WIDTH ? WIDTH / total : 1;
    let x = MARGIN;
    return t.columns.map((c, i) => {
      const w = widths[i]! * k;
      const out = { col: c, x, w, numeric: NUMERIC.has(c.type) };
      x += w;
      return out;
    });
  }

  /** KPI summary: each KPI with its value, formula and inputs (money inputs as decimals of the currency). */
  kpis(title: string, subtitle: string, kpis: KpiResultDto[], money: (minor: number) => string): void {
    this.newPage();
    this.heading(title, subtitle);
    for (const k of kpis) {
      const value = k.value === null ? `not computed: ${k.reason ?? 'missing input'}` : `${Math.round(k.value * 100) / 100}${k.unit === 'percent' ? ' %' : k.unit === 'days' ? ' days' : ''}`;
      if (this.y - 40 < BOTTOM) this.newPage();
      this.text(`${k.label}: ${value}`, MARGIN, 10, this.bold);
      this.down(13);
      this.paragraph(`Formula: ${k.formula}`, SIZE, this.font, 12);
      const words = (name: string) => name.replace(/Minor$/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().replace(/\bcogs\b/, 'COGS');
      const inputs = Object.entries(k.inputs).map(([name, v]) => `${words(name)} = ${v === null ? 'unknown' : /Minor$/.test(name) ? money(v) : String(Math.round(v * 100) / 100)}`);
      if (inputs.length) this.paragraph(`Inputs: ${inputs.join('; ')}`, SIZE, this.font, 12);
      this.down(3);
    }
  }

  /** A page of centred title lines (the pack's cover). */
  cover(lines: { text: string; size: number; bold?: boolean }[]): void {
    this.newPage();
    this.y = PAGE[1] * 0.62;
    for (const l of lines) {
      const f = l.bold ? this.bold : this.font;
      this.text(l.text, (PAGE[0] - this.width(l.text, l.size, f)) / 2, l.size, f);
      this.y -= l.size + 12;
    }
  }

  /** Page numbers on every page, then the bytes. */
  finish(): Uint8Array {
    const pages = this.doc.getPages();
    pages.forEach((p, i) => {
      const s = winAnsi(`${this.footer} · page ${i + 1} of ${pages.length}`);
      p.drawText(s, { x: PAGE[0] - MARGIN - this.font.widthOfTextAtSize(s, 7.5), y: MARGIN - 12, size: 7.5, font: this.font, color: rgb(0.3, 0.3, 0.3) });
    });
    return saveSync(this.doc, [this.font, this.bold]);
  }
}

/** One report as a PDF. */
export function tableToPdf(t: ReportTable, stamp: Date): Uint8Array {
  const pdf = new ReportPdf(t.title, stamp);
  pdf.report(t);
  return pdf.finish();
}
