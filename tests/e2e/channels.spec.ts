/**
 * The Channels page through the real UI served by the real hub, against the fake Shopify (GraphQL, client-credentials
 * grant) and the fake WooCommerce (REST v3, Basic auth) on 127.0.0.1. Items and stock are set up through the API;
 * both channels are connected through the connect dialog (the connection tested with the channel's own answer), the
 * Shopify location is mapped to a warehouse, the listings are mapped by accepting the suggestions (by SKU and by
 * barcode), a share rule with its live example is set on WooCommerce, sync is switched on and "Sync now" pushes:
 * the fakes hold the expected quantities. Then the WooCommerce key loses its write permission, a stock change is
 * pushed, and the page shows WooCommerce in error with WooCommerce's own message while Shopify stays healthy and
 * gets the new quantity. Build first: npx electron-vite build.
 */
import { expect, test, type Page } from '@playwright/test';
import { startFakeShopify, type FakeShopify } from '../fakes/shopify/fake-shopify';
import { startFakeWooCommerce, type FakeWooCommerce } from '../fakes/woocommerce/fake-woocommerce';
import { startTestHub, type E2eHub } from './hub';
import { gtin13, hubApi, shot } from './kit';

const MUG_GTIN = gtin13('400638133393');
const PLATE_GTIN = gtin13('501234567890');

let hub: E2eHub;
let shopify: FakeShopify;
let woo: FakeWooCommerce;
test.beforeAll(async () => {
  [hub, shopify, woo] = await Promise.all([
    startTestHub(),
    startFakeShopify({ shopName: 'Acme Homeware (Shopify)' }),
    startFakeWooCommerce({ storeName: 'Acme Webshop', realTime: true }),
  ]);
});
test.afterAll(async () => {
  await Promise.all([hub?.close(), shopify?.close(), woo?.stop()]);
});

const api = hubApi(() => hub);

const card = (page: Page, name: string) => page.locator(`[data-testid="channel-card"][data-name="${name}"]`);
const listing = (page: Page, sku: string) => page.locator(`[data-testid="listing-row"][data-sku="${sku}"]`);

test('channels: connect Shopify and WooCommerce, map, set a rule, sync; one channel in error with its own message', async ({ page }) => {
  test.setTimeout(180_000);

  // --- The shops' catalogues: Shopify sells the mug (same SKU), the plate (its own SKU, same barcode) and a poster
  // Stockroom does not stock; WooCommerce the mug, the plate and a gift card.
  const loc = shopify.addLocation('Dublin shop');
  const s = shopify.addProduct('Enamel mug', [{ sku: 'MUG-1', barcode: MUG_GTIN, stock: { [loc.id]: 0 } }]).variants[0];
  const sPlate = shopify.addProduct('Stoneware plate', [{ sku: 'SH-PLATE', barcode: PLATE_GTIN, stock: { [loc.id]: 0 } }]).variants[0];
  shopify.addProduct('Art poster', [{ sku: 'POSTER-9', stock: { [loc.id]: 3 } }]);
  const wMug = woo.addProduct({ name: 'Enamel mug', sku: 'MUG-1', price: '6.00', stock: 0 });
  const wPlate = woo.addProduct({ name: 'Stoneware plate', sku: 'PLATE-1', price: '9.00', stock: 0 });
  woo.addProduct({ name: 'Gift card', sku: 'GIFT-25', price: '25.00', stock: 5 });

  await page.goto(hub.signinUrl);
  await expect(page.getByTestId('connection-status')).toHaveText('Hub connected');

  // --- Stockroom: two warehouses (so the Shopify location is mapped by a person), the mug and the plate in MAIN.
  const main = await api(page, 'locations.createWarehouse', { code: 'MAIN', name: 'Main warehouse' });
  await api(page, 'locations.createWarehouse', { code: 'OVER', name: 'Overflow' });
  const bin = await api(page, 'locations.create', { warehouseId: main.id, kind: 'bin', code: 'A-01' });
  const mug = await api(page, 'catalog.create', { sku: 'MUG-1', name: 'Enamel mug', barcodes: [{ code: MUG_GTIN }] });
  const plate = await api(page, 'catalog.create', { sku: 'PLATE-1', name: 'Stoneware plate', barcodes: [{ code: PLATE_GTIN }] });
  await api(page, 'stock.receive', { itemId: mug.id, locationId: bin.id, quantity: 10, unitCostMinor: 250 });
  await api(page, 'stock.receive', { itemId: plate.id, locationId: bin.id, quantity: 7, unitCostMinor: 400 });

  // --- Channels is built: the nav leads to it; nothing is connected yet.
  await page.getByRole('navigation').getByRole('link', { name: 'Channels', exact: true }).click();
  await expect(page).toHaveURL(/#\/channels$/);
  await expect(page.getByTestId('channels-empty')).toBeVisible();

  // --- Connect Shopify with the app's client id and secret (the API address points at the fake).
  const info = shopify.connectionInfo();
  await page.getByTestId('channel-connect-new').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('channel-connect').click();
  await expect(dialog.getByText('Give the channel a name')).toBeVisible();
  await expect(dialog.getByText('Give the app’s client secret')).toBeVisible();
  await dialog.getByTestId('channel-name').fill('Shopify store');
  await dialog.getByTestId('channel-shop').fill(info.shop);
  await dialog.getByTestId('channel-clientId').fill(info.clientId);
  await dialog.getByTestId('channel-clientSecret').fill(info.clientSecret);
  await expect(dialog.getByTestId('channel-clientSecret')).toHaveAttribute('type', 'password');
  await dialog.getByTestId('channel-advanced').click();
  await dialog.getByTestId('channel-base-url').fill(info.baseUrl);
  await shot(page, 'channels-01-connect-shopify', dialog);
  await dialog.getByTestId('channel-connect').click();
  const result = dialog.getByTestId('channel-test-result');
  await expect(result).toHaveAttribute('data-outcome', 'ok', { timeout: 20_000 });
  await expect(result).toContainText('Connected to Acme Homeware (Shopify)');
  await expect(result).toContainText('3 listings fetched');
  await dialog.getByTestId('channel-open-new').click();
  await expect(page).toHaveURL(/#\/channels\/\d+$/);
  await expect(page.getByTestId('channel-title')).toHaveText('Shopify store');
  await expect(page.getByTestId('channel-setup-hint')).toContainText('Sync is off');

  // The secret never comes back: the page's data holds no part of it beyond what the hint allows.
  const listed = await api(page, 'channels.list', {});
  expect(JSON.stringify(listed)).not.toContain(info.clientSecret);

  // --- Locations: the Shopify location offers the MAIN warehouse.
  await page.getByTestId('tab-locations').click();
  const locRow = page.locator('[data-testid="location-row"][data-name="Dublin shop"]');
  await locRow.getByTestId('location-warehouse').click();
  await page.getByRole('option', { name: 'MAIN · Main warehouse' }).click();
  await expect(locRow.getByTestId('location-warehouse')).toHaveValue('MAIN · Main warehouse');

  // --- Listings: the mug is suggested by SKU, the plate by barcode, the poster stays unmapped.
  await page.getByTestId('tab-listings').click();
  await expect(listing(page, 'MUG-1').getByTestId('listing-mapping')).toHaveAttribute('data-mapping', 'suggested');
  await expect(listing(page, 'SH-PLATE').getByTestId('listing-mapping')).toHaveAttribute('data-mapping', 'suggested');
  await expect(listing(page, 'POSTER-9').getByTestId('listing-mapping')).toHaveAttribute('data-mapping', 'unmapped');
  await shot(page, 'channels-02-shopify-suggestions');
  await page.getByTestId('listing-accept-all').click();
  await expect(listing(page, 'MUG-1').getByTestId('listing-mapping')).toHaveAttribute('data-mapping', 'mapped');
  await expect(listing(page, 'MUG-1').getByTestId('listing-mapping')).toContainText('by sku');
  await expect(listing(page, 'SH-PLATE').getByTestId('listing-mapping')).toContainText('by barcode');
  await expect(listing(page, 'POSTER-9').getByTestId('listing-mapping')).toHaveAttribute('data-mapping', 'unmapped');
  await expect(listing(page, 'MUG-1').getByTestId('listing-desired')).toHaveText('10');
  await expect(listing(page, 'SH-PLATE').getByTestId('listing-desired')).toHaveText('7');
  await page.getByTestId('channel-enabled').click();
  await expect(page.getByTestId('channel-setup-hint')).toHaveCount(0);

  // --- Connect WooCommerce with its consumer key and secret.
  await page.getByRole('link', { name: 'All channels' }).click();
  await expect(card(page, 'Shopify store')).toBeVisible();
  await page.getByTestId('channel-connect-new').click();
  await dialog.getByTestId('channel-kind-select').getByText('WooCommerce').click();
  await dialog.getByTestId('channel-name').fill('Webshop');
  await dialog.getByTestId('channel-store-url').fill(woo.baseUrl);
  await dialog.getByTestId('channel-consumerKey').fill(woo.consumerKey);
  await dialog.getByTestId('channel-consumerSecret').fill(woo.consumerSecret);
  await dialog.getByTestId('channel-connect').click();
  await expect(result).toHaveAttribute('data-outcome', 'ok', { timeout: 20_000 });
  await expect(result).toContainText('Connected to Acme Webshop');
  await expect(result).toContainText('3 listings fetched');
  await dialog.getByTestId('channel-open-new').click();
  await expect(page.getByTestId('channel-title')).toHaveText('Webshop');
  await page.getByTestId('listing-accept-all').click();
  await expect(listing(page, 'MUG-1').getByTestId('listing-mapping')).toHaveAttribute('data-mapping', 'mapped');
  await expect(listing(page, 'PLATE-1').getByTestId('listing-mapping')).toHaveAttribute('data-mapping', 'mapped');
  await expect(listing(page, 'GIFT-25').getByTestId('listing-mapping')).toHaveAttribute('data-mapping', 'unmapped');

  // --- A rule: the webshop shows 60 % of available, rounded down, and 0 at or below 1 unit. The live example says
  // what that means before it is saved.
  await page.getByTestId('tab-rules').click();
  await expect(page.getByTestId('rule-example')).toContainText('shows 7');
  await page.getByTestId('rule-sharePct').fill('60');
  await page.getByTestId('rule-floorQty').fill('1');
  await expect(page.getByTestId('rule-example')).toContainText('shows 4');
  await page.getByTestId('rule-example-available').fill('2');
  await expect(page.getByTestId('rule-example')).toContainText('shows 0');
  await page.getByTestId('rule-example-available').fill('7');
  await shot(page, 'channels-03-rules', page.getByTestId('channel-rules'));
  await page.getByTestId('rule-save').click();
  await expect(page.getByTestId('rule-save')).toBeDisabled();
  await expect(page.getByTestId('channel-rules-sentence')).toContainText('60 % of available');
  await page.getByTestId('channel-enabled').click();
  await expect(page.getByTestId('channel-setup-hint')).toHaveCount(0);

  // --- Sync now on both from the overview; the fakes receive what the ledger and the rules say.
  await page.getByRole('link', { name: 'All channels' }).click();
  await card(page, 'Shopify store').getByTestId('channel-sync').click();
  await card(page, 'Webshop').getByTestId('channel-sync').click();
  await expect.poll(() => shopify.available(s.inventoryItemId, loc.id), { timeout: 20_000 }).toBe(10);
  await expect.poll(() => shopify.available(sPlate.inventoryItemId, loc.id), { timeout: 20_000 }).toBe(7);
  await expect.poll(() => woo.stockOf(wMug), { timeout: 20_000 }).toBe(6); // 60 % of 10
  await expect.poll(() => woo.stockOf(wPlate), { timeout: 20_000 }).toBe(4); // 60 % of 7, rounded down
  for (const name of ['Shopify store', 'Webshop']) {
    await expect(card(page, name).getByTestId('channel-state')).toHaveAttribute('data-state', 'healthy', { timeout: 20_000 });
    await expect(card(page, name).getByTestId('channel-last-push-value')).not.toHaveText('never');
    await expect(card(page, name).getByTestId('channel-queue-value')).toHaveText('0');
    await expect(card(page, name).getByTestId('channel-unmapped-value')).toHaveText('1');
  }
  await expect(page.getByTestId('channels-summary')).toHaveText('2 channels · 2 healthy');

  // --- Two sales on Shopify: 2 mugs (imported, they reserve stock, and WooCommerce gets 60 % of the 8 left) and a
  // poster Stockroom does not know (its line is surfaced as unmapped, never dropped).
  const shipTo = { firstName: 'Ada', lastName: 'Byrne', address1: '1 Quay St', city: 'Galway', zip: 'H91 X2Y3', countryCodeV2: 'IE' };
  shopify.createOrder({ lines: [{ inventoryItemId: s.inventoryItemId, quantity: 2, price: '6.00' }], customer: { firstName: 'Ada', lastName: 'Byrne' }, shippingAddress: shipTo });
  shopify.createOrder({ lines: [{ sku: 'POSTER-9', quantity: 1, price: '15.00', title: 'Art poster' }], customer: { firstName: 'Ben', lastName: 'Ross' }, shippingAddress: shipTo });
  await card(page, 'Shopify store').getByTestId('channel-sync').click();
  await expect(card(page, 'Shopify store').getByTestId('channel-unmapped-lines-value')).toHaveText('1', { timeout: 20_000 });
  await expect.poll(() => woo.stockOf(wMug), { timeout: 20_000 }).toBe(4); // 60 % of 10 − 2 reserved
  await expect.poll(() => shopify.available(s.inventoryItemId, loc.id), { timeout: 20_000 }).toBe(8);
  await expect(card(page, 'Shopify store').getByTestId('channel-alerts')).toContainText('1 order line matched no item');
  await card(page, 'Shopify store').getByTestId('channel-open').click();
  await page.getByTestId('tab-lines').click();
  await expect(page.getByTestId('unmapped-line-row')).toHaveCount(1);
  await expect(page.getByTestId('unmapped-line-row')).toContainText('POSTER-9');
  await shot(page, 'channels-04a-unmapped-lines');
  await page.getByRole('link', { name: 'All channels' }).click();

  // --- Someone edits the plate's stock in the WooCommerce admin: Reconcile finds the drift and shows it.
  woo.setStock(wPlate, 9);
  await card(page, 'Webshop').getByTestId('channel-reconcile').click();
  await expect(card(page, 'Webshop').getByTestId('channel-drift-value')).toHaveText('1', { timeout: 20_000 });
  await card(page, 'Webshop').getByTestId('channel-open').click();
  await page.getByTestId('tab-drift').click();
  const drift = page.locator('[data-testid="drift-row"][data-sku="PLATE-1"]');
  await expect(drift).toContainText('+5');
  await shot(page, 'channels-04b-drift');
  await page.getByRole('link', { name: 'All channels' }).click();

  // --- WooCommerce takes the key's write permission away; 5 more mugs arrive. Shopify gets 13, WooCommerce refuses
  // the push, and the page says so in WooCommerce's own words. "Sync now" tries again and gets the same answer.
  woo.setKeyPermissions('read');
  await api(page, 'stock.receive', { itemId: mug.id, locationId: bin.id, quantity: 5, unitCostMinor: 250 });
  // An increase waits for an order pull that starts after it (a channel may hold orders not yet imported): the
  // queue says so, and "Sync now" pulls, then pushes.
  const shopCard = card(page, 'Shopify store');
  const wooCard = card(page, 'Webshop');
  await expect(shopCard.getByTestId('channel-queue')).toContainText('held until orders are pulled');
  await shopCard.getByTestId('channel-sync').click();
  await wooCard.getByTestId('channel-sync').click();
  await expect.poll(() => shopify.available(s.inventoryItemId, loc.id), { timeout: 20_000 }).toBe(13);
  await expect(wooCard.getByTestId('channel-state')).toHaveAttribute('data-state', 'error', { timeout: 20_000 });
  await expect(wooCard.getByTestId('channel-error')).toHaveAttribute('data-kind', 'auth');
  await expect(wooCard.getByTestId('channel-error-message')).toContainText('The API key provided does not have write permissions.');
  await expect(wooCard.getByTestId('channel-error-next')).toContainText('Sync is stopped until the credentials or settings are fixed.');
  await expect(wooCard.getByTestId('channel-queue-value')).not.toHaveText('0');
  expect(woo.stockOf(wMug)).toBe(4);
  await expect(card(page, 'Shopify store').getByTestId('channel-state')).toHaveAttribute('data-state', 'healthy');
  await expect(card(page, 'Shopify store').getByTestId('channel-error')).toHaveCount(0);
  await expect(page.getByTestId('channels-summary')).toHaveText('2 channels · 1 healthy · 1 needs attention');
  await page.mouse.move(0, 0);
  await shot(page, 'channels-04-one-healthy-one-error');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await shot(page, 'channels-04-one-healthy-one-error-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  // The error's channel page shows the same error and the queue waiting for it.
  await wooCard.getByTestId('channel-open').click();
  await expect(page.getByTestId('channel-error-message')).toContainText('does not have write permissions');
  await page.getByTestId('tab-queue').click();
  await expect(page.locator('[data-testid="outbox-row"]').first()).toBeVisible();
  await shot(page, 'channels-05-webshop-error-queue');

  // --- "Check the connection": the dialog shows the error, never the saved secrets (a blank field keeps them).
  await page.getByTestId('channel-fix-connection').click();
  await expect(dialog.getByTestId('channel-edit-last-error')).toContainText('does not have write permissions');
  await expect(dialog.getByTestId('channel-consumerSecret')).toHaveValue('');
  await expect(dialog.getByTestId('channel-consumerSecret')).toHaveAttribute('placeholder', 'Saved — leave blank to keep');
  expect(await page.content()).not.toContain(woo.consumerSecret);
  await shot(page, 'channels-06-fix-connection', dialog);
  // Typing only the secret asks for the key too: the credentials are replaced as a set.
  await dialog.getByTestId('channel-consumerSecret').fill(woo.consumerSecret);
  await dialog.getByTestId('channel-connect').click();
  await expect(dialog.getByText('Give the consumer key (ck_…)')).toBeVisible();
  // The shop owner gives the key its write permission back; the same key is saved again and tested.
  woo.setKeyPermissions('read_write');
  await dialog.getByTestId('channel-consumerKey').fill(woo.consumerKey);
  await dialog.getByTestId('channel-connect').click();
  await expect(result).toHaveAttribute('data-outcome', 'ok', { timeout: 20_000 });
  await dialog.getByRole('button', { name: 'Close' }).click();
  await page.getByTestId('channel-sync').click();
  await expect.poll(() => woo.stockOf(wMug), { timeout: 20_000 }).toBe(7); // 60 % of 13, rounded down
  await expect.poll(() => woo.stockOf(wPlate), { timeout: 20_000 }).toBe(4); // the drift is pushed away
  await expect(page.getByTestId('channel-state').first()).toHaveAttribute('data-state', 'healthy', { timeout: 20_000 });
  await expect(page.getByTestId('channel-error')).toHaveCount(0);

  // --- Shopify goes down: the channel retries on its own, and the page says when.
  shopify.setDown({ status: 503 });
  await page.getByRole('link', { name: 'All channels' }).click();
  await card(page, 'Shopify store').getByTestId('channel-sync').click();
  await expect(card(page, 'Shopify store').getByTestId('channel-state')).toHaveAttribute('data-state', /retrying|offline/, { timeout: 20_000 });
  await expect(card(page, 'Shopify store').getByTestId('channel-error')).toHaveAttribute('data-kind', 'unavailable');
  await expect(card(page, 'Shopify store').getByTestId('channel-error-next')).toContainText('Next try');
  await shot(page, 'channels-08-shopify-down', card(page, 'Shopify store'));

  // --- Removing Shopify: the dialog warns that the shop keeps its quantities and offers to set them to 0 first (on by
  // default). Shopify is still down, so that fails: the channel stays and the dialog says why.
  const mugOnShopify = shopify.available(s.inventoryItemId, loc.id);
  expect(mugOnShopify).toBeGreaterThan(0);
  await card(page, 'Shopify store').getByTestId('channel-open').click();
  await page.getByRole('button', { name: 'More' }).click();
  await page.getByRole('menuitem', { name: 'Remove channel…' }).click();
  const removeDialog = page.getByRole('dialog');
  await expect(removeDialog.getByTestId('channel-remove-warning')).toContainText('Acme Homeware (Shopify) keeps showing the quantities Stockroom last pushed to its 2 mapped listings');
  await expect(removeDialog.getByTestId('channel-remove-zero')).toBeChecked();
  await expect(removeDialog.getByTestId('channel-remove-confirm')).toHaveText('Set to 0 and remove');
  await shot(page, 'channels-09-remove-warning', removeDialog);
  await removeDialog.getByTestId('channel-remove-confirm').click();
  await expect(removeDialog.getByTestId('channel-remove-error')).toContainText('Not removedSetting its listings to 0 failed. Shopify answered HTTP 503', { timeout: 30_000 });
  await shot(page, 'channels-10-remove-failed', removeDialog);
  expect(shopify.available(s.inventoryItemId, loc.id)).toBe(mugOnShopify);
  // Shopify is back: "Try again" sets both listings to 0 and removes the channel.
  shopify.setDown(false);
  await removeDialog.getByTestId('channel-remove-confirm').click();
  await expect(page).toHaveURL(/#\/channels$/, { timeout: 30_000 });
  await expect(card(page, 'Shopify store')).toHaveCount(0);
  expect(shopify.available(s.inventoryItemId, loc.id)).toBe(0);
  expect(shopify.available(sPlate.inventoryItemId, loc.id)).toBe(0);

  // --- A second WooCommerce product with the mug's SKU: accepting its suggestion is refused, and the row says why.
  const wCopy = woo.addProduct({ name: 'Enamel mug (copy)', sku: 'MUG-1', price: '6.00', stock: 0 });
  await wooCard.getByTestId('channel-open').click();
  await page.getByTestId('channel-refresh-listings').click();
  const copyRow = page.locator(`[data-testid="listing-row"][data-ref="p:${wCopy}"]`);
  await expect(copyRow.getByTestId('listing-mapping')).toHaveAttribute('data-mapping', 'suggested', { timeout: 20_000 });
  await copyRow.getByTestId('listing-accept').click();
  await expect(copyRow.getByTestId('listing-error')).toContainText(`Listing "p:${wMug}" (SKU MUG-1) already offers MUG-1`);
  await expect(copyRow.getByTestId('listing-mapping')).toHaveAttribute('data-mapping', 'suggested');
  await shot(page, 'channels-11-duplicate-suggestion', copyRow);
});

test('file channel: download the quantity feed, upload orders with per-row errors, then a good file', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(await hub.newSigninUrl());
  await expect(page.getByTestId('connection-status')).toHaveText('Hub connected');
  const wh = await api(page, 'locations.createWarehouse', { code: 'FILEWH', name: 'File test' });
  const bin = await api(page, 'locations.create', { warehouseId: wh.id, kind: 'bin', code: 'F-01' });
  const lamp = await api(page, 'catalog.create', { sku: 'LAMP-1', name: 'Desk lamp' });
  await api(page, 'stock.receive', { itemId: lamp.id, locationId: bin.id, quantity: 12, unitCostMinor: 900 });

  // --- Connect a file channel: no credentials, every item is a listing mapped by its SKU.
  await page.goto(`${hub.url}/#/channels`);
  await page.getByTestId('channel-connect-new').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('channel-kind-select').getByText('File feed').click();
  await expect(dialog.getByTestId('channel-clientSecret')).toHaveCount(0);
  await dialog.getByTestId('channel-name').fill('Marketplace feed');
  await dialog.getByTestId('channel-connect').click();
  await expect(dialog.getByTestId('channel-test-result')).toHaveAttribute('data-outcome', 'ok', { timeout: 20_000 });
  await dialog.getByTestId('channel-open-new').click();
  await expect(page.getByTestId('channel-title')).toHaveText('Marketplace feed');
  await page.getByTestId('channel-enabled').click();

  // --- The poll interval is shown and edited in place; too short is refused next to the field.
  await expect(page.getByTestId('channel-poll')).toHaveText('Polls every 1 min');
  await page.getByTestId('channel-poll-edit').click();
  await page.getByTestId('channel-poll-input').fill('5');
  await page.getByTestId('channel-poll-input').press('Enter');
  await expect(page.getByText('At least 10 seconds')).toBeVisible();
  await page.getByTestId('channel-poll-input').fill('120');
  await page.getByTestId('channel-poll-input').press('Enter');
  await expect(page.getByTestId('channel-poll')).toHaveText('Polls every 2 min');
  expect((await api(page, 'channels.list', {})).find((c: { name: string }) => c.name === 'Marketplace feed').pollIntervalSeconds).toBe(120);

  await page.getByTestId('tab-file').click();

  // --- The feed: sku,quantity as the channel should show it now.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('file-download-feed').click()]);
  expect(download.suggestedFilename()).toBe('marketplace-feed-quantities.csv');
  const feed = await (await download.createReadStream()).toArray();
  const text = Buffer.concat(feed).toString('utf8');
  expect(text.split('\r\n')[0]).toBe('sku,quantity');
  expect(text).toContain('\r\nLAMP-1,12\r\n');

  // --- An orders file with two bad rows: each is listed with its row and field, and nothing is imported.
  const header = 'order_id,line_id,sku,quantity,unit_price,customer_name,address1,city,postal_code,country';
  const bad = [header, 'MP-1,1,LAMP-1,2,19.90,Ada Byrne,1 Quay St,Galway,H91 X2Y3,IE', 'MP-2,1,LAMP-1,zero,19.90,Ben Ross,2 Main St,Cork,T12 AB34,IE', 'MP-3,1,LAMP-1,1,abc,,3 High St,Sligo,F91 C5D6,IE'].join('\n');
  const ordersBefore = (await api(page, 'orders.list', {})).total;
  await page.getByTestId('file-csv').fill(bad);
  await page.getByTestId('file-import').click();
  const errs = page.getByTestId('file-error');
  await expect(errs).toContainText('nothing was imported');
  await expect(page.locator('[data-testid="file-error-row"][data-row="3"][data-field="quantity"]')).toContainText('"zero" is not a whole number');
  await expect(page.locator('[data-testid="file-error-row"][data-row="4"][data-field="unit_price"]')).toBeVisible();
  await expect(page.locator('[data-testid="file-error-row"][data-row="4"][data-field="customer_name"]')).toContainText('Required');
  expect((await api(page, 'orders.list', {})).total).toBe(ordersBefore);
  await shot(page, 'channels-07-file-errors');

  // --- The corrected file imports one order; the same file again imports nothing twice.
  const good = [header, 'MP-1,1,LAMP-1,2,19.90,Ada Byrne,1 Quay St,Galway,H91 X2Y3,IE'].join('\n');
  await page.getByTestId('file-csv').fill(good);
  await page.getByTestId('file-import').click();
  await expect(page.getByTestId('file-done')).toHaveText('1 order imported, 0 cancelled, 0 already imported.');
  await page.getByTestId('file-import').click();
  await expect(page.getByTestId('file-done')).toHaveText('0 orders imported, 0 cancelled, 1 already imported.');
  expect((await api(page, 'orders.list', {})).total).toBe(ordersBefore + 1);
});
