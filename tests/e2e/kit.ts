import { test, type Locator, type Page } from '@playwright/test';
import { api as callApi } from './browser';
import { startTestHub, type E2eHub } from './hub';

/** Where specs save their screenshots (gitignored). */
export const SHOTS = 'tests/artifacts/screenshots';

/** GS1 mod-10, written out here so the tests do not trust the code they check. */
export function gtin13(body12: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(body12[i]) * (i % 2 === 0 ? 1 : 3);
  return body12 + String((10 - (sum % 10)) % 10);
}

/** A screenshot of the whole page from the top, or of one element, without toasts and animations. */
export async function shot(page: Page, name: string, target?: Locator): Promise<void> {
  const style = '.mantine-Notifications-root { display: none !important; }';
  if (target) return void (await target.screenshot({ path: `${SHOTS}/${name}.png`, style, animations: 'disabled' }));
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true, style, animations: 'disabled' });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type HubApi = (page: Page, method: string, input: unknown) => Promise<any>;

/** api() of browser.ts bound to a hub that is started later (in beforeAll). */
export const hubApi =
  (hub: () => E2eHub): HubApi =>
  (page, method, input) =>
    callApi(page, hub().url, method, input);

/** One test hub for the spec file: started before its tests, closed after them. */
export function useTestHub(): { readonly hub: E2eHub; api: HubApi } {
  let hub: E2eHub | undefined;
  test.beforeAll(async () => {
    hub = await startTestHub();
  });
  test.afterAll(async () => {
    await hub?.close();
  });
  const started = (): E2eHub => {
    if (!hub) throw new Error('The test hub is not started yet: use it inside a test');
    return hub;
  };
  return {
    get hub() {
      return started();
    },
    api: hubApi(started),
  };
}

/**
 * Seeds a shipped order through the API (weighing switched off): one line of `quantity` × the item at the price,
 * allocated, packed by scanning the SKU and shipped to Ada Lovelace in London. Returns the order as created.
 */
export async function seedShippedOrder(
  api: HubApi,
  page: Page,
  line: { itemId: number; sku: string; quantity: number; unitPriceMinor: number; weightGrams: number },
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
): Promise<any> {
  await api(page, 'orders.configure', { requireWeighing: false });
  const shipTo = { name: 'Ada Lovelace', line1: '12 St James Square', city: 'London', postalCode: 'SW1Y 4JH', country: 'GB' };
  const order = await api(page, 'orders.create', { customerName: 'Ada Lovelace', shipTo, lines: [{ itemId: line.itemId, quantity: line.quantity, unitPriceMinor: line.unitPriceMinor }] });
  await api(page, 'orders.allocate', { orderId: order.id });
  await api(page, 'orders.packScan', { orderId: order.id, code: line.sku, quantity: line.quantity });
  await api(page, 'orders.ship', { orderId: order.id, carrier: 'RM', service: '24', trackingNumber: 'T1', weightGrams: line.weightGrams });
  return order;
}
