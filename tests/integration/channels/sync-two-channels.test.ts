import { afterEach, describe, expect, it } from 'vitest';
import { ledgerOf, ordersOf, reservedOf, twoShops, type TwoShops } from './two-shops';

/**
 * Issue 5, must-show 2: a sale on one channel is imported, reserves stock, and the new available quantity reaches
 * the other channel, over real HTTP against the Shopify and WooCommerce fakes with the real connectors.
 */

let env: TwoShops | null = null;
afterEach(async () => {
  await env?.close();
  env = null;
});

describe('two channels end to end (fake Shopify + fake WooCommerce over HTTP)', () => {
  it('connects both through the API: listings refreshed, locations and listings mapped, nothing to push at first', async () => {
    env = await twoShops();
    const { c, shopifyId, wooId, mug } = env;
    const sLocs = c.ok('channels.locations', { channelId: shopifyId });
    expect(sLocs).toEqual([expect.objectContaining({ remoteRef: env.sLoc, name: 'Main warehouse', warehouseCode: 'MAIN' })]);
    for (const id of [shopifyId, wooId]) {
      const rows = c.ok('channels.listings', { channelId: id }).rows;
      expect(rows).toEqual([expect.objectContaining({ sku: 'MUG-1', itemId: mug.id, mappedBy: 'sku', lastRemoteQty: 10, desiredQty: 10 })]);
    }
    expect(c.ok('channels.listings', { channelId: shopifyId }).rows[0].ref).toBe(`${env.sItem}@${env.sLoc}`);
    expect(c.ok('channels.listings', { channelId: wooId }).rows[0].ref).toBe(`p:${env.wProduct}`);

    const rs = await c.channels.syncOnce(shopifyId);
    const rw = await c.channels.syncOnce(wooId);
    for (const r of [rs, rw]) {
      expect(r.error).toBeNull();
      expect(r.push.pushed).toBe(0);
    }
    expect(env.shopify.stats().appliedInventoryChanges).toBe(0);
    expect(env.woo.stockWrites(env.wProduct)).toBe(0);
    expect(c.ok('channels.get', { id: shopifyId })).toMatchObject({ state: 'ok', shopName: null, lastError: null });
  });

  it('a sale on Shopify is imported, reserves stock and the new quantity reaches WooCommerce; and the reverse', async () => {
    env = await twoShops();
    const { c, shopifyId, wooId, mug } = env;
    await c.channels.syncOnce(shopifyId);
    await c.channels.syncOnce(wooId);

    // ---- Shopify → WooCommerce
    const sale = env.sellShopify(2);
    expect(env.sQty()).toBe(8); // Shopify moved 2 from available to committed at once
    const r1 = await c.channels.syncOnce(shopifyId);
    expect(r1.error).toBeNull();
    expect(r1.orders).toMatchObject({ seen: 1, created: 1, failed: 0 });
    const [o1] = ordersOf(c);
    expect(o1).toMatchObject({ channel: `shopify:${shopifyId}`, external_id: sale.id, status: 'allocated', hold_reason: null });
    const detail = c.ok('orders.get', { id: o1.id });
    expect(detail.lines).toEqual([expect.objectContaining({ itemId: mug.id, quantity: 2 })]);
    expect(reservedOf(c, mug.id)).toBe(2);
    expect(ledgerOf(c, mug.id)).toEqual({ onHand: 10, reserved: 2, available: 8 });
    // Shopify already shows 8 (its own sale): our push of 8 finds it so, nothing is applied twice there.
    expect(env.sQty()).toBe(8);
    expect(env.woo.stockOf(env.wProduct)).toBe(10);

    const r2 = await c.channels.syncOnce(wooId);
    expect(r2.error).toBeNull();
    expect(r2.push.pushed).toBe(1);
    expect(env.wQty()).toBe(8);
    expect(env.woo.stockWrites(env.wProduct)).toBe(1);

    // ---- WooCommerce → Shopify
    const wSale = env.sellWoo(3);
    expect(env.wQty()).toBe(5);
    const r3 = await c.channels.syncOnce(wooId);
    expect(r3.error).toBeNull();
    expect(r3.orders).toMatchObject({ seen: 1, created: 1 });
    const o2 = ordersOf(c)[1];
    expect(o2).toMatchObject({ channel: `woocommerce:${wooId}`, external_id: String(wSale.id), status: 'allocated' });
    expect(ledgerOf(c, mug.id)).toEqual({ onHand: 10, reserved: 5, available: 5 });
    expect(env.wQty()).toBe(5);

    const before = env.shopify.stats().appliedInventoryChanges;
    const r4 = await c.channels.syncOnce(shopifyId);
    expect(r4.error).toBeNull();
    expect(r4.orders.created).toBe(0);
    expect(env.sQty()).toBe(5);
    expect(env.shopify.stats().appliedInventoryChanges).toBe(before + 1);
    const change = env.shopify.inventoryChanges().at(-1)!;
    expect(change).toMatchObject({ inventoryItemId: env.sItem, locationId: env.sLoc, from: 8, to: 5 });

    // Settled: another round changes nothing anywhere.
    const writes = env.woo.stockWrites(env.wProduct);
    const applied = env.shopify.stats().appliedInventoryChanges;
    for (const id of [shopifyId, wooId]) {
      const r = await c.channels.syncOnce(id);
      expect(r.error).toBeNull();
      expect(r.orders.created).toBe(0);
      expect(r.push.pushed).toBe(0);
    }
    expect(env.woo.stockWrites(env.wProduct)).toBe(writes);
    expect(env.shopify.stats().appliedInventoryChanges).toBe(applied);
    expect(ordersOf(c)).toHaveLength(2);
    expect(c.ok('system.check', {}).ok).toBe(true);
    for (const id of [shopifyId, wooId]) {
      const s = c.ok('channels.get', { id });
      expect(s).toMatchObject({ state: 'ok', lastError: null });
      expect(s.counts.queue).toBe(0);
      expect(s.lastPullAt).not.toBeNull();
    }
  });

  it('a cancellation on either channel, even in the same second as the sale, gives the units back to both channels', async () => {
    env = await twoShops();
    const { c, shopifyId, wooId, mug } = env;
    await c.channels.syncOnce(shopifyId);
    await c.channels.syncOnce(wooId);
    const sale = env.sellShopify(4);
    await c.channels.syncOnce(shopifyId);
    await c.channels.syncOnce(wooId);
    expect(env.wQty()).toBe(6);

    env.shopify.cancelOrder(sale.id, { restock: true });
    expect(env.sQty()).toBe(10);
    const r = await c.channels.syncOnce(shopifyId);
    expect(r.orders.cancelled).toBe(1);
    expect(ordersOf(c)[0].status).toBe('cancelled');
    expect(reservedOf(c, mug.id)).toBe(0);
    // Raising WooCommerce waits for a complete order pull there that started after the release.
    await c.channels.syncOnce(wooId);
    expect(env.wQty()).toBe(10);
    await c.channels.syncOnce(shopifyId);
    expect(env.sQty()).toBe(10);
    expect(ledgerOf(c, mug.id)).toEqual({ onHand: 10, reserved: 0, available: 10 });

    // WooCommerce: the fake's clock stands still, so the cancellation keeps the order's date_modified_gmt.
    const wSale = env.sellWoo(3);
    await c.channels.syncOnce(wooId);
    await c.channels.syncOnce(shopifyId);
    expect(env.sQty()).toBe(7);
    const modified = env.woo.order(wSale.id)!.date_modified_gmt;
    env.woo.cancelOrder(wSale.id);
    expect(env.woo.order(wSale.id)!.date_modified_gmt).toBe(modified);
    expect(env.wQty()).toBe(10);
    const rw = await c.channels.syncOnce(wooId);
    expect(rw.orders.cancelled).toBe(1);
    expect(ordersOf(c)[1]).toMatchObject({ channel: `woocommerce:${wooId}`, status: 'cancelled' });
    expect(reservedOf(c, mug.id)).toBe(0);
    await c.channels.syncOnce(shopifyId);
    expect(env.sQty()).toBe(10);
    expect(env.wQty()).toBe(10);
    expect(c.ok('system.check', {}).ok).toBe(true);
  });
});
