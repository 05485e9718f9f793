import { describe, expect, it } from 'vitest';
import { expectClean, fingerprint, refused, seedPurchasing, type Seed } from './setup';

/**
 * Landed cost with hand-computed allocations. The PO: ALPHA 3 × 5.00, BRAVO 7 × 2.50, CHARLIE 1 × 10.00.
 *   value:    1500, 1750, 1000 (Σ 4250)        quantity: 3, 7, 1 (Σ 11)
 *   weight:   600 g, 7000 g, 300 g (Σ 7900)    volume:   1 500 000, 14 000 000, 1 000 mm³ (Σ 15 501 000)
 */
function receivedPo(s: Seed) {
  const { c } = s;
  const po = c.ok('purchasing.orders.createDraft', {
    supplierId: s.supplier.id,
    warehouseId: s.wh.id,
    lines: [
      { itemId: s.a.id, quantity: 3, unitCostMinor: 500 },
      { itemId: s.b.id, quantity: 7, unitCostMinor: 250 },
      { itemId: s.cc.id, quantity: 1, unitCostMinor: 1000 },
    ],
  });
  c.ok('purchasing.orders.send', { id: po.id });
  c.ok('purchasing.receive', {
    poId: po.id,
    lines: po.lines.map((l) => ({ lineId: l.id, quantity: l.quantity, binId: s.a1.id })),
    idempotencyKey: 'rcv-1',
  });
  return po;
}

const layersOf = (s: Seed, itemId: number) => s.c.ok('stock.layers', { itemId }).map((l) => [l.quantityRemaining, l.unitCostMinor]);

describe('landed cost allocation by basis (largest remainder, exact to the cent)', () => {
  it('by value: 10.00 → 3.53 / 4.12 / 2.35, and the layers carry it', () => {
    const s = seedPurchasing();
    const po = receivedPo(s);
    const { charge } = s.c.ok('purchasing.addCharge', { poId: po.id, kind: 'freight', amountMinor: 1000, basis: 'value' });
    // 1000×1500/4250 = 352.94, 1000×1750/4250 = 411.76, 1000×1000/4250 = 235.29: floors sum to 998; the two cents go
    // to the largest remainders (.94 ALPHA, .76 BRAVO).
    expect(charge.allocations.map((a) => [a.basisAmount, a.amountMinor])).toEqual([
      [1500, 353],
      [1750, 412],
      [1000, 235],
    ]);
    expect(charge.status).toBe('allocated');
    expect(charge.toStockMinor).toBe(1000);
    expect(charge.toCogsMinor).toBe(0);
    // ALPHA 1500 + 353 = 1853 over 3: 117 each (351) and 2 units one penny dearer → 1 × 617, 2 × 618.
    expect(layersOf(s, s.a.id)).toEqual([
      [1, 617],
      [2, 618],
    ]);
    // BRAVO 1750 + 412 = 2162 over 7: 58 each (406), 6 units dearer → 1 × 308, 6 × 309.
    expect(layersOf(s, s.b.id)).toEqual([
      [1, 308],
      [6, 309],
    ]);
    expect(layersOf(s, s.cc.id)).toEqual([[1, 1235]]);
    expect(s.c.ok('stock.valuation', {}).valueMinor).toBe(4250 + 1000);
    const report = s.c.ok('purchasing.landedCost', { poId: po.id });
    expect(report.rows.map((r) => [r.sku, r.baseCostMinor, r.chargesMinor, r.landedCostMinor, r.landedUnitCostMinor])).toEqual([
      ['ALPHA', 1500, 353, 1853, 618], // 617.67
      ['BRAVO', 1750, 412, 2162, 309], // 308.86
      ['CHARLIE', 1000, 235, 1235, 1235],
    ]);
    expect(report.totals).toEqual({ baseCostMinor: 4250, chargesMinor: 1000, landedCostMinor: 5250, pendingChargesMinor: 0, toStockMinor: 1000, toCogsMinor: 0 });
    expectClean(s.c);
  });

  it('by quantity: 1.00 over 3/7/1 units → 0.27 / 0.64 / 0.09', () => {
    const s = seedPurchasing();
    const po = receivedPo(s);
    // 300/11 = 27.27, 700/11 = 63.64, 100/11 = 9.09: one cent left, to BRAVO (.64).
    const { charge } = s.c.ok('purchasing.addCharge', { poId: po.id, kind: 'insurance', amountMinor: 100, basis: 'quantity' });
    expect(charge.allocations.map((a) => a.amountMinor)).toEqual([27, 64, 9]);
    // ALPHA 27 over 3 → 9 each: 3 × 509. BRAVO 64 over 7 → 9 each (63), 1 dearer: 6 × 259, 1 × 260.
    expect(layersOf(s, s.a.id)).toEqual([[3, 509]]);
    expect(layersOf(s, s.b.id)).toEqual([
      [6, 259],
      [1, 260],
    ]);
    expect(layersOf(s, s.cc.id)).toEqual([[1, 1009]]);
    expect(s.c.ok('stock.valuation', {}).valueMinor).toBe(4350);
    expectClean(s.c);
  });

  it('by weight: 10.00 over 600/7000/300 g → 0.76 / 8.86 / 0.38', () => {
    const s = seedPurchasing();
    const po = receivedPo(s);
    // 600000/7900 = 75.95, 7000000/7900 = 886.08, 300000/7900 = 37.97: two cents left, to CHARLIE (.97) and ALPHA (.95).
    const { charge } = s.c.ok('purchasing.addCharge', { poId: po.id, kind: 'duty', amountMinor: 1000, basis: 'weight' });
    expect(charge.allocations.map((a) => [a.basisAmount, a.amountMinor])).toEqual([
      [600, 76],
      [7000, 886],
      [300, 38],
    ]);
    expect(s.c.ok('stock.valuation', {}).valueMinor).toBe(5250);
    expectClean(s.c);
  });

  it('by volume: 10.00 over 1.5M/14M/1000 mm³ → 0.97 / 9.03 / 0.00', () => {
    const s = seedPurchasing();
    const po = receivedPo(s);
    // 1.5e9/15501000 = 96.77, 1.4e10/15501000 = 903.17, 1e6/15501000 = 0.06: one cent left, to ALPHA (.77).
    const { charge } = s.c.ok('purchasing.addCharge', { poId: po.id, kind: 'tariff', amountMinor: 1000, basis: 'volume' });
    expect(charge.allocations.map((a) => [a.basisAmount, a.amountMinor])).toEqual([
      [1_500_000, 97],
      [14_000_000, 903],
      [1000, 0],
    ]);
    expect(layersOf(s, s.cc.id)).toEqual([[1, 1000]]);
    expect(s.c.ok('stock.valuation', {}).valueMinor).toBe(5250);
    expectClean(s.c);
  });

  it('restricted to some lines: the others get nothing', () => {
    const s = seedPurchasing();
    const po = receivedPo(s);
    // ALPHA 1500 and CHARLIE 1000 by value: 600×1500/2500 = 360, 600×1000/2500 = 240.
    const { charge } = s.c.ok('purchasing.addCharge', { poId: po.id, kind: 'other', amountMinor: 600, basis: 'value', lines: [po.lines[2].id, po.lines[0].id] });
    expect(charge.lineIds).toEqual([po.lines[0].id, po.lines[2].id]);
    expect(charge.allocations.map((a) => [a.lineId, a.amountMinor])).toEqual([
      [po.lines[0].id, 360],
      [po.lines[2].id, 240],
    ]);
    expect(layersOf(s, s.b.id)).toEqual([[7, 250]]);
    expectClean(s.c);
  });

  it('refuses a basis the items lack data for, lines of another PO, and writes nothing', () => {
    const s = seedPurchasing();
    const po = receivedPo(s);
    s.c.ok('catalog.update', { id: s.b.id, patch: { weightGrams: null } });
    const before = fingerprint(s.c);
    const e = refused(s.c.call('purchasing.addCharge', { poId: po.id, kind: 'duty', amountMinor: 1000, basis: 'weight' }));
    expect(e.code).toBe('ITEM_DATA_MISSING');
    expect(e.message).toMatch(/BRAVO \(line 2 of PO-00001\) has no weight/);
    s.c.ok('catalog.update', { id: s.cc.id, patch: { heightMm: null } });
    expect(refused(s.c.call('purchasing.addCharge', { poId: po.id, kind: 'duty', amountMinor: 1000, basis: 'volume' })).message).toMatch(/CHARLIE .* has no dimensions/);
    expect(refused(s.c.call('purchasing.addCharge', { poId: po.id, kind: 'duty', amountMinor: 1000, basis: 'value', lines: [999] })).code).toBe('NOT_ON_PO');
    expect(refused(s.c.call('purchasing.addCharge', { poId: po.id, kind: 'duty', amountMinor: 0, basis: 'value' })).code).toBe('VALIDATION');
    expect(refused(s.c.call('purchasing.addCharge', { poId: po.id, kind: 'duty', amountMinor: 12.5, basis: 'value' })).code).toBe('VALIDATION');
    expect(fingerprint(s.c)).toBe(before);
  });

  it('replays an idempotent charge without charging twice', () => {
    const s = seedPurchasing();
    const po = receivedPo(s);
    const first = s.c.ok('purchasing.addCharge', { poId: po.id, kind: 'freight', amountMinor: 1000, basis: 'value', idempotencyKey: 'bill-77' });
    const before = fingerprint(s.c);
    const again = s.c.ok('purchasing.addCharge', { poId: po.id, kind: 'freight', amountMinor: 1000, basis: 'value', idempotencyKey: 'bill-77' });
    expect(again.replayed).toBe(true);
    expect(again.charge).toEqual(first.charge);
    expect(fingerprint(s.c)).toBe(before);
    expect(refused(s.c.call('purchasing.addCharge', { poId: po.id, kind: 'freight', amountMinor: 999, basis: 'value', idempotencyKey: 'bill-77' })).code).toBe('IDEMPOTENCY_CONFLICT');
  });
});

describe('a charge arriving after part of the stock was sold', () => {
  it('sends the sold share to cost of goods and the rest to the remaining layers, to the cent', () => {
    const s = seedPurchasing();
    const { c } = s;
    const po = c.ok('purchasing.orders.createDraft', { supplierId: s.supplier.id, warehouseId: s.wh.id, lines: [{ itemId: s.a.id, quantity: 10, unitCostMinor: 500 }] });
    c.ok('purchasing.orders.send', { id: po.id });
    c.ok('purchasing.receive', { poId: po.id, lines: [{ lineId: po.lines[0].id, quantity: 10, binId: s.a1.id }] });
    const sale = c.ok('stock.issue', { itemId: s.a.id, locationId: s.a1.id, quantity: 4, docRef: 'SO-1' });
    expect(sale.movements[0].totalCostMinor).toBe(2000);
    c.ok('stock.transfer', { itemId: s.a.id, fromLocationId: s.a1.id, toLocationId: s.a2.id, quantity: 2 });

    // 10.03 over the 10 units by where they are now: 4 still in A-01, 4 sold, 2 moved to A-02.
    // 1003×4/10 = 401.2, 401.2, 200.6: one cent left, to the 2 in A-02 (.6) → 401 / 401 / 201.
    const { charge } = c.ok('purchasing.addCharge', { poId: po.id, kind: 'freight', amountMinor: 1003, basis: 'quantity', billRef: 'INV-9' });
    expect(charge.toCogsMinor).toBe(401);
    expect(charge.toStockMinor).toBe(602);
    const cogs = c.db.prepare("SELECT consumed_by_movement_id m, quantity q, amount_minor a FROM cost_adjustments WHERE kind = 'cogs'").all();
    expect(cogs).toEqual([{ m: sale.movements[0].id, q: 4, a: 401 }]);
    // 4 × 500 + 401 = 2401 → 3 × 600 and 1 × 601. A-02: 2 × 500 + 201 = 1201 → 1 × 600 and 1 × 601.
    expect(c.ok('stock.layers', { itemId: s.a.id }).map((l) => [l.path, l.quantityRemaining, l.unitCostMinor])).toEqual([
      ['MAIN / A / A-01', 3, 600],
      ['MAIN / A / A-01', 1, 601],
      ['MAIN / A / A-02', 1, 600],
      ['MAIN / A / A-02', 1, 601],
    ]);
    const val = c.ok('stock.valuation', { itemId: s.a.id });
    expect(val.valueMinor).toBe(3602);
    const layerSum = (c.db.prepare('SELECT sum(remaining * unit_cost_minor) v FROM cost_layers WHERE item_id = ?').get(s.a.id) as { v: number }).v;
    expect(val.valueMinor).toBe(layerSum);
    // Everything paid (5000 + 1003) is either in stock (3602) or cost of goods (2000 + 401).
    expect(3602 + 2000 + 401).toBe(5000 + 1003);
    const byItem = c.ok('purchasing.landedCost', { itemId: s.a.id });
    expect(byItem.totals).toMatchObject({ baseCostMinor: 5000, chargesMinor: 1003, landedCostMinor: 6003, toStockMinor: 602, toCogsMinor: 401 });
    expect(byItem.rows[0].landedUnitCostMinor).toBe(600); // 600.3
    expectClean(c);

    // The next sale takes the cheaper revalued units first: 3 × 6.00.
    expect(c.ok('stock.issue', { itemId: s.a.id, locationId: s.a1.id, quantity: 3 }).movements[0].totalCostMinor).toBe(1800);
    expect(c.ok('stock.valuation', { itemId: s.a.id }).valueMinor).toBe(1802);

    // A second charge follows the units through the transfer and the first revaluation. In trace order: first sale 4,
    // A-02's two revalued units 1 + 1, second sale 3, A-01's last unit 1 → 40 / 10 / 10 / 30 / 10 of 1.00.
    const second = c.ok('purchasing.addCharge', { poId: po.id, kind: 'duty', amountMinor: 100, basis: 'quantity' });
    expect(c.db.prepare("SELECT kind, quantity q, amount_minor a FROM cost_adjustments WHERE source_id = ? ORDER BY id").all(second.charge.id)).toEqual([
      { kind: 'cogs', q: 4, a: 40 },
      { kind: 'revalue', q: 1, a: 10 },
      { kind: 'revalue', q: 1, a: 10 },
      { kind: 'cogs', q: 3, a: 30 },
      { kind: 'revalue', q: 1, a: 10 },
    ]);
    expect(second.charge.toCogsMinor).toBe(70);
    expect(second.charge.toStockMinor).toBe(30);
    expect(c.ok('stock.valuation', { itemId: s.a.id }).valueMinor).toBe(1832);
    expectClean(c);
  });

  it('a charge entered before the goods waits, then is allocated in the receipt', () => {
    const s = seedPurchasing();
    const { c } = s;
    const po = c.ok('purchasing.orders.createDraft', {
      supplierId: s.supplier.id,
      warehouseId: s.wh.id,
      lines: [
        { itemId: s.a.id, quantity: 3, unitCostMinor: 500 },
        { itemId: s.b.id, quantity: 7, unitCostMinor: 250 },
      ],
    });
    expect(refused(c.call('purchasing.addCharge', { poId: po.id, kind: 'freight', amountMinor: 500, basis: 'value' })).code).toBe('PO_STATUS');
    c.ok('purchasing.orders.send', { id: po.id });
    const { charge } = c.ok('purchasing.addCharge', { poId: po.id, kind: 'freight', amountMinor: 500, basis: 'value' });
    expect(charge.status).toBe('pending');
    expect(c.ok('purchasing.landedCost', { poId: po.id }).totals.pendingChargesMinor).toBe(500);
    c.ok('purchasing.receive', { poId: po.id, lines: po.lines.map((l) => ({ lineId: l.id, quantity: l.quantity, binId: s.a1.id })) });
    // 500×1500/3250 = 230.77, 500×1750/3250 = 269.23: one cent left, to ALPHA → 231 / 269.
    const after = c.ok('purchasing.orders.get', { id: po.id }).charges[0];
    expect(after.status).toBe('allocated');
    expect(after.allocations.map((a) => a.amountMinor)).toEqual([231, 269]);
    // ALPHA 1500 + 231 = 1731 → 3 × 577. BRAVO 1750 + 269 = 2019 → 38 each (266) and 3 dearer: 4 × 288, 3 × 289.
    expect(layersOf(s, s.a.id)).toEqual([[3, 577]]);
    expect(layersOf(s, s.b.id)).toEqual([
      [4, 288],
      [3, 289],
    ]);
    expect(c.ok('stock.valuation', {}).valueMinor).toBe(3750);
    expectClean(c);
  });
});
