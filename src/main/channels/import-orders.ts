import type { ParsedInput, ShipToAddress } from '../../shared/api';
import type { OrderStatus } from '../../shared/api/orders';
import { DomainError } from '../../shared/errors';
import { formatMoney } from '../../shared/money';
import type { CallContext } from '../core/context';
import { qb } from '../db/sql';
import { release } from '../ledger/stock-ops';
import { allocateCore } from '../orders/allocate';
import { createOrder } from '../orders/create';
import { cancelOrder, holdOrder } from '../orders/lifecycle';
import { addEvent, allocationsOf, linesOf, orderRow, setOrder, type OrderDb } from '../orders/repo';
import { ChannelError, type RemoteOrder, type RemoteOrderLine } from './connector';
import { availableOf, channelKey, type ChannelDb, type ChannelsEnv } from './repo';

export interface ImportResult {
  /**
   * skipped = this (external id, updatedAt) was processed before; changed = its lines changed on the channel and the
   * change was applied to our order; held = they changed after work on it started, so it was put on hold.
   */
  outcome: 'skipped' | 'created' | 'cancelled' | 'changed' | 'held' | 'updated' | 'ignored' | 'failed';
  orderId: number | null;
  message?: string;
}

const cut = (s: string | null | undefined, n: number): string => (s ?? '').trim().slice(0, n);

/** A channel's order, checked before anything is written: a malformed order stops the pull with no ledger change. */
export function checkRemoteOrder(o: RemoteOrder): void {
  const bad = (what: string): never => {
    throw new ChannelError('malformed', `Order ${o?.name || o?.externalId || '?'} from the channel is malformed: ${what}`);
  };
  if (!o || typeof o.externalId !== 'string' || !o.externalId) bad('no order id');
  if (typeof o.updatedAt !== 'string' || Number.isNaN(Date.parse(o.updatedAt))) bad(`updatedAt "${String(o.updatedAt)}" is not a time`);
  if (!['open', 'cancelled', 'closed'].includes(o.state)) bad(`unknown state "${String(o.state)}"`);
  if (!Array.isArray(o.lines)) bad('no lines');
  const ids = new Set<string>();
  for (const l of o.lines) {
    if (typeof l.externalLineId !== 'string' || !l.externalLineId) bad('a line has no id');
    if (ids.has(l.externalLineId)) bad(`line ${l.externalLineId} appears twice`);
    ids.add(l.externalLineId);
    if (!Number.isInteger(l.quantity) || l.quantity < 0) bad(`line ${l.externalLineId} has quantity ${String(l.quantity)}`);
    if (!Number.isInteger(l.unitPriceMinor) || l.unitPriceMinor < 0) bad(`line ${l.externalLineId} has price ${String(l.unitPriceMinor)}`);
  }
}

/** Which item a channel order line is: by listing ref, then SKU, then the listing's barcode. */
function itemOfLine(env: ChannelsEnv, channelId: number, l: RemoteOrderLine): number | null {
  const listing = l.ref ? env.sql.one(qb.selectFrom('channel_listings').select(['item_id', 'barcode']).where('channel_id', '=', channelId).where('ref', '=', l.ref)) : undefined;
  if (listing?.item_id) return listing.item_id;
  if (l.sku) {
    const bySku = env.sql.one(qb.selectFrom('items').select('id').where('sku', '=', l.sku.trim()));
    if (bySku) return bySku.id;
    const viaListing = env.sql.one(
      qb.selectFrom('channel_listings').select('item_id').where('channel_id', '=', channelId).where('sku', '=', l.sku).where('item_id', 'is not', null),
    );
    if (viaListing?.item_id) return viaListing.item_id;
  }
  if (listing?.barcode) {
    const bc = env.sql.one(qb.selectFrom('barcodes').select('item_id').where((eb) => eb.or([eb('code', '=', listing.barcode!), eb('gtin14', '=', listing.barcode!.padStart(14, '0'))])));
    if (bc) return bc.item_id;
  }
  return null;
}

function shipToOf(o: RemoteOrder): ShipToAddress {
  const s = o.shipTo;
  return {
    name: cut(s?.name || o.customerName, 60) || 'Unknown',
    ...(cut(s?.company, 60) && { company: cut(s?.company, 60) }),
    line1: cut(s?.line1, 60) || '(no shipping address given)',
    ...(cut(s?.line2, 60) && { line2: cut(s?.line2, 60) }),
    city: cut(s?.city, 40) || '-',
    ...(cut(s?.region, 30) && { region: cut(s?.region, 30) }),
    postalCode: cut(s?.postalCode, 12) || '-',
    country: cut(s?.country, 40) || '-',
  };
}

const recordSeen = (env: ChannelsEnv, c: ChannelDb, o: RemoteOrder, orderId: number | null, error: string | null): void => {
  const at = env.clock.now().toISOString();
  env.sql.run(
    qb
      .insertInto('channel_orders')
      .values({ channel_id: c.id, external_id: o.externalId, name: cut(o.name, 120), updated_at: o.updatedAt, remote_state: o.state, order_id: orderId, error, imported_at: at })
      .onConflict((oc) =>
        oc.columns(['channel_id', 'external_id']).doUpdateSet({ updated_at: o.updatedAt, remote_state: o.state, order_id: orderId, error, name: cut(o.name, 120) }),
      ),
  );
};

/**
 * Imports one channel order in ONE transaction, idempotent on (channel, external id) and its lines: a repeat of the
 * same (id, updatedAt) is skipped; a cancellation cancels our order unless it shipped (releasing what it holds);
 * lines changed on the channel (newer updatedAt) are applied or hold the order (applyLineChanges); an older version
 * than the one processed is skipped; a new open order is created through the orders module and allocated; lines
 * that match no item are recorded in channel_unmapped_lines and the order is put on hold; an order that cannot be
 * fully reserved is put on hold as oversold. A refusal from the orders module is recorded on the channel order (never dropped) and changes nothing.
 */
export function importRemoteOrder(env: ChannelsEnv, c: ChannelDb, o: RemoteOrder, ctx: CallContext): ImportResult {
  const seen = env.sql.one(qb.selectFrom('channel_orders').selectAll().where('channel_id', '=', c.id).where('external_id', '=', o.externalId));
  // Channel timestamps have one-second precision: a cancellation in the same second as the sale keeps updatedAt, so
  // the state is compared too.
  if (seen && seen.updated_at === o.updatedAt && seen.remote_state === o.state && seen.error === null) return { outcome: 'skipped', orderId: seen.order_id };
  // An older version than the one processed (a re-pull, pages out of order) must not undo a newer one.
  if (seen && seen.error === null && Date.parse(o.updatedAt) < Date.parse(seen.updated_at)) return { outcome: 'skipped', orderId: seen.order_id };
  try {
    return env.sql.tx(() => {
      const ours =
        seen?.order_id ?? env.sql.one(qb.selectFrom('sales_orders').select('id').where('channel', '=', channelKey(c)).where('external_id', '=', o.externalId))?.id ?? null;
      if (ours !== null) {
        let outcome: ImportResult['outcome'] = 'updated';
        if (o.state === 'cancelled') {
          const row = orderRow(env.sql, ours);
          if (!['shipped', 'cancelled'].includes(row.status)) {
            cancelOrder(env, ctx, ours, `Cancelled on ${cut(c.name, 200)} (${cut(o.name, 60) || o.externalId})`);
            outcome = 'cancelled';
          } else if (row.status === 'shipped' && seen?.remote_state !== 'cancelled') {
            // Too late to stop it: said in the order's history so a person can arrange the return or refund.
            addEvent(env, ctx, ours, 'channel_cancelled', { reason: `Cancelled on ${cut(c.name, 200)} after it shipped` });
          }
        } else if (o.state === 'open') {
          outcome = applyLineChanges(env, c, o, orderRow(env.sql, ours), ctx) ?? outcome;
        }
        recordSeen(env, c, o, ours, null);
        return { outcome, orderId: ours };
      }
      if (o.state !== 'open') {
        recordSeen(env, c, o, null, null);
        return { outcome: 'ignored', orderId: null };
      }
      const mapped: { line: RemoteOrderLine; itemId: number }[] = [];
      const unmapped: RemoteOrderLine[] = [];
      for (const l of o.lines) {
        if (l.quantity === 0) continue;
        const itemId = itemOfLine(env, c.id, l);
        if (itemId === null) unmapped.push(l);
        else mapped.push({ line: l, itemId });
      }
      // Oversold = the order wants more of an item than the warehouses have available right now.
      const want = new Map<number, number>();
      for (const m of mapped) want.set(m.itemId, (want.get(m.itemId) ?? 0) + m.line.quantity);
      const short: string[] = [];
      for (const [itemId, n] of want) {
        const lacking = n - availableOf(env, itemId, 'all');
        if (lacking > 0) short.push(`${lacking} of SKU ${env.sql.one(qb.selectFrom('items').select('sku').where('id', '=', itemId))!.sku}`);
      }
      const currency = /^[A-Z]{3}$/.test(o.currency ?? '') ? o.currency : env.settings.get().currency;
      const input = {
        channel: channelKey(c),
        externalId: o.externalId,
        customerName: cut(o.customerName, 120) || 'Unknown customer',
        customerEmail: cut(o.customerEmail, 200) || undefined,
        shipTo: shipToOf(o),
        currency,
        notes: cut(`${c.name} order ${o.name}`, 1000),
        lines: mapped.map((m) => ({ itemId: m.itemId, quantity: m.line.quantity, unitPriceMinor: m.line.unitPriceMinor, externalLineId: cut(m.line.externalLineId, 120) })),
      } as ParsedInput<'orders.create'>;
      const order = createOrder(env, ctx, input);
      if (mapped.length) allocateCore(env, ctx, orderRow(env.sql, order.id));
      const at = env.clock.now().toISOString();
      for (const l of unmapped) {
        env.sql.run(
          qb
            .insertInto('channel_unmapped_lines')
            .values({
              channel_id: c.id,
              order_id: order.id,
              external_id: o.externalId,
              external_line_id: l.externalLineId,
              ref: l.ref,
              sku: l.sku,
              title: cut(l.title, 300),
              quantity: l.quantity,
              unit_price_minor: l.unitPriceMinor,
              created_at: at,
            })
            .onConflict((oc) => oc.doNothing()),
        );
      }
      const reasons: string[] = [];
      if (short.length) reasons.push(`Oversold: short by ${short.join(', ')}`);
      if (unmapped.length) {
        const what = unmapped.map((l) => (l.sku ? `SKU ${l.sku}` : `"${cut(l.title, 40)}"`)).join(', ');
        reasons.push(`Unmapped: ${unmapped.length} line${unmapped.length === 1 ? '' : 's'} of ${cut(o.name, 60) || o.externalId} match no item (${what}); map the listing and add the line`);
      }
      if (reasons.length) holdOrder(env, ctx, order.id, cut(reasons.join('; '), 500));
      recordSeen(env, c, o, order.id, null);
      return { outcome: 'created', orderId: order.id };
    });
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    const message = `${e.message}`;
    env.sql.tx(() => recordSeen(env, c, o, null, message));
    return { outcome: 'failed', orderId: null, message };
  }
}

// ------------------------------------------------------------------------------------------- order edits

/** Statuses in which no one has started to pick, pack or ship an order: a change on the channel is applied. */
const EDITABLE: readonly OrderStatus[] = ['new', 'allocated', 'backordered'];
/** Order events that mean work on the floor started (picked, packed, weighed, shipped). */
const WORK_EVENTS = ['pick_list', 'pick', 'pick_short', 'pack', 'unpack', 'packed', 'box', 'weigh', 'weight_override', 'ship'];

/** Whether work on the order started: its status (or, on hold, the status it was held from) or any floor step. */
function workStarted(env: ChannelsEnv, o: OrderDb): boolean {
  const status = o.status === 'on_hold' ? ((o.held_from as OrderStatus | null) ?? 'new') : o.status;
  if (!EDITABLE.includes(status)) return true;
  const ev = env.sql.one(qb.selectFrom('order_events').select('id').where('order_id', '=', o.id).where('kind', 'in', WORK_EVENTS).limit(1));
  const pick = env.sql.one(qb.selectFrom('pick_list_lines').select('id').where('order_id', '=', o.id).limit(1));
  const shipped = env.sql.one(qb.selectFrom('sales_order_lines').select('id').where('order_id', '=', o.id).where('shipped', '>', 0).limit(1));
  return Boolean(ev || pick || shipped);
}

interface LineChange {
  kind: 'quantity' | 'price' | 'added' | 'removed' | 'unmapped' | 'unmapped_removed';
  externalLineId: string;
  /** Our line (quantity, price and removed changes). */
  lineId?: number;
  itemId?: number;
  remote?: RemoteOrderLine;
  from?: number;
  to?: number;
  text: string;
}

/**
 * What changed in a channel order's lines since we imported it, by external line id: a quantity, a price, a line
 * added (or one that matches no item), a line removed (gone, or quantity 0). Lines of ours without an external
 * line id are not the channel's and are left alone; a line keeps the item it was imported with.
 */
function lineChanges(env: ChannelsEnv, c: ChannelDb, o: RemoteOrder, order: OrderDb): LineChange[] {
  const orderId = order.id;
  const currency = order.currency;
  const ours = new Map(linesOf(env.sql, orderId).filter((l) => l.external_line_id !== null).map((l) => [l.external_line_id!, l]));
  const unmapped = new Map(
    env.sql
      .all(qb.selectFrom('channel_unmapped_lines').selectAll().where('channel_id', '=', c.id).where('external_id', '=', o.externalId))
      .map((u) => [u.external_line_id, u]),
  );
  const out: LineChange[] = [];
  const present = new Set<string>();
  for (const l of o.lines) {
    if (l.quantity === 0) continue;
    const key = cut(l.externalLineId, 120);
    present.add(key);
    const mine = ours.get(key);
    if (mine) {
      if (mine.quantity !== l.quantity) {
        const text = `line ${mine.sku} ${mine.quantity} → ${l.quantity}`;
        out.push({ kind: 'quantity', externalLineId: key, lineId: mine.id, from: mine.quantity, to: l.quantity, text });
      } else if (mine.unit_price_minor !== l.unitPriceMinor) {
        const text = `line ${mine.sku} price ${formatMoney(mine.unit_price_minor, currency)} → ${formatMoney(l.unitPriceMinor, currency)}`;
        out.push({ kind: 'price', externalLineId: key, lineId: mine.id, from: mine.unit_price_minor, to: l.unitPriceMinor, text });
      }
      continue;
    }
    const itemId = itemOfLine(env, c.id, l);
    if (itemId !== null) {
      const sku = env.sql.one(qb.selectFrom('items').select('sku').where('id', '=', itemId))!.sku;
      out.push({ kind: 'added', externalLineId: key, itemId, remote: l, to: l.quantity, text: `line ${sku} × ${l.quantity} added` });
    } else {
      const u = unmapped.get(l.externalLineId);
      if (!u || u.quantity !== l.quantity) {
        const what = l.sku ? `SKU ${l.sku}` : `"${cut(l.title, 40)}"`;
        const text = u ? `line ${what} ${u.quantity} → ${l.quantity} (matches no item)` : `line ${what} × ${l.quantity} added (matches no item)`;
        out.push({ kind: 'unmapped', externalLineId: l.externalLineId, remote: l, ...(u && { from: u.quantity }), to: l.quantity, text });
      }
    }
  }
  for (const [key, mine] of ours) {
    if (!present.has(key)) out.push({ kind: 'removed', externalLineId: key, lineId: mine.id, from: mine.quantity, text: `line ${mine.sku} × ${mine.quantity} removed` });
  }
  for (const [key, u] of unmapped) {
    if (!present.has(cut(key, 120)) && !o.lines.some((l) => l.externalLineId === key && l.quantity > 0)) {
      out.push({ kind: 'unmapped_removed', externalLineId: key, from: u.quantity, text: `line ${u.sku ? `SKU ${u.sku}` : `"${cut(u.title, 40)}"`} × ${u.quantity} removed` });
    }
  }
  return out;
}

/** Releases up to `quantity` units an order line holds, newest reservation first. */
function releaseLine(env: ChannelsEnv, ctx: CallContext, o: OrderDb, lineId: number, quantity: number, note: string): number {
  let left = quantity;
  for (const a of allocationsOf(env.sql, o.id).filter((x) => x.line_id === lineId && x.reserved > 0).reverse()) {
    if (left <= 0) break;
    const q = Math.min(left, a.reserved);
    release(env, ctx, { reservationId: a.reservation_id, quantity: q, note });
    left -= q;
  }
  return quantity - left;
}

/**
 * A channel order we imported changed its lines on the channel (same external id, newer updatedAt). Before anyone
 * picked, packed or shipped it (new, allocated, backordered, or on hold from one of those with no floor step), the
 * change is applied inside the caller's transaction: quantities and prices updated, removed lines' units released
 * and the lines dropped, added lines inserted, then the order re-allocated (a hold stays, with its reason); an
 * order event says what changed. A line that now cannot be reserved holds the order as oversold, one that matches
 * no item as unmapped. Once work started, nothing is changed: the order is put on hold with what changed so a
 * person decides (a shipped or cancelled order gets an event only). Returns null when the lines did not change.
 */
function applyLineChanges(env: ChannelsEnv, c: ChannelDb, o: RemoteOrder, order: OrderDb, ctx: CallContext): ImportResult['outcome'] | null {
  const changes = lineChanges(env, c, o, order);
  if (!changes.length) return null;
  const on = `${cut(c.name, 200)} (${cut(o.name, 60) || o.externalId})`;
  const what = changes.map((x) => x.text).join('; ');
  const data = { changes: changes.map(({ kind, externalLineId, lineId, itemId, from, to }) => ({ kind, externalLineId, lineId, itemId, from, to })) };

  if (workStarted(env, order)) {
    const stockChange = changes.some((x) => x.kind !== 'price');
    const stage = order.status === 'shipped' ? 'after it shipped' : order.status === 'cancelled' ? 'after it was cancelled here' : 'after picking started';
    const reason = cut(`Changed on ${on} ${stage}: ${what}`, 500);
    // The same change seen again (a later edit of something else on the channel) is not said twice.
    const last = env.sql.one(qb.selectFrom('order_events').select('reason').where('order_id', '=', order.id).where('kind', '=', 'channel_changed').orderBy('id', 'desc').limit(1));
    if (last?.reason === reason) return 'updated';
    addEvent(env, ctx, order.id, 'channel_changed', { reason, data: { ...data, applied: false } });
    if (!stockChange || order.status === 'shipped' || order.status === 'cancelled') return 'updated';
    if (order.status === 'on_hold') {
      setOrder(env, order.id, { hold_reason: cut(order.hold_reason ? `${reason}; ${order.hold_reason}` : reason, 500) });
    } else {
      holdOrder(env, ctx, order.id, reason);
    }
    return 'held';
  }

  const at = env.clock.now().toISOString();
  const note = `${order.number} changed on ${cut(c.name, 200)}`;
  let position = env.sql.one(qb.selectFrom('sales_order_lines').select((eb) => eb.fn.max<number>('position').as('m')).where('order_id', '=', order.id))?.m ?? 0;
  for (const x of changes) {
    if (x.kind === 'quantity') {
      if (x.to! < x.from!) {
        const l = linesOf(env.sql, order.id).find((y) => y.id === x.lineId)!;
        const reserved = allocationsOf(env.sql, order.id).filter((a) => a.line_id === x.lineId).reduce((s, a) => s + a.reserved, 0);
        // Only what the new quantity no longer needs goes back.
        const excess = reserved - Math.max(0, x.to! - l.shipped);
        if (excess > 0) releaseLine(env, ctx, order, x.lineId!, excess, note);
      }
      const remote = o.lines.find((l) => cut(l.externalLineId, 120) === x.externalLineId)!;
      env.sql.run(qb.updateTable('sales_order_lines').set({ quantity: x.to!, unit_price_minor: remote.unitPriceMinor }).where('id', '=', x.lineId!));
    } else if (x.kind === 'price') {
      env.sql.run(qb.updateTable('sales_order_lines').set({ unit_price_minor: x.to! }).where('id', '=', x.lineId!));
    } else if (x.kind === 'removed') {
      releaseLine(env, ctx, order, x.lineId!, Number.MAX_SAFE_INTEGER, note);
      // Nothing on the floor refers to the line yet (no pick, pack or ship): its released allocations go with it.
      env.sql.run(qb.deleteFrom('order_allocations').where('line_id', '=', x.lineId!));
      env.sql.run(qb.deleteFrom('sales_order_lines').where('id', '=', x.lineId!));
    } else if (x.kind === 'added') {
      env.sql.run(
        qb.insertInto('sales_order_lines').values({
          order_id: order.id,
          position: ++position,
          item_id: x.itemId!,
          quantity: x.remote!.quantity,
          unit_price_minor: x.remote!.unitPriceMinor,
          external_line_id: x.externalLineId,
          issues: null,
        }),
      );
      // A line that matched no item before and does now (its listing was mapped) is no longer in the way.
      env.sql.run(
        qb.deleteFrom('channel_unmapped_lines').where('channel_id', '=', c.id).where('external_id', '=', o.externalId).where('external_line_id', '=', x.remote!.externalLineId),
      );
    } else if (x.kind === 'unmapped') {
      const l = x.remote!;
      env.sql.run(
        qb
          .insertInto('channel_unmapped_lines')
          .values({
            channel_id: c.id,
            order_id: order.id,
            external_id: o.externalId,
            external_line_id: l.externalLineId,
            ref: l.ref,
            sku: l.sku,
            title: cut(l.title, 300),
            quantity: l.quantity,
            unit_price_minor: l.unitPriceMinor,
            created_at: at,
          })
          .onConflict((oc) => oc.columns(['channel_id', 'external_id', 'external_line_id']).doUpdateSet({ quantity: l.quantity, unit_price_minor: l.unitPriceMinor })),
      );
    } else {
      env.sql.run(qb.deleteFrom('channel_unmapped_lines').where('channel_id', '=', c.id).where('external_id', '=', o.externalId).where('external_line_id', '=', x.externalLineId));
    }
  }
  addEvent(env, ctx, order.id, 'channel_changed', { reason: cut(`Changed on ${on}: ${what}`, 500), data: { ...data, applied: true } });

  // Re-allocated like a new order: what the lines still need is reserved, what they no longer need was released.
  const held = order.status === 'on_hold';
  allocateCore(env, ctx, orderRow(env.sql, order.id));
  const after = orderRow(env.sql, order.id);
  if (held) setOrder(env, order.id, { status: 'on_hold', held_from: after.status });
  const reserved = new Map<number, number>();
  for (const a of allocationsOf(env.sql, order.id)) reserved.set(a.line_id, (reserved.get(a.line_id) ?? 0) + a.reserved);
  const short = linesOf(env.sql, order.id)
    .map((l) => ({ sku: l.sku, missing: l.quantity - l.shipped - (reserved.get(l.id) ?? 0) }))
    .filter((l) => l.missing > 0)
    .map((l) => `${l.missing} of SKU ${l.sku}`);
  const reasons: string[] = [];
  if (short.length) reasons.push(`Oversold: short by ${short.join(', ')} after a change on ${on}`);
  const newUnmapped = changes.filter((x) => x.kind === 'unmapped');
  if (newUnmapped.length) reasons.push(`Unmapped: ${newUnmapped.map((x) => x.text).join('; ')} on ${on}; map the listing and add the line`);
  if (reasons.length) {
    const reason = cut(reasons.join('; '), 500);
    if (held) setOrder(env, order.id, { hold_reason: cut(`${reason}; ${orderRow(env.sql, order.id).hold_reason ?? ''}`.replace(/; $/, ''), 500) });
    else holdOrder(env, ctx, order.id, reason);
  }
  return 'changed';
}
