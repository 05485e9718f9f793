import {
  CharCodes,
  PDFCrossRefSection,
  PDFDocument,
  PDFHeader,
  PDFTrailer,
  PDFTrailerDict,
  StandardFonts,
  rgb,
  PDFCatalog,
  PDFContext,
  PDFPageTree,
  type PDFFont,
  type PDFPage,
} from 'pdf-lib';
import type { Output, PurchaseOrder } from '../../shared/api';
import { formatMoney } from '../../shared/money';
import type { LedgerEnv } from '../ledger/env';
import { getPo } from './orders';
import { supplierRow } from './suppliers';

/**
 * The PO as a PDF a supplier can act on. pdf-lib (a maintained, dependency-light, pure-JS library) draws it; its own
 * create/save are async, but the core answers every call synchronously (one SQLite transaction, no interleaving), so
 * the document is created and serialized here with pdf-lib's synchronous building blocks (standard fonts need no
 * async embedding; the writer below lays out the same header, objects, xref and trailer as pdf-lib's PDFWriter).
 */
export function poPdf(env: LedgerEnv, id: number): Output<'purchasing.pdf'> {
  const po = getPo(env, id);
  const bytes = renderPoPdf(env, po);
  return { filename: `${po.number}.pdf`, contentType: 'application/pdf', base64: Buffer.from(bytes).toString('base64') };
}

/** Standard fonts encode WinAnsi only: anything else would throw, so it is replaced rather than lose the whole PO. */
const winAnsi = (s: string): string =>
  s
    .normalize('NFC')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[^\x20-\x7e\u00a0-\u00ff\u20ac\u2013\u2014\u2022]/g, '?');

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

  // A standard font's embed() writes its font dictionary before its first await, i.e. synchronously.
  for (const f of [font, bold]) {
    void f.embed();
    if (!doc.context.lookup(f.ref)) throw new Error(`font ${f.name} was not written synchronously`);
  }
  return serializeSync(doc.context);
}

/**
 * PDFDocument.create() without the promise: the same synchronous steps (a context, a page tree, a catalog). The
 * constructor is private in the typings only; create() itself calls it exactly like this.
 */
function createDocumentSync(): PDFDocument {
  const Doc = PDFDocument as unknown as { new (context: PDFContext, ignoreEncryption: boolean, updateMetadata: boolean): PDFDocument };
  const context = PDFContext.create();
  const pageTreeRef = context.register(PDFPageTree.withContext(context));
  context.trailerInfo.Root = context.register(PDFCatalog.withContextAndPages(context, pageTreeRef));
  return new Doc(context, false, true);
}

/** Header, every indirect object, the cross-reference table and the trailer, as pdf-lib's PDFWriter lays them out. */
function serializeSync(context: PDFContext): Uint8Array {
  const header = PDFHeader.forVersion(1, 7);
  const xref = PDFCrossRefSection.create();
  const objects = context.enumerateIndirectObjects();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const push = (b: Uint8Array) => {
    chunks.push(b);
    size += b.length;
  };
  const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
  const bytesOf = (o: { sizeInBytes(): number; copyBytesInto(buf: Uint8Array, offset: number): number }) => {
    const b = new Uint8Array(o.sizeInBytes());
    o.copyBytesInto(b, 0);
    return b;
  };
  push(bytesOf(header));
  push(Uint8Array.of(CharCodes.Newline, CharCodes.Newline));
  for (const [ref, obj] of objects) {
    xref.addEntry(ref, size);
    push(ascii(`${ref.objectNumber} ${ref.generationNumber} obj\n`));
    push(bytesOf(obj));
    push(ascii('\nendobj\n\n'));
  }
  const xrefOffset = size;
  push(bytesOf(xref));
  push(Uint8Array.of(CharCodes.Newline));
  const trailerDict = PDFTrailerDict.of(
    context.obj({ Size: context.largestObjectNumber + 1, Root: context.trailerInfo.Root, Info: context.trailerInfo.Info, ID: context.trailerInfo.ID }),
  );
  push(bytesOf(trailerDict));
  push(Uint8Array.of(CharCodes.Newline, CharCodes.Newline));
  push(bytesOf(PDFTrailer.forLastCrossRefSectionOffset(xrefOffset)));
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
