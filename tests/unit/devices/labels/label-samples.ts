import {
  binLabel,
  gs1_128Label,
  gs1DataMatrixLabel,
  itemLabel,
  packingSlip,
  shippingLabel,
  ssccLabel,
  type Dpi,
  type RenderedLabel,
} from '../../../../src/main/devices/labels';

/** One realistic sample per template (and per barcode kind for the item label), at a given density. */
export function sampleLabels(dpi: Dpi): Record<string, RenderedLabel> {
  return {
    'item-ean13': itemLabel({ sku: 'WID-500', name: 'Widget 500 g, stainless', gtin: '5901234123457' }, { dpi }),
    'item-upca': itemLabel({ sku: 'SOAP-1', name: 'Hand soap', gtin: '042100005264' }, { dpi }),
    'item-ean8': itemLabel({ sku: 'GUM-8', name: 'Gum', gtin: '02345673' }, { dpi }),
    'item-gtin14': itemLabel({ sku: 'WID-500-CASE', name: 'Widget 500 g, case of 12', gtin: '10012345678902' }, { dpi }),
    'item-sku-only': itemLabel({ sku: 'BOLT-M8x40', name: 'Hex bolt M8 × 40 zinc' }, { dpi }),
    bin: binLabel({ code: 'A-01-03', description: 'Aisle A · small parts' }, { dpi }),
    'gs1-128': gs1_128Label({ gtin: '09521234543213', expiry: '2027-12-31', lot: 'LOT42', name: 'Widget 500 g' }, { dpi }),
    'gs1-128-serial': gs1_128Label({ gtin: '09521234543213', expiry: '271231', lot: 'L-2026/07_B', serial: 'SN000123' }, { dpi }),
    'gs1-datamatrix': gs1DataMatrixLabel({ gtin: '09521234543213', expiry: '2027-12-31', lot: 'LOT42', serial: 'X9', name: 'Widget' }, { dpi }),
    shipping: shippingLabel(
      {
        shipFrom: { name: 'Stockroom Demo Ltd', line1: '1 Depot Road', city: 'Leeds', postalCode: 'LS1 4AP', country: 'GB' },
        shipTo: { name: 'Zoë Müller', company: 'Café Lumière', line1: 'Hauptstraße 12', line2: '3. OG', city: 'Berlin', postalCode: '10115', country: 'Germany' },
        orderNumber: '#1042',
        carrier: 'DHL',
        service: 'Paket International',
        trackingNumber: '00340434161234567890',
        weight: { value: 1.25, unit: 'kg' },
      },
      { dpi },
    ),
    sscc: ssccLabel(
      {
        ssccParts: { extensionDigit: 3, companyPrefix: '9521234', serialReference: 1 },
        from: ['Stockroom Demo Ltd', '1 Depot Road, Leeds'],
        to: ['Retailer DC 7', 'Dock 4'],
        contents: '48 × Widget 500 g, lot LOT42',
      },
      { dpi },
    ),
    'packing-slip': packingSlip(
      {
        shipFrom: { name: 'Stockroom Demo Ltd', line1: '1 Depot Road', city: 'Leeds', postalCode: 'LS1 4AP', country: 'GB' },
        shipTo: { name: 'Zoë Müller', line1: 'Hauptstraße 12', city: 'Berlin', postalCode: '10115', country: 'Germany' },
        orderNumber: '#1042',
        date: '2026-03-14',
        lines: [
          { sku: 'WID-500', name: 'Widget 500 g, stainless', quantity: 2 },
          { sku: 'BOLT-M8x40', name: 'Hex bolt M8 × 40 zinc', quantity: 12 },
        ],
        packedBy: 'bench-1 / ada',
      },
      { dpi },
    ),
  };
}
