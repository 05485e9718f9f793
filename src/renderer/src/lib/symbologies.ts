import type { Barcode } from '../../../shared/api';

export type Symbology = Barcode['symbology'];

/**
 * Every symbology of the contract with its label. A Record over the contract's type makes tsc fail if one is
 * added or removed there, without importing the zod schemas (and zod) into the UI bundle.
 */
export const SYMBOLOGY_LABELS: Record<Symbology, string> = {
  gtin: 'GTIN / EAN / UPC',
  code128: 'Code 128',
  code39: 'Code 39',
  qr: 'QR code',
  datamatrix: 'Data Matrix',
  other: 'Other',
};

export const SYMBOLOGY_OPTIONS = (Object.keys(SYMBOLOGY_LABELS) as Symbology[]).map((value) => ({ value, label: SYMBOLOGY_LABELS[value] }));
