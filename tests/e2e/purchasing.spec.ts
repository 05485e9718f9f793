/**
 * Purchasing end to end through the real UI served by the real hub: past sales imported into the demand history put
 * two items below their reorder point; the replenishment screen suggests them (with the numbers explained), turns them
 * into a draft PO, which is sent from its page; the delivery is received by keyboard-wedge scans of GS1 labels (GTIN,
 * expiry, lot) and a bin label, including an over-receipt accepted with a reason; then the ledger is checked through
 * the API: balances per bin and lot with expiry, FIFO layers at the PO's unit cost, and the lead-time history.
 * Build first: npx electron-vite build.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { startTestHub, type E2eHub } from './hub';
import { api as callApi, scanKeys as scan } from './browser';

const SHOTS = 'tests/artifacts/screenshots';
const HUMAN_DELAY = 120;
const DAY = 86_400_000;

/** GS1 mod-10, written out here so the test does not trust the code it checks. */
function gtin13(body12: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(body12[i]) * (i % 2 === 0 ? 1 : 3);
  return body12 + String((10 - (sum % 10)) % 10);
}
const OIL_GTIN = gtin13('501234500001');
const RICE_GTIN = gtin13('501234500002');
// (01) GTIN-14, (17) expiry YYMMDD, (10) lot last: the only variable-length AI ends the string, so no GS is needed.
const gs1 = (gtin: string, yymmdd: string, lot: string) => `01${'0'.repeat(14 - gtin.length)}${gtin}17${yymmdd}10${lot}`;

let hub: E2eHub;
test.beforeAll(async () => {
  hub = await startTestHub();
});
test.afterAll(async () => {
  await hub?.close();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const api = (page: Page, method: string, input: unknown): Promise<any> => callApi(page, hub.url, method, input);


async function shot(page: Page, name: string, target?: Locator): Promise<void> {
  const style = '.mantine-Notifications-root { display: none !important; }';
  if (target) return void (await target.screenshot({ path: `${SHOTS}/${name}.png`, style }));
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true, style });
}

/** 26 weeks of daily sales ending yesterday (hub clock = wall clock), enough to backtest: oil 2–4 a day, rice 5–7 a day. */
function historyCsv(): string {
  const rows = ['Invoice,StockCode,InvoiceDate,Quantity,UnitPrice'];
  const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
  for (let i = 182; i >= 1; i--) {
    const day = new Date(today - i * DAY).toISOString().slice(0, 10);
    rows.push(`S${i}A,OIL-500,${day},${2 + (i % 3)},8.50`);
    rows.push(`S${i}B,RICE-1K,${day},${5 + (i % 3)},2.40`);
  }
  // A cancellation and a postage line: netted and skipped by the import, not sales.
  rows.push(`C900,OIL-500,${new Date(today - 3 * DAY).toISOString().slice(0, 10)},-1,8.50`);
  rows.push(`S901,POST,${new Date(today - 3 * DAY).toISOString().slice(0, 10)},1,5.00`);
  return rows.join('\n');
}

test('replenishment → draft PO → send → receive by GS1 scans → stock, layers and lead time', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto(hub.signinUrl);
  await expect(page.getByTestId('connection-status')).toHaveText('Hub connected');

  // --- data through the API: a warehouse with bins, a supplier quoting 7 days, two items with GTINs (oil lot-tracked).
  const wh = await api(page, 'locations.createWarehouse', { code: 'MAIN', name: 'Main warehouse' });
  const zone = await api(page, 'locations.create', { warehouseId: wh.id, kind: 'zone', code: 'A' });
  const a1 = await api(page, 'locations.create', { warehouseId: wh.id, parentId: zone.id, kind: 'bin', code: 'A-01', barcode: 'LOC-A-01' });
  await api(page, 'locations.create', { warehouseId: wh.id, parentId: zone.id, kind: 'bin', code: 'A-02' });
  const oil = await api(page, 'catalog.create', { sku: 'OIL-500', name: 'Olive oil 500 ml', tracking: 'lot', costMinor: 400, priceMinor: 850, barcodes: [{ code: OIL_GTIN }] });
  const rice = await api(page, 'catalog.create', { sku: 'RICE-1K', name: 'Basmati rice 1 kg', costMinor: 150, priceMinor: 240, barcodes: [{ code: RICE_GTIN }] });
  const sup = await api(page, 'purchasing.suppliers.create', { name: 'Harbour Foods Ltd', email: 'orders@harbour.example', currency: 'GBP', paymentTermsDays: 30, leadTimeDays: 7, packSize: 1 });
  await api(page, 'purchasing.supplierItems.set', { supplierId: sup.id, itemId: oil.id, supplierSku: 'HF-OLV-05', costMinor: 420, packSize: 6, preferred: true });
  await api(page, 'purchasing.supplierItems.set', { supplierId: sup.id, itemId: rice.id, supplierSku: 'HF-RCE-1', costMinor: 180, packSize: 10, preferred: true });
  const imported = await api(page, 'planning.importHistory', {
    csv: historyCsv(),
    source: 'old-shop',
    mapping: { sku: 'StockCode', date: 'InvoiceDate', quantity: 'Quantity', price: 'UnitPrice', invoice: 'Invoice' },
    dateFormat: 'YYYY-MM-DD',
  });
  expect(imported).toMatchObject({ saleLines: 364, cancellationLines: 1, nonProductSkipped: 1, unknownSkuRows: 0 });

  // --- replenishment: both items have no stock, so both are at or below their reorder point.
  await page.getByRole('navigation').getByRole('link', { name: 'Purchasing', exact: true }).click();
  await expect(page).toHaveURL(/#\/purchasing$/);
  await page.getByRole('tab', { name: 'Replenishment' }).click();
  await expect(page).toHaveURL(/#\/purchasing\/replenishment$/);
  await page.getByTestId('recompute').click();
  await expect(page.getByTestId('planning-last-run')).toContainText('manual recompute');
  const group = page.getByTestId('suggestion-group').filter({ hasText: 'Harbour Foods Ltd' });
  await expect(group.getByTestId('suggestion-row')).toHaveCount(2);
  const oilRow = group.locator('[data-testid="suggestion-row"][data-sku="OIL-500"]');
  const riceRow = group.locator('[data-testid="suggestion-row"][data-sku="RICE-1K"]');
  const oilQty = Number(await oilRow.getByTestId('suggestion-qty').innerText());
  const riceQty = Number(await riceRow.getByTestId('suggestion-qty').innerText());
  // Suggested quantities respect the supplier's packs (6 and 10) and lift the position above the reorder point.
  expect(oilQty % 6).toBe(0);
  expect(riceQty % 10).toBe(0);
  expect(oilQty).toBeGreaterThan(Number(await oilRow.getByTestId('suggestion-rop').innerText()));
  // Its reason, on the line under it, shows the arithmetic.
  await expect(oilRow.locator('xpath=following-sibling::tr[1]')).toContainText(`Position 0 = on hand 0 − reserved 0 + on order 0 + in draft 0`);
  await shot(page, 'purchasing-replenishment');

  // The numbers behind the oil suggestion, formula by formula.
  await oilRow.getByTestId('explain-item').click();
  const plan = page.getByTestId('item-plan');
  await expect(plan).toBeVisible();
  // 26 weeks are enough for the rolling-origin backtest: the chosen method comes with its MASE.
  await expect(plan.getByTestId('plan-forecast')).toContainText(/MASE \d+\.\d{3}/);
  await expect(plan.getByTestId('plan-safety-stock')).toContainText('Safety stock (service-level)');
  await expect(plan.getByTestId('plan-rop')).toContainText('units');
  await expect(plan.getByTestId('plan-eoq')).toContainText('pack = 6');
  await expect(plan.getByTestId('plan-abc')).toContainText('service level');
  await page.waitForTimeout(400); // the drawer's slide-in transition
  await shot(page, 'purchasing-plan', page.locator('.mantine-Drawer-content'));
  await page.keyboard.press('Escape');
  await expect(plan).toBeHidden();

  // --- select the supplier's suggestions → one draft PO, and the drafts list.
  await group.getByTestId('group-select').check();
  await expect(page.getByTestId('create-drafts')).toHaveText('Create draft POs (2)');
  await page.getByTestId('create-drafts').click();
  await expect(page).toHaveURL(/#\/purchasing\?status=draft$/);
  const draftRow = page.getByTestId('po-row');
  await expect(draftRow).toHaveCount(1);
  await expect(draftRow).toContainText('Harbour Foods Ltd');
  await expect(draftRow.getByTestId('po-status')).toHaveText('Draft');
  const number = (await draftRow.getAttribute('data-number'))!;
  expect(number).toMatch(/^PO-\d+$/);

  // --- the draft: lines at the supplier's costs; send it.
  await draftRow.getByRole('link', { name: number }).click();
  await expect(page.getByTestId('po-number')).toHaveText(number);
  const line = (sku: string) => page.locator(`[data-testid="po-line"][data-sku="${sku}"]`);
  await expect(line('OIL-500').getByTestId('line-ordered')).toHaveText(String(oilQty));
  await expect(line('RICE-1K').getByTestId('line-ordered')).toHaveText(String(riceQty));
  const expectedTotal = (oilQty * 420 + riceQty * 180) / 100;
  await expect(page.getByTestId('po-total')).toHaveText(`£${expectedTotal.toLocaleString('en-GB', { minimumFractionDigits: 2 })}`);
  const download = page.waitForEvent('download');
  await page.getByTestId('po-pdf').click();
  expect((await download).suggestedFilename()).toMatch(/\.pdf$/);
  await shot(page, 'purchasing-po-draft');
  await page.getByTestId('po-send').click();
  await expect(page.getByTestId('po-status')).toHaveText('Sent');
  await expect(page.getByTestId('po-send')).toHaveCount(0);

  // --- receiving, scanner first: the PO number off the delivery note picks the order.
  await page.getByRole('tab', { name: 'Receive against PO' }).click();
  await expect(page.getByTestId('po-picker')).toContainText(number);
  await scan(page, number);
  await expect(page.getByTestId('receiving-po')).toHaveText(number);
  await expect(page.getByTestId('receive-code')).toBeFocused();

  const qtyField = page.getByTestId('receive-qty');
  const feedback = page.getByTestId('scan-feedback');
  // Oil, first lot: label → lot and expiry filled; bin label → the quantity field; 48 typed by hand, Enter.
  await scan(page, gs1(OIL_GTIN, '271130', 'L2401'));
  await expect(page.getByTestId('pending-line')).toContainText('OIL-500');
  await expect(page.getByTestId('receive-lot')).toHaveValue('L2401');
  await expect(page.getByTestId('receive-expiry')).toHaveValue('2027-11-30');
  await expect(page.getByTestId('receive-bin')).toBeFocused();
  await scan(page, 'LOC-A-01');
  await expect(page.getByTestId('receive-bin')).toHaveValue('A-01');
  await expect(qtyField).toBeFocused();
  await expect(qtyField).toHaveValue(String(oilQty));
  await page.keyboard.type('48', { delay: HUMAN_DELAY });
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-testid="receipt-line"][data-sku="OIL-500"]')).toHaveCount(1);
  await expect(feedback).toContainText('Added 48 × OIL-500 lot L2401 to A-01');
  await expect(page.getByTestId('receive-code')).toBeFocused();

  // Oil, second lot: the bin is kept, the quantity offered is the rest of the line; Enter takes it.
  await scan(page, gs1(OIL_GTIN, '280131', 'L2402'));
  await expect(page.getByTestId('receive-lot')).toHaveValue('L2402');
  await expect(qtyField).toBeFocused();
  await expect(qtyField).toHaveValue(String(oilQty - 48));
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-testid="receipt-line"][data-sku="OIL-500"]')).toHaveCount(2);

  // A GTIN that is not on this PO is refused with a reason and changes nothing.
  await scan(page, gtin13('501234500099'));
  await expect(feedback).toHaveAttribute('data-color', 'red');
  await expect(feedback).toContainText('No item has GTIN');

  // Rice (not lot tracked): the plain EAN-13, 5 more than ordered → the receipt asks for an explicit yes with a reason.
  await scan(page, RICE_GTIN);
  await expect(page.getByTestId('pending-line')).toContainText('RICE-1K');
  await expect(page.getByTestId('receive-lot')).toBeDisabled();
  await expect(qtyField).toBeFocused();
  await page.keyboard.type(String(riceQty + 5), { delay: HUMAN_DELAY });
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('receipt-units')).toHaveText(`3 lines · ${oilQty + riceQty + 5} units`);
  await expect(page.getByTestId('over-receipt')).toContainText(`RICE-1K: ${riceQty} expected, receiving ${riceQty + 5}`);
  await expect(page.getByTestId('post-receipt')).toBeDisabled();
  await page.getByTestId('over-accept').check();
  await expect(page.getByTestId('post-receipt')).toBeDisabled();
  await page.getByTestId('over-reason').fill('Supplier shipped a full pallet layer; buyer agreed');
  await expect(page.getByTestId('post-receipt')).toBeEnabled();
  await shot(page, 'purchasing-receiving');

  await page.getByTestId('post-receipt').click();
  await expect(feedback).toContainText(`${number} is now received`);
  await expect(page.getByTestId('receipt-line')).toHaveCount(0);
  const progress = (sku: string) => page.locator(`[data-testid="progress-line"][data-sku="${sku}"]`);
  await expect(progress('OIL-500').getByTestId('progress-received')).toHaveText(String(oilQty));
  await expect(progress('RICE-1K').getByTestId('progress-received')).toHaveText(String(riceQty + 5));
  await expect(page.getByTestId('po-status')).toHaveText('Received');

  // --- the PO page shows the received quantities, the receipts with lots, and the lead time.
  await page.getByTestId('receiving-po').click();
  await expect(line('OIL-500').getByTestId('line-received')).toHaveText(String(oilQty));
  await expect(line('RICE-1K').getByTestId('line-received')).toHaveText(String(riceQty + 5));
  await expect(page.getByTestId('receipt-row')).toHaveCount(3);
  await expect(page.getByTestId('po-lead-times')).toContainText('OIL-500');
  await expect(page.getByTestId('landed-rows')).toContainText('OIL-500');
  await shot(page, 'purchasing-po');

  // --- the ledger, through the API.
  const oilBal = (await api(page, 'stock.balances', { itemId: oil.id })) as { locationId: number; lot: string; expiry: string; onHand: number }[];
  expect(oilBal.map((b) => [b.locationId, b.lot, b.expiry, b.onHand]).sort()).toEqual(
    [
      [a1.id, 'L2401', '2027-11-30', 48],
      [a1.id, 'L2402', '2028-01-31', oilQty - 48],
    ].sort(),
  );
  const riceBal = (await api(page, 'stock.balances', { itemId: rice.id })) as { locationId: number; lot: string | null; onHand: number }[];
  expect(riceBal.map((b) => [b.locationId, b.lot, b.onHand])).toEqual([[a1.id, null, riceQty + 5]]);
  const oilLayers = (await api(page, 'stock.layers', { itemId: oil.id })) as { unitCostMinor: number; quantityRemaining: number; lot: string }[];
  expect(oilLayers.map((l) => [l.lot, l.unitCostMinor, l.quantityRemaining]).sort()).toEqual(
    [
      ['L2401', 420, 48],
      ['L2402', 420, oilQty - 48],
    ].sort(),
  );
  const riceLayers = (await api(page, 'stock.layers', { itemId: rice.id })) as { unitCostMinor: number; quantityRemaining: number }[];
  expect(riceLayers.map((l) => [l.unitCostMinor, l.quantityRemaining])).toEqual([[180, riceQty + 5]]);
  const lead = await api(page, 'purchasing.leadTimes', { supplierId: sup.id, itemId: oil.id });
  expect(lead.count).toBe(1);
  expect(lead.observations[0].number).toBe(number);
  expect(lead.observations[0].days).toBeGreaterThanOrEqual(0);
  expect(lead.observations[0].days).toBeLessThan(1);
  expect((await api(page, 'purchasing.leadTimes', { supplierId: sup.id })).count).toBe(2);

  // Replenishment now counts the stock: neither item is suggested any more.
  await page.getByRole('tab', { name: 'Replenishment' }).click();
  await expect(page.getByTestId('no-suggestions')).toBeVisible();
});
