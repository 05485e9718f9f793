import { sql as raw, type Updateable } from 'kysely';
import type { DB } from '../db/schema';
import type { channelsApi } from '../../shared/api/channels';
import type { ChannelSummary } from '../../shared/api/channels';
import type { ParsedInput } from '../../shared/api';
import { fail } from '../../shared/errors';
import { itemById } from '../catalog/items';
import { qb } from '../db/sql';
import { warehouseById } from '../locations/locations';
import type { Handlers } from '../core/router';
import type { ChannelEngine } from './engine';
import { parseOrderCsv, renderFeedCsv, type FeedRow } from './connectors/file';
import { checkRemoteOrder, importRemoteOrder } from './import-orders';
import { channelRow, desiredFor, listingQuery, listingRow, listingView, markDirty, toListing, type ChannelsEnv } from './repo';
import { summaryOf } from './repo';
import { credentialsHint, type SecretBox } from './secrets';

export type ChannelHandlers = Pick<Handlers, keyof typeof channelsApi>;

/** Config is stored in clear and returned by the API: a secret-looking key belongs in credentials. */
const SECRET_KEY = /secret|token|password|passwd|consumer_?key|api_?key|private/i;

function checkConfig(config: Record<string, unknown>): void {
  for (const k of Object.keys(config)) {
    if (SECRET_KEY.test(k)) fail('VALIDATION', `"${k}" looks like a secret: give it in credentials (stored encrypted), not in config`, { [`config.${k}`]: 'Put secrets in credentials' });
  }
}

export function channelHandlers(env: ChannelsEnv, engine: ChannelEngine, box: SecretBox): ChannelHandlers {
  const summary = (id: number): ChannelSummary => summaryOf(env, channelRow(env, id), engine.isBusy(id));
  const changed = <T>(v: T, id: number, reason: 'config' | 'listings' | 'status' = 'config'): T => {
    env.bus.emit('channels.changed', { channelIds: [id], reason });
    // Mapping, rules or location changes queue pushes: run a cycle soon rather than at the next poll.
    if (reason !== 'status') engine.scheduler.plan(id);
    return v;
  };
  const start = (id: number, work: (id: number) => Promise<unknown>): { started: boolean } => {
    channelRow(env, id);
    void work(id).catch(() => undefined);
    env.bus.emit('channels.changed', { channelIds: [id], reason: 'status' });
    return { started: true };
  };
  const checkName = (name: string, self: number | null): void => {
    const dup = env.sql.one(qb.selectFrom('channels').select('id').where(raw<boolean>`lower(name) = lower(${name})`));
    if (dup && dup.id !== self) fail('DUPLICATE', `There is already a channel named "${name}"`, { name: 'Name in use' });
  };
  /**
   * Another listing of the channel at the same location already mapped to the item: both would be pushed the whole
   * available quantity and the channel could sell it twice.
   */
  const sameItemListing = (channelId: number, locationRef: string | null, itemId: number, self: number) =>
    env.sql.one(
      qb
        .selectFrom('channel_listings')
        .select(['ref', 'sku'])
        .where('channel_id', '=', channelId)
        .where('item_id', '=', itemId)
        .where('id', '!=', self)
        .where(raw<boolean>`location_ref IS ${locationRef}`),
    );
  const duplicateMessage = (other: { ref: string; sku: string | null }, itemSku: string): string =>
    `Listing "${other.ref}"${other.sku ? ` (SKU ${other.sku})` : ''} already offers ${itemSku} at this location: two listings would each show the whole quantity and sell it twice. Unmap that one first`;
  const sealed = (creds: Record<string, string> | undefined) => {
    const clean = Object.fromEntries(Object.entries(creds ?? {}).filter(([, v]) => v !== ''));
    return Object.keys(clean).length ? { credentials: box.seal(clean), credentials_hint: credentialsHint(clean) } : { credentials: null, credentials_hint: null };
  };

  return {
    'channels.list': () => env.sql.all(qb.selectFrom('channels').select('id').orderBy('name').orderBy('id')).map((r) => summary(r.id)),
    'channels.get': (i) => summary(i.id),
    'channels.create': (i) => {
      checkConfig(i.config);
      const id = env.sql.tx(() => {
        checkName(i.name, null);
        const at = env.clock.now().toISOString();
        const r = i.rules;
        // Imported orders name their channel "kind:id": an id of a removed channel is never given again (SQLite would
        // reuse the highest), or a new shop's orders would be taken for the removed shop's orders with the same id.
        const used = env.sql.one(
          qb.selectNoFrom(
            raw<number>`max(coalesce((SELECT max(id) FROM channels), 0), coalesce((SELECT max(CAST(substr(channel, instr(channel, ':') + 1) AS INTEGER)) FROM sales_orders WHERE channel LIKE 'shopify:%' OR channel LIKE 'woocommerce:%' OR channel LIKE 'file:%'), 0))`.as('n'),
          ),
        )!.n;
        return env.sql.run(
          qb.insertInto('channels').values({
            id: used + 1,
            kind: i.kind,
            name: i.name,
            config: JSON.stringify(i.config),
            ...sealed(i.credentials),
            enabled: i.enabled ? 1 : 0,
            poll_interval_seconds: i.pollIntervalSeconds,
            is_own_webshop: i.isOwnWebshop ? 1 : 0,
            share_pct: r.sharePct ?? 100,
            max_qty: r.maxQty ?? null,
            floor_qty: r.floorQty ?? 0,
            keep_back: r.keepBack ?? 0,
            safety_buffer: r.safetyBuffer ?? 0,
            shop_name: null,
            order_watermark: null,
            last_pull_started_at: null,
            last_pull_at: null,
            last_push_at: null,
            last_test_at: null,
            last_reconcile_at: null,
            last_error: null,
            last_error_kind: null,
            last_error_at: null,
            next_attempt_at: null,
            state: 'idle',
            created_at: at,
            updated_at: at,
          }),
        ).lastInsertRowid;
      });
      engine.scheduler.plan(id);
      return changed(summary(id), id);
    },
    'channels.update': (i) => {
      if (i.config) checkConfig(i.config);
      env.sql.tx(() => {
        const c = channelRow(env, i.id);
        if (i.name !== undefined) checkName(i.name, c.id);
        const r = i.rules ?? {};
        const set: Updateable<DB['channels']> = { updated_at: env.clock.now().toISOString() };
        if (i.name !== undefined) set.name = i.name;
        if (i.enabled !== undefined) set.enabled = i.enabled ? 1 : 0;
        if (i.pollIntervalSeconds !== undefined) set.poll_interval_seconds = i.pollIntervalSeconds;
        if (i.isOwnWebshop !== undefined) set.is_own_webshop = i.isOwnWebshop ? 1 : 0;
        if (r.sharePct !== undefined) set.share_pct = r.sharePct;
        if (r.maxQty !== undefined) set.max_qty = r.maxQty;
        if (r.floorQty !== undefined) set.floor_qty = r.floorQty;
        if (r.keepBack !== undefined) set.keep_back = r.keepBack;
        if (r.safetyBuffer !== undefined) set.safety_buffer = r.safetyBuffer;
        if (i.config !== undefined) set.config = JSON.stringify(i.config);
        if (i.credentials !== undefined) Object.assign(set, sealed(i.credentials));
        // New credentials or config, or switched on again: a person acted, so the next attempt is not held back.
        if (i.credentials !== undefined || i.config !== undefined || i.enabled === true) Object.assign(set, { next_attempt_at: null, consecutive_failures: 0, state: 'idle' });
        env.sql.run(qb.updateTable('channels').set(set).where('id', '=', c.id));
        // Rules or the own-webshop flag change what every listing shows; keep-back on the own webshop changes the others.
        if (i.rules !== undefined || i.isOwnWebshop !== undefined || i.enabled === true) markDirty(env, { channelId: c.id });
        if (i.isOwnWebshop !== undefined || r.keepBack !== undefined) {
          for (const o of env.sql.all(qb.selectFrom('channels').select('id').where('id', '!=', c.id))) markDirty(env, { channelId: o.id });
        }
      });
      if (i.config !== undefined || i.credentials !== undefined) engine.forget(i.id);
      engine.scheduler.plan(i.id);
      return changed(summary(i.id), i.id);
    },
    'channels.remove': (i) => {
      const removeNow = (): void => {
        env.sql.tx(() => {
          channelRow(env, i.id);
          for (const t of ['channel_outbox', 'channel_unmapped_lines', 'channel_orders', 'channel_listings', 'channel_locations'] as const) {
            env.sql.run(qb.deleteFrom(t).where('channel_id', '=', i.id));
          }
          env.sql.run(qb.deleteFrom('channels').where('id', '=', i.id));
        });
        engine.forget(i.id);
      };
      channelRow(env, i.id);
      const mapped = env.sql.one(qb.selectFrom('channel_listings').select('id').where('channel_id', '=', i.id).where('item_id', 'is not', null));
      if (i.zeroFirst && mapped) {
        // The router is synchronous: the zero push runs in the channel's own queue (after any cycle already running)
        // and removes the channel itself once every listing took the 0; a failure leaves the channel as it was.
        void engine.zeroAndRemove(i.id, removeNow).catch(() => undefined);
        env.bus.emit('channels.changed', { channelIds: [i.id], reason: 'status' });
        return { removed: false, started: true };
      }
      removeNow();
      return changed({ removed: true, started: false }, i.id);
    },
    'channels.test': (i) => start(i.id, engine.test),
    'channels.refreshListings': (i) => start(i.id, engine.refreshListings),
    'channels.syncNow': (i) => {
      env.sql.run(qb.updateTable('channels').set({ next_attempt_at: null }).where('id', '=', channelRow(env, i.id).id));
      return start(i.id, (id) => engine.syncOnce(id));
    },
    'channels.reconcile': (i) => start(i.id, engine.reconcile),
    'channels.listings': (i) => listings(env, i),
    'channels.mapListing': (i) => {
      const l = listingRow(env, i.listingId);
      if (i.itemId !== null) {
        const item = itemById(env.sql, i.itemId);
        const other = sameItemListing(l.channel_id, l.location_ref, item.id, l.id);
        if (other) {
          fail('DUPLICATE', duplicateMessage(other, item.sku), {
            itemId: 'Already mapped to another listing',
          });
        }
      }
      env.sql.tx(() => {
        env.sql.run(qb.updateTable('channel_listings').set({ item_id: i.itemId, mapped_by: i.itemId === null ? null : 'manual', drift_qty: null }).where('id', '=', l.id));
        if (i.itemId !== null) markDirty(env, { listingIds: [l.id] });
        else env.sql.run(qb.deleteFrom('channel_outbox').where('listing_id', '=', l.id));
      });
      return changed(listingView(env, channelRow(env, l.channel_id), l.id), l.channel_id, 'listings');
    },
    'channels.acceptSuggestions': (i) => {
      channelRow(env, i.channelId, 'channelId');
      const skipped: { listingId: number; message: string }[] = [];
      const n = env.sql.tx(() => {
        let q = qb
          .selectFrom('channel_listings as l')
          .innerJoin('items as it', 'it.id', 'l.suggested_item_id')
          .select(['l.id', 'l.sku', 'l.location_ref', 'it.sku as item_sku', 'it.id as item_id'])
          .where('l.channel_id', '=', i.channelId)
          .where('l.item_id', 'is', null);
        if (i.listingIds) q = i.listingIds.length ? q.where('l.id', 'in', i.listingIds) : q.where(raw<boolean>`0`);
        const mapped: number[] = [];
        for (const r of env.sql.all(q.orderBy('l.id'))) {
          // Two listings at one location for the same item: the first is mapped, the other stays a suggestion.
          const other = sameItemListing(i.channelId, r.location_ref, r.item_id, r.id);
          if (other) {
            skipped.push({ listingId: r.id, message: duplicateMessage(other, r.item_sku) });
            continue;
          }
          const by = r.sku && r.sku.trim().toLowerCase() === r.item_sku.toLowerCase() ? 'sku' : 'barcode';
          env.sql.run(qb.updateTable('channel_listings').set({ item_id: r.item_id, mapped_by: by }).where('id', '=', r.id));
          mapped.push(r.id);
        }
        markDirty(env, { listingIds: mapped });
        return mapped.length;
      });
      return changed({ mapped: n, skipped }, i.channelId, 'listings');
    },
    'channels.locations': (i) => {
      channelRow(env, i.channelId, 'channelId');
      return env.sql
        .all(
          qb
            .selectFrom('channel_locations as cl')
            .leftJoin('warehouses as w', 'w.id', 'cl.warehouse_id')
            .select(['cl.id', 'cl.channel_id', 'cl.remote_ref', 'cl.name', 'cl.warehouse_id', 'w.code'])
            .where('cl.channel_id', '=', i.channelId)
            .orderBy('cl.name'),
        )
        .map((r) => ({ id: r.id, channelId: r.channel_id, remoteRef: r.remote_ref, name: r.name, warehouseId: r.warehouse_id, warehouseCode: r.code ?? null }));
    },
    'channels.mapLocation': (i) => {
      const l = env.sql.one(qb.selectFrom('channel_locations').selectAll().where('id', '=', i.locationId));
      if (!l) return fail('NOT_FOUND', `There is no channel location with id ${i.locationId}`, { locationId: 'Unknown channel location' });
      const w = i.warehouseId === null ? null : warehouseById(env.sql, i.warehouseId);
      env.sql.tx(() => {
        env.sql.run(qb.updateTable('channel_locations').set({ warehouse_id: w?.id ?? null }).where('id', '=', l.id));
        markDirty(env, { channelId: l.channel_id });
      });
      return changed(
        { id: l.id, channelId: l.channel_id, remoteRef: l.remote_ref, name: l.name, warehouseId: w?.id ?? null, warehouseCode: w?.code ?? null },
        l.channel_id,
        'listings',
      );
    },
    'channels.unmappedLines': (i) => {
      channelRow(env, i.channelId, 'channelId');
      return env.sql
        .all(
          qb
            .selectFrom('channel_unmapped_lines as u')
            .leftJoin('sales_orders as o', 'o.id', 'u.order_id')
            .selectAll('u')
            .select('o.number')
            .where('u.channel_id', '=', i.channelId)
            .orderBy('u.id', 'desc')
            .limit(i.limit),
        )
        .map((r) => ({
          id: r.id,
          channelId: r.channel_id,
          orderId: r.order_id,
          orderNumber: r.number ?? null,
          externalOrderId: r.external_id,
          externalLineId: r.external_line_id,
          ref: r.ref,
          sku: r.sku,
          title: r.title,
          quantity: r.quantity,
          createdAt: r.created_at,
        }));
    },
    'channels.feedCsv': (i) => {
      const c = channelRow(env, i.id);
      const rows: FeedRow[] = [];
      for (const l of env.sql.all(qb.selectFrom('channel_listings').selectAll().where('channel_id', '=', c.id).where('item_id', 'is not', null))) {
        const q = desiredFor(env, c, l);
        if (q !== null) rows.push({ sku: l.sku ?? l.ref, quantity: q });
      }
      const slug = c.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || `channel-${c.id}`;
      return { csv: renderFeedCsv(rows), filename: `${slug}-quantities.csv`, rows: rows.length };
    },
    'channels.importOrdersCsv': (i, ctx) => {
      const c = channelRow(env, i.channelId, 'channelId');
      const { orders, errors } = parseOrderCsv(i.csv, { defaultCurrency: env.settings.get().currency, receivedAt: env.clock.now().toISOString() });
      if (errors.length) {
        const fields: Record<string, string> = {};
        for (const e of errors) fields[`row ${e.row}.${e.field}`] ??= e.message;
        const first = errors[0];
        const n = new Set(errors.map((e) => e.row)).size;
        fail('IMPORT_INVALID', `${n} row${n === 1 ? ' has' : 's have'} problems, nothing was imported. Row ${first.row}, ${first.field}: ${first.message}`, fields, {
          errors: errors.slice(0, 1000),
        });
      }
      const out = { created: 0, cancelled: 0, skipped: 0, failed: 0, orders: [] as { externalId: string; outcome: string; orderId: number | null; message: string | null }[] };
      const ids: number[] = [];
      env.sql.tx(() => {
        for (const o of orders) {
          checkRemoteOrder(o);
          const r = importRemoteOrder(env, c, o, ctx);
          if (r.outcome === 'created') out.created++;
          else if (r.outcome === 'cancelled') out.cancelled++;
          else if (r.outcome === 'failed') out.failed++;
          else out.skipped++;
          if (r.orderId !== null && r.outcome !== 'skipped') ids.push(r.orderId);
          out.orders.push({ externalId: o.externalId, outcome: r.outcome, orderId: r.orderId, message: r.message ?? null });
        }
        env.sql.run(qb.updateTable('channels').set({ last_pull_at: env.clock.now().toISOString() }).where('id', '=', c.id));
      });
      if (ids.length) env.bus.emit('orders.changed', { orderIds: ids });
      return changed(out, c.id, 'status');
    },
    'channels.outbox': (i) => {
      channelRow(env, i.channelId, 'channelId');
      let q = qb
        .selectFrom('channel_outbox as o')
        .innerJoin('channel_listings as l', 'l.id', 'o.listing_id')
        .leftJoin('items as it', 'it.id', 'l.item_id')
        .selectAll('o')
        .select(['l.ref', 'l.sku', 'it.sku as item_sku'])
        .where('o.channel_id', '=', i.channelId);
      if (!i.all) q = q.where((eb) => eb.or([eb('o.state', '!=', 'idle'), eb('o.dirty', '=', 1)]));
      return env.sql.all(q.orderBy('o.listing_id').limit(i.limit)).map((r) => ({
        listingId: r.listing_id,
        ref: r.ref,
        sku: r.sku,
        itemSku: r.item_sku ?? null,
        state: r.dirty === 1 && (r.state === 'idle' || r.state === 'rejected') ? 'queued' : r.state,
        desiredQty: r.desired_qty,
        expectedQty: r.expected_qty,
        attempts: r.attempts,
        nextAttemptAt: r.next_attempt_at,
        lastError: r.last_error,
        updatedAt: r.updated_at,
      }));
    },
  };
}

function listings(env: ChannelsEnv, i: ParsedInput<'channels.listings'>) {
  const c = channelRow(env, i.channelId, 'channelId');
  let q = listingQuery().where('l.channel_id', '=', c.id);
  switch (i.filter) {
    case 'mapped':
      q = q.where('l.item_id', 'is not', null);
      break;
    case 'unmapped':
      q = q.where('l.item_id', 'is', null);
      break;
    case 'suggested':
      q = q.where('l.item_id', 'is', null).where('l.suggested_item_id', 'is not', null);
      break;
    case 'drift':
      q = q.where('l.drift_qty', 'is not', null).where('l.drift_qty', '!=', 0);
      break;
    case 'problem':
      q = q.where('o.state', 'in', ['held', 'rejected']);
      break;
  }
  if (i.search) {
    const s = `%${i.search.replace(/[%_\\]/g, (m) => `\\${m}`)}%`;
    q = q.where((eb) => eb.or([raw<boolean>`l.sku LIKE ${s} ESCAPE '\\'`, raw<boolean>`l.title LIKE ${s} ESCAPE '\\'`, raw<boolean>`i.sku LIKE ${s} ESCAPE '\\'`]));
  }
  const total = Number(env.sql.one(q.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')))?.n ?? 0);
  const rows = env.sql.all(q.orderBy('l.sku').orderBy('l.id').offset(i.offset).limit(i.limit));
  return { total, rows: rows.map((r) => toListing(env, c, r)) };
}
