/**
 * A fake WooCommerce store speaking the REST API v3 (`/wp-json/wc/v3`) over node:http on 127.0.0.1.
 *
 * What it does like the real thing (WooCommerce 9.x, WordPress REST infrastructure):
 * - Auth: HTTP Basic `consumer_key:consumer_secret`, or the `?consumer_key=&consumer_secret=` query fallback (real WC
 *   accepts both only over HTTPS; this fake stands for a store behind a TLS terminator). Unknown key, wrong secret,
 *   missing credentials and read-only keys get WC's own 401 bodies.
 * - Errors are `{code, message, data:{status}}`; unknown routes are `rest_no_route` 404.
 * - Products (simple and variable) with variations; ids come from one counter (WordPress post ids). A variation's
 *   `manage_stock` may be `"parent"` when its stock is managed on the parent.
 * - Paging: `page` (1-based) and `per_page` (default 10, 1..100, else `rest_invalid_param` 400), with `X-WP-Total`,
 *   `X-WP-TotalPages` and RFC 5988 `Link` headers.
 * - Batch endpoints `/products/batch` and `/products/{id}/variations/batch`: more than 100 objects in
 *   create+update+delete → `woocommerce_rest_request_entity_too_large` 413; per-item errors
 *   `{id, error:{code, message, data:{status}}}` (unknown id → `woocommerce_rest_product_invalid_id` /
 *   `woocommerce_rest_product_variation_invalid_id`, 400, "Invalid ID.").
 * - Orders with `modified_after`/`modified_before`/`after`/`before`, interpreted as GMT with `dates_are_gmt=true` and
 *   as store-local time otherwise (the store has a UTC offset, 60 minutes by default), strictly after / before like
 *   WP_Date_Query. `orderby` id|date|modified|include, `order` asc|desc, `status`.
 * - A paid order (processing/on-hold/completed) reduces stock once, synchronously (WC's wc_maybe_reduce_stock_levels);
 *   cancelling (or refunding/failing) an order that reduced stock restores it.
 * - Dates come from a controllable clock: `date_*_gmt` fields, the local `date_*` fields and the HTTP `Date` header.
 *
 * Test controls: fault modes (down = connection reset, 500, 429 with Retry-After, malformed body), latency, request log
 * and counters, stock writes per product/variation, batch sizes.
 */
import type http from 'node:http';
import { fakeServer, readBody } from '../fake-server';

export type WooOrderStatus = 'pending' | 'processing' | 'on-hold' | 'completed' | 'cancelled' | 'refunded' | 'failed' | 'trash' | 'checkout-draft';

export interface WooProductJson {
  id: number;
  name: string;
  slug: string;
  type: 'simple' | 'variable';
  status: 'publish' | 'draft' | 'private';
  sku: string;
  global_unique_id: string;
  price: string;
  regular_price: string;
  manage_stock: boolean;
  stock_quantity: number | null;
  stock_status: 'instock' | 'outofstock' | 'onbackorder';
  backorders: 'no' | 'notify' | 'yes';
  variations: number[];
  date_created: string;
  date_created_gmt: string;
  date_modified: string;
  date_modified_gmt: string;
}

export interface WooVariationJson {
  id: number;
  parent_id: number;
  sku: string;
  global_unique_id: string;
  price: string;
  regular_price: string;
  status: 'publish' | 'private';
  manage_stock: boolean | 'parent';
  stock_quantity: number | null;
  stock_status: 'instock' | 'outofstock' | 'onbackorder';
  backorders: 'no' | 'notify' | 'yes';
  attributes: { id: number; name: string; option: string }[];
  date_created: string;
  date_created_gmt: string;
  date_modified: string;
  date_modified_gmt: string;
}

export interface WooAddress {
  first_name: string;
  last_name: string;
  company: string;
  address_1: string;
  address_2: string;
  city: string;
  state: string;
  postcode: string;
  country: string;
  email?: string;
  phone?: string;
}

export interface WooLineItemJson {
  id: number;
  name: string;
  product_id: number;
  variation_id: number;
  quantity: number;
  tax_class: string;
  subtotal: string;
  subtotal_tax: string;
  total: string;
  total_tax: string;
  taxes: unknown[];
  meta_data: unknown[];
  sku: string;
  price: number;
  parent_name: string | null;
}

export interface WooOrderJson {
  id: number;
  parent_id: number;
  number: string;
  order_key: string;
  created_via: string;
  version: string;
  status: WooOrderStatus;
  currency: string;
  date_created: string;
  date_created_gmt: string;
  date_modified: string;
  date_modified_gmt: string;
  discount_total: string;
  shipping_total: string;
  total: string;
  total_tax: string;
  prices_include_tax: boolean;
  customer_id: number;
  billing: WooAddress;
  shipping: WooAddress;
  payment_method: string;
  payment_method_title: string;
  date_paid_gmt: string | null;
  date_completed_gmt: string | null;
  line_items: WooLineItemJson[];
  shipping_lines: unknown[];
  meta_data: unknown[];
}

export type FakeWooMode = 'normal' | 'down' | '500' | '429' | 'malformed';

export interface FakeWooRequest {
  method: string;
  /** Path after the host, without the query (e.g. "/wp-json/wc/v3/products/batch"). */
  path: string;
  query: Record<string, string>;
  status: number;
  /** Number of objects (create+update+delete) for batch requests, else null. */
  batchSize: number | null;
  /** The Authorization header was present (Basic) / the query fallback was used. */
  auth: 'basic' | 'query' | 'none';
}

export interface NewProduct {
  name: string;
  sku?: string;
  /** GTIN/UPC/EAN/ISBN (WC 9.2+ `global_unique_id`). */
  barcode?: string;
  /** Decimal string, e.g. "12.50". */
  price?: string;
  /** A number = stock managed; null = not managed. Default 0 (managed). */
  stock?: number | null;
  type?: 'simple' | 'variable';
  backorders?: 'no' | 'notify' | 'yes';
}

export interface NewVariation {
  sku?: string;
  barcode?: string;
  price?: string;
  /** A number = managed on the variation; null = not managed; 'parent' = managed on the parent. Default 0. */
  stock?: number | null | 'parent';
  attributes?: Record<string, string>;
  backorders?: 'no' | 'notify' | 'yes';
}

export interface NewOrder {
  /** Product or variation ids. */
  lines: { id: number; quantity: number; price?: string }[];
  status?: WooOrderStatus;
  currency?: string;
  billing?: Partial<WooAddress>;
  shipping?: Partial<WooAddress>;
}

export interface FakeWooCommerce {
  readonly port: number;
  /** http://127.0.0.1:PORT (the connector's baseUrl). */
  readonly baseUrl: string;
  readonly consumerKey: string;
  readonly consumerSecret: string;

  // --- catalogue -------------------------------------------------------------------------------------------------
  addProduct(p: NewProduct): number;
  addVariation(parentId: number, v: NewVariation): number;
  /** Sets stock of a product or variation like the admin screen (manage_stock on; null = stop managing). */
  setStock(id: number, quantity: number | null): void;
  /** Current stock_quantity of a product or variation (null = not managed). Throws for an unknown id. */
  stockOf(id: number): number | null;
  product(id: number): WooProductJson | undefined;
  /** Id of the product or variation with this SKU. */
  idBySku(sku: string): number | undefined;
  /** The connector's listing ref of a product/variation id ("p:<id>" or "v:<parent>:<id>"). */
  refOf(id: number): string;
  variation(id: number): WooVariationJson | undefined;
  deleteProduct(id: number): void;

  // --- orders ----------------------------------------------------------------------------------------------------
  /**
   * Places an order like checkout: if its status is paid (processing — the default —, on-hold or completed) stock is
   * reduced at once, atomically. Throws (nothing changes) when a managed line lacks stock and backorders are off,
   * like WC refusing the checkout.
   */
  placeOrder(o: NewOrder): WooOrderJson;
  /** Changes an order's status like the admin: paid statuses reduce stock once; cancelled/refunded/failed restore it. */
  setOrderStatus(id: number, status: WooOrderStatus): WooOrderJson;
  cancelOrder(id: number): WooOrderJson;
  order(id: number): WooOrderJson | undefined;
  orders(): WooOrderJson[];

  // --- clock -----------------------------------------------------------------------------------------------------
  now(): Date;
  setNow(at: Date | string): void;
  advance(ms: number): void;

  // --- faults ----------------------------------------------------------------------------------------------------
  /**
   * 'down' resets every connection, '500' answers WordPress's critical-error body, '429' answers Too Many Requests
   * with Retry-After (seconds, default 30) like a host/WAF, 'malformed' answers 200 with `body` (default: truncated
   * JSON). `times` = for that many requests only, then back to normal.
   */
  setMode(mode: FakeWooMode, opts?: { retryAfterSeconds?: number; times?: number; body?: string; contentType?: string }): void;
  /** Delay before every answer (ms). */
  setLatency(ms: number): void;
  /** Key permissions ('read' refuses writes like WC). */
  setKeyPermissions(p: 'read' | 'write' | 'read_write'): void;

  // --- observation -----------------------------------------------------------------------------------------------
  requests(): FakeWooRequest[];
  requestCount(filter?: { method?: string; path?: string | RegExp }): number;
  /** Stock writes through the REST API for one product/variation id (batch items and single updates). */
  stockWrites(id: number): number;
  /** Object counts of every batch request received, in order. */
  batchSizes(): number[];
  resetCounters(): void;

  stop(): Promise<void>;
  /** Listens again on the same port (after stop). */
  start(): Promise<void>;
}

export interface FakeWooOptions {
  port?: number;
  consumerKey?: string;
  consumerSecret?: string;
  storeName?: string;
  /** Store timezone offset from UTC in minutes (local `date_*` fields and naive dates without dates_are_gmt). */
  utcOffsetMinutes?: number;
  /**
   * Start time of the clock (default 2026-03-02T10:00:00Z). The clock stands still unless moved (setNow/advance);
   * with `realTime: true` it also runs with the wall clock from that start (for end-to-end runs and benches).
   */
  now?: Date | string;
  realTime?: boolean;
  currency?: string;
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

const PAID: ReadonlySet<WooOrderStatus> = new Set(['processing', 'on-hold', 'completed']);
const RESTOCK: ReadonlySet<WooOrderStatus> = new Set(['cancelled', 'refunded', 'failed']);
const NS = '/wp-json/wc/v3';

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
/** WC's REST date format: "2026-03-02T10:00:00" (no zone, no fraction). */
function wcDate(d: Date): string {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}
const money = (minor: number): string => (minor / 100).toFixed(2);
const toMinor = (s: string): number => Math.round(Number(s) * 100);

interface ProductRec extends WooProductJson {
  createdMs: number;
  modifiedMs: number;
}
interface VariationRec extends WooVariationJson {
  createdMs: number;
  modifiedMs: number;
}
interface OrderRec extends WooOrderJson {
  createdMs: number;
  modifiedMs: number;
  stockReduced: boolean;
}

export async function startFakeWooCommerce(opts: FakeWooOptions = {}): Promise<FakeWooCommerce> {
  const consumerKey = opts.consumerKey ?? 'ck_' + 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0';
  const consumerSecret = opts.consumerSecret ?? 'cs_' + '0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e';
  const storeName = opts.storeName ?? 'Fake Woo Store';
  const offsetMs = (opts.utcOffsetMinutes ?? 60) * 60_000;
  const currency = opts.currency ?? 'EUR';
  let clockMs = new Date(opts.now ?? '2026-03-02T10:00:00Z').getTime();
  let anchor = Date.now();
  let nextId = 100;
  let nextLineId = 1;
  const products = new Map<number, ProductRec>();
  const variations = new Map<number, VariationRec>();
  const orders = new Map<number, OrderRec>();
  const log: FakeWooRequest[] = [];
  const writes = new Map<number, number>();
  const batches: number[] = [];
  let mode: FakeWooMode = 'normal';
  let modeLeft = Infinity;
  let retryAfterSeconds = 30;
  let malformedBody = '[{"id":101,"name":"Trunc';
  let malformedType = 'application/json; charset=UTF-8';
  let latency = 0;
  let permissions: 'read' | 'write' | 'read_write' = 'read_write';

  const now = (): number => (opts.realTime ? clockMs + (Date.now() - anchor) : clockMs);
  const gmt = (ms: number): string => wcDate(new Date(ms));
  const local = (ms: number): string => wcDate(new Date(ms + offsetMs));

  const stockStatus = (manage: boolean | 'parent', qty: number | null, backorders: string): 'instock' | 'outofstock' | 'onbackorder' => {
    if (manage !== true || qty === null) return 'instock';
    if (qty > 0) return 'instock';
    return backorders === 'no' ? 'outofstock' : 'onbackorder';
  };

  const touchProduct = (p: ProductRec): void => {
    p.modifiedMs = now();
    p.stock_status = stockStatus(p.manage_stock, p.stock_quantity, p.backorders);
  };
  const touchVariation = (v: VariationRec): void => {
    v.modifiedMs = now();
    v.stock_status = v.manage_stock === 'parent' ? (products.get(v.parent_id)?.stock_status ?? 'instock') : stockStatus(v.manage_stock, v.stock_quantity, v.backorders);
  };

  const productJson = (p: ProductRec): WooProductJson => {
    const { createdMs, modifiedMs, ...rest } = p;
    return {
      ...structuredClone(rest),
      variations: [...variations.values()].filter((v) => v.parent_id === p.id).map((v) => v.id),
      date_created: local(createdMs),
      date_created_gmt: gmt(createdMs),
      date_modified: local(modifiedMs),
      date_modified_gmt: gmt(modifiedMs),
    };
  };
  const variationJson = (v: VariationRec): WooVariationJson => {
    const { createdMs, modifiedMs, ...rest } = v;
    const parent = products.get(v.parent_id);
    const shared = v.manage_stock === 'parent' && parent ? { stock_quantity: parent.stock_quantity, stock_status: parent.stock_status } : {};
    return {
      ...structuredClone(rest),
      ...shared,
      date_created: local(createdMs),
      date_created_gmt: gmt(createdMs),
      date_modified: local(modifiedMs),
      date_modified_gmt: gmt(modifiedMs),
    };
  };
  const orderJson = (o: OrderRec): WooOrderJson => {
    const { createdMs, modifiedMs, stockReduced, ...rest } = o;
    return { ...structuredClone(rest), date_created: local(createdMs), date_created_gmt: gmt(createdMs), date_modified: local(modifiedMs), date_modified_gmt: gmt(modifiedMs) };
  };

  const bumpWrites = (id: number): void => {
    writes.set(id, (writes.get(id) ?? 0) + 1);
  };

  /** The record that holds the stock of a product/variation id (a variation managed at the parent → the parent). */
  const stockHolder = (id: number): ProductRec | VariationRec | undefined => {
    const v = variations.get(id);
    if (v) return v.manage_stock === 'parent' ? products.get(v.parent_id) : v;
    return products.get(id);
  };

  const adjustStock = (id: number, delta: number): void => {
    const h = stockHolder(id);
    if (!h || h.manage_stock !== true || h.stock_quantity === null) return;
    h.stock_quantity += delta;
    if ('parent_id' in h) touchVariation(h);
    else touchProduct(h);
    // Variations managed at this parent show the parent's status.
    for (const v of variations.values()) if (v.parent_id === h.id && v.manage_stock === 'parent') touchVariation(v);
  };

  const applyStatus = (o: OrderRec, status: WooOrderStatus): void => {
    if (PAID.has(status) && !o.stockReduced) {
      for (const li of o.line_items) adjustStock(li.variation_id || li.product_id, -li.quantity);
      o.stockReduced = true;
      o.date_paid_gmt ??= gmt(now());
    }
    if (RESTOCK.has(status) && o.stockReduced) {
      for (const li of o.line_items) adjustStock(li.variation_id || li.product_id, li.quantity);
      o.stockReduced = false;
    }
    if (status === 'completed') o.date_completed_gmt = gmt(now());
    o.status = status;
    o.modifiedMs = now();
  };

  // ------------------------------------------------------------------------------------------------------------------
  // HTTP
  // ------------------------------------------------------------------------------------------------------------------

  const sendJson = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'Content-Type': 'application/json; charset=UTF-8',
      'Content-Length': String(Buffer.byteLength(text)),
      Date: new Date(now()).toUTCString(),
      'X-Content-Type-Options': 'nosniff',
      ...headers,
    });
    res.end(text);
  };

  const errorBody = (e: ApiError): unknown => ({ code: e.code, message: e.message, data: { status: e.status, ...e.extra } });

  const intParam = (q: URLSearchParams, name: string, def: number, min: number, max: number): number => {
    const raw = q.get(name);
    if (raw === null) return def;
    const n = Number(raw);
    if (!/^-?\d+$/.test(raw.trim()) || n < min || n > max) {
      const msg = max === Infinity ? `${name} must be greater than or equal to ${min}` : `${name} must be between ${min} (inclusive) and ${max} (inclusive)`;
      throw new ApiError(400, 'rest_invalid_param', `Invalid parameter(s): ${name}`, { params: { [name]: msg }, details: { [name]: { code: 'rest_out_of_bounds', message: msg, data: null } } });
    }
    return n;
  };

  const idList = (q: URLSearchParams, name: string): number[] | null => {
    const all = [...q.getAll(name), ...q.getAll(`${name}[]`)];
    if (!all.length) return null;
    return all
      .flatMap((s) => s.split(','))
      .map((s) => Number(s.trim()))
      .filter((n) => Number.isInteger(n) && n > 0);
  };

  /** Parses a REST date param; naive dates are GMT with dates_are_gmt, else store-local. */
  const dateParam = (q: URLSearchParams, name: string): number | null => {
    const raw = q.get(name);
    if (raw === null || raw === '') return null;
    const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/i.exec(raw.trim());
    if (!m) throw new ApiError(400, 'rest_invalid_param', `Invalid parameter(s): ${name}`, { params: { [name]: 'Invalid date.' } });
    const zone = m[8];
    if (zone) return new Date(raw.trim().replace(' ', 'T')).getTime();
    const asUtc = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
    const gmtFlag = ['1', 'true'].includes((q.get('dates_are_gmt') ?? '').toLowerCase());
    return gmtFlag ? asUtc : asUtc - offsetMs;
  };

  const paginate = <T>(req: URL, all: T[]): { body: T[]; headers: Record<string, string> } => {
    const q = req.searchParams;
    const perPage = intParam(q, 'per_page', 10, 1, 100);
    const page = intParam(q, 'page', 1, 1, Infinity);
    const total = all.length;
    const pages = Math.ceil(total / perPage);
    const body = all.slice((page - 1) * perPage, page * perPage);
    const links: string[] = [];
    const link = (p: number, rel: string): void => {
      const u = new URL(req.toString());
      u.searchParams.set('page', String(p));
      u.searchParams.delete('consumer_key');
      u.searchParams.delete('consumer_secret');
      links.push(`<${u.toString()}>; rel="${rel}"`);
    };
    if (page > 1 && pages > 0) link(Math.min(page - 1, pages), 'prev');
    if (page < pages) link(page + 1, 'next');
    const headers: Record<string, string> = { 'X-WP-Total': String(total), 'X-WP-TotalPages': String(pages) };
    if (links.length) headers.Link = links.join(', ');
    return { body, headers };
  };

  const sortBy = <T extends { id: number; createdMs: number; modifiedMs: number }>(q: URLSearchParams, rows: T[], include: number[] | null): T[] => {
    const orderby = q.get('orderby') ?? 'date';
    const order = (q.get('order') ?? 'desc').toLowerCase();
    if (!['asc', 'desc'].includes(order)) throw new ApiError(400, 'rest_invalid_param', 'Invalid parameter(s): order', { params: { order: 'order is not one of desc and asc.' } });
    const key: Record<string, (r: T) => number> = {
      id: (r) => r.id,
      date: (r) => r.createdMs,
      modified: (r) => r.modifiedMs,
      include: (r) => (include ? include.indexOf(r.id) : r.id),
      title: (r) => r.id,
      slug: (r) => r.id,
    };
    const k = key[orderby];
    if (!k) throw new ApiError(400, 'rest_invalid_param', 'Invalid parameter(s): orderby', { params: { orderby: `orderby is not one of ${Object.keys(key).join(', ')}.` } });
    const dir = order === 'asc' ? 1 : -1;
    return [...rows].sort((a, b) => (k(a) - k(b)) * dir || (a.id - b.id) * dir);
  };

  const dateFilter = <T extends { createdMs: number; modifiedMs: number }>(q: URLSearchParams, rows: T[]): T[] => {
    const after = dateParam(q, 'after');
    const before = dateParam(q, 'before');
    const mAfter = dateParam(q, 'modified_after');
    const mBefore = dateParam(q, 'modified_before');
    // Stored dates have whole seconds; WP_Date_Query compares "after"/"before" exclusively.
    const sec = (ms: number): number => Math.floor(ms / 1000) * 1000;
    return rows.filter(
      (r) =>
        (after === null || sec(r.createdMs) > after) &&
        (before === null || sec(r.createdMs) < before) &&
        (mAfter === null || sec(r.modifiedMs) > mAfter) &&
        (mBefore === null || sec(r.modifiedMs) < mBefore),
    );
  };

  type Ctx = { method: string; url: URL; body: unknown };

  const checkAuth = (req: http.IncomingMessage, url: URL, write: boolean, listing: boolean): 'basic' | 'query' | 'none' => {
    let key: string | null = null;
    let secret: string | null = null;
    let how: 'basic' | 'query' | 'none' = 'none';
    const h = req.headers.authorization;
    if (h && /^basic /i.test(h)) {
      const dec = Buffer.from(h.slice(6).trim(), 'base64').toString('utf8');
      const i = dec.indexOf(':');
      key = i >= 0 ? dec.slice(0, i) : dec;
      secret = i >= 0 ? dec.slice(i + 1) : '';
      how = 'basic';
    } else if (url.searchParams.has('consumer_key')) {
      key = url.searchParams.get('consumer_key');
      secret = url.searchParams.get('consumer_secret');
      how = 'query';
    }
    if (how === 'none') {
      if (write) throw new ApiError(401, 'woocommerce_rest_cannot_batch', 'Sorry, you are not allowed to batch manipulate this resource.');
      throw new ApiError(401, 'woocommerce_rest_cannot_view', listing ? 'Sorry, you cannot list resources.' : 'Sorry, you cannot view this resource.');
    }
    if (key !== consumerKey) throw new ApiError(401, 'woocommerce_rest_authentication_error', 'Consumer key is invalid.');
    if (secret !== consumerSecret) throw new ApiError(401, 'woocommerce_rest_authentication_error', 'Consumer secret is invalid.');
    if (write && permissions === 'read') throw new ApiError(401, 'woocommerce_rest_authentication_error', 'The API key provided does not have write permissions.');
    if (!write && permissions === 'write') throw new ApiError(401, 'woocommerce_rest_authentication_error', 'The API key provided does not have read permissions.');
    return how;
  };

  const productOr404 = (id: number): ProductRec => {
    const p = products.get(id);
    if (!p) throw new ApiError(404, 'woocommerce_rest_product_invalid_id', 'Invalid ID.');
    return p;
  };

  type BatchItem = { id: number; error: { code: string; message: string; data: { status: number } } } | unknown;

  const batchInput = (body: unknown): { create: unknown[]; update: unknown[]; delete: unknown[] } => {
    if (!body || typeof body !== 'object' || Array.isArray(body)) return { create: [], update: [], delete: [] };
    const b = body as Record<string, unknown>;
    const arr = (k: string): unknown[] => {
      const v = b[k];
      if (v === undefined || v === null) return [];
      if (!Array.isArray(v)) throw new ApiError(400, 'rest_invalid_param', `Invalid parameter(s): ${k}`, { params: { [k]: `${k} is not of type array.` } });
      return v;
    };
    return { create: arr('create'), update: arr('update'), delete: arr('delete') };
  };

  const itemError = (id: unknown, status: number, code: string, message: string): BatchItem => ({ id: typeof id === 'number' ? id : Number(id) || 0, error: { code, message, data: { status } } });

  /** Applies one update object to a product/variation; returns the error or null. */
  const applyUpdate = (rec: ProductRec | VariationRec, u: Record<string, unknown>): ApiError | null => {
    if ('stock_quantity' in u && u.stock_quantity !== null && (typeof u.stock_quantity !== 'number' || !Number.isInteger(u.stock_quantity)) && !(typeof u.stock_quantity === 'string' && /^-?\d+$/.test(u.stock_quantity))) {
      return new ApiError(400, 'rest_invalid_param', 'Invalid parameter(s): stock_quantity', { params: { stock_quantity: 'stock_quantity is not of type integer.' } });
    }
    if ('manage_stock' in u) {
      const m = u.manage_stock;
      if (m === 'parent' && 'parent_id' in rec) rec.manage_stock = 'parent';
      else if (typeof m === 'boolean') rec.manage_stock = m;
      else return new ApiError(400, 'rest_invalid_param', 'Invalid parameter(s): manage_stock', { params: { manage_stock: 'manage_stock is not of type boolean.' } });
    }
    if ('stock_quantity' in u) {
      // WC only stores a quantity when stock is managed on this object.
      if (rec.manage_stock === true) {
        rec.stock_quantity = u.stock_quantity === null ? null : Number(u.stock_quantity);
        bumpWrites(rec.id);
      }
    }
    if (rec.manage_stock === false) rec.stock_quantity = null;
    if ('parent_id' in rec) touchVariation(rec);
    else {
      touchProduct(rec);
      for (const v of variations.values()) if (v.parent_id === rec.id && v.manage_stock === 'parent') touchVariation(v);
    }
    return null;
  };

  const runBatch = (body: unknown, find: (id: number) => ProductRec | VariationRec | undefined, invalidCode: string, json: (r: ProductRec | VariationRec) => unknown): unknown => {
    const b = batchInput(body);
    const total = b.create.length + b.update.length + b.delete.length;
    batches.push(total);
    if (total > 100) throw new ApiError(413, 'woocommerce_rest_request_entity_too_large', 'Unable to accept more than 100 items for this request.');
    const out: Record<string, unknown[]> = {};
    if (b.create.length) out.create = b.create.map(() => itemError(0, 400, 'woocommerce_rest_cannot_create', 'Creating objects is not supported by this fake.'));
    if (b.update.length) {
      out.update = b.update.map((raw) => {
        const u = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
        const id = Number(u.id);
        const rec = Number.isInteger(id) && id > 0 ? find(id) : undefined;
        if (!rec) return itemError(u.id, 400, invalidCode, 'Invalid ID.');
        const err = applyUpdate(rec, u);
        if (err) return itemError(id, err.status, err.code, err.message);
        return json(rec);
      });
    }
    if (b.delete.length) out.delete = b.delete.map((id) => itemError(id, 400, 'woocommerce_rest_cannot_delete', 'Deleting objects is not supported by this fake.'));
    return out;
  };

  const route = (ctx: Ctx, req: http.IncomingMessage): { status: number; body: unknown; headers?: Record<string, string>; auth: FakeWooRequest['auth']; batchSize?: number } => {
    const { method, url } = ctx;
    const path = url.pathname.replace(/\/+$/, '');
    const q = url.searchParams;
    if (method === 'GET' && (path === '/wp-json' || path === '')) {
      return {
        status: 200,
        auth: 'none',
        body: {
          name: storeName,
          description: 'Just another WordPress site',
          url: `http://127.0.0.1:${server.port}`,
          home: `http://127.0.0.1:${server.port}`,
          gmt_offset: String(offsetMs / 3_600_000),
          timezone_string: '',
          namespaces: ['oembed/1.0', 'wc/v3', 'wc/store/v1', 'wp/v2'],
          authentication: [],
          routes: {},
        },
      };
    }
    if (!path.startsWith(NS)) throw new ApiError(404, 'rest_no_route', 'No route was found matching the URL and request method.');
    const rest = path.slice(NS.length);
    let m: RegExpExecArray | null;

    if (method === 'GET' && rest === '/products') {
      const auth = checkAuth(req, url, false, true);
      const include = idList(q, 'include');
      let rows = [...products.values()];
      if (include) rows = rows.filter((p) => include.includes(p.id));
      const type = q.get('type');
      if (type) rows = rows.filter((p) => p.type === type);
      const sku = q.get('sku');
      if (sku) rows = rows.filter((p) => sku.split(',').includes(p.sku));
      rows = sortBy(q, dateFilter(q, rows), include);
      const page = paginate(url, rows);
      return { status: 200, body: page.body.map(productJson), headers: page.headers, auth };
    }
    if (method === 'GET' && (m = /^\/products\/(\d+)$/.exec(rest))) {
      const auth = checkAuth(req, url, false, false);
      return { status: 200, body: productJson(productOr404(Number(m[1]))), auth };
    }
    if (method === 'GET' && (m = /^\/products\/(\d+)\/variations$/.exec(rest))) {
      const auth = checkAuth(req, url, false, true);
      const parent = productOr404(Number(m[1]));
      const include = idList(q, 'include');
      let rows = [...variations.values()].filter((v) => v.parent_id === parent.id);
      if (include) rows = rows.filter((v) => include.includes(v.id));
      rows = sortBy(q, dateFilter(q, rows), include);
      const page = paginate(url, rows);
      return { status: 200, body: page.body.map(variationJson), headers: page.headers, auth };
    }
    if (method === 'POST' && rest === '/products/batch') {
      const auth = checkAuth(req, url, true, false);
      const body = runBatch(ctx.body, (id) => products.get(id), 'woocommerce_rest_product_invalid_id', (r) => productJson(r as ProductRec));
      return { status: 200, body, auth, batchSize: batches[batches.length - 1] };
    }
    if (method === 'POST' && (m = /^\/products\/(\d+)\/variations\/batch$/.exec(rest))) {
      const auth = checkAuth(req, url, true, false);
      const parent = productOr404(Number(m[1]));
      const body = runBatch(
        ctx.body,
        (id) => {
          const v = variations.get(id);
          return v && v.parent_id === parent.id ? v : undefined;
        },
        'woocommerce_rest_product_variation_invalid_id',
        (r) => variationJson(r as VariationRec),
      );
      return { status: 200, body, auth, batchSize: batches[batches.length - 1] };
    }
    if ((method === 'PUT' || method === 'POST') && (m = /^\/products\/(\d+)$/.exec(rest))) {
      const auth = checkAuth(req, url, true, false);
      const p = productOr404(Number(m[1]));
      const err = applyUpdate(p, (ctx.body ?? {}) as Record<string, unknown>);
      if (err) throw err;
      return { status: 200, body: productJson(p), auth };
    }
    if (method === 'GET' && rest === '/orders') {
      const auth = checkAuth(req, url, false, true);
      const include = idList(q, 'include');
      let rows = [...orders.values()];
      if (include) rows = rows.filter((o) => include.includes(o.id));
      const status = (q.get('status') ?? 'any').split(',').map((s) => s.trim().replace(/^wc-/, ''));
      rows = rows.filter((o) => (status.includes('any') ? o.status !== 'trash' && o.status !== 'checkout-draft' : status.includes(o.status)));
      rows = sortBy(q, dateFilter(q, rows), include);
      const page = paginate(url, rows);
      return { status: 200, body: page.body.map(orderJson), headers: page.headers, auth };
    }
    if (method === 'GET' && (m = /^\/orders\/(\d+)$/.exec(rest))) {
      const auth = checkAuth(req, url, false, false);
      const o = orders.get(Number(m[1]));
      if (!o) throw new ApiError(404, 'woocommerce_rest_shop_order_invalid_id', 'Invalid ID.');
      return { status: 200, body: orderJson(o), auth };
    }
    if (method === 'GET' && rest === '/system_status') {
      const auth = checkAuth(req, url, false, false);
      return { status: 200, body: { environment: { site_url: `http://127.0.0.1:${server.port}`, version: '9.8.1', wp_version: '6.8' }, settings: { currency } }, auth };
    }
    throw new ApiError(404, 'rest_no_route', 'No route was found matching the URL and request method.');
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${server.port}`);
    const method = (req.method ?? 'GET').toUpperCase();
    const raw = await readBody(req);
    if (latency) await new Promise((r) => setTimeout(r, latency));
    const query = Object.fromEntries(url.searchParams);
    const entry: FakeWooRequest = { method, path: url.pathname, query, status: 0, batchSize: null, auth: 'none' };
    log.push(entry);

    if (mode !== 'normal') {
      const current = mode;
      if (--modeLeft <= 0) {
        mode = 'normal';
        modeLeft = Infinity;
      }
      if (current === 'down') {
        entry.status = -1;
        req.socket.destroy();
        return;
      }
      if (current === '500') {
        entry.status = 500;
        sendJson(res, 500, {
          code: 'internal_server_error',
          message: '<p>There has been a critical error on this website.</p><p><a href="https://wordpress.org/documentation/article/faq-troubleshooting/">Learn more about troubleshooting WordPress.</a></p>',
          data: { status: 500 },
          additional_errors: [],
        });
        return;
      }
      if (current === '429') {
        entry.status = 429;
        const text = '<html><head><title>429 Too Many Requests</title></head><body><h1>Too Many Requests</h1></body></html>';
        res.writeHead(429, { 'Content-Type': 'text/html', 'Retry-After': String(retryAfterSeconds), Date: new Date(now()).toUTCString(), 'Content-Length': String(Buffer.byteLength(text)) });
        res.end(text);
        return;
      }
      if (current === 'malformed') {
        entry.status = 200;
        res.writeHead(200, { 'Content-Type': malformedType, Date: new Date(now()).toUTCString(), 'Content-Length': String(Buffer.byteLength(malformedBody)) });
        res.end(malformedBody);
        return;
      }
    }

    let body: unknown = undefined;
    try {
      if (raw.trim()) {
        try {
          body = JSON.parse(raw);
        } catch {
          throw new ApiError(400, 'rest_invalid_json', 'Invalid JSON body passed.', { json_error_code: 4, json_error_message: 'Syntax error' });
        }
      }
      const r = route({ method, url, body }, req);
      entry.status = r.status;
      entry.auth = r.auth;
      entry.batchSize = r.batchSize ?? null;
      sendJson(res, r.status, r.body, r.headers);
    } catch (e) {
      if (e instanceof ApiError) {
        entry.status = e.status;
        if (e.code === 'woocommerce_rest_request_entity_too_large') entry.batchSize = batches[batches.length - 1] ?? null;
        sendJson(res, e.status, errorBody(e));
      } else {
        entry.status = 500;
        sendJson(res, 500, { code: 'internal_server_error', message: String((e as Error)?.message ?? e), data: { status: 500 } });
      }
    }
  };

  const server = fakeServer({
    port: opts.port,
    handle,
    onError: (res) => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    },
    keepAliveTimeout: 1000,
  });
  await server.listen();

  const findAny = (id: number): ProductRec | VariationRec => {
    const r = products.get(id) ?? variations.get(id);
    if (!r) throw new Error(`No product or variation ${id}`);
    return r;
  };

  const api: FakeWooCommerce = {
    get port() {
      return server.port;
    },
    get baseUrl() {
      return `http://127.0.0.1:${server.port}`;
    },
    consumerKey,
    consumerSecret,

    addProduct(p) {
      const id = nextId++;
      const type = p.type ?? 'simple';
      const stock = p.stock === undefined ? (type === 'variable' ? null : 0) : p.stock;
      const price = p.price ?? '10.00';
      const rec: ProductRec = {
        id,
        name: p.name,
        slug: p.name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
        type,
        status: 'publish',
        sku: p.sku ?? '',
        global_unique_id: p.barcode ?? '',
        price: type === 'variable' ? '' : price,
        regular_price: type === 'variable' ? '' : price,
        manage_stock: stock !== null,
        stock_quantity: stock,
        stock_status: 'instock',
        backorders: p.backorders ?? 'no',
        variations: [],
        date_created: '',
        date_created_gmt: '',
        date_modified: '',
        date_modified_gmt: '',
        createdMs: now(),
        modifiedMs: now(),
      };
      touchProduct(rec);
      products.set(id, rec);
      return id;
    },
    addVariation(parentId, v) {
      const parent = products.get(parentId);
      if (!parent || parent.type !== 'variable') throw new Error(`Product ${parentId} is not a variable product`);
      const id = nextId++;
      const stock = v.stock === undefined ? 0 : v.stock;
      const rec: VariationRec = {
        id,
        parent_id: parentId,
        sku: v.sku ?? '',
        global_unique_id: v.barcode ?? '',
        price: v.price ?? '10.00',
        regular_price: v.price ?? '10.00',
        status: 'publish',
        manage_stock: stock === 'parent' ? 'parent' : stock !== null,
        stock_quantity: stock === 'parent' ? null : stock,
        stock_status: 'instock',
        backorders: v.backorders ?? 'no',
        attributes: Object.entries(v.attributes ?? {}).map(([name, option]) => ({ id: 0, name, option })),
        date_created: '',
        date_created_gmt: '',
        date_modified: '',
        date_modified_gmt: '',
        createdMs: now(),
        modifiedMs: now(),
      };
      touchVariation(rec);
      variations.set(id, rec);
      parent.modifiedMs = now();
      return id;
    },
    setStock(id, quantity) {
      const r = findAny(id);
      r.manage_stock = quantity !== null;
      r.stock_quantity = quantity;
      if ('parent_id' in r) touchVariation(r);
      else touchProduct(r);
    },
    stockOf(id) {
      const v = variations.get(id);
      if (v) return v.manage_stock === 'parent' ? (products.get(v.parent_id)?.stock_quantity ?? null) : v.stock_quantity;
      const p = products.get(id);
      if (!p) throw new Error(`No product or variation ${id}`);
      return p.manage_stock ? p.stock_quantity : null;
    },
    product(id) {
      const p = products.get(id);
      return p ? productJson(p) : undefined;
    },
    variation(id) {
      const v = variations.get(id);
      return v ? variationJson(v) : undefined;
    },
    idBySku(sku) {
      for (const r of [...products.values(), ...variations.values()]) if (r.sku === sku) return r.id;
      return undefined;
    },
    refOf(id) {
      const v = variations.get(id);
      if (v) return `v:${v.parent_id}:${v.id}`;
      if (products.has(id)) return `p:${id}`;
      throw new Error(`No product or variation ${id}`);
    },
    deleteProduct(id) {
      products.delete(id);
      for (const v of [...variations.values()]) if (v.parent_id === id) variations.delete(v.id);
      variations.delete(id);
    },

    placeOrder(o) {
      const status = o.status ?? 'processing';
      const items: WooLineItemJson[] = [];
      // Check everything first: a refused checkout changes nothing.
      const need = new Map<ProductRec | VariationRec, number>();
      for (const l of o.lines) {
        const rec = findAny(l.id);
        if (!Number.isInteger(l.quantity) || l.quantity <= 0) throw new Error(`Bad quantity ${l.quantity}`);
        const holder = stockHolder(l.id);
        if (holder && holder.manage_stock === true) need.set(holder, (need.get(holder) ?? 0) + l.quantity);
        const parent = 'parent_id' in rec ? products.get(rec.parent_id)! : null;
        const price = l.price ?? rec.price ?? '0';
        const lineMinor = toMinor(price) * l.quantity;
        const attrs = 'parent_id' in rec ? rec.attributes.map((a) => a.option).join(', ') : '';
        items.push({
          id: 0,
          name: parent ? `${parent.name}${attrs ? ` - ${attrs}` : ''}` : (rec as ProductRec).name,
          product_id: parent ? parent.id : rec.id,
          variation_id: parent ? rec.id : 0,
          quantity: l.quantity,
          tax_class: '',
          subtotal: money(lineMinor),
          subtotal_tax: '0.00',
          total: money(lineMinor),
          total_tax: '0.00',
          taxes: [],
          meta_data: [],
          sku: rec.sku || (parent?.sku ?? ''),
          price: toMinor(price) / 100,
          parent_name: parent ? parent.name : null,
        });
      }
      if (PAID.has(status)) {
        for (const [h, qty] of need) {
          if (h.backorders === 'no' && (h.stock_quantity ?? 0) < qty) {
            throw new Error(`Not enough stock for ${h.sku || h.id}: ${h.stock_quantity} in stock, ${qty} ordered`);
          }
        }
      }
      for (const it of items) it.id = nextLineId++;
      const id = nextId++;
      const addr = (a: Partial<WooAddress> | undefined, withContact: boolean): WooAddress => ({
        first_name: a?.first_name ?? 'Ada',
        last_name: a?.last_name ?? 'Lovelace',
        company: a?.company ?? '',
        address_1: a?.address_1 ?? '12 Analytical Row',
        address_2: a?.address_2 ?? '',
        city: a?.city ?? 'London',
        state: a?.state ?? '',
        postcode: a?.postcode ?? 'N1 1AA',
        country: a?.country ?? 'GB',
        ...(withContact ? { email: a?.email ?? 'ada@example.com', phone: a?.phone ?? '' } : { phone: a?.phone ?? '' }),
      });
      const total = items.reduce((s, it) => s + toMinor(it.total), 0);
      const rec: OrderRec = {
        id,
        parent_id: 0,
        number: String(id),
        order_key: `wc_order_${id.toString(36)}fake`,
        created_via: 'checkout',
        version: '9.8.1',
        status: 'pending',
        currency: o.currency ?? currency,
        date_created: '',
        date_created_gmt: '',
        date_modified: '',
        date_modified_gmt: '',
        discount_total: '0.00',
        shipping_total: '0.00',
        total: money(total),
        total_tax: '0.00',
        prices_include_tax: false,
        customer_id: 0,
        billing: addr(o.billing, true),
        shipping: addr(o.shipping ?? o.billing, false),
        payment_method: 'bacs',
        payment_method_title: 'Direct bank transfer',
        date_paid_gmt: null,
        date_completed_gmt: null,
        line_items: items,
        shipping_lines: [],
        meta_data: [],
        createdMs: now(),
        modifiedMs: now(),
        stockReduced: false,
      };
      orders.set(id, rec);
      applyStatus(rec, status);
      return orderJson(rec);
    },
    setOrderStatus(id, status) {
      const o = orders.get(id);
      if (!o) throw new Error(`No order ${id}`);
      applyStatus(o, status);
      return orderJson(o);
    },
    cancelOrder(id) {
      return api.setOrderStatus(id, 'cancelled');
    },
    order(id) {
      const o = orders.get(id);
      return o ? orderJson(o) : undefined;
    },
    orders() {
      return [...orders.values()].map(orderJson);
    },

    now: () => new Date(now()),
    setNow(at) {
      clockMs = new Date(at).getTime();
      anchor = Date.now();
    },
    advance(ms) {
      clockMs += ms;
    },

    setMode(m, o = {}) {
      mode = m;
      modeLeft = o.times ?? Infinity;
      if (o.retryAfterSeconds !== undefined) retryAfterSeconds = o.retryAfterSeconds;
      if (o.body !== undefined) malformedBody = o.body;
      if (o.contentType !== undefined) malformedType = o.contentType;
    },
    setLatency(ms) {
      latency = ms;
    },
    setKeyPermissions(p) {
      permissions = p;
    },

    requests: () => log.map((r) => ({ ...r, query: { ...r.query } })),
    requestCount(filter = {}) {
      return log.filter(
        (r) =>
          (!filter.method || r.method === filter.method.toUpperCase()) &&
          (filter.path === undefined || (typeof filter.path === 'string' ? r.path === filter.path : filter.path.test(r.path))),
      ).length;
    },
    stockWrites: (id) => writes.get(id) ?? 0,
    batchSizes: () => [...batches],
    resetCounters() {
      log.length = 0;
      writes.clear();
      batches.length = 0;
    },

    stop: server.stop,
    start: () => (server.running ? Promise.resolve() : server.listen()),
  };
  return api;
}
