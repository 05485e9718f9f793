/**
 * WooCommerce REST API v3 connector (`/wp-json/wc/v3`), plain fetch with HTTP Basic consumer key/secret.
 *
 * - Listings: a simple product is "p:<id>", a variation "v:<parent>:<id>"; a variable product itself is listed only
 *   when it manages stock at the parent. A quantity is reported only where `manage_stock` is true on that object.
 * - Orders: `GET /orders?modified_after=…&dates_are_gmt=true&orderby=id&order=asc&per_page=100&page=N`, paged by
 *   X-WP-TotalPages. Ordering by id keeps pages stable while orders are modified during the pull; each page is then
 *   sorted by date_modified_gmt (then id). WP compares `modified_after` strictly, so we ask from one second earlier
 *   and keep orders modified at or after `since`.
 * - Pushes: absolute `stock_quantity` (with manage_stock:true) through `/products/batch` and
 *   `/products/{parent}/variations/batch`, at most 100 objects per request; per-item errors become rejected outcomes
 *   carrying WooCommerce's own message. WooCommerce has no compare-and-set and no idempotency keys.
 * - Every failure is a ChannelError; the consumer key and secret never appear in a message.
 */
import { z } from 'zod';
import { minorDigits } from '../../../shared/money';
import { ChannelError, type ChannelConnector, type OrderPage, type PushOp, type PushOutcome, type RemoteListing, type RemoteOrder } from '../connector';

export interface WooConnectorOptions {
  /** Shop origin, e.g. https://shop.example (tests: http://127.0.0.1:PORT). A trailing slash is ignored. */
  baseUrl: string;
  consumerKey: string;
  consumerSecret: string;
  fetch?: typeof fetch;
  /** Used for the one short retry of a GET that failed on the network. */
  sleep?: (ms: number) => Promise<void>;
  /** Per-request timeout (default 30 s). */
  timeoutMs?: number;
}

export const WOO_MAX_BATCH = 100;
const PER_PAGE = 100;
/** Used when a 429/503 carries no usable Retry-After. */
const DEFAULT_RETRY_AFTER_MS = 30_000;

// --- response shapes (only what we read; unknown fields are ignored) ------------------------------------------------

const wooDate = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/, 'not a WooCommerce date');
const productSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  type: z.string(),
  sku: z.string().nullish(),
  global_unique_id: z.string().nullish(),
  manage_stock: z.union([z.boolean(), z.literal('parent')]),
  stock_quantity: z.number().int().nullable(),
});
const variationSchema = z.object({
  id: z.number().int(),
  sku: z.string().nullish(),
  global_unique_id: z.string().nullish(),
  manage_stock: z.union([z.boolean(), z.literal('parent')]),
  stock_quantity: z.number().int().nullable(),
  attributes: z.array(z.object({ name: z.string().nullish(), option: z.string().nullish() })).nullish(),
});
const addressSchema = z.object({
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
  company: z.string().nullish(),
  address_1: z.string().nullish(),
  address_2: z.string().nullish(),
  city: z.string().nullish(),
  state: z.string().nullish(),
  postcode: z.string().nullish(),
  country: z.string().nullish(),
  email: z.string().nullish(),
});
const lineSchema = z.object({
  id: z.number().int(),
  name: z.string().nullish(),
  product_id: z.number().int().nullish(),
  variation_id: z.number().int().nullish(),
  sku: z.string().nullish(),
  quantity: z.number(),
  price: z.number().nullish(),
  subtotal: z.string().nullish(),
});
const orderSchema = z.object({
  id: z.number().int(),
  number: z.union([z.string(), z.number()]).nullish(),
  status: z.string(),
  currency: z.string(),
  date_created_gmt: wooDate,
  date_modified_gmt: wooDate,
  billing: addressSchema.nullish(),
  shipping: addressSchema.nullish(),
  line_items: z.array(lineSchema),
});
const errorItem = z.object({ code: z.string(), message: z.string(), data: z.unknown().optional() });
const batchItemSchema = z.union([
  z.object({ id: z.union([z.number(), z.string()]).nullish(), error: errorItem }),
  z.object({ id: z.number().int(), stock_quantity: z.number().int().nullable() }),
]);
const batchAnswerSchema = z.object({ update: z.array(batchItemSchema).optional() });
const rootSchema = z.object({ name: z.string() });

type WooProduct = z.infer<typeof productSchema>;
type WooVariation = z.infer<typeof variationSchema>;
type WooOrder = z.infer<typeof orderSchema>;

type Ref = { kind: 'p'; id: number } | { kind: 'v'; parent: number; id: number };

export function parseWooRef(ref: string): Ref | null {
  let m = /^p:(\d+)$/.exec(ref);
  if (m) return { kind: 'p', id: Number(m[1]) };
  m = /^v:(\d+):(\d+)$/.exec(ref);
  if (m) return { kind: 'v', parent: Number(m[1]), id: Number(m[2]) };
  return null;
}

/** Order status → what it means for our stock. null = not an order yet (a block-checkout draft): skipped. */
export function wooOrderState(status: string): RemoteOrder['state'] | null {
  switch (status) {
    case 'checkout-draft':
      return null;
    case 'completed':
      return 'closed';
    case 'cancelled':
    case 'refunded':
    case 'failed':
    case 'trash':
      return 'cancelled';
    // pending, processing, on-hold and custom statuses (e.g. "packing"): still to fulfil, so they hold stock.
    default:
      return 'open';
  }
}

const chunk = <T>(xs: T[], n: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
};

/** "2026-03-02T10:00:00" (GMT, as WooCommerce writes it) → "2026-03-02T10:00:00.000Z". */
const gmtIso = (s: string): string => new Date(`${s.slice(0, 19)}Z`).toISOString();
/** An instant → WooCommerce's naive date form, in GMT. */
const wooParamDate = (ms: number): string => new Date(ms).toISOString().slice(0, 19);

function describeZod(what: string, err: z.ZodError): string {
  const issues = err.issues.slice(0, 3).map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`);
  return `WooCommerce answered ${what} with an unexpected shape (${issues.join('; ')}${err.issues.length > 3 ? '; …' : ''})`;
}

/**
 * The shop's origin from what the user typed ("shop.example", "https://shop.example/", ".../wp-json/wc/v3"). WooCommerce
 * takes a consumer key/secret by Basic auth only over HTTPS (plain HTTP needs OAuth 1.0a, and would send the secret in
 * clear), so http:// is refused except on this machine (loopback: tests and local fakes).
 */
export function shopOrigin(input: string): { origin: string; problem: string | null } {
  let text = input.trim();
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) text = `https://${text}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { origin: '', problem: `"${input}" is not a shop address (e.g. https://shop.example)` };
  }
  const pathPart = url.pathname.replace(/\/wp-json(\/.*)?$/, '').replace(/\/+$/, '');
  const origin = `${url.protocol}//${url.host}${pathPart}`;
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    return { origin, problem: `Use an https:// address for ${url.host}: WooCommerce accepts consumer keys only over HTTPS` };
  }
  return { origin, problem: null };
}

export function createWooConnector(opts: WooConnectorOptions): ChannelConnector {
  const doFetch = opts.fetch ?? fetch;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const { origin, problem } = shopOrigin(opts.baseUrl);
  const authHeader = 'Basic ' + Buffer.from(`${opts.consumerKey}:${opts.consumerSecret}`, 'utf8').toString('base64');
  const secrets = [opts.consumerKey, opts.consumerSecret, authHeader.slice(6)].filter((s) => s.length >= 4);
  const scrub = (s: string): string => secrets.reduce((acc, sec) => acc.split(sec).join('***'), s);
  const fail = (kind: ConstructorParameters<typeof ChannelError>[0], message: string, o: ConstructorParameters<typeof ChannelError>[2] = {}): ChannelError =>
    new ChannelError(kind, scrub(message), o.channelMessage ? { ...o, channelMessage: scrub(o.channelMessage) } : o);

  interface Answer {
    data: unknown;
    headers: Headers;
  }

  const retryAfterMs = (h: Headers): number => {
    const raw = h.get('retry-after');
    if (!raw) return DEFAULT_RETRY_AFTER_MS;
    if (/^\d+(\.\d+)?$/.test(raw.trim())) return Math.round(Number(raw) * 1000);
    const at = Date.parse(raw);
    if (Number.isNaN(at)) return DEFAULT_RETRY_AFTER_MS;
    // An HTTP date is relative to the server's own clock (its Date header), not ours.
    const serverNow = Date.parse(h.get('date') ?? '');
    return Math.max(0, at - (Number.isNaN(serverNow) ? Date.now() : serverNow));
  };

  /** WooCommerce/WordPress error body → "message (code)", else a short excerpt of what came back. */
  const wooMessage = (text: string): { message: string; code: string | null } => {
    try {
      const j = JSON.parse(text) as unknown;
      const e = errorItem.safeParse(j);
      if (e.success) return { message: e.data.message.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim(), code: e.data.code };
    } catch {
      /* not JSON */
    }
    const plain = text.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
    return { message: plain.slice(0, 160) || '(empty body)', code: null };
  };

  async function call(method: 'GET' | 'POST', path: string, query: Record<string, string | number> = {}, body?: unknown, root = false): Promise<Answer> {
    if (problem) throw fail('config', problem);
    const url = new URL(root ? `${origin}/wp-json/` : `${origin}/wp-json/wc/v3${path}`);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, String(v));
    const what = `${method} ${root ? '/wp-json/' : path}`;
    let res: Response | undefined;
    for (let attempt = 0; ; attempt++) {
      try {
        res = await doFetch(url, {
          method,
          headers: {
            Accept: 'application/json',
            ...(root ? {} : { Authorization: authHeader }),
            ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(timeoutMs),
        });
        break;
      } catch (e) {
        const err = e as Error & { cause?: { code?: string; message?: string } };
        const why = err.name === 'TimeoutError' || err.name === 'AbortError' ? `no answer within ${Math.round(timeoutMs / 1000)} s` : (err.cause?.code ?? err.cause?.message ?? err.message);
        // A read is safe to repeat once; a push is left to the engine, which knows what was sent.
        if (method === 'GET' && attempt === 0) {
          await sleep(500);
          continue;
        }
        throw fail('unavailable', `WooCommerce at ${url.host} could not be reached (${what}): ${why}`);
      }
    }
    let text: string;
    try {
      text = await res.text();
    } catch (e) {
      const err = e as Error;
      const why = err.name === 'TimeoutError' || err.name === 'AbortError' ? `no answer within ${Math.round(timeoutMs / 1000)} s` : err.message;
      throw fail('unavailable', `WooCommerce at ${url.host} broke off its answer to ${what}: ${why}`, { status: res.status });
    }
    if (!res.ok) {
      const w = wooMessage(text);
      const own = w.code ? `${w.message} (${w.code})` : w.message;
      const o = { status: res.status, channelMessage: w.message };
      if (res.status === 401 || res.status === 403) throw fail('auth', `WooCommerce refused the consumer key/secret: ${own}`, o);
      if (res.status === 429) {
        const ms = retryAfterMs(res.headers);
        throw fail('throttled', `WooCommerce (or its host) is rate limiting requests (HTTP 429); retry in ${Math.ceil(ms / 1000)} s`, { ...o, retryAfterMs: ms });
      }
      if (res.status >= 500) {
        throw fail('unavailable', `WooCommerce failed on ${what} (HTTP ${res.status}): ${own}`, { ...o, ...(res.headers.has('retry-after') ? { retryAfterMs: retryAfterMs(res.headers) } : {}) });
      }
      throw fail('rejected', `WooCommerce refused ${what} (HTTP ${res.status}): ${own}`, o);
    }
    let data: unknown;
    try {
      data = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch {
      const type = res.headers.get('content-type') ?? 'no content type';
      const excerpt = text.replace(/\s+/g, ' ').trim().slice(0, 80);
      throw fail('malformed', `WooCommerce answered ${what} with something that is not JSON (${type}): "${excerpt}${text.length > 80 ? '…' : ''}"`, { status: res.status });
    }
    return { data, headers: res.headers };
  }

  function parse<T>(what: string, schema: z.ZodType<T>, data: unknown): T {
    const r = schema.safeParse(data);
    if (!r.success) throw fail('malformed', describeZod(what, r.error));
    return r.data;
  }

  /** Total pages from X-WP-TotalPages (null when a proxy stripped it); a non-numeric value is malformed. */
  function totalPages(what: string, h: Headers): number | null {
    const raw = h.get('x-wp-totalpages');
    if (raw === null) return null;
    if (!/^\d+$/.test(raw.trim())) throw fail('malformed', `WooCommerce answered ${what} with an unusable X-WP-TotalPages header ("${raw}")`);
    return Number(raw);
  }

  /** Every page of a list endpoint. */
  async function* pages<T>(path: string, schema: z.ZodType<T>, query: Record<string, string | number>): AsyncGenerator<{ rows: T[]; headers: Headers }> {
    for (let page = 1; ; page++) {
      const a = await call('GET', path, { ...query, per_page: PER_PAGE, page });
      const rows = parse(`GET ${path} (page ${page})`, z.array(schema), a.data);
      const total = totalPages(`GET ${path}`, a.headers);
      yield { rows, headers: a.headers };
      // Without the header, a short page is the last one. Stop also on an empty page, in case the total is stale.
      if ((total === null ? rows.length < PER_PAGE : page >= total) || rows.length === 0) return;
    }
  }

  async function all<T>(path: string, schema: z.ZodType<T>, query: Record<string, string | number> = {}): Promise<T[]> {
    const out: T[] = [];
    for await (const p of pages(path, schema, query)) out.push(...p.rows);
    return out;
  }

  const blank = (s: string | null | undefined): string | null => (s && s.trim() ? s.trim() : null);

  function toOrder(o: WooOrder): RemoteOrder | null {
    const state = wooOrderState(o.status);
    if (!state) return null;
    const b = o.billing ?? {};
    const s = o.shipping ?? {};
    const person = (a: typeof b): string => [a.first_name, a.last_name].map((x) => (x ?? '').trim()).filter(Boolean).join(' ');
    const customerName = person(b) || person(s) || blank(b.company) || blank(b.email) || `Order #${o.number ?? o.id}`;
    const addr = blank(s.address_1) ? s : blank(b.address_1) ? b : null;
    const digits = minorDigits(o.currency || 'GBP');
    return {
      externalId: String(o.id),
      name: `#${o.number ?? o.id}`,
      updatedAt: gmtIso(o.date_modified_gmt),
      createdAt: gmtIso(o.date_created_gmt),
      state,
      currency: (o.currency || '').toUpperCase(),
      customerName,
      customerEmail: blank(b.email),
      shipTo: addr
        ? {
            name: person(addr) || customerName,
            company: blank(addr.company),
            line1: (addr.address_1 ?? '').trim(),
            line2: blank(addr.address_2),
            city: (addr.city ?? '').trim(),
            region: blank(addr.state),
            postalCode: (addr.postcode ?? '').trim(),
            country: (addr.country ?? '').trim(),
          }
        : null,
      lines: o.line_items.map((li) => {
        const pid = li.product_id ?? 0;
        const vid = li.variation_id ?? 0;
        const unit =
          li.price !== null && li.price !== undefined
            ? Math.round(li.price * 10 ** digits)
            : li.subtotal && li.quantity
              ? Math.round((Number(li.subtotal) * 10 ** digits) / li.quantity)
              : 0;
        return {
          externalLineId: String(li.id),
          ref: vid ? `v:${pid}:${vid}` : pid ? `p:${pid}` : null,
          sku: blank(li.sku),
          title: li.name ?? '',
          quantity: li.quantity,
          unitPriceMinor: Number.isFinite(unit) ? unit : 0,
        };
      }),
    };
  }

  const variationTitle = (parent: string, v: WooVariation): string => {
    const opts = (v.attributes ?? []).map((a) => (a.option ?? '').trim()).filter(Boolean);
    return opts.length ? `${parent} – ${opts.join(', ')}` : parent;
  };

  async function pushGroup(path: string, ops: { op: PushOp; id: number }[]): Promise<PushOutcome[]> {
    const a = await call(
      'POST',
      path,
      {},
      { update: ops.map(({ op, id }) => ({ id, manage_stock: true, stock_quantity: op.quantity })) },
    );
    const answer = parse(`POST ${path}`, batchAnswerSchema, a.data);
    const items = answer.update ?? [];
    if (items.length !== ops.length) throw fail('malformed', `WooCommerce answered POST ${path} with ${items.length} update results for ${ops.length} updates`);
    return ops.map(({ op, id }, i) => {
      const item = items[i]!;
      if ('error' in item) {
        return { ref: op.ref, ok: false as const, stale: false as const, message: scrub(`${item.error.message} (${item.error.code})`) };
      }
      if (item.id !== id) throw fail('malformed', `WooCommerce answered POST ${path} with result ${i + 1} for id ${item.id}, expected ${id}`);
      return { ref: op.ref, ok: true as const, quantity: item.stock_quantity ?? op.quantity };
    });
  }

  return {
    kind: 'woocommerce',
    caps: { maxBatch: WOO_MAX_BATCH, compareAndSet: false, idempotencyKeys: false, pullsOrders: true },

    async test() {
      const root = await call('GET', '/', {}, undefined, true);
      const { name } = parse('GET /wp-json/', rootSchema, root.data);
      // The index is public: check the key on an authenticated endpoint too.
      const p = await call('GET', '/products', { per_page: 1, _fields: 'id' });
      parse('GET /products', z.array(z.object({ id: z.number() })), p.data);
      return { shopName: name.trim() || origin };
    },

    async locations() {
      return [];
    },

    async listings() {
      const out: RemoteListing[] = [];
      for await (const page of pages('/products', productSchema, { orderby: 'id', order: 'asc' })) {
        for (const p of page.rows) {
          if (p.type === 'variable') {
            if (p.manage_stock === true) out.push(productListing(p));
            const vs = await all(`/products/${p.id}/variations`, variationSchema, { orderby: 'id', order: 'asc' });
            for (const v of vs) {
              out.push({
                ref: `v:${p.id}:${v.id}`,
                sku: blank(v.sku),
                barcode: blank(v.global_unique_id),
                title: variationTitle(p.name, v),
                locationRef: null,
                available: v.manage_stock === true ? v.stock_quantity : null,
              });
            }
          } else {
            out.push(productListing(p));
          }
        }
      }
      return out;
    },

    pullOrders(since: string | null): AsyncIterable<OrderPage> {
      return (async function* () {
        let sinceMs: number | null = null;
        if (since !== null) {
          sinceMs = Date.parse(since);
          if (Number.isNaN(sinceMs)) throw fail('config', `Not a date to pull WooCommerce orders from: "${since}"`);
        }
        const query: Record<string, string | number> = { dates_are_gmt: 'true', orderby: 'id', order: 'asc' };
        // WP compares "after" strictly and to the second: ask from one second earlier, keep "at or after".
        if (sinceMs !== null) query.modified_after = wooParamDate(Math.floor(sinceMs / 1000) * 1000 - 1000);
        for await (const page of pages('/orders', orderSchema, query)) {
          const orders = page.rows
            .filter((o) => sinceMs === null || Date.parse(gmtIso(o.date_modified_gmt)) >= sinceMs)
            .sort((a, b) => a.date_modified_gmt.localeCompare(b.date_modified_gmt) || a.id - b.id)
            .map(toOrder)
            .filter((o): o is RemoteOrder => o !== null);
          const date = Date.parse(page.headers.get('date') ?? '');
          yield { orders, serverTime: Number.isNaN(date) ? null : new Date(date).toISOString() };
        }
      })();
    },

    async readStock(refs) {
      const out = new Map<string, number>();
      const productIds = new Map<number, string[]>();
      const byParent = new Map<number, Map<number, string[]>>();
      for (const ref of refs) {
        const r = parseWooRef(ref);
        if (!r) throw fail('config', `"${ref}" is not a WooCommerce listing (p:<product id> or v:<parent id>:<variation id>)`);
        if (r.kind === 'p') productIds.set(r.id, [...(productIds.get(r.id) ?? []), ref]);
        else {
          const m = byParent.get(r.parent) ?? new Map<number, string[]>();
          m.set(r.id, [...(m.get(r.id) ?? []), ref]);
          byParent.set(r.parent, m);
        }
      }
      for (const ids of chunk([...productIds.keys()], PER_PAGE)) {
        const rows = await all('/products', productSchema, { include: ids.join(','), orderby: 'id', order: 'asc' });
        for (const p of rows) if (p.manage_stock === true && p.stock_quantity !== null) for (const ref of productIds.get(p.id) ?? []) out.set(ref, p.stock_quantity);
      }
      for (const [parent, vids] of byParent) {
        for (const ids of chunk([...vids.keys()], PER_PAGE)) {
          let rows: WooVariation[];
          try {
            rows = await all(`/products/${parent}/variations`, variationSchema, { include: ids.join(','), orderby: 'id', order: 'asc' });
          } catch (e) {
            // The parent product is gone: its variations are simply missing.
            if (e instanceof ChannelError && e.kind === 'rejected' && e.opts.status === 404) continue;
            throw e;
          }
          for (const v of rows) if (v.manage_stock === true && v.stock_quantity !== null) for (const ref of vids.get(v.id) ?? []) out.set(ref, v.stock_quantity);
        }
      }
      return out;
    },

    async pushStock(ops) {
      const outcomes = new Array<PushOutcome | undefined>(ops.length);
      const products: { op: PushOp; id: number; i: number }[] = [];
      const variations = new Map<number, { op: PushOp; id: number; i: number }[]>();
      ops.forEach((op, i) => {
        const r = parseWooRef(op.ref);
        if (!r) outcomes[i] = { ref: op.ref, ok: false, stale: false, message: `"${op.ref}" is not a WooCommerce product or variation reference` };
        else if (!Number.isInteger(op.quantity) || op.quantity < 0) outcomes[i] = { ref: op.ref, ok: false, stale: false, message: `${op.quantity} is not a whole quantity of 0 or more` };
        else if (r.kind === 'p') products.push({ op, id: r.id, i });
        else variations.set(r.parent, [...(variations.get(r.parent) ?? []), { op, id: r.id, i }]);
      });
      const groups: { path: string; items: { op: PushOp; id: number; i: number }[] }[] = [];
      for (const c of chunk(products, WOO_MAX_BATCH)) groups.push({ path: '/products/batch', items: c });
      for (const [parent, items] of variations) for (const c of chunk(items, WOO_MAX_BATCH)) groups.push({ path: `/products/${parent}/variations/batch`, items: c });
      for (const g of groups) {
        const res = await pushGroup(g.path, g.items);
        g.items.forEach((it, k) => (outcomes[it.i] = res[k]));
      }
      return outcomes.map((o, i) => o ?? { ref: ops[i]!.ref, ok: false, stale: false, message: 'Not sent' });
    },
  };

  function productListing(p: WooProduct): RemoteListing {
    return {
      ref: `p:${p.id}`,
      sku: blank(p.sku),
      barcode: blank(p.global_unique_id),
      title: p.name,
      locationRef: null,
      available: p.manage_stock === true ? p.stock_quantity : null,
    };
  }
}
