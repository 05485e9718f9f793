import { z } from 'zod';
import { def, patchOf } from './define';
import { id } from './common';

/**
 * Sales channels (Shopify, WooCommerce, file): Stockroom is the source of truth for stock. Each channel gets the
 * available quantity of its mapped listings pushed (after its rules) and sends its orders back, which are imported
 * as sales orders and reserve stock.
 *
 * - Credentials are write-only: no method ever returns them (only hasCredentials and a non-secret hint).
 * - The core's router is synchronous, so the methods that talk to a channel over the network (channels.test,
 *   channels.refreshListings, channels.syncNow, channels.reconcile) START the work and answer at once with
 *   {started:true}; the outcome lands in the channel's status (channels.get) and the event `channels.changed`
 *   (with the reason) tells every window to fetch again.
 */

export const CHANNEL_KINDS = ['shopify', 'woocommerce', 'file'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** idle = never synced or nothing to report; ok = last cycle fine; backoff = retrying after an error; offline = the
 * channel has been unreachable several times in a row; error = needs a person (credentials refused, configuration);
 * disabled = switched off. */
export const CHANNEL_STATES = ['idle', 'ok', 'backoff', 'offline', 'error', 'disabled'] as const;
export type ChannelState = (typeof CHANNEL_STATES)[number];

export const CHANNEL_ERROR_KINDS = ['auth', 'throttled', 'unavailable', 'malformed', 'rejected', 'config'] as const;

/** idle = in step; queued = to push; held = an increase waiting for an order pull that started after the change;
 * in_flight = being pushed; rejected = the channel refused this listing (its message in pushError). */
export const PUSH_STATES = ['idle', 'queued', 'held', 'in_flight', 'rejected'] as const;
export type PushState = (typeof PUSH_STATES)[number];

export const MAPPED_BY = ['sku', 'barcode', 'manual'] as const;

const name = z.string().trim().min(1, 'Give the channel a name').max(80);
/** Non-secret settings (shop domain, base URL, API version…). Anything secret belongs in credentials. */
const config = z.record(z.string().max(60), z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]));
/** Secrets (access token, client id/secret, consumer key/secret). Write-only. */
const credentials = z.record(z.string().max(60), z.string().max(4000));
const pct = z.number().int('Whole percent').min(0, 'At least 0 %').max(100, 'At most 100 %');
const units = z.number().int('Whole units').min(0, 'Cannot be negative').max(1_000_000);

export const channelRules = z.object({
  /** Share of available offered on this channel, percent, rounded down. */
  sharePct: pct,
  /** Never show more than this (null = no maximum). */
  maxQty: units.nullable(),
  /** Push 0 when the channel's quantity would be at or below this (last-units floor). */
  floorQty: units,
  /** Units kept back for the own webshop: subtracted on every channel that is not the own webshop. */
  keepBack: units,
  /** Units subtracted from available before the rules, on this channel. */
  safetyBuffer: units,
});
export type ChannelRules = z.infer<typeof channelRules>;

const channelError = z.object({ kind: z.enum(CHANNEL_ERROR_KINDS), message: z.string(), at: z.string() });

export const channelSummary = z.object({
  id,
  kind: z.enum(CHANNEL_KINDS),
  name: z.string(),
  enabled: z.boolean(),
  isOwnWebshop: z.boolean(),
  pollIntervalSeconds: z.number(),
  config,
  hasCredentials: z.boolean(),
  /** Non-secret hint of the stored credentials (e.g. "accessToken shpa…"), null when there are none. */
  credentialsHint: z.string().nullable(),
  rules: channelRules,
  /** Shop name the channel gave on the last successful test. */
  shopName: z.string().nullable(),
  state: z.enum(CHANNEL_STATES),
  /** A sync, test, listing refresh or reconciliation is running now. */
  busy: z.boolean(),
  /** Channel time of the newest order change imported (the order watermark). */
  orderWatermark: z.string().nullable(),
  lastPullStartedAt: z.string().nullable(),
  lastPullAt: z.string().nullable(),
  lastPushAt: z.string().nullable(),
  lastTestAt: z.string().nullable(),
  lastReconcileAt: z.string().nullable(),
  /** The last error, with the channel's own message; cleared by the next successful cycle. */
  lastError: channelError.nullable(),
  consecutiveFailures: z.number(),
  /** When the next attempt may run (backoff, Retry-After), null = at the next poll. */
  nextAttemptAt: z.string().nullable(),
  counts: z.object({
    listings: z.number(),
    mapped: z.number(),
    unmapped: z.number(),
    /** Unmapped listings with a suggested item (accept with channels.acceptSuggestions). */
    suggested: z.number(),
    /** Listings queued, held or in flight. */
    queue: z.number(),
    held: z.number(),
    rejected: z.number(),
    /** Listings whose channel quantity differed from what it should show at the last reconciliation. */
    drift: z.number(),
    /** Order lines that matched no item (their orders are on hold). */
    unmappedLines: z.number(),
    /** Orders of this channel on hold because they could not be fully allocated. */
    oversold: z.number(),
    /** Channel orders that could not be imported (with their message in alerts). */
    failedOrders: z.number(),
  }),
  /** Sentences for a person: oversold orders, unmapped lines, failed imports, drift. */
  alerts: z.array(z.string()),
});
export type ChannelSummary = z.infer<typeof channelSummary>;

export const channelListing = z.object({
  id,
  channelId: id,
  ref: z.string(),
  locationRef: z.string().nullable(),
  locationName: z.string().nullable(),
  sku: z.string().nullable(),
  barcode: z.string().nullable(),
  title: z.string(),
  itemId: z.number().nullable(),
  itemSku: z.string().nullable(),
  itemName: z.string().nullable(),
  mappedBy: z.enum(MAPPED_BY).nullable(),
  suggestedItemId: z.number().nullable(),
  suggestedSku: z.string().nullable(),
  /** What the channel should show now (after the rules); null when unmapped or at an unmapped location. */
  desiredQty: z.number().nullable(),
  lastPushedQty: z.number().nullable(),
  lastRemoteQty: z.number().nullable(),
  lastRemoteAt: z.string().nullable(),
  /** Channel quantity − what it should have shown, at the last reconciliation (null = not checked / no drift data). */
  driftQty: z.number().nullable(),
  pushState: z.enum(PUSH_STATES),
  pushError: z.string().nullable(),
});
export type ChannelListing = z.infer<typeof channelListing>;

export const channelLocation = z.object({
  id,
  channelId: id,
  remoteRef: z.string(),
  name: z.string(),
  warehouseId: z.number().nullable(),
  warehouseCode: z.string().nullable(),
});
export type ChannelLocation = z.infer<typeof channelLocation>;

export const unmappedLine = z.object({
  id,
  channelId: id,
  orderId: z.number().nullable(),
  orderNumber: z.string().nullable(),
  externalOrderId: z.string(),
  externalLineId: z.string(),
  ref: z.string().nullable(),
  sku: z.string().nullable(),
  title: z.string(),
  quantity: z.number(),
  createdAt: z.string(),
});

export const outboxRow = z.object({
  listingId: id,
  ref: z.string(),
  sku: z.string().nullable(),
  itemSku: z.string().nullable(),
  state: z.enum(PUSH_STATES),
  desiredQty: z.number().nullable(),
  /** The quantity last observed on the channel, sent as compare-and-set where the channel supports it. */
  expectedQty: z.number().nullable(),
  attempts: z.number(),
  nextAttemptAt: z.string().nullable(),
  lastError: z.string().nullable(),
  updatedAt: z.string().nullable(),
});

const started = z.object({ started: z.boolean() });
const channelId = z.object({ id });

export const channelsApi = {
  'channels.list': def({ summary: 'Every sales channel with its status (never its credentials).', mutates: false, input: z.object({}), output: z.array(channelSummary) }),
  'channels.get': def({
    summary: 'One channel: rules, last pull and push, queue depth, errors with the channel’s own message, drift, unmapped counts and alerts.',
    mutates: false,
    input: channelId,
    output: channelSummary,
  }),
  'channels.create': def({
    summary: 'Connects a channel. Credentials are encrypted at rest and never returned. Created enabled, not yet synced.',
    mutates: true,
    input: z.object({
      kind: z.enum(CHANNEL_KINDS),
      name,
      config: config.default({}),
      credentials: credentials.optional(),
      pollIntervalSeconds: z.number().int().min(10, 'At least 10 seconds').max(86_400).default(60),
      isOwnWebshop: z.boolean().default(false),
      rules: channelRules.partial().default({}),
      enabled: z.boolean().default(true),
    }),
    output: channelSummary,
  }),
  'channels.update': def({
    summary: 'Changes a channel: name, enabled, poll interval, own-webshop flag, rules, config, or new credentials. Rule changes re-queue every mapped listing.',
    mutates: true,
    input: z.object({
      id,
      name: name.optional(),
      enabled: z.boolean().optional(),
      pollIntervalSeconds: z.number().int().min(10, 'At least 10 seconds').max(86_400).optional(),
      isOwnWebshop: z.boolean().optional(),
      rules: patchOf(channelRules).optional(),
      config: config.optional(),
      /** New credentials replace the stored ones; omit to keep them. */
      credentials: credentials.optional(),
    }),
    output: channelSummary,
  }),
  'channels.remove': def({
    summary:
      'Removes a channel with its listings, location map and queue. Orders it imported stay. With zeroFirst, every mapped listing is first set to 0 on the channel (nothing is left for sale there with no one importing its orders): that push is STARTED ({removed:false, started:true}) and the channel is removed only once every listing took the 0; if the push fails the channel stays, with the error in its status (channels.changed either way).',
    mutates: true,
    input: z.object({ id, zeroFirst: z.boolean().default(false) }),
    output: z.object({ removed: z.boolean(), started: z.boolean() }),
  }),
  'channels.test': def({
    summary: 'Starts a credentials check; the outcome (shop name or error) arrives in the channel status with channels.changed.',
    mutates: true,
    input: channelId,
    output: started,
  }),
  'channels.refreshListings': def({
    summary: 'Starts fetching the channel’s locations and listings and suggests a mapping by SKU, then barcode; channels.changed when done.',
    mutates: true,
    input: channelId,
    output: started,
  }),
  'channels.listings': def({
    summary: 'Listings of a channel, filtered (all, mapped, unmapped, suggested, drift, problem = held/rejected) and searched by SKU/title.',
    mutates: false,
    input: z.object({
      channelId: id,
      filter: z.enum(['all', 'mapped', 'unmapped', 'suggested', 'drift', 'problem']).default('all'),
      search: z.string().trim().max(100).optional(),
      offset: z.number().int().nonnegative().default(0),
      limit: z.number().int().positive().max(500).default(100),
    }),
    output: z.object({ total: z.number(), rows: z.array(channelListing) }),
  }),
  'channels.mapListing': def({
    summary: 'Maps a listing to an item by hand (itemId null unmaps it); the listing is queued for a push.',
    mutates: true,
    input: z.object({ listingId: id, itemId: id.nullable() }),
    output: channelListing,
  }),
  'channels.acceptSuggestions': def({
    summary:
      'Maps the unmapped listings that have a suggested item (all of the channel, or the given ones). A listing whose item another listing at the same location already offers is left a suggestion and listed in skipped with why.',
    mutates: true,
    input: z.object({ channelId: id, listingIds: z.array(id).max(10_000).optional() }),
    output: z.object({ mapped: z.number(), skipped: z.array(z.object({ listingId: id, message: z.string() })) }),
  }),
  'channels.locations': def({
    summary: 'The channel’s locations and the warehouse each is mapped to.',
    mutates: false,
    input: z.object({ channelId: id }),
    output: z.array(channelLocation),
  }),
  'channels.mapLocation': def({
    summary: 'Maps a channel location to a warehouse (null unmaps it); the channel’s listings are queued for a push.',
    mutates: true,
    input: z.object({ locationId: id, warehouseId: id.nullable() }),
    output: channelLocation,
  }),
  'channels.syncNow': def({
    summary: 'Starts one sync cycle now (orders first, then quantities), ignoring the backoff wait; channels.changed when done.',
    mutates: true,
    input: channelId,
    output: started,
  }),
  'channels.reconcile': def({
    summary: 'Starts a reconciliation: reads the channel’s quantities, records drift per listing and re-queues drifted listings.',
    mutates: true,
    input: channelId,
    output: started,
  }),
  'channels.unmappedLines': def({
    summary: 'Order lines of a channel that matched no item (their orders are on hold until resolved).',
    mutates: false,
    input: z.object({ channelId: id, limit: z.number().int().positive().max(1000).default(200) }),
    output: z.array(unmappedLine),
  }),
  'channels.outbox': def({
    summary: 'The push queue of a channel: listings queued, held, in flight or rejected, with attempts and errors.',
    mutates: false,
    input: z.object({ channelId: id, all: z.boolean().default(false), limit: z.number().int().positive().max(1000).default(200) }),
    output: z.array(outboxRow),
  }),
  'channels.feedCsv': def({
    summary: 'File channel: the quantity feed (CSV sku,quantity) of its mapped listings as the channel should show them now, to download or upload to the marketplace.',
    mutates: false,
    input: channelId,
    output: z.object({ csv: z.string(), filename: z.string(), rows: z.number() }),
  }),
  'channels.importOrdersCsv': def({
    summary:
      'File channel: imports orders from CSV (columns order_id, line_id, sku, quantity, unit_price, currency, customer_name, email, ship_name, company, address1, address2, city, region, postal_code, country, status, updated_at). Every bad row is reported with its row and field and then nothing is imported; idempotent on (channel, order id, line).',
    mutates: true,
    input: z.object({ channelId: id, csv: z.string().min(1, 'The file is empty').max(20_000_000) }),
    output: z.object({
      created: z.number(),
      cancelled: z.number(),
      skipped: z.number(),
      failed: z.number(),
      orders: z.array(z.object({ externalId: z.string(), outcome: z.string(), orderId: z.number().nullable(), message: z.string().nullable() })),
    }),
  }),
};
