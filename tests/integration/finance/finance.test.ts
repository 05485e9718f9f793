import { afterEach, describe, expect, it } from 'vitest';
import type { TestCore } from '../../helpers/core';
import { SHIP_TO } from '../orders/seed';
import { seedPurchasing } from '../purchasing/setup';

let c: TestCore | undefined;
afterEach(() => c?.close());

const at = (core: TestCore, day: string) => (core.clock.t = new Date(`${day}T10:00:00.000Z`));

/** Everything a refused finance call must leave alone. */
const snap = (core: TestCore) =>
  ['sales_invoices', 'invoice_payments', 'supplier_bills', 'bill_payments'].map((t) => core.db.prepare(`SELECT * FROM ${t} ORDER BY id`).all());

function setup() {
  const s = seedPurchasing();
  c = s.c;
  at(s.c, '2026-03-01');
  const order = s.c.ok('orders.create', {
    customerName: 'Corner Shop Ltd',
    shipTo: SHIP_TO,
    lines: [
      { itemId: s.mug.id, quantity: 4, unitPriceMinor: 550 },
      { itemId: s.tea.id, quantity: 2, unitPriceMinor: 400 },
    ],
  });
  return { ...s, order };
}

describe('sales invoices', () => {
  it('invoices an order on terms, takes part payments, and ages what is still owed', () => {
    const s = setup();
    const core = s.c;
    const events: unknown[] = [];
    core.bus.on('finance.changed', (e) => events.push(e));
    // Amount from the order: 4 × 550 + 2 × 400 = 2 200 + 800 = 3 000; due 30 days after 2026-03-01 = 2026-03-31.
    const inv = core.ok('finance.createInvoice', { orderId: s.order.id });
    expect(inv).toMatchObject({
      number: 'INV-00001',
      orderNumber: s.order.number,
      customerName: 'Corner Shop Ltd',
      issueDate: '2026-03-01',
      termsDays: 30,
      dueDate: '2026-03-31',
      amountMinor: 3000,
      currency: 'GBP',
      paidMinor: 0,
      openMinor: 3000,
      status: 'open',
      paidDate: null,
    });
    const other = core.ok('finance.createInvoice', { customerName: 'Walk-in', amountMinor: 999, termsDays: 0, issueDate: '2026-02-20' });
    expect([other.number, other.dueDate]).toEqual(['INV-00002', '2026-02-20']);

    at(core, '2026-03-20');
    const part = core.ok('finance.recordInvoicePayment', { invoiceId: inv.id, amountMinor: 1000, reference: 'BACS 1' });
    expect([part.paidMinor, part.openMinor, part.status, part.payments.map((p) => [p.paidOn, p.amountMinor])]).toEqual([1000, 2000, 'open', [['2026-03-20', 1000]]]);

    // As of 2026-04-15: 2 000 open, 15 days past 03-31 → overdue, in the 1–30 bucket; the walk-in 999 is 54 days overdue.
    at(core, '2026-05-10');
    const list = core.ok('finance.listInvoices', { asOf: '2026-04-15' });
    expect(list.rows.map((r) => [r.number, r.status, r.openMinor, r.daysOverdue])).toEqual([
      ['INV-00002', 'overdue', 999, 54],
      ['INV-00001', 'overdue', 2000, 15],
    ]);
    expect(list.totals).toHaveLength(1);
    expect(list.totals[0]).toMatchObject({ currency: 'GBP', count: 2, amountMinor: 3999, paidMinor: 1000, openMinor: 2999, overdueMinor: 2999 });
    expect(list.totals[0]!.aging.map((b) => [b.label, b.count, b.openMinor])).toEqual([
      ['Not yet due', 0, 0],
      ['1–30 days overdue', 1, 2000],
      ['31–60 days overdue', 1, 999],
      ['61–90 days overdue', 0, 0],
      ['Over 90 days overdue', 0, 0],
    ]);
    // As of 2026-03-10 INV-00001 is open (due 03-31) and the 03-20 payment is not seen yet.
    const early = core.ok('finance.listInvoices', { asOf: '2026-03-10', status: 'open' });
    expect(early.rows.map((r) => [r.number, r.paidMinor, r.openMinor])).toEqual([['INV-00001', 0, 3000]]);

    // Paid off on 2026-05-10 (40 days after due): paid, paid date, days overdue frozen at 40.
    const paid = core.ok('finance.recordInvoicePayment', { invoiceId: inv.id, amountMinor: 2000, currency: 'GBP' });
    expect([paid.status, paid.paidDate, paid.daysOverdue, paid.openMinor]).toEqual(['paid', '2026-05-10', 40, 0]);
    expect(core.ok('finance.listInvoices', { status: 'paid' }).rows.map((r) => r.number)).toEqual(['INV-00001']);
    expect(core.ok('finance.listInvoices', { status: 'overdue' }).rows.map((r) => r.number)).toEqual(['INV-00002']);
    expect(core.ok('finance.listInvoices', { orderId: s.order.id }).rows.map((r) => r.number)).toEqual(['INV-00001']);
    // Two invoices raised, two payments: one event each.
    expect(events).toEqual([
      { kind: 'invoice', ids: [inv.id] },
      { kind: 'invoice', ids: [other.id] },
      { kind: 'invoice', ids: [inv.id] },
      { kind: 'invoice', ids: [inv.id] },
    ]);
  });

  it('refuses overpayment, a payment before the invoice or in the future, another currency, an unknown order or invoice, writing nothing', () => {
    const s = setup();
    const core = s.c;
    const inv = core.ok('finance.createInvoice', { orderId: s.order.id, termsDays: 14 });
    at(core, '2026-03-05');
    core.ok('finance.recordInvoicePayment', { invoiceId: inv.id, amountMinor: 2500 });
    const before = snap(core);
    const refused = (r: { ok: boolean; error?: { code: string; message: string; fields?: Record<string, string> } }) => {
      expect(r.ok).toBe(false);
      return r.error!;
    };
    const over = refused(core.call('finance.recordInvoicePayment', { invoiceId: inv.id, amountMinor: 501 }));
    expect([over.code, over.message, over.fields]).toEqual(['OVERPAYMENT', 'A payment of £5.01 is more than the £5.00 still owed on INV-00001', { amountMinor: 'At most £5.00' }]);
    const early = refused(core.call('finance.recordInvoicePayment', { invoiceId: inv.id, amountMinor: 100, paidOn: '2026-02-28' }));
    expect([early.code, early.message, early.fields]).toEqual(['VALIDATION', 'A payment dated 2026-02-28 is before INV-00001 was issued (2026-03-01)', { paidOn: 'Not before 2026-03-01' }]);
    const future = refused(core.call('finance.recordInvoicePayment', { invoiceId: inv.id, amountMinor: 100, paidOn: '2026-03-06' }));
    expect([future.code, future.fields]).toEqual(['VALIDATION', { paidOn: 'Not after 2026-03-05' }]);
    const usd = refused(core.call('finance.recordInvoicePayment', { invoiceId: inv.id, amountMinor: 100, currency: 'USD' }));
    expect([usd.code, usd.message]).toEqual(['CURRENCY_MISMATCH', 'INV-00001 is in GBP; a payment in USD cannot be set against it']);
    expect(refused(core.call('finance.recordInvoicePayment', { invoiceId: 99, amountMinor: 100 })).code).toBe('UNKNOWN_INVOICE');
    expect(refused(core.call('finance.createInvoice', { orderId: 99 })).code).toBe('UNKNOWN_ORDER');
    const cur = refused(core.call('finance.createInvoice', { orderId: s.order.id, currency: 'EUR' }));
    expect([cur.code, cur.fields]).toEqual(['CURRENCY_MISMATCH', { currency: 'Must be GBP' }]);
    expect(refused(core.call('finance.createInvoice', { amountMinor: 100 })).fields).toEqual({ customerName: 'Give the customer (or the sales order)' });
    expect(refused(core.call('finance.createInvoice', { customerName: 'X' })).fields).toEqual({ amountMinor: 'Give the amount (or the sales order)' });
    expect(refused(core.call('finance.createInvoice', { customerName: 'X', amountMinor: 100, issueDate: '2026-02-30' })).fields).toEqual({ issueDate: 'Not a calendar date' });
    expect(refused(core.call('finance.recordInvoicePayment', { invoiceId: inv.id, amountMinor: 0 })).code).toBe('VALIDATION');
    expect(snap(core)).toEqual(before);
    // Paid in full, then nothing more can be paid.
    core.ok('finance.recordInvoicePayment', { invoiceId: inv.id, amountMinor: 500 });
    expect(refused(core.call('finance.recordInvoicePayment', { invoiceId: inv.id, amountMinor: 1 })).message).toBe('INV-00001 is already paid in full (£30.00)');
  });
});

describe('payment retries', () => {
  it('records a payment once under its idempotency key, and refuses the key for another payment', () => {
    const s = setup();
    const core = s.c;
    const inv = core.ok('finance.createInvoice', { orderId: s.order.id });
    const first = core.ok('finance.recordInvoicePayment', { invoiceId: inv.id, amountMinor: 1_000, idempotencyKey: 'bank-line-17' });
    core.clock.advance(3_600_000);
    const again = core.ok('finance.recordInvoicePayment', { invoiceId: inv.id, amountMinor: 1_000, idempotencyKey: 'bank-line-17' });
    expect([first.paidMinor, again.paidMinor, again.payments.length]).toEqual([1_000, 1_000, 1]);
    const before = snap(core);
    const other = core.call('finance.recordInvoicePayment', { invoiceId: inv.id, amountMinor: 900, idempotencyKey: 'bank-line-17' });
    expect(!other.ok && [other.error.code, other.error.fields]).toEqual(['IDEMPOTENCY_CONFLICT', { idempotencyKey: 'Already used' }]);
    expect(snap(core)).toEqual(before);
    const bill = core.ok('finance.createBill', { supplierId: s.supplier.id, amountMinor: 500 });
    core.ok('finance.recordBillPayment', { billId: bill.id, amountMinor: 200, idempotencyKey: 'out-1' });
    expect(core.ok('finance.recordBillPayment', { billId: bill.id, amountMinor: 200, idempotencyKey: 'out-1' }).paidMinor).toBe(200);
  });
});

describe('receivables in the KPIs', () => {
  it('counts only documents in the business currency, from their own dates', () => {
    const s = setup();
    const core = s.c;
    core.ok('finance.createInvoice', { orderId: s.order.id }); // 3 000 GBP on 2026-03-01
    core.ok('finance.createInvoice', { customerName: 'US Shop', amountMinor: 5_000, currency: 'USD' });
    core.ok('finance.createInvoice', { customerName: 'Later', amountMinor: 700, issueDate: '2026-03-02' });
    const ar = (from: string, to: string) => core.ok('reports.kpis', { from, to }).kpis.find((k) => k.key === 'daysSalesOutstanding')!.inputs.receivablesMinor;
    // 03-01: 3 000 (the USD invoice is left out); 03-02: 3 000 + 700 = 3 700; over both days (3 000 + 3 700) ÷ 2 = 3 350.
    expect([ar('2026-03-01', '2026-03-01'), ar('2026-03-02', '2026-03-02'), ar('2026-03-01', '2026-03-02'), ar('2026-02-01', '2026-02-28')]).toEqual([3_000, 3_700, 3_350, 0]);
    expect(core.ok('finance.listInvoices', {}).totals.map((t) => [t.currency, t.openMinor])).toEqual([
      ['GBP', 3_000],
      ['USD', 5_000],
    ]);
  });
});

describe('supplier bills', () => {
  it("bills a received PO at its received value with the supplier's terms, paid late in two payments", () => {
    const s = setup();
    const core = s.c;
    const po = core.ok('purchasing.orders.createDraft', {
      supplierId: s.supplier.id,
      warehouseId: s.wh.id,
      lines: [
        { itemId: s.a.id, quantity: 10, unitCostMinor: 500 },
        { itemId: s.b.id, quantity: 20, unitCostMinor: 250 },
      ],
    });
    core.ok('purchasing.orders.send', { id: po.id });
    // Only 6 of the 10 ALPHA arrive: received value = 6 × 500 + 20 × 250 = 3 000 + 5 000 = 8 000.
    core.ok('purchasing.receive', {
      poId: po.id,
      lines: [
        { lineId: po.lines[0]!.id, quantity: 6, binId: s.a1.id },
        { lineId: po.lines[1]!.id, quantity: 20, binId: s.a1.id },
      ],
    });
    const bill = core.ok('finance.createBill', { supplierId: s.supplier.id, poId: po.id, supplierRef: 'ACME-881' });
    // Acme's terms are 45 days: 2026-03-01 + 45 = 2026-04-15.
    expect(bill).toMatchObject({ number: 'BILL-00001', supplierName: 'Acme Imports Ltd', poNumber: po.number, billDate: '2026-03-01', termsDays: 45, dueDate: '2026-04-15', amountMinor: 8000, status: 'open' });
    at(core, '2026-04-20');
    core.ok('finance.recordBillPayment', { billId: bill.id, amountMinor: 3000 });
    at(core, '2026-05-05');
    const paid = core.ok('finance.recordBillPayment', { billId: bill.id, amountMinor: 5000 });
    // Cleared 2026-05-05, 20 days after it was due.
    expect([paid.status, paid.paidDate, paid.daysOverdue, paid.payments.length]).toEqual(['paid', '2026-05-05', 20, 2]);
    const asOf = core.ok('finance.listBills', { asOf: '2026-04-30', supplierId: s.supplier.id });
    expect(asOf.rows.map((r) => [r.status, r.openMinor, r.daysOverdue])).toEqual([['overdue', 5000, 15]]);
    expect(core.ok('finance.listBills', { status: 'paid' }).totals[0]).toMatchObject({ count: 1, amountMinor: 8000, paidMinor: 8000, openMinor: 0 });

    const before = snap(core);
    const dup = core.call('finance.createBill', { supplierId: s.supplier.id, amountMinor: 10, supplierRef: 'ACME-881' });
    expect(!dup.ok && [dup.error.code, dup.error.message]).toEqual(['DUPLICATE', "Acme Imports Ltd's invoice ACME-881 is already recorded as BILL-00001"]);
    const unknown = core.call('finance.createBill', { supplierId: 999, amountMinor: 10 });
    expect(!unknown.ok && [unknown.error.code, unknown.error.fields]).toEqual(['UNKNOWN_SUPPLIER', { supplierId: 'Unknown supplier' }]);
    const noPo = core.call('finance.createBill', { supplierId: s.supplier.id, poId: 999 });
    expect(!noPo.ok && noPo.error.code).toBe('UNKNOWN_PO');
    const eur = core.call('finance.createBill', { supplierId: s.supplier.id, amountMinor: 10, currency: 'EUR' });
    expect(!eur.ok && [eur.error.code, eur.error.message]).toEqual(['CURRENCY_MISMATCH', 'Acme Imports Ltd bills in GBP; a bill in EUR cannot be recorded against it']);
    const over = core.call('finance.recordBillPayment', { billId: bill.id, amountMinor: 1 });
    expect(!over.ok && over.error.code).toBe('OVERPAYMENT');
    const other = core.ok('purchasing.suppliers.create', { name: 'Other Ltd', currency: 'GBP', paymentTermsDays: 10 });
    const wrongPo = core.call('finance.createBill', { supplierId: other.id, poId: po.id });
    expect(!wrongPo.ok && [wrongPo.error.code, wrongPo.error.fields]).toEqual(['VALIDATION', { poId: 'Not a PO of Other Ltd' }]);
    expect(core.call('finance.recordBillPayment', { billId: 42, amountMinor: 1 })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_BILL' } });
    expect(snap(core)).toEqual(before);

    // A bill not tied to a PO (and paid before it is due): on time.
    const rent = core.ok('finance.createBill', { supplierId: other.id, amountMinor: 1200, billDate: '2026-05-01' });
    expect([rent.dueDate, rent.poId]).toEqual(['2026-05-11', null]);
    const early = core.call('finance.recordBillPayment', { billId: rent.id, amountMinor: 1200, paidOn: '2026-04-30' });
    expect(!early.ok && early.error.message).toBe('A payment dated 2026-04-30 is before BILL-00002 was billed (2026-05-01)');
    expect(core.ok('finance.recordBillPayment', { billId: rent.id, amountMinor: 1200 })).toMatchObject({ status: 'paid', daysOverdue: 0 });
  });
});
