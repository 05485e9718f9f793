import Papa from 'papaparse';
import { afterEach, describe, expect, it } from 'vitest';
import { makeCore, seedBasic, type TestCore } from '../../helpers/core';
import { seedPurchasing, type Seed } from '../purchasing/setup';

let c: TestCore | undefined;
let s: Seed | undefined;
afterEach(() => {
  c?.close();
  s?.c.close();
  c = undefined;
  s = undefined;
});

describe('review: accounting journals', () => {
  it('writes amounts in the currency minor digits: ¥ (0 digits) are not divided by 100', () => {
    c = makeCore();
    c.ok('settings.update', { currency: 'JPY' });
    const b = seedBasic(c);
    c.clock.t = new Date('2026-03-02T10:00:00.000Z');
    c.ok('stock.receive', { itemId: b.mug.id, locationId: b.a1.id, quantity: 3, unitCostMinor: 1500 });
    c.clock.t = new Date('2026-03-03T10:00:00.000Z');
    c.ok('stock.issue', { itemId: b.mug.id, locationId: b.a1.id, quantity: 1 });
    c.clock.t = new Date('2026-04-02T10:00:00.000Z');
    const qbo = Papa.parse<string[]>(c.ok('reports.journal', { from: '2026-03-01', to: '2026-03-31', format: 'qbo' }).csv, { skipEmptyLines: true }).data;
    const cogs = qbo.find((r) => r[2] === 'Cost of Goods Sold')!;
    expect(cogs[3]).toBe('1500'); // ¥1,500, not "15.00"
    const xero = Papa.parse<string[]>(c.ok('reports.journal', { from: '2026-03-01', to: '2026-03-31', format: 'xero' }).csv, { skipEmptyLines: true }).data;
    expect(xero.filter((r) => r[3] === '630').map((r) => r[5]).sort()).toEqual(['-1500', '4500']);
  });

  it('a landed charge split over 3 units (10.00 / 3) leaves every journal balanced and inventory equal to the valuation', () => {
    s = seedPurchasing();
    const k = s.c;
    const at = (iso: string) => (k.clock.t = new Date(iso));
    at('2026-03-01T09:00:00.000Z');
    const po = k.ok('purchasing.orders.createDraft', { supplierId: s.supplier.id, warehouseId: s.wh.id, lines: [{ itemId: s.a.id, quantity: 3, unitCostMinor: 1000 }] });
    k.ok('purchasing.orders.send', { id: po.id });
    at('2026-03-02T10:00:00.000Z');
    k.ok('purchasing.receive', { poId: po.id, lines: [{ lineId: po.lines[0].id, quantity: 3, binId: s.a1.id }], idempotencyKey: 'rcv-odd' });
    at('2026-03-03T10:00:00.000Z');
    k.ok('purchasing.addCharge', { poId: po.id, kind: 'freight', amountMinor: 1000, basis: 'value' });
    for (const d of ['04', '05']) {
      at(`2026-03-${d}T10:00:00.000Z`);
      k.ok('stock.issue', { itemId: s.a.id, locationId: s.a1.id, quantity: 1 });
    }
    at('2026-04-02T09:00:00.000Z');
    for (const perDay of [false, true]) {
      const out = k.ok('reports.journal', { from: '2026-03-01', to: '2026-03-31', format: 'xero', perDay });
      expect(out.totals.debits).toBe(out.totals.credits);
      const rows = Papa.parse<string[]>(out.csv, { skipEmptyLines: true }).data.slice(1);
      const cents = (v: string) => Math.round(Number(v) * 100);
      const byJournal = new Map<string, number>();
      for (const r of rows) byJournal.set(`${r[0]}|${r[1]}`, (byJournal.get(`${r[0]}|${r[1]}`) ?? 0) + cents(r[5]!));
      for (const v of byJournal.values()) expect(v).toBe(0);
      const inventory = rows.filter((r) => r[3] === '630').reduce((t, r) => t + cents(r[5]!), 0);
      expect(inventory).toBe(k.ok('reports.valuation', { asOf: '2026-03-31' }).valueMinor);
    }
  });
});
