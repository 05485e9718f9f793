import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChannelError, type ChannelErrorKind, type PushOp, type RemoteOrder } from '../../../src/main/channels/connector';
import { createShopifyConnector, SHOPIFY_API_VERSION, shopifyRef, shopifyRequestKey, type ShopifyConnectorOptions } from '../../../src/main/channels/connectors/shopify';
import { FAKE_SHOPIFY_API_VERSION, ManualClock, startFakeShopify, type FakeShopify } from '../../fakes/shopify/fake-shopify';

const SHOP = 'stockroom-test.myshopify.com';

let fake: FakeShopify;
let clock: ManualClock;
let slept: number[];

beforeEach(async () => {
  clock = new ManualClock(Date.parse('2026-03-02T09:00:00.000Z'));
  slept = [];
  fake = await startFakeShopify({ clock, shopName: 'Acme Outdoor' });
});
afterEach(async () => {
  await fake.close();
});

function connector(extra: Partial<ShopifyConnectorOptions> = {}) {
  return createShopifyConnector({
    shop: SHOP,
    baseUrl: fake.url,
    auth: { mode: 'client_credentials', clientId: fake.clientId, clientSecret: fake.clientSecret },
    now: () => clock.now(),
    // Waiting moves the fake's clock, so the bucket refills and tokens age exactly as they would in real time.
    sleep: async (ms) => {
      slept.push(ms);
      clock.advance(ms);
    },
    ...extra,
  });
}

/** Every secret and token the fake knows: none may appear in an error message. */
function secrets(): string[] {
  const tokens = fake.requests().map((r) => r.token).filter((t): t is string => !!t);
  return [fake.clientSecret, fake.staticToken, ...tokens];
}

async function expectChannelError(p: Promise<unknown>, kind: ChannelErrorKind): Promise<ChannelError> {
  let caught: unknown;
  try {
    await p;
  } catch (e) {
    caught = e;
  }
  expect(caught, 'expected a ChannelError').toBeInstanceOf(ChannelError);
  const err = caught as ChannelError;
  expect(err.kind, err.message).toBe(kind);
  for (const s of secrets()) {
    expect(err.message).not.toContain(s);
    expect(err.opts.channelMessage ?? '').not.toContain(s);
  }
  return err;
}

async function collect(it: AsyncIterable<{ orders: RemoteOrder[]; serverTime: string | null }>) {
  const pages: Array<{ orders: RemoteOrder[]; serverTime: string | null }> = [];
  for await (const p of it) pages.push(p);
  return pages;
}

const graphqlCalls = (op: string): number => fake.requests().filter((r) => r.operationName === op).length;

describe('Shopify connector: auth', () => {
  it('pins the API version the fake serves', () => {
    expect(SHOPIFY_API_VERSION).toBe('2026-04');
    expect(FAKE_SHOPIFY_API_VERSION).toBe(SHOPIFY_API_VERSION);
  });

  it('grants a client-credentials token, reuses it, renews it before expiry and once after a 401', async () => {
    fake.setTokenLifetime(3600);
    const c = connector();
    expect(await c.test()).toEqual({ shopName: 'Acme Outdoor' });
    expect(fake.stats().tokenGrants).toBe(1);
    clock.advance(3000_000);
    await c.test();
    expect(fake.stats().tokenGrants).toBe(1);
    // 5 minutes before the end the connector renews on its own: Shopify never sees the old token expire.
    clock.advance(400_000);
    await c.test();
    expect(fake.stats().tokenGrants).toBe(2);
    expect(fake.stats().unauthorized).toBe(0);
    const grantReq = fake.requests().find((r) => r.path === '/admin/oauth/access_token');
    expect(grantReq?.status).toBe(200);
    // Revoked behind our back: one 401, a new grant, the call still succeeds.
    fake.revokeTokens();
    expect(await c.test()).toEqual({ shopName: 'Acme Outdoor' });
    expect(fake.stats()).toMatchObject({ tokenGrants: 3, unauthorized: 1 });
    // The fake enforces expiry itself (a token used after expires_in is refused).
    const tokens = fake.requests().map((r) => r.token).filter(Boolean);
    expect(new Set(tokens).size).toBe(3);
  });

  it('an expired token is refused by the fake with Shopify’s 401 body', async () => {
    fake.setTokenLifetime(60);
    const res = await fetch(`${fake.url}/admin/oauth/access_token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: fake.clientId, client_secret: fake.clientSecret }).toString(),
    });
    const grant = (await res.json()) as { access_token: string; expires_in: number };
    expect(grant.expires_in).toBe(60);
    clock.advance(61_000);
    const r = await fetch(`${fake.url}/admin/api/2026-04/graphql.json`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Shopify-Access-Token': grant.access_token },
      body: JSON.stringify({ query: '{ shop { name } }' }),
    });
    expect(r.status).toBe(401);
    expect(((await r.json()) as { errors: string }).errors).toMatch(/^\[API\] Invalid API key or access token/);
  });

  it('wrong client secret → auth error without the secret in it', async () => {
    const c = connector({ auth: { mode: 'client_credentials', clientId: fake.clientId, clientSecret: 'shpss_wrong-secret-123456' } });
    const err = await expectChannelError(c.test(), 'auth');
    expect(err.message).toMatch(/invalid_client/);
    expect(err.message).not.toContain('shpss_wrong-secret-123456');
  });

  it('static token mode works without a grant; a wrong static token is an auth error', async () => {
    const c = connector({ auth: { mode: 'static', accessToken: fake.staticToken } });
    expect(await c.test()).toEqual({ shopName: 'Acme Outdoor' });
    expect(fake.stats().tokenGrants).toBe(0);
    const bad = connector({ auth: { mode: 'static', accessToken: 'shpat_not-the-right-one-000' } });
    const err = await expectChannelError(bad.test(), 'auth');
    expect(err.message).toContain('Invalid API key or access token');
    expect(err.message).not.toContain('shpat_not-the-right-one-000');
    expect(fake.stats().tokenGrants).toBe(0);
  });

  it('refuses a shop that is not a myshopify.com domain', () => {
    expect(() => createShopifyConnector({ shop: 'evil.example.com', auth: { mode: 'static', accessToken: 'x' } })).toThrow(/myshopify/);
  });
});

describe('Shopify connector: locations, listings, stock reads', () => {
  it('lists active locations only', async () => {
    const a = fake.addLocation('Leeds warehouse');
    fake.addLocation('Old shop', { active: false });
    const b = fake.addLocation('Popup');
    expect(await connector().locations()).toEqual([
      { ref: a.id, name: 'Leeds warehouse' },
      { ref: b.id, name: 'Popup' },
    ]);
  });

  it('pages through variants and through an item stocked at more locations than one page holds', async () => {
    const locs = Array.from({ length: 12 }, (_, i) => fake.addLocation(`Loc ${i + 1}`));
    const [l1, l2] = locs;
    const created: Array<{ inventoryItemId: string }> = [];
    for (let i = 0; i < 60; i++) {
      created.push(fake.addProduct(`Tent ${i}`, [{ sku: `TENT-${i}`, barcode: i % 2 ? `50000000000${i}` : null, stock: { [l1.id]: i, [l2.id]: 100 + i } }]).variants[0]);
    }
    const wide = fake.addProduct('Stove', [{ title: 'Blue', sku: '', stock: Object.fromEntries(locs.map((l, i) => [l.id, i])) }]).variants[0];
    const untracked = fake.addProduct('Gift card', [{ sku: 'GIFT', tracked: false, stock: { [l1.id]: 0 } }]).variants[0];

    const all = await connector().listings();
    expect(graphqlCalls('StockroomListings')).toBe(3); // 62 variants, 25 a page
    expect(graphqlCalls('StockroomItemLevels')).toBe(1); // the stove's 11th and 12th location
    expect(all).toHaveLength(60 * 2 + 12 + 1);
    expect(all.find((l) => l.ref === shopifyRef(created[7].inventoryItemId, l2.id))).toEqual({
      ref: `${created[7].inventoryItemId}@${l2.id}`,
      sku: 'TENT-7',
      barcode: '500000000007',
      title: 'Tent 7 - Default Title',
      locationRef: l2.id,
      available: 107,
    });
    const stove = all.filter((l) => l.ref.startsWith(wide.inventoryItemId + '@'));
    expect(stove.map((l) => l.available)).toEqual(Array.from({ length: 12 }, (_, i) => i));
    expect(stove[0]).toMatchObject({ sku: null, title: 'Stove - Blue' });
    expect(all.find((l) => l.ref.startsWith(untracked.inventoryItemId))?.available).toBeNull();

    const onlyL2 = await connector({ locationRefs: [l2.id] }).listings();
    expect(onlyL2).toHaveLength(61);
    expect(onlyL2.every((l) => l.locationRef === l2.id)).toBe(true);
  });

  it('readStock answers known refs and leaves out unknown or unstocked ones', async () => {
    const l1 = fake.addLocation('A');
    const l2 = fake.addLocation('B');
    const v = fake.addProduct('Mug', [
      { sku: 'MUG-R', stock: { [l1.id]: 4, [l2.id]: 9 } },
      { sku: 'MUG-B', stock: { [l1.id]: 0 } },
    ]).variants;
    const refs = [
      shopifyRef(v[0].inventoryItemId, l1.id),
      shopifyRef(v[0].inventoryItemId, l2.id),
      shopifyRef(v[1].inventoryItemId, l1.id),
      shopifyRef(v[1].inventoryItemId, l2.id), // not stocked there
      shopifyRef('gid://shopify/InventoryItem/999999', l1.id),
      'not-a-ref',
    ];
    const m = await connector().readStock(refs);
    expect([...m.entries()].sort()).toEqual(
      [
        [refs[0], 4],
        [refs[1], 9],
        [refs[2], 0],
      ].sort(),
    );
  });
});

describe('Shopify connector: orders', () => {
  it('pages orders oldest change first, filters by since, maps lines, states and addresses', async () => {
    const loc = fake.addLocation('Leeds');
    const [v] = fake.addProduct('Lamp', [{ sku: 'LAMP-1', stock: { [loc.id]: 1000 } }]).variants;
    const ids: string[] = [];
    const t0 = clock.now();
    for (let i = 0; i < 40; i++) {
      ids.push(fake.createOrder({ lines: [{ inventoryItemId: v.inventoryItemId, quantity: 1 + (i % 3), price: '12.50' }] }).id);
      clock.advance(1000);
    }
    expect(fake.quantities(v.inventoryItemId, loc.id)).toEqual({ available: 1000 - 79, committed: 79, on_hand: 1000 });

    const pages = await collect(connector({ locationRefs: [loc.id] }).pullOrders(null));
    expect(pages.map((p) => p.orders.length)).toEqual([15, 15, 10]);
    const orders = pages.flatMap((p) => p.orders);
    expect(orders.map((o) => o.externalId)).toEqual(ids);
    expect(pages[0].serverTime).toBe(new Date(Math.floor(clock.now() / 1000) * 1000).toISOString());
    expect(orders[1]).toEqual({
      externalId: ids[1],
      name: '#1002',
      updatedAt: new Date(t0 + 1000).toISOString(),
      createdAt: new Date(t0 + 1000).toISOString(),
      state: 'open',
      currency: 'GBP',
      customerName: 'Ada Buyer',
      customerEmail: 'buyer@example.com',
      shipTo: { name: 'Ada Buyer', company: null, line1: '1 High Street', line2: null, city: 'Leeds', region: null, postalCode: 'LS1 1AA', country: 'GB' },
      lines: [{ externalLineId: expect.stringMatching(/^gid:\/\/shopify\/LineItem\/\d+$/), ref: shopifyRef(v.inventoryItemId, loc.id), sku: 'LAMP-1', title: 'Lamp', quantity: 2, unitPriceMinor: 1250 }],
    });

    // since = the 31st order's time: that order and the 9 after it.
    const since = new Date(t0 + 30_000).toISOString();
    const later = (await collect(connector().pullOrders(since))).flatMap((p) => p.orders);
    expect(later.map((o) => o.externalId)).toEqual(ids.slice(30));
    expect(later[0].lines[0].ref).toBe(v.inventoryItemId); // several locations possible: bare inventory item

    // A cancel moves the order to the end with a new updatedAt and state cancelled; stock goes back.
    clock.advance(5000);
    fake.cancelOrder(ids[3]);
    fake.fulfilOrder(ids[4]);
    const changed = (await collect(connector().pullOrders(new Date(clock.now()).toISOString()))).flatMap((p) => p.orders);
    expect(changed.map((o) => [o.externalId, o.state])).toEqual([
      [ids[3], 'cancelled'],
      [ids[4], 'closed'],
    ]);
    expect(fake.quantities(v.inventoryItemId, loc.id)).toEqual({ available: 1000 - 79 + 1, committed: 79 - 1 - 2, on_hand: 1000 - 2 });
  });

  it('fetches the remaining line items of a large order', async () => {
    const loc = fake.addLocation('Leeds');
    const vs = fake.addProduct('Sock', Array.from({ length: 23 }, (_, i) => ({ title: `Size ${i}`, sku: `SOCK-${i}`, stock: { [loc.id]: 5 } }))).variants;
    fake.createOrder({ lines: vs.map((v) => ({ inventoryItemId: v.inventoryItemId, quantity: 1, price: '3.99' })), customer: null, shippingAddress: null, email: null });
    const [order] = (await collect(connector().pullOrders(null))).flatMap((p) => p.orders);
    expect(graphqlCalls('StockroomOrderLines')).toBe(1);
    expect(order.lines.map((l) => l.sku)).toEqual(vs.map((v) => v.sku));
    expect(order.lines.every((l) => l.unitPriceMinor === 399)).toBe(true);
    expect(order).toMatchObject({ customerName: '', customerEmail: null, shipTo: null });
  });

  it('rejects a since that is not a date', async () => {
    await expectChannelError(collect(connector().pullOrders('yesterday')), 'config');
  });
});

describe('Shopify connector: pushStock', () => {
  let loc: { id: string };
  let items: string[];
  beforeEach(() => {
    loc = fake.addLocation('Leeds');
    items = fake.addProduct('Boot', [5, 6, 7, 8].map((n) => ({ sku: `BOOT-${n}`, stock: { [loc.id]: n } }))).variants.map((v) => v.inventoryItemId);
  });
  const op = (i: number, quantity: number, expected: number | null, key = `k-${i}-${quantity}`): PushOp => ({ ref: shopifyRef(items[i], loc.id), quantity, expected, idempotencyKey: key });

  it('sets quantities with changeFromQuantity and a deterministic idempotency key', async () => {
    const ops = [op(0, 2, 5), op(1, 0, 6), op(2, 7, 7)];
    const out = await connector().pushStock(ops);
    expect(out).toEqual([
      { ref: ops[0].ref, ok: true, quantity: 2 },
      { ref: ops[1].ref, ok: true, quantity: 0 },
      { ref: ops[2].ref, ok: true, quantity: 7 },
    ]);
    expect([0, 1, 2].map((i) => fake.available(items[i], loc.id))).toEqual([2, 0, 7]);
    const changes = fake.inventoryChanges();
    expect(changes).toHaveLength(2); // the third was already 7
    expect(changes[0]).toMatchObject({ from: 5, to: 2, idempotencyKey: shopifyRequestKey(ops) });
    expect(changes[0].referenceDocumentUri).toMatch(/^stockroom:\/\//);
    // Order of the ops does not change the key; different content does.
    expect(shopifyRequestKey([...ops].reverse())).toBe(shopifyRequestKey(ops));
    expect(shopifyRequestKey([op(0, 2, 4), ops[1], ops[2]])).not.toBe(shopifyRequestKey(ops));
    const sent = fake.requests().find((r) => r.operationName === 'StockroomSetQuantities');
    expect(sent?.query).toContain('@idempotent(key: $key)');
    expect((sent?.variables as { input: { quantities: Array<{ changeFromQuantity: number | null }> } }).input.quantities.map((q) => q.changeFromQuantity)).toEqual([5, 6, 7]);
  });

  it('null expected opts out of the check', async () => {
    const out = await connector().pushStock([op(0, 3, null)]);
    expect(out[0]).toEqual({ ref: op(0, 3, null).ref, ok: true, quantity: 3 });
    expect(fake.available(items[0], loc.id)).toBe(3);
  });

  it('stale compare-and-set → stale outcome with the actual quantity; the rest of the batch still lands', async () => {
    fake.createOrder({ lines: [{ inventoryItemId: items[1], quantity: 2 }] }); // Shopify sold 2: 6 → 4
    const ops = [op(0, 1, 5), op(1, 3, 6), op(2, 2, 7)];
    const out = await connector().pushStock(ops);
    expect(out).toEqual([
      { ref: ops[0].ref, ok: true, quantity: 1 },
      { ref: ops[1].ref, ok: false, stale: true, actual: 4, message: 'The changeFromQuantity value does not match persisted value.' },
      { ref: ops[2].ref, ok: true, quantity: 2 },
    ]);
    expect([0, 1, 2].map((i) => fake.available(items[i], loc.id))).toEqual([1, 4, 2]);
    expect(fake.stats().mutations).toBe(2); // all-or-nothing: refused batch, then the two good ones
  });

  it('a replayed batch (same keys) is applied once, even after Shopify changed the quantity since', async () => {
    let dropNextMutationAnswer = true;
    const lossy: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (dropNextMutationAnswer && String(init?.body).includes('StockroomSetQuantities')) {
        dropNextMutationAnswer = false;
        await res.text();
        throw new TypeError('fetch failed'); // the answer is lost on the way back
      }
      return res;
    };
    const c = connector({ fetch: lossy });
    const ops = [op(0, 2, 5), op(1, 1, 6)];
    await expectChannelError(c.pushStock(ops), 'unavailable');
    expect(fake.available(items[0], loc.id)).toBe(2); // it did land
    fake.createOrder({ lines: [{ inventoryItemId: items[0], quantity: 1 }] }); // Shopify sells one: 2 → 1
    const out = await c.pushStock(ops); // the engine retries the same ops
    expect(out.map((o) => o.ok)).toEqual([true, true]);
    expect(fake.stats().appliedInventoryChanges).toBe(2);
    expect(fake.stats().idempotentReplays).toBe(1);
    expect(fake.available(items[0], loc.id)).toBe(1); // not set back to 2
  });

  it('maps per-item userErrors to the ops they belong to', async () => {
    const other = fake.addLocation('Elsewhere');
    fake.setNonMutable(items[3]);
    const ops: PushOp[] = [
      op(0, 9, 5),
      { ref: shopifyRef(items[1], other.id), quantity: 1, expected: null, idempotencyKey: 'a' },
      { ref: shopifyRef('gid://shopify/InventoryItem/424242', loc.id), quantity: 1, expected: null, idempotencyKey: 'b' },
      op(3, 1, 8),
      { ref: 'sku:BOOT-5', quantity: 1, expected: null, idempotencyKey: 'c' },
      op(0, 8, 5, 'dup'),
      op(2, 0, 7),
    ];
    const out = await connector().pushStock(ops);
    expect(out).toEqual([
      { ref: ops[0].ref, ok: true, quantity: 9 },
      { ref: ops[1].ref, ok: false, stale: false, message: 'The specified inventory item is not stocked at the location. (ITEM_NOT_STOCKED_AT_LOCATION)' },
      { ref: ops[2].ref, ok: false, stale: false, message: 'The specified inventory item could not be found. (INVALID_INVENTORY_ITEM)' },
      { ref: ops[3].ref, ok: false, stale: false, message: 'The specified inventory item is not allowed to be adjusted via API. (NON_MUTABLE_INVENTORY_ITEM)' },
      { ref: 'sku:BOOT-5', ok: false, stale: false, message: expect.stringContaining('not a Shopify listing') },
      { ref: ops[5].ref, ok: false, stale: false, message: 'the same listing appears twice in one push' },
      { ref: ops[6].ref, ok: true, quantity: 0 },
    ]);
    expect(fake.available(items[0], loc.id)).toBe(9);
    expect(fake.available(items[3], loc.id)).toBe(8);
  });

  it('refuses more than 250 ops and sends nothing for an empty push', async () => {
    const many = Array.from({ length: 251 }, () => op(0, 1, null));
    await expectChannelError(connector().pushStock(many), 'config');
    expect(await connector().pushStock([])).toEqual([]);
    expect(fake.stats().mutations).toBe(0);
  });

  it('IDEMPOTENCY_CONCURRENT_REQUEST → throttled, retry shortly', async () => {
    fake.setLatency(1000);
    const c1 = connector();
    const c2 = connector();
    await c2.test(); // has its token already
    const ops = [op(0, 1, 5)];
    const first = c1.pushStock(ops);
    while (fake.stats().mutations === 0) await new Promise((r) => setTimeout(r, 10));
    // c1's mutation is applied and its answer still on the way: the same key now is "in progress".
    const err = await expectChannelError(c2.pushStock(ops), 'throttled');
    expect(err.retryAfterMs).toBeGreaterThan(0);
    expect((await first)[0].ok).toBe(true);
    expect(fake.stats().appliedInventoryChanges).toBe(1);
  });
});

describe('Shopify connector: throttling', () => {
  let loc: { id: string };
  let item: string;
  beforeEach(() => {
    loc = fake.addLocation('Leeds');
    item = fake.addProduct('Hat', [{ sku: 'HAT', stock: { [loc.id]: 3 } }]).variants[0].inventoryItemId;
  });

  it('THROTTLED with HTTP 200: waits for the bucket, then succeeds', async () => {
    fake.setThrottle({ currentlyAvailable: 0, restoreRate: 100 });
    const c = connector();
    expect(await c.readStock([shopifyRef(item, loc.id)])).toEqual(new Map([[shopifyRef(item, loc.id), 3]]));
    expect(fake.stats()).toMatchObject({ throttled: 1, http429: 0 });
    expect(slept).toEqual([250]); // cost 3 at 100/s → 30 ms, floored at 250 ms
  });

  it('THROTTLED with HTTP 200 that would take too long → ChannelError throttled with retryAfterMs', async () => {
    fake.setThrottle({ currentlyAvailable: 0, restoreRate: 0.01 });
    const err = await expectChannelError(connector().test(), 'throttled');
    expect(err.retryAfterMs).toBe(100_000); // cost 1 at 0.01 point/s
    expect(err.opts.channelMessage).toBe('Throttled');
    expect(slept).toEqual([]);
  });

  it('HTTP 429 with Retry-After: waited out twice at most, then ChannelError throttled', async () => {
    fake.storm429(1, 3);
    const c = connector();
    expect(await c.test()).toEqual({ shopName: 'Acme Outdoor' });
    expect(slept).toEqual([3000]);
    slept = [];
    fake.storm429(10, 2);
    const err = await expectChannelError(c.test(), 'throttled');
    expect(err.retryAfterMs).toBe(2000);
    expect(slept).toEqual([2000, 2000]);
    expect(fake.stats().http429).toBe(1 + 3);
  });

  it('bucket exhaustion reported as 429 (throttle style switch) is waited out as well', async () => {
    fake.setThrottleStyle('http-429');
    fake.setThrottle({ currentlyAvailable: 0, restoreRate: 50 });
    expect(await connector().test()).toEqual({ shopName: 'Acme Outdoor' });
    expect(fake.stats()).toMatchObject({ throttled: 1, http429: 1 });
    expect(slept).toEqual([1000]);
  });

  it('many mutations on a small bucket: the client paces itself and is never throttled', async () => {
    fake.setThrottle({ maximumAvailable: 100, currentlyAvailable: 100, restoreRate: 10 });
    const c = connector();
    for (let i = 0; i < 25; i++) {
      const out = await c.pushStock([{ ref: shopifyRef(item, loc.id), quantity: i, expected: null, idempotencyKey: `q${i}` }]);
      expect(out[0].ok).toBe(true);
    }
    expect(fake.stats()).toMatchObject({ throttled: 0, mutations: 25 });
    // 25 × 10 points against 100 in the bucket + 10/s: about 15 s of waiting, spread over the calls.
    const waited = slept.reduce((a, b) => a + b, 0);
    expect(waited).toBeGreaterThanOrEqual(14_000);
    expect(waited).toBeLessThanOrEqual(16_000);
    expect(fake.available(item, loc.id)).toBe(24);
  });
});

describe('Shopify connector: faults', () => {
  it('HTTP 5xx and a reset connection → unavailable', async () => {
    const c = connector();
    fake.setDown({ status: 500 });
    let err = await expectChannelError(c.test(), 'unavailable'); // the token grant itself fails
    expect(err.message).toMatch(/token grant failed with HTTP 500/);
    fake.setDown(false);
    await c.test();
    fake.setDown({ status: 502 });
    err = await expectChannelError(c.test(), 'unavailable');
    expect(err.message).toMatch(/HTTP 502/);
    fake.setDown({ reset: true });
    err = await expectChannelError(c.locations(), 'unavailable');
    expect(err.message).toMatch(/could not reach stockroom-test\.myshopify\.com/);
    fake.setDown(false);
    expect(await c.test()).toEqual({ shopName: 'Acme Outdoor' });
  });

  it('malformed answers → ChannelError malformed saying what was wrong', async () => {
    const loc = fake.addLocation('Leeds');
    fake.addProduct('Cup', [{ sku: 'CUP', stock: { [loc.id]: 1 } }]);
    const c = connector();
    fake.setMalformed('html');
    let err = await expectChannelError(c.test(), 'malformed');
    expect(err.message).toMatch(/not JSON \(text\/html.*DOCTYPE/);
    fake.setMalformed('truncated');
    err = await expectChannelError(c.listings(), 'malformed');
    expect(err.message).toMatch(/not JSON/);
    fake.setMalformed('shape');
    err = await expectChannelError(c.listings(), 'malformed');
    expect(err.message).toContain('data.productVariants');
    fake.setMalformed('shape');
    err = await expectChannelError(collect(c.pullOrders(null)), 'malformed');
    expect(err.message).toContain('data.orders');
    expect((await c.listings()).length).toBe(1);
  });

  it('a refused query (GraphQL errors) → rejected with Shopify’s message', async () => {
    // As if Shopify had dropped a field we ask for: the fake validates against its schema and refuses.
    const renamed: typeof fetch = (input, init) =>
      fetch(input, typeof init?.body === 'string' && init.body.includes('StockroomShop') ? { ...init, body: init.body.replace('shop { name }', 'shop { title }') } : init);
    const err = await expectChannelError(connector({ fetch: renamed }).test(), 'rejected');
    expect(err.message).toBe('Shopify refused StockroomShop: Cannot query field "title" on type "Shop".');
    expect(err.opts.channelMessage).toBe('Cannot query field "title" on type "Shop".');
  });
});

describe('fake Shopify fidelity (raw requests)', () => {
  async function raw(query: string, variables: Record<string, unknown> = {}) {
    const r = await fetch(`${fake.url}/admin/api/2026-04/graphql.json`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Shopify-Access-Token': fake.staticToken },
      body: JSON.stringify({ query, variables }),
    });
    return { status: r.status, body: (await r.json()) as { data?: Record<string, unknown>; errors?: Array<{ message: string; extensions?: { code?: string } }>; extensions?: { cost: Record<string, unknown> } } };
  }
  const SET = `mutation S($input: InventorySetQuantitiesInput!) { inventorySetQuantities(input: $input) @idempotent(key: "K1") { userErrors { code field message } } }`;

  it('requires @idempotent and changeFromQuantity; same key with other parameters is a mismatch', async () => {
    const loc = fake.addLocation('L');
    const [v] = fake.addProduct('P', [{ stock: { [loc.id]: 1 } }]).variants;
    const input = (q: Record<string, unknown>) => ({ input: { name: 'available', reason: 'correction', quantities: [{ inventoryItemId: v.inventoryItemId, locationId: loc.id, quantity: 5, ...q }] } });
    const noDirective = await raw(SET.replace(' @idempotent(key: "K1")', ''), input({ changeFromQuantity: 1 }));
    expect(noDirective.body.errors?.[0].message).toMatch(/@idempotent directive is required/);
    const noCfq = await raw(SET, input({}));
    expect(noCfq.body.data?.inventorySetQuantities).toEqual({ userErrors: [{ code: 'COMPARE_QUANTITY_REQUIRED', field: ['input', 'quantities', '0', 'changeFromQuantity'], message: expect.any(String) }] });
    const again = await raw(SET, input({ changeFromQuantity: null }));
    expect(again.body.data?.inventorySetQuantities).toEqual({ userErrors: [{ code: 'IDEMPOTENCY_KEY_PARAMETER_MISMATCH', field: null, message: expect.any(String) }] });
    expect(fake.available(v.inventoryItemId, loc.id)).toBe(1);
  });

  it('reports calculated cost and refuses queries over the single-query limit', async () => {
    const ok = await raw('{ locations(first: 10) { nodes { id } } }');
    expect(ok.body.extensions?.cost).toMatchObject({ requestedQueryCost: 12, actualQueryCost: 2, throttleStatus: { maximumAvailable: 2000, restoreRate: 100 } });
    const big = await raw('{ productVariants(first: 250) { nodes { inventoryItem { inventoryLevels(first: 250) { nodes { id } } } } } }');
    expect(big.body.errors?.[0].extensions?.code).toBe('MAX_COST_EXCEEDED');
    const noFirst = await raw('{ locations { nodes { id } } }');
    expect(noFirst.body.errors?.[0].message).toMatch(/first or last/);
  });

  it('orders search honours updated_at bounds', async () => {
    const loc = fake.addLocation('L');
    const [v] = fake.addProduct('P', [{ stock: { [loc.id]: 10 } }]).variants;
    const a = fake.createOrder({ lines: [{ inventoryItemId: v.inventoryItemId, quantity: 1 }] });
    clock.advance(60_000);
    const b = fake.createOrder({ lines: [{ inventoryItemId: v.inventoryItemId, quantity: 1 }] });
    const cut = new Date(clock.now() - 30_000).toISOString();
    const after = await raw(`{ orders(first: 5, sortKey: UPDATED_AT, query: "updated_at:>='${cut}'") { nodes { id } } }`);
    expect(after.body.data?.orders).toEqual({ nodes: [{ id: b.id }] });
    const before = await raw(`{ orders(first: 5, sortKey: UPDATED_AT, query: "updated_at:<'${cut}'") { nodes { id } } }`);
    expect(before.body.data?.orders).toEqual({ nodes: [{ id: a.id }] });
    expect(() => fake.createOrder({ lines: [{ inventoryItemId: v.inventoryItemId, quantity: 9 }] })).toThrow(/not enough stock/);
  });
});

describe('fake Shopify on the real clock', () => {
  it('serves a connector using default clock, fetch and sleep; stop/start plays an outage', async () => {
    const real = await startFakeShopify();
    try {
      const loc = real.addLocation('Main');
      const [v] = real.addProduct('Pen', [{ sku: 'PEN', stock: { [loc.id]: 2 } }]).variants;
      const info = real.connectionInfo();
      const c = createShopifyConnector({ shop: info.shop, baseUrl: info.baseUrl, auth: { mode: 'client_credentials', clientId: info.clientId, clientSecret: info.clientSecret } });
      const ref = shopifyRef(v.inventoryItemId, loc.id);
      expect(await c.pushStock([{ ref, quantity: 5, expected: 2, idempotencyKey: 'x' }])).toEqual([{ ref, ok: true, quantity: 5 }]);
      const sold = real.createOrder({ lines: [{ sku: 'PEN', quantity: 2, price: '1.20' }] });
      const pages = await collect(c.pullOrders(new Date(Date.now() - 60_000).toISOString()));
      expect(pages.flatMap((p) => p.orders).map((o) => [o.externalId, o.lines[0].quantity, o.lines[0].unitPriceMinor])).toEqual([[sold.id, 2, 120]]);
      expect(Math.abs(Date.parse(pages[0].serverTime ?? '') - Date.now())).toBeLessThan(5_000);
      expect(await c.readStock([ref])).toEqual(new Map([[ref, 3]]));
      await real.stop();
      await expect(c.readStock([ref])).rejects.toMatchObject({ kind: 'unavailable' });
      await real.start();
      expect(await c.readStock([ref])).toEqual(new Map([[ref, 3]]));
    } finally {
      await real.close();
    }
  });
});
