import type { LabelTemplate } from '../../../shared/api/devices';

/**
 * Plausible data for each template, so a preview shows a real-looking label at once. Every barcode value here is
 * valid (GTIN and SSCC check digits included): a sample that does not render would teach nothing.
 */
export const LABEL_SAMPLES: Record<LabelTemplate, Record<string, unknown>> = {
  item: { sku: 'TEA-GREEN-100', name: 'Sencha green tea, 100 g', gtin: '4006381333931' },
  bin: { code: 'A-01-03', description: 'Aisle A · bay 1 · level 3' },
  'gs1-128': { gtin: '04006381333931', lot: 'LOT42', expiry: '2027-12-31', serial: '', name: 'Sencha green tea, 100 g' },
  'gs1-datamatrix': { gtin: '04006381333931', lot: 'LOT42', expiry: '2027-12-31', serial: '', name: 'Sencha green tea, 100 g' },
  shipping: {
    shipFrom: { name: 'Stockroom Ltd', company: '', line1: 'Unit 4, Riverside Trading Estate', line2: '', city: 'Leeds', region: '', postalCode: 'LS10 1AB', country: 'United Kingdom' },
    shipTo: { name: 'Amira Patel', company: 'Patel & Daughters', line1: '17 Harbour Street', line2: 'Flat 2', city: 'Bristol', region: '', postalCode: 'BS1 4QA', country: 'United Kingdom' },
    orderNumber: 'SO-10482',
    carrier: 'DHL',
    service: 'Parcel Connect 48h',
    trackingNumber: 'JD014600004193842715',
    weight: { value: 1.25, unit: 'kg' },
  },
  sscc: { sscc: '106141411234567897', from: ['Stockroom Ltd', 'Leeds LS10 1AB'], to: ['Patel & Daughters', 'Bristol BS1 4QA'], contents: '48 × Sencha green tea, 100 g' },
  'packing-slip': {
    shipFrom: { name: 'Stockroom Ltd', company: '', line1: 'Unit 4, Riverside Trading Estate', line2: '', city: 'Leeds', region: '', postalCode: 'LS10 1AB', country: 'United Kingdom' },
    shipTo: { name: 'Amira Patel', company: 'Patel & Daughters', line1: '17 Harbour Street', line2: 'Flat 2', city: 'Bristol', region: '', postalCode: 'BS1 4QA', country: 'United Kingdom' },
    companyName: '',
    orderNumber: 'SO-10482',
    date: '2026-03-14',
    lines: ['TEA-GREEN-100, 2, Sencha green tea, 100 g', 'MUG-STONE-350, 1, Stoneware mug 350 ml'],
    packedBy: 'Bench 1',
  },
};

export const ADDRESS_FIELDS: Array<{ name: string; label: string; required: boolean }> = [
  { name: 'name', label: 'Name', required: true },
  { name: 'company', label: 'Company', required: false },
  { name: 'line1', label: 'Address line 1', required: true },
  { name: 'line2', label: 'Address line 2', required: false },
  { name: 'city', label: 'City', required: true },
  { name: 'region', label: 'Region', required: false },
  { name: 'postalCode', label: 'Postcode', required: true },
  { name: 'country', label: 'Country', required: true },
];
