/**
 * Receivables and payables through the real UI served by the real hub. A shipped order, a received purchase order and
 * an invoice already 10 days overdue are set up through the API; the invoice for the order and the bill for the PO are
 * raised on the Finance screen, an overpayment is refused next to the amount, a partial then a full payment clear the
 * invoice, and every figure on screen is checked against finance.listInvoices / listBills. Build first.
 */
import { expect, test, type Page } from '@playwright/test';
import { gtin13, shot, useTestHub } from './kit';

const e2e = useTestHub();
const { api } = e2e;
const utcDay = (plusDays = 0) => new Date(Date.now() + plusDays * 86_400_000).toISOString().slice(0, 10);

/** The wrapper of a Mantine input (label, input, error), found by the input's test id. */
const field = (page: Page, testId: string) => page.locator('.mantine-InputWrapper-root', { has: page.getByTestId(testId) });

async function pick(page: Page, testId: string, typed: string, option: RegExp): Promise<void> {
  await page.getByTestId(testId).click();
  await page.getByTestId(testId).fill(typed);
  await page.getByRole('option', { name: option }).click();
}

test('invoices from a shipped order and bills for a PO: overpayment refused, partial then full payment, aging', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto(e2e.hub.signinUrl);
  await expect(page.getByTestId('connection-status')).toHaveText('Hub connected');

  // --- Seed: stock, one shipped order of 3 × £9.00 = £27.00, one PO of 10 × £5.00 received in full = £50.00.
  const wh = await api(page, 'locations.createWarehouse', { code: 'MAIN', name: 'Main' });
  const bin = await api(page, 'locations.create', { warehouseId: wh.id, kind: 'bin', code: 'A-01' });
  const cup = await api(page, 'catalog.create', { sku: 'CUP-1', name: 'Tea cup', barcodes: [{ code: gtin13('501234567892') }], weightGrams: 200 });
  await api(page, 'stock.receive', { itemId: cup.id, locationId: bin.id, quantity: 5, unitCostMinor: 300 });
  await api(page, 'orders.configure', { requireWeighing: false });
  const shipTo = { name: 'Ada Lovelace', line1: '12 St James Square', city: 'London', postalCode: 'SW1Y 4JH', country: 'GB' };
  const order = await api(page, 'orders.create', { customerName: 'Ada Lovelace', shipTo, lines: [{ itemId: cup.id, quantity: 3, unitPriceMinor: 900 }] });
  await api(page, 'orders.allocate', { orderId: order.id });
  await api(page, 'orders.packScan', { orderId: order.id, code: 'CUP-1', quantity: 3 });
  await api(page, 'orders.ship', { orderId: order.id, carrier: 'RM', service: '24', trackingNumber: 'T1', weightGrams: 650 });
  const supplier = await api(page, 'purchasing.suppliers.create', { name: 'Acme Imports Ltd', currency: 'GBP', paymentTermsDays: 30 });
  const po = await api(page, 'purchasing.orders.createDraft', { supplierId: supplier.id, warehouseId: wh.id, lines: [{ itemId: cup.id, quantity: 10, unitCostMinor: 500 }] });
  await api(page, 'purchasing.orders.send', { id: po.id });
  await api(page, 'purchasing.receive', { poId: po.id, lines: [{ lineId: po.lines[0].id, quantity: 10, binId: bin.id }] });
  // An older sale on 30-day terms, issued 40 days ago: 10 days overdue today.
  const old = await api(page, 'finance.createInvoice', { customerName: 'Babbage & Co', amountMinor: 10_000, termsDays: 30, issueDate: utcDay(-40) });
  expect(old.number).toBe('INV-00001');

  // --- The area is in the menu.
  await page.getByRole('navigation').getByRole('link', { name: 'Finance', exact: true }).click();
  await expect(page).toHaveURL(/#\/finance$/);
  await expect(page.getByTestId('invoice-row')).toHaveCount(1);
  await expect(page.getByTestId('invoice-row').first()).toHaveAttribute('data-status', 'overdue');
  await expect(page.getByTestId('invoice-row').first().getByTestId('doc-status')).toHaveText('Overdue 10 d');

  // --- New invoice from the shipped order, picked by its number; the amount left empty = the order value.
  await page.getByTestId('new-invoice').click();
  await pick(page, 'invoice-order', order.number, new RegExp(order.number));
  await page.getByTestId('invoice-terms').fill('14');
  await shot(page, 'finance-new-invoice', page.getByRole('dialog'));
  await page.getByTestId('invoice-save').click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  const inv = page.locator('[data-testid="invoice-row"][data-number="INV-00002"]');
  await expect(inv).toContainText('Ada Lovelace');
  await expect(inv).toContainText(order.number);
  await expect(inv.getByTestId('doc-open')).toHaveAttribute('data-open', '2700');
  await expect(inv.getByTestId('doc-status')).toHaveText('Open');

  // --- Overpayment: £30.00 against £27.00 owed is refused, the message next to the amount; nothing is written.
  await inv.getByTestId('record-payment').click();
  await expect(page.getByTestId('payment-amount')).toHaveValue('27.00');
  await page.getByTestId('payment-amount').fill('30.00');
  await page.getByTestId('payment-reference').fill('BACS 001');
  await page.getByTestId('payment-save').click();
  await expect(field(page, 'payment-amount')).toContainText('At most £27.00');
  await expect(page.getByTestId('form-error')).toContainText('A payment of £30.00 is more than the £27.00 still owed on INV-00002');
  await shot(page, 'finance-overpayment-refused', page.getByRole('dialog'));
  let core = await api(page, 'finance.listInvoices', { status: 'all' });
  expect(core.rows.find((r: { number: string }) => r.number === 'INV-00002').payments).toEqual([]);

  // --- Partial payment of £10.00, then the rest (prefilled with the £17.00 still owed).
  await page.getByTestId('payment-amount').fill('10.00');
  await page.getByTestId('payment-save').click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(inv.getByTestId('doc-open')).toHaveAttribute('data-open', '1700');
  await expect(inv.getByTestId('doc-paid')).toHaveText('£10.00');
  await expect(inv.getByTestId('doc-status')).toHaveText('Open');
  await inv.getByTestId('record-payment').click();
  await expect(page.getByTestId('payment-amount')).toHaveValue('17.00');
  await page.getByTestId('payment-save').click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  // Paid: it leaves the open list and shows under Paid.
  await expect(inv).toHaveCount(0);
  await page.getByTestId('invoice-status-filter').getByText('Paid', { exact: true }).click();
  await expect(inv.getByTestId('doc-status')).toHaveText('Paid');
  await expect(inv.getByTestId('record-payment')).toHaveCount(0);
  core = await api(page, 'finance.listInvoices', { status: 'all' });
  const paid = core.rows.find((r: { number: string }) => r.number === 'INV-00002');
  expect([paid.status, paid.amountMinor, paid.paidMinor, paid.openMinor, paid.payments.map((p: { amountMinor: number }) => p.amountMinor)]).toEqual(['paid', 2700, 2700, 0, [1000, 1700]]);
  expect(paid.payments[0].reference).toBe('BACS 001');

  // --- All, with aging: £100.00 in 1–30 days overdue, nothing else owed; the same figures as the core's totals.
  await page.getByTestId('invoice-status-filter').getByText('All', { exact: true }).click();
  await expect(page.getByTestId('invoice-row')).toHaveCount(2);
  const totals = core.totals[0];
  expect([totals.currency, totals.openMinor, totals.overdueMinor]).toEqual(['GBP', 10_000, 10_000]);
  for (const b of totals.aging) await expect(page.locator(`[data-testid="aging-bucket"][data-label="${b.label}"]`)).toHaveAttribute('data-open', String(b.openMinor));
  await expect(page.locator('[data-testid="aging-bucket"][data-label="1–30 days overdue"]')).toContainText('£100.00');
  await expect(page.getByTestId('aging-overdue')).toHaveText('Overdue £100.00');
  await shot(page, 'finance-receivables');

  // --- As of yesterday: today's invoice is not issued yet, the old one is 9 days overdue.
  await page.getByTestId('invoice-as-of').fill(utcDay(-1));
  const yesterday = await api(page, 'finance.listInvoices', { status: 'all', asOf: utcDay(-1) });
  expect(yesterday.rows.map((r: { number: string; daysOverdue: number }) => [r.number, r.daysOverdue])).toEqual([['INV-00001', 9]]);
  await expect(page.getByTestId('invoice-row')).toHaveCount(1);
  await expect(page.getByTestId('invoice-row').getByTestId('doc-status')).toHaveText('Overdue 9 d');

  // --- Payables: a bill for the received PO, amount from what was received, the supplier's 30-day terms.
  await page.getByTestId('tab-payables').click();
  await expect(page).toHaveURL(/#\/finance\?tab=payables$/);
  await expect(page.getByTestId('bill-list')).toContainText('No unpaid bills');
  await page.getByTestId('new-bill').click();
  await pick(page, 'bill-supplier', 'Acme', /Acme Imports Ltd/);
  await pick(page, 'bill-po', po.number, new RegExp(po.number));
  await page.getByTestId('bill-ref').fill('ACME-77');
  await shot(page, 'finance-new-bill', page.getByRole('dialog'));
  await page.getByTestId('bill-save').click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  const billRow = page.locator('[data-testid="bill-row"][data-number="BILL-00001"]');
  await expect(billRow).toContainText('Acme Imports Ltd');
  await expect(billRow).toContainText('ACME-77');
  await expect(billRow.getByTestId('doc-open')).toHaveAttribute('data-open', '5000');
  const bills = await api(page, 'finance.listBills', { status: 'all' });
  expect(bills.rows.map((b: { number: string; poNumber: string; supplierRef: string; amountMinor: number; termsDays: number; dueDate: string; status: string }) => [b.number, b.poNumber, b.supplierRef, b.amountMinor, b.termsDays, b.dueDate, b.status])).toEqual([
    ['BILL-00001', po.number, 'ACME-77', 5000, 30, utcDay(30), 'open'],
  ]);
  // The same supplier invoice number twice is refused next to it.
  await page.getByTestId('new-bill').click();
  await pick(page, 'bill-supplier', 'Acme', /Acme Imports Ltd/);
  await page.getByTestId('bill-ref').fill('ACME-77');
  await page.getByTestId('bill-amount').fill('12.00');
  await page.getByTestId('bill-save').click();
  await expect(field(page, 'bill-ref')).toContainText('Already BILL-00001');
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  expect((await api(page, 'finance.listBills', { status: 'all' })).rows).toHaveLength(1);
  await shot(page, 'finance-payables');

  // --- The dashboard's DSO and DPO tiles lead here.
  await page.goto(`${e2e.hub.url}/#/`);
  await page.locator('[data-kpi="daysPayableOutstanding"]').getByRole('link').click();
  await expect(page).toHaveURL(/#\/finance\?tab=payables$/);
  await expect(page.getByTestId('bill-row')).toHaveCount(1);
  await page.goto(`${e2e.hub.url}/#/`);
  await page.locator('[data-kpi="daysSalesOutstanding"]').getByRole('link').click();
  await expect(page).toHaveURL(/#\/finance$/);
  await expect(page.getByTestId('invoice-row')).toHaveCount(1);
});
