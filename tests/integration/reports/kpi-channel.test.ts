import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KpiResultDto } from '../../../src/shared/api/reports';
import { kpisFromInputs, type KpiInputs } from '../../../src/main/reports/kpi-service';
import { friendlyReason } from '../../../src/renderer/src/components/dashboard/kpi-format';
import { buildScenario } from './scenario';

/**
 * reports.kpis and reports.dashboard per sales channel, on the March of ./scenario.ts plus an April:
 *   03-10 SO-1 (manual): ALPHA 3 @ 10.00 shipped                    revenue 3 000, COGS 1 950 (3 × 650)
 *   03-12 SO-2 (shopify:test-shop): ALPHA 2 @ 9.00 + MUG-1 4 @ 6.00  revenue 4 200, COGS 1 300 + 1 000
 *   04-02 RMA on SO-2: 1 MUG-1 back into returns limbo               revenue −600, COGS −250, units −1
 *   04-03 SO-3 (csv): BRAVO 2 @ 8.00, allocated, not shipped         fill rate 0 of 2
 * Period 03-01..04-30:
 *   manual            revenue 3 000, COGS 1 950, units 3, margin 1 050, fill 3 / 3
 *   shopify:test-shop revenue 3 600, COGS 2 050, units 5, margin 1 550, fill 6 / 6
 *   csv               revenue 0,     COGS 0,     units 0, margin 0,     fill 0 / 2
 *   all               revenue 6 600, COGS 4 000, units 8, margin 2 600, fill 9 / 11
 */
describe('KPIs per sales channel', () => {
  let s: ReturnType<typeof buildScenario>;
  const period = { from: '2026-03-01', to: '2026-04-30' };
  beforeAll(() => {
    s = buildScenario();
    const { c } = s;
    const so2 = c.db.prepare('SELECT id FROM sales_orders WHERE number = ?').get(s.so2) as { id: number };
    const order = c.ok('orders.get', { id: so2.id });
    const mugLine = order.lines.find((l) => l.itemId === s.mug.id)!;
    c.clock.t = new Date('2026-04-02T10:00:00.000Z');
    const rma = c.ok('returns.authorise', { orderId: so2.id, reason: 'Chipped', lines: [{ orderLineId: mugLine.id, quantity: 1 }] });
    c.ok('returns.receive', { returnId: rma.id });
    c.clock.t = new Date('2026-04-03T10:00:00.000Z');
    const so3 = c.ok('orders.create', {
      channel: 'csv',
      customerName: 'Bo',
      shipTo: { name: 'Bo', line1: '2 Road', city: 'York', postalCode: 'YO1 1AA', country: 'GB' },
      lines: [{ itemId: s.b.id, quantity: 2, unitPriceMinor: 800 }],
    });
    c.ok('orders.allocate', { orderId: so3.id });
    c.clock.t = new Date('2026-05-01T09:00:00.000Z');
  });
  afterAll(() => s.c.close());

  const kpi = (list: KpiResultDto[], key: KpiResultDto['key']) => list.find((k) => k.key === key)!;
  const kpis = (channel?: string) => s.c.ok('reports.kpis', { ...period, holdingRatePct: 20, ...(channel !== undefined && { channel }) });

  it('filters revenue, COGS, units sold, returns and gross margin to the channel’s orders (hand-computed)', () => {
    const all = kpis();
    expect([all.revenueMinor, all.cogsMinor, all.unitsSold]).toEqual([6600, 4000, 8]);
    const manual = kpis('manual');
    expect(manual.channel).toBe('manual');
    expect([manual.revenueMinor, manual.cogsMinor, manual.unitsSold]).toEqual([3000, 1950, 3]);
    const shop = kpis('shopify:test-shop');
    expect([shop.revenueMinor, shop.cogsMinor, shop.unitsSold]).toEqual([3600, 2050, 5]);
    const csv = kpis('csv');
    expect([csv.revenueMinor, csv.cogsMinor, csv.unitsSold]).toEqual([0, 0, 0]);
    // Gross margin is a channel flow: it is in GMROI's inputs even though GMROI itself is not computed per channel.
    expect(kpi(shop.kpis, 'gmroi').inputs).toMatchObject({ revenueMinor: 3600, cogsMinor: 2050, grossMarginMinor: 1550, averageInventoryMinor: null });
    expect(kpi(manual.kpis, 'gmroi').inputs.grossMarginMinor).toBe(1050);
    // The same figures as the margin-by-channel report.
    const table = s.c.ok('reports.run', { report: 'margin_by_channel', ...period });
    expect(table.rows.map((r) => [r.channel, r.revenue, r.cogs])).toEqual(
      expect.arrayContaining([
        ['manual', 3000, 1950],
        ['shopify:test-shop', 3600, 2050],
      ]),
    );
  });

  it('the channels’ revenue, COGS and units add up to the total', () => {
    const channels = s.c.ok('reports.dashboard', period).channels;
    expect(channels).toEqual(['csv', 'manual', 'shopify:test-shop']);
    const all = kpis();
    // '(no order)' (stock issued to a customer without an order) completes the split; nothing such here.
    const parts = [...channels, '(no order)'].map((ch) => kpis(ch));
    const sum = (f: (k: ReturnType<typeof kpis>) => number) => parts.reduce((t, k) => t + f(k), 0);
    expect(sum((k) => k.revenueMinor)).toBe(all.revenueMinor);
    expect(sum((k) => k.cogsMinor)).toBe(all.cogsMinor);
    expect(sum((k) => k.unitsSold)).toBe(all.unitsSold);
    expect(parts[3]!.revenueMinor).toBe(0);
  });

  it('fill rate of the channel’s orders', () => {
    expect(kpi(kpis().kpis, 'fillRate')).toMatchObject({ value: (9 / 11) * 100, inputs: { unitsShipped: 9, unitsOrdered: 11 } });
    expect(kpi(kpis('manual').kpis, 'fillRate')).toMatchObject({ value: 100, inputs: { unitsShipped: 3, unitsOrdered: 3 } });
    expect(kpi(kpis('csv').kpis, 'fillRate')).toMatchObject({ value: 0, inputs: { unitsShipped: 0, unitsOrdered: 2 } });
    // No orders on '(no order)': a division by zero, said so.
    expect(kpi(kpis('(no order)').kpis, 'fillRate').reason).toBe('unitsOrdered is zero: division by zero');
  });

  it('stock-based KPIs are not split by channel: null with the reason, the shared stock figures kept', () => {
    const all = kpis();
    const shop = kpis('shopify:test-shop');
    // The stock figures in the answer are the shared stock's, the same as without a channel.
    expect(shop.averageInventoryMinor).toBe(all.averageInventoryMinor);
    expect(shop.closingValueMinor).toBe(all.closingValueMinor);
    expect(shop.unitsReceived).toBe(all.unitsReceived);
    expect(all.unitsReceived).toBe(24);
    // Without a channel they are computed …
    for (const key of ['inventoryTurnover', 'daysInventoryOutstanding', 'sellThrough', 'gmroi', 'carryingCost', 'shrinkage', 'stockoutDays'] as const) {
      expect(kpi(all.kpis, key).value, key).not.toBeNull();
    }
    // … per channel they are not, and say why, keeping their formula and inputs.
    for (const key of ['inventoryTurnover', 'daysInventoryOutstanding', 'sellThrough', 'gmroi', 'carryingCost', 'shrinkage', 'stockoutDays', 'inventoryRecordAccuracy'] as const) {
      const k = kpi(shop.kpis, key);
      expect(k.value, key).toBeNull();
      expect(k.reason, key).toContain('stock is shared by all channels');
      expect(k.formula).toBe(kpi(all.kpis, key).formula);
    }
    expect(kpi(shop.kpis, 'inventoryTurnover')).toMatchObject({
      inputs: { cogsMinor: 2050, averageInventoryMinor: null },
      reason: "averageInventoryMinor is not known: stock is shared by all channels, so average inventory is not one channel's",
    });
    expect(kpi(shop.kpis, 'sellThrough').inputs).toEqual({ unitsSold: 5, unitsReceived: null });
    // The tiles' words: the why, without the cash conversion cycle's closing bracket.
    expect(friendlyReason(kpi(shop.kpis, 'cashConversionCycle'))).toBe("Stock is shared by all channels, so average inventory is not one channel's");
    expect(friendlyReason(kpi(shop.kpis, 'sellThrough'))).toBe("Stock is shared by all channels, so units received are not one channel's");
    // Stockout days keeps the shared count in its inputs.
    expect(kpi(shop.kpis, 'stockoutDays').inputs).toEqual(kpi(all.kpis, 'stockoutDays').inputs);
    expect(kpi(shop.kpis, 'daysSalesOutstanding').reason).toBe('receivablesMinor is not known: receivables come from sales invoices, which are not split by channel');
    expect(kpi(shop.kpis, 'daysPayableOutstanding').reason).toBe('payablesMinor is not known: payables come from supplier bills, which are not split by channel');
    expect(kpi(shop.kpis, 'cashConversionCycle')).toMatchObject({
      value: null,
      reason: "dio is not known (averageInventoryMinor is not known: stock is shared by all channels, so average inventory is not one channel's)",
    });
    // Channel and warehouse: fill rate is not split by warehouse, as without a channel.
    const wh = s.c.ok('reports.kpis', { ...period, channel: 'manual', warehouseId: s.wh.id });
    expect(wh.cogsMinor).toBe(1950);
    expect(kpi(wh.kpis, 'fillRate').reason).toBe('unitsShipped is not known: fill rate is not split by warehouse');
    // Channel and item: ALPHA on shopify only.
    const alpha = s.c.ok('reports.kpis', { ...period, channel: 'shopify:test-shop', itemId: s.a.id });
    expect([alpha.revenueMinor, alpha.cogsMinor, alpha.unitsSold]).toEqual([1800, 1300, 2]);
  });

  it('refuses an unknown channel, naming the field and the known channels', () => {
    for (const method of ['reports.kpis', 'reports.dashboard'] as const) {
      const r = s.c.call(method, { ...period, channel: 'ebay' });
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.error.code).toBe('NOT_FOUND');
      expect(r.error.fields).toEqual({ channel: 'Unknown channel' });
      expect(r.error.message).toBe('There is no sales channel "ebay": the known channels are csv, manual, shopify:test-shop');
    }
    // The margin-by-channel report refuses it the same way.
    const table = s.c.call('reports.run', { report: 'margin_by_channel', ...period, channel: 'ebay' });
    expect(table.ok ? null : table.error.fields).toEqual({ channel: 'Unknown channel' });
    const empty = s.c.call('reports.kpis', { ...period, channel: '  ' });
    expect(empty.ok).toBe(false);
    if (!empty.ok) expect(empty.error.fields).toHaveProperty('channel');
  });

  it('the dashboard per channel: the channel’s flows and KPIs, the shared stock', () => {
    const all = s.c.ok('reports.dashboard', period);
    const shop = s.c.ok('reports.dashboard', { ...period, channel: 'shopify:test-shop' });
    expect(all.channel).toBeNull();
    expect(shop.channel).toBe('shopify:test-shop');
    expect(shop.summary).toMatchObject({ revenueMinor: 3600, cogsMinor: 2050, unitsSold: 5 });
    // The same KPIs as reports.kpis for the channel (the dashboard's holding rate is the planning setting's).
    const k = s.c.ok('reports.kpis', { ...period, channel: 'shopify:test-shop', holdingRatePct: shop.holdingRatePct });
    expect(shop.kpis).toEqual(k.kpis);
    // Stock is shared: value series, sell-through by category, aging and the summary's stock figures as for all.
    expect(shop.valueSeries).toEqual(all.valueSeries);
    expect(shop.sellThroughByCategory).toEqual(all.sellThroughByCategory);
    expect(shop.aging).toEqual(all.aging);
    expect(shop.summary.averageInventoryMinor).toBe(all.summary.averageInventoryMinor);
    expect(shop.summary.unitsReceived).toBe(all.summary.unitsReceived);
    // Monthly sparklines of the channel: April's fill rate on csv is 0 of 2, March's has no csv order.
    const csv = s.c.ok('reports.dashboard', { ...period, channel: 'csv' });
    const months = csv.trend.months.map((m) => m.month);
    expect(csv.trend.values.fillRate[months.indexOf('2026-04')]).toBe(0);
    expect(csv.trend.values.fillRate[months.indexOf('2026-03')]).toBeNull();
    expect(csv.trend.values.inventoryTurnover.every((v) => v === null)).toBe(true);
  });

  // Last: it adds a movement.
  it("stock issued without an order is the '(no order)' channel, offered once there is some", () => {
    const { c } = s;
    c.clock.t = new Date('2026-04-20T10:00:00.000Z');
    c.ok('stock.issue', { itemId: s.mug.id, locationId: s.a2.id, quantity: 1 });
    c.clock.t = new Date('2026-05-01T09:00:00.000Z');
    expect(c.ok('reports.dashboard', period).channels).toEqual(['csv', 'manual', 'shopify:test-shop', '(no order)']);
    // At the MUG's list price (600) and its FIFO cost (250).
    const none = kpis('(no order)');
    expect([none.revenueMinor, none.cogsMinor, none.unitsSold]).toEqual([600, 250, 1]);
    const all = kpis();
    expect([all.revenueMinor, all.cogsMinor]).toEqual([7200, 4250]);
    const parts = ['csv', 'manual', 'shopify:test-shop', '(no order)'].map((ch) => kpis(ch));
    expect(parts.reduce((t, k) => t + k.revenueMinor, 0)).toBe(7200);
    expect(parts.reduce((t, k) => t + k.cogsMinor, 0)).toBe(4250);
  });
});

describe('kpisFromInputs with a channel (pure)', () => {
  const inputs: KpiInputs = {
    from: '2026-01-01',
    to: '2026-01-10',
    days: 10,
    averageInventoryMinor: 10_000,
    openingValueMinor: 10_000,
    closingValueMinor: 8_000,
    cogsMinor: 2_000,
    revenueMinor: 5_000,
    unitsSold: 20,
    unitsReceived: 40,
    shrinkValueMinor: 100,
    unitsOrdered: 25,
    unitsShipped: 20,
    dailyQuantities: [5, 0, 3, 3, 3, 3, 3, 3, 3, 3],
  };
  it('computes the channel’s fill rate and nothing that divides by shared stock', () => {
    const plain = kpisFromInputs(inputs, { holdingRatePct: 25, receivablesMinor: 1_000, payablesMinor: 500 });
    const ch = kpisFromInputs(inputs, { holdingRatePct: 25, receivablesMinor: 1_000, payablesMinor: 500, channel: 'csv' });
    const v = (l: typeof ch, key: string) => l.find((k) => k.key === key)!.value;
    expect(v(plain, 'inventoryTurnover')).toBe(0.2);
    expect(v(plain, 'stockoutDays')).toBe(1);
    expect(v(plain, 'daysSalesOutstanding')).toBe(2);
    expect(v(ch, 'fillRate')).toBe(80);
    expect(ch.filter((k) => k.value !== null).map((k) => k.key)).toEqual(['fillRate']);
    // Carrying cost without a rate says the rate is missing, not that stock is shared.
    expect(kpisFromInputs(inputs, { channel: 'csv' }).find((k) => k.key === 'carryingCost')!.reason).toBe('holdingRatePct is not known: no holding cost rate given');
  });
});
