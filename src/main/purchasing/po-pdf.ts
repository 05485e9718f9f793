import { StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { Output, PurchaseOrder } from '../../shared/api';
import { formatMoney } from '../../shared/money';
import type { LedgerEnv } from '../ledger/env';
import { getPo } from './orders';
import { supplierRow } from './suppliers';
import { createDocumentSync, saveSync, winAnsi } from '../pdf/sync';

/**
 * The PO as a PDF a supplier can act on, drawn with pdf-lib and written synchronously (../pdf/sync.ts says why).
 */
export function poPdf(env: LedgerEnv, id: number): Output<'purchasing.pdf'> {
  const po = getPo(env, id);
  const bytes = renderPoPdf(env, po);
  return { filename: `${po.number}.pdf`, contentType: 'application/pdf', base64: Buffer.from(bytes).toString('base64') };
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 48;

function renderPoPdf(env: LedgerEnv, po: PurchaseOrder): Uint8Array {
  const supplier = supplierRow(env.sql, po.supplierId);
  const company = env.settings.get().companyName;
  const warehouse = env.sql.raw.prepare('SELECT name, code FROM warehouses WHERE id = ?').get(po.warehouseId) as { name: string; code: string };
  const money = (m: number) => winAnsi(formatMoney(m, po.currency, 'en-GB'));
  const date = (po.sentAt ?? env.clock.now().toISOString()).slice(0, 10);

  const doc = createDocumentSync();
  doc.setTitle(`Purchase order ${po.number}`);
  doc.setProducer('Stockroom');
  doc.setCreator('Stockroom');
  doc.setCreationDate(new Date(po.sentAt ?? po.createdAt));
  doc.setModificationDate(new Date(po.updatedAt));
  const font = doc.embedStandardFont(StandardFonts.Helvetica);
  const bold = doc.embedStandardFont(StandardFonts.HelveticaBold);

  let page: PDFPage = doc.addPage(A4);
  let y = A4[1] - MARGIN;
  const text = (s: string, x: number, size = 10, f: PDFFont = font) => page.drawText(winAnsi(s), { x, y, size, font: f, color: rgb(0, 0, 0) });
  const right = (s: string, xRight: number, size = 10, f: PDFFont = font) => {
    const t = winAnsi(s);
    page.drawText(t, { x: xRight - f.widthOfTextAtSize(t, size), y, size, font: f });
  };
  const fit = (s: string, width: number, size = 9) => {
    let t = winAnsi(s);
    // Long names are cut to the column rather than overrun the next one.
    while (t.length > 1 && font.widthOfTextAtSize(t, size) > width) t = t.slice(0, -1);
    return t;
  };

  text(company, MARGIN, 16, bold);
  right('PURCHASE ORDER', A4[0] - MARGIN, 16, bold);
  y -= 22;
  right(po.number, A4[0] - MARGIN, 12, bold);
  y -= 16;
  right(`Date: ${date}`, A4[0] - MARGIN);
  y -= 14;
  if (po.expectedDate) right(`Expected delivery: ${po.expectedDate}`, A4[0] - MARGIN);
  y -= 24;

  const blockTop = y;
  text('Supplier', MARGIN, 10, bold);
  y -= 14;
  for (const l of [supplier.name, ...supplier.address.split(/\r?\n/).filter(Boolean), supplier.email ?? '', supplier.phone ?? ''].filter(Boolean)) {
    text(l, MARGIN);
    y -= 13;
  }
  const supplierBottom = y;
  y = blockTop;
  text('Deliver to', 320, 10, bold);
  y -= 14;
  text(company, 320);
  y -= 13;
  text(`${warehouse.name} (${warehouse.code})`, 320);
  y = Math.min(supplierBottom, y - 13) - 16;

  // Columns: SKU, supplier SKU, description, qty, unit cost, line total.
  const cols = { sku: MARGIN, ssku: MARGIN + 80, desc: MARGIN + 165, qtyR: MARGIN + 355, unitR: MARGIN + 430, totalR: A4[0] - MARGIN };
  const header = () => {
    text('SKU', cols.sku, 9, bold);
    text('Supplier SKU', cols.ssku, 9, bold);
    text('Description', cols.desc, 9, bold);
    right('Qty', cols.qtyR, 9, bold);
    right('Unit cost', cols.unitR, 9, bold);
    right('Line total', cols.totalR, 9, bold);
    y -= 4;
    page.drawLine({ start: { x: MARGIN, y }, end: { x: A4[0] - MARGIN, y }, thickness: 0.5 });
    y -= 12;
  };
  header();
  for (const l of po.lines) {
    if (y < MARGIN + 90) {
      page = doc.addPage(A4);
      y = A4[1] - MARGIN;
      text(`${po.number} (continued)`, MARGIN, 10, bold);
      y -= 20;
      header();
    }
    text(fit(l.sku, 76), cols.sku, 9);
    text(fit(l.supplierSku ?? '', 80), cols.ssku, 9);
    text(fit(l.name, 150), cols.desc, 9);
    right(String(l.quantity), cols.qtyR, 9);
    right(money(l.unitCostMinor), cols.unitR, 9);
    right(money(l.lineTotalMinor), cols.totalR, 9);
    y -= 13;
  }
  page.drawLine({ start: { x: MARGIN, y: y + 8 }, end: { x: A4[0] - MARGIN, y: y + 8 }, thickness: 0.5 });
  y -= 6;
  right(`Total (${po.currency})`, cols.unitR, 10, bold);
  right(money(po.totalMinor), cols.totalR, 10, bold);
  y -= 28;
  text(`Payment terms: net ${supplier.payment_terms_days} days`, MARGIN);
  y -= 13;
  if (po.expectedDate) {
    text(`Please deliver by ${po.expectedDate}.`, MARGIN);
    y -= 13;
  }
  text(`Quote ${po.number} on the delivery note and the invoice.`, MARGIN);
  y -= 13;
  for (const line of po.notes.split(/\r?\n/).filter(Boolean)) {
    text(line, MARGIN);
    y -= 13;
  }

  return saveSync(doc, [font, bold]);
}
