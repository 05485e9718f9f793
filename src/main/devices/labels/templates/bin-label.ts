import { dotSpace, inches, type LabelOptions } from '../label-size';
import { checkCode128, checkText, fitOneLine, placeBarcode, textBlock, type LabelElement } from '../layout';
import { finishLabel, type RenderedLabel } from '../rendered-label';

export interface BinLabelData {
  /** The bin code as the scan pipeline knows it, e.g. `A-01-03`. */
  code: string;
  /** A short line under the code, e.g. the zone or "Small parts". */
  description?: string | undefined;
}

export const BIN_LABEL_DEFAULTS: LabelOptions = { size: inches(4, 2), dpi: 203 };

/** Bin/location label: the code as big text readable from a forklift, and as Code 128. */
export function binLabel(data: BinLabelData, options: Partial<LabelOptions> = {}, copies = 1): RenderedLabel {
  const s = dotSpace({ ...BIN_LABEL_DEFAULTS, ...options });
  const code = checkCode128(data.code.trim(), 'code', 24);
  const description = data.description ? checkText(data.description, 'description', 60, false) : '';
  const margin = s.mm(2);
  const inner = { x: margin, width: s.widthDots - 2 * margin };
  const elements: LabelElement[] = [];

  const bigHeight = fitOneLine(code, inner.width, Math.round(s.heightDots * 0.4), s.mm(5));
  const big = textBlock([code], { ...inner, y: margin }, bigHeight, 'center');
  elements.push(...big.elements);
  let y = big.bottom + s.mm(1);
  if (description) {
    const d = textBlock([description], { ...inner, y }, fitOneLine(description, inner.width, s.mm(4), s.mm(2)), 'center');
    elements.push(...d.elements);
    y = d.bottom + s.mm(1.5);
  }
  // The big text is the human-readable line, so the bars take all the room that is left.
  elements.push(
    placeBarcode(s, { symbology: 'code128', data: code }, { x: inner.x, y, width: inner.width, height: s.heightDots - margin - y }, { maxModuleMm: 0.5, field: 'code' }),
  );
  return finishLabel({ template: 'bin', dpi: s.dpi, widthDots: s.widthDots, heightDots: s.heightDots, elements }, copies);
}
