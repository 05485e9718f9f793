import type { ParsedInput, ShipToAddress } from '../../shared/api';
import { DomainError } from '../../shared/errors';
import type { CallContext } from '../core/context';
import { qb } from '../db/sql';
import { allocateCore } from '../orders/allocate';
import { createOrder } from '../orders/create';
import { cancelOrder, holdOrder } from '../orders/lifecycle';
import { addEvent, orderRow } from '../orders/repo';
import { ChannelError, type RemoteOrder, type RemoteOrderLine } from './connector';
import { availableOf, channelKey, type ChannelDb, type ChannelsEnv } from './repo';

export interface ImportResult {
  /** skipped = this (external id, updatedAt) was processed before. */
  outcome: 'skipped' | 'created' | 'cancelled' | 'updated' | 'ignored' | 'failed';
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
 * a new open order is created through the orders module and allocated; lines that match no item are recorded in
 * channel_unmapped_lines and the order is put on hold; an order that cannot be fully reserved is put on hold as
 * oversold. A refusal from the orders module is recorded on the channel order (never dropped) and changes nothing.
 */
export function importRemoteOrder(env: ChannelsEnv, c: ChannelDb, o: RemoteOrder, ctx: CallContext): ImportResult {
  const seen = env.sql.one(qb.selectFrom('channel_orders').selectAll().where('channel_id', '=', c.id).where('external_id', '=', o.externalId));
  // Channel timestamps have one-second precision: a cancellation in the same second as the sale keeps updatedAt, so
  // the state is compared too.
  if (seen && seen.updated_at === o.updatedAt && seen.remote_state === o.state && seen.error === null) return { outcome: 'skipped', orderId: seen.order_id };
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
