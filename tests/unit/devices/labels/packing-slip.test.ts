import { describe, expect, it } from 'vitest';
import { LabelError, packingSlip, renderZpl, type Dpi, type PackingSlipData } from '../../../../src/main/devices/labels';
import { barcodesOf, decodePng, expectedDecode, inkCoverage, pngSize, renderZplToPng } from '../../../fakes/printer/label-image';

const base: PackingSlipData = {
  companyName: 'Stockroom Demo Ltd',
  shipFrom: { name: 'Stockroom Demo Ltd', line1: '1 Depot Road', city: 'Leeds', postalCode: 'LS1 4AP', country: 'GB' },
  shipTo: { name: 'Zoë Müller', company: 'Café Lumière', line1: 'Hauptstraße 12', city: 'Berlin', postalCode: '10115', country: 'Germany' },
  orderNumber: 'SO-00042',
  date: '2026-03-14',
  lines: [
    { sku: 'WID-500', name: 'Widget 500 g, stainless', quantity: 2 },
    { sku: 'BOLT-M8x40', name: 'Hex bolt M8 × 40 zinc, a rather long description that cannot fit on one row', quantity: 12 },
    { sku: 'SOAP-1', name: 'Hand soap', quantity: 1 },
  ],
  packedBy: 'bench-1 / ada',
};

const many = (n: number): PackingSlipData => ({
  ...base,
  lines: Array.from({ length: n }, (_, i) => ({ sku: `SKU-${String(i + 1).padStart(3, '0')}`, name: `Item number ${i + 1}`, quantity: (i % 7) + 1 })),
});

function ruleOf(fn: () => unknown): { rule: string; field: string } {
  try {
    fn();
  } catch (e) {
    if (e instanceof LabelError) return { rule: e.rule, field: e.field };
    throw e;
  }
  throw new Error('expected a LabelError');
}

describe.each([203, 300] as Dpi[])('packing slip at %i dpi', (dpi) => {
  it('prints on one 4×6 label whose ZPL renders and whose order barcode scans back', async () => {
    const slip = packingSlip(base, { dpi });
    expect(slip.template).toBe('packing-slip');
    expect(slip.pages ?? [slip.layout]).toHaveLength(1);
    expect(slip.widthDots).toBe(Math.round(4 * dpi));
    expect(slip.heightDots).toBe(Math.round(6 * dpi));
    const png = await renderZplToPng(slip.zpl, slip.layout);
    expect(pngSize(png)).toEqual({ width: slip.widthDots, height: slip.heightDots });
    const ink = inkCoverage(png);
    expect(ink).toBeGreaterThan(0.01);
    expect(ink).toBeLessThan(0.5);
    const bars = barcodesOf(slip.layout);
    expect(bars).toHaveLength(1);
    const decoded = await decodePng(png);
    expect(decoded).toEqual([expectedDecode(bars[0]!)]);
    expect(decoded[0]!.text).toBe('SO-00042');
  });

  it('lists every SKU and quantity, the total units, who packed it and a thank-you', () => {
    const { zpl } = packingSlip(base, { dpi });
    for (const l of base.lines) {
      expect(zpl).toContain(`^FD${l.sku}^FS`);
      expect(zpl).toContain(`^FD${l.quantity}^FS`);
    }
    expect(zpl).toContain('TOTAL UNITS 15');
    expect(zpl).toContain('Packed by bench-1 / ada');
    expect(zpl).toContain('Thank you');
    expect(zpl).toContain('PAGE 1/1');
    expect(zpl).toContain('DATE 2026-03-14');
    expect(zpl).toContain('Stockroom Demo Ltd');
    // A long name is cut to its row, not wrapped into the next one.
    expect(zpl).toMatch(/\^FDHex bolt [^\n]*\.\.\.\^FS/);
  });

  it('continues on further labels (page x/n) instead of dropping lines', async () => {
    const data = many(40);
    const slip = packingSlip(data, { dpi });
    const pages = slip.pages!;
    expect(pages.length).toBeGreaterThanOrEqual(2);
    const n = pages.length;
    const formats = [...slip.zpl.matchAll(/\^XA[\s\S]*?\^XZ/g)].map((m) => m[0]);
    expect(formats).toHaveLength(n);
    formats.forEach((f, i) => expect(f).toContain(`PAGE ${i + 1}/${n}`));
    // Every line printed exactly once, in order, across the pages.
    const skus = formats.flatMap((f) => [...f.matchAll(/\^FD(SKU-\d{3})\^FS/g)].map((m) => m[1]));
    expect(skus).toEqual(data.lines.map((l) => l.sku));
    // Totals only on the last page; every page carries the order barcode and scans.
    expect(formats.at(-1)).toContain(`TOTAL UNITS ${data.lines.reduce((a, l) => a + l.quantity, 0)}`);
    for (const f of formats.slice(0, -1)) expect(f).not.toContain('TOTAL UNITS');
    for (const p of pages) {
      const png = await renderZplToPng(renderZpl(p), p);
      expect((await decodePng(png)).map((d) => d.text)).toEqual(['SO-00042']);
      // No element runs below the label.
      for (const e of p.elements) expect(e.y + e.height).toBeLessThanOrEqual(p.heightDots);
    }
  });

  it('makes exactly "1/2" and "2/2" when the lines need two labels', () => {
    // Find the smallest order that spills onto a second label.
    let k = 1;
    while ((packingSlip(many(k), { dpi }).pages?.length ?? 1) === 1) k++;
    const { zpl } = packingSlip(many(k), { dpi });
    expect(zpl).toContain('PAGE 1/2');
    expect(zpl).toContain('PAGE 2/2');
    expect(zpl).toContain('CONTINUED ON LABEL 2/2');
    expect(zpl.match(/\^XA/g)).toHaveLength(2);
  });
});

describe('packing slip validation', () => {
  it('refuses an empty order', () => {
    expect(ruleOf(() => packingSlip({ ...base, lines: [] }))).toEqual({ rule: 'NO_LINES', field: 'lines' });
  });
  it('refuses a zero or fractional quantity, a bad date, and an order number that cannot be a barcode', () => {
    expect(ruleOf(() => packingSlip({ ...base, lines: [{ sku: 'A', name: 'A', quantity: 0 }] }))).toEqual({ rule: 'BAD_QUANTITY', field: 'lines.0.quantity' });
    expect(ruleOf(() => packingSlip({ ...base, lines: [{ sku: 'A', name: 'A', quantity: 1.5 }] })).rule).toBe('BAD_QUANTITY');
    expect(ruleOf(() => packingSlip({ ...base, date: '14/03/2026' }))).toEqual({ rule: 'BAD_DATE', field: 'date' });
    expect(ruleOf(() => packingSlip({ ...base, orderNumber: 'SO^1' }))).toEqual({ rule: 'BAD_CODE', field: 'orderNumber' });
    expect(ruleOf(() => packingSlip({ ...base, lines: [{ sku: '', name: 'A', quantity: 1 }] }))).toEqual({ rule: 'BAD_TEXT', field: 'lines.0.sku' });
  });
  it('refuses stock too small to hold a slip', () => {
    expect(ruleOf(() => packingSlip(base, { size: { width: 2, height: 1, unit: 'in' } })).rule).toMatch(/BAD_SIZE|BARCODE_DOES_NOT_FIT/);
  });
});
