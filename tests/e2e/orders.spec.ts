/**
 * Orders through the real UI served by the real hub: stock is set up through the API; an order is typed into the
 * "New order" form (the API's field errors shown next to the fields first), a CSV with one bad row is refused with its
 * row and field and imports nothing, then a good CSV imports; orders are allocated from the UI (one not allocatable,
 * with its reason); two allocated orders become a pick list, confirmed by wedge-speed scans of bin then item,
 * including a wrong bin and a wrong item (both refused, nothing changed). The core's state is checked through the API.
 * Build first: npx electron-vite build.
 */
import { expect, test } from '@playwright/test';
import { scanKeys as scan } from './browser';
import { gtin13, shot, useTestHub } from './kit';

const MUG = gtin13('400638133393');
const PLATE = gtin13('501234567890');
const TEA = gtin13('500000000001');
const BOWL = gtin13('501234567891');
const GTINS: Record<string, string> = { 'MUG-1': MUG, 'PLATE-1': PLATE, 'TEA-1': TEA, 'BOWL-1': BOWL };
const gs1 = (gtin: string, lot: string) => `(01)0${gtin}(10)${lot}`;

const e2e = useTestHub();
const { api } = e2e;

const HEADER = 'order_id,line_id,sku,quantity,unit_price,customer_name,email,address1,city,postal_code,country';
const GRACE = 'Grace Hopper,grace@example.com,1 Navy Yard,Arlington,22202,US';
const ALAN = 'Alan Turing,,2 Bletchley Park,Milton Keynes,MK3 6EB,GB';

test('orders: form, CSV import, allocation, pick list confirmed by scans', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto(e2e.hub.signinUrl);
  await expect(page.getByTestId('connection-status')).toHaveText('Hub connected');

  // --- Set up through the API: two bins in walking order, a spare bin, four items (tea lot-tracked, two lots).
  const wh = await api(page, 'locations.createWarehouse', { code: 'MAIN', name: 'Main' });
  const bin = (code: string) => api(page, 'locations.create', { warehouseId: wh.id, kind: 'bin', code });
  const [a1, a2, a3] = [await bin('A-01'), await bin('A-02'), await bin('A-03')];
  const item = (sku: string, name: string, extra: object = {}) => api(page, 'catalog.create', { sku, name, barcodes: [{ code: GTINS[sku] }], ...extra });
  const mug = await item('MUG-1', 'Enamel mug');
  const plate = await item('PLATE-1', 'Stoneware plate');
  const tea = await item('TEA-1', 'Green tea 100g', { tracking: 'lot' });
  const bowl = await item('BOWL-1', 'Stoneware bowl');
  await api(page, 'stock.receive', { itemId: mug.id, locationId: a1.id, quantity: 5, unitCostMinor: 200 });
  await api(page, 'stock.receive', { itemId: plate.id, locationId: a2.id, quantity: 4, unitCostMinor: 400 });
  await api(page, 'stock.receive', { itemId: tea.id, locationId: a2.id, quantity: 3, unitCostMinor: 120, lot: 'L2', expiry: '2031-06-01' });
  await api(page, 'stock.receive', { itemId: tea.id, locationId: a1.id, quantity: 3, unitCostMinor: 120, lot: 'L1', expiry: '2030-01-01' });
  await api(page, 'stock.receive', { itemId: bowl.id, locationId: a3.id, quantity: 1, unitCostMinor: 150 });

  // --- The Orders area is built now: the nav leads to the list.
  await page.getByRole('navigation').getByRole('link', { name: 'Orders', exact: true }).click();
  await expect(page).toHaveURL(/#\/orders$/);
  await expect(page.getByTestId('order-count-all')).toHaveText('0');

  // --- New order by hand. First without a customer or postal code: the API's field errors land next to the fields.
  await page.getByTestId('new-order').click();
  const form = page.getByTestId('new-order-form');
  await form.getByTestId('ship-name').fill('Ada Lovelace');
  await form.getByTestId('ship-line1').fill('12 St James Square');
  await form.getByTestId('ship-city').fill('London');
  await form.getByTestId('ship-country').fill('GB');
  const lineInputs = form.getByTestId('order-line-input');
  await lineInputs.nth(0).getByTestId('item-field').fill('MUG-1');
  await lineInputs.nth(0).getByTestId('item-field').press('Enter');
  await expect(lineInputs.nth(0)).toContainText('Enamel mug');
  await lineInputs.nth(0).getByTestId('line-quantity').fill('2');
  await lineInputs.nth(0).getByTestId('line-price').fill('6.00');
  await form.getByTestId('add-line').click();
  await lineInputs.nth(1).getByTestId('item-field').fill(PLATE); // by barcode
  await lineInputs.nth(1).getByTestId('item-field').press('Enter');
  await expect(lineInputs.nth(1)).toContainText('Stoneware plate');
  await lineInputs.nth(1).getByTestId('line-price').fill('12.50');
  await form.getByTestId('order-save').click();
  await expect(form.getByTestId('form-error')).toBeVisible();
  const customerField = form.getByTestId('order-customer');
  await expect(customerField).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByTestId('ship-postalCode')).toHaveAttribute('aria-invalid', 'true');
  await shot(page, 'orders-new-errors', page.locator('.mantine-Modal-content'));
  expect((await api(page, 'orders.list', {})).total).toBe(0);

  await customerField.fill('Ada Lovelace');
  await form.getByTestId('ship-postalCode').fill('SW1Y 4JH');
  await expect(customerField).not.toHaveAttribute('aria-invalid', 'true');
  await form.getByTestId('order-save').click();
  const drawer = page.locator('.mantine-Drawer-content');
  await expect(drawer.getByTestId('order-number')).toHaveText('SO-00001');
  await expect(drawer.getByTestId('order-status')).toHaveText('New');
  const so1 = (await api(page, 'orders.list', {})).rows[0];
  expect(so1.lines.map((l: any) => [l.sku, l.quantity, l.unitPriceMinor])).toEqual([
    ['MUG-1', 2, 600],
    ['PLATE-1', 1, 1250],
  ]);

  // --- Allocate it from the drawer: reserved per line, shown with the bin.
  await drawer.getByTestId('order-allocate').click();
  await expect(drawer.getByTestId('order-status')).toHaveText('Allocated');
  await expect(drawer.locator('[data-testid="order-line"][data-sku="MUG-1"]')).toContainText('2 × MAIN / A-01');
  await expect(drawer.getByTestId('order-event').filter({ hasText: 'Allocated' }).first()).toBeVisible();
  await page.waitForTimeout(300);
  await shot(page, 'orders-detail-allocated', drawer);
  expect((await api(page, 'orders.get', { id: so1.id })).status).toBe('allocated');
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();

  // --- CSV import with one bad row: reported with its row and field, and nothing imported.
  await page.getByTestId('import-csv').click();
  const bad = [HEADER, `WEB-1,1,TEA-1,2,4.50,${GRACE}`, `WEB-1,2,NOPE-9,1,3.00,${GRACE}`, `WEB-2,1,BOWL-1,3,9.00,${ALAN}`].join('\n');
  await page.getByTestId('csv-text').fill(bad);
  await page.getByTestId('csv-import').click();
  const csvError = page.getByTestId('csv-error');
  await expect(csvError).toContainText('Nothing was imported');
  const errorRows = page.getByTestId('csv-error-row');
  await expect(errorRows).toHaveCount(1);
  await expect(errorRows.first()).toHaveAttribute('data-row', '3');
  await expect(errorRows.first()).toHaveAttribute('data-field', 'sku');
  await expect(errorRows.first()).toContainText('NOPE-9');
  await shot(page, 'orders-import-errors', page.locator('.mantine-Modal-content'));
  expect((await api(page, 'orders.list', {})).total).toBe(1);

  // The corrected file imports: two orders (the bowl order asks for more than is on hand).
  const good = [HEADER, `WEB-1,1,TEA-1,2,4.50,${GRACE}`, `WEB-1,2,PLATE-1,1,3.00,${GRACE}`, `WEB-2,1,BOWL-1,3,9.00,${ALAN}`].join('\n');
  await page.getByTestId('csv-text').fill(good);
  await page.getByTestId('csv-import').click();
  await expect(page.getByTestId('csv-done')).toContainText('Imported 3 lines in 2 orders (2 new)');
  await expect(csvError).toBeHidden();
  await page.keyboard.press('Escape');
  const list = (await api(page, 'orders.list', {})).rows;
  expect(list.map((o: any) => [o.number, o.externalId, o.status])).toEqual([
    ['SO-00003', 'WEB-2', 'new'],
    ['SO-00002', 'WEB-1', 'new'],
    ['SO-00001', null, 'allocated'],
  ]);
  const [so3, so2] = list;

  // --- Allocate all from the list: WEB-1 is allocated (tea lot L1, first expiry), WEB-2 cannot be and says why.
  await expect(page.getByTestId('order-count-new')).toHaveText('2');
  await page.getByTestId('allocate-all').click();
  await expect(page.getByTestId('order-count-allocated')).toHaveText('2');
  await expect(page.getByTestId('order-count-backordered')).toHaveText('1');
  await expect(page.getByTestId('order-count-new')).toHaveText('0');
  expect((await api(page, 'orders.get', { id: so2.id })).status).toBe('allocated');
  expect((await api(page, 'orders.get', { id: so3.id })).status).toBe('backordered');
  await shot(page, 'orders-list');

  await page.locator('[data-testid="order-row"][data-number="SO-00003"]').click();
  await expect(drawer.getByTestId('order-status')).toHaveText('Backordered');
  await expect(drawer.getByTestId('allocation-note')).toContainText('BOWL-1');
  await expect(drawer.getByTestId('line-issue').first()).toBeVisible();
  await page.waitForTimeout(300);
  await shot(page, 'orders-detail-backordered', drawer);
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();

  // Search by customer.
  await page.getByTestId('order-search').fill('grace');
  await expect(page.getByTestId('order-row')).toHaveCount(1);
  await expect(page.getByTestId('order-row')).toHaveAttribute('data-number', 'SO-00002');
  await page.getByTestId('order-search').fill('');
  await expect(page.getByTestId('order-row')).toHaveCount(3);

  // --- Pick the two allocated orders as one batch.
  await page.getByTestId('order-filter-allocated').click();
  await expect(page).toHaveURL(/#\/orders\?status=allocated$/);
  await expect(page.getByTestId('order-row')).toHaveCount(2);
  await page.getByTestId('order-select-all').check();
  await expect(page.getByTestId('pick-selected')).toHaveText('Pick selected (2)');
  await page.getByTestId('pick-selected').click();
  await expect(page).toHaveURL(/#\/pick\?orders=/);
  await page.getByTestId('create-pick-list').click();
  await expect(page).toHaveURL(/#\/pick\?list=\d+$/);
  const listId = Number(/list=(\d+)/.exec(page.url())![1]);
  let pl = await api(page, 'orders.getPickList', { pickListId: listId });
  // Walking order by bin path, with the reserved lot.
  expect(pl.lines.map((l: any) => [l.path, l.sku, l.lot, l.quantity, l.orderNumber])).toEqual([
    ['MAIN / A-01', 'MUG-1', null, 2, 'SO-00001'],
    ['MAIN / A-01', 'TEA-1', 'L1', 2, 'SO-00002'],
    ['MAIN / A-02', 'PLATE-1', null, 1, 'SO-00001'],
    ['MAIN / A-02', 'PLATE-1', null, 1, 'SO-00002'],
  ]);
  await expect(page.getByTestId('pick-line')).toHaveCount(4);
  expect((await api(page, 'orders.get', { id: so1.id })).status).toBe('picking');
  expect((await api(page, 'orders.get', { id: so2.id })).status).toBe('picking');
  await expect(page.getByTestId('pick-next-target')).toHaveText('MAIN / A-01');
  await shot(page, 'orders-pick-start');

  const feedback = page.locator('[data-testid="pick-ok"], [data-testid="pick-refusal"]');
  let seq = 0;
  /** One scanner burst, then the core's answer on screen (each answer bumps data-seq). */
  const scanAndWait = async (code: string) => {
    await scan(page, code);
    seq += 1;
    await expect(feedback).toHaveAttribute('data-seq', String(seq));
  };
  const picked = async () => (await api(page, 'orders.getPickList', { pickListId: listId })).lines.map((l: any) => l.picked);

  // Bin labels carry BIN:<code> (a scanner burst is at least 6 characters). A wrong bin first: refused in red with
  // the core's message, nothing changed.
  await scanAndWait('BIN:A-03');
  await expect(page.getByTestId('pick-refusal')).toHaveAttribute('data-code', 'WRONG_BIN');
  await expect(page.getByTestId('pick-message')).toHaveText('Wrong bin: this is MAIN / A-03. Pick MUG-1 from MAIN / A-01');
  await shot(page, 'orders-pick-wrong-bin');
  expect(await picked()).toEqual([0, 0, 0, 0]);

  await scanAndWait('BIN:A-01');
  await expect(page.getByTestId('pick-ok')).toBeVisible();
  await expect(page.getByTestId('pick-next-target')).toHaveText('2 × MUG-1');
  // The wrong item in the right bin: refused, nothing changed.
  await scanAndWait(PLATE);
  await expect(page.getByTestId('pick-refusal')).toHaveAttribute('data-code', 'WRONG_ITEM');
  expect(await picked()).toEqual([0, 0, 0, 0]);

  await scanAndWait(MUG);
  await scanAndWait(MUG);
  await expect(page.locator('[data-testid="pick-line"][data-sku="MUG-1"]')).toHaveAttribute('data-done', 'true');
  await shot(page, 'orders-pick-progress');
  // Tea is lot-tracked: the GS1 string carries the lot the pick list asks for (L1, the first to expire).
  pl = await api(page, 'orders.getPickList', { pickListId: listId });
  // Still in the confirmed bin, so the core asks for the item straight away.
  expect(pl.next).toMatchObject({ expect: 'item', path: 'MAIN / A-01', sku: 'TEA-1', lot: 'L1', remaining: 2 });
  await expect(page.getByTestId('pick-next-target')).toHaveText('2 × TEA-1');
  await scanAndWait(gs1(TEA, 'L1'));
  await scanAndWait(gs1(TEA, 'L1'));
  await expect(page.getByTestId('pick-next-target')).toHaveText('MAIN / A-02');
  await scanAndWait('BIN:A-02');
  await scanAndWait(PLATE);
  await scanAndWait(PLATE);
  await expect(page.getByTestId('pick-done')).toBeVisible();
  expect(await picked()).toEqual([2, 2, 1, 1]);
  pl = await api(page, 'orders.getPickList', { pickListId: listId });
  expect(pl.status).toBe('done');
  expect(pl.next).toBeNull();
  await shot(page, 'orders-pick-done');

  // The core keeps fully picked orders in "picking" until they are packed at the bench; each pick is in the history.
  for (const o of [so1, so2]) {
    const got = await api(page, 'orders.get', { id: o.id });
    expect(got.status).toBe('picking');
    const events = await api(page, 'orders.events', { orderId: o.id });
    expect(events.filter((e: any) => e.kind === 'pick').reduce((s: number, e: any) => s + e.quantity, 0)).toBe(got.lines.reduce((s: number, l: any) => s + l.quantity, 0));
  }
  const teaEvents = (await api(page, 'orders.events', { orderId: so2.id })).filter((e: any) => e.kind === 'pick' && e.lot);
  expect(teaEvents.map((e: any) => e.lot)).toEqual(['L1', 'L1']);

  // On to the bench.
  await page.getByTestId('go-bench').click();
  await expect(page).toHaveURL(/#\/bench$/);
});
