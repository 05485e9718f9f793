import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ChannelError, type ChannelConnector, type OrderPage, type PushOp } from '../../../src/main/channels/connector';
import { createWooConnector, shopOrigin } from '../../../src/main/channels/connectors/woocommerce';
import { startFakeWooCommerce, type FakeWooCommerce } from '../../fakes/woocommerce/fake-woocommerce';

let woo: FakeWooCommerce;
const noSleep = async (): Promise<void> => {};

beforeAll(async () => {
  woo = await startFakeWooCommerce({ storeName: 'Acme Outdoor' });
});
afterAll(async () => {
  await woo.stop();
});
afterEach(() => {
  woo.setMode('normal');
  woo.setKeyPermissions('read_write');
});

const connect = (over: Partial<Parameters<typeof createWooConnector>[0]> = {}): ChannelConnector =>
  createWooConnector({ baseUrl: woo.baseUrl, consumerKey: woo.consumerKey, consumerSecret: woo.consumerSecret, sleep: noSleep, ...over });

async function caught(p: Promise<unknown>): Promise<ChannelError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ChannelError);
    return e as ChannelError;
  }
  throw new Error('expected a ChannelError');
}

async function collect(it: AsyncIterable<OrderPage>): Promise<OrderPage[]> {
  const out: OrderPage[] = [];
  for await (const p of it) out.push(p);
  return out;
}

const op = (ref: string, quantity: number): PushOp => ({ ref, quantity, expected: null, idempotencyKey: `k-${ref}-${quantity}` });

function expectNoSecrets(e: ChannelError): void {
  const all = `${e.message} ${e.opts.channelMessage ?? ''} ${e.stack ?? ''}`;
  expect(all).not.toContain(woo.consumerKey);
  expect(all).not.toContain(woo.consumerSecret);
  expect(all).not.toContain(Buffer.from(`${woo.consumerKey}:${woo.consumerSecret}`).toString('base64'));
}

describe('WooCommerce connector against the fake store', () => {
  it('declares its capabilities and checks the credentials on test()', async () => {
    const c = connect();
    expect(c.kind).toBe('woocommerce');
    expect(c.caps).toEqual({ maxBatch: 100, compareAndSet: false, idempotencyKeys: false, pullsOrders: true });
    expect(await c.test()).toEqual({ shopName: 'Acme Outdoor' });
    expect(await c.locations()).toEqual([]);
    // The authenticated call carried Basic auth.
    const authed = woo.requests().filter((r) => r.path === '/wp-json/wc/v3/products');
    expect(authed.at(-1)?.auth).toBe('basic');
  });

  it('maps refused credentials to an auth error with WooCommerce\'s message and no secret in it', async () => {
    const badSecret = connect({ consumerSecret: 'cs_wrongwrongwrongwrongwrongwrongwrong12' });
    const e1 = await caught(badSecret.test());
    expect(e1.kind).toBe('auth');
    expect(e1.opts.status).toBe(401);
    expect(e1.message).toContain('Consumer secret is invalid.');
    expect(e1.message).not.toContain('cs_wrongwrongwrong');

    const badKey = connect({ consumerKey: 'ck_unknownunknownunknownunknown000000' });
    const e2 = await caught(badKey.listings());
    expect(e2.kind).toBe('auth');
    expect(e2.message).toContain('Consumer key is invalid.');
    expect(e2.message).not.toContain('ck_unknownunknown');

    woo.setKeyPermissions('read');
    const p = woo.addProduct({ name: 'Read only', sku: 'RO-1', stock: 1 });
    const e3 = await caught(connect().pushStock([op(`p:${p}`, 5)]));
    expect(e3.kind).toBe('auth');
    expect(e3.message).toContain('does not have write permissions');
    expect(woo.stockOf(p)).toBe(1);
    for (const e of [e1, e2, e3]) expectNoSecrets(e);
  });

  it('lists simple products and variations across 3 pages (X-WP-TotalPages) with stock only where managed', async () => {
    const s = await startFakeWooCommerce();
    try {
      const ids: number[] = [];
      for (let i = 0; i < 230; i++) ids.push(s.addProduct({ name: `Item ${i}`, sku: `SKU-${String(i).padStart(3, '0')}`, stock: i % 7, barcode: i === 0 ? '5901234123457' : undefined }));
      const unmanaged = s.addProduct({ name: 'Gift card', sku: 'GIFT', stock: null });
      const tee = s.addProduct({ name: 'Tee', type: 'variable' });
      const red = s.addVariation(tee, { sku: 'TEE-R', stock: 4, attributes: { Colour: 'Red' } });
      const blue = s.addVariation(tee, { sku: 'TEE-B', stock: 'parent', attributes: { Colour: 'Blue' } });
      const c = createWooConnector({ baseUrl: s.baseUrl, consumerKey: s.consumerKey, consumerSecret: s.consumerSecret, sleep: noSleep });
      const listings = await c.listings();

      const pages = s.requests().filter((r) => r.path === '/wp-json/wc/v3/products');
      expect(pages.map((r) => r.query.page)).toEqual(['1', '2', '3']);
      expect(pages.every((r) => r.query.per_page === '100')).toBe(true);

      expect(listings).toHaveLength(230 + 1 + 2);
      expect(new Set(listings.map((l) => l.ref)).size).toBe(listings.length);
      expect(listings.find((l) => l.ref === `p:${ids[0]}`)).toEqual({ ref: `p:${ids[0]}`, sku: 'SKU-000', barcode: '5901234123457', title: 'Item 0', locationRef: null, available: 0 });
      expect(listings.find((l) => l.ref === `p:${ids[13]}`)?.available).toBe(13 % 7);
      expect(listings.find((l) => l.ref === `p:${unmanaged}`)?.available).toBeNull();
      expect(listings.find((l) => l.ref === `v:${tee}:${red}`)).toMatchObject({ sku: 'TEE-R', title: 'Tee – Red', available: 4 });
      expect(listings.find((l) => l.ref === `v:${tee}:${blue}`)).toMatchObject({ sku: 'TEE-B', available: null });
      // The variable parent does not manage stock: not a listing of its own.
      expect(listings.some((l) => l.ref === `p:${tee}`)).toBe(false);
      expect(s.requestCount({ path: `/wp-json/wc/v3/products/${tee}/variations` })).toBe(1);
    } finally {
      await s.stop();
    }
  });

  it('refuses per_page above 100 like WooCommerce (rest_invalid_param) and sends paging headers', async () => {
    const auth = 'Basic ' + Buffer.from(`${woo.consumerKey}:${woo.consumerSecret}`).toString('base64');
    const r = await fetch(`${woo.baseUrl}/wp-json/wc/v3/products?per_page=101`, { headers: { Authorization: auth } });
    expect(r.status).toBe(400);
    const body = (await r.json()) as { code: string; data: { status: number; params: Record<string, string> } };
    expect(body.code).toBe('rest_invalid_param');
    expect(body.data.params.per_page).toContain('between 1 (inclusive) and 100 (inclusive)');

    for (let i = 0; i < 3; i++) woo.addProduct({ name: `Paged ${i}`, stock: 1 });
    // The query-string fallback is accepted too.
    const q = await fetch(`${woo.baseUrl}/wp-json/wc/v3/products?per_page=2&page=1&consumer_key=${woo.consumerKey}&consumer_secret=${woo.consumerSecret}`);
    expect(q.status).toBe(200);
    const total = Number(q.headers.get('x-wp-total'));
    expect(total).toBeGreaterThanOrEqual(3);
    expect(q.headers.get('x-wp-totalpages')).toBe(String(Math.ceil(total / 2)));
    expect(q.headers.get('link')).toMatch(/page=2>; rel="next"/);
    expect(q.headers.get('link')).not.toContain('consumer_secret');
  });

  it('pulls orders modified after the watermark (dates_are_gmt), mapped to RemoteOrders, with the server time', async () => {
    const s = await startFakeWooCommerce({ now: '2026-03-02T09:00:00Z', utcOffsetMinutes: 120, currency: 'EUR' });
    try {
      const mug = s.addProduct({ name: 'Mug', sku: 'MUG', stock: 50, price: '8.90' });
      const tee = s.addProduct({ name: 'Tee', type: 'variable' });
      const red = s.addVariation(tee, { sku: 'TEE-R', stock: 10, price: '19.99', attributes: { Colour: 'Red' } });
      const old = s.placeOrder({ lines: [{ id: mug, quantity: 1 }] });
      s.advance(60 * 60_000); // 10:00Z
      const o1 = s.placeOrder({
        lines: [
          { id: mug, quantity: 2 },
          { id: red, quantity: 1 },
        ],
        shipping: { first_name: 'Grace', last_name: 'Hopper', company: 'Navy', address_1: '1 Main St', address_2: 'Apt 2', city: 'Arlington', state: 'VA', postcode: '22201', country: 'US' },
        billing: { first_name: 'Grace', last_name: 'Hopper', email: 'grace@example.com' },
      });
      s.advance(30 * 60_000); // 10:30Z
      const o2 = s.placeOrder({ lines: [{ id: mug, quantity: 3 }], status: 'on-hold' });
      s.advance(10 * 60_000); // 10:40Z
      s.cancelOrder(old.id); // modified now: comes back as cancelled
      s.advance(5 * 60_000);

      const c = createWooConnector({ baseUrl: s.baseUrl, consumerKey: s.consumerKey, consumerSecret: s.consumerSecret, sleep: noSleep });
      const pages = await collect(c.pullOrders('2026-03-02T10:00:00.000Z'));
      expect(pages).toHaveLength(1);
      const req = s.requests().find((r) => r.path === '/wp-json/wc/v3/orders')!;
      expect(req.query).toMatchObject({ dates_are_gmt: 'true', orderby: 'id', order: 'asc', per_page: '100', page: '1' });
      expect(req.query.modified_after).toBe('2026-03-02T09:59:59');

      const got = pages[0]!.orders;
      // Oldest modification first; o1 was modified exactly at the watermark and is included.
      expect(got.map((o) => o.externalId)).toEqual([String(o1.id), String(o2.id), String(old.id)]);
      expect(got[0]).toEqual({
        externalId: String(o1.id),
        name: `#${o1.id}`,
        updatedAt: '2026-03-02T10:00:00.000Z',
        createdAt: '2026-03-02T10:00:00.000Z',
        state: 'open',
        currency: 'EUR',
        customerName: 'Grace Hopper',
        customerEmail: 'grace@example.com',
        shipTo: { name: 'Grace Hopper', company: 'Navy', line1: '1 Main St', line2: 'Apt 2', city: 'Arlington', region: 'VA', postalCode: '22201', country: 'US' },
        lines: [
          { externalLineId: String(o1.line_items[0]!.id), ref: `p:${mug}`, sku: 'MUG', title: 'Mug', quantity: 2, unitPriceMinor: 890 },
          { externalLineId: String(o1.line_items[1]!.id), ref: `v:${tee}:${red}`, sku: 'TEE-R', title: 'Tee - Red', quantity: 1, unitPriceMinor: 1999 },
        ],
      });
      expect(got[1]!.state).toBe('open'); // on-hold
      expect(got[2]!.state).toBe('cancelled');
      expect(pages[0]!.serverTime).toBe('2026-03-02T10:45:00.000Z');

      // A later watermark leaves the earlier ones out; without dates_are_gmt the store's +2 h would shift the window.
      const later = await collect(c.pullOrders('2026-03-02T10:35:00Z'));
      expect(later.flatMap((p) => p.orders.map((o) => o.externalId))).toEqual([String(old.id)]);
      // The fake filters on the server: naive dates are GMT with dates_are_gmt, store-local (+2 h) without it.
      const basic = { Authorization: 'Basic ' + Buffer.from(`${s.consumerKey}:${s.consumerSecret}`).toString('base64') };
      const gmtAnswer = (await (await fetch(`${s.baseUrl}/wp-json/wc/v3/orders?modified_after=2026-03-02T10:35:00&dates_are_gmt=true`, { headers: basic })).json()) as { id: number }[];
      expect(gmtAnswer.map((o) => o.id)).toEqual([old.id]);
      const localAnswer = (await (await fetch(`${s.baseUrl}/wp-json/wc/v3/orders?modified_after=2026-03-02T10:35:00`, { headers: basic })).json()) as { id: number }[];
      expect(localAnswer).toHaveLength(3);
      // Completed → closed.
      s.advance(60_000);
      s.setOrderStatus(o2.id, 'completed');
      const closed = await collect(c.pullOrders('2026-03-02T10:46:00Z'));
      expect(closed.flatMap((p) => p.orders.map((o) => [o.externalId, o.state]))).toEqual([[String(o2.id), 'closed']]);
    } finally {
      await s.stop();
    }
  });

  it('pages through orders by X-WP-TotalPages, one page per iteration', async () => {
    const s = await startFakeWooCommerce();
    try {
      const p = s.addProduct({ name: 'Pen', sku: 'PEN', stock: 1000 });
      for (let i = 0; i < 205; i++) {
        s.placeOrder({ lines: [{ id: p, quantity: 1 }] });
        s.advance(1000);
      }
      const c = createWooConnector({ baseUrl: s.baseUrl, consumerKey: s.consumerKey, consumerSecret: s.consumerSecret, sleep: noSleep });
      const pages = await collect(c.pullOrders(null));
      expect(pages.map((pg) => pg.orders.length)).toEqual([100, 100, 5]);
      const ids = pages.flatMap((pg) => pg.orders.map((o) => Number(o.externalId)));
      expect(new Set(ids).size).toBe(205);
      expect(s.requests().filter((r) => r.path === '/wp-json/wc/v3/orders').map((r) => r.query.page)).toEqual(['1', '2', '3']);
      expect(s.stockOf(p)).toBe(1000 - 205);
    } finally {
      await s.stop();
    }
  });

  it('reads stock of products and variations in batches (include=…)', async () => {
    const a = woo.addProduct({ name: 'A', sku: 'RA', stock: 3 });
    const b = woo.addProduct({ name: 'B', sku: 'RB', stock: null });
    const v = woo.addProduct({ name: 'V', type: 'variable' });
    const v1 = woo.addVariation(v, { sku: 'RV1', stock: 9 });
    woo.resetCounters();
    const got = await connect().readStock([`p:${a}`, `p:${b}`, `v:${v}:${v1}`, 'p:999999', `v:999998:1`]);
    expect([...got.entries()].sort()).toEqual([
      [`p:${a}`, 3],
      [`v:${v}:${v1}`, 9],
    ]);
    expect(woo.requestCount({ path: '/wp-json/wc/v3/products' })).toBe(1);
    expect(woo.requestCount({ path: `/wp-json/wc/v3/products/${v}/variations` })).toBe(1);
    const e = await caught(connect().readStock(['nope']));
    expect(e.kind).toBe('config');
  });

  it('pushes 250 quantities without any request above 100 objects', async () => {
    const s = await startFakeWooCommerce();
    try {
      const simple: number[] = [];
      for (let i = 0; i < 150; i++) simple.push(s.addProduct({ name: `P${i}`, sku: `P${i}`, stock: 0 }));
      const parent = s.addProduct({ name: 'Var', type: 'variable' });
      const vars: number[] = [];
      for (let i = 0; i < 100; i++) vars.push(s.addVariation(parent, { sku: `V${i}`, stock: 0 }));
      const ops = [...simple.map((id, i) => op(`p:${id}`, i + 1)), ...vars.map((id, i) => op(`v:${parent}:${id}`, 1000 + i))];
      expect(ops).toHaveLength(250);
      const c = createWooConnector({ baseUrl: s.baseUrl, consumerKey: s.consumerKey, consumerSecret: s.consumerSecret, sleep: noSleep });
      const out = await c.pushStock(ops);

      expect(s.batchSizes().length).toBeGreaterThanOrEqual(3);
      expect(Math.max(...s.batchSizes())).toBeLessThanOrEqual(100);
      expect(s.batchSizes().reduce((x, y) => x + y, 0)).toBe(250);
      expect(s.requestCount({ method: 'POST', path: '/wp-json/wc/v3/products/batch' })).toBe(2);
      expect(s.requestCount({ method: 'POST', path: `/wp-json/wc/v3/products/${parent}/variations/batch` })).toBe(1);
      expect(out.map((o) => o.ref)).toEqual(ops.map((o) => o.ref));
      expect(out.every((o) => o.ok)).toBe(true);
      expect(out[149]).toEqual({ ref: `p:${simple[149]}`, ok: true, quantity: 150 });
      expect(s.stockOf(simple[0]!)).toBe(1);
      expect(s.stockOf(vars[99]!)).toBe(1099);
      expect(s.stockWrites(simple[10]!)).toBe(1);
      expect(s.stockWrites(vars[5]!)).toBe(1);
    } finally {
      await s.stop();
    }
  });

  it('the fake refuses a batch of more than 100 objects like WooCommerce (413)', async () => {
    const auth = 'Basic ' + Buffer.from(`${woo.consumerKey}:${woo.consumerSecret}`).toString('base64');
    const update = Array.from({ length: 101 }, (_, i) => ({ id: i + 1, stock_quantity: 1 }));
    const r = await fetch(`${woo.baseUrl}/wp-json/wc/v3/products/batch`, { method: 'POST', headers: { Authorization: auth, 'Content-Type': 'application/json' }, body: JSON.stringify({ update }) });
    expect(r.status).toBe(413);
    expect(await r.json()).toEqual({ code: 'woocommerce_rest_request_entity_too_large', message: 'Unable to accept more than 100 items for this request.', data: { status: 413 } });
  });

  it('maps per-item batch errors to rejected outcomes with WooCommerce\'s message, the rest applied', async () => {
    const good = woo.addProduct({ name: 'Good', sku: 'G', stock: 1 });
    const parent = woo.addProduct({ name: 'Par', type: 'variable' });
    const v = woo.addVariation(parent, { sku: 'PV', stock: 1 });
    const other = woo.addProduct({ name: 'Other', type: 'variable' });
    const out = await connect().pushStock([op(`p:${good}`, 7), op('p:987654', 3), op(`v:${parent}:${v}`, 4), op(`v:${other}:${v}`, 5), op('bogus', 1), op(`p:${good}`, -1)]);
    expect(out[0]).toEqual({ ref: `p:${good}`, ok: true, quantity: 7 });
    expect(out[1]).toEqual({ ref: 'p:987654', ok: false, stale: false, message: 'Invalid ID. (woocommerce_rest_product_invalid_id)' });
    expect(out[2]).toEqual({ ref: `v:${parent}:${v}`, ok: true, quantity: 4 });
    // A variation under the wrong parent is refused by that parent's batch endpoint.
    expect(out[3]).toEqual({ ref: `v:${other}:${v}`, ok: false, stale: false, message: 'Invalid ID. (woocommerce_rest_product_variation_invalid_id)' });
    expect(out[4]).toMatchObject({ ref: 'bogus', ok: false, stale: false });
    expect(out[5]).toMatchObject({ ok: false, stale: false, message: expect.stringContaining('-1') });
    expect(woo.stockOf(good)).toBe(7);
    expect(woo.stockOf(v)).toBe(4);
  });

  it('429 with Retry-After → throttled with retryAfterMs', async () => {
    woo.setMode('429', { retryAfterSeconds: 17 });
    const e = await caught(connect().listings());
    expect(e.kind).toBe('throttled');
    expect(e.retryAfterMs).toBe(17_000);
    expect(e.opts.status).toBe(429);
    expectNoSecrets(e);
    const before = woo.requestCount();
    const e2 = await caught(connect().pushStock([op('p:1', 1)]));
    expect(e2.kind).toBe('throttled');
    expect(woo.requestCount()).toBe(before + 1);
  });

  it('500 → unavailable with WordPress\'s message; a connection reset → unavailable after one retry of a read', async () => {
    woo.setMode('500');
    const e = await caught(connect().readStock(['p:1']));
    expect(e.kind).toBe('unavailable');
    expect(e.opts.status).toBe(500);
    expect(e.message).toContain('There has been a critical error on this website.');
    expect(e.message).not.toContain('<p>');
    expectNoSecrets(e);

    woo.setMode('down');
    woo.resetCounters();
    const slept: number[] = [];
    const d = await caught(connect({ sleep: async (ms) => void slept.push(ms) }).listings());
    expect(d.kind).toBe('unavailable');
    expect(woo.requestCount()).toBe(2);
    expect(slept).toEqual([500]);
    expectNoSecrets(d);

    // A push is not retried inside the connector.
    woo.resetCounters();
    const p = await caught(connect().pushStock([op('p:1', 1)]));
    expect(p.kind).toBe('unavailable');
    expect(woo.requestCount()).toBe(1);

    // One bad answer, then the store is back.
    const id = woo.addProduct({ name: 'Back', sku: 'BACK', stock: 6 });
    woo.setMode('500', { times: 1 });
    expect((await caught(connect().readStock([`p:${id}`]))).kind).toBe('unavailable');
    expect(await connect().readStock([`p:${id}`])).toEqual(new Map([[`p:${id}`, 6]]));
  });

  it('a store that does not answer in time → unavailable', async () => {
    woo.setLatency(400);
    try {
      const e = await caught(connect({ timeoutMs: 100 }).readStock(['p:1']));
      expect(e.kind).toBe('unavailable');
      expect(e.message).toMatch(/no answer within/);
    } finally {
      woo.setLatency(0);
    }
  });

  it('pages on full pages when a proxy strips X-WP-TotalPages', async () => {
    const s = await startFakeWooCommerce();
    try {
      for (let i = 0; i < 200; i++) s.addProduct({ name: `S${i}`, sku: `S${i}`, stock: 1 });
      const stripping: typeof fetch = async (input, init) => {
        const r = await fetch(input, init);
        const h = new Headers(r.headers);
        h.delete('x-wp-totalpages');
        return new Response(await r.text(), { status: r.status, headers: h });
      };
      const c = createWooConnector({ baseUrl: s.baseUrl, consumerKey: s.consumerKey, consumerSecret: s.consumerSecret, sleep: noSleep, fetch: stripping });
      expect(await c.listings()).toHaveLength(200);
      // Two full pages, then an empty third one ends it.
      expect(s.requests().filter((r) => r.path === '/wp-json/wc/v3/products').map((r) => r.query.page)).toEqual(['1', '2', '3']);
    } finally {
      await s.stop();
    }
  });

  it('normalises the shop address and refuses plain http off this machine', async () => {
    expect(shopOrigin('shop.example')).toEqual({ origin: 'https://shop.example', problem: null });
    expect(shopOrigin(' https://shop.example/wp-json/wc/v3/ ')).toEqual({ origin: 'https://shop.example', problem: null });
    expect(shopOrigin('https://example.org/store/')).toEqual({ origin: 'https://example.org/store', problem: null });
    expect(shopOrigin('http://127.0.0.1:8080').problem).toBeNull();
    expect(shopOrigin('http://shop.example').problem).toMatch(/https/);
    const e = await caught(createWooConnector({ baseUrl: 'http://shop.example', consumerKey: 'ck_1234', consumerSecret: 'cs_5678', sleep: noSleep }).test());
    expect(e.kind).toBe('config');
    expect(e.message).not.toContain('cs_5678');
  });

  it('an unreachable store → unavailable', async () => {
    const s = await startFakeWooCommerce();
    const url = s.baseUrl;
    await s.stop();
    const e = await caught(createWooConnector({ baseUrl: url, consumerKey: 'ck_x1234', consumerSecret: 'cs_y1234', sleep: noSleep }).test());
    expect(e.kind).toBe('unavailable');
    expect(e.message).not.toContain('cs_y1234');
  });

  it('malformed JSON and unexpected shapes → malformed, saying what was wrong', async () => {
    woo.setMode('malformed');
    const e = await caught(connect().listings());
    expect(e.kind).toBe('malformed');
    expect(e.message).toMatch(/not JSON/);
    expect(e.message).toContain('GET /products');

    woo.setMode('malformed', { body: '<html><body>Checking your browser…</body></html>', contentType: 'text/html' });
    const h = await caught(connect().pullOrders(null)[Symbol.asyncIterator]().next());
    expect(h.kind).toBe('malformed');
    expect(h.message).toContain('text/html');

    woo.setMode('malformed', { body: JSON.stringify([{ id: 'abc', name: 'x', type: 'simple', manage_stock: true, stock_quantity: 2 }]), contentType: 'application/json' });
    const s = await caught(connect().readStock(['p:1']));
    expect(s.kind).toBe('malformed');
    expect(s.message).toMatch(/0\.id/);

    woo.setMode('malformed', { body: JSON.stringify({ update: [] }), contentType: 'application/json' });
    const b = await caught(connect().pushStock([op('p:1', 1)]));
    expect(b.kind).toBe('malformed');
    expect(b.message).toContain('0 update results for 1 updates');
    for (const x of [e, h, s, b]) expectNoSecrets(x);
  });

  it('fake controls: SKU lookup, refs, a clock that stands still or runs with the wall clock', async () => {
    const s = await startFakeWooCommerce({ now: '2026-05-01T00:00:00Z', realTime: true });
    try {
      const v = s.addProduct({ name: 'V', type: 'variable' });
      const red = s.addVariation(v, { sku: 'V-RED', stock: 2 });
      expect(s.idBySku('V-RED')).toBe(red);
      expect(s.refOf(red)).toBe(`v:${v}:${red}`);
      expect(s.refOf(v)).toBe(`p:${v}`);
      const t0 = s.now().getTime();
      await new Promise((r) => setTimeout(r, 30));
      expect(s.now().getTime()).toBeGreaterThan(t0);
      expect(s.now().getTime() - Date.parse('2026-05-01T00:00:00Z')).toBeLessThan(10_000);
    } finally {
      await s.stop();
    }
    const t = woo.now().getTime();
    await new Promise((r) => setTimeout(r, 20));
    expect(woo.now().getTime()).toBe(t);
  });

  it('sale and cancellation move stock atomically like WooCommerce', async () => {
    const p = woo.addProduct({ name: 'Last one', sku: 'LAST', stock: 1 });
    const sold = woo.placeOrder({ lines: [{ id: p, quantity: 1 }] });
    expect(woo.stockOf(p)).toBe(0);
    expect(woo.product(p)?.stock_status).toBe('outofstock');
    expect(() => woo.placeOrder({ lines: [{ id: p, quantity: 1 }] })).toThrow(/Not enough stock/);
    woo.cancelOrder(sold.id);
    expect(woo.stockOf(p)).toBe(1);
    // Cancelling twice does not restock twice.
    woo.cancelOrder(sold.id);
    expect(woo.stockOf(p)).toBe(1);
    // A pending order (not paid) holds nothing until it is paid.
    const pending = woo.placeOrder({ lines: [{ id: p, quantity: 1 }], status: 'pending' });
    expect(woo.stockOf(p)).toBe(1);
    woo.setOrderStatus(pending.id, 'processing');
    expect(woo.stockOf(p)).toBe(0);
  });
});
