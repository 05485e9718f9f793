import type { z } from 'zod';
import {
  LABEL_SIZE_PRESETS,
  labelDataSchemas,
  type LabelSizeInput,
  type LabelTemplate,
  type PrinterConfig,
  type labelTemplateInfo,
} from '../../../shared/api/devices';
import { DomainError } from '../../../shared/errors';
import {
  BIN_LABEL_DEFAULTS,
  GS1_128_LABEL_DEFAULTS,
  GS1_DATAMATRIX_LABEL_DEFAULTS,
  ITEM_LABEL_DEFAULTS,
  LabelError,
  PACKING_SLIP_DEFAULTS,
  SHIPPING_LABEL_DEFAULTS,
  SSCC_LABEL_DEFAULTS,
  binLabel,
  gs1_128Label,
  gs1DataMatrixLabel,
  itemLabel,
  millimetres,
  packingSlip,
  shippingLabel,
  ssccLabel,
  type Dpi,
  type LabelOptions,
  type LabelSize,
  type RenderedLabel,
} from '../labels';

type TemplateInfo = z.infer<typeof labelTemplateInfo>;
type Data<T extends LabelTemplate> = z.output<(typeof labelDataSchemas)[T]>;

interface TemplateDef<T extends LabelTemplate> {
  info: Omit<TemplateInfo, 'id' | 'defaultSize'>;
  defaults: LabelOptions;
  render(data: Data<T>, options: Partial<LabelOptions>, copies: number): RenderedLabel;
}

const TEMPLATES: { [T in LabelTemplate]: TemplateDef<T> } = {
  item: {
    info: {
      title: 'Item label',
      description: 'Name, SKU and the item barcode (its GTIN, or the SKU as Code 128).',
      fields: [
        { name: 'sku', label: 'SKU', type: 'text', required: true },
        { name: 'name', label: 'Name', type: 'text', required: true },
        { name: 'gtin', label: 'GTIN', type: 'gtin', required: false },
      ],
    },
    defaults: ITEM_LABEL_DEFAULTS,
    render: (d, o, c) => itemLabel(d, o, c),
  },
  bin: {
    info: {
      title: 'Bin label',
      description: 'The bin code in large text and as Code 128, as the scan pipeline reads it.',
      fields: [
        { name: 'code', label: 'Bin code', type: 'text', required: true },
        { name: 'description', label: 'Description', type: 'text', required: false },
      ],
    },
    defaults: BIN_LABEL_DEFAULTS,
    render: (d, o, c) => binLabel(d, o, c),
  },
  'gs1-128': {
    info: {
      title: 'GS1-128 product label',
      description: 'GTIN, expiry, lot and serial as GS1-128 with the human-readable lines.',
      fields: gs1Fields(),
    },
    defaults: GS1_128_LABEL_DEFAULTS,
    render: (d, o, c) => gs1_128Label(d, o, c),
  },
  'gs1-datamatrix': {
    info: { title: 'GS1 DataMatrix label', description: 'A small label with GTIN, expiry and lot in a GS1 DataMatrix.', fields: gs1Fields() },
    defaults: GS1_DATAMATRIX_LABEL_DEFAULTS,
    render: (d, o, c) => gs1DataMatrixLabel(d, o, c),
  },
  shipping: {
    info: {
      title: 'Shipping label (4×6)',
      description: 'Sender, recipient, carrier and service, order, weight and the tracking number as Code 128.',
      fields: [
        { name: 'shipTo', label: 'Ship to', type: 'address', required: true },
        { name: 'shipFrom', label: 'Ship from', type: 'address', required: false },
        { name: 'orderNumber', label: 'Order number', type: 'text', required: true },
        { name: 'carrier', label: 'Carrier', type: 'text', required: true },
        { name: 'service', label: 'Service', type: 'text', required: true },
        { name: 'trackingNumber', label: 'Tracking number', type: 'text', required: true },
        { name: 'weight', label: 'Weight', type: 'weight', required: true },
      ],
    },
    defaults: SHIPPING_LABEL_DEFAULTS,
    render: (d, o, c) => shippingLabel(d, o, c),
  },
  sscc: {
    info: {
      title: 'SSCC pallet label',
      description: 'GS1 logistic label: the SSCC in large text and as GS1-128 (00).',
      fields: [
        { name: 'sscc', label: 'SSCC', type: 'text', required: true },
        { name: 'from', label: 'From', type: 'lines', required: false },
        { name: 'to', label: 'To', type: 'lines', required: false },
        { name: 'contents', label: 'Contents', type: 'text', required: false },
      ],
    },
    defaults: SSCC_LABEL_DEFAULTS,
    render: (d, o, c) => ssccLabel(d, o, c),
  },
  'packing-slip': {
    info: {
      title: 'Packing slip (4×6)',
      description:
        'Sender, recipient, order number as Code 128, date, the packed lines (SKU, name, quantity), total units and who packed it. Long orders continue on further labels (page x/n).',
      fields: [
        { name: 'shipTo', label: 'Ship to', type: 'address', required: true },
        { name: 'shipFrom', label: 'Ship from', type: 'address', required: false },
        { name: 'companyName', label: 'Company', type: 'text', required: false },
        { name: 'orderNumber', label: 'Order number', type: 'text', required: true },
        { name: 'date', label: 'Date', type: 'date', required: true },
        { name: 'lines', label: 'Lines (SKU, quantity, name)', type: 'lines', required: true },
        { name: 'packedBy', label: 'Packed by', type: 'text', required: false },
      ],
    },
    defaults: PACKING_SLIP_DEFAULTS,
    render: (d, o, c) => packingSlip(d, o, c),
  },
};

function gs1Fields(): TemplateInfo['fields'] {
  return [
    { name: 'gtin', label: 'GTIN', type: 'gtin', required: true },
    { name: 'lot', label: 'Lot', type: 'text', required: false },
    { name: 'expiry', label: 'Expiry', type: 'date', required: false },
    { name: 'serial', label: 'Serial', type: 'text', required: false },
    { name: 'name', label: 'Name', type: 'text', required: false },
  ];
}

export function listTemplates(): TemplateInfo[] {
  return (Object.keys(TEMPLATES) as LabelTemplate[]).map((id) => {
    const size = TEMPLATES[id].defaults.size;
    return { id, ...TEMPLATES[id].info, defaultSize: { width: size.width, height: size.height, unit: size.unit } };
  });
}

export function sizeFrom(input: LabelSizeInput): LabelSize {
  if ('preset' in input) {
    const p = LABEL_SIZE_PRESETS[input.preset];
    return { width: p.width, height: p.height, unit: p.unit };
  }
  return millimetres(input.widthMm, input.heightMm);
}

/** Top-level render options keep their own name; everything else a template checks is a field of `data`. */
const fieldKey = (field: string): string => (field === 'dpi' || field === 'size' || field === 'copies' ? field : `data.${field}`);

export interface RenderRequest {
  template: LabelTemplate;
  data: Record<string, unknown>;
  dpi?: Dpi | undefined;
  size?: LabelSizeInput | undefined;
  copies?: number;
}

/**
 * Renders a label. dpi and size come from the request, else from the station's printer (its dpi and the stock loaded
 * for this template), else from the template, so a preview without options shows exactly what labels.print sends.
 */
export function renderLabel(req: RenderRequest, printer: PrinterConfig): RenderedLabel {
  const def = TEMPLATES[req.template] as TemplateDef<LabelTemplate>;
  const parsed = labelDataSchemas[req.template].safeParse(req.data);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const i of parsed.error.issues) {
      const key = ['data', ...i.path.map(String)].join('.');
      if (!(key in fields)) fields[key] = i.message;
    }
    const first = parsed.error.issues[0]!;
    throw new DomainError('LABEL_INVALID', `data.${first.path.join('.')}: ${first.message}`, fields);
  }
  const configured = printer.kind === 'none' ? undefined : printer;
  const options: Partial<LabelOptions> = {};
  const dpi = req.dpi ?? configured?.dpi;
  if (dpi) options.dpi = dpi;
  const size = req.size ?? configured?.sizes[req.template];
  if (size) options.size = sizeFrom(size);
  try {
    return def.render(parsed.data as Data<LabelTemplate>, options, req.copies ?? 1);
  } catch (e) {
    if (e instanceof LabelError) {
      throw new DomainError('LABEL_INVALID', e.message, { [fieldKey(e.field)]: e.message }, { rule: e.rule });
    }
    throw e;
  }
}
