/**
 * The dashboard and the reports screen over the demo warehouse (a year of real demand): the KPI tiles show what
 * reports.kpis computes, each with its formula and inputs; a report runs, exports to CSV, and the downloaded file
 * holds the rows on screen. Build first: npx electron-vite build.
 */
import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import Papa from 'papaparse';
import { api as callApi } from './browser';
import { startTestHub, type E2eHub } from './hub';

const SHOTS = 'tests/artifacts/screenshots';
let hub: E2eHub;
let signedInOnce = false;

test.describe.configure({ timeout: 120_000 });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  hub = await startTestHub({ demo: true });
});
test.afterAll(async () => {
  await hub?.close();
});

async function signIn(page: Page): Promise<void> {
  const url = signedInOnce ? await hub.newSigninUrl() : hub.signinUrl;
  signedInOnce = true;
  await page.goto(url);
  await expect(page.getByTestId('connection-status')).toHaveText('Hub connected');
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const api = (page: Page, method: string, input: unknown): Promise<any> => callApi(page, hub.url, method, input);

const utcDay = (plusDays = 0) => new Date(Date.now() + plusDays * 86_400_000).toISOString().slice(0, 10);

async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true, style: '.mantine-Notifications-root { display: none !important; }' });
}

test('the dashboard shows the KPIs of reports.kpis with their formula, inputs and 12-month trends, light and dark', async ({ page }) => {
  await signIn(page);
  await page.goto(`${hub.url}/#/`);
  await expect(page.getByTestId('dashboard')).toHaveAttribute('data-loaded', 'true', { timeout: 30_000 });
  await page.getByTestId('period-picker').getByText('12 months').click();
  await expect(page.getByTestId('dashboard')).toContainText('(365 days)');

  const from = utcDay(-364);
  const to = utcDay();
  const planning = await api(page, 'planning.settings.get', {});
  const k = await api(page, 'reports.kpis', { from, to, holdingRatePct: planning.holdingCostRate * 100 });
  const byKey = new Map<string, { value: number | null; formula: string }>(k.kpis.map((x: { key: string; value: number | null; formula: string }) => [x.key, x]));
  // The demo year sells and restocks: these KPIs are numbers, not gaps.
  for (const key of ['inventoryTurnover', 'daysInventoryOutstanding', 'sellThrough', 'gmroi', 'shrinkage', 'carryingCost']) {
    const v = byKey.get(key)!.value;
    expect(v, key).not.toBeNull();
    await expect(page.getByTestId(`kpi-value-${key}`)).toHaveAttribute('data-value', String(v));
  }
  const turnover = byKey.get('inventoryTurnover')!.value!;
  await expect(page.getByTestId('kpi-value-inventoryTurnover')).toHaveText(`${turnover.toFixed(2)}×`);
  const sell = byKey.get('sellThrough')!.value!;
  await expect(page.getByTestId('kpi-value-sellThrough')).toHaveText(`${sell.toFixed(1)} %`);
  // Every tile the engine computes is on screen (12 KPIs), each with a sparkline of its months.
  await expect(page.getByTestId('kpi-tile')).toHaveCount(k.kpis.length);
  await expect(page.locator('[data-kpi="inventoryTurnover"] .recharts-area')).toHaveCount(1);

  // The headline stock value is the FIFO valuation at the close of today.
  const v = await api(page, 'reports.valuation', { asOf: to, groupBy: 'category' });
  const value = await page.getByTestId('tile-stock-value').textContent();
  expect(value!.replace(/[^\d]/g, '')).toBe(String(v.valueMinor));

  // Formula and inputs on demand.
  await page.getByTestId('kpi-info-inventoryTurnover').click();
  const explain = page.getByTestId('kpi-explain');
  await expect(explain).toContainText('COGS ÷ average inventory');
  await expect(explain).toContainText('Average inventory (mean of daily closes)');
  await expect(explain).toContainText(`${turnover.toFixed(2)}×`);
  await shot(page, 'dashboard-kpi-explain');
  await page.getByTestId('kpi-info-inventoryTurnover').click();
  await expect(explain).toBeHidden();

  // Charts and alerts are drawn from the same call.
  for (const id of ['chart-stock-value', 'chart-sell-through', 'chart-abc', 'chart-aging']) await expect(page.getByTestId(id).locator('svg.recharts-surface').first()).toBeVisible();
  const d = await api(page, 'reports.dashboard', { from, to });
  await expect(page.locator('[data-testid="alert-section"][data-kind="dead-stock"]')).toHaveAttribute('data-count', String(d.alerts.deadStock.count));
  await expect(page.getByTestId('abc-row')).toHaveCount(3);
  await shot(page, 'dashboard-light');

  await page.getByTestId('color-scheme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
  // Away from the toggle, so its tooltip is not in the picture.
  await page.mouse.move(700, 600);
  await shot(page, 'dashboard-dark');
  await page.getByTestId('color-scheme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'light');

  // A custom period: a wrong end is refused next to its field; a right one recomputes every tile.
  await page.getByTestId('period-picker').getByText('Custom').click();
  await page.getByLabel('From', { exact: true }).fill(utcDay(-60));
  await page.getByLabel('To', { exact: true }).fill(utcDay(-70));
  await expect(page.locator('.mantine-InputWrapper-root', { hasText: 'To' })).toContainText('The period must not end before it starts');
  await page.getByLabel('To', { exact: true }).fill(utcDay(-31));
  await expect(page.getByTestId('dashboard')).toContainText('(30 days)');
  const custom = await api(page, 'reports.kpis', { from: utcDay(-60), to: utcDay(-31), holdingRatePct: planning.holdingCostRate * 100 });
  const customSell = custom.kpis.find((x: { key: string }) => x.key === 'sellThrough').value;
  await expect(page.getByTestId('kpi-value-sellThrough')).toHaveAttribute('data-value', String(customSell));

  // The dead stock alert leads to the dead stock report.
  await page.locator('[data-testid="alert-section"][data-kind="dead-stock"]').getByRole('link', { name: 'Dead stock report' }).click();
  await expect(page.getByTestId('report-title')).toHaveText('Dead stock');
});

test('the dashboard per sales channel: the channel\'s flows, stock KPIs not split', async ({ page }) => {
  await signIn(page);
  await page.goto(`${hub.url}/#/`);
  await expect(page.getByTestId('dashboard')).toHaveAttribute('data-loaded', 'true', { timeout: 30_000 });
  await page.getByTestId('period-picker').getByText('12 months').click();
  await expect(page.getByTestId('dashboard')).toContainText('(365 days)');
  const from = utcDay(-364);
  const to = utcDay();
  // The demo's sales are stock issued without sales orders: the '(no order)' channel.
  const d = await api(page, 'reports.dashboard', { from, to });
  expect(d.channels).toContain('(no order)');
  const channel = '(no order)';
  await page.getByTestId('dashboard-channel').click();
  await page.getByRole('option', { name: channel, exact: true }).click();
  await expect(page.getByTestId('dashboard-channel-note')).toContainText(`Channel ${channel}`);
  const k = await api(page, 'reports.kpis', { from, to, channel });
  await expect.poll(async () => (await page.getByTestId('tile-revenue').textContent())!.replace(/[^\d]/g, '')).toBe(String(k.revenueMinor));
  // Stock-based KPIs are not one channel's: no value, and the tile says why.
  await expect(page.getByTestId('kpi-value-inventoryTurnover')).toHaveAttribute('data-value', '');
  await expect(page.locator('[data-kpi="inventoryTurnover"]')).toContainText('Stock is shared by all channels');
  await shot(page, 'dashboard-channel');
  // Choosing it again deselects it (all channels): the stock KPIs come back.
  await page.getByTestId('dashboard-channel').click();
  await page.getByRole('option', { name: channel, exact: true }).click();
  await expect(page.getByTestId('dashboard-channel-note')).toBeHidden();
  await expect(page.getByTestId('kpi-value-inventoryTurnover')).not.toHaveAttribute('data-value', '');
});

test('a report runs, and its CSV export holds the rows and totals on screen', async ({ page }) => {
  await signIn(page);
  await page.goto(`${hub.url}/#/reports`);
  await page.getByTestId('report-list').locator('[data-report="valuation_by_category"]').click();
  const table = page.locator('[data-testid="report-table"][data-report="valuation_by_category"]');
  await expect(table).toBeVisible({ timeout: 30_000 });
  const asOf = utcDay();
  const run = await api(page, 'reports.run', { report: 'valuation_by_category', asOf });
  expect(run.rows.length).toBeGreaterThan(3);
  await expect(table.getByTestId('report-row')).toHaveCount(run.rows.length);
  // Numbers right-aligned, money formatted, a totals row.
  const moneyCol = run.columns.find((c: { type: string }) => c.type === 'money');
  const firstMoney = table.getByTestId('report-row').first().locator(`td[data-key="${moneyCol.key}"]`);
  await expect(firstMoney).toHaveCSS('text-align', 'right');
  await expect(firstMoney).toHaveText(/^£[\d,]+\.\d{2}$/);
  await expect(table.getByTestId('report-totals')).toContainText('Total');
  await shot(page, 'reports-valuation-by-category');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const text = fs.readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
  const parsed = Papa.parse<string[]>(text.trim(), { skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  const header = parsed.data[0]!;
  for (const c of run.columns) expect(header).toContain(c.label);
  // Each category on screen is a line of the file, with its value in major units.
  const catIdx = header.indexOf(run.columns[0].label);
  const valIdx = header.indexOf(moneyCol.label);
  const fileRows = new Map(parsed.data.slice(1).map((r) => [r[catIdx], r[valIdx]]));
  for (const r of run.rows) {
    expect(fileRows.has(String(r[run.columns[0].key])), String(r[run.columns[0].key])).toBe(true);
    expect(Math.round(Number(fileRows.get(String(r[run.columns[0].key]))) * 100)).toBe(r[moneyCol.key]);
  }
  const sum = run.rows.reduce((t: number, r: Record<string, number>) => t + r[moneyCol.key]!, 0);
  expect(run.totals[moneyCol.key]).toBe(sum);

  // XLSX is a real spreadsheet (a zip), the PDF a PDF; the report pack too.
  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
  expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
  expect(fs.readFileSync((await xlsx.path())!).subarray(0, 2).toString('latin1')).toBe('PK');
  const [pack] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('report-pack').click()]);
  expect(pack.suggestedFilename()).toMatch(/\.pdf$/);
  expect(fs.readFileSync((await pack.path())!).subarray(0, 5).toString('latin1')).toBe('%PDF-');

  // A period report with its parameters.
  await page.getByTestId('report-list').locator('[data-report="margin_by_item"]').click();
  await expect(page.locator('[data-testid="report-table"][data-report="margin_by_item"]')).toBeVisible({ timeout: 30_000 });
  await shot(page, 'reports-margin-by-item');

  // Accounting: the journal exports balanced, and the mapping form is there.
  await page.getByRole('tab', { name: 'Accounting exports' }).click();
  await expect(page.getByTestId('account-mapping')).toContainText('Cost of goods sold');
  const [journal] = await Promise.all([page.waitForEvent('download'), page.getByTestId('journal-export-button').click()]);
  expect(journal.suggestedFilename()).toMatch(/\.csv$/);
  await expect(page.getByTestId('journal-balance')).toContainText('Balanced');
  await shot(page, 'reports-accounting');
});
