import { labelFail } from '../label-error';
import { dotSpace, inches, type LabelOptions } from '../label-size';
import { checkCode128, checkText, fitOneLine, placeBarcode, textBlock, wrapText, type LabelElement } from '../layout';
import { finishLabel, type RenderedLabel } from '../rendered-label';

export interface PostalAddress {
  name: string;
  company?: string | undefined;
  line1: string;
  line2?: string | undefined;
  city: string;
  region?: string | undefined;
  postalCode: string;
  /** ISO 3166 alpha-2 or a country name, printed as given. */
  country: string;
}

export interface ShippingLabelData {
  shipFrom?: PostalAddress | undefined;
  shipTo: PostalAddress;
  orderNumber: string;
  carrier: string;
  service: string;
  trackingNumber: string;
  weight: { value: number; unit: 'kg' | 'g' | 'lb' | 'oz' };
}

export const SHIPPING_LABEL_DEFAULTS: LabelOptions = { size: inches(4, 6), dpi: 203 };

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

function formatWeight(w: ShippingLabelData['weight']): string {
  if (!Number.isFinite(w.value) || w.value <= 0 || w.value > 100_000) labelFail('BAD_WEIGHT', 'weight', 'Weight must be a positive number');
  const decimals = w.unit === 'kg' || w.unit === 'lb' ? 2 : 0;
  return `${w.value.toFixed(decimals)} ${w.unit.toUpperCase()}`;
}

/** 4×6 in shipping label: sender, recipient, carrier/service, order, weight, tracking number as Code 128. */
export function shippingLabel(data: ShippingLabelData, options: Partial<LabelOptions> = {}, copies = 1): RenderedLabel {
  const s = dotSpace({ ...SHIPPING_LABEL_DEFAULTS, ...options });
  const tracking = checkCode128(data.trackingNumber.replace(/\s+/g, ''), 'trackingNumber', 40);
  const orderNumber = checkText(data.orderNumber, 'orderNumber', 40);
  const carrier = checkText(data.carrier, 'carrier', 30).toUpperCase();
  const service = checkText(data.service, 'service', 40).toUpperCase();
  const weight = formatWeight(data.weight);
  const toLines = addressLines(data.shipTo, 'shipTo');
  const fromLines = data.shipFrom ? addressLines(data.shipFrom, 'shipFrom') : [];

  const W = s.widthDots;
  const H = s.heightDots;
  const m = s.mm(3);
  const rule = s.mm(0.6);
  const inner = { x: m, width: W - 2 * m };
  const elements: LabelElement[] = [];
  const hr = (y: number): void => {
    elements.push({ kind: 'box', x: 0, y, width: W, height: rule, thickness: rule });
  };

  // Band 1: sender (left) and carrier/service (right).
  const bandTop = m;
  const half = Math.floor(inner.width * 0.55);
  const small = s.mm(2.6);
  let bandBottom = bandTop;
  if (fromLines.length) {
    const from = textBlock(['FROM:', ...fromLines.map((l) => wrapText(l, half, small, 1)[0]!)], { x: m, y: bandTop, width: half }, small);
    elements.push(...from.elements);
    bandBottom = from.bottom;
  }
  const right = { x: m + half + s.mm(2), width: inner.width - half - s.mm(2) };
  const carrierBlock = textBlock([carrier], { ...right, y: bandTop }, fitOneLine(carrier, right.width, s.mm(9), s.mm(4)), 'right');
  const serviceBlock = textBlock([service], { ...right, y: carrierBlock.bottom + s.mm(1.5) }, fitOneLine(service, right.width, s.mm(5), s.mm(2.5)), 'right');
  elements.push(...carrierBlock.elements, ...serviceBlock.elements);
  let y = Math.max(bandBottom, serviceBlock.bottom) + s.mm(2.5);
  hr(y);
  y += rule + s.mm(3);

  // Band 2: recipient, the largest text on the label.
  elements.push(...textBlock(['SHIP TO:'], { ...inner, y }, small).elements);
  y += small + s.mm(1.5);
  const [toName, ...toRest] = toLines;
  const nameBlock = textBlock(wrapText(toName!, inner.width - s.mm(6), s.mm(6), 2), { x: m + s.mm(6), y, width: inner.width - s.mm(6) }, s.mm(6));
  elements.push(...nameBlock.elements);
  y = nameBlock.bottom + s.mm(1.5);
  const lineH = s.mm(4.5);
  const rest = textBlock(toRest.flatMap((l) => wrapText(l, inner.width - s.mm(6), lineH, 2)), { x: m + s.mm(6), y, width: inner.width - s.mm(6) }, lineH);
  elements.push(...rest.elements);
  y = Math.max(rest.bottom + s.mm(3), Math.round(H * 0.45));
  hr(y);
  y += rule + s.mm(2.5);

  // Band 3: order and weight.
  const infoH = s.mm(3.5);
  elements.push(
    ...textBlock([`ORDER ${orderNumber}`], { x: m, y, width: half }, fitOneLine(`ORDER ${orderNumber}`, half, infoH, s.mm(2))).elements,
    ...textBlock([`WEIGHT ${weight}`], { ...right, y }, infoH, 'right').elements,
  );
  y += infoH + s.mm(2.5);
  hr(y);
  y += rule + s.mm(3);

  // Band 4: tracking barcode with its number underneath.
  elements.push(...textBlock(['TRACKING #'], { ...inner, y }, small).elements);
  y += small + s.mm(2);
  const hriH = s.mm(4);
  const barBottom = H - m - hriH - s.mm(1.5);
  const bars = placeBarcode(
    s,
    { symbology: 'code128', data: tracking },
    { x: inner.x, y, width: inner.width, height: Math.min(s.mm(30), barBottom - y) },
    { maxModuleMm: 0.5, minModuleMm: 0.25, field: 'trackingNumber' },
  );
  elements.push(bars);
  elements.push(...textBlock([tracking], { ...inner, y: bars.y + bars.height + s.mm(1.5) }, fitOneLine(tracking, inner.width, hriH, s.mm(2.5)), 'center').elements);
  return finishLabel({ template: 'shipping', dpi: s.dpi, widthDots: W, heightDots: H, elements }, copies);
}
