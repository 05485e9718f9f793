import { afterEach, describe, expect, it } from 'vitest';
import { makeCore, type TestCore } from '../../helpers/core';
import { SHIP_TO } from '../orders/seed';

/**
 * A known year (2025, 365 days) built through the API, and every KPI and the year-end valuation checked against
 * arithmetic done by hand below. Money in pence. Every event happens at 10:00 UTC on its day, so it is in that day's
 * close.
 *
 * Two items in warehouse MAIN: MUG (list price 600) in bin A-01, PLATE (list price 1 200) in A-02. Supplier Potter Ltd,
 * GBP, 30 days' terms.
 *
 *  01-01  PO-1 received: MUG 100 @ 200 = 20 000, PLATE 50 @ 400 = 20 000                     stock 40 000
 *         BILL-1 for PO-1 (received value 40 000), due 01-31                                   AP +40 000
 *  03-01  SO-1 to Shop A on invoice terms: MUG 60 @ 500, PLATE 20 @ 1 000, shipped.
 *         COGS 60 × 200 + 20 × 400 = 12 000 + 8 000 = 20 000; revenue 30 000 + 20 000 = 50 000
 *         → MUG 40 @ 200 = 8 000, PLATE 30 @ 400 = 12 000                                     stock 20 000
 *         INV-1 for SO-1 (50 000), 30 days → due 03-31                                         AR +50 000
 *  03-02  BILL-1 paid in full, 30 days late                                                    AP −40 000
 *  04-15  Shop A pays 20 000 of INV-1 (30 000 stays open to the year end)                      AR −20 000
 *  07-01  PO-2 received: MUG 50 @ 240 = 12 000                                                 stock 32 000
 *         BILL-2 for PO-2 (12 000), due 07-31                                                  AP +12 000
 *  09-01  SO-2 (cash): MUG 50 @ 500 shipped. FIFO: 40 @ 200 + 10 @ 240 = 8 000 + 2 400 = 10 400 COGS;
 *         revenue 25 000 → MUG 40 @ 240 = 9 600, PLATE 12 000                                  stock 21 600
 *  09-29  BILL-2 paid in full, 60 days late                                                    AP −12 000
 *  10-01  SO-3 (cash): PLATE 35 @ 1 000 ordered, only 30 in stock: 30 shipped (partial shipment allowed).
 *         COGS 30 × 400 = 12 000; revenue 30 000 → MUG 9 600, PLATE 0                          stock  9 600
 *  10-11  2 PLATES of SO-3 come back (RMA), restocked into A-02 at their issue cost 2 × 400 = 800; revenue back
 *         at the order price 2 × 1 000 = 2 000                                                 stock 10 400
 *  11-01  Cycle count of A-01 and A-02: MUG 38 counted of 40 recorded (−2 @ 240 = 480 posted as a count loss,
 *         within the auto-accept limits: 2 units, 5 %, £4.80), PLATE 2 of 2                    stock  9 920
 *  12-31  year end: MUG 38 @ 240 = 9 120, PLATE 2 @ 400 = 800                                  stock  9 920
 *
 * Daily closing valuations (Σ over the year = Σ value × days it was held):
 *   01-01..02-28  40 000 ×  59 days (31 + 28)             = 2 360 000
 *   03-01..06-30  20 000 × 122 days (31 + 30 + 31 + 30)   = 2 440 000
 *   07-01..08-31  32 000 ×  62 days (31 + 31)             = 1 984 000
 *   09-01..09-30  21 600 ×  30 days                       =   648 000
 *   10-01..10-10   9 600 ×  10 days                       =    96 000
 *   10-11..10-31  10 400 ×  21 days                       =   218 400
 *   11-01..12-31   9 920 ×  61 days (30 + 31)             =   605 120
 *                           365 days                  Σ   = 8 351 520
 *   average inventory = 8 351 520 ÷ 365 = 22 880.876 712 3…
 *
 * Flows: COGS = 20 000 + 10 400 + 12 000 − 800 = 41 600; revenue = 50 000 + 25 000 + 30 000 − 2 000 = 103 000;
 *   units sold = 80 + 50 + 30 − 2 = 158; units received = 150 + 50 = 200.
 *
 * Receivables at each day's close (INV-1 only; SO-2 and SO-3 were cash):
 *   01-01..02-28       0 ×  59 days
 *   03-01..04-14  50 000 ×  45 days (31 + 14)             = 2 250 000
 *   04-15..12-31  30 000 × 261 days (16 + 31 + 30 + 31 + 31 + 30 + 31 + 30 + 31) = 7 830 000
 *                                                      Σ = 10 080 000 → average 10 080 000 ÷ 365 = 27 616.438 3…
 * Payables at each day's close:
 *   01-01..03-01  40 000 ×  60 days (31 + 28 + 1)         = 2 400 000
 *   03-02..06-30       0 × 121 days
 *   07-01..09-28  12 000 ×  90 days (31 + 31 + 28)        = 1 080 000
 *   09-29..12-31       0 ×  94 days
 *                                                      Σ = 3 480 000 → average 3 480 000 ÷ 365 = 9 534.246 5…
 *
 * KPIs (each "÷ 365 × 365" cancels, so the day sums give them directly):
 *   turnover       = COGS ÷ avg inventory = 41 600 ÷ (8 351 520 ÷ 365) = 15 184 000 ÷ 8 351 520 = 1.818 112 1…
 *   DIO            = avg inventory ÷ COGS × 365 = 8 351 520 ÷ 41 600 = 200.757 692 3… days
 *   sell-through   = 158 ÷ 200 × 100 = 79 %
 *   DSO            = avg AR ÷ revenue × 365 = 10 080 000 ÷ 103 000 = 97.864 077 7… days
 *   DPO            = avg AP ÷ COGS × 365 = 3 480 000 ÷ 41 600 = 83.653 846 2… days
 *   CCC            = DIO + DSO − DPO = 200.757 692 3 + 97.864 077 7 − 83.653 846 2 = 214.967 923 8… days
 *   GMROI          = (103 000 − 41 600) ÷ avg inventory = 61 400 × 365 ÷ 8 351 520 = 22 411 000 ÷ 8 351 520 = 2.683 463 6…
 *   carrying cost  (25 % holding rate + 5 000 a year fixed) = (0.25 × avg + 5 000) ÷ avg × 100
 *                  = 25 + 5 000 × 365 × 100 ÷ 8 351 520 = 25 + 182 500 000 ÷ 8 351 520 = 25 + 21.852 309 5… = 46.852 309 5… %
 *   shrinkage      = (recorded − actual) ÷ recorded × 100 at cost, recorded = year-end 9 920 + the 480 lost = 10 400,
 *                    actual = 9 920: 480 ÷ 10 400 × 100 = 4.615 384… %
 *   fill rate      = units shipped ÷ units ordered on the year's orders = (80 + 50 + 30) ÷ (80 + 50 + 35) = 160 ÷ 165
 *                    × 100 = 96.969 696… %
 *   stockout days  = days closing with no stock: everything never (MUG always held some) = 0; PLATE alone 10-01..10-10
 *                    = 10 days; MUG alone 0
 *   record accuracy = count lines matching the record ÷ lines counted × 100 = 1 (PLATE) ÷ 2 × 100 = 50 %
 */

let c: TestCore | undefined;
afterEach(() => c?.close());

const at = (core: TestCore, day: string) => (core.clock.t = new Date(`${day}T10:00:00.000Z`));

function buildYear() {
  const core = makeCore();
  c = core;
  at(core, '2024-12-31');
  const wh = core.ok('locations.createWarehouse', { code: 'MAIN', name: 'Main warehouse' });
  const a1 = core.ok('locations.create', { warehouseId: wh.id, kind: 'bin', code: 'A-01' });
  const a2 = core.ok('locations.create', { warehouseId: wh.id, kind: 'bin', code: 'A-02' });
  const mug = core.ok('catalog.create', { sku: 'MUG', name: 'Mug', costMinor: 200, priceMinor: 600 });
  const plate = core.ok('catalog.create', { sku: 'PLATE', name: 'Plate', costMinor: 400, priceMinor: 1200 });
  const potter = core.ok('purchasing.suppliers.create', { name: 'Potter Ltd', currency: 'GBP', paymentTermsDays: 30 });
  core.ok('orders.configure', { requireWeighing: false, allowPartialShipment: true });

  const receivePo = (lines: { itemId: number; quantity: number; unitCostMinor: number; binId: number }[]) => {
    const po = core.ok('purchasing.orders.createDraft', { supplierId: potter.id, warehouseId: wh.id, lines: lines.map(({ binId: _, ...l }) => l) });
    core.ok('purchasing.orders.send', { id: po.id });
    core.ok('purchasing.receive', { poId: po.id, lines: lines.map((l, i) => ({ lineId: po.lines[i]!.id, quantity: l.quantity, binId: l.binId })) });
    return po;
  };
  const sell = (customerName: string, lines: { itemId: number; quantity: number; unitPriceMinor: number; sku: string; ship: number }[]) => {
    const o = core.ok('orders.create', { customerName, shipTo: SHIP_TO, lines: lines.map((l) => ({ itemId: l.itemId, quantity: l.quantity, unitPriceMinor: l.unitPriceMinor })) });
    core.ok('orders.allocate', { orderId: o.id });
    for (const l of lines) core.ok('orders.packScan', { orderId: o.id, code: l.sku, quantity: l.ship });
    return core.ok('orders.ship', { orderId: o.id, carrier: 'RM', service: '48', trackingNumber: `T-${o.number}`, weightGrams: 1000 });
  };

  at(core, '2025-01-01');
  const po1 = receivePo([
    { itemId: mug.id, quantity: 100, unitCostMinor: 200, binId: a1.id },
    { itemId: plate.id, quantity: 50, unitCostMinor: 400, binId: a2.id },
  ]);
  const bill1 = core.ok('finance.createBill', { supplierId: potter.id, poId: po1.id, supplierRef: 'P-001' });
  expect([bill1.amountMinor, bill1.dueDate]).toEqual([40_000, '2025-01-31']);

  at(core, '2025-03-01');
  const so1 = sell('Shop A', [
    { itemId: mug.id, quantity: 60, unitPriceMinor: 500, sku: 'MUG', ship: 60 },
    { itemId: plate.id, quantity: 20, unitPriceMinor: 1000, sku: 'PLATE', ship: 20 },
  ]);
  expect(so1.cogsMinor).toBe(20_000);
  const inv1 = core.ok('finance.createInvoice', { orderId: so1.order.id, termsDays: 30 });
  expect([inv1.amountMinor, inv1.dueDate]).toEqual([50_000, '2025-03-31']);

  at(core, '2025-03-02');
  core.ok('finance.recordBillPayment', { billId: bill1.id, amountMinor: 40_000 });

  at(core, '2025-04-15');
  core.ok('finance.recordInvoicePayment', { invoiceId: inv1.id, amountMinor: 20_000 });

  at(core, '2025-07-01');
  const po2 = receivePo([{ itemId: mug.id, quantity: 50, unitCostMinor: 240, binId: a1.id }]);
  const bill2 = core.ok('finance.createBill', { supplierId: potter.id, poId: po2.id, supplierRef: 'P-002' });
  expect([bill2.amountMinor, bill2.dueDate]).toEqual([12_000, '2025-07-31']);

  at(core, '2025-09-01');
  expect(sell('Cash customer', [{ itemId: mug.id, quantity: 50, unitPriceMinor: 500, sku: 'MUG', ship: 50 }]).cogsMinor).toBe(10_400);

  at(core, '2025-09-29');
  core.ok('finance.recordBillPayment', { billId: bill2.id, amountMinor: 12_000 });

  at(core, '2025-10-01');
  const so3 = sell('Cash customer', [{ itemId: plate.id, quantity: 35, unitPriceMinor: 1000, sku: 'PLATE', ship: 30 }]);
  expect([so3.order.status, so3.cogsMinor]).toEqual(['partially_shipped', 12_000]);

  at(core, '2025-10-11');
  const rma = core.ok('returns.authorise', { orderId: so3.order.id, reason: 'Chipped in transit, repaired', lines: [{ orderLineId: so3.order.lines[0]!.id, quantity: 2 }] });
  core.ok('returns.receive', { returnId: rma.id });
  const back = core.ok('returns.inspect', { returnLineId: rma.lines[0]!.id, grades: [{ grade: 'restock', quantity: 2, locationId: a2.id }] });
  expect(back.movements.map((m) => m.totalCostMinor)).toEqual([800]);

  at(core, '2025-11-01');
  const cs = core.ok('counts.create', { scope: 'bin', locationIds: [a1.id, a2.id] });
  expect(core.ok('counts.enter', { sessionId: cs.id, locationId: a1.id, itemId: mug.id, counted: 38 }).status).toBe('counted');
  core.ok('counts.enter', { sessionId: cs.id, locationId: a2.id, itemId: plate.id, counted: 2 });
  core.ok('counts.submit', { sessionId: cs.id });
  const posted = core.ok('counts.post', { sessionId: cs.id });
  expect(posted.movements.map((m) => [m.quantity, m.totalCostMinor, m.reason])).toEqual([[2, 480, 'count_correction']]);

  at(core, '2026-01-10');
  return { core, wh, a1, a2, mug, plate, potter, inv1, bill1, bill2 };
}

describe('reports: a known year, every KPI and the valuation to the cent', () => {
  it('matches the hand-computed figures', () => {
    const y = buildYear();
    const core = y.core;
    expect(core.ok('system.check', {}).ok).toBe(true);

    // Year-end valuation: MUG 38 @ 240 = 9 120, PLATE 2 @ 400 = 800, total 9 920.
    const val = core.ok('reports.valuation', { asOf: '2025-12-31', groupBy: 'item' });
    expect([val.quantity, val.valueMinor]).toEqual([40, 9_920]);
    expect(val.rows.map((r) => [r.label, r.quantity, r.valueMinor])).toEqual([
      ['MUG Mug', 38, 9_120],
      ['PLATE Plate', 2, 800],
    ]);
    expect(core.ok('reports.valuation', { asOf: '2025-12-31', groupBy: 'location' }).rows.map((r) => [r.label, r.valueMinor])).toEqual([
      ['MAIN / A-01', 9_120],
      ['MAIN / A-02', 800],
    ]);
    // Some closes along the way, as listed above.
    const close = (d: string) => core.ok('reports.valuation', { asOf: d }).valueMinor;
    expect(['2025-02-28', '2025-03-01', '2025-07-01', '2025-09-01', '2025-10-10', '2025-10-11', '2025-11-01'].map(close)).toEqual([40_000, 20_000, 32_000, 21_600, 9_600, 10_400, 9_920]);

    const k = core.ok('reports.kpis', { from: '2025-01-01', to: '2025-12-31', holdingRatePct: 25, fixedAnnualCostMinor: 5_000 });
    expect(k.days).toBe(365);
    expect([k.openingValueMinor, k.closingValueMinor]).toEqual([0, 9_920]);
    expect(k.averageInventoryMinor).toBeCloseTo(8_351_520 / 365, 9);
    expect([k.cogsMinor, k.revenueMinor, k.unitsSold, k.unitsReceived]).toEqual([41_600, 103_000, 158, 200]);

    const kpi = (key: string) => {
      const x = k.kpis.find((i) => i.key === key);
      if (!x) throw new Error(`no KPI ${key}`);
      return x;
    };
    expect(kpi('inventoryTurnover').value).toBeCloseTo(15_184_000 / 8_351_520, 12);
    expect(kpi('inventoryTurnover').value).toBeCloseTo(1.8181121, 6);
    expect(kpi('daysInventoryOutstanding').value).toBeCloseTo(8_351_520 / 41_600, 9);
    expect(kpi('daysInventoryOutstanding').value).toBeCloseTo(200.7576923, 6);
    expect(kpi('sellThrough').value).toBe(79);

    const dso = kpi('daysSalesOutstanding');
    expect(dso.inputs.receivablesMinor).toBeCloseTo(10_080_000 / 365, 9);
    expect(dso.inputs.revenueMinor).toBe(103_000);
    expect(dso.formula).toBe('average accounts receivable ÷ revenue × days');
    expect(dso.value).toBeCloseTo(10_080_000 / 103_000, 9);
    expect(dso.value).toBeCloseTo(97.8640777, 6);
    const dpo = kpi('daysPayableOutstanding');
    expect(dpo.inputs.payablesMinor).toBeCloseTo(3_480_000 / 365, 9);
    expect([dpo.formula, dpo.inputs.cogsMinor]).toEqual(['average accounts payable ÷ COGS × days', 41_600]);
    expect(dpo.value).toBeCloseTo(3_480_000 / 41_600, 9);
    expect(dpo.value).toBeCloseTo(83.6538462, 6);
    const ccc = kpi('cashConversionCycle');
    expect(ccc.value).toBeCloseTo(8_351_520 / 41_600 + 10_080_000 / 103_000 - 3_480_000 / 41_600, 9);
    expect(ccc.value).toBeCloseTo(214.9679238, 6);

    expect(kpi('gmroi').inputs.grossMarginMinor).toBe(61_400);
    expect(kpi('gmroi').value).toBeCloseTo(22_411_000 / 8_351_520, 12);
    expect(kpi('gmroi').value).toBeCloseTo(2.6834636, 6);
    const carrying = kpi('carryingCost');
    expect(carrying.inputs.annualHoldingCostMinor).toBeCloseTo(0.25 * (8_351_520 / 365) + 5_000, 9);
    expect(carrying.value).toBeCloseTo(25 + 182_500_000 / 8_351_520, 9);
    expect(carrying.value).toBeCloseTo(46.8523095, 6);
    expect(kpi('shrinkage').inputs).toEqual({ recorded: 10_400, actual: 9_920 });
    expect(kpi('shrinkage').value).toBeCloseTo((480 / 10_400) * 100, 12);
    expect(kpi('fillRate').inputs).toEqual({ unitsShipped: 160, unitsOrdered: 165 });
    expect(kpi('fillRate').value).toBeCloseTo((160 / 165) * 100, 12);
    expect(kpi('stockoutDays').value).toBe(0);
    expect(kpi('stockoutDays').inputs).toEqual({ days: 365, daysKnown: 365, daysAtOrBelowZero: 0 });
    expect(kpi('inventoryRecordAccuracy').inputs).toEqual({ linesAccurate: 1, linesCounted: 2 });
    expect(kpi('inventoryRecordAccuracy').value).toBe(50);
    // The same figure as the counts report (exact match, posted in the year).
    expect(core.ok('counts.accuracy', { from: '2025-01-01', to: '2026-01-01' }).overall).toEqual({ linesCounted: 2, linesWithinTolerance: 1, accuracyPct: 50 });
    // Every KPI has a number for the whole business over the year.
    expect(k.kpis.filter((x) => x.value === null)).toEqual([]);

    // Per item: PLATE was out of stock 10-01..10-10; the MUG never.
    const plate = core.ok('reports.kpis', { from: '2025-01-01', to: '2025-12-31', itemId: y.plate.id });
    expect(plate.kpis.find((x) => x.key === 'stockoutDays')!.value).toBe(10);
    // PLATE revenue = 20 000 + 30 000 − 2 000 (returned at the order price, not the 1 200 list price) = 48 000.
    expect([plate.revenueMinor, plate.cogsMinor, plate.unitsSold]).toEqual([48_000, 8_000 + 12_000 - 800, 48]);
    expect(plate.kpis.find((x) => x.key === 'inventoryRecordAccuracy')!.value).toBe(100);
    // Receivables are per customer, not per item: DSO, DPO and so CCC are not known for one item, and say why.
    expect(plate.kpis.find((x) => x.key === 'daysSalesOutstanding')!.reason).toMatch(/receivablesMinor is not known: receivables come from sales invoices/);
    const mug = core.ok('reports.kpis', { from: '2025-01-01', to: '2025-12-31', itemId: y.mug.id });
    expect(mug.kpis.find((x) => x.key === 'stockoutDays')!.value).toBe(0);
    expect(mug.kpis.find((x) => x.key === 'inventoryRecordAccuracy')!.value).toBe(0);
    expect([mug.revenueMinor + plate.revenueMinor, mug.cogsMinor + plate.cogsMinor]).toEqual([103_000, 41_600]);
  });

  it('shows the documents: bills paid late, the invoice partly paid at the year end', () => {
    const y = buildYear();
    const bills = y.core.ok('finance.listBills', { asOf: '2025-12-31' });
    // BILL-1 due 01-31, paid 03-02 = 30 days late; BILL-2 due 07-31, paid 09-29 = 60 days late.
    expect(bills.rows.map((b) => [b.number, b.status, b.paidDate, b.daysOverdue])).toEqual([
      ['BILL-00001', 'paid', '2025-03-02', 30],
      ['BILL-00002', 'paid', '2025-09-29', 60],
    ]);
    expect(bills.totals[0]).toMatchObject({ amountMinor: 52_000, paidMinor: 52_000, openMinor: 0 });
    // INV-1: 50 000 − 20 000 = 30 000 open at 12-31, due 03-31 → 275 days overdue (Apr 30 + May 31 + Jun 30 + Jul 31 +
    // Aug 31 + Sep 30 + Oct 31 + Nov 30 + Dec 31 = 275), in the over-90 bucket.
    const inv = y.core.ok('finance.listInvoices', { asOf: '2025-12-31' });
    expect(inv.rows.map((r) => [r.number, r.status, r.paidMinor, r.openMinor, r.daysOverdue])).toEqual([['INV-00001', 'overdue', 20_000, 30_000, 275]]);
    expect(inv.totals[0]!.aging.find((b) => b.openMinor !== 0)).toEqual({ label: 'Over 90 days overdue', minDays: 91, maxDays: null, count: 1, openMinor: 30_000 });
    // Mid-year receivables/payables balances as the KPI engine sees them (one day periods).
    const one = (d: string) => {
      const k = y.core.ok('reports.kpis', { from: d, to: d });
      return [k.kpis.find((x) => x.key === 'daysSalesOutstanding')!.inputs.receivablesMinor, k.kpis.find((x) => x.key === 'daysPayableOutstanding')!.inputs.payablesMinor];
    };
    expect(one('2025-03-01')).toEqual([50_000, 40_000]);
    expect(one('2025-03-02')).toEqual([50_000, 0]);
    expect(one('2025-04-15')).toEqual([30_000, 0]);
    expect(one('2025-09-28')).toEqual([30_000, 12_000]);
  });
});
