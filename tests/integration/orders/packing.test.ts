import { afterEach, describe, expect, it } from 'vitest';
import { makeCore, type TestCore } from '../../helpers/core';
import { gs1, newOrder, seedOrders, snapshot } from './seed';

let c: TestCore;
afterEach(() => c?.close());

function setup() {
  c = makeCore();
  const s = seedOrders(c);
  c.ok('stock.receive', { itemId: s.mug.id, locationId: s.a01.id, quantity: 2, unitCostMinor: 200 });
  c.clock.advance(3_600_000);
  c.ok('stock.receive', { itemId: s.mug.id, locationId: s.a01.id, quantity: 3, unitCostMinor: 310 });
  c.ok('stock.receive', { itemId: s.tea.id, locationId: s.a02.id, quantity: 5, unitCostMinor: 120, lot: 'L1', expiry: '2026-12-01' });
  c.ok('stock.receive', { itemId: s.tea.id, locationId: s.a02.id, quantity: 5, unitCostMinor: 150, lot: 'L2', expiry: '2027-05-01' });
  c.ok('stock.receive', { itemId: s.plate.id, locationId: s.a10.id, quantity: 1, unitCostMinor: 400 });
  const o = newOrder(c, [
    { itemId: s.mug.id, quantity: 3, unitPriceMinor: 600 },
    { itemId: s.tea.id, quantity: 2, unitPriceMinor: 450 },
    { itemId: s.plate.id, quantity: 1, unitPriceMinor: 1200 },
  ]);
  c.ok('orders.allocate', { orderId: o.id });
  c.ok('orders.pickList', { orderIds: [o.id], totes: [{ orderId: o.id, tote: 'TOTE-7' }] });
  return { s, o, lines: c.ok('orders.get', { id: o.id }).lines };
}

const MUG = '4006381333931';
const PLATE = '5012345678900';
const TEA = '5000000000012';

describe('the packing bench', () => {
  it('packs by scan, refuses wrong item / wrong lot / one too many without changing anything, weighs, ships to the ledger', () => {
    const { s, o, lines } = setup();
    const byNumber = c.ok('orders.packSession', { code: 'SO-00001' });
    expect(byNumber.lines.map((l) => [l.sku, l.lots, l.expected, l.packed])).toEqual([
      ['MUG-1', [], 3, 0],
      ['TEA-1', ['L1'], 2, 0],
      ['PLATE-1', [], 1, 0],
    ]);
    expect(byNumber.message).toBe('SO-00001: 6 units to pack');
    // 3 × 350 + 2 × 110 + 500 + the medium box 300 = 2070 g; tolerance max(20 g, 5 % = 103 g).
    expect([byNumber.weight.expectedGrams, byNumber.weight.toleranceGrams, byNumber.box?.code]).toEqual([2070, 103, 'M']);
    expect(c.ok('orders.packSession', { code: 'TOTE-7' }).orderId).toBe(o.id);
    const unknown = c.call('orders.packSession', { code: 'SO-99999' });
    expect(unknown.ok || unknown.error.code).toBe('UNKNOWN_ORDER');

    const before = snapshot(c);
    const refuse = (code: string, extra: { quantity?: number; lot?: string } = {}) => {
      const r = c.call('orders.packScan', { orderId: o.id, code, ...extra });
      if (r.ok) throw new Error(`${code} was accepted`);
      return [r.error.code, r.error.message];
    };
    expect(refuse('5000000000029')).toEqual(['WRONG_ITEM', 'Wrong item: CANDLE-1 Candle is not on SO-00001']);
    expect(refuse('5000000000036')).toEqual(['WRONG_ITEM', 'Wrong item: GTIN 05000000000036 is not in the catalog and not on SO-00001']);
    expect(refuse(TEA)).toEqual(['LOT_REQUIRED', 'TEA-1 is lot tracked: scan its GS1 label with the lot, or type it']);
    expect(refuse(gs1(TEA, 'L2'))).toEqual(['WRONG_LOT', 'Wrong lot: TEA-1 lot L2 is not the one reserved for SO-00001 (lot L1)']);
    expect(refuse(MUG, { quantity: 4 })).toEqual(['OVER_SCAN', 'Too many: only 3 more × MUG-1 to pack (0 of 3 packed), not 4']);
    expect(snapshot(c)).toEqual(before);

    c.ok('orders.packScan', { orderId: o.id, code: MUG });
    expect(c.ok('orders.packScan', { orderId: o.id, code: 'MUG-1', quantity: 2 }).message).toBe('2 × MUG-1 Enamel mug: 3 of 3');
    const full = snapshot(c);
    expect(refuse(MUG)).toEqual(['OVER_SCAN', 'One too many: MUG-1 is complete (3 of 3 packed)']);
    expect(snapshot(c)).toEqual(full);
    c.ok('orders.packScan', { orderId: o.id, code: TEA, lot: 'L1' });
    c.ok('orders.packScan', { orderId: o.id, code: gs1(TEA, 'L1') });
    const packed = c.ok('orders.packScan', { orderId: o.id, code: PLATE });
    expect(packed.message).toBe('1 × PLATE-1 Stoneware plate: 1 of 1. SO-00001 is packed: weigh it');
    expect([packed.status, packed.complete]).toEqual(['packed', true]);

    // Undo is a reversing event: the scan stays in the history.
    const undone = c.ok('orders.packUndo', { orderId: o.id, lineId: lines[2].id });
    expect([undone.status, undone.lines[2].packed, undone.message]).toEqual(['picking', 0, 'Undone: 1 × PLATE-1 taken out']);
    const nothing = c.call('orders.packUndo', { orderId: o.id, lineId: lines[2].id });
    expect(nothing.ok || nothing.error.code).toBe('NOTHING_TO_UNDO');
    c.ok('orders.packScan', { orderId: o.id, code: PLATE });
    const ev = c.ok('orders.events', { orderId: o.id }).filter((e) => e.kind === 'pack' || e.kind === 'unpack');
    expect(ev.map((e) => [e.kind, e.lineId, e.quantity, e.lot])).toEqual([
      ['pack', lines[0].id, 1, null],
      ['pack', lines[0].id, 2, null],
      ['pack', lines[1].id, 1, 'L1'],
      ['pack', lines[1].id, 1, 'L1'],
      ['pack', lines[2].id, 1, null],
      ['unpack', lines[2].id, -1, null],
      ['pack', lines[2].id, 1, null],
    ]);
    expect(ev[5].reversesEventId).toBe(ev[4].id);

    // Not weighed yet: the label weight is checked instead, and 2500 g is not 2070 ± 103.
    const ship = { orderId: o.id, carrier: 'DPD', service: 'Next day', trackingNumber: '15501234567890', weightGrams: 1800 };
    const noWeigh = c.call('orders.ship', { ...ship, weightGrams: 2500 });
    expect(noWeigh.ok || noWeigh.error.code).toBe('WEIGHT_MISMATCH');
    const heavy = c.ok('orders.weigh', { orderId: o.id, grams: 2300 });
    expect([heavy.status, heavy.differenceGrams, heavy.message]).toEqual([
      'mismatch',
      230,
      'Weight mismatch: 2300 g, expected 2070 g ± 103 g (+230 g). Check the parcel, re-weigh, or override with a reason',
    ]);
    const blocked = snapshot(c);
    const refused = c.call('orders.ship', ship);
    expect(refused.ok || refused.error.code).toBe('WEIGHT_MISMATCH');
    expect(snapshot(c)).toEqual(blocked);
    expect(c.ok('orders.weigh', { orderId: o.id, grams: 2170 }).status).toBe('ok');
    expect(c.ok('orders.weigh', { orderId: o.id, grams: 1800 }).status).toBe('mismatch');
    const ov = c.ok('orders.overrideWeight', { orderId: o.id, reason: 'Lighter plate from the new supplier, checked' });
    expect([ov.status, ov.message]).toEqual(['overridden', 'Weight check overridden: Lighter plate from the new supplier, checked']);

    const pre = c.ok('orders.labelData', { orderId: o.id, carrier: 'DPD', service: 'Next day', trackingNumber: '15501234567890' });
    expect(pre.missing).toEqual([]);
    expect(pre.shipping?.weight).toEqual({ value: 1.8, unit: 'kg' });

    const shipped = c.ok('orders.ship', ship);
    // FIFO: mugs 2 × 200 + 1 × 310; tea lot L1 2 × 120; plate 400.
    expect(shipped.cogsMinor).toBe(710 + 240 + 400);
    expect(shipped.order.lines.map((l) => [l.sku, l.shipped, l.cogsMinor])).toEqual([
      ['MUG-1', 3, 710],
      ['TEA-1', 2, 240],
      ['PLATE-1', 1, 400],
    ]);
    expect(shipped.movements.map((m) => [m.sku, m.lot, m.fromPath, m.toPath, m.quantity, m.totalCostMinor, m.docRef, m.reason])).toEqual([
      ['MUG-1', null, 'MAIN / A / A-01', 'Customers', 3, 710, 'SO-00001', 'issue'],
      ['TEA-1', 'L1', 'MAIN / A / A-02', 'Customers', 2, 240, 'SO-00001', 'issue'],
      ['PLATE-1', null, 'MAIN / A / A-10', 'Customers', 1, 400, 'SO-00001', 'issue'],
    ]);
    expect(shipped.order.status).toBe('shipped');
    expect(shipped.order.shipment).toEqual({ carrier: 'DPD', service: 'Next day', trackingNumber: '15501234567890', weightGrams: 1800, shippedAt: c.clock.now().toISOString() });
    expect(shipped.order.tote).toBeNull();
    expect(shipped.order.cogsMinor).toBe(1350);
    for (const item of [s.mug, s.tea, s.plate]) expect(c.ok('stock.reservations', { itemId: item.id })).toEqual([]);
    expect(c.ok('stock.balances', {}).map((b) => [b.sku, b.lot, b.onHand, b.reserved])).toEqual([
      ['MUG-1', null, 2, 0],
      ['TEA-1', 'L1', 3, 0],
      ['TEA-1', 'L2', 5, 0],
    ]);
    // What is left is valued at the layers not shipped: 2 mugs × 310, 3 × 120 + 5 × 150 of tea.
    expect(c.ok('stock.valuation', {}).valueMinor).toBe(2 * 310 + 3 * 120 + 5 * 150);
    expect(c.ok('system.check', {}).ok).toBe(true);

    const movements = snapshot(c).movements;
    const again = c.ok('orders.ship', ship);
    expect([again.replayed, again.cogsMinor, again.movements]).toEqual([true, 1350, shipped.movements]);
    expect(snapshot(c).movements).toBe(movements);
    const other = c.call('orders.ship', { ...ship, trackingNumber: 'X1' });
    expect(other.ok || other.error.code).toBe('ORDER_STATUS');

    const label = c.ok('orders.labelData', { orderId: o.id });
    expect(label.shipping).toEqual({
      shipTo: { name: 'Ada Lovelace', line1: '12 St James Square', city: 'London', postalCode: 'SW1Y 4JH', country: 'GB' },
      orderNumber: 'SO-00001',
      carrier: 'DPD',
      service: 'Next day',
      trackingNumber: '15501234567890',
      weight: { value: 1.8, unit: 'kg' },
    });
    expect(label.packingSlip.lines.map((l) => [l.sku, l.quantity, l.lots, l.totalMinor])).toEqual([
      ['MUG-1', 3, [], 1800],
      ['TEA-1', 2, ['L1'], 900],
      ['PLATE-1', 1, [], 1200],
    ]);
    expect(label.packingSlip.totalMinor).toBe(3900);
    // The label data is what the 4×6 template takes.
    const preview = c.ok('labels.preview', { template: 'shipping', data: label.shipping! });
    expect(preview.zpl).toContain('15501234567890');
    expect(c.ok('orders.events', { orderId: o.id }).every((e) => e.actor === 'tester' && e.device === 'vitest')).toBe(true);
  });

  it('blocks an order whose expected weight is unknown until overridden, and chooses boxes', () => {
    c = makeCore();
    const s = seedOrders(c);
    c.ok('stock.receive', { itemId: s.candle.id, locationId: s.a01.id, quantity: 2, unitCostMinor: 90 });
    const o = newOrder(c, [{ itemId: s.candle.id, quantity: 2 }]);
    c.ok('orders.allocate', { orderId: o.id });
    const early = c.call('orders.weigh', { orderId: o.id, grams: 500 });
    expect(early.ok || early.error.code).toBe('NOT_PACKED');
    const notPacked = c.call('orders.ship', { orderId: o.id, carrier: 'RM', service: '48', trackingNumber: 'T1', weightGrams: 500 });
    expect(notPacked.ok || [notPacked.error.code, notPacked.error.message]).toEqual(['NOT_PACKED', 'SO-00001 is not fully packed: 2 units still to pack']);
    c.ok('orders.packScan', { orderId: o.id, code: '5000000000029', quantity: 2 });
    const box = c.call('orders.setBox', { orderId: o.id, box: 'XL' });
    expect(box.ok || box.error.code).toBe('UNKNOWN_BOX');
    expect(c.ok('orders.setBox', { orderId: o.id, box: 's' }).box).toEqual({ code: 'S', name: 'Small box', weightGrams: 150 });
    const w = c.ok('orders.weigh', { orderId: o.id, grams: 500 });
    expect([w.status, w.expectedGrams, w.missingWeights]).toEqual(['mismatch', null, ['CANDLE-1']]);
    const r = c.call('orders.ship', { orderId: o.id, carrier: 'RM', service: '48', trackingNumber: 'T1', weightGrams: 500 });
    expect(r.ok || r.error.code).toBe('WEIGHT_MISMATCH');
    c.ok('orders.overrideWeight', { orderId: o.id, reason: 'Candles have no weight on file yet' });
    const done = c.ok('orders.ship', { orderId: o.id, carrier: 'RM', service: '48', trackingNumber: 'T1', weightGrams: 500 });
    expect([done.order.status, done.cogsMinor]).toEqual(['shipped', 180]);
  });

  it('refuses to open a held or cancelled order at the bench', () => {
    c = makeCore();
    const s = seedOrders(c);
    c.ok('stock.receive', { itemId: s.mug.id, locationId: s.a01.id, quantity: 1 });
    const o = newOrder(c, [{ itemId: s.mug.id, quantity: 1 }]);
    c.ok('orders.allocate', { orderId: o.id });
    c.ok('orders.hold', { orderId: o.id, reason: 'Payment review' });
    const held = c.call('orders.packSession', { code: 'SO-00001' });
    expect(held.ok || [held.error.code, held.error.message]).toEqual(['ORDER_STATUS', 'SO-00001 is on hold (Payment review): cannot be packed']);
    const scan = c.call('orders.packScan', { orderId: o.id, code: MUG });
    expect(scan.ok || scan.error.code).toBe('ORDER_STATUS');
    c.ok('orders.cancel', { orderId: o.id, reason: 'Fraud' });
    const x = c.call('orders.packSession', { code: 'so-00001' });
    expect(x.ok || x.error.message).toBe('SO-00001 was cancelled (Fraud): cannot be packed');
  });
});
