/**
 * Shopify Admin GraphQL connector, pinned to API version 2026-04 (see ./shopify/client.ts for auth, throttling and
 * error mapping).
 *
 * - Listings: one per inventory item per location it is stocked at; ref = `${inventoryItemGid}@${locationGid}`,
 *   limited to `locationRefs` when given. Quantities are `available`.
 * - Orders: `orders(sortKey: UPDATED_AT, query: "updated_at:>='…'")` paged by cursor, oldest change first; the
 *   search has one-second precision, so `since` is rounded down to the second (the engine's overlap covers more).
 *   Line quantities are `currentQuantity` (after order edits and removals). A line's ref is
 *   `${inventoryItemGid}@${location}` when exactly one location is configured, else the bare inventory item gid
 *   (the line does not say which location Shopify will fulfil it from).
 * - Pushes: `inventorySetQuantities(name:"available", reason:"correction")` with `changeFromQuantity` = the op's
 *   expected quantity (null opts out) and `@idempotent(key:)`. The request key is a digest of the ops' own keys and
 *   parameters, so a retry of the same batch reuses it and Shopify answers it without applying twice, while a batch
 *   with different content never collides (IDEMPOTENCY_KEY_PARAMETER_MISMATCH). Shopify applies a batch all or
 *   nothing: when some quantities are refused, they get their outcome (stale with the actual quantity read back,
 *   or rejected with Shopify's message) and the rest are sent again as a new batch.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { minorDigits } from '../../../shared/money';
import { ChannelError, type ChannelConnector, type OrderPage, type PushOp, type PushOutcome, type RemoteListing, type RemoteLocation, type RemoteOrder } from '../connector';
import { ShopifyClient, type ShopifyAuth } from './shopify/client';

export { SHOPIFY_API_VERSION } from './shopify/client';
export type { ShopifyAuth } from './shopify/client';

export interface ShopifyConnectorOptions {
  /** The shop's permanent domain, e.g. my-shop.myshopify.com. */
  shop: string;
  /** Override of https://{shop} (tests: http://127.0.0.1:PORT). */
  baseUrl?: string;
  auth: ShopifyAuth;
  /** Shopify location gids Stockroom syncs; default all active locations. */
  locationRefs?: string[];
  fetch?: typeof fetch;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Throttle answers waited out inside one call before ChannelError('throttled'). Default 2. */
  maxThrottleWaits?: number;
  /** Per-request timeout. Default 30 s. */
  timeoutMs?: number;
}

export const SHOPIFY_MAX_BATCH = 250;
const LOCATION_PAGE = 250;
const VARIANT_PAGE = 25;
const LEVEL_PAGE = 10;
const ORDER_PAGE = 15;
const LINE_PAGE = 10;
const READ_CHUNK = 100;
const STALE_CODES = new Set(['CHANGE_FROM_QUANTITY_STALE', 'COMPARE_QUANTITY_STALE']);

// --- queries ---------------------------------------------------------------------------------------------------------

const Q_SHOP = `query StockroomShop { shop { name } }`;

const Q_LOCATIONS = `query StockroomLocations($first: Int!, $after: String) {
  locations(first: $first, after: $after) {
    nodes { id name isActive }
    pageInfo { hasNextPage endCursor }
  }
}`;

const LEVEL_FIELDS = `nodes { location { id } quantities(names: ["available"]) { name quantity } }
      pageInfo { hasNextPage endCursor }`;

const Q_LISTINGS = `query StockroomListings($first: Int!, $after: String, $levels: Int!) {
  productVariants(first: $first, after: $after) {
    nodes {
      id title displayName sku barcode
      inventoryItem { id tracked inventoryLevels(first: $levels) { ${LEVEL_FIELDS} } }
    }
    pageInfo { hasNextPage endCursor }
  }
}`;

const Q_ITEM_LEVELS = `query StockroomItemLevels($id: ID!, $after: String) {
  inventoryItem(id: $id) { inventoryLevels(first: 50, after: $after) { ${LEVEL_FIELDS} } }
}`;

const LINE_FIELDS = `nodes {
        id title sku quantity currentQuantity
        originalUnitPriceSet { shopMoney { amount currencyCode } }
        variant { id inventoryItem { id } }
      }
      pageInfo { hasNextPage endCursor }`;

const Q_ORDERS = `query StockroomOrders($first: Int!, $after: String, $query: String, $lines: Int!) {
  orders(first: $first, after: $after, sortKey: UPDATED_AT, query: $query) {
    nodes {
      id name createdAt updatedAt cancelledAt closed displayFulfillmentStatus displayFinancialStatus currencyCode email
      customer { displayName }
      shippingAddress { name company address1 address2 city province provinceCode zip countryCodeV2 }
      lineItems(first: $lines) { ${LINE_FIELDS} }
    }
    pageInfo { hasNextPage endCursor }
  }
}`;

const Q_ORDER_LINES = `query StockroomOrderLines($id: ID!, $after: String) {
  order(id: $id) { lineItems(first: 50, after: $after) { ${LINE_FIELDS} } }
}`;

const Q_READ_STOCK = `query StockroomReadStock($ids: [ID!]!, $location: ID!) {
  nodes(ids: $ids) {
    ... on InventoryItem { id inventoryLevel(locationId: $location) { quantities(names: ["available"]) { name quantity } } }
  }
}`;

const M_SET = `mutation StockroomSetQuantities($input: InventorySetQuantitiesInput!, $key: String!) {
  inventorySetQuantities(input: $input) @idempotent(key: $key) {
    inventoryAdjustmentGroup { id changes { name delta quantityAfterChange item { id } location { id } } }
    userErrors { code field message }
  }
}`;

// --- answer shapes ---------------------------------------------------------------------------------------------------

const pageInfo = z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() });
const quantities = z.array(z.object({ name: z.string(), quantity: z.number().int() }));
const levels = z.object({ nodes: z.array(z.object({ location: z.object({ id: z.string() }), quantities })), pageInfo });
const shopAnswer = z.object({ shop: z.object({ name: z.string() }) });
const locationsAnswer = z.object({
  locations: z.object({ nodes: z.array(z.object({ id: z.string(), name: z.string(), isActive: z.boolean().nullish() })), pageInfo }),
});
const listingsAnswer = z.object({
  productVariants: z.object({
    nodes: z.array(
      z.object({
        id: z.string(),
        title: z.string().nullish(),
        displayName: z.string().nullish(),
        sku: z.string().nullish(),
        barcode: z.string().nullish(),
        inventoryItem: z.object({ id: z.string(), tracked: z.boolean().nullish(), inventoryLevels: levels }),
      }),
    ),
    pageInfo,
  }),
});
const itemLevelsAnswer = z.object({ inventoryItem: z.object({ inventoryLevels: levels }).nullable() });
const lineItems = z.object({
  nodes: z.array(
    z.object({
      id: z.string(),
      title: z.string().nullish(),
      sku: z.string().nullish(),
      quantity: z.number().int(),
      currentQuantity: z.number().int().nullish(),
      originalUnitPriceSet: z.object({ shopMoney: z.object({ amount: z.union([z.string(), z.number()]), currencyCode: z.string() }) }),
      variant: z.object({ id: z.string(), inventoryItem: z.object({ id: z.string() }).nullish() }).nullish(),
    }),
  ),
  pageInfo,
});
const isoDate = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not a date');
const orderNode = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: isoDate,
  updatedAt: isoDate,
  cancelledAt: isoDate.nullish(),
  closed: z.boolean().nullish(),
  displayFulfillmentStatus: z.string().nullish(),
  displayFinancialStatus: z.string().nullish(),
  currencyCode: z.string(),
  email: z.string().nullish(),
  customer: z.object({ displayName: z.string().nullish() }).nullish(),
  shippingAddress: z
    .object({
      name: z.string().nullish(),
      company: z.string().nullish(),
      address1: z.string().nullish(),
      address2: z.string().nullish(),
      city: z.string().nullish(),
      province: z.string().nullish(),
      provinceCode: z.string().nullish(),
      zip: z.string().nullish(),
      countryCodeV2: z.string().nullish(),
    })
    .nullish(),
  lineItems,
});
const ordersAnswer = z.object({ orders: z.object({ nodes: z.array(orderNode), pageInfo }) });
const orderLinesAnswer = z.object({ order: z.object({ lineItems }).nullable() });
const readStockAnswer = z.object({
  nodes: z.array(
    z
      .object({
        id: z.string().optional(),
        inventoryLevel: z.object({ quantities }).nullish(),
      })
      .nullable(),
  ),
});
const setAnswer = z.object({
  inventorySetQuantities: z.object({
    inventoryAdjustmentGroup: z.object({ id: z.string() }).nullish(),
    userErrors: z.array(z.object({ code: z.string().nullish(), field: z.array(z.string()).nullish(), message: z.string() })),
  }),
});

type LineNode = z.infer<typeof lineItems>['nodes'][number];
type OrderNode = z.infer<typeof orderNode>;

// --- helpers ---------------------------------------------------------------------------------------------------------

const ITEM_GID = /^gid:\/\/shopify\/InventoryItem\/\d+$/;
const LOCATION_GID = /^gid:\/\/shopify\/Location\/\d+$/;

/** `${inventoryItemGid}@${locationGid}` → parts, or null when the ref is not a Shopify listing ref. */
export function parseShopifyRef(ref: string): { item: string; location: string } | null {
  const at = ref.indexOf('@');
  if (at < 0) return null;
  const item = ref.slice(0, at);
  const location = ref.slice(at + 1);
  return ITEM_GID.test(item) && LOCATION_GID.test(location) ? { item, location } : null;
}

export const shopifyRef = (inventoryItemId: string, locationId: string): string => `${inventoryItemId}@${locationId}`;

/** Deterministic request key for one inventorySetQuantities call: the same ops (keys and parameters) → the same key. */
export function shopifyRequestKey(ops: readonly PushOp[], attempt = 0): string {
  const lines = ops.map((o) => `${o.idempotencyKey}\u0001${o.ref}\u0001${o.quantity}\u0001${o.expected ?? 'null'}`).sort();
  if (attempt) lines.push(`attempt:${attempt}`);
  const h = createHash('sha256').update(lines.join('\n')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** "12.50" → 1250 (GBP), "1200" → 1200 (JPY); trailing zeros beyond the currency's digits are accepted. */
export function decimalToMinor(amount: string | number, currency: string): number | null {
  const digits = minorDigits(currency);
  const m = /^(-)?(\d+)(?:\.(\d+))?$/.exec(String(amount).trim());
  if (!m) return null;
  let frac = m[3] ?? '';
  while (frac.length > digits && frac.endsWith('0')) frac = frac.slice(0, -1);
  if (frac.length > digits) return null;
  const value = Number(m[2]) * 10 ** digits + Number(frac.padEnd(digits, '0') || '0');
  return m[1] ? -value : value;
}

const availableOf = (q: Array<{ name: string; quantity: number }>): number | null => q.find((x) => x.name === 'available')?.quantity ?? null;

const blankToNull = (s: string | null | undefined): string | null => (s == null || s.trim() === '' ? null : s);

/** Seconds-precision ISO, rounded down (Shopify's search compares whole seconds). */
function searchTime(since: string): string {
  const t = Date.parse(since);
  if (Number.isNaN(t)) throw new ChannelError('config', `pullOrders: "${since}" is not an ISO date`);
  return new Date(Math.floor(t / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export function createShopifyConnector(opts: ShopifyConnectorOptions): ChannelConnector {
  const client = new ShopifyClient(opts);
  const wanted = opts.locationRefs?.length ? new Set(opts.locationRefs) : null;
  const singleLocation = opts.locationRefs?.length === 1 ? opts.locationRefs[0] : null;

  const malformed = (what: string): ChannelError => new ChannelError('malformed', what);

  async function allLevels(itemId: string, first: z.infer<typeof levels>) {
    const out = [...first.nodes];
    let page = first.pageInfo;
    while (page.hasNextPage) {
      const { data } = await client.graphql('StockroomItemLevels', Q_ITEM_LEVELS, { id: itemId, after: page.endCursor }, itemLevelsAnswer, 200);
      if (!data.inventoryItem) break;
      out.push(...data.inventoryItem.inventoryLevels.nodes);
      page = data.inventoryItem.inventoryLevels.pageInfo;
    }
    return out;
  }

  async function allLines(order: OrderNode): Promise<LineNode[]> {
    const out = [...order.lineItems.nodes];
    let page = order.lineItems.pageInfo;
    while (page.hasNextPage) {
      const { data } = await client.graphql('StockroomOrderLines', Q_ORDER_LINES, { id: order.id, after: page.endCursor }, orderLinesAnswer, 300);
      if (!data.order) throw malformed(`Shopify lost order ${order.name} while paging its line items`);
      out.push(...data.order.lineItems.nodes);
      page = data.order.lineItems.pageInfo;
    }
    return out;
  }

  function mapOrder(o: OrderNode, lines: LineNode[]): RemoteOrder {
    const state: RemoteOrder['state'] = o.cancelledAt
      ? 'cancelled'
      : o.closed || o.displayFulfillmentStatus === 'FULFILLED' || o.displayFulfillmentStatus === 'RESTOCKED' || o.displayFinancialStatus === 'REFUNDED' || o.displayFinancialStatus === 'VOIDED'
        ? 'closed'
        : 'open';
    const a = o.shippingAddress;
    return {
      externalId: o.id,
      name: o.name,
      updatedAt: new Date(o.updatedAt).toISOString(),
      createdAt: new Date(o.createdAt).toISOString(),
      state,
      currency: o.currencyCode,
      customerName: blankToNull(o.customer?.displayName) ?? blankToNull(a?.name) ?? '',
      customerEmail: blankToNull(o.email),
      shipTo: a
        ? {
            name: a.name ?? '',
            company: blankToNull(a.company),
            line1: a.address1 ?? '',
            line2: blankToNull(a.address2),
            city: a.city ?? '',
            region: blankToNull(a.provinceCode) ?? blankToNull(a.province),
            postalCode: a.zip ?? '',
            country: a.countryCodeV2 ?? '',
          }
        : null,
      lines: lines.map((l) => {
        const money = l.originalUnitPriceSet.shopMoney;
        const price = decimalToMinor(money.amount, money.currencyCode);
        if (price === null) throw malformed(`Shopify order ${o.name} line ${l.id} has an unreadable price ${JSON.stringify(money.amount)}`);
        const item = l.variant?.inventoryItem?.id ?? null;
        return {
          externalLineId: l.id,
          ref: item ? (singleLocation ? shopifyRef(item, singleLocation) : item) : null,
          sku: blankToNull(l.sku),
          title: l.title ?? '',
          quantity: l.currentQuantity ?? l.quantity,
          unitPriceMinor: price,
        };
      }),
    };
  }

  async function readStock(refs: string[]): Promise<Map<string, number>> {
    const byLocation = new Map<string, string[]>();
    for (const ref of new Set(refs)) {
      const p = parseShopifyRef(ref);
      if (!p) continue;
      const list = byLocation.get(p.location) ?? [];
      list.push(p.item);
      byLocation.set(p.location, list);
    }
    const out = new Map<string, number>();
    for (const [location, ids] of byLocation) {
      for (let i = 0; i < ids.length; i += READ_CHUNK) {
        const chunk = ids.slice(i, i + READ_CHUNK);
        const { data } = await client.graphql('StockroomReadStock', Q_READ_STOCK, { ids: chunk, location }, readStockAnswer, 3 * chunk.length);
        if (data.nodes.length !== chunk.length) throw malformed(`Shopify answered ${data.nodes.length} nodes for ${chunk.length} inventory items`);
        data.nodes.forEach((n, j) => {
          const q = n?.inventoryLevel ? availableOf(n.inventoryLevel.quantities) : null;
          if (q !== null) out.set(shopifyRef(chunk[j], location), q);
        });
      }
    }
    return out;
  }

  return {
    kind: 'shopify',
    caps: { maxBatch: SHOPIFY_MAX_BATCH, compareAndSet: true, idempotencyKeys: true, pullsOrders: true },

    async test() {
      const { data } = await client.graphql('StockroomShop', Q_SHOP, {}, shopAnswer, 1);
      return { shopName: data.shop.name };
    },

    async locations(): Promise<RemoteLocation[]> {
      const out: RemoteLocation[] = [];
      let after: string | null = null;
      for (;;) {
        const { data }: { data: z.infer<typeof locationsAnswer> } = await client.graphql('StockroomLocations', Q_LOCATIONS, { first: LOCATION_PAGE, after }, locationsAnswer, 2 + LOCATION_PAGE);
        for (const l of data.locations.nodes) if (l.isActive !== false) out.push({ ref: l.id, name: l.name });
        if (!data.locations.pageInfo.hasNextPage) return out;
        after = data.locations.pageInfo.endCursor;
        if (!after) throw malformed('Shopify said more locations follow but gave no cursor');
      }
    },

    async listings(): Promise<RemoteListing[]> {
      const out: RemoteListing[] = [];
      let after: string | null = null;
      for (;;) {
        const { data }: { data: z.infer<typeof listingsAnswer> } = await client.graphql(
          'StockroomListings',
          Q_LISTINGS,
          { first: VARIANT_PAGE, after, levels: LEVEL_PAGE },
          listingsAnswer,
          2 + VARIANT_PAGE * (4 + 3 * LEVEL_PAGE),
        );
        for (const v of data.productVariants.nodes) {
          const item = v.inventoryItem;
          const lvls = await allLevels(item.id, item.inventoryLevels);
          const title = blankToNull(v.displayName) ?? blankToNull(v.title) ?? '';
          for (const lv of lvls) {
            if (wanted && !wanted.has(lv.location.id)) continue;
            out.push({
              ref: shopifyRef(item.id, lv.location.id),
              sku: blankToNull(v.sku),
              barcode: blankToNull(v.barcode),
              title,
              locationRef: lv.location.id,
              available: item.tracked === false ? null : availableOf(lv.quantities),
            });
          }
        }
        if (!data.productVariants.pageInfo.hasNextPage) return out;
        after = data.productVariants.pageInfo.endCursor;
        if (!after) throw malformed('Shopify said more variants follow but gave no cursor');
      }
    },

    async *pullOrders(since: string | null): AsyncIterable<OrderPage> {
      const query = since ? `updated_at:>='${searchTime(since)}'` : null;
      let after: string | null = null;
      for (;;) {
        const answer: { data: z.infer<typeof ordersAnswer>; serverTime: string | null } = await client.graphql(
          'StockroomOrders',
          Q_ORDERS,
          { first: ORDER_PAGE, after, query, lines: LINE_PAGE },
          ordersAnswer,
          2 + ORDER_PAGE * (5 + 5 * LINE_PAGE),
        );
        const orders: RemoteOrder[] = [];
        for (const o of answer.data.orders.nodes) orders.push(mapOrder(o, await allLines(o)));
        yield { orders, serverTime: answer.serverTime };
        if (!answer.data.orders.pageInfo.hasNextPage) return;
        after = answer.data.orders.pageInfo.endCursor;
        if (!after) throw malformed('Shopify said more orders follow but gave no cursor');
      }
    },

    readStock,

    async pushStock(ops: PushOp[]): Promise<PushOutcome[]> {
      if (ops.length > SHOPIFY_MAX_BATCH) throw new ChannelError('config', `pushStock got ${ops.length} quantities; Shopify takes at most ${SHOPIFY_MAX_BATCH} per call`);
      const outcomes: Array<PushOutcome | undefined> = new Array(ops.length);
      const seen = new Set<string>();
      let pending: number[] = [];
      ops.forEach((op, i) => {
        if (!parseShopifyRef(op.ref)) outcomes[i] = { ref: op.ref, ok: false, stale: false, message: `"${op.ref}" is not a Shopify listing (inventory item @ location)` };
        else if (!Number.isInteger(op.quantity)) outcomes[i] = { ref: op.ref, ok: false, stale: false, message: `quantity ${op.quantity} is not a whole number` };
        else if (seen.has(op.ref)) outcomes[i] = { ref: op.ref, ok: false, stale: false, message: 'the same listing appears twice in one push' };
        else {
          seen.add(op.ref);
          pending.push(i);
        }
      });
      const stale: Array<{ i: number; message: string }> = [];
      let attempt = 0;
      while (pending.length) {
        const batch = pending.map((i) => ops[i]);
        const key = shopifyRequestKey(batch, attempt);
        const input = {
          name: 'available',
          reason: 'correction',
          referenceDocumentUri: `stockroom://stock-push/${key}`,
          quantities: batch.map((op) => {
            const p = parseShopifyRef(op.ref)!;
            return { inventoryItemId: p.item, locationId: p.location, quantity: op.quantity, changeFromQuantity: op.expected };
          }),
        };
        const { data } = await client.graphql('StockroomSetQuantities', M_SET, { input, key }, setAnswer, 10);
        const errs = data.inventorySetQuantities.userErrors;
        if (!errs.length) {
          for (const i of pending) outcomes[i] = { ref: ops[i].ref, ok: true, quantity: ops[i].quantity };
          break;
        }
        const codes = new Set(errs.map((e) => e.code ?? ''));
        const text = errs.map((e) => e.message).join('; ');
        if (codes.has('IDEMPOTENCY_CONCURRENT_REQUEST')) {
          throw new ChannelError('throttled', `Shopify is still applying this quantity update (${text}); retry shortly`, { retryAfterMs: 1_000, channelMessage: text });
        }
        if (codes.has('IDEMPOTENCY_PREVIOUS_ATTEMPT_FAILED') && attempt === 0) {
          attempt = 1; // nothing was applied under the old key: the same batch under a derived key
          continue;
        }
        const perOp = new Map<number, { code: string | null; message: string }>();
        const general: string[] = [];
        for (const e of errs) {
          const f = e.field ?? [];
          const idx = f[0] === 'input' && f[1] === 'quantities' ? Number(f[2]) : NaN;
          if (Number.isInteger(idx) && idx >= 0 && idx < pending.length) {
            const opIndex = pending[idx];
            if (!perOp.has(opIndex)) perOp.set(opIndex, { code: e.code ?? null, message: e.message });
          } else general.push(e.code ? `${e.message} (${e.code})` : e.message);
        }
        if (general.length || perOp.size === 0) {
          const msg = general.length ? general.join('; ') : text;
          throw new ChannelError('rejected', `Shopify refused the quantity update: ${msg}`, { channelMessage: msg });
        }
        for (const [i, e] of perOp) {
          if (e.code && STALE_CODES.has(e.code)) stale.push({ i, message: e.message });
          else outcomes[i] = { ref: ops[i].ref, ok: false, stale: false, message: e.code ? `${e.message} (${e.code})` : e.message };
        }
        pending = pending.filter((i) => !perOp.has(i));
        attempt = 0;
      }
      if (stale.length) {
        let actual = new Map<string, number>();
        try {
          actual = await readStock(stale.map((s) => ops[s.i].ref));
        } catch {
          // The read-back is a courtesy: without it the engine re-reads on its own.
        }
        for (const s of stale) outcomes[s.i] = { ref: ops[s.i].ref, ok: false, stale: true, actual: actual.get(ops[s.i].ref) ?? null, message: s.message };
      }
      return outcomes.map((o, i) => o ?? { ref: ops[i].ref, ok: false, stale: false, message: 'not sent' });
    },
  };
}

export { ShopifyClient };
