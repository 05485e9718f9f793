import { encodeGs1, gs1AiTitle, type Gs1Element, type Gs1Encoded } from '../gs1-element';
import { LabelError } from '../label-error';
import { dotSpace, inches, type DotSpace, type LabelOptions } from '../label-size';
import { checkText, fitOneLine, placeBarcode, textBlock, wrapText, type LabelElement } from '../layout';
import { finishLabel, type RenderedLabel } from '../rendered-label';

export interface Gs1ProductData {
  gtin: string;
  /** AI 10, up to 20 characters of GS1 CSET 82. */
  lot?: string | undefined;
  /** AI 17, YYMMDD or YYYY-MM-DD (DD `00` = end of month). */
  expiry?: string | undefined;
  /** AI 21, optional. */
  serial?: string | undefined;
  name?: string | undefined;
}

export const GS1_128_LABEL_DEFAULTS: LabelOptions = { size: inches(4, 3), dpi: 203 };
export const GS1_DATAMATRIX_LABEL_DEFAULTS: LabelOptions = { size: inches(2, 1), dpi: 203 };

function productElements(data: Gs1ProductData): Gs1Element[] {
  const out: Gs1Element[] = [{ ai: '01', value: data.gtin }];
  if (data.expiry !== undefined && data.expiry !== '') out.push({ ai: '17', value: data.expiry });
  if (data.lot !== undefined && data.lot !== '') out.push({ ai: '10', value: data.lot });
  if (data.serial !== undefined && data.serial !== '') out.push({ ai: '21', value: data.serial });
  return out;
}

/** `(17) 271231` shown as a date people read: 31.12.2027 would be locale-bound, ISO is not. */
function readable(e: Gs1Element): string {
  if (e.ai === '17') {
    const day = e.value.slice(4, 6);
    return `20${e.value.slice(0, 2)}-${e.value.slice(2, 4)}${day === '00' ? '' : `-${day}`}`;
  }
  return e.value;
}

/**
 * Product label with GS1-128: GTIN, expiry, lot (and serial). When one symbol would need modules too
 * narrow to scan, the element string is split over two symbols (predefined-length AIs, then the rest),
 * as GS1 logistic labels do.
 */
export function gs1_128Label(data: Gs1ProductData, options: Partial<LabelOptions> = {}, copies = 1): RenderedLabel {
  const s = dotSpace({ ...GS1_128_LABEL_DEFAULTS, ...options });
  const gs1 = encodeGs1(productElements(data));
  const margin = s.mm(2);
  const inner = { x: margin, width: s.widthDots - 2 * margin };
  const elements: LabelElement[] = [];
  let y = margin;
  if (data.name) {
    const name = checkText(data.name, 'name', 120);
    const block = textBlock(wrapText(name, inner.width, s.mm(4), 2), { ...inner, y }, s.mm(4));
    elements.push(...block.elements);
    y = block.bottom + s.mm(1.5);
  }
  const lineHeight = s.mm(3);
  const lines = gs1.elements.map((e) => `${gs1AiTitle(e.ai).toUpperCase()} (${e.ai}) ${readable(e)}`);
  const block = textBlock(lines, { ...inner, y }, lineHeight);
  elements.push(...block.elements);
  y = block.bottom + s.mm(1.5);
  elements.push({ kind: 'box', x: margin, y, width: inner.width, height: s.mm(0.5), thickness: s.mm(0.5) });
  y += s.mm(2);

  const bottom = s.heightDots - margin;
  const groups = fitGroups(s, gs1, inner.width);
  const each = Math.floor((bottom - y) / groups.length);
  groups.forEach((g, i) => elements.push(...gs1_128WithText(s, g, { ...inner, y: y + i * each }, each - s.mm(1))));
  return finishLabel({ template: 'gs1-128', dpi: s.dpi, widthDots: s.widthDots, heightDots: s.heightDots, elements }, copies);
}

function fitGroups(s: DotSpace, gs1: Gs1Encoded, width: number): Gs1Encoded[] {
  const probe = { x: 0, y: 0, width, height: s.mm(10) };
  try {
    placeBarcode(s, { symbology: 'gs1-128', gs1 }, probe, { maxModuleMm: 0.5, minModuleMm: 0.25, field: 'gtin' });
    return [gs1];
  } catch (e) {
    if (!(e instanceof LabelError) || e.rule !== 'BARCODE_DOES_NOT_FIT' || gs1.elements.length < 2) throw e;
  }
  const fixed = gs1.elements.filter((e) => e.ai === '00' || e.ai === '01' || e.ai === '17');
  const variable = gs1.elements.filter((e) => !fixed.includes(e));
  return [encodeGs1(fixed), encodeGs1(variable)];
}

function gs1_128WithText(s: DotSpace, gs1: Gs1Encoded, box: { x: number; y: number; width: number }, height: number): LabelElement[] {
  const hriHeight = fitOneLine(gs1.hri, box.width, s.mm(3), s.mm(2));
  const bars = placeBarcode(
    s,
    { symbology: 'gs1-128', gs1 },
    { x: box.x, y: box.y, width: box.width, height: height - hriHeight - s.mm(0.8) },
    { maxModuleMm: 0.5, minModuleMm: 0.25, field: 'gtin' },
  );
  return [bars, ...textBlock([gs1.hri], { x: box.x, width: box.width, y: box.y + height - hriHeight }, hriHeight, 'center').elements];
}

/** Small product label with a GS1 DataMatrix (GTIN, expiry, lot) and the element string in text beside it. */
export function gs1DataMatrixLabel(data: Gs1ProductData, options: Partial<LabelOptions> = {}, copies = 1): RenderedLabel {
  const s = dotSpace({ ...GS1_DATAMATRIX_LABEL_DEFAULTS, ...options });
  const gs1 = encodeGs1(productElements(data));
  const margin = s.mm(1.5);
  const side = s.heightDots - 2 * margin;
  const matrix = placeBarcode(
    s,
    { symbology: 'gs1-datamatrix', gs1 },
    { x: margin, y: margin, width: side, height: side },
    { maxModuleMm: 0.6, minModuleMm: 0.25, field: 'gtin', align: 'left' },
  );
  const elements: LabelElement[] = [matrix];
  const textX = matrix.x + matrix.width + s.mm(2.5);
  const text = { x: textX, width: s.widthDots - margin - textX };
  const lines = gs1.elements.map((e) => `(${e.ai}) ${e.value}`);
  const longest = lines.reduce((a, b) => (b.length > a.length ? b : a), '');
  const lineHeight = fitOneLine(longest, text.width, s.mm(3), s.mm(1.8));
  let y = margin;
  if (data.name) {
    const name = checkText(data.name, 'name', 120);
    const block = textBlock(wrapText(name, text.width, lineHeight, 2), { ...text, y }, lineHeight);
    elements.push(...block.elements);
    y = block.bottom + s.mm(1);
  }
  elements.push(...textBlock(lines, { ...text, y }, lineHeight).elements);
  return finishLabel({ template: 'gs1-datamatrix', dpi: s.dpi, widthDots: s.widthDots, heightDots: s.heightDots, elements }, copies);
}
