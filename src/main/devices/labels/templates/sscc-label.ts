import { encodeGs1, makeSscc } from '../gs1-element';
import { labelFail } from '../label-error';
import { dotSpace, inches, type LabelOptions } from '../label-size';
import { checkText, fitOneLine, placeBarcode, textBlock, wrapText, type LabelElement } from '../layout';
import { finishLabel, type RenderedLabel } from '../rendered-label';

export type SsccLabelData = {
  /** Sender and recipient, a few short lines each. */
  from?: string[] | undefined;
  to?: string[] | undefined;
  /** Free text about the contents, e.g. "48 × Widget 500g, lot LOT42". */
  contents?: string | undefined;
} & (
  | { sscc: string; ssccParts?: undefined }
  /** Build the SSCC here and compute its check digit. */
  | { sscc?: undefined; ssccParts: { extensionDigit: number; companyPrefix: string; serialReference: string | number } }
);

export const SSCC_LABEL_DEFAULTS: LabelOptions = { size: inches(4, 6), dpi: 203 };

/** Groups the SSCC the way GS1 logistic labels print it: extension, prefix+serial, check digit. */
const spaced = (sscc: string): string => `${sscc[0]} ${sscc.slice(1, 17)} ${sscc[17]}`;

/** GS1 logistic (pallet) label: SSCC as big text and as GS1-128 (00). */
export function ssccLabel(data: SsccLabelData, options: Partial<LabelOptions> = {}, copies = 1): RenderedLabel {
  const s = dotSpace({ ...SSCC_LABEL_DEFAULTS, ...options });
  const raw = data.sscc ?? (data.ssccParts ? makeSscc(data.ssccParts) : labelFail('BAD_SSCC', 'sscc', 'An SSCC or its parts are required'));
  const gs1 = encodeGs1([{ ai: '00', value: raw }]);
  const sscc = gs1.elements[0]!.value;
  const W = s.widthDots;
  const H = s.heightDots;
  const m = s.mm(3);
  const rule = s.mm(0.6);
  const inner = { x: m, width: W - 2 * m };
  const elements: LabelElement[] = [];
  const small = s.mm(3);
  const half = Math.floor((inner.width - s.mm(3)) / 2);
  let y = m;

  const partyBlock = (title: string, lines: string[] | undefined, x: number, field: string): number => {
    if (!lines?.length) return y;
    const clean = lines.slice(0, 5).map((l, i) => checkText(l, `${field}[${i}]`, 60));
    const b = textBlock([title, ...clean.map((l) => wrapText(l, half, small, 1)[0]!)], { x, y, width: half }, small);
    elements.push(...b.elements);
    return b.bottom;
  };
  const bottom = Math.max(partyBlock('FROM', data.from, m, 'from'), partyBlock('TO', data.to, m + half + s.mm(3), 'to'));
  if (bottom > y) {
    y = bottom + s.mm(3);
    elements.push({ kind: 'box', x: 0, y, width: W, height: rule, thickness: rule });
    y += rule + s.mm(3);
  }
  if (data.contents) {
    const contents = checkText(data.contents, 'contents', 120);
    const b = textBlock(wrapText(`CONTENT: ${contents}`, inner.width, s.mm(4), 3), { ...inner, y }, s.mm(4));
    elements.push(...b.elements);
    y = b.bottom + s.mm(3);
    elements.push({ kind: 'box', x: 0, y, width: W, height: rule, thickness: rule });
    y += rule + s.mm(3);
  }
  elements.push(...textBlock(['SSCC'], { ...inner, y }, small).elements);
  y += small + s.mm(1);
  const big = fitOneLine(spaced(sscc), inner.width, s.mm(9), s.mm(4));
  elements.push(...textBlock([spaced(sscc)], { ...inner, y }, big).elements);

  // GS1 logistic labels: bars at least 32 mm high, X between 0.495 and 1.016 mm where the label allows.
  const hriH = s.mm(4);
  const barHeight = Math.min(s.mm(32), H - m - hriH - s.mm(2) - (y + big + s.mm(4)));
  const barTop = H - m - hriH - s.mm(2) - barHeight;
  const bars = placeBarcode(s, { symbology: 'gs1-128', gs1 }, { x: inner.x, y: barTop, width: inner.width, height: barHeight }, { maxModuleMm: 0.5, minModuleMm: 0.25, field: 'sscc' });
  elements.push({ kind: 'box', x: 0, y: barTop - s.mm(4), width: W, height: rule, thickness: rule });
  elements.push(bars, ...textBlock([gs1.hri], { ...inner, y: H - m - hriH }, hriH, 'center').elements);
  return finishLabel({ template: 'sscc', dpi: s.dpi, widthDots: W, heightDots: H, elements }, copies);
}
