import { afterEach, describe, expect, it } from 'vitest';
import type { Input, MethodName } from '../../../src/shared/api';
import type { ErrorCode } from '../../../src/shared/errors';
import { makeCore, seedBasic, type TestCore } from '../../helpers/core';

let c: TestCore;
afterEach(() => c?.close());

/** Every table's row count and a checksum of balances: a refused call must leave all of it as it was. */
function snapshot(c: TestCore) {
  const names = (c.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'items_fts%'").all() as { name: string }[]).map((r) => r.name);
  const counts = Object.fromEntries(names.map((n) => [n, (c.db.prepare(`SELECT count(*) n FROM "${n}"`).get() as { n: number }).n]));
  return { counts, balances: c.db.prepare('SELECT * FROM balances ORDER BY 1, 2, 3').all(), items: c.db.prepare('SELECT * FROM items').all() };
}

describe('bad input is refused with a specific code and writes nothing', () => {
  const cases: [string, ErrorCode, (s: ReturnType<typeof seedBasic>) => [MethodName, unknown], RegExp, string?][] = [
    ['unknown item', 'UNKNOWN_ITEM', (s) => ['stock.receive', { itemId: 4242, locationId: s.a1.id, quantity: 1 }], /no item with id 4242/, 'itemId'],
    ['unknown location', 'UNKNOWN_LOCATION', (s) => ['stock.receive', { itemId: s.mug.id, locationId: 4242, quantity: 1 }], /no location with id 4242/, 'locationId'],
    ['a zone instead of a bin', 'NOT_A_BIN', (s) => ['stock.receive', { itemId: s.mug.id, locationId: s.zone.id, quantity: 1 }], /is a zone/, 'locationId'],
    ['zero quantity', 'VALIDATION', (s) => ['stock.receive', { itemId: s.mug.id, locationId: s.a1.id, quantity: 0 }], /more than zero/, 'quantity'],
    ['negative quantity', 'VALIDATION', (s) => ['stock.issue', { itemId: s.mug.id, locationId: s.a1.id, quantity: -2 }], /more than zero/, 'quantity'],
    ['fractional quantity', 'VALIDATION', (s) => ['stock.transfer', { itemId: s.mug.id, fromLocationId: s.a1.id, toLocationId: s.a2.id, quantity: 1.5 }], /whole number/, 'quantity'],
    ['zero adjustment', 'VALIDATION', (s) => ['stock.adjust', { itemId: s.mug.id, locationId: s.a1.id, quantity: 0, reason: 'damage' }], /cannot be zero/, 'quantity'],
    ['over-issue', 'INSUFFICIENT_STOCK', (s) => ['stock.issue', { itemId: s.mug.id, locationId: s.a1.id, quantity: 11 }], /only 10 on hand in MAIN \/ A \/ A-01/, 'quantity'],
    ['over-transfer', 'INSUFFICIENT_STOCK', (s) => ['stock.transfer', { itemId: s.mug.id, fromLocationId: s.a1.id, toLocationId: s.a2.id, quantity: 99 }], /only 10 on hand/, 'quantity'],
    ['over-adjust', 'INSUFFICIENT_STOCK', (s) => ['stock.adjust', { itemId: s.mug.id, locationId: s.a2.id, quantity: -1, reason: 'theft' }], /only 0 on hand/, 'quantity'],
    ['transfer to the same bin', 'SAME_LOCATION', (s) => ['stock.transfer', { itemId: s.mug.id, fromLocationId: s.a1.id, toLocationId: s.a1.id, quantity: 1 }], /two different bins/, 'toLocationId'],
    ['lot missing on a lot-tracked item', 'LOT_REQUIRED', (s) => ['stock.receive', { itemId: s.tea.id, locationId: s.a1.id, quantity: 1 }], /lot tracked/, 'lot'],
    ['lot on an untracked item', 'LOT_NOT_ALLOWED', (s) => ['stock.receive', { itemId: s.mug.id, locationId: s.a1.id, quantity: 1, lot: 'L1' }], /not lot or serial tracked/, 'lot'],
    ['bad expiry date', 'VALIDATION', (s) => ['stock.receive', { itemId: s.tea.id, locationId: s.a1.id, quantity: 1, lot: 'L1', expiry: '31/12/2026' }], /YYYY-MM-DD/, 'expiry'],
    ['reason that removes, used to add', 'VALIDATION', (s) => ['stock.adjust', { itemId: s.mug.id, locationId: s.a1.id, quantity: 2, reason: 'damage' }], /removes stock/, 'reason'],
    ['unknown reason', 'VALIDATION', (s) => ['stock.adjust', { itemId: s.mug.id, locationId: s.a1.id, quantity: -1, reason: 'gremlins' }], /Invalid option/i, 'reason'],
    ['unknown reservation', 'UNKNOWN_RESERVATION', () => ['stock.release', { reservationId: 777 }], /no reservation 777/, 'reservationId'],
    ['reserve more than available', 'INSUFFICIENT_STOCK', (s) => ['stock.reserve', { itemId: s.mug.id, locationId: s.a1.id, quantity: 11, docRef: 'SO-1' }], /only 10 on hand/, 'quantity'],
    ['bad GTIN check digit', 'BAD_GTIN', () => ['catalog.create', { sku: 'NEW-1', name: 'New', barcodes: [{ code: '4006381333932' }] }], /should be 1, not 2/, 'barcodes.0.code'],
    ['GTIN of a wrong length', 'BAD_GTIN', () => ['catalog.create', { sku: 'NEW-2', name: 'New', barcodes: [{ code: '40063813339' }] }], /8, 12, 13 or 14 digits/, 'barcodes.0.code'],
    ['duplicate SKU', 'DUPLICATE', () => ['catalog.create', { sku: 'mug-1', name: 'Another mug' }], /already used by "Enamel mug"/, 'sku'],
    ['duplicate barcode (same GTIN in 14 digits)', 'DUPLICATE', () => ['catalog.create', { sku: 'NEW-3', name: 'New', barcodes: [{ code: '04006381333931' }] }], /already belongs to MUG-1/, 'barcodes.0.code'],
    ['a GTIN added to an unknown item', 'UNKNOWN_ITEM', () => ['catalog.addBarcode', { itemId: 999, code: '96385074' }], /no item with id 999/, 'itemId'],
    ['missing name', 'VALIDATION', () => ['catalog.create', { sku: 'NEW-4', name: '  ' }], /Name is required/, 'name'],
    ['input that is not an object', 'VALIDATION', () => ['stock.receive', 'ten please'], /expected object/i],
    ['unknown method', 'UNKNOWN_METHOD', () => ['stock.teleport' as MethodName, {}], /no method "stock.teleport"/],
  ];

  for (const [name, code, make, message, field] of cases) {
    it(name, () => {
      c = makeCore();
      const s = seedBasic(c);
      c.ok('stock.receive', { itemId: s.mug.id, locationId: s.a1.id, quantity: 10, unitCostMinor: 100 });
      const before = snapshot(c);
      const [method, input] = make(s);
      const r = c.call(method, input as Input<typeof method>);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error.code).toBe(code);
      expect(r.error.message).toMatch(message);
      if (field) expect(Object.keys(r.error.fields ?? {})).toContain(field);
      expect(snapshot(c)).toEqual(before);
    });
  }

  it('a failure part-way through a multi-movement operation rolls back the movements already written', () => {
    c = makeCore();
    const s = seedBasic(c);
    c.ok('stock.receive', { itemId: s.tea.id, locationId: s.a1.id, quantity: 3, lot: 'EARLY', expiry: '2026-03-01' });
    c.ok('stock.receive', { itemId: s.tea.id, locationId: s.a1.id, quantity: 3, lot: 'LATE', expiry: '2026-09-01' });
    const before = snapshot(c);
    // FEFO would take 3 from EARLY then needs 4 more from LATE, which has 3: refused as a whole.
    const r = c.call('stock.issue', { itemId: s.tea.id, locationId: s.a1.id, quantity: 7 });
    expect(r.ok || r.error.code).toBe('INSUFFICIENT_STOCK');
    expect(snapshot(c)).toEqual(before);
  });
});
