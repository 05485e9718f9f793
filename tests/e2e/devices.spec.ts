/**
 * The Devices page and keyboard-wedge scanning through the real UI served by the real hub: keystrokes typed at
 * scanner speed become a parsed scan (and are taken back out of the field they landed in), the same keys typed at
 * human speed stay where they were typed, malformed scans say what is wrong, station assignment shows the API's
 * field errors, label previews render, a printed label's ZPL reaches a fake raw-9100 printer, and a fake MT-SICS scale
 * on a socat pseudo-terminal shows its live weight.
 * Build first: npx electron-vite build.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startFakeZplPrinter, type FakeZplPrinter } from '../fakes/printer/fake-zpl-printer';
import { FakeMtSicsScale } from '../fakes/scale/fake-mt-sics';
import { findSocat, PtyPair } from '../fakes/scale/pty-pair';
import { startTestHub, type E2eHub } from './hub';
import { api as callApi, scanKeys as scan } from './browser';

const SHOTS = 'tests/artifacts/screenshots';
// GS1's own example GTIN; its check digit (1) is computed by hand here, not by the code under test.
const GTIN13 = '4006381333931';
const GTIN14 = `0${GTIN13}`;
// (01) GTIN (17) expiry (10) lot: the only variable-length AI is last, so no GS separator is needed.
const GS1_SCAN = `01${GTIN14}17271231` + '10LOT42';
// A scanner sends a key every few ms; people are ten times slower. The station keeps its default 35 ms max gap.
const HUMAN_DELAY = 120;

let hub: E2eHub;
let printer: FakeZplPrinter;
let signedInOnce = false;

test.beforeAll(async () => {
  hub = await startTestHub();
  printer = await startFakeZplPrinter();
});
test.afterAll(async () => {
  await printer?.stop();
  await hub?.close();
});

/** Every sign-in link works once; each test's fresh browser context needs its own. */
async function signIn(page: Page): Promise<void> {
  const url = signedInOnce ? await hub.newSigninUrl() : hub.signinUrl;
  signedInOnce = true;
  await page.goto(url);
  await expect(page).toHaveURL(`${hub.url}/`);
  await expect(page.getByTestId('connection-status')).toHaveText('Hub connected');
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const api = (page: Page, method: string, input: unknown): Promise<any> => callApi(page, hub.url, method, input);


async function openDevices(page: Page): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name: 'Devices', exact: true }).click();
  await expect(page).toHaveURL(/#\/devices$/);
  await expect(page.getByRole('heading', { name: 'Recent scans' })).toBeVisible();
}

/** The Mantine input wrapper around a labelled field, where its error message is rendered. */
const wrapperOf = (scope: Locator, name: string): Locator =>
  scope.locator('.mantine-InputWrapper-root', { has: scope.page().getByRole('textbox', { name, exact: true }) });

async function shot(page: Page, name: string, target?: Locator): Promise<void> {
  // Toasts from earlier steps would cover what is being shown; so would the fixed header over a scrolled-to card.
  const style = '.mantine-Notifications-root { display: none !important; }';
  if (target) return void (await target.screenshot({ path: `${SHOTS}/${name}.png`, style: `${style} .mantine-AppShell-header { visibility: hidden; }` }));
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true, style });
}

/** Nothing focused: keys go to the document, as when a scan comes in while nobody is typing. */
const blur = (page: Page): Promise<void> => page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

/** GS1 mod-10, written out here so the test does not trust the code it checks. */
function gtin13(body12: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(body12[i]) * (i % 2 === 0 ? 1 : 3);
  return body12 + String((10 - (sum % 10)) % 10);
}

const scanRows = (page: Page): Locator => page.getByTestId('recent-scans').getByTestId('scan-row');

test('keyboard-wedge scans are parsed and taken out of the field; the same keys typed by a person stay in it', async ({ page }) => {
  await signIn(page);
  const item = await api(page, 'catalog.create', { sku: 'TEA-GREEN-100', name: 'Sencha green tea, 100 g', category: 'Tea', barcodes: [{ code: GTIN13 }] });
  await openDevices(page);
  await expect(page.getByTestId('recent-scans')).toContainText('No scans yet.');
  const search = page.getByRole('combobox', { name: 'Search items' });

  // (a) Scanner speed into the header search: the scan reaches the pipeline and the field is left as it was.
  await search.click();
  await scan(page, GS1_SCAN);
  await expect(scanRows(page)).toHaveCount(1);
  const row = scanRows(page).first();
  await expect(row).toHaveAttribute('data-kind', 'gs1');
  await expect(row.getByTestId('scan-raw')).toHaveText(GS1_SCAN);
  await expect(row.locator('[data-ai="01"]').getByTestId('scan-element-value')).toHaveText(GTIN14);
  await expect(row.locator('[data-ai="17"]').getByTestId('scan-element-value')).toHaveText('2027-12-31');
  await expect(row.locator('[data-ai="10"]').getByTestId('scan-element-value')).toHaveText('LOT42');
  await expect(row.getByTestId('scan-item')).toContainText('TEA-GREEN-100');
  await expect(row.getByTestId('scan-item').getByRole('link', { name: 'TEA-GREEN-100' })).toHaveAttribute('href', `#/items/${item.id}`);
  await expect(search).toHaveValue('');
  await expect(search).toBeFocused();
  // The scanner's Enter was swallowed: the header search did not run its own search.
  await expect(page).toHaveURL(/#\/devices$/);

  // (b) The same characters at human speed stay in the search box; no scan is recorded.
  await page.keyboard.type(GS1_SCAN, { delay: HUMAN_DELAY });
  await expect(search).toHaveValue(GS1_SCAN);
  await page.waitForTimeout(300);
  await expect(scanRows(page)).toHaveCount(1);
  expect(await api(page, 'scan.recent', {})).toHaveLength(1);
  // A person's Enter is the search box's own: it searches the catalogue for the text.
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/items\?q=/);
  expect(await api(page, 'scan.recent', {})).toHaveLength(1);

  // (c) A GTIN with a wrong check digit at scanner speed: the message says which digit it should be.
  await openDevices(page);
  const bad = GTIN13.slice(0, 12) + '2';
  await blur(page);
  await scan(page, bad);
  await expect(scanRows(page)).toHaveCount(2);
  const err = scanRows(page).first();
  await expect(err).toHaveAttribute('data-kind', 'error');
  await expect(err.getByTestId('scan-message')).toContainText(`should be 1, not 2`);
  const color = await err.getByTestId('scan-message').evaluate((el) => getComputedStyle(el).color);
  const [r, g, b] = (color.match(/\d+/g) ?? []).map(Number);
  expect(r! > g! + 40 && r! > b! + 40, `error text is red, got ${color}`).toBe(true);

  // A GS1 scan whose GTIN is not in the catalog still shows its parsed elements.
  await scan(page, `01${'09506000134352'}` + '10ABC');
  await expect(scanRows(page)).toHaveCount(3);
  await expect(scanRows(page).first().locator('[data-ai="10"]')).toContainText('ABC');
  await expect(scanRows(page).first()).toContainText('not in the catalog');
  await shot(page, 'devices-recent-scans');
});

test('a scan no page asks for is shown as a toast, and a form field that took a scan keeps it', async ({ page }) => {
  await signIn(page);
  const gtin = gtin13('501234567893');
  await api(page, 'catalog.create', { sku: 'MUG-BLUE-350', name: 'Enamel mug blue 350 ml', barcodes: [{ code: gtin }] });
  // On the dashboard nothing consumes scans: with no field focused, the scan is shown as a toast.
  await page.getByRole('navigation').getByRole('link', { name: 'Dashboard', exact: true }).click();
  await blur(page);
  await scan(page, gtin);
  const toast = page.locator('.mantine-Notification-root', { hasText: 'Scanned GTIN' });
  await expect(toast).toBeVisible();
  await expect(toast).toContainText('MUG-BLUE-350');

  // Receiving reads the scanner through its Item field: the scan stays there and Enter moves on to the bin.
  await page.getByRole('navigation').getByRole('link', { name: 'Receiving', exact: true }).click();
  const itemField = page.getByRole('textbox', { name: 'Item', exact: true });
  await expect(itemField).toBeFocused();
  await scan(page, gtin);
  // The field resolved the scanned GTIN on the scanner's Enter, as it does for a typed code.
  await expect(itemField).toHaveValue('MUG-BLUE-350');
  await expect(page.getByRole('textbox', { name: 'Bin', exact: true })).toBeFocused();
});

test('station assignment: field errors from the API, a GS substitute, label previews and a ZPL print', async ({ page }) => {
  await signIn(page);
  await openDevices(page);

  // Scanner: a gap below the contract's minimum is refused on its field.
  const scanner = page.getByTestId('scanner-config');
  await scanner.getByRole('textbox', { name: 'Max key gap (ms)', exact: true }).fill('2');
  await scanner.getByRole('button', { name: 'Save scanner' }).click();
  await expect(wrapperOf(scanner, 'Max key gap (ms)')).toContainText('At least 5 ms');

  // A GS substitute: the scanner sends "~" for FNC1, so a lot can come before the expiry.
  await scanner.getByRole('textbox', { name: 'Max key gap (ms)', exact: true }).fill('35');
  await scanner.getByRole('textbox', { name: 'GS (FNC1) sent as', exact: true }).fill('~');
  await scanner.getByRole('button', { name: 'Save scanner' }).click();
  await expect(page.getByText('Scanner saved')).toBeVisible();
  await expect.poll(async () => (await api(page, 'devices.config', {})).scanner.gsSubstitute).toBe('~');
  const before = await scanRows(page).count();
  await blur(page);
  await scan(page, `01${GTIN14}10LOT7~17280229`);
  await expect(scanRows(page)).toHaveCount(before + 1);
  const gsRow = scanRows(page).first();
  await expect(gsRow.getByTestId('scan-raw')).toHaveText(`01${GTIN14}10LOT7␝17280229`);
  await expect(gsRow.locator('[data-ai="10"]').getByTestId('scan-element-value')).toHaveText('LOT7');
  await expect(gsRow.locator('[data-ai="17"]').getByTestId('scan-element-value')).toHaveText('2028-02-29');

  // Printer: a host that is not a host name, and a serial scale without a port.
  const printerForm = page.getByTestId('printer-config');
  await printerForm.getByTestId('printer-kind').click();
  await page.getByRole('option', { name: 'ZPL printer on the network (raw TCP 9100)' }).click();
  await printerForm.getByRole('textbox', { name: 'Host', exact: true }).fill('zebra at desk 4');
  await printerForm.getByRole('textbox', { name: 'Port', exact: true }).fill('70000');
  await printerForm.getByRole('button', { name: 'Save printer' }).click();
  await expect(wrapperOf(printerForm, 'Host')).toContainText('Host is a name or an IP address');
  const scaleForm = page.getByTestId('scale-config');
  await scaleForm.getByText('Serial', { exact: true }).click();
  await scaleForm.getByRole('button', { name: 'Save scale' }).click();
  await expect(scaleForm.locator('.mantine-InputWrapper-root', { hasText: 'Port' })).toContainText('Path is required');
  await shot(page, 'devices-config-scale-error', page.getByTestId('scale-card'));
  await shot(page, 'devices-config-printer-error', page.getByTestId('printer-card'));
  // Port range: fixed host, still a bad port.
  await printerForm.getByRole('textbox', { name: 'Host', exact: true }).fill('127.0.0.1');
  await printerForm.getByRole('button', { name: 'Save printer' }).click();
  await expect(wrapperOf(printerForm, 'Port')).toContainText('Port is 1–65535');

  // A real assignment: the fake 9100 printer on this machine.
  await printerForm.getByRole('textbox', { name: 'Port', exact: true }).fill(String(printer.port));
  await printerForm.getByRole('button', { name: 'Save printer' }).click();
  await expect(page.getByText('Printer saved')).toBeVisible();
  await expect(page.getByTestId('printer-state')).toHaveAttribute('data-state', 'ready');

  // Label previews: the item label, then the 4×6 shipping label at its portrait aspect ratio.
  const labels = page.getByTestId('label-preview');
  const image = labels.getByTestId('label-image');
  await expect(image).toHaveAttribute('data-template', 'item');
  await expect(image).toHaveAttribute('src', /^data:image\/svg\+xml;base64,/);
  await labels.getByRole('textbox', { name: 'SKU', exact: true }).fill('TEA-GREEN-100');
  await labels.scrollIntoViewIfNeeded();
  await page.waitForTimeout(400);
  await shot(page, 'devices-label-item', labels);

  // A wrong GTIN check digit on the label lands on its field.
  await labels.getByRole('textbox', { name: 'GTIN', exact: true }).fill('4006381333932');
  await expect(wrapperOf(labels, 'GTIN')).toContainText('should be 1');
  await expect(labels.getByTestId('label-print')).toBeDisabled();
  await labels.getByRole('textbox', { name: 'GTIN', exact: true }).fill(GTIN13);
  await expect(labels.getByTestId('label-error')).toHaveCount(0);

  // Print it: the exact ZPL arrives at the printer and the job is done.
  const sent = printer.formats().length;
  await labels.getByTestId('label-print').click();
  await expect.poll(() => printer.formats().length, { timeout: 15_000 }).toBeGreaterThan(sent);
  const zpl = printer.formats().at(-1)!;
  expect(zpl).toMatch(/^\^XA/);
  expect(zpl).toContain('TEA-GREEN-100');
  expect(zpl).toContain(GTIN13.slice(0, 12));
  const job = page.getByTestId('print-job').filter({ hasText: 'Item TEA-GREEN-100' });
  await expect(job).toHaveAttribute('data-status', 'done');

  await labels.getByTestId('label-template').click();
  await page.getByRole('option', { name: 'Shipping label (4×6)' }).click();
  await expect(image).toHaveAttribute('data-template', 'shipping');
  await expect(labels.getByRole('textbox', { name: 'Tracking number', exact: true })).toHaveValue('JD014600004193842715');
  const box = (await image.boundingBox())!;
  // 4 × 6 in: the preview keeps the label's proportions.
  expect(Math.abs(box.width / box.height - 4 / 6)).toBeLessThan(0.02);
  await page.waitForTimeout(400);
  await shot(page, 'devices-label-shipping', labels);

  // The test print goes to the same printer.
  const before2 = printer.formats().length;
  await page.getByTestId('printer-test').click();
  await expect.poll(() => printer.formats().length, { timeout: 15_000 }).toBeGreaterThan(before2);
  expect(printer.formats().at(-1)).toContain('TEST');
  await expect(page.getByTestId('print-job').filter({ hasText: 'Test label' })).toHaveAttribute('data-status', 'done');
  await shot(page, 'devices-page');
});

test('a serial scale on a pseudo-terminal: live weight, its state, tare, and what the protocol cannot do', async ({ page }) => {
  test.skip(!findSocat(), 'socat is not installed');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stockroom-e2e-scale-'));
  const pty = new PtyPair(dir);
  await pty.start();
  const fake = new FakeMtSicsScale(pty);
  await fake.open();
  fake.setWeight('1.250', 'kg');
  try {
    await signIn(page);
    await openDevices(page);
    const form = page.getByTestId('scale-config');
    await form.getByText('Serial', { exact: true }).click();
    await form.getByRole('combobox', { name: 'Port', exact: true }).fill(pty.a);
    await form.getByRole('textbox', { name: 'Poll every (ms)', exact: true }).fill('200');
    await form.getByRole('button', { name: 'Save scale' }).click();
    await expect(page.getByTestId('scale-state')).toHaveAttribute('data-state', 'connected');

    const weight = page.getByTestId('scale-weight');
    await expect(weight.getByTestId('scale-weight-value')).toHaveText('1.250');
    await expect(weight).toContainText('kg');
    await expect(weight.getByTestId('scale-weight-state')).toHaveText('Stable');
    fake.setWeight('0.730', 'kg', true);
    await expect(weight.getByTestId('scale-weight-state')).toHaveText('In motion');
    fake.setWeight('0.735', 'kg');
    await expect(weight.getByTestId('scale-weight-value')).toHaveText('0.735');
    await expect(weight.getByTestId('scale-weight-state')).toHaveText('Stable');

    await page.getByTestId('scale-tare').click();
    await expect(page.getByTestId('scale-command-result')).toContainText('Tared');
    expect(fake.received.some((c) => c.startsWith('T'))).toBe(true);
    await shot(page, 'devices-scale', page.getByTestId('scale-card'));

    // SCP-01 has no tare command: the button says so in words instead of failing silently.
    await form.getByLabel('Protocol', { exact: true }).click();
    await page.getByRole('option', { name: 'NCI / Avery Weigh-Tronix SCP-01' }).click();
    await form.getByRole('button', { name: 'Save scale' }).click();
    await expect(page.getByText('This scale cannot be asked to tare.')).toBeVisible();
    await page.getByTestId('scale-tare').click();
    await expect(page.getByTestId('scale-command-result')).toContainText('Not supported: A scp-01 scale cannot be asked to tare');
  } finally {
    await api(page, 'devices.configure', { scale: { kind: 'none' } }).catch(() => undefined);
    await fake.close();
    await pty.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
