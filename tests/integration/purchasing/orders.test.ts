import { describe, expect, it } from 'vitest';
import { DAY, expectClean, fingerprint, refused, seedPurchasing, type Seed } from './setup';

function draft(s: Seed, lines = [{ itemId: s.a.id, quantity: 10 }]) {
  return s.c.ok('purchasing.orders.createDraft', { supplierId: s.supplier.id, warehouseId: s.wh.id, expectedDate: '2026-02-01', lines });
}

describe('suppliers', () => {
  it('creates, updates and lists suppliers with their item terms and one preferred supplier per item', () => {
    const s = seedPurchasing();
    const { c } = s;
    expect(s.supplier).toMatchObject({ name: 'Acme Imports Ltd', currency: 'GBP', paymentTermsDays: 45, leadTimeDays: 14, minOrderQty: 10, packSize: 5, active: true });
    const other = c.ok('purchasing.suppliers.create', { name: 'Brightside Wholesale' });
    expect(other).toMatchObject({ paymentTermsDays: 30, packSize: 1, minOrderQty: null, leadTimeDays: null, address: '' });
    expect(refused(c.call('purchasing.suppliers.create', { name: 'acme imports ltd' })).code).toBe('DUPLICATE');
    expect(refused(c.call('purchasing.suppliers.create', { name: 'X', email: 'not-an-email' })).fields).toHaveProperty('email');
    // A patch leaves unmentioned fields alone.
    const upd = c.ok('purchasing.suppliers.update', { id: s.supplier.id, patch: { paymentTermsDays: 60 } });
    expect(upd).toMatchObject({ paymentTermsDays: 60, packSize: 5, leadTimeDays: 14, address: '1 Dock Road\nFelixstowe IP11 3AA' });
    expect(refused(c.call('purchasing.suppliers.update', { id: 999, patch: { notes: 'x' } })).code).toBe('UNKNOWN_SUPPLIER');

    const si = c.ok('purchasing.supplierItems.set', { supplierId: s.supplier.id, itemId: s.a.id, supplierSku: 'AC-ALPHA', costMinor: 480, preferred: true });
    // MOQ and pack size fall back to the supplier's defaults.
    expect(si).toMatchObject({ supplierSku: 'AC-ALPHA', costMinor: 480, preferred: true, effective: { costMinor: 480, minOrderQty: 10, packSize: 5, leadTimeDays: 14 } });
    c.ok('purchasing.supplierItems.set', { supplierId: other.id, itemId: s.a.id, packSize: 12, preferred: true });
    const terms = c.ok('purchasing.supplierItems.list', { itemId: s.a.id });
    expect(terms.map((t) => [t.supplierName, t.preferred, t.effective.packSize, t.effective.costMinor])).toEqual([
      ['Brightside Wholesale', true, 12, 500],
      ['Acme Imports Ltd', false, 5, 480],
    ]);
    c.ok('purchasing.suppliers.update', { id: other.id, patch: { active: false } });
    expect(c.ok('purchasing.suppliers.list', {}).map((x) => x.name)).toEqual(['Acme Imports Ltd']);
    expect(c.ok('purchasing.suppliers.get', { id: s.supplier.id }).items.map((i) => i.sku)).toEqual(['ALPHA']);
    expect(refused(c.call('purchasing.orders.createDraft', { supplierId: other.id, warehouseId: s.wh.id, lines: [] })).message).toMatch(/inactive/);
  });
});

describe('purchase order lifecycle', () => {
  it('numbers POs, defaults line terms from the supplier, and validates every transition', () => {
    const s = seedPurchasing();
    const { c } = s;
    c.ok('purchasing.supplierItems.set', { supplierId: s.supplier.id, itemId: s.a.id, supplierSku: 'AC-ALPHA', costMinor: 480 });
    const po = draft(s);
    expect(po).toMatchObject({ number: 'PO-00001', status: 'draft', currency: 'GBP', totalMinor: 4800 });
    expect(po.lines[0]).toMatchObject({ sku: 'ALPHA', supplierSku: 'AC-ALPHA', quantity: 10, unitCostMinor: 480, outstanding: 10 });
    expect(draft(s).number).toBe('PO-00002');

    const edited = c.ok('purchasing.orders.updateDraft', { id: po.id, lines: [{ itemId: s.a.id, quantity: 4 }, { itemId: s.b.id, quantity: 2, unitCostMinor: 300 }] });
    expect(edited.lines.map((l) => [l.position, l.sku, l.quantity, l.unitCostMinor])).toEqual([
      [1, 'ALPHA', 4, 480],
      [2, 'BRAVO', 2, 300],
    ]);
    expect(edited.totalMinor).toBe(4 * 480 + 2 * 300);

    expect(refused(c.call('purchasing.receive', { poId: po.id, lines: [{ lineId: edited.lines[0].id, quantity: 1, binId: s.a1.id }] })).message).toBe(
      'Cannot receive against PO-00001: it is a draft (send it first)',
    );
    expect(refused(c.call('purchasing.orders.close', { id: po.id })).code).toBe('PO_STATUS');
    c.clock.advance(DAY);
    const sent = c.ok('purchasing.orders.send', { id: po.id });
    expect(sent.status).toBe('sent');
    expect(sent.sentAt).toBe('2026-01-06T09:00:00.000Z');
    const again = refused(c.call('purchasing.orders.send', { id: po.id }));
    expect(again).toMatchObject({ code: 'PO_STATUS', message: 'Cannot send PO-00001: it is sent (only a draft is sent)' });
    expect(refused(c.call('purchasing.orders.updateDraft', { id: po.id, notes: 'x' })).message).toMatch(/only a draft can be edited/);

    c.ok('purchasing.receive', { poId: po.id, lines: [{ itemId: s.a.id, quantity: 4, binId: s.a1.id }] });
    const cancel = refused(c.call('purchasing.orders.cancel', { id: po.id }));
    expect(cancel).toMatchObject({ code: 'PO_STATUS', message: 'Cannot cancel PO-00001: goods have been received on it; close it instead' });

    const empty = c.ok('purchasing.orders.createDraft', { supplierId: s.supplier.id, warehouseId: s.wh.id });
    expect(refused(c.call('purchasing.orders.send', { id: empty.id })).message).toMatch(/has no lines/);
    const cancelled = c.ok('purchasing.orders.cancel', { id: empty.id, reason: 'duplicate' });
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: 'duplicate' });
    expect(refused(c.call('purchasing.orders.send', { id: empty.id })).message).toBe('Cannot send PO-00003: it is cancelled (only a draft is sent)');
    expect(refused(c.call('purchasing.orders.get', { id: 999 })).code).toBe('UNKNOWN_PO');
    expect(c.ok('purchasing.orders.list', { status: ['partially_received'] }).map((p) => p.number)).toEqual(['PO-00001']);
    expect(c.ok('purchasing.orders.list', { itemId: s.b.id }).map((p) => p.number)).toEqual(['PO-00001']);
  });
});

describe('receiving against a PO', () => {
  it('refuses over-receipt unless allowed with a reason, and writes nothing when refused', () => {
    const s = seedPurchasing();
    const { c } = s;
    const po = draft(s);
    c.ok('purchasing.orders.send', { id: po.id });
    const line = po.lines[0].id;
    const r1 = c.ok('purchasing.receive', { poId: po.id, lines: [{ lineId: line, quantity: 6, binId: s.a1.id }] });
    expect(r1.po.status).toBe('partially_received');
    expect(r1.po.lines[0]).toMatchObject({ received: 6, outstanding: 4 });
    expect(r1.movements.map((m) => [m.sku, m.quantity, m.unitCostMinor, m.docRef, m.toPath])).toEqual([['ALPHA', 6, 500, 'PO-00001', 'MAIN / A / A-01']]);

    const before = fingerprint(c);
    const over = refused(c.call('purchasing.receive', { poId: po.id, lines: [{ lineId: line, quantity: 5, binId: s.a1.id }] }));
    expect(over.code).toBe('OVER_RECEIPT');
    expect(over.message).toBe('Line 1 of PO-00001 (ALPHA): 10 ordered, 6 received, so 4 more expected, not 5. Accept the extra with allowOver and a reason.');
    expect(refused(c.call('purchasing.receive', { poId: po.id, allowOver: true, lines: [{ lineId: line, quantity: 5, binId: s.a1.id }] })).fields).toHaveProperty('overReason');
    // A good line and a bad one: the whole receipt is refused, the good line included.
    const mixed = refused(
      c.call('purchasing.receive', {
        poId: po.id,
        lines: [
          { lineId: line, quantity: 1, binId: s.a1.id },
          { itemId: s.b.id, quantity: 1, binId: s.a1.id },
        ],
      }),
    );
    expect(mixed).toMatchObject({ code: 'NOT_ON_PO', message: 'BRAVO is not on PO-00001' });
    expect(refused(c.call('purchasing.receive', { poId: po.id, lines: [{ lineId: line, quantity: 1, binId: s.zone.id }] })).code).toBe('NOT_A_BIN');
    expect(fingerprint(c)).toBe(before);

    const r2 = c.ok('purchasing.receive', { poId: po.id, allowOver: true, overReason: 'supplier sent a full case', lines: [{ lineId: line, quantity: 5, binId: s.a1.id }] });
    expect(r2.po.status).toBe('received');
    expect(r2.po.lines[0]).toMatchObject({ received: 11, outstanding: 0 });
    expect(c.db.prepare('SELECT over_quantity FROM po_receipt_lines ORDER BY id').all()).toEqual([{ over_quantity: 0 }, { over_quantity: 1 }]);
    expect(c.db.prepare('SELECT over_reason FROM po_receipts ORDER BY id').all()).toEqual([{ over_reason: null }, { over_reason: 'supplier sent a full case' }]);
    expect(c.ok('stock.balances', { itemId: s.a.id })[0].onHand).toBe(11);
    const closed = c.ok('purchasing.orders.close', { id: po.id });
    expect(closed.status).toBe('closed');
    expect(refused(c.call('purchasing.receive', { poId: po.id, allowOver: true, overReason: 'x', lines: [{ lineId: line, quantity: 1, binId: s.a1.id }] })).code).toBe('PO_STATUS');
    expectClean(c);
  });

  it('keeps a short line open until it is closed with a reason', () => {
    const s = seedPurchasing();
    const { c } = s;
    const po = draft(s, [
      { itemId: s.a.id, quantity: 10 },
      { itemId: s.b.id, quantity: 5 },
    ]);
    c.ok('purchasing.orders.send', { id: po.id });
    c.ok('purchasing.receive', {
      poId: po.id,
      lines: [
        { lineId: po.lines[0].id, quantity: 7, binId: s.a1.id },
        { lineId: po.lines[1].id, quantity: 5, binId: s.a2.id },
      ],
    });
    expect(c.ok('purchasing.orders.get', { id: po.id }).status).toBe('partially_received');
    expect(refused(c.call('purchasing.orders.close', { id: po.id })).message).toBe('PO-00001 still expects 3 unit(s): give a reason to close it short');
    const afterLine = c.ok('purchasing.orders.closeLine', { lineId: po.lines[0].id, reason: 'discontinued by supplier' });
    expect(afterLine.status).toBe('received');
    expect(afterLine.lines[0]).toMatchObject({ received: 7, outstanding: 0, closedReason: 'discontinued by supplier' });
    expect(refused(c.call('purchasing.receive', { poId: po.id, lines: [{ lineId: po.lines[0].id, quantity: 1, binId: s.a1.id }] })).message).toMatch(/was closed short/);

    const po2 = draft(s);
    c.ok('purchasing.orders.send', { id: po2.id });
    c.ok('purchasing.receive', { poId: po2.id, lines: [{ itemId: s.a.id, quantity: 2, binId: s.a1.id }] });
    const closed = c.ok('purchasing.orders.close', { id: po2.id, reason: 'rest back-ordered on PO-00003' });
    expect(closed).toMatchObject({ status: 'closed', closeReason: 'rest back-ordered on PO-00003' });
    expect(closed.lines[0]).toMatchObject({ received: 2, outstanding: 0, closedReason: 'rest back-ordered on PO-00003' });
  });

  it('replays an idempotent receipt without receiving twice', () => {
    const s = seedPurchasing();
    const { c } = s;
    const po = draft(s, [{ itemId: s.a.id, quantity: 10 }, { itemId: s.tea.id, quantity: 5 }]);
    c.ok('purchasing.orders.send', { id: po.id });
    const input = {
      poId: po.id,
      idempotencyKey: 'scan-session-1',
      lines: [
        { lineId: po.lines[0].id, quantity: 4, binId: s.a1.id },
        { lineId: po.lines[1].id, quantity: 5, binId: s.a2.id, lot: 'L-77', expiry: '2027-03-31' },
      ],
    };
    const first = c.ok('purchasing.receive', input);
    expect(first.replayed).toBe(false);
    expect(first.movements).toHaveLength(2);
    expect(first.movements[1]).toMatchObject({ lot: 'L-77', expiry: '2027-03-31', quantity: 5 });
    const before = fingerprint(c);
    const again = c.ok('purchasing.receive', input);
    expect(again.replayed).toBe(true);
    expect(again.receiptId).toBe(first.receiptId);
    expect(again.movements).toEqual(first.movements);
    expect(again.po.lines.map((l) => l.received)).toEqual([4, 5]);
    expect(fingerprint(c)).toBe(before);
    expect(refused(c.call('purchasing.receive', { ...input, lines: [input.lines[0]] })).code).toBe('IDEMPOTENCY_CONFLICT');
    // A new key, but the tea line is already complete: the whole receipt is refused, its good first line included.
    expect(refused(c.call('purchasing.receive', { poId: po.id, lines: [{ lineId: po.lines[0].id, quantity: 1, binId: s.a1.id }, { itemId: s.tea.id, quantity: 1, binId: s.a1.id }] })).code).toBe('OVER_RECEIPT');
    expectClean(c);
  });
});

describe('receiving by scan', () => {
  it('finds the PO line from a GS1 label with lot and expiry, a GTIN, a SKU or a supplier SKU', () => {
    const s = seedPurchasing();
    const { c } = s;
    c.ok('catalog.addBarcode', { itemId: s.tea.id, code: '0950600013439' });
    const po = c.ok('purchasing.orders.createDraft', {
      supplierId: s.supplier.id,
      warehouseId: s.wh.id,
      lines: [
        { itemId: s.tea.id, quantity: 24, supplierSku: 'GT-100' },
        { itemId: s.a.id, quantity: 5 },
      ],
    });
    const gs1 = c.ok('purchasing.receivingLookup', { poId: po.id, code: '(01)00950600013439(10)LOT7(17)270331' });
    expect(gs1).toMatchObject({ matchedBy: 'gtin', lot: 'LOT7', expiry: '2027-03-31', quantity: null });
    expect(gs1.line.id).toBe(po.lines[0].id);
    // A case label: the trade item in (02), 12 of them (37).
    const logistic = c.ok('purchasing.receivingLookup', { poId: po.id, code: '(02)00950600013439(37)12(10)LOT7(17)270331' });
    expect(logistic).toMatchObject({ matchedBy: 'gtin', lot: 'LOT7', expiry: '2027-03-31', quantity: 12 });
    // The same label as a wedge scanner sends it: FNC1 as GS after the variable-length lot.
    const wedge = c.ok('purchasing.receivingLookup', { poId: po.id, code: '010095060001343910LOT7\u001d17270331' });
    expect(wedge).toMatchObject({ lot: 'LOT7', expiry: '2027-03-31', quantity: null });
    expect(c.ok('purchasing.receivingLookup', { poId: po.id, code: '0950600013439' })).toMatchObject({ matchedBy: 'gtin', lot: null });
    expect(c.ok('purchasing.receivingLookup', { poId: po.id, code: 'alpha' })).toMatchObject({ matchedBy: 'sku', line: { sku: 'ALPHA' } });
    expect(c.ok('purchasing.receivingLookup', { poId: po.id, code: 'GT-100' })).toMatchObject({ matchedBy: 'supplier_sku', line: { sku: 'TEA-1' } });
    // The mug's GTIN is known, but the mug is not on this PO.
    expect(refused(c.call('purchasing.receivingLookup', { poId: po.id, code: '4006381333931' }))).toMatchObject({ code: 'NOT_ON_PO', message: 'Item MUG-1 is not on PO-00001' });
    expect(refused(c.call('purchasing.receivingLookup', { poId: po.id, code: 'MUG-1' })).message).toBe('Item MUG-1 is not on PO-00001');
    expect(refused(c.call('purchasing.receivingLookup', { poId: po.id, code: 'BIN:A-01' })).code).toBe('BAD_SCAN');
    expect(refused(c.call('purchasing.receivingLookup', { poId: po.id, code: '4006381333932' })).code).toBe('BAD_SCAN');
    expect(refused(c.call('purchasing.receivingLookup', { poId: po.id, code: 'NOPE-42' })).code).toBe('UNKNOWN_ITEM');
  });
});

describe('lead times', () => {
  it('measures sent → first receipt per line, with mean, sample standard deviation and maximum', () => {
    const s = seedPurchasing();
    const { c } = s;
    // Three POs taking 5, 7 and 12 days: mean 8; deviations −3, −1, 4 → (9 + 1 + 16) / 2 = 13 → sd √13; max 12.
    for (const days of [5, 7, 12]) {
      const po = draft(s);
      c.ok('purchasing.orders.send', { id: po.id });
      c.clock.advance(days * DAY);
      c.ok('purchasing.receive', { poId: po.id, lines: [{ itemId: s.a.id, quantity: 6, binId: s.a1.id }] });
      // The back-ordered rest a few days later is not a new lead time.
      c.clock.advance(3 * DAY);
      c.ok('purchasing.receive', { poId: po.id, lines: [{ itemId: s.a.id, quantity: 4, binId: s.a1.id }] });
    }
    const other = draft(s, [{ itemId: s.b.id, quantity: 1 }]);
    c.ok('purchasing.orders.send', { id: other.id });
    c.clock.advance(2 * DAY + DAY / 2);
    c.ok('purchasing.receive', { poId: other.id, lines: [{ itemId: s.b.id, quantity: 1, binId: s.a1.id }] });

    const lt = c.ok('purchasing.leadTimes', { itemId: s.a.id });
    expect(lt.observations.map((o) => [o.number, o.days])).toEqual([
      ['PO-00001', 5],
      ['PO-00002', 7],
      ['PO-00003', 12],
    ]);
    expect(lt.count).toBe(3);
    expect(lt.meanDays).toBe(8);
    expect(lt.stdDevDays).toBeCloseTo(Math.sqrt(13), 12);
    expect(lt.maxDays).toBe(12);
    const all = c.ok('purchasing.leadTimes', { supplierId: s.supplier.id });
    expect(all.observations.map((o) => o.days)).toEqual([5, 7, 12, 2.5]);
    expect(all.maxDays).toBe(12);
    const one = c.ok('purchasing.leadTimes', { itemId: s.b.id });
    expect(one).toMatchObject({ count: 1, meanDays: 2.5, stdDevDays: null, maxDays: 2.5 });
    expect(c.ok('purchasing.leadTimes', { itemId: s.tea.id })).toEqual({ observations: [], count: 0, meanDays: null, stdDevDays: null, maxDays: null });
  });
});
