import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src/main/core/core';
import type { Input, MethodName, Output } from '../../../src/shared/api';
import { startFakeShopify, type FakeShopify } from '../../fakes/shopify/fake-shopify';
import { startFakeWooCommerce, type FakeWooCommerce } from '../../fakes/woocommerce/fake-woocommerce';
import { TestClock, tmpDir } from '../../helpers/core';

/**
 * The engine with the real connectors (default factory) against the Shopify and WooCommerce fakes over HTTP: a sale
 * on one channel is imported, reserves stock, and the new quantity reaches the other channel, and the reverse.
 */
describe('channel sync with the real connectors and the HTTP fakes', () => {
  let shop: FakeShopify;
  let woo: FakeWooCommerce;
  let core: Core;
  const logs: string[] = [];
  const ok = <M extends MethodName>(m: M, i: Input<M>): Output<M> => {
    const r = core.router.call(m, i, { actor: 'tester', device: 'vitest' });
    if (!r.ok) throw new Error(`${m}: ${r.error.code} ${r.error.message}`);
    return r.value as Output<M>;
  };

  beforeAll(async () => {
    shop = await startFakeShopify();
    woo = await startFakeWooCommerce();
    core = createCore({ file: path.join(tmpDir('stockroom-sw-'), 'stockroom.db'), clock: new TestClock(), host: 'test', log: (m) => logs.push(m) });
  });
  afterAll(async () => {
    core?.close();
    await shop?.close();
    await woo?.stop();
  });

  it('a Shopify sale reaches WooCommerce and a WooCommerce sale reaches Shopify', async () => {
    const loc = shop.addLocation('Main warehouse');
    const { variants } = shop.addProduct('Enamel mug', [{ sku: 'MUG-1', stock: { [loc.id]: 10 } }]);
    const wooId = woo.addProduct({ name: 'Enamel mug', sku: 'MUG-1', stock: 10, price: '6.00' });

    const wh = ok('locations.createWarehouse', { code: 'MAIN', name: 'Main warehouse' });
    const bin = ok('locations.create', { warehouseId: wh.id, kind: 'bin', code: 'A-01' });
    const mug = ok('catalog.create', { sku: 'MUG-1', name: 'Enamel mug', priceMinor: 600 });
    ok('stock.receive', { itemId: mug.id, locationId: bin.id, quantity: 10 });

    const info = shop.connectionInfo();
    const s = ok('channels.create', { kind: 'shopify', name: 'Shopify', config: { shop: info.shop, baseUrl: info.baseUrl }, credentials: { accessToken: info.staticToken } });
    const w = ok('channels.create', { kind: 'woocommerce', name: 'Woo', config: { baseUrl: woo.baseUrl }, credentials: { consumerKey: woo.consumerKey, consumerSecret: woo.consumerSecret } });
    for (const ch of [s, w]) {
      const t = await core.channels.test(ch.id);
      expect(t).toHaveProperty('shopName');
      const r = await core.channels.refreshListings(ch.id);
      expect(r).toMatchObject({ listings: 1 });
      expect(ok('channels.acceptSuggestions', { channelId: ch.id }).mapped).toBe(1);
    }
    expect(ok('channels.locations', { channelId: s.id })[0].warehouseCode).toBe('MAIN');
    for (const ch of [s, w]) expect((await core.channels.syncOnce(ch.id)).error).toBeNull();

    // Sale on Shopify: imported, reserved, and Woo drops to 8.
    shop.createOrder({ lines: [{ inventoryItemId: variants[0].inventoryItemId, quantity: 2 }], shippingAddress: { address1: '1 High St', city: 'London', zip: 'N1 1AA', countryCodeV2: 'GB' } });
    const rs = await core.channels.syncOnce(s.id);
    expect(rs.error).toBeNull();
    expect(rs.orders.created).toBe(1);
    expect(ok('stock.reservations', { itemId: mug.id }).reduce((n, r) => n + r.remaining, 0)).toBe(2);
    const rw = await core.channels.syncOnce(w.id);
    expect(rw.error).toBeNull();
    expect(woo.stockOf(wooId)).toBe(8);

    // Sale on Woo: imported, reserved, and Shopify drops to 7.
    woo.advance(60_000);
    woo.placeOrder({ lines: [{ id: wooId, quantity: 1 }] });
    const rw2 = await core.channels.syncOnce(w.id);
    expect(rw2.error).toBeNull();
    expect(rw2.orders.created).toBe(1);
    const rs2 = await core.channels.syncOnce(s.id);
    expect(rs2.error).toBeNull();
    expect(shop.available(variants[0].inventoryItemId, loc.id)).toBe(7);
    expect(woo.stockOf(wooId)).toBe(7);

    // A second round changes nothing anywhere (idempotent import, diff-only push).
    const before = shop.stats().appliedInventoryChanges;
    await core.channels.syncOnce(s.id);
    await core.channels.syncOnce(w.id);
    expect(shop.stats().appliedInventoryChanges).toBe(before);
    expect(core.db.prepare('SELECT count(*) AS n FROM sales_orders').get()).toEqual({ n: 2 });
    for (const l of logs) {
      expect(l).not.toContain(info.staticToken);
      expect(l).not.toContain(woo.consumerSecret);
    }

    // Faults: a 429 storm (Retry-After persisted), then Shopify down for a while (offline), then back.
    ok('stock.adjust', { itemId: mug.id, locationId: bin.id, quantity: -1, reason: 'damage' });
    shop.storm429(1, 120);
    const t = await core.channels.syncOnce(s.id);
    expect(t.error?.kind).toBe('throttled');
    let st = ok('channels.get', { id: s.id });
    expect(st.state).toBe('backoff');
    expect(st.nextAttemptAt).toBe(new Date(Date.parse('2026-01-05T09:00:00.000Z') + 120_000).toISOString());
    shop.setDown(true);
    for (let i = 0; i < 3; i++) expect((await core.channels.syncOnce(s.id)).error?.kind).toBe('unavailable');
    st = ok('channels.get', { id: s.id });
    expect(st.state).toBe('offline');
    expect(st.counts.queue).toBe(1);
    expect(shop.available(variants[0].inventoryItemId, loc.id)).toBe(7);
    shop.setDown(false);
    const back = await core.channels.syncOnce(s.id);
    expect(back.error).toBeNull();
    expect(shop.available(variants[0].inventoryItemId, loc.id)).toBe(6);
    expect(ok('channels.get', { id: s.id })).toMatchObject({ state: 'ok', consecutiveFailures: 0 });
    expect(core.db.prepare('SELECT count(*) AS n FROM sales_orders').get()).toEqual({ n: 2 });
  });
});
