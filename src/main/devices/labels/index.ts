export { LabelError, type LabelRule } from './label-error';
export { dotSpace, inches, millimetres, type Dpi, type LabelOptions, type LabelSize } from './label-size';
export { encodeGs1, makeSscc, toGs1Date, validateSscc, type Gs1Ai, type Gs1Element, type Gs1Encoded } from './gs1-element';
export { scanText, type BarcodeElement, type LabelElement, type LabelLayout, type Symbology } from './layout';
export { renderZpl, zplFieldText } from './render-zpl';
export { renderHtml, renderSvg } from './render-svg';
export { finishPages, type RenderedLabel } from './rendered-label';
export { itemLabel, ITEM_LABEL_DEFAULTS, type ItemLabelData } from './templates/item-label';
export { binLabel, BIN_LABEL_DEFAULTS, type BinLabelData } from './templates/bin-label';
export {
  gs1_128Label,
  gs1DataMatrixLabel,
  GS1_128_LABEL_DEFAULTS,
  GS1_DATAMATRIX_LABEL_DEFAULTS,
  type Gs1ProductData,
} from './templates/gs1-labels';
export { shippingLabel, SHIPPING_LABEL_DEFAULTS, type PostalAddress, type ShippingLabelData } from './templates/shipping-label';
export { ssccLabel, SSCC_LABEL_DEFAULTS, type SsccLabelData } from './templates/sscc-label';
export {
  packingSlip,
  PACKING_SLIP_DEFAULTS,
  PACKING_SLIP_MAX_LINES,
  type PackingSlipData,
  type PackingSlipLine,
} from './templates/packing-slip';
