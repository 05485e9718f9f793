import { describe, expect, it } from 'vitest';
import { pdfText } from '../../helpers/pdf-text';
import { seedPurchasing } from './setup';

describe('PO PDF', () => {
  it('holds what a supplier needs: company, supplier address, number, dates, lines, total and terms', async () => {
    const s = seedPurchasing();
    const { c } = s;
    c.ok('settings.update', { companyName: 'Tidy Shelf Co' });
    c.ok('purchasing.supplierItems.set', { supplierId: s.supplier.id, itemId: s.a.id, supplierSku: 'AC-ALPHA' });
    const po = c.ok('purchasing.orders.createDraft', {
      supplierId: s.supplier.id,
      warehouseId: s.wh.id,
      expectedDate: '2026-02-01',
      lines: [
        { itemId: s.a.id, quantity: 12, unitCostMinor: 455 },
        { itemId: s.b.id, quantity: 3, unitCostMinor: 1999 },
      ],
    });
    c.ok('purchasing.orders.send', { id: po.id });
    const out = c.ok('purchasing.pdf', { id: po.id });
    expect(out.filename).toBe('PO-00001.pdf');
    expect(Buffer.from(out.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    const [text, ...rest] = await pdfText(out.base64);
    expect(rest).toEqual([]);
    for (const want of [
      'Tidy Shelf Co',
      'PURCHASE ORDER',
      'PO-00001',
      'Date: 2026-01-05',
      'Expected delivery: 2026-02-01',
      'Acme Imports Ltd',
      '1 Dock Road',
      'Felixstowe IP11 3AA',
      'orders@acme.example',
      'Main warehouse (MAIN)',
      'ALPHA',
      'AC-ALPHA',
      'Alpha widget',
      '12',
      '£4.55',
      '£54.60', // 12 × 4.55
      'BRAVO',
      'Bravo crate',
      '£19.99',
      '£59.97', // 3 × 19.99
      'Total (GBP)',
      '£114.57', // 54.60 + 59.97
      'Payment terms: net 45 days',
      'Please deliver by 2026-02-01.',
    ]) {
      expect(text).toContain(want);
    }
  });

  it('runs onto more pages for a long PO and keeps the total', async () => {
    const s = seedPurchasing();
    const { c } = s;
    const items = Array.from({ length: 60 }, (_, i) => c.ok('catalog.create', { sku: `BULK-${i + 1}`, name: `Bulk part ${i + 1}`, costMinor: 100 }));
    const po = c.ok('purchasing.orders.createDraft', { supplierId: s.supplier.id, warehouseId: s.wh.id, lines: items.map((it) => ({ itemId: it.id, quantity: 2 })) });
    const pages = await pdfText(c.ok('purchasing.pdf', { id: po.id }).base64);
    expect(pages.length).toBeGreaterThan(1);
    expect(pages[1]).toContain('PO-00001 (continued)');
    const all = pages.join(' ');
    expect(all).toContain('BULK-1');
    expect(all).toContain('BULK-60');
    expect(all).toContain('£120.00'); // 60 × 2 × 1.00
  });
});
