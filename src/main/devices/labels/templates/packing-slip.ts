import { labelFail } from '../label-error';
import { dotSpace, inches, type DotSpace, type LabelOptions } from '../label-size';
import { checkCode128, checkText, fitOneLine, placeBarcode, textBlock, textWidth, wrapText, type LabelElement, type LabelLayout } from '../layout';
import { finishPages, type RenderedLabel } from '../rendered-label';
import type { PostalAddress } from './shipping-label';

export interface PackingSlipLine {
  sku: string;
  name: string;
  /** Units packed in this parcel. */
  quantity: number;
}

export interface PackingSlipData {
  /** Printed above the sender address (or alone when there is no ship-from address). */
  companyName?: string | undefined;
  shipFrom?: PostalAddress | null | undefined;
  shipTo: PostalAddress;
  orderNumber: string;
  /** YYYY-MM-DD. */
  date: string;
  lines: readonly PackingSlipLine[];
  /** Station and/or user who packed the parcel. */
  packedBy?: string | undefined;
}

export const PACKING_SLIP_DEFAULTS: LabelOptions = { size: inches(4, 6), dpi: 203 };

/** More lines than this is not a parcel but a pallet; the SSCC label and a document printer serve that better. */
export const PACKING_SLIP_MAX_LINES = 500;

function addressLines(a: PostalAddress, field: string): string[] {
  const lines = [checkText(a.name, `${field}.name`, 60)];
  if (a.company) lines.push(checkText(a.company, `${field}.company`, 60, false));
  lines.push(checkText(a.line1, `${field}.line1`, 60));
  if (a.line2) lines.push(checkText(a.line2, `${field}.line2`, 60, false));
  const city = checkText(a.city, `${field}.city`, 40);
  const postal = checkText(a.postalCode, `${field}.postalCode`, 12);
  const region = a.region ? ` ${checkText(a.region, `${field}.region`, 30, false)}` : '';
  lines.push(`${city}${region} ${postal}`);
  lines.push(checkText(a.country, `${field}.country`, 40).toUpperCase());
  return lines;
}

interface CheckedLine {
  sku: string;
  name: string;
  quantity: number;
}

function checkLines(lines: readonly PackingSlipLine[]): CheckedLine[] {
  if (!Array.isArray(lines) || lines.length === 0) labelFail('NO_LINES', 'lines', 'A packing slip needs at least one line with a packed quantity');
  if (lines.length > PACKING_SLIP_MAX_LINES) labelFail('NO_LINES', 'lines', `At most ${PACKING_SLIP_MAX_LINES} lines fit on a packing slip, not ${lines.length}`);
  return lines.map((l, i) => {
    if (!Number.isInteger(l.quantity) || l.quantity < 1 || l.quantity > 99_999) {
      labelFail('BAD_QUANTITY', `lines.${i}.quantity`, `Line ${i + 1}: quantity must be a whole number from 1 to 99999, not ${String(l.quantity)}`);
    }
    return { sku: checkText(l.sku, `lines.${i}.sku`, 32), name: checkText(l.name, `lines.${i}.name`, 120), quantity: l.quantity };
  });
}

/** Fixed geometry of one page kind, in dots. */
interface Metrics {
  s: DotSpace;
  W: number;
  H: number;
  m: number;
  rule: number;
  inner: { x: number; width: number };
  small: number;
  title: number;
  info: number;
  rowH: number;
  rowPitch: number;
  barH: number;
}

function metrics(s: DotSpace): Metrics {
  const m = s.mm(3);
  const rowH = s.mm(3.2);
  return {
    s,
    W: s.widthDots,
    H: s.heightDots,
    m,
    rule: Math.max(2, s.mm(0.5)),
    inner: { x: m, width: s.widthDots - 2 * m },
    small: s.mm(2.6),
    title: s.mm(5),
    info: s.mm(3.5),
    rowH,
    rowPitch: rowH + s.mm(1.2),
    barH: s.mm(10),
  };
}

interface Header {
  fromLines: string[];
  toLines: string[];
  orderNumber: string;
  date: string;
}

/**
 * One page: title and page number, the addresses (first page only), order number with its Code 128 and the
 * date, the table head, then `rows`, then either the totals and thank-you (last page) or a continuation note.
 */
class Page {
  readonly elements: LabelElement[] = [];
  y: number;
  constructor(private readonly k: Metrics) {
    this.y = k.m;
  }
  hr(thickness = this.k.rule): void {
    this.elements.push({ kind: 'box', x: 0, y: this.y, width: this.k.W, height: thickness, thickness });
    this.y += thickness;
  }
  gap(mm: number): void {
    this.y += this.k.s.mm(mm);
  }
}

function header(k: Metrics, h: Header, pageText: string, first: boolean): Page {
  const { s, m, inner } = k;
  const p = new Page(k);
  const title = 'PACKING SLIP';
  const pageW = textWidth('PAGE 999/999', k.info);
  const titleW = inner.width - pageW - s.mm(2);
  p.elements.push(
    ...textBlock([title], { x: m, y: p.y, width: titleW }, fitOneLine(title, titleW, k.title, k.small)).elements,
    ...textBlock([pageText], { x: m + inner.width - pageW, y: p.y + k.title - k.info, width: pageW }, k.info, 'right').elements,
  );
  p.y += k.title;
  p.gap(1.5);
  p.hr();
  p.gap(2);
  if (first) {
    const half = Math.floor(inner.width * 0.45);
    const right = { x: m + half + s.mm(2), width: inner.width - half - s.mm(2) };
    let bottom = p.y;
    if (h.fromLines.length) {
      const from = textBlock(['FROM:', ...h.fromLines.map((l) => wrapText(l, half, k.small, 1)[0]!)], { x: m, y: p.y, width: half }, k.small);
      p.elements.push(...from.elements);
      bottom = from.bottom;
    }
    const lineH = s.mm(3);
    const to = textBlock(['SHIP TO:'], { ...right, y: p.y }, k.small);
    const toRest = textBlock(
      h.toLines.flatMap((l) => wrapText(l, right.width, lineH, 2)),
      { ...right, y: to.bottom + s.mm(1) },
      lineH,
    );
    p.elements.push(...to.elements, ...toRest.elements);
    p.y = Math.max(bottom, toRest.bottom);
    p.gap(2);
    p.hr();
    p.gap(2);
  }
  const half = Math.floor(inner.width * 0.6);
  const orderText = `ORDER ${h.orderNumber}`;
  const dateText = `DATE ${h.date}`;
  p.elements.push(
    ...textBlock([orderText], { x: m, y: p.y, width: half }, fitOneLine(orderText, half, k.info, s.mm(2))).elements,
    ...textBlock([dateText], { x: m + half, y: p.y, width: inner.width - half }, fitOneLine(dateText, inner.width - half, k.info, s.mm(2)), 'right').elements,
  );
  p.y += k.info;
  p.gap(1.5);
  const bars = placeBarcode(
    s,
    { symbology: 'code128', data: h.orderNumber },
    { x: inner.x, y: p.y, width: inner.width, height: k.barH },
    { maxModuleMm: 0.5, minModuleMm: 0.25, field: 'orderNumber' },
  );
  p.elements.push(bars);
  p.y += bars.height;
  p.gap(2);
  p.hr();
  p.gap(1.5);
  return p;
}

interface Columns {
  sku: { x: number; width: number };
  name: { x: number; width: number };
  qty: { x: number; width: number };
}

function columns(k: Metrics, lines: CheckedLine[]): Columns {
  const { s, m, inner } = k;
  const gap = s.mm(2);
  const maxQty = Math.max(...lines.map((l) => String(l.quantity).length));
  const qtyW = Math.max(textWidth('QTY', k.small), textWidth('9'.repeat(maxQty), k.rowH));
  const longestSku = Math.max(textWidth('SKU', k.small), ...lines.map((l) => textWidth(l.sku, k.rowH)));
  const skuW = Math.min(longestSku, Math.floor(inner.width * 0.42));
  const nameX = m + skuW + gap;
  const qtyX = m + inner.width - qtyW;
  return { sku: { x: m, width: skuW }, name: { x: nameX, width: qtyX - gap - nameX }, qty: { x: qtyX, width: qtyW } };
}

function tableHead(k: Metrics, p: Page, c: Columns): void {
  p.elements.push(
    ...textBlock(['SKU'], { ...c.sku, y: p.y }, k.small).elements,
    ...textBlock(['ITEM'], { ...c.name, y: p.y }, k.small).elements,
    ...textBlock(['QTY'], { ...c.qty, y: p.y }, k.small, 'right').elements,
  );
  p.y += k.small + k.s.mm(1);
  p.hr(Math.max(1, Math.round(k.rule / 2)));
  p.gap(1.5);
}

function row(k: Metrics, p: Page, c: Columns, l: CheckedLine): void {
  const { s } = k;
  // The SKU is never cut (a packer matches it against the item); it shrinks to fit its column instead.
  const skuH = fitOneLine(l.sku, c.sku.width, k.rowH, s.mm(2));
  p.elements.push(
    ...textBlock([l.sku], { ...c.sku, y: p.y + (k.rowH - skuH) }, skuH).elements,
    ...textBlock(wrapText(l.name, c.name.width, k.rowH, 1), { ...c.name, y: p.y }, k.rowH).elements,
    ...textBlock([String(l.quantity)], { ...c.qty, y: p.y }, k.rowH, 'right').elements,
  );
  p.y += k.rowPitch;
}

function finalFooterHeight(k: Metrics): number {
  const s = k.s;
  return k.rule + s.mm(2) + k.info + s.mm(1.5) + k.small + s.mm(2) + k.info + k.m;
}
function continuedFooterHeight(k: Metrics): number {
  return k.rule + k.s.mm(2) + k.small + k.m;
}

function finalFooter(k: Metrics, p: Page, units: number, packedBy: string): void {
  const { s, m, inner } = k;
  p.y = k.H - finalFooterHeight(k);
  p.hr();
  p.gap(2);
  const total = `TOTAL UNITS ${units}`;
  p.elements.push(...textBlock([total], { x: m, y: p.y, width: inner.width }, fitOneLine(total, inner.width, k.info, s.mm(2)), 'right').elements);
  p.y += k.info;
  p.gap(1.5);
  const packed = packedBy ? `Packed by ${packedBy}` : 'Packed by -';
  p.elements.push(...textBlock(wrapText(packed, inner.width, k.small, 1), { x: m, y: p.y, width: inner.width }, k.small).elements);
  p.y += k.small;
  p.gap(2);
  const thanks = 'Thank you for your order!';
  p.elements.push(...textBlock([thanks], { x: m, y: p.y, width: inner.width }, fitOneLine(thanks, inner.width, k.info, s.mm(2)), 'center').elements);
}

function continuedFooter(k: Metrics, p: Page, next: number, total: number): void {
  p.y = k.H - continuedFooterHeight(k);
  p.hr();
  p.gap(2);
  const text = `CONTINUED ON LABEL ${next}/${total}`;
  p.elements.push(...textBlock([text], { x: k.m, y: p.y, width: k.inner.width }, fitOneLine(text, k.inner.width, k.small, k.s.mm(2)), 'center').elements);
}

/**
 * Packing slip on label stock (4×6 in by default): sender and recipient, the order number as Code 128 and the
 * date, a table of SKU / name / quantity, total units, who packed it and a thank-you. Lines that do not fit one
 * label continue on further labels ("PAGE 1/2", "PAGE 2/2"), each with the order barcode; nothing is dropped.
 */
export function packingSlip(data: PackingSlipData, options: Partial<LabelOptions> = {}, copies = 1): RenderedLabel {
  const s = dotSpace({ ...PACKING_SLIP_DEFAULTS, ...options });
  const k = metrics(s);
  const orderNumber = checkCode128(checkText(data.orderNumber, 'orderNumber', 40), 'orderNumber', 40);
  const date = checkText(data.date, 'date', 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) labelFail('BAD_DATE', 'date', `date must be YYYY-MM-DD, not "${date}"`);
  const lines = checkLines(data.lines);
  const toLines = addressLines(data.shipTo, 'shipTo');
  const company = data.companyName ? checkText(data.companyName, 'companyName', 60, false) : '';
  const fromAddress = data.shipFrom ? addressLines(data.shipFrom, 'shipFrom') : [];
  const fromLines = company && fromAddress[0] !== company ? [company, ...fromAddress] : fromAddress;
  const packedBy = data.packedBy ? checkText(data.packedBy, 'packedBy', 60, false) : '';
  const h: Header = { fromLines, toLines, orderNumber, date };
  const cols = columns(k, lines);

  // How many rows fit below a page's header, above a footer of the given height.
  const capacity = (first: boolean, footer: number): number => {
    const p = header(k, h, 'PAGE 1/1', first);
    tableHead(k, p, cols);
    return Math.max(0, Math.floor((k.H - footer - p.y - s.mm(1)) / k.rowPitch));
  };
  const capFinal = [capacity(true, finalFooterHeight(k)), capacity(false, finalFooterHeight(k))] as const;
  const capCont = [capacity(true, continuedFooterHeight(k)), capacity(false, continuedFooterHeight(k))] as const;
  if (capFinal[1] < 1 || capCont[0] < 1) {
    labelFail('BAD_SIZE', 'size', 'This label is too small for a packing slip; use 4×6 in (or 4×4 in and larger) stock');
  }

  const chunks: CheckedLine[][] = [];
  let rest = lines;
  while (rest.length) {
    const i = chunks.length === 0 ? 0 : 1;
    if (rest.length <= capFinal[i]) {
      chunks.push(rest);
      break;
    }
    // Keep at least one line for the last page, so the totals never stand on a page of their own.
    const take = Math.max(1, Math.min(capCont[i], rest.length - 1));
    chunks.push(rest.slice(0, take));
    rest = rest.slice(take);
  }

  const units = lines.reduce((n, l) => n + l.quantity, 0);
  const pages: LabelLayout[] = chunks.map((chunk, i) => {
    const p = header(k, h, `PAGE ${i + 1}/${chunks.length}`, i === 0);
    tableHead(k, p, cols);
    for (const l of chunk) row(k, p, cols, l);
    if (i === chunks.length - 1) finalFooter(k, p, units, packedBy);
    else continuedFooter(k, p, i + 2, chunks.length);
    return { template: 'packing-slip', dpi: s.dpi, widthDots: k.W, heightDots: k.H, elements: p.elements };
  });
  return finishPages(pages, copies);
}
