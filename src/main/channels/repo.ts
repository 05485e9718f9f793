import type { Compilable, Selectable } from 'kysely';
import { sql as raw } from 'kysely';
import type { ChannelListing, ChannelRules, ChannelSummary, PushState } from '../../shared/api/channels';
import { fail } from '../../shared/errors';
import type { DB } from '../db/schema';
import { qb } from '../db/sql';
import { listBalances } from '../ledger/queries';
import type { OrdersEnv } from '../orders/env';
import { channelQuantity } from './rules';

export type ChannelDb = Selectable<DB['channels']>;
export type ListingDb = Selectable<DB['channel_listings']>;
export type OutboxDb = Selectable<DB['channel_outbox']>;

/** What the channels module needs: the orders environment (orders are imported through the orders module). */
export type ChannelsEnv = OrdersEnv;

export const channelKey = (c: Pick<ChannelDb, 'kind' | 'id'>): string => `${c.kind}:${c.id}`;

export function channelRow(env: ChannelsEnv, id: number, field = 'id'): ChannelDb {
  const c = env.sql.one(qb.selectFrom('channels').selectAll().where('id', '=', id));
  if (!c) return fail('UNKNOWN_CHANNEL', `There is no channel with id ${id}`, { [field]: 'Unknown channel' });
  return c;
}

export function listingRow(env: ChannelsEnv, id: number, field = 'listingId'): ListingDb {
  const l = env.sql.one(qb.selectFrom('channel_listings').selectAll().where('id', '=', id));
  if (!l) return fail('UNKNOWN_LISTING', `There is no channel listing with id ${id}`, { [field]: 'Unknown listing' });
  return l;
}

export const rulesOf = (c: ChannelDb): ChannelRules => ({
  sharePct: c.share_pct,
  maxQty: c.max_qty,
  floorQty: c.floor_qty,
  keepBack: c.keep_back,
  safetyBuffer: c.safety_buffer,
});

export const nextSeq = (env: ChannelsEnv): number => {
  env.sql.run(qb.updateTable('channel_seq').set({ value: raw`value + 1` }).where('id', '=', 1));
  return env.sql.one(qb.selectFrom('channel_seq').select('value').where('id', '=', 1))!.value;
};

/**
 * Queues listings for a push (rules, mapping or location map changed). Same effect as the balance triggers: the
 * listing is recomputed at the next drain, and its change is ordered after every pull that started before.
 */
export function markDirty(env: ChannelsEnv, where: { channelId: number } | { listingIds: number[] }): number {
  const seq = nextSeq(env);
  const at = env.clock.now().toISOString();
  let q = qb.selectFrom('channel_listings').select(['id', 'channel_id']).where('item_id', 'is not', null);
  q = 'channelId' in where ? q.where('channel_id', '=', where.channelId) : where.listingIds.length ? q.where('id', 'in', where.listingIds) : q.where(raw<boolean>`0`);
  const rows = env.sql.all(q);
  for (const r of rows) {
    env.sql.run(
      qb
        .insertInto('channel_outbox')
        .values({ listing_id: r.id, channel_id: r.channel_id, dirty: 1, dirty_seq: seq, dirty_at: at, state: 'idle', attempts: 0 })
        .onConflict((oc) => oc.column('listing_id').doUpdateSet({ dirty: 1, dirty_seq: seq, dirty_at: at })),
    );
  }
  return rows.length;
}

/** Warehouses whose stock a listing offers: its location's warehouse, or (one stock pool) every mapped warehouse, or all. null = not managed. */
export function warehousesFor(env: ChannelsEnv, channelId: number, locationRef: string | null): number[] | 'all' | null {
  const locs = env.sql.all(qb.selectFrom('channel_locations').select(['remote_ref', 'warehouse_id']).where('channel_id', '=', channelId));
  if (locationRef !== null) {
    const l = locs.find((x) => x.remote_ref === locationRef);
    return l?.warehouse_id ? [l.warehouse_id] : null;
  }
  const mapped = locs.filter((l) => l.warehouse_id !== null).map((l) => l.warehouse_id!);
  return mapped.length ? [...new Set(mapped)] : 'all';
}

/** On hand − reserved over the sellable bins (the ledger's bin balances, as allocation sees them) of the warehouses. */
export function availableOf(env: ChannelsEnv, itemId: number, warehouses: number[] | 'all'): number {
  let sum = 0;
  for (const b of listBalances(env, { itemId })) {
    if (b.warehouseId === null) continue;
    if (warehouses !== 'all' && !warehouses.includes(b.warehouseId)) continue;
    sum += Math.max(0, b.available);
  }
  return sum;
}

/** What the channel should show for a listing now; null when it is unmapped or at an unmapped location. */
export function desiredFor(env: ChannelsEnv, c: ChannelDb, l: Pick<ListingDb, 'item_id' | 'location_ref'>): number | null {
  if (l.item_id === null) return null;
  const wh = warehousesFor(env, c.id, l.location_ref);
  if (wh === null) return null;
  // An inactive item is never allocated: the channel must not sell it (migration 0080 queues the flag's changes).
  if (env.sql.one(qb.selectFrom('items').select('active').where('id', '=', l.item_id))?.active !== 1) return 0;
  return channelQuantity(availableOf(env, l.item_id, wh), rulesOf(c), c.is_own_webshop === 1);
}

// ------------------------------------------------------------------------------------------------- views

export function summaryOf(env: ChannelsEnv, c: ChannelDb, busy: boolean): ChannelSummary {
  const count = (q: Compilable<{ n: number }>): number => Number(env.sql.one(q)?.n ?? 0);
  const listings = env.sql.one(
    qb
      .selectFrom('channel_listings')
      .select([
        (eb) => eb.fn.countAll<number>().as('n'),
        raw<number>`coalesce(sum(item_id IS NOT NULL), 0)`.as('mapped'),
        raw<number>`coalesce(sum(item_id IS NULL AND suggested_item_id IS NOT NULL), 0)`.as('suggested'),
        raw<number>`coalesce(sum(drift_qty IS NOT NULL AND drift_qty <> 0), 0)`.as('drift'),
      ])
      .where('channel_id', '=', c.id),
  )!;
  const states = env.sql.all(qb.selectFrom('channel_outbox').select(['state', (eb) => eb.fn.countAll<number>().as('n')]).where('channel_id', '=', c.id).groupBy('state'));
  const st = (s: PushState): number => Number(states.find((x) => x.state === s)?.n ?? 0);
  const dirty = count(qb.selectFrom('channel_outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('channel_id', '=', c.id).where('dirty', '=', 1).where('state', 'in', ['idle', 'rejected']));
  // Lines still in the way: their order is on hold (a person resolves them by fixing the order and releasing it).
  const unmappedLines = count(
    qb
      .selectFrom('channel_unmapped_lines as u')
      .leftJoin('sales_orders as o', 'o.id', 'u.order_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('u.channel_id', '=', c.id)
      .where((eb) => eb.or([eb('o.id', 'is', null), eb('o.status', '=', 'on_hold')])),
  );
  const oversoldOrders = env.sql.all(
    qb
      .selectFrom('sales_orders')
      .select(['number', 'hold_reason'])
      .where('channel', '=', channelKey(c))
      .where('status', '=', 'on_hold')
      .where('hold_reason', 'like', 'Oversold%')
      .orderBy('id')
      .limit(50),
  );
  const failed = env.sql.all(qb.selectFrom('channel_orders').select(['name', 'external_id', 'error']).where('channel_id', '=', c.id).where('error', 'is not', null).orderBy('id').limit(20));
  const alerts: string[] = [];
  for (const o of oversoldOrders.slice(0, 5)) alerts.push(`${o.number}: ${o.hold_reason}`);
  if (oversoldOrders.length > 5) alerts.push(`${oversoldOrders.length - 5} more oversold orders on hold`);
  if (unmappedLines) alerts.push(`${unmappedLines} order line${unmappedLines === 1 ? '' : 's'} matched no item: their orders are on hold`);
  for (const f of failed.slice(0, 5)) alerts.push(`Order ${f.name || f.external_id} was not imported: ${f.error}`);
  if (Number(listings.drift)) alerts.push(`${listings.drift} listing${Number(listings.drift) === 1 ? '' : 's'} showed a different quantity at the last reconciliation`);
  if (st('rejected')) alerts.push(`${st('rejected')} listing${st('rejected') === 1 ? ' was' : 's were'} refused by the channel`);
  const total = Number(listings.n);
  const mapped = Number(listings.mapped);
  return {
    id: c.id,
    kind: c.kind,
    name: c.name,
    enabled: c.enabled === 1,
    isOwnWebshop: c.is_own_webshop === 1,
    pollIntervalSeconds: c.poll_interval_seconds,
    config: JSON.parse(c.config) as ChannelSummary['config'],
    hasCredentials: c.credentials !== null,
    credentialsHint: c.credentials !== null ? c.credentials_hint : null,
    rules: rulesOf(c),
    shopName: c.shop_name,
    state: c.enabled ? c.state : 'disabled',
    busy,
    orderWatermark: c.order_watermark,
    lastPullStartedAt: c.last_pull_started_at,
    lastPullAt: c.last_pull_at,
    lastPushAt: c.last_push_at,
    lastTestAt: c.last_test_at,
    lastReconcileAt: c.last_reconcile_at,
    lastError: c.last_error ? { kind: (c.last_error_kind ?? 'config') as NonNullable<ChannelSummary['lastError']>['kind'], message: c.last_error, at: c.last_error_at ?? '' } : null,
    consecutiveFailures: c.consecutive_failures,
    nextAttemptAt: c.next_attempt_at,
    counts: {
      listings: total,
      mapped,
      unmapped: total - mapped,
      suggested: Number(listings.suggested),
      queue: st('queued') + st('held') + st('in_flight') + dirty,
      held: st('held'),
      rejected: st('rejected'),
      drift: Number(listings.drift),
      unmappedLines,
      oversold: oversoldOrders.length,
      failedOrders: failed.length,
    },
    alerts,
  };
}

export function listingView(env: ChannelsEnv, c: ChannelDb, id: number): ChannelListing {
  const row = env.sql.one(listingQuery().where('l.id', '=', id));
  if (!row) return fail('UNKNOWN_LISTING', `There is no channel listing with id ${id}`, { listingId: 'Unknown listing' });
  return toListing(env, c, row);
}

export const listingQuery = () =>
  qb
    .selectFrom('channel_listings as l')
    .leftJoin('items as i', 'i.id', 'l.item_id')
    .leftJoin('items as s', 's.id', 'l.suggested_item_id')
    .leftJoin('channel_outbox as o', 'o.listing_id', 'l.id')
    .leftJoin('channel_locations as cl', (j) => j.onRef('cl.channel_id', '=', 'l.channel_id').onRef('cl.remote_ref', '=', 'l.location_ref'))
    .selectAll('l')
    .select(['i.sku as item_sku', 'i.name as item_name', 's.sku as suggested_sku', 'o.state as push_state', 'o.last_error as push_error', 'cl.name as location_name']);

export type ListingQueryRow = Awaited<ReturnType<ReturnType<typeof listingQuery>['executeTakeFirstOrThrow']>>;

export function toListing(env: ChannelsEnv, c: ChannelDb, r: ListingQueryRow): ChannelListing {
  return {
    id: r.id,
    channelId: r.channel_id,
    ref: r.ref,
    locationRef: r.location_ref,
    locationName: r.location_name ?? null,
    sku: r.sku,
    barcode: r.barcode,
    title: r.title,
    itemId: r.item_id,
    itemSku: r.item_sku ?? null,
    itemName: r.item_name ?? null,
    mappedBy: r.mapped_by,
    suggestedItemId: r.suggested_item_id,
    suggestedSku: r.suggested_sku ?? null,
    desiredQty: desiredFor(env, c, r),
    lastPushedQty: r.last_pushed_qty,
    lastRemoteQty: r.last_remote_qty,
    lastRemoteAt: r.last_remote_at,
    driftQty: r.drift_qty,
    pushState: (r.push_state ?? 'idle') as PushState,
    pushError: r.push_error ?? null,
  };
}
