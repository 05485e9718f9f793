/**
 * The one interface every sales-channel connector implements (Shopify, WooCommerce, file). The sync engine
 * (src/main/channels/*) only ever talks to channels through it; connectors never touch the database.
 *
 * Conventions:
 * - A listing is one sellable thing on the channel at one channel location: for Shopify an inventory item at a
 *   location (ref = `${inventoryItemGid}@${locationGid}`), for WooCommerce a product or a variation
 *   (ref = "p:123" or "v:123:456"), for the file channel the channel SKU.
 * - Quantities are whole units, absolute ("set to"), never deltas.
 * - Every method throws a ChannelError (below) for anything that is not a normal answer; it never throws raw
 *   fetch/JSON errors. Malformed channel responses are ChannelError kind 'malformed' with what was wrong.
 * - Times are ISO 8601 UTC strings taken from the channel's own clock (order updatedAt / date_modified_gmt,
 *   HTTP Date header), never the PC clock.
 */

export interface ConnectorCapabilities {
  /** Largest number of quantities one pushStock call may carry (Shopify 250, WooCommerce 100, file: unlimited). */
  maxBatch: number;
  /** The channel checks an expected current quantity (Shopify changeFromQuantity). */
  compareAndSet: boolean;
  /** The channel deduplicates a retried push by our idempotency key (Shopify @idempotent). */
  idempotencyKeys: boolean;
  /** Orders come from the channel (API or an imported file). */
  pullsOrders: boolean;
}

/** A sellable thing on the channel, as the channel lists it (used to suggest the mapping to our items). */
export interface RemoteListing {
  ref: string;
  /** The channel's SKU, barcode and title, as given (may be empty). */
  sku: string | null;
  barcode: string | null;
  title: string;
  /** Channel location (Shopify location gid; null where the channel has one stock pool). */
  locationRef: string | null;
  /** The channel's current available quantity, when it tracks one (null = not tracked). */
  available: number | null;
}

export interface RemoteLocation {
  ref: string;
  name: string;
}

export interface RemoteOrderLine {
  /** Stable line id on the channel (Shopify LineItem gid, Woo line_items[].id, file line_id). */
  externalLineId: string;
  /** Listing ref when the channel tells it (variant/inventory item), and the SKU as sold. */
  ref: string | null;
  sku: string | null;
  title: string;
  quantity: number;
  /** Unit price in minor units of the order currency. */
  unitPriceMinor: number;
}

export interface RemoteOrder {
  externalId: string;
  /** Human order name/number on the channel (e.g. "#1001"). */
  name: string;
  /** The channel's last-modified time of the order (the watermark source). */
  updatedAt: string;
  createdAt: string;
  /** open = to fulfil; cancelled = release what it holds; closed = fulfilled/refunded elsewhere, nothing to do. */
  state: 'open' | 'cancelled' | 'closed';
  currency: string;
  customerName: string;
  customerEmail: string | null;
  shipTo: {
    name: string;
    company: string | null;
    line1: string;
    line2: string | null;
    city: string;
    region: string | null;
    postalCode: string;
    country: string;
  } | null;
  lines: RemoteOrderLine[];
}

export interface OrderPage {
  orders: RemoteOrder[];
  /** Channel server time of this answer (HTTP Date header), used to bound the next window. */
  serverTime: string | null;
}

export interface PushOp {
  ref: string;
  quantity: number;
  /** The quantity we last observed on the channel; sent as compare-and-set when the connector supports it. */
  expected: number | null;
  /** Kept across retries of the same desired quantity; a new desired quantity gets a new key. */
  idempotencyKey: string;
}

export type PushOutcome =
  | { ref: string; ok: true; quantity: number }
  /** Compare-and-set refused: the channel's quantity is not what we expected (actual when the channel said it). */
  | { ref: string; ok: false; stale: true; actual: number | null; message: string }
  /** The channel refused this one listing (unknown id, not stocked at the location, …): its own message. */
  | { ref: string; ok: false; stale: false; message: string };

export type ChannelErrorKind =
  | 'auth' // credentials refused or token grant failed
  | 'throttled' // 429 or Shopify THROTTLED: retry after retryAfterMs
  | 'unavailable' // network down, 5xx, timeout: retry with backoff
  | 'malformed' // the channel answered something we cannot read
  | 'rejected' // the whole request was refused (4xx with the channel's message)
  | 'config'; // our side: missing mapping/credentials

export class ChannelError extends Error {
  constructor(
    readonly kind: ChannelErrorKind,
    message: string,
    readonly opts: { retryAfterMs?: number; status?: number; channelMessage?: string } = {},
  ) {
    super(message);
    this.name = 'ChannelError';
  }
  get retryAfterMs(): number | undefined {
    return this.opts.retryAfterMs;
  }
}

export interface ChannelConnector {
  readonly kind: 'shopify' | 'woocommerce' | 'file';
  readonly caps: ConnectorCapabilities;
  /** Checks the credentials and returns the shop's name (shown on the Channels page). */
  test(): Promise<{ shopName: string }>;
  locations(): Promise<RemoteLocation[]>;
  /** Every listing (for mapping suggestions and reconciliation). */
  listings(): Promise<RemoteListing[]>;
  /**
   * Orders modified at or after `since` (the engine passes watermark − overlap), oldest first, one page per
   * iteration. The engine moves its watermark only after the last page.
   */
  pullOrders(since: string | null): AsyncIterable<OrderPage>;
  /** Current available quantities of the given refs (missing refs are absent from the map). */
  readStock(refs: string[]): Promise<Map<string, number>>;
  /** At most caps.maxBatch ops; one outcome per op, in order. Whole-request failures throw ChannelError. */
  pushStock(ops: PushOp[]): Promise<PushOutcome[]>;
}
