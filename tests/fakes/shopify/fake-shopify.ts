/**
 * A fake Shopify store on 127.0.0.1 speaking the Admin API the way the real one does (version 2026-04):
 *
 * - `POST /admin/oauth/access_token` (client credentials grant, form-encoded or JSON) mints tokens with
 *   `expires_in`; an expired or unknown token gets HTTP 401 `{"errors":"[API] Invalid API key or access token …"}`.
 *   A legacy static token (`shpat_…`) is accepted too and never expires.
 * - `POST /admin/api/<version>/graphql.json` with `X-Shopify-Access-Token`, executed by graphql-js over a subset of
 *   the Admin schema (./schema.ts): shop, locations, productVariants, inventory items/levels/quantities, nodes,
 *   orders (search `updated_at:>='…'`, sortKey, cursor pagination) and inventorySetQuantities.
 * - Calculated query cost in `extensions.cost` with a leaky bucket (maximumAvailable / restoreRate, refilled on the
 *   fake's clock); a query the bucket cannot pay is THROTTLED, either as HTTP 200 + `errors[].extensions.code` or as
 *   HTTP 429 + Retry-After (switch with setThrottleStyle). A query over the single-query limit is MAX_COST_EXCEEDED.
 * - inventorySetQuantities: `@idempotent(key:)` mandatory, `changeFromQuantity` mandatory per quantity (null opts
 *   out), CHANGE_FROM_QUANTITY_STALE / ITEM_NOT_STOCKED_AT_LOCATION / INVALID_* userErrors with `field` paths, all or
 *   nothing (any userError = nothing applied); a replayed key returns the first result without applying again, the
 *   same key with other parameters is IDEMPOTENCY_KEY_PARAMETER_MISMATCH, a key still in flight is
 *   IDEMPOTENCY_CONCURRENT_REQUEST.
 * - Orders placed through the control API move stock like Shopify: available → committed at the order's location.
 *
 * Fault switches for tests: down (HTTP 5xx or connection reset), a 429 storm, malformed answers, latency.
 * Everything else is controlled by plain methods (no HTTP control surface).
 */
import type http from 'node:http';
import { createHash, randomBytes } from 'node:crypto';
import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type OperationDefinitionNode,
  GraphQLError,
  Kind,
  buildSchema,
  execute,
  parse,
  validate,
  valueFromASTUntyped,
} from 'graphql';
import { ADMIN_SDL } from './schema';
import { fakeServer, readBody } from '../fake-server';
import { queryCost } from './cost';

export const FAKE_SHOPIFY_API_VERSION = '2026-04';
export const SINGLE_QUERY_MAX_COST = 1000;
const INVALID_TOKEN_BODY = JSON.stringify({ errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' });

/** A clock the test moves by hand (token expiry, order timestamps, bucket refill, the HTTP Date header). */
export class ManualClock {
  constructor(public t = Date.parse('2026-03-02T09:00:00.000Z')) {}
  now(): number {
    return this.t;
  }
  advance(ms: number): void {
    this.t += ms;
  }
  set(ms: number): void {
    this.t = ms;
  }
}

export interface FakeShopifyOptions {
  /** Clock for tokens, timestamps and the bucket; default real time. Pass a ManualClock to drive time. */
  clock?: { now(): number };
  shopName?: string;
  shopDomain?: string;
  currency?: string;
  clientId?: string;
  clientSecret?: string;
  /** Legacy admin-created app token, accepted forever. */
  staticToken?: string;
  /** Lifetime of granted tokens in seconds (Shopify: ~24 h). */
  tokenLifetimeSec?: number;
  maximumAvailable?: number;
  restoreRate?: number;
  port?: number;
}

export interface FakeLocation {
  id: string;
  name: string;
}

export interface FakeVariantInput {
  title?: string;
  sku?: string | null;
  barcode?: string | null;
  tracked?: boolean;
  /** Available quantity per location gid; a location listed here is "stocked" (an inventory level exists). */
  stock?: Record<string, number>;
}

export interface FakeVariant {
  variantId: string;
  inventoryItemId: string;
  sku: string | null;
}

export interface FakeOrderInput {
  lines: Array<{ inventoryItemId?: string; sku?: string; quantity: number; price?: string; title?: string }>;
  /** Location whose stock is committed; default the first active location stocking each line's item. */
  locationId?: string;
  email?: string | null;
  customer?: { firstName: string; lastName: string } | null;
  shippingAddress?: {
    firstName?: string;
    lastName?: string;
    company?: string | null;
    address1: string;
    address2?: string | null;
    city: string;
    province?: string | null;
    provinceCode?: string | null;
    zip: string;
    country?: string;
    countryCodeV2: string;
  } | null;
  /** Sell even when available is short (Shopify's "continue selling when out of stock"). Default false. */
  oversell?: boolean;
}

export interface FakeShopifyStats {
  /** Every HTTP request, any path. */
  requests: number;
  tokenGrants: number;
  graphqlRequests: number;
  /** GraphQL requests executed (not refused for auth, throttle, faults). */
  executed: number;
  /** THROTTLED answers (HTTP 200 style and 429 style, bucket or storm). */
  throttled: number;
  http429: number;
  unauthorized: number;
  mutations: number;
  /** Quantity changes actually applied by inventorySetQuantities (one per inventory level changed). */
  appliedInventoryChanges: number;
  /** inventorySetQuantities calls answered from the idempotency store. */
  idempotentReplays: number;
  faults: number;
}

export interface InventoryChangeLog {
  at: string;
  inventoryItemId: string;
  locationId: string;
  from: number;
  to: number;
  idempotencyKey: string;
  referenceDocumentUri: string | null;
}

export interface RequestLog {
  path: string;
  status: number;
  operationName: string | null;
  query: string | null;
  variables: Record<string, unknown> | null;
  token: string | null;
}

export type MalformedKind = 'html' | 'truncated' | 'shape';

export interface FakeShopify {
  readonly url: string;
  readonly port: number;
  readonly apiVersion: string;
  readonly shopDomain: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly staticToken: string;
  readonly clock: { now(): number };
  /** What a connector needs to reach this fake: { shop, baseUrl, clientId, clientSecret, staticToken }. */
  connectionInfo(): { shop: string; baseUrl: string; clientId: string; clientSecret: string; staticToken: string };

  addLocation(name: string, opts?: { active?: boolean }): FakeLocation;
  addProduct(title: string, variants: FakeVariantInput[]): { productId: string; variants: FakeVariant[] };
  /** Sets available (stocking the item at the location if it was not). */
  setAvailable(inventoryItemId: string, locationId: string, quantity: number): void;
  /** Removes the inventory level (the item is then not stocked there). */
  unstock(inventoryItemId: string, locationId: string): void;
  available(inventoryItemId: string, locationId: string): number | null;
  quantities(inventoryItemId: string, locationId: string): { available: number; committed: number; on_hand: number } | null;
  /** Marks an inventory item as not adjustable by API (a bundle parent). */
  setNonMutable(inventoryItemId: string, nonMutable?: boolean): void;

  createOrder(input: FakeOrderInput): { id: string; name: string };
  cancelOrder(id: string, opts?: { restock?: boolean }): void;
  fulfilOrder(id: string): void;
  closeOrder(id: string): void;
  /** Bumps updatedAt (an edit on the Shopify side, e.g. a note). */
  touchOrder(id: string): void;
  order(id: string): { id: string; name: string; updatedAt: string; cancelledAt: string | null; closed: boolean } | null;
  /** Every order, oldest first, as order() describes it. */
  orders(): Array<{ id: string; name: string; updatedAt: string; cancelledAt: string | null; closed: boolean }>;

  setTokenLifetime(sec: number): void;
  revokeTokens(): void;
  setThrottle(opts: { maximumAvailable?: number; restoreRate?: number; currentlyAvailable?: number }): void;
  bucket(): { maximumAvailable: number; currentlyAvailable: number; restoreRate: number };
  setThrottleStyle(style: 'graphql-200' | 'http-429'): void;
  /** The next `count` GraphQL requests get HTTP 429 with Retry-After (seconds), whatever the bucket says. */
  storm429(count: number, retryAfterSec?: number): void;
  /** Down: every request (token grant included) fails with `status` (5xx) or a reset connection, until setDown(false). */
  setDown(down: boolean | { status?: number; reset?: boolean; count?: number }): void;
  /** The next `count` GraphQL answers are malformed in the given way. */
  setMalformed(kind: MalformedKind | null, count?: number): void;
  /** Delay (real ms) before each GraphQL answer is sent. */
  setLatency(ms: number): void;

  stats(): FakeShopifyStats;
  resetStats(): void;
  inventoryChanges(): InventoryChangeLog[];
  requests(): RequestLog[];

  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

interface LocationRec {
  num: number;
  name: string;
  active: boolean;
}
interface LevelRec {
  available: number;
  committed: number;
  updatedAt: number;
}
interface ItemRec {
  num: number;
  variantNum: number;
  productNum: number;
  title: string;
  sku: string | null;
  barcode: string | null;
  tracked: boolean;
  nonMutable: boolean;
  levels: Map<number, LevelRec>;
}
interface ProductRec {
  num: number;
  title: string;
}
interface LineRec {
  num: number;
  itemNum: number | null;
  sku: string | null;
  title: string;
  quantity: number;
  price: string;
  locationNum: number | null;
}
interface OrderRec {
  num: number;
  name: string;
  createdAt: number;
  updatedAt: number;
  cancelledAt: number | null;
  closedAt: number | null;
  fulfilled: boolean;
  email: string | null;
  customer: { num: number; firstName: string; lastName: string } | null;
  shippingAddress: FakeOrderInput['shippingAddress'] | null;
  lines: LineRec[];
}

interface IdemRec {
  params: string;
  state: 'inflight' | 'done';
  payload: unknown;
}

const gid = (type: string, num: number): string => `gid://shopify/${type}/${num}`;

function parseGid(id: unknown, type?: string): { type: string; num: number } | null {
  if (typeof id !== 'string') return null;
  const m = /^gid:\/\/shopify\/([A-Za-z]+)\/(\d+)(?:\?.*)?$/.exec(id);
  if (!m || (type && m[1] !== type)) return null;
  return { type: m[1], num: Number(m[2]) };
}

const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

const encodeCursor = (key: Array<string | number>): string => Buffer.from(JSON.stringify(key)).toString('base64');
function decodeCursor(c: string): Array<string | number> {
  try {
    const v = JSON.parse(Buffer.from(c, 'base64').toString('utf8')) as unknown;
    if (Array.isArray(v)) return v as Array<string | number>;
  } catch {
    /* fall through */
  }
  throw new GraphQLError('Invalid cursor for current pagination sort.');
}
function cmpKey(a: Array<string | number>, b: Array<string | number>): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] === b[i]) continue;
    return (a[i] ?? '') < (b[i] ?? '') ? -1 : 1;
  }
  return 0;
}

interface ConnArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

function connection<T>(items: T[], args: ConnArgs, keyOf: (t: T) => Array<string | number>, wrap: (t: T) => unknown) {
  if (args.first == null && args.last == null) throw new GraphQLError('you must provide one of first or last');
  if (args.last != null || args.before != null) throw new GraphQLError('The fake only pages forward (first/after).');
  const first = args.first as number;
  if (first < 0) throw new GraphQLError('first must be a non-negative integer');
  if (first > 250) throw new GraphQLError('The connection cannot return more than 250 items (first: ' + first + ').');
  let start = 0;
  if (args.after) {
    const k = decodeCursor(args.after);
    start = items.findIndex((it) => cmpKey(keyOf(it), k) > 0);
    if (start < 0) start = items.length;
  }
  const page = items.slice(start, start + first);
  const edges = page.map((it) => ({ cursor: encodeCursor(keyOf(it)), node: wrap(it) }));
  return {
    edges,
    nodes: edges.map((e) => e.node),
    pageInfo: {
      hasNextPage: start + first < items.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/** `updated_at:>='2026-01-01T00:00:00Z' AND updated_at:<…`: the date terms of Shopify's search syntax we honour. */
function orderFilter(query: string | null | undefined): (o: OrderRec) => boolean {
  if (!query) return () => true;
  const tests: Array<(o: OrderRec) => boolean> = [];
  const re = /\b(updated_at|created_at):(>=|<=|>|<)?\s*(?:'([^']*)'|"([^"]*)"|(\S+))/g;
  for (const m of query.matchAll(re)) {
    const t = Date.parse(m[3] ?? m[4] ?? m[5] ?? '');
    if (Number.isNaN(t)) continue; // Shopify ignores a term it cannot read
    const get = (o: OrderRec): number => Math.floor((m[1] === 'updated_at' ? o.updatedAt : o.createdAt) / 1000) * 1000;
    const op = m[2] ?? '=';
    tests.push((o) => (op === '>=' ? get(o) >= t : op === '>' ? get(o) > t : op === '<=' ? get(o) <= t : op === '<' ? get(o) < t : get(o) === t));
  }
  return (o) => tests.every((f) => f(o));
}

function stableStringify(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableStringify).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableStringify(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

export async function startFakeShopify(opts: FakeShopifyOptions = {}): Promise<FakeShopify> {
  const clock = opts.clock ?? { now: () => Date.now() };
  const shopName = opts.shopName ?? 'Stockroom Test Shop';
  const shopDomain = opts.shopDomain ?? 'stockroom-test.myshopify.com';
  const currency = opts.currency ?? 'GBP';
  const clientId = opts.clientId ?? 'fake-client-id-' + randomBytes(4).toString('hex');
  const clientSecret = opts.clientSecret ?? 'fake-client-secret-' + randomBytes(12).toString('hex');
  const staticToken = opts.staticToken ?? 'shpat_' + randomBytes(16).toString('hex');
  let tokenLifetimeSec = opts.tokenLifetimeSec ?? 86_399;

  const schema: GraphQLSchema = buildSchema(ADMIN_SDL);
  let nextNum = 1000;
  const num = (): number => ++nextNum;

  const locations = new Map<number, LocationRec>();
  const products = new Map<number, ProductRec>();
  const items = new Map<number, ItemRec>();
  const variantToItem = new Map<number, number>();
  const orders = new Map<number, OrderRec>();
  let orderNumber = 1000;
  const tokens = new Map<string, number>(); // token → expires at (ms)
  const idem = new Map<string, IdemRec>();
  const changeLog: InventoryChangeLog[] = [];
  const reqLog: RequestLog[] = [];

  const bucket = { max: opts.maximumAvailable ?? 2000, rate: opts.restoreRate ?? 100, avail: opts.maximumAvailable ?? 2000, at: clock.now() };
  let throttleStyle: 'graphql-200' | 'http-429' = 'graphql-200';
  let storm = { count: 0, retryAfterSec: 2 };
  let down: { status: number; reset: boolean; count: number } | null = null;
  let malformed: { kind: MalformedKind; count: number } | null = null;
  let latencyMs = 0;
  const zeroStats = (): FakeShopifyStats => ({
    requests: 0,
    tokenGrants: 0,
    graphqlRequests: 0,
    executed: 0,
    throttled: 0,
    http429: 0,
    unauthorized: 0,
    mutations: 0,
    appliedInventoryChanges: 0,
    idempotentReplays: 0,
    faults: 0,
  });
  let stats = zeroStats();

  const refill = (): void => {
    const now = clock.now();
    bucket.avail = Math.min(bucket.max, bucket.avail + ((now - bucket.at) / 1000) * bucket.rate);
    bucket.at = now;
  };
  const throttleStatus = () => ({
    maximumAvailable: bucket.max,
    currentlyAvailable: Math.floor(bucket.avail),
    restoreRate: bucket.rate,
  });

  // ---------- object views for graphql-js (default resolvers read properties / call methods) ----------
  const locView = (l: LocationRec) => ({
    __typename: 'Location',
    id: gid('Location', l.num),
    name: l.name,
    isActive: l.active,
    inventoryLevel: (a: { inventoryItemId: string }) => {
      const it = parseGid(a.inventoryItemId, 'InventoryItem');
      const item = it && items.get(it.num);
      return item && item.levels.has(l.num) ? levelView(item, l.num) : null;
    },
  });
  const productView = (p: ProductRec) => ({ __typename: 'Product', id: gid('Product', p.num), title: p.title });
  const variantView = (item: ItemRec): Record<string, unknown> => {
    const product = products.get(item.productNum)!;
    return {
      __typename: 'ProductVariant',
      id: gid('ProductVariant', item.variantNum),
      title: item.title,
      displayName: `${product.title} - ${item.title}`,
      sku: item.sku ?? '',
      barcode: item.barcode,
      product: () => productView(product),
      inventoryItem: () => itemView(item),
    };
  };
  const levelView = (item: ItemRec, locNum: number) => {
    const lv = item.levels.get(locNum)!;
    return {
      __typename: 'InventoryLevel',
      id: `gid://shopify/InventoryLevel/${item.num}?inventory_item_id=${item.num}&location_id=${locNum}`,
      item: () => itemView(item),
      location: () => locView(locations.get(locNum)!),
      updatedAt: iso(lv.updatedAt),
      quantities: (a: { names: string[] }) =>
        a.names.map((name) => {
          const q = name === 'available' ? lv.available : name === 'committed' ? lv.committed : name === 'on_hand' ? lv.available + lv.committed : null;
          if (q === null) throw new GraphQLError(`Invalid quantity name: ${name}`);
          return { __typename: 'InventoryQuantity', id: `gid://shopify/InventoryQuantity/${item.num}-${locNum}-${name}`, name, quantity: q, updatedAt: iso(lv.updatedAt) };
        }),
    };
  };
  const itemView = (item: ItemRec): Record<string, unknown> => ({
    __typename: 'InventoryItem',
    id: gid('InventoryItem', item.num),
    sku: item.sku,
    tracked: item.tracked,
    variant: () => variantView(item),
    inventoryLevel: (a: { locationId: string }) => {
      const l = parseGid(a.locationId, 'Location');
      return l && item.levels.has(l.num) ? levelView(item, l.num) : null;
    },
    inventoryLevels: (a: ConnArgs) =>
      connection(
        [...item.levels.keys()].sort((x, y) => x - y),
        a,
        (n) => [n],
        (n) => levelView(item, n),
      ),
  });
  const money = (amount: string) => {
    const m = { amount, currencyCode: currency };
    return { shopMoney: m, presentmentMoney: m };
  };
  const orderView = (o: OrderRec) => ({
    __typename: 'Order',
    id: gid('Order', o.num),
    name: o.name,
    createdAt: iso(o.createdAt),
    updatedAt: iso(o.updatedAt),
    processedAt: iso(o.createdAt),
    cancelledAt: o.cancelledAt === null ? null : iso(o.cancelledAt),
    cancelReason: o.cancelledAt === null ? null : 'CUSTOMER',
    closed: o.closedAt !== null,
    closedAt: o.closedAt === null ? null : iso(o.closedAt),
    currencyCode: currency,
    email: o.email,
    displayFulfillmentStatus: o.fulfilled ? 'FULFILLED' : 'UNFULFILLED',
    displayFinancialStatus: o.cancelledAt !== null ? 'REFUNDED' : 'PAID',
    customer: o.customer
      ? { __typename: 'Customer', id: gid('Customer', o.customer.num), displayName: `${o.customer.firstName} ${o.customer.lastName}`, firstName: o.customer.firstName, lastName: o.customer.lastName }
      : null,
    shippingAddress: o.shippingAddress
      ? {
          ...o.shippingAddress,
          name: [o.shippingAddress.firstName, o.shippingAddress.lastName].filter(Boolean).join(' ') || null,
          country: o.shippingAddress.country ?? o.shippingAddress.countryCodeV2,
        }
      : null,
    lineItems: (a: ConnArgs) =>
      connection(
        o.lines,
        a,
        (l) => [l.num],
        (l) => {
          const item = l.itemNum === null ? undefined : items.get(l.itemNum);
          return {
            __typename: 'LineItem',
            id: gid('LineItem', l.num),
            title: l.title,
            name: l.title,
            sku: l.sku,
            quantity: l.quantity,
            currentQuantity: o.cancelledAt === null ? l.quantity : 0,
            originalUnitPriceSet: money(l.price),
            variant: item ? () => variantView(item) : null,
          };
        },
      ),
  });

  const nodeById = (id: string): unknown => {
    const g = parseGid(id);
    if (!g) return null;
    switch (g.type) {
      case 'Location': {
        const l = locations.get(g.num);
        return l ? locView(l) : null;
      }
      case 'InventoryItem': {
        const it = items.get(g.num);
        return it ? itemView(it) : null;
      }
      case 'ProductVariant': {
        const n = variantToItem.get(g.num);
        return n === undefined ? null : variantView(items.get(n)!);
      }
      case 'Product': {
        const p = products.get(g.num);
        return p ? productView(p) : null;
      }
      case 'Order': {
        const o = orders.get(g.num);
        return o ? orderView(o) : null;
      }
      default:
        return null;
    }
  };

  // ---------- inventorySetQuantities ----------
  interface QtyInput {
    inventoryItemId: string;
    locationId: string;
    quantity: number;
    changeFromQuantity?: number | null;
  }
  interface SetInput {
    name: string;
    reason: string;
    referenceDocumentUri?: string | null;
    quantities: QtyInput[];
  }
  const REASONS = new Set(['correction', 'cycle_count_available', 'damaged', 'movement_created', 'movement_updated', 'movement_received', 'movement_canceled', 'other', 'promotion', 'quality_control', 'received', 'reservation_created', 'reservation_deleted', 'reservation_updated', 'restock', 'safety_stock', 'shrinkage']);

  const applySet = (input: SetInput, key: string) => {
    const userErrors: Array<{ code: string | null; field: string[] | null; message: string }> = [];
    if (input.name !== 'available' && input.name !== 'on_hand') {
      userErrors.push({ code: 'INVALID_NAME', field: ['input', 'name'], message: "The quantity name must be either 'available' or 'on_hand'." });
    }
    if (!REASONS.has(input.reason)) userErrors.push({ code: 'INVALID_REASON', field: ['input', 'reason'], message: 'The specified reason is invalid.' });
    if (input.referenceDocumentUri != null && !/^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(input.referenceDocumentUri)) {
      userErrors.push({ code: 'INVALID_REFERENCE_DOCUMENT', field: ['input', 'referenceDocumentUri'], message: 'The specified reference document is invalid.' });
    }
    const seen = new Set<string>();
    const planned: Array<{ item: ItemRec; locNum: number; from: number; to: number }> = [];
    input.quantities.forEach((q, i) => {
      const f = (leaf: string): string[] => ['input', 'quantities', String(i), leaf];
      if (!('changeFromQuantity' in q)) {
        userErrors.push({ code: 'COMPARE_QUANTITY_REQUIRED', field: f('changeFromQuantity'), message: 'The changeFromQuantity argument must be given for each quantity (pass null to opt out of the check).' });
        return;
      }
      const ig = parseGid(q.inventoryItemId, 'InventoryItem');
      const item = ig && items.get(ig.num);
      if (!item) return void userErrors.push({ code: 'INVALID_INVENTORY_ITEM', field: f('inventoryItemId'), message: 'The specified inventory item could not be found.' });
      const lg = parseGid(q.locationId, 'Location');
      const loc = lg && locations.get(lg.num);
      if (!lg || !loc) return void userErrors.push({ code: 'INVALID_LOCATION', field: f('locationId'), message: 'The specified location could not be found.' });
      const pair = `${ig.num}@${lg.num}`;
      if (seen.has(pair)) {
        return void userErrors.push({ code: 'NO_DUPLICATE_INVENTORY_ITEM_ID_GROUP_ID_PAIR', field: f('inventoryItemId'), message: 'The combination of inventoryItemId and locationId must be unique.' });
      }
      seen.add(pair);
      if (item.nonMutable) return void userErrors.push({ code: 'NON_MUTABLE_INVENTORY_ITEM', field: f('inventoryItemId'), message: 'The specified inventory item is not allowed to be adjusted via API.' });
      const lv = item.levels.get(lg.num);
      if (!lv) return void userErrors.push({ code: 'ITEM_NOT_STOCKED_AT_LOCATION', field: f('locationId'), message: 'The specified inventory item is not stocked at the location.' });
      if (q.quantity > 1_000_000_000) return void userErrors.push({ code: 'INVALID_QUANTITY_TOO_HIGH', field: f('quantity'), message: "The total quantity can't be higher than 1,000,000,000." });
      if (q.quantity < -1_000_000_000) return void userErrors.push({ code: 'INVALID_QUANTITY_TOO_LOW', field: f('quantity'), message: "The total quantity can't be lower than -1,000,000,000." });
      const current = input.name === 'on_hand' ? lv.available + lv.committed : lv.available;
      if (q.changeFromQuantity != null && q.changeFromQuantity !== current) {
        return void userErrors.push({ code: 'CHANGE_FROM_QUANTITY_STALE', field: f('changeFromQuantity'), message: 'The changeFromQuantity value does not match persisted value.' });
      }
      planned.push({ item, locNum: lg.num, from: current, to: q.quantity });
    });
    if (userErrors.length) return { inventoryAdjustmentGroup: null, userErrors };
    const at = clock.now();
    const changes = planned.map((p) => {
      const lv = p.item.levels.get(p.locNum)!;
      const delta = p.to - p.from;
      lv.available += delta; // on_hand = available + committed moves with it
      lv.updatedAt = at;
      if (delta !== 0) {
        stats.appliedInventoryChanges++;
        changeLog.push({ at: iso(at), inventoryItemId: gid('InventoryItem', p.item.num), locationId: gid('Location', p.locNum), from: p.from, to: p.to, idempotencyKey: key, referenceDocumentUri: input.referenceDocumentUri ?? null });
      }
      return {
        name: input.name,
        delta,
        quantityAfterChange: p.to,
        item: () => itemView(p.item),
        location: () => locView(locations.get(p.locNum)!),
      };
    });
    return {
      inventoryAdjustmentGroup: { id: gid('InventoryAdjustmentGroup', num()), createdAt: iso(at), reason: input.reason, referenceDocumentUri: input.referenceDocumentUri ?? null, changes },
      userErrors: [],
    };
  };

  /** Keys whose request is still being answered (latency), for IDEMPOTENCY_CONCURRENT_REQUEST. */
  const pendingKeys = new Set<string>();

  // Called as a method of the root value by graphql-js's default resolver: (args, context, info).
  const setQuantitiesResolver = (args: { input: SetInput }, _ctx: unknown, info: GraphQLResolveInfo) => {
    stats.mutations++;
    const node = info.fieldNodes[0] as FieldNode;
    const dir = node.directives?.find((d) => d.name.value === 'idempotent');
    const keyArg = dir?.arguments?.find((a) => a.name.value === 'key');
    const key = keyArg ? valueFromASTUntyped(keyArg.value, info.variableValues as Record<string, unknown>) : undefined;
    if (typeof key !== 'string' || key.length === 0) {
      throw new GraphQLError('The @idempotent directive is required for this mutation.', { extensions: { code: 'BAD_REQUEST' } });
    }
    const params = stableStringify(args.input);
    const prior = idem.get(key);
    if (prior) {
      if (prior.params !== params) {
        return { inventoryAdjustmentGroup: null, userErrors: [{ code: 'IDEMPOTENCY_KEY_PARAMETER_MISMATCH', field: null, message: 'The same idempotency key cannot be used with different operation parameters.' }] };
      }
      if (prior.state === 'inflight' || pendingKeys.has(key)) {
        return { inventoryAdjustmentGroup: null, userErrors: [{ code: 'IDEMPOTENCY_CONCURRENT_REQUEST', field: null, message: 'This request is currently in progress, please try again.' }] };
      }
      stats.idempotentReplays++;
      return prior.payload;
    }
    const rec: IdemRec = { params, state: 'inflight', payload: null };
    idem.set(key, rec);
    const payload = applySet(args.input, key);
    rec.payload = payload;
    rec.state = 'done';
    pendingKeys.add(key);
    (info.rootValue as { __pending?: string[] }).__pending?.push(key);
    return payload;
  };

  const rootValue = () => ({
    __pending: [] as string[],
    shop: () => ({ id: 'gid://shopify/Shop/1', name: shopName, myshopifyDomain: shopDomain, currencyCode: currency }),
    location: (a: { id?: string | null }) => {
      const g = a.id ? parseGid(a.id, 'Location') : { num: [...locations.keys()][0] };
      const l = g && locations.get(g.num);
      return l ? locView(l) : null;
    },
    locations: (a: ConnArgs & { includeInactive?: boolean }) =>
      connection(
        [...locations.values()].filter((l) => l.active || a.includeInactive).sort((x, y) => x.num - y.num),
        a,
        (l) => [l.num],
        locView,
      ),
    productVariants: (a: ConnArgs & { query?: string | null }) =>
      connection(
        [...items.values()].sort((x, y) => x.variantNum - y.variantNum),
        a,
        (it) => [it.variantNum],
        variantView,
      ),
    inventoryItem: (a: { id: string }) => nodeById(a.id),
    order: (a: { id: string }) => nodeById(a.id),
    orders: (a: ConnArgs & { sortKey?: string; reverse?: boolean; query?: string | null }) => {
      const keyOf = (o: OrderRec): Array<string | number> => {
        switch (a.sortKey) {
          case 'UPDATED_AT':
            return [o.updatedAt, o.num];
          case 'CREATED_AT':
          case 'PROCESSED_AT':
            return [o.createdAt, o.num];
          default:
            return [o.num];
        }
      };
      const list = [...orders.values()].filter(orderFilter(a.query)).sort((x, y) => cmpKey(keyOf(x), keyOf(y)));
      if (a.reverse) throw new GraphQLError('The fake only serves ascending order lists (reverse: false).');
      return connection(list, a, keyOf, orderView);
    },
    node: (a: { id: string }) => nodeById(a.id),
    nodes: (a: { ids: string[] }) => {
      if (a.ids.length > 250) throw new GraphQLError('The ids argument cannot have more than 250 values.');
      return a.ids.map(nodeById);
    },
    inventorySetQuantities: setQuantitiesResolver,
  });

  // ---------- HTTP ----------
  const send = (res: http.ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void => {
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', Date: new Date(clock.now()).toUTCString(), ...headers });
    res.end(body);
  };

  const tokenGrant = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const raw = await readBody(req);
    let fields: Record<string, string> = {};
    if ((req.headers['content-type'] ?? '').includes('json')) {
      try {
        fields = JSON.parse(raw) as Record<string, string>;
      } catch {
        fields = {};
      }
    } else {
      fields = Object.fromEntries(new URLSearchParams(raw));
    }
    if (fields.grant_type !== 'client_credentials') {
      return send(res, 400, JSON.stringify({ error: 'unsupported_grant_type', error_description: 'The authorization grant type is not supported by the authorization server.' }));
    }
    if (fields.client_id !== clientId || fields.client_secret !== clientSecret) {
      return send(res, 401, JSON.stringify({ error: 'invalid_client', error_description: 'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.' }));
    }
    stats.tokenGrants++;
    const token = 'shpca_' + randomBytes(16).toString('hex');
    tokens.set(token, clock.now() + tokenLifetimeSec * 1000);
    send(res, 200, JSON.stringify({ access_token: token, scope: 'read_inventory,write_inventory,read_orders,read_products,read_locations', expires_in: tokenLifetimeSec }));
  };

  const tokenValid = (t: string | undefined): boolean => {
    if (!t) return false;
    if (t === staticToken) return true;
    const exp = tokens.get(t);
    return exp !== undefined && clock.now() < exp;
  };

  const graphql = async (req: http.IncomingMessage, res: http.ServerResponse, log: RequestLog): Promise<void> => {
    stats.graphqlRequests++;
    const token = req.headers['x-shopify-access-token'];
    log.token = typeof token === 'string' ? token : null;
    const raw = await readBody(req);
    let body: { query?: unknown; variables?: unknown; operationName?: unknown };
    try {
      body = JSON.parse(raw) as typeof body;
    } catch {
      body = {};
    }
    log.query = typeof body.query === 'string' ? body.query : null;
    log.variables = body.variables && typeof body.variables === 'object' ? (body.variables as Record<string, unknown>) : null;
    log.operationName = typeof body.operationName === 'string' ? body.operationName : null;

    if (!tokenValid(log.token ?? undefined)) {
      stats.unauthorized++;
      log.status = 401;
      return send(res, 401, INVALID_TOKEN_BODY);
    }
    if (storm.count > 0) {
      storm.count--;
      stats.throttled++;
      stats.http429++;
      log.status = 429;
      return send(res, 429, JSON.stringify({ errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED' } }] }), { 'Retry-After': String(storm.retryAfterSec) });
    }
    if (typeof body.query !== 'string') {
      log.status = 400;
      return send(res, 400, JSON.stringify({ errors: { query: 'Required parameter missing or invalid' } }));
    }
    let doc: DocumentNode;
    try {
      doc = parse(body.query);
    } catch (e) {
      log.status = 200;
      return send(res, 200, JSON.stringify({ errors: [{ message: (e as Error).message }] }));
    }
    const validation = validate(schema, doc);
    if (validation.length) {
      log.status = 200;
      return send(res, 200, JSON.stringify({ errors: validation.map((e) => e.toJSON()) }));
    }
    const ops = doc.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    const op = log.operationName ? ops.find((o) => o.name?.value === log.operationName) : ops[0];
    if (!op) {
      log.status = 200;
      return send(res, 200, JSON.stringify({ errors: [{ message: 'No operation named "' + log.operationName + '"' }] }));
    }
    if (!log.operationName) log.operationName = op.name?.value ?? null;
    const fragments = new Map(
      doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
    );
    const variables = (log.variables ?? {}) as Record<string, unknown>;
    const requested = queryCost(schema, op, fragments, variables);
    refill();
    if (requested > SINGLE_QUERY_MAX_COST) {
      log.status = 200;
      return send(
        res,
        200,
        JSON.stringify({
          errors: [{ message: `Query cost is ${requested}, which exceeds the single query max cost limit (${SINGLE_QUERY_MAX_COST}).`, extensions: { code: 'MAX_COST_EXCEEDED', cost: requested, maxCost: SINGLE_QUERY_MAX_COST } }],
          extensions: { cost: { requestedQueryCost: requested, actualQueryCost: null, throttleStatus: throttleStatus() } },
        }),
      );
    }
    if (requested > bucket.avail) {
      stats.throttled++;
      const body429 = JSON.stringify({
        errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' } }],
        extensions: { cost: { requestedQueryCost: requested, actualQueryCost: null, throttleStatus: throttleStatus() } },
      });
      if (throttleStyle === 'http-429') {
        stats.http429++;
        log.status = 429;
        const wait = Math.max(1, Math.ceil((requested - bucket.avail) / bucket.rate));
        return send(res, 429, body429, { 'Retry-After': String(wait) });
      }
      log.status = 200;
      return send(res, 200, body429);
    }
    bucket.avail -= requested;
    stats.executed++;
    const root = rootValue();
    const result = await execute({ schema, document: doc, rootValue: root, variableValues: variables, operationName: log.operationName ?? undefined });
    const actual = result.data ? (op.operation === 'mutation' ? requested : queryCost(schema, op, fragments, variables, result.data)) : requested;
    bucket.avail = Math.min(bucket.max, bucket.avail + (requested - actual));
    const payload: Record<string, unknown> = {};
    if (result.errors?.length) payload.errors = result.errors.map((e) => e.toJSON());
    payload.data = result.data ?? null;
    payload.extensions = { cost: { requestedQueryCost: requested, actualQueryCost: actual, throttleStatus: throttleStatus() } };
    let text = JSON.stringify(payload);
    let contentType: string | undefined;
    if (malformed && malformed.count > 0) {
      malformed.count--;
      if (malformed.kind === 'html') {
        text = '<!DOCTYPE html><html><head><title>Service</title></head><body><h1>Something went wrong</h1></body></html>';
        contentType = 'text/html; charset=utf-8';
      } else if (malformed.kind === 'truncated') {
        text = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
      } else {
        const data = (payload.data ?? {}) as Record<string, unknown>;
        for (const k of Object.keys(data)) data[k] = 42;
        text = JSON.stringify(payload);
      }
      if (malformed.count === 0) malformed = null;
    }
    if (latencyMs > 0) await new Promise((r) => setTimeout(r, latencyMs));
    for (const k of root.__pending) pendingKeys.delete(k);
    log.status = 200;
    send(res, 200, text, contentType ? { 'Content-Type': contentType } : {});
  };

  const handler = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    stats.requests++;
    const path = (req.url ?? '/').split('?')[0];
    const log: RequestLog = { path, status: 0, operationName: null, query: null, variables: null, token: null };
    reqLog.push(log);
    if (down) {
      stats.faults++;
      const d = down;
      if (d.count > 0 && --d.count === 0) down = null;
      if (d.reset) return void req.socket.destroy();
      log.status = d.status;
      return send(res, d.status, `<html><body><h1>${d.status} Service Unavailable</h1></body></html>`, { 'Content-Type': 'text/html' });
    }
    if (req.method === 'POST' && path === '/admin/oauth/access_token') {
      await tokenGrant(req, res);
      log.status = res.statusCode;
      return;
    }
    const m = /^\/admin\/api\/([^/]+)\/graphql\.json$/.exec(path);
    if (req.method === 'POST' && m) {
      if (m[1] !== FAKE_SHOPIFY_API_VERSION) {
        log.status = 404;
        return send(res, 404, JSON.stringify({ errors: 'Not Found' }));
      }
      return graphql(req, res, log);
    }
    log.status = 404;
    send(res, 404, JSON.stringify({ errors: 'Not Found' }));
  };

  const server = fakeServer({
    port: opts.port,
    handle: handler,
    onError: (res, e) => {
      if (!res.headersSent) send(res, 500, JSON.stringify({ errors: 'Internal fake error: ' + (e as Error).message }));
    },
  });
  const { listen, stop } = server;

  await listen();

  const itemByGid = (id: string): ItemRec => {
    const g = parseGid(id, 'InventoryItem');
    const it = g && items.get(g.num);
    if (!it) throw new Error(`fake shopify: no inventory item ${id}`);
    return it;
  };
  const locByGid = (id: string): LocationRec & { num: number } => {
    const g = parseGid(id, 'Location');
    const l = g && locations.get(g.num);
    if (!l) throw new Error(`fake shopify: no location ${id}`);
    return l;
  };
  const orderByGid = (id: string): OrderRec => {
    const g = parseGid(id, 'Order');
    const o = g && orders.get(g.num);
    if (!o) throw new Error(`fake shopify: no order ${id}`);
    return o;
  };
  const bump = (o: OrderRec): void => {
    o.updatedAt = Math.max(clock.now(), o.updatedAt + 1);
  };
  const releaseCommitted = (o: OrderRec, toAvailable: boolean): void => {
    for (const l of o.lines) {
      if (l.itemNum === null || l.locationNum === null) continue;
      const lv = items.get(l.itemNum)?.levels.get(l.locationNum);
      if (!lv) continue;
      lv.committed -= l.quantity;
      if (toAvailable) lv.available += l.quantity;
      lv.updatedAt = clock.now();
    }
  };

  return {
    get url() {
      return `http://127.0.0.1:${server.port}`;
    },
    get port() {
      return server.port;
    },
    apiVersion: FAKE_SHOPIFY_API_VERSION,
    shopDomain,
    clientId,
    clientSecret,
    staticToken,
    clock,
    connectionInfo() {
      return { shop: shopDomain, baseUrl: `http://127.0.0.1:${server.port}`, clientId, clientSecret, staticToken };
    },

    addLocation(name, o = {}) {
      const n = num();
      locations.set(n, { num: n, name, active: o.active ?? true });
      return { id: gid('Location', n), name };
    },
    addProduct(title, variants) {
      const p: ProductRec = { num: num(), title };
      products.set(p.num, p);
      const out = variants.map((v, i) => {
        const it: ItemRec = {
          num: num(),
          variantNum: num(),
          productNum: p.num,
          title: v.title ?? (variants.length === 1 ? 'Default Title' : `Variant ${i + 1}`),
          sku: v.sku ?? null,
          barcode: v.barcode ?? null,
          tracked: v.tracked ?? true,
          nonMutable: false,
          levels: new Map(),
        };
        for (const [loc, q] of Object.entries(v.stock ?? {})) it.levels.set(locByGid(loc).num, { available: q, committed: 0, updatedAt: clock.now() });
        items.set(it.num, it);
        variantToItem.set(it.variantNum, it.num);
        return { variantId: gid('ProductVariant', it.variantNum), inventoryItemId: gid('InventoryItem', it.num), sku: it.sku };
      });
      return { productId: gid('Product', p.num), variants: out };
    },
    setAvailable(itemId, locId, quantity) {
      const it = itemByGid(itemId);
      const l = locByGid(locId);
      const lv = it.levels.get(l.num) ?? { available: 0, committed: 0, updatedAt: 0 };
      lv.available = quantity;
      lv.updatedAt = clock.now();
      it.levels.set(l.num, lv);
    },
    unstock(itemId, locId) {
      itemByGid(itemId).levels.delete(locByGid(locId).num);
    },
    available(itemId, locId) {
      return itemByGid(itemId).levels.get(locByGid(locId).num)?.available ?? null;
    },
    quantities(itemId, locId) {
      const lv = itemByGid(itemId).levels.get(locByGid(locId).num);
      return lv ? { available: lv.available, committed: lv.committed, on_hand: lv.available + lv.committed } : null;
    },
    setNonMutable(itemId, nonMutable = true) {
      itemByGid(itemId).nonMutable = nonMutable;
    },

    createOrder(input) {
      const lines: LineRec[] = input.lines.map((l) => {
        let item: ItemRec | undefined;
        if (l.inventoryItemId) item = itemByGid(l.inventoryItemId);
        else if (l.sku) item = [...items.values()].find((it) => it.sku === l.sku);
        if (l.quantity <= 0 || !Number.isInteger(l.quantity)) throw new Error('fake shopify: line quantity must be a positive integer');
        let locationNum: number | null = null;
        if (item) {
          if (input.locationId) locationNum = locByGid(input.locationId).num;
          else locationNum = [...item.levels.keys()].sort((a, b) => a - b).find((n) => locations.get(n)?.active) ?? null;
          if (locationNum === null || !item.levels.has(locationNum)) throw new Error(`fake shopify: item ${gid('InventoryItem', item.num)} is not stocked at the order's location`);
        }
        const product = item ? products.get(item.productNum) : undefined;
        return {
          num: num(),
          itemNum: item?.num ?? null,
          sku: item?.sku ?? l.sku ?? null,
          title: l.title ?? (product && item ? (item.title === 'Default Title' ? product.title : `${product.title} - ${item.title}`) : 'Custom item'),
          quantity: l.quantity,
          price: l.price ?? '10.00',
          locationNum,
        };
      });
      if (!input.oversell) {
        const need = new Map<string, number>();
        for (const l of lines) if (l.itemNum !== null) need.set(`${l.itemNum}@${l.locationNum}`, (need.get(`${l.itemNum}@${l.locationNum}`) ?? 0) + l.quantity);
        for (const [k, q] of need) {
          const [i, loc] = k.split('@').map(Number);
          const it = items.get(i)!;
          if (it.tracked && it.levels.get(loc)!.available < q) throw new Error(`fake shopify: not enough stock of ${gid('InventoryItem', i)} (available ${it.levels.get(loc)!.available}, ordered ${q})`);
        }
      }
      const now = clock.now();
      for (const l of lines) {
        if (l.itemNum === null || l.locationNum === null) continue;
        const lv = items.get(l.itemNum)!.levels.get(l.locationNum)!;
        lv.available -= l.quantity;
        lv.committed += l.quantity;
        lv.updatedAt = now;
      }
      const o: OrderRec = {
        num: num(),
        name: `#${++orderNumber}`,
        createdAt: now,
        updatedAt: now,
        cancelledAt: null,
        closedAt: null,
        fulfilled: false,
        email: input.email === undefined ? 'buyer@example.com' : input.email,
        customer: input.customer === null ? null : { num: num(), ...(input.customer ?? { firstName: 'Ada', lastName: 'Buyer' }) },
        shippingAddress:
          input.shippingAddress === null
            ? null
            : (input.shippingAddress ?? { firstName: 'Ada', lastName: 'Buyer', address1: '1 High Street', city: 'Leeds', zip: 'LS1 1AA', country: 'United Kingdom', countryCodeV2: 'GB', province: null, provinceCode: null }),
        lines,
      };
      orders.set(o.num, o);
      return { id: gid('Order', o.num), name: o.name };
    },
    cancelOrder(id, o = {}) {
      const order = orderByGid(id);
      if (order.cancelledAt !== null) return;
      if (!order.fulfilled) releaseCommitted(order, o.restock ?? true);
      order.cancelledAt = clock.now();
      order.closedAt = order.closedAt ?? clock.now();
      bump(order);
    },
    fulfilOrder(id) {
      const order = orderByGid(id);
      if (order.fulfilled || order.cancelledAt !== null) return;
      releaseCommitted(order, false);
      order.fulfilled = true;
      bump(order);
    },
    closeOrder(id) {
      const order = orderByGid(id);
      order.closedAt = clock.now();
      bump(order);
    },
    touchOrder(id) {
      bump(orderByGid(id));
    },
    order(id) {
      const g = parseGid(id, 'Order');
      const o = g && orders.get(g.num);
      return o ? { id, name: o.name, updatedAt: iso(o.updatedAt), cancelledAt: o.cancelledAt === null ? null : iso(o.cancelledAt), closed: o.closedAt !== null } : null;
    },

    orders() {
      return [...orders.values()].map((o) => ({ id: gid('Order', o.num), name: o.name, updatedAt: iso(o.updatedAt), cancelledAt: o.cancelledAt === null ? null : iso(o.cancelledAt), closed: o.closedAt !== null }));
    },

    setTokenLifetime(sec) {
      tokenLifetimeSec = sec;
    },
    revokeTokens() {
      tokens.clear();
    },
    setThrottle(o) {
      refill();
      if (o.maximumAvailable !== undefined) bucket.max = o.maximumAvailable;
      if (o.restoreRate !== undefined) bucket.rate = o.restoreRate;
      if (o.currentlyAvailable !== undefined) bucket.avail = o.currentlyAvailable;
      bucket.avail = Math.min(bucket.avail, bucket.max);
    },
    bucket() {
      refill();
      return { maximumAvailable: bucket.max, currentlyAvailable: bucket.avail, restoreRate: bucket.rate };
    },
    setThrottleStyle(style) {
      throttleStyle = style;
    },
    storm429(count, retryAfterSec = 2) {
      storm = { count, retryAfterSec };
    },
    setDown(d) {
      if (d === false) down = null;
      else if (d === true) down = { status: 503, reset: false, count: 0 };
      else down = { status: d.status ?? 503, reset: d.reset ?? false, count: d.count ?? 0 };
    },
    setMalformed(kind, count = 1) {
      malformed = kind ? { kind, count } : null;
    },
    setLatency(ms) {
      latencyMs = ms;
    },

    stats: () => ({ ...stats }),
    resetStats() {
      stats = zeroStats();
    },
    inventoryChanges: () => changeLog.map((c) => ({ ...c })),
    requests: () => reqLog.map((r) => ({ ...r })),

    stop,
    start: listen,
    close: stop,
  };
}

/** sha256 hex, handy for tests that want to recompute a deterministic key. */
export const sha256Hex = (s: string): string => createHash('sha256').update(s).digest('hex');
