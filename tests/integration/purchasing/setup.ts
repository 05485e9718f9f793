import { expect } from 'vitest';
import { makeCore, seedBasic, type TestCore } from '../../helpers/core';

export const DAY = 86_400_000;

/** seedBasic plus a supplier and three items with weights and dimensions for landed cost. */
export function seedPurchasing(c: TestCore = makeCore()) {
  const base = seedBasic(c);
  const supplier = c.ok('purchasing.suppliers.create', {
    name: 'Acme Imports Ltd',
    email: 'orders@acme.example',
    phone: '+44 20 7946 0000',
    address: '1 Dock Road\nFelixstowe IP11 3AA',
    currency: 'GBP',
    paymentTermsDays: 45,
    leadTimeDays: 14,
    minOrderQty: 10,
    packSize: 5,
  });
  // A: 200 g, 100×100×50 mm; B: 1 kg, 200×100×100 mm; C: 300 g, 10×10×10 mm.
  const a = c.ok('catalog.create', { sku: 'ALPHA', name: 'Alpha widget', costMinor: 500, weightGrams: 200, lengthMm: 100, widthMm: 100, heightMm: 50 });
  const b = c.ok('catalog.create', { sku: 'BRAVO', name: 'Bravo crate', costMinor: 250, weightGrams: 1000, lengthMm: 200, widthMm: 100, heightMm: 100 });
  const cc = c.ok('catalog.create', { sku: 'CHARLIE', name: 'Charlie gem', costMinor: 1000, weightGrams: 300, lengthMm: 10, widthMm: 10, heightMm: 10 });
  return { c, ...base, supplier, a, b, cc };
}

export type Seed = ReturnType<typeof seedPurchasing>;

/** Row counts of every table a purchasing call writes: a refusal must leave all of them unchanged. */
export function fingerprint(c: TestCore): string {
  const tables = ['operations', 'movements', 'cost_layers', 'layer_consumptions', 'balances', 'lots', 'purchase_orders', 'purchase_order_lines', 'po_receipts', 'po_receipt_lines', 'po_charges', 'po_charge_allocations', 'cost_adjustments', 'suppliers', 'supplier_items'];
  const counts = tables.map((t) => `${t}=${(c.db.prepare(`SELECT count(*) n FROM ${t}`).get() as { n: number }).n}`);
  const sums = c.db.prepare('SELECT total(remaining * unit_cost_minor) v, total(remaining) q FROM cost_layers').get();
  const lines = c.db.prepare('SELECT group_concat(received) r FROM purchase_order_lines').get();
  const pos = c.db.prepare('SELECT group_concat(status) s FROM purchase_orders').get();
  return [...counts, JSON.stringify(sums), JSON.stringify(lines), JSON.stringify(pos)].join(';');
}

export function expectClean(c: TestCore): void {
  expect(c.ok('system.check', {}).problems).toEqual([]);
}

/** The error of a refused call (fails the test if it was accepted). */
export function refused(r: { ok: true } | { ok: false; error: { code: string; message: string; fields?: Record<string, string> } }) {
  if (r.ok) throw new Error('expected the call to be refused');
  return r.error;
}
