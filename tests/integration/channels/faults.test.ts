import { afterEach, describe, expect, it } from 'vitest';
import { TestClock } from '../../helpers/core';
import { ledgerOf, ledgerSnapshot, ManualTimers, ordersOf, settle, sleep, twoShops, until, type ShopsCore, type TwoShops } from './two-shops';

/**
 * Issue 5, must-show 4, over real HTTP against the Shopify and WooCommerce fakes: a channel down for a while, 429
 * storms, a crash of the core mid-drain, malformed answers.
 */

let env: TwoShops | null = null;
afterEach(async () => {
  await env?.close();
  env = null;
});

const outboxOf = (c: ShopsCore, channelId: number) =>
  c.db.prepare('SELECT listing_id, dirty, state, desired_qty, expected_qty, idempotency_key, attempts FROM channel_outbox WHERE channel_id = ?').get(channelId) as {
    dirty: number;
    state: string;
    desired_qty: number | null;
    expected_qty: number | null;
    idempotency_key: string | null;
    attempts: number;
  };

describe('faults: a channel down for a while', () => {
  it('backs off more each cycle, goes offline, loses nothing, and once up writes each final quantity once', async () => {
    env = await twoShops({ core: { channelEngine: { random: () => 1 } } });
    const { c, shopifyId, wooId, mug, bin } = env;
    const clock = env.clock!;
    await c.channels.syncOnce(shopifyId);
    await c.channels.syncOnce(wooId);
    const snapshot = () => c.ok('channels.get', { id: wooId });

    env.shopify.setDown(true); // HTTP 503 on everything
    env.woo.setMode('down'); // connections reset
    // While both are down: a sale on each channel and a ledger change here.
    env.sellShopify(1);
    env.sellWoo(2);
    c.ok('stock.adjust', { itemId: mug.id, locationId: bin.id, quantity: -1, reason: 'damage' });

    const waits: number[] = [];
    let shopifyMs = 0;
    for (let i = 1; i <= 4; i++) {
      const t1 = Date.now();
      const rs = await c.channels.syncOnce(shopifyId);
      shopifyMs += Date.now() - t1;
      const rw = await c.channels.syncOnce(wooId);
      expect(rs.error?.kind).toBe('unavailable');
      expect(rw.error?.kind).toBe('unavailable');
      const s = snapshot();
      expect(s.consecutiveFailures).toBe(i);
      expect(s.state).toBe(i >= 3 ? 'offline' : 'backoff');
      expect(s.lastError?.message).toMatch(/WooCommerce/);
      const wait = Date.parse(s.nextAttemptAt!) - clock.now().getTime();
      waits.push(wait);
      expect(c.ok('channels.get', { id: shopifyId }).lastError?.message).toMatch(/HTTP 503/);
      clock.advance(wait);
    }
    // Exponential (jitter pinned to its ceiling): 2 s, 4 s, 8 s, 16 s.
    expect(waits).toEqual([2000, 4000, 8000, 16000]);
    // A failed cycle fails fast: requests Shopify never answered cost nothing from its rate-limit bucket, so no
    // cycle sits pacing for points it still has (before the fix, the 3rd and 4th cycles slept ~4 s and ~8 s).
    expect(shopifyMs).toBeLessThan(6000);
    // Nothing imported, nothing pushed, the ledger change waits in the outbox.
    expect(ordersOf(c)).toEqual([]);
    expect(env.woo.stockWrites(env.wProduct)).toBe(0);
    expect(env.shopify.stats().appliedInventoryChanges).toBe(0);
    expect(snapshot().counts.queue).toBe(1);

    env.shopify.setDown(false);
    env.woo.setMode('normal');
    const t2 = Date.now();
    expect((await c.channels.syncOnce(shopifyId)).error).toBeNull();
    expect(Date.now() - t2).toBeLessThan(5000);
    // Shopify first, then WooCommerce, then Shopify again: both sales imported, 10 − 1 − 2 − 1 = 6 on both.
    for (const id of [wooId, shopifyId]) expect((await c.channels.syncOnce(id)).error).toBeNull();
    expect(ordersOf(c).map((o) => [o.channel, o.status])).toEqual([
      [`shopify:${shopifyId}`, 'allocated'],
      [`woocommerce:${wooId}`, 'allocated'],
    ]);
    expect(ledgerOf(c, mug.id)).toEqual({ onHand: 9, reserved: 3, available: 6 });
    expect([env.sQty(), env.wQty()]).toEqual([6, 6]);
    // Each channel got the final quantity in one write; nothing was written for the quantities in between.
    expect(env.woo.stockWrites(env.wProduct)).toBe(1);
    expect(env.shopify.stats().appliedInventoryChanges).toBe(1);
    expect(env.shopify.inventoryChanges().map((x) => [x.from, x.to])).toEqual([[9, 6]]);
    for (const id of [shopifyId, wooId]) {
      expect(c.ok('channels.get', { id })).toMatchObject({ state: 'ok', consecutiveFailures: 0, nextAttemptAt: null, lastError: null });
      expect(c.ok('channels.get', { id }).counts.queue).toBe(0);
    }
    expect(c.ok('system.check', {}).ok).toBe(true);
  });
});

describe('faults: 429 storms', () => {
  it('Shopify: the scheduler sends nothing before Retry-After, not even for a ledger change, then converges', async () => {
    const clock = new TestClock();
    const timers = new ManualTimers(clock);
    env = await twoShops({ clock, pollIntervalSeconds: 10, core: { channelEngine: { timers, random: () => 1 } } });
    const t = env;
    const { c, shopifyId, wooId, mug, bin } = t;
    await c.channels.syncOnce(shopifyId);
    await c.channels.syncOnce(wooId);
    t.sellShopify(1);
    t.sellWoo(2);
    t.shopify.storm429(3, 30); // three answers HTTP 429, Retry-After: 30 s (longer than the client waits in-call)

    const t0 = clock.now().getTime();
    const graphql = () => t.shopify.stats().graphqlRequests;
    const seen: { at: number; n: number }[] = [];
    c.channels.scheduler.start();
    let wooAfterAdjust: number | null = null;
    let adjustAt = 0;
    while (clock.now().getTime() - t0 < 140_000) {
      const before = graphql();
      const at = timers.fireNext() - t0;
      await settle(t);
      if (graphql() > before) seen.push({ at, n: graphql() - before });
      if (adjustAt && wooAfterAdjust === null) wooAfterAdjust = t.wQty();
      // A ledger change while Shopify is waiting out Retry-After: pushed to WooCommerce soon, not to Shopify.
      if (!adjustAt && at > 5_000) {
        adjustAt = at;
        c.ok('stock.adjust', { itemId: mug.id, locationId: bin.id, quantity: -1, reason: 'damage' });
      }
    }
    c.channels.scheduler.stop();
    expect(t.shopify.stats().http429).toBe(3);
    // Shopify was asked at 1 s (429), 31 s (429), 61 s (429), 91 s (answered), then at its 10-second polls.
    expect(seen.slice(0, 4).map((s) => s.at)).toEqual([1000, 31_000, 61_000, 91_000]);
    // One request each while throttled (the in-call wait is not taken for 30 s); the ledger change at 11 s went to
    // WooCommerce with the next timer (the push-soon one) and to Shopify only with its 91 s cycle.
    expect(seen.slice(0, 3).every((s) => s.n === 1)).toBe(true);
    expect(adjustAt).toBe(11_000);
    expect(wooAfterAdjust).toBe(7);
    // Converged: both sales imported, 10 − 1 − 2 − 1 = 6 on both channels.
    expect(ordersOf(c)).toHaveLength(2);
    expect(ledgerOf(c, mug.id).available).toBe(6);
    expect([t.sQty(), t.wQty()]).toEqual([6, 6]);
    expect(c.ok('channels.get', { id: shopifyId })).toMatchObject({ state: 'ok', lastError: null });
  });

  it('WooCommerce: a 429 from the host records Retry-After as the next attempt, with the reason shown', async () => {
    env = await twoShops({ core: { channelEngine: { random: () => 1 } } });
    const { c, wooId } = env;
    const clock = env.clock!;
    await c.channels.syncOnce(wooId);
    env.sellWoo(1);
    env.woo.setMode('429', { retryAfterSeconds: 45, times: 2 });
    for (let i = 0; i < 2; i++) {
      const r = await c.channels.syncOnce(wooId);
      expect(r.error?.kind).toBe('throttled');
      const s = c.ok('channels.get', { id: wooId });
      expect(s.state).toBe('backoff');
      expect(s.lastError?.message).toMatch(/HTTP 429/);
      expect(Date.parse(s.nextAttemptAt!) - clock.now().getTime()).toBe(45_000);
      clock.advance(45_000);
    }
    expect(ordersOf(c)).toEqual([]);
    const r = await c.channels.syncOnce(wooId);
    expect(r.error).toBeNull();
    expect(r.orders.created).toBe(1);
    expect(c.ok('channels.get', { id: wooId })).toMatchObject({ state: 'ok', nextAttemptAt: null });
  });
});

describe('faults: the core crashes mid-drain', () => {
  it('Shopify: the push in flight is resumed with the same idempotency key and applied once', async () => {
    env = await twoShops();
    const { shopifyId, wooId, mug, bin } = env;
    let c = env.c;
    await c.channels.syncOnce(shopifyId);
    await c.channels.syncOnce(wooId);
    c.ok('stock.adjust', { itemId: mug.id, locationId: bin.id, quantity: -2, reason: 'damage' });

    env.shopify.setLatency(1500); // Shopify applies the change, the answer takes 1.5 s
    const inFlight = c.channels.syncOnce(shopifyId, { pull: false });
    await until(() => env!.shopify.stats().mutations === 1, 'the push to reach Shopify');
    const row = outboxOf(c, shopifyId);
    expect(row).toMatchObject({ state: 'in_flight', desired_qty: 8, expected_qty: 10, attempts: 1 });
    expect(env.sQty()).toBe(8);
    c.close(); // crash: the answer never reaches the database
    await inFlight;
    env.shopify.setLatency(0);

    c = env.reopen();
    expect(outboxOf(c, shopifyId)).toMatchObject({ state: 'in_flight', idempotency_key: row.idempotency_key });
    const r = await c.channels.syncOnce(shopifyId);
    expect(r.error).toBeNull();
    expect(r.push.resumed).toBe(1);
    const sets = env.shopify.requests().filter((q) => q.operationName === 'StockroomSetQuantities');
    expect(sets).toHaveLength(2);
    expect(sets[1].variables?.key).toBe(sets[0].variables?.key);
    expect(env.shopify.stats()).toMatchObject({ appliedInventoryChanges: 1, idempotentReplays: 1 });
    expect(env.shopify.inventoryChanges().map((x) => [x.from, x.to])).toEqual([[10, 8]]);
    expect(env.sQty()).toBe(8);
    expect(outboxOf(c, shopifyId)).toMatchObject({ state: 'idle', dirty: 0 });
    expect(c.ok('channels.listings', { channelId: shopifyId }).rows[0]).toMatchObject({ lastPushedQty: 8, lastRemoteQty: 8 });
    // WooCommerce lost nothing either.
    await c.channels.syncOnce(wooId);
    expect(env.wQty()).toBe(8);
    expect(c.ok('system.check', {}).ok).toBe(true);
  });

  it('WooCommerce (no idempotency keys): the resumed push reads first and writes nothing twice', async () => {
    env = await twoShops();
    const { shopifyId, wooId, mug, bin } = env;
    let c = env.c;
    await c.channels.syncOnce(shopifyId);
    await c.channels.syncOnce(wooId);
    c.ok('stock.adjust', { itemId: mug.id, locationId: bin.id, quantity: -2, reason: 'damage' });

    env.woo.setLatency(800); // the request is on its way; WooCommerce applies it after we are gone
    const inFlight = c.channels.syncOnce(wooId, { pull: false });
    await until(() => outboxOf(c, wooId).state === 'in_flight', 'the push to be marked in flight');
    await sleep(100);
    c.close(); // crash
    await inFlight;
    await until(() => env!.woo.stockWrites(env!.wProduct) === 1, 'WooCommerce to apply the write');
    env.woo.setLatency(0);
    expect(env.wQty()).toBe(8);

    c = env.reopen();
    const r = await c.channels.syncOnce(wooId);
    expect(r.error).toBeNull();
    expect(r.push.resumed).toBe(1);
    expect(r.push.pushed).toBe(0);
    expect(env.woo.stockWrites(env.wProduct)).toBe(1);
    expect(env.wQty()).toBe(8);
    expect(outboxOf(c, wooId)).toMatchObject({ state: 'idle', dirty: 0 });
    // Settled: another cycle writes nothing.
    await c.channels.syncOnce(wooId);
    expect(env.woo.stockWrites(env.wProduct)).toBe(1);
  });

  it('WooCommerce: a push that never left is sent once after the restart', async () => {
    env = await twoShops();
    const { shopifyId, wooId, mug, bin } = env;
    let c = env.c;
    await c.channels.syncOnce(shopifyId);
    await c.channels.syncOnce(wooId);
    c.ok('stock.adjust', { itemId: mug.id, locationId: bin.id, quantity: -3, reason: 'damage' });
    // The connection is dropped (after a moment) before WooCommerce handles the request.
    env.woo.setLatency(600);
    env.woo.setMode('down');
    const inFlight = c.channels.syncOnce(wooId, { pull: false });
    await until(() => outboxOf(c, wooId).state === 'in_flight', 'the push to be marked in flight');
    c.close();
    await inFlight;
    env.woo.setMode('normal');
    env.woo.setLatency(0);
    expect(env.woo.stockWrites(env.wProduct)).toBe(0);

    c = env.reopen();
    const r = await c.channels.syncOnce(wooId);
    expect(r.error).toBeNull();
    expect(r.push).toMatchObject({ resumed: 1, pushed: 1 });
    expect(env.woo.stockWrites(env.wProduct)).toBe(1);
    expect(env.wQty()).toBe(7);
  });
});

describe('faults: malformed channel answers', () => {
  it('Shopify: a clear error on the channel, no ledger change; the next good answer imports the order', async () => {
    env = await twoShops();
    const { c, shopifyId, wooId } = env;
    await c.channels.syncOnce(shopifyId);
    await c.channels.syncOnce(wooId);
    env.sellShopify(2);
    const before = ledgerSnapshot(c);
    const cases: [Parameters<TwoShops['shopify']['setMalformed']>[0], RegExp][] = [
      ['html', /Shopify answered StockroomOrders with a body that is not JSON \(text\/html/],
      ['truncated', /Shopify answered StockroomOrders with a body that is not JSON/],
      ['shape', /Shopify's answer to StockroomOrders is not what Stockroom expects: data\.orders/],
    ];
    for (const [kind, message] of cases) {
      env.shopify.setMalformed(kind, 1);
      const r = await c.channels.syncOnce(shopifyId);
      expect(r.error?.kind).toBe('malformed');
      expect(r.error?.message).toMatch(message);
      const s = c.ok('channels.get', { id: shopifyId });
      expect(s.lastError).toMatchObject({ kind: 'malformed', message: expect.stringMatching(message) });
      expect(s.state).toBe('backoff');
      expect(s.orderWatermark).toBeNull();
      expect(ledgerSnapshot(c)).toEqual(before);
    }
    const ok = await c.channels.syncOnce(shopifyId);
    expect(ok.error).toBeNull();
    expect(ok.orders.created).toBe(1);
    expect(c.ok('channels.get', { id: shopifyId })).toMatchObject({ state: 'ok', lastError: null });
  });

  it('Shopify: a malformed answer to a push it applied is retried with the same key and not applied twice', async () => {
    env = await twoShops();
    const { c, shopifyId, wooId, mug, bin } = env;
    await c.channels.syncOnce(shopifyId);
    await c.channels.syncOnce(wooId);
    c.ok('stock.adjust', { itemId: mug.id, locationId: bin.id, quantity: -1, reason: 'damage' });
    env.shopify.setMalformed('truncated', 1);
    const r1 = await c.channels.syncOnce(shopifyId, { pull: false });
    expect(r1.error?.kind).toBe('malformed');
    expect(outboxOf(c, shopifyId)).toMatchObject({ state: 'queued', desired_qty: 9, attempts: 1 });
    expect(env.sQty()).toBe(9); // Shopify did apply it
    const r2 = await c.channels.syncOnce(shopifyId, { pull: false });
    expect(r2.error).toBeNull();
    expect(env.shopify.stats()).toMatchObject({ appliedInventoryChanges: 1, idempotentReplays: 1 });
    expect(outboxOf(c, shopifyId)).toMatchObject({ state: 'idle' });
  });

  it('WooCommerce: a truncated body and a non-JSON page are clear errors with no ledger change', async () => {
    env = await twoShops();
    const { c, shopifyId, wooId } = env;
    await c.channels.syncOnce(shopifyId);
    await c.channels.syncOnce(wooId);
    env.sellWoo(1);
    const before = ledgerSnapshot(c);
    for (const body of [undefined, '<html><body>Briefly unavailable for scheduled maintenance.</body></html>']) {
      env.woo.setMode('malformed', { times: 1, ...(body !== undefined && { body }) });
      const r = await c.channels.syncOnce(wooId);
      expect(r.error?.kind).toBe('malformed');
      const s = c.ok('channels.get', { id: wooId });
      expect(s.lastError?.kind).toBe('malformed');
      expect(s.lastError?.message).toMatch(/WooCommerce/);
      expect(s.orderWatermark).toBeNull();
      expect(ledgerSnapshot(c)).toEqual(before);
    }
    const ok = await c.channels.syncOnce(wooId);
    expect(ok.error).toBeNull();
    expect(ok.orders.created).toBe(1);
  });
});
