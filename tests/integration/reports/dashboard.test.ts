import { afterEach, describe, expect, it } from 'vitest';
import type { TestCore } from '../../helpers/core';
import { refused, seedPurchasing } from '../purchasing/setup';

/**
 * reports.dashboard computes the KPIs of the period and of each month from one replay and one pass over the
 * movements; these tests hold it to reports.kpis (the reference) and to reports.valuation for the same days.
 */
describe('reports.dashboard', () => {
  let c: TestCore | undefined;
  afterEach(() => c?.close());

  function year() {
    const s = seedPurchasing();
    c = s.c;
    const at = (iso: string) => (s.c.clock.t = new Date(iso));
    const { a1, a2, mug, a, b } = s;
    // Jan: receipts; Feb: sales, a loss, a count found; Mar: a receipt at a new cost, sales, a return; Apr: a PO on its way.
    at('2026-01-06T10:00:00.000Z');
    s.c.ok('stock.receive', { itemId: mug.id, locationId: a1.id, quantity: 100, unitCostMinor: 250 });
    s.c.ok('stock.receive', { itemId: a.id, locationId: a2.id, quantity: 40, unitCostMinor: 500 });
    at('2026-01-20T10:00:00.000Z');
    s.c.ok('stock.issue', { itemId: mug.id, locationId: a1.id, quantity: 30 });
    at('2026-02-03T10:00:00.000Z');
    s.c.ok('stock.issue', { itemId: mug.id, locationId: a1.id, quantity: 25 });
    s.c.ok('stock.issue', { itemId: a.id, locationId: a2.id, quantity: 10 });
    at('2026-02-10T10:00:00.000Z');
    s.c.ok('stock.adjust', { itemId: mug.id, locationId: a1.id, quantity: -2, reason: 'damage' });
    s.c.ok('stock.adjust', { itemId: a.id, locationId: a2.id, quantity: 1, reason: 'count_correction' });
    at('2026-03-02T10:00:00.000Z');
    s.c.ok('stock.receive', { itemId: mug.id, locationId: a1.id, quantity: 50, unitCostMinor: 300 });
    at('2026-03-16T10:00:00.000Z');
    s.c.ok('stock.issue', { itemId: mug.id, locationId: a1.id, quantity: 60 });
    s.c.ok('stock.issue', { itemId: a.id, locationId: a2.id, quantity: 28 });
    // BRAVO: sold steadily, nothing left soon, a PO expected only in May.
    s.c.ok('stock.receive', { itemId: b.id, locationId: a2.id, quantity: 20, unitCostMinor: 250 });
    for (let d = 17; d <= 31; d++) {
      at(`2026-03-${String(d).padStart(2, '0')}T12:00:00.000Z`);
      s.c.ok('stock.issue', { itemId: b.id, locationId: a2.id, quantity: 1 });
    }
    const po = s.c.ok('purchasing.orders.createDraft', { supplierId: s.supplier.id, warehouseId: s.wh.id, expectedDate: '2026-05-15', lines: [{ itemId: b.id, quantity: 50, unitCostMinor: 250 }] });
    s.c.ok('purchasing.orders.send', { id: po.id });
    at('2026-04-01T08:00:00.000Z');
    return { ...s, po };
  }

  it('answers the period KPIs exactly as reports.kpis, with the planning holding rate for carrying cost', () => {
    const s = year();
    const d = s.c.ok('reports.dashboard', { from: '2026-01-01', to: '2026-03-31' });
    const k = s.c.ok('reports.kpis', { from: '2026-01-01', to: '2026-03-31', holdingRatePct: d.holdingRatePct });
    expect(d.kpis).toEqual(k.kpis);
    expect(d.summary).toMatchObject({ cogsMinor: k.cogsMinor, revenueMinor: k.revenueMinor, unitsSold: k.unitsSold, unitsReceived: k.unitsReceived, averageInventoryMinor: k.averageInventoryMinor });
    expect(d.kpis.find((x) => x.key === 'carryingCost')!.value).toBeCloseTo(d.holdingRatePct, 9);
    // Sold 30 + 25 + 60 mugs, 10 + 28 ALPHA, 15 BRAVO; received 150 + 40 + 20.
    expect(d.summary.unitsSold).toBe(168);
    expect(d.summary.unitsReceived).toBe(210);
  });

  it('gives 12 monthly values per KPI, each equal to reports.kpis for that month', () => {
    const s = year();
    const d = s.c.ok('reports.dashboard', { from: '2026-03-01', to: '2026-03-31' });
    expect(d.trend.months.map((m) => m.month)).toEqual(['2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03']);
    for (const [i, m] of d.trend.months.entries()) {
      if (m.month < '2026-01') continue;
      const k = s.c.ok('reports.kpis', { from: m.from, to: m.to, holdingRatePct: d.holdingRatePct });
      for (const x of k.kpis) expect([m.month, x.key, d.trend.values[x.key][i]]).toEqual([m.month, x.key, x.value]);
    }
    // Before the first receipt there is nothing to turn over.
    expect(d.trend.values.inventoryTurnover[0]).toBeNull();
    expect(d.trend.values.sellThrough[11]).toBeCloseTo(((60 + 28 + 15) / 70) * 100, 9);
  });

  it('a partial last month stops at the period end', () => {
    const s = year();
    const d = s.c.ok('reports.dashboard', { from: '2026-02-01', to: '2026-03-15' });
    expect(d.trend.months.at(-1)).toEqual({ month: '2026-03', from: '2026-03-01', to: '2026-03-15' });
    const k = s.c.ok('reports.kpis', { from: '2026-03-01', to: '2026-03-15', holdingRatePct: d.holdingRatePct });
    expect(d.trend.values.inventoryTurnover[11]).toBe(k.kpis.find((x) => x.key === 'inventoryTurnover')!.value);
  });

  it('the value series is the daily close of reports.valuation, and by category sell-through adds up', () => {
    const s = year();
    const d = s.c.ok('reports.dashboard', { from: '2026-01-01', to: '2026-03-31' });
    expect(d.valueSeries).toHaveLength(90);
    for (const day of ['2026-01-05', '2026-01-06', '2026-02-10', '2026-03-16', '2026-03-31']) {
      const v = s.c.ok('reports.valuation', { asOf: day, groupBy: 'item' });
      expect(d.valueSeries.find((x) => x.day === day)).toEqual({ day, valueMinor: v.valueMinor, quantity: v.quantity });
    }
    const sold = d.sellThroughByCategory.reduce((t, r) => t + r.unitsSold, 0);
    const received = d.sellThroughByCategory.reduce((t, r) => t + r.unitsReceived, 0);
    expect([sold, received]).toEqual([d.summary.unitsSold, d.summary.unitsReceived]);
  });

  it('with a warehouse, agrees with reports.kpis for that warehouse', () => {
    const s = year();
    const d = s.c.ok('reports.dashboard', { from: '2026-01-01', to: '2026-03-31', warehouseId: s.wh.id });
    const k = s.c.ok('reports.kpis', { from: '2026-01-01', to: '2026-03-31', warehouseId: s.wh.id, holdingRatePct: d.holdingRatePct });
    expect(d.kpis).toEqual(k.kpis);
    expect(d.warehouseId).toBe(s.wh.id);
  });

  it('lists the item that runs out before its PO arrives, and classifies ABC from the period without a planning run', () => {
    const s = year();
    const d = s.c.ok('reports.dashboard', { from: '2026-01-01', to: '2026-03-31' });
    // BRAVO: 5 left selling 15 units in the last 28 days → 15/28 a day, lasts 9 days; the PO comes on 05-15.
    const bravo = d.alerts.stockoutRisk.items.find((x) => x.itemId === s.b.id)!;
    expect(bravo).toMatchObject({ available: 5, nextReceipt: '2026-05-15', poId: s.po.id, stockoutDay: '2026-04-10' });
    expect(bravo.dailyDemand).toBeCloseTo(15 / 28, 12);
    expect(d.alerts.reorderPointsKnown).toBe(false);
    expect(d.abc.source).toBe('period');
    expect(d.abc.classes.reduce((t, c) => t + c.revenueMinor, 0)).toBe(d.summary.revenueMinor);
    expect(d.abc.classes.reduce((t, c) => t + c.stockValueMinor, 0)).toBe(d.summary.closingValueMinor);
    // Aging is counts.aging's, as of now.
    expect(d.aging.buckets).toEqual(s.c.ok('counts.aging', {}).buckets);
  });

  it('after a planning recompute uses its ABC classes and reorder points', () => {
    const s = year();
    s.c.ok('planning.recompute', {});
    const d = s.c.ok('reports.dashboard', { from: '2026-01-01', to: '2026-03-31' });
    expect(d.abc.source).toBe('planning');
    expect(d.alerts.reorderPointsKnown).toBe(true);
    const params = s.c.ok('planning.params', {});
    for (const cls of ['A', 'B', 'C'] as const) expect(d.abc.classes.find((x) => x.class === cls)!.items).toBe(params.filter((p) => p.abc === cls).length);
  });

  it('a repeated call is the same answer, and a new movement or cost adjustment shows at once', () => {
    const s = year();
    const q = { from: '2026-01-01', to: '2026-04-01' };
    const first = s.c.ok('reports.dashboard', q);
    expect({ ...s.c.ok('reports.dashboard', q), ms: 0 }).toEqual({ ...first, ms: 0 });
    s.c.ok('stock.issue', { itemId: s.mug.id, locationId: s.a1.id, quantity: 3 });
    const after = s.c.ok('reports.dashboard', q);
    expect(after.summary.unitsSold).toBe(first.summary.unitsSold + 3);
    expect(after.summary.closingValueMinor).toBe(s.c.ok('reports.valuation', { asOf: '2026-04-01', groupBy: 'item' }).valueMinor);
    expect(after.kpis).toEqual(s.c.ok('reports.kpis', { ...q, holdingRatePct: after.holdingRatePct }).kpis);
    // Revenue is at the list price without an order: a new list price shows in the next answer too.
    s.c.clock.advance(1000);
    s.c.ok('catalog.update', { id: s.mug.id, patch: { priceMinor: 900 } });
    const repriced = s.c.ok('reports.dashboard', q);
    expect(repriced.summary.revenueMinor).not.toBe(after.summary.revenueMinor);
    expect(repriced.summary.revenueMinor).toBe(s.c.ok('reports.kpis', { ...q, holdingRatePct: after.holdingRatePct }).revenueMinor);
  });

  it('refuses a period that ends before it starts and an unknown warehouse, naming the field', () => {
    const s = year();
    const e1 = refused(s.c.call('reports.dashboard', { from: '2026-03-01', to: '2026-02-01' }));
    expect(e1.fields).toHaveProperty('to');
    const e2 = refused(s.c.call('reports.dashboard', { from: '2026-03-01', to: '2026-03-31', warehouseId: 9999 }));
    expect(e2.message).toMatch(/warehouse/i);
  });
});
