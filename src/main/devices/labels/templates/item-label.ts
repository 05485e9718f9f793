import { checkGtin } from '../../../../shared/gtin';
import { labelFail } from '../label-error';
import { dotSpace, inches, type LabelOptions } from '../label-size';
import { encodeGs1 } from '../gs1-element';
import { checkCode128, checkText, placeBarcode, textBlock, wrapText, type LabelElement } from '../layout';
import { finishLabel, type RenderedLabel } from '../rendered-label';

export interface ItemLabelData {
  sku: string;
  name: string;
  /** GTIN-8/12/13 print as EAN-8/UPC-A/EAN-13; GTIN-14 (a trade unit, not a retail item) as GS1-128 (01). */
  gtin?: string | undefined;
}

export const ITEM_LABEL_DEFAULTS: LabelOptions = { size: inches(2, 1), dpi: 203 };

/** Item/shelf label: name, SKU and the item's barcode (its GTIN, or the SKU as Code 128 when it has none). */
export function itemLabel(data: ItemLabelData, options: Partial<LabelOptions> = {}, copies = 1): RenderedLabel {
  const s = dotSpace({ ...ITEM_LABEL_DEFAULTS, ...options });
  const sku = checkCode128(data.sku.trim(), 'sku', 32);
  const name = checkText(data.name, 'name', 120);
  const margin = s.mm(1.5);
  const inner = { x: margin, width: s.widthDots - 2 * margin };
  const elements: LabelElement[] = [];

  const nameHeight = s.mm(3.2);
  const nameLines = wrapText(name, inner.width, nameHeight, s.heightDots >= s.mm(30) ? 2 : 1);
  const nameBlock = textBlock(nameLines, { ...inner, y: margin }, nameHeight);
  elements.push(...nameBlock.elements);
  let y = nameBlock.bottom + s.mm(0.8);

  const bottom = s.heightDots - margin;
  if (data.gtin) {
    const check = checkGtin(data.gtin);
    if (!check.ok) labelFail('BAD_GTIN', 'gtin', check.message);
    const skuLine = textBlock([`SKU ${sku}`], { ...inner, y }, s.mm(2.6));
    elements.push(...skuLine.elements);
    y = skuLine.bottom + s.mm(1);
    if (check.ok && check.kind !== 'gtin14') {
      const symbology = check.kind === 'gtin13' ? 'ean13' : check.kind === 'gtin12' ? 'upca' : 'ean8';
      // The printer draws the digits under EAN/UPC bars itself; keep room for them.
      const hri = s.mm(3);
      elements.push(
        placeBarcode(s, { symbology, data: data.gtin }, { x: inner.x, y, width: inner.width, height: bottom - y - hri }, { maxModuleMm: 0.33, field: 'gtin' }),
      );
    } else {
      elements.push(...gs1WithText(s, encodeGs1([{ ai: '01', value: data.gtin }]), inner, y, bottom));
    }
  } else {
    const hriHeight = s.mm(2.6);
    const bars = placeBarcode(
      s,
      { symbology: 'code128', data: sku },
      { x: inner.x, y, width: inner.width, height: bottom - y - hriHeight - s.mm(0.5) },
      { maxModuleMm: 0.33, field: 'sku' },
    );
    elements.push(bars, ...textBlock([sku], { ...inner, y: bottom - hriHeight }, hriHeight, 'center').elements);
  }
  return finishLabel({ template: 'item', dpi: s.dpi, widthDots: s.widthDots, heightDots: s.heightDots, elements }, copies);
}

function gs1WithText(
  s: ReturnType<typeof dotSpace>,
  gs1: ReturnType<typeof encodeGs1>,
  inner: { x: number; width: number },
  y: number,
  bottom: number,
): LabelElement[] {
  const hriHeight = s.mm(2.6);
  const bars = placeBarcode(
    s,
    { symbology: 'gs1-128', gs1 },
    { x: inner.x, y, width: inner.width, height: bottom - y - hriHeight - s.mm(0.5) },
    { maxModuleMm: 0.5, minModuleMm: 0.25, field: 'gtin' },
  );
  return [bars, ...textBlock([gs1.hri], { ...inner, y: bottom - hriHeight }, hriHeight, 'center').elements];
}
