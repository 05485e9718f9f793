import { seedPurchasing, type Seed } from '../purchasing/setup';

/**
 * A small known March through the API (pence, FIFO), shared by the report-table and export tests:
 *   03-01 PO to Acme: ALPHA 10 @ 500, BRAVO 4 @ 250 (sent)
 *   03-02 received in full: ALPHA → A-01, BRAVO → B-01                   goods 5 000 + 1 000
 *   03-03 stock.receive MUG-1 10 @ 250 → A-02
 *   03-04 freight 14.00 by quantity (ALPHA 10.00, BRAVO 4.00) and duty 6.00 by value (ALPHA 5.00, BRAVO 1.00),
 *         everything still in stock → ALPHA 650 a unit, BRAVO 375
 *   03-10 order SO-1 (manual): ALPHA 3 @ 10.00, shipped             revenue 3 000, COGS 1 950
 *   03-12 order SO-2 (shopify:test-shop): ALPHA 2 @ 9.00 + MUG-1 4 @ 6.00, shipped
 *                                                                     revenue 4 200, COGS 1 300 + 1 000
 *   03-15 theft MUG-1 −1 (250)
 *   04-01 09:00 now.
 * Closing 03-31: A-01 ALPHA 5 @ 650 = 3 250; A-02 MUG 5 @ 250 = 1 250; B-01 BRAVO 4 @ 375 = 1 500; total 6 000.
 * Categories: ALPHA and BRAVO "Widgets" (4 750), MUG-1 "Kitchen" (1 250).
 */
export function buildScenario(): Seed & { so1: string; so2: string; poNumber: string } {
  const s = seedPurchasing();
  const { c } = s;
  const at = (iso: string) => (c.clock.t = new Date(iso));
  at('2026-02-20T09:00:00.000Z');
  // Category, cost and price set after creation.
  c.ok('catalog.update', { id: s.a.id, patch: { category: 'Widgets', costMinor: 500, priceMinor: 1000 } });
  c.ok('catalog.update', { id: s.b.id, patch: { category: 'Widgets', costMinor: 250, priceMinor: 700 } });
  c.ok('catalog.update', { id: s.mug.id, patch: { category: 'Kitchen', costMinor: 250, priceMinor: 600 } });
  c.ok('orders.configure', { requireWeighing: false });
  at('2026-03-01T09:00:00.000Z');
  const po = c.ok('purchasing.orders.createDraft', {
    supplierId: s.supplier.id,
    warehouseId: s.wh.id,
    lines: [
      { itemId: s.a.id, quantity: 10, unitCostMinor: 500 },
      { itemId: s.b.id, quantity: 4, unitCostMinor: 250 },
    ],
  });
  c.ok('purchasing.orders.send', { id: po.id });
  at('2026-03-02T10:00:00.000Z');
  c.ok('purchasing.receive', {
    poId: po.id,
    lines: [
      { lineId: po.lines[0]!.id, quantity: 10, binId: s.a1.id },
      { lineId: po.lines[1]!.id, quantity: 4, binId: s.b1.id },
    ],
    idempotencyKey: 'rcv-scenario',
  });
  at('2026-03-03T10:00:00.000Z');
  c.ok('stock.receive', { itemId: s.mug.id, locationId: s.a2.id, quantity: 10, unitCostMinor: 250 });
  at('2026-03-04T10:00:00.000Z');
  c.ok('purchasing.addCharge', { poId: po.id, kind: 'freight', amountMinor: 1400, basis: 'quantity' });
  c.ok('purchasing.addCharge', { poId: po.id, kind: 'duty', amountMinor: 600, basis: 'value' });
  const ship = (lines: { itemId: number; quantity: number; unitPriceMinor: number }[], channel: string, day: string) => {
    at(`${day}T10:00:00.000Z`);
    const o = c.ok('orders.create', { channel, customerName: 'Ada', shipTo: { name: 'Ada', line1: '1 Road', city: 'Leeds', postalCode: 'LS1 1AA', country: 'GB' }, lines });
    c.ok('orders.allocate', { orderId: o.id });
    for (const l of lines) c.ok('orders.packScan', { orderId: o.id, code: l.itemId === s.a.id ? 'ALPHA' : 'MUG-1', quantity: l.quantity });
    c.ok('orders.ship', { orderId: o.id, carrier: 'RM', service: '24', trackingNumber: `T-${o.number}`, weightGrams: 1000 });
    return o.number;
  };
  const so1 = ship([{ itemId: s.a.id, quantity: 3, unitPriceMinor: 1000 }], 'manual', '2026-03-10');
  const so2 = ship(
    [
      { itemId: s.a.id, quantity: 2, unitPriceMinor: 900 },
      { itemId: s.mug.id, quantity: 4, unitPriceMinor: 600 },
    ],
    'shopify:test-shop',
    '2026-03-12',
  );
  at('2026-03-15T10:00:00.000Z');
  c.ok('stock.adjust', { itemId: s.mug.id, locationId: s.a2.id, quantity: -1, reason: 'theft' });
  at('2026-04-01T09:00:00.000Z');
  return { ...s, so1, so2, poNumber: po.number };
}
