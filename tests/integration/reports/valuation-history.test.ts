import { afterEach, describe, expect, it } from 'vitest';
import { makeCore, seedBasic, type TestCore } from '../../helpers/core';
import { seedPurchasing } from '../purchasing/setup';

/** The as-of valuation follows landed cost (revalued layers, cost of goods adjustments) and negative stock in time. */
describe('reports: valuation history through landed cost and negative stock', () => {
  let c: TestCore | undefined;
  afterEach(() => c?.close());

  it('a freight charge after a partial sale revalues the rest from its own day, and its sold share is COGS that day', () => {
    const s = seedPurchasing();
    c = s.c;
    const at = (iso: string) => (s.c.clock.t = new Date(iso));
    /*
     * 04-01 PO: ALPHA 10 × 500 received into A-01                      [10@500]   close 5 000
     * 04-02 issue 4: 4@500 = 2 000 COGS                                [6@500]          3 000
     * 04-03 freight 1 000 on the PO (one line): 4 units gone → 400 to COGS, 6 in stock → 600 to
     *       their layer: 6@600                                                           3 600
     * 04-04 issue 3: 3@600 = 1 800 COGS                                [3@600]          1 800
     */
    at('2026-04-01T10:00:00.000Z');
    const po = s.c.ok('purchasing.orders.createDraft', { supplierId: s.supplier.id, warehouseId: s.wh.id, lines: [{ itemId: s.a.id, quantity: 10, unitCostMinor: 500 }] });
    s.c.ok('purchasing.orders.send', { id: po.id });
    s.c.ok('purchasing.receive', { poId: po.id, lines: [{ lineId: po.lines[0]!.id, quantity: 10, binId: s.a1.id }] });
    at('2026-04-02T10:00:00.000Z');
    s.c.ok('stock.issue', { itemId: s.a.id, locationId: s.a1.id, quantity: 4 });
    at('2026-04-03T10:00:00.000Z');
    const { charge } = s.c.ok('purchasing.addCharge', { poId: po.id, kind: 'freight', amountMinor: 1000, basis: 'value' });
    expect([charge.toStockMinor, charge.toCogsMinor]).toEqual([600, 400]);
    at('2026-04-04T10:00:00.000Z');
    s.c.ok('stock.issue', { itemId: s.a.id, locationId: s.a1.id, quantity: 3 });
    at('2026-04-06T10:00:00.000Z');

    const value = (asOf: string) => s.c.ok('reports.valuation', { asOf, groupBy: 'item' }).valueMinor;
    expect([value('2026-03-31'), value('2026-04-01'), value('2026-04-02'), value('2026-04-03'), value('2026-04-04')]).toEqual([0, 5000, 3000, 3600, 1800]);
    // The instant before the charge: still 6@500.
    expect(value('2026-04-03T09:59:59.999Z')).toBe(3000);
    expect(value('2026-04-06')).toBe(s.c.ok('stock.valuation', {}).valueMinor);

    // COGS 04-01..04-04 = 2 000 + 400 + 1 800 = 4 200; average = (5 000 + 3 000 + 3 600 + 1 800) ÷ 4 = 13 400 ÷ 4 = 3 350
    const k = s.c.ok('reports.kpis', { from: '2026-04-01', to: '2026-04-04', itemId: s.a.id });
    expect(k.cogsMinor).toBe(4200);
    expect(k.averageInventoryMinor).toBe(3350);
    // turnover = 4 200 ÷ 3 350 = 1.253 7…; sell-through = 7 ÷ 10 × 100 = 70 %
    expect(k.kpis.find((x) => x.key === 'inventoryTurnover')!.value).toBeCloseTo(4200 / 3350, 12);
    expect(k.kpis.find((x) => x.key === 'sellThrough')!.value).toBe(70);
    // Only 04-03: the landed cost that reached sold units is that day's COGS.
    expect(s.c.ok('reports.kpis', { from: '2026-04-03', to: '2026-04-03', itemId: s.a.id }).cogsMinor).toBe(400);
  });

  it('stock sold before it arrived is a negative layer until the next receipt fills it', () => {
    c = makeCore();
    const core = c;
    const at = (iso: string) => (core.clock.t = new Date(iso));
    const wh = core.ok('locations.createWarehouse', { code: 'NEG', name: 'Sells ahead', allowNegative: true });
    const bin = core.ok('locations.create', { warehouseId: wh.id, kind: 'bin', code: 'N-01' });
    const item = core.ok('catalog.create', { sku: 'NEG-1', name: 'Pre-sold', costMinor: 100, priceMinor: 200 });
    /*
     * 05-01 receive 2 @ 100                          [2@100]            close   200 (2 units)
     * 05-02 issue 5: 2@100 + 3 beyond stock @ 100    [−3@100]                  −300 (−3 units)
     * 05-03 receive 5 @ 120: 3 fill the negative     [2@120]                    240 (2 units)
     */
    at('2026-05-01T10:00:00.000Z');
    core.ok('stock.receive', { itemId: item.id, locationId: bin.id, quantity: 2, unitCostMinor: 100 });
    at('2026-05-02T10:00:00.000Z');
    core.ok('stock.issue', { itemId: item.id, locationId: bin.id, quantity: 5 });
    at('2026-05-03T10:00:00.000Z');
    core.ok('stock.receive', { itemId: item.id, locationId: bin.id, quantity: 5, unitCostMinor: 120 });
    at('2026-05-04T10:00:00.000Z');

    const v = (asOf: string) => {
      const r = core.ok('reports.valuation', { asOf, groupBy: 'location', warehouseId: wh.id });
      return [r.quantity, r.valueMinor];
    };
    expect(v('2026-05-01')).toEqual([2, 200]);
    expect(v('2026-05-02')).toEqual([-3, -300]);
    expect(v('2026-05-03')).toEqual([2, 240]);
    const live = core.ok('stock.valuation', { warehouseId: wh.id });
    expect(v('2026-05-04')).toEqual([live.quantity, live.valueMinor]);
    // Stockout days 05-01..05-03: the 05-02 close is −3 → 1 day.
    const k = core.ok('reports.kpis', { from: '2026-05-01', to: '2026-05-03', itemId: item.id });
    expect(k.kpis.find((x) => x.key === 'stockoutDays')!.value).toBe(1);
  });

  it('prices sales at their sales-order line, else at the list price', () => {
    c = makeCore();
    const core = c;
    const at = (iso: string) => (core.clock.t = new Date(iso));
    const s = seedBasic(core);
    const item = core.ok('catalog.create', { sku: 'PRICED', name: 'Priced', costMinor: 100, priceMinor: 200 });
    at('2026-06-01T10:00:00.000Z');
    core.ok('stock.receive', { itemId: item.id, locationId: s.a1.id, quantity: 10, unitCostMinor: 100 });
    at('2026-06-02T10:00:00.000Z');
    const order = core.ok('orders.create', {
      customerName: 'Ada',
      shipTo: { name: 'Ada', line1: '1 Road', city: 'Leeds', postalCode: 'LS1 1AA', country: 'GB' },
      lines: [{ itemId: item.id, quantity: 4, unitPriceMinor: 250 }],
    });
    core.ok('stock.issue', { itemId: item.id, locationId: s.a1.id, quantity: 4, docRef: order.number });
    core.ok('stock.issue', { itemId: item.id, locationId: s.a1.id, quantity: 1 });
    // revenue = 4 × 250 (order line) + 1 × 200 (list price) = 1 200; COGS = 5 × 100 = 500
    const k = core.ok('reports.kpis', { from: '2026-06-01', to: '2026-06-02', itemId: item.id });
    expect([k.revenueMinor, k.cogsMinor]).toEqual([1200, 500]);
    // closes 1 000, 500 → average 750; GMROI = (1 200 − 500) ÷ 750 = 0.933 3…
    expect(k.averageInventoryMinor).toBe(750);
    expect(k.kpis.find((x) => x.key === 'gmroi')!.value).toBeCloseTo(700 / 750, 12);
    // fill rate from the order lines of the period: the order was not shipped through orders.ship → 0 ÷ 4
    const fill = k.kpis.find((x) => x.key === 'fillRate')!;
    expect(fill.inputs).toEqual({ unitsShipped: 0, unitsOrdered: 4 });
    expect(fill.value).toBe(0);
  });
});
