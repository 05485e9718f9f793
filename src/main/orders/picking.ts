import type { ParsedInput, PickList } from '../../shared/api';
import { fail } from '../../shared/errors';
import type { CallContext } from '../core/context';
import { qb } from '../db/sql';
import { release } from '../ledger/stock-ops';
import { allocateCore } from './allocate';
import type { OrdersEnv } from './env';
import { naturalCompare } from './natural-sort';
import { addEvent, allocationsOf, assertStatus, inBox, nextNumber, orderRow, pickListNumber, setOrder, type AllocationState } from './repo';
import { isBadScan, readScan } from './scan';

/** Orders whose pick lines are skipped: nobody should pick for them now. */
const NOT_PICKABLE = new Set(['cancelled', 'on_hold', 'shipped']);

const pickLinesQuery = (pickListId: number) =>
  qb
    .selectFrom('pick_list_lines as p')
    .innerJoin('items as i', 'i.id', 'p.item_id')
    .innerJoin('sales_orders as o', 'o.id', 'p.order_id')
    .leftJoin('lots as l', 'l.id', 'p.lot_id')
    .selectAll('p')
    .select(['i.sku', 'i.name', 'o.number', 'o.tote', 'o.status', 'l.code as lot', 'l.expiry'])
    .where('p.pick_list_id', '=', pickListId)
    .orderBy('p.seq');

function pickListRow(env: OrdersEnv, id: number) {
  const r = env.sql.one(qb.selectFrom('pick_lists').selectAll().where('id', '=', id));
  if (!r) return fail('UNKNOWN_PICK_LIST', `There is no pick list ${id}`, { pickListId: 'Unknown pick list' });
  return r;
}

export function pickListView(env: OrdersEnv, id: number): PickList {
  const pl = pickListRow(env, id);
  const rows = env.sql.pAll(pickLinesQuery, id);
  const lines = rows.map((r) => ({
    id: r.id,
    seq: r.seq,
    orderId: r.order_id,
    orderNumber: r.number,
    tote: r.tote,
    lineId: r.line_id,
    itemId: r.item_id,
    sku: r.sku,
    name: r.name,
    locationId: r.location_id,
    path: env.locs.path(r.location_id),
    lotId: r.lot_id,
    lot: r.lot ?? null,
    expiry: r.expiry ?? null,
    quantity: r.quantity,
    picked: r.picked,
    short: r.short,
    done: r.picked + r.short >= r.quantity,
  }));
  const n = rows.find((r) => r.picked + r.short < r.quantity && !NOT_PICKABLE.has(r.status));
  return {
    id: pl.id,
    number: pl.number,
    status: pl.status,
    orderIds: [...new Set(lines.map((l) => l.orderId))],
    lines,
    next: n
      ? {
          lineId: n.id,
          expect: pl.confirmed_location_id === n.location_id ? 'item' : 'bin',
          path: env.locs.path(n.location_id),
          sku: n.sku,
          lot: n.lot ?? null,
          remaining: n.quantity - n.picked - n.short,
        }
      : null,
    createdAt: pl.created_at,
  };
}

/** Bin path in natural order, then SKU, then the earliest expiry, so the picker walks the aisles once. */
function insertPickLines(env: OrdersEnv, pickListId: number, firstSeq: number, allocs: AllocationState[]): void {
  const withPath = allocs.map((a) => ({ a, path: env.locs.path(a.location_id), sku: env.sql.one(qb.selectFrom('items').select('sku').where('id', '=', a.item_id))!.sku }));
  withPath.sort(
    (x, y) =>
      naturalCompare(x.path, y.path) ||
      naturalCompare(x.sku, y.sku) ||
      (x.a.expiry ?? '9999-12-31').localeCompare(y.a.expiry ?? '9999-12-31') ||
      x.a.order_id - y.a.order_id ||
      x.a.id - y.a.id,
  );
  let seq = firstSeq;
  for (const { a } of withPath) {
    env.sql.run(
      qb.insertInto('pick_list_lines').values({
        pick_list_id: pickListId,
        seq: seq++,
        order_id: a.order_id,
        line_id: a.line_id,
        allocation_id: a.id,
        item_id: a.item_id,
        location_id: a.location_id,
        lot_id: a.lot_id,
        quantity: a.reserved,
      }),
    );
  }
}

export function createPickList(env: OrdersEnv, ctx: CallContext, input: ParsedInput<'orders.pickList'>): PickList {
  return env.sql.tx(() => {
    const ids = [...new Set(input.orderIds)];
    const allocs: AllocationState[] = [];
    const at = env.clock.now().toISOString();
    const number = pickListNumber(nextNumber(env.sql, 'pick_lists'));
    for (const id of ids) {
      const o = orderRow(env.sql, id, 'orderIds');
      assertStatus(o, ['allocated'], 'be picked', o.status === 'backordered' || o.status === 'new' ? 'Allocate it first' : '');
      const open = env.sql.one(
        qb
          .selectFrom('pick_list_lines as p')
          .innerJoin('pick_lists as l', 'l.id', 'p.pick_list_id')
          .select('l.number')
          .where('p.order_id', '=', id)
          .where('l.status', '=', 'open'),
      );
      if (open) fail('ORDER_STATUS', `${o.number} is already on pick list ${open.number}`, { orderIds: 'Already on an open pick list' });
      allocs.push(...allocationsOf(env.sql, id).filter((a) => a.reserved > 0));
    }
    for (const t of input.totes) {
      if (!ids.includes(t.orderId)) fail('VALIDATION', `Order ${t.orderId} is not on this pick list`, { totes: 'Tote for an order not on the list' });
      const tote = t.tote.toUpperCase();
      const holder = env.sql.one(qb.selectFrom('sales_orders').select(['id', 'number']).where('tote', '=', tote));
      if (holder && holder.id !== t.orderId) fail('DUPLICATE', `Tote ${tote} already holds ${holder.number}`, { totes: 'Tote in use' });
    }
    if (new Set(input.totes.map((t) => t.tote.toUpperCase())).size !== input.totes.length) fail('DUPLICATE', 'One tote for two orders', { totes: 'Tote used twice' });
    const pl = env.sql.run(
      qb.insertInto('pick_lists').values({ number, status: 'open', confirmed_location_id: null, created_by: ctx.actor, created_device: ctx.device, created_at: at, completed_at: null }),
    ).lastInsertRowid;
    insertPickLines(env, pl, 1, allocs);
    for (const id of ids) {
      const tote = input.totes.find((t) => t.orderId === id)?.tote.toUpperCase();
      setOrder(env, id, { status: 'picking', ...(tote && { tote }) });
      addEvent(env, ctx, id, 'pick_list', { data: { pickListId: pl, number, tote: tote ?? null } });
    }
    return pickListView(env, pl);
  });
}

function finishIfDone(env: OrdersEnv, pickListId: number): void {
  const v = pickListView(env, pickListId);
  const done = v.lines.every((l) => l.done);
  env.sql.run(qb.updateTable('pick_lists').set({ status: done ? 'done' : 'open', completed_at: done ? env.clock.now().toISOString() : null }).where('id', '=', pickListId));
}

/**
 * One scan at the shelf: the bin of the next line, then its item. Anything else is refused with what to do
 * instead, and nothing changes, so a mis-scan costs the picker one more scan and no correction.
 */
export function pickScan(env: OrdersEnv, ctx: CallContext, input: ParsedInput<'orders.pickScan'>): PickList & { message: string } {
  return env.sql.tx(() => {
    const pl = pickListRow(env, input.pickListId);
    const view = pickListView(env, pl.id);
    const next = view.next;
    if (pl.status === 'done' || !next) return fail('ORDER_STATUS', `Pick list ${pl.number} is complete: nothing left to pick`);
    const line = view.lines.find((l) => l.id === next.lineId)!;
    const what = `${line.sku}${line.lot ? ` lot ${line.lot}` : ''}`;
    const scan = readScan(env, input.code);
    if (isBadScan(scan)) return fail('BAD_SCAN', scan.message, { code: 'Not readable' }, { scan: scan.kind, errorCode: scan.errorCode });
    if (scan.kind === 'bin' && scan.location) {
      if (scan.location.id !== line.locationId) {
        return fail('WRONG_BIN', `Wrong bin: this is ${scan.location.path}. Pick ${what} from ${line.path}`, { code: 'Wrong bin' }, { expected: line.path, scanned: scan.location.path });
      }
      env.sql.run(qb.updateTable('pick_lists').set({ confirmed_location_id: line.locationId }).where('id', '=', pl.id));
      const left = line.quantity - line.picked - line.short;
      return { ...pickListView(env, pl.id), message: `Bin ${line.path} confirmed: pick ${left} × ${what}` };
    }
    if (!scan.item) {
      return fail('BAD_SCAN', `${scan.message}: scan the bin ${line.path}, then the item ${line.sku}`, { code: 'Not a bin or an item' });
    }
    if (pl.confirmed_location_id !== line.locationId) {
      return fail('SCAN_BIN_FIRST', `Scan the bin ${line.path} first, then ${line.sku}`, { code: 'Bin not confirmed' }, { expected: line.path });
    }
    if (scan.item.id !== line.itemId) {
      return fail('WRONG_ITEM', `Wrong item: ${scan.item.sku} ${scan.item.name}. Pick ${line.sku} ${line.name} from ${line.path}`, { code: 'Wrong item' }, { expected: line.sku, scanned: scan.item.sku });
    }
    const lot = scan.lot ?? scan.serial;
    if (line.lot && lot !== undefined && lot !== line.lot) {
      return fail('WRONG_LOT', `Wrong lot ${lot}: pick lot ${line.lot} of ${line.sku}`, { code: 'Wrong lot' }, { expected: line.lot, scanned: lot });
    }
    const qty = input.quantity ?? scan.quantity ?? 1;
    const left = line.quantity - line.picked - line.short;
    if (qty > left) {
      return fail('OVER_SCAN', `One too many: only ${left} × ${what} left to pick from ${line.path}`, { quantity: `Only ${left} left` }, { remaining: left, scanned: qty });
    }
    env.sql.run(qb.updateTable('pick_list_lines').set({ picked: line.picked + qty }).where('id', '=', line.id));
    const alloc = env.sql.one(qb.selectFrom('pick_list_lines').select('allocation_id').where('id', '=', line.id))!.allocation_id;
    addEvent(env, ctx, line.orderId, 'pick', { lineId: line.lineId, allocationId: alloc, quantity: qty, lot: line.lot, code: scan.raw, data: { pickListId: pl.id, locationId: line.locationId } });
    finishIfDone(env, pl.id);
    const after = pickListView(env, pl.id);
    const rest = left - qty;
    const then = after.next ? ` Next: ${after.next.expect === 'bin' ? `bin ${after.next.path}` : `${after.next.remaining} × ${after.next.sku}`}` : ' Pick list complete.';
    return { ...after, message: `Picked ${qty} × ${what}${rest ? `, ${rest} to go` : ''}.${then}` };
  });
}

/**
 * The bin holds fewer than the line asks for: the missing units' reservation is released, the bin (and lot) is kept out
 * of this line's allocation, and the rest is allocated elsewhere (new lines on this list) or the order is backordered.
 */
export function pickShort(env: OrdersEnv, ctx: CallContext, input: ParsedInput<'orders.pickShort'>): PickList & { message: string } {
  return env.sql.tx(() => {
    const pl = pickListRow(env, input.pickListId);
    const line = env.sql.one(qb.selectFrom('pick_list_lines').selectAll().where('id', '=', input.lineId).where('pick_list_id', '=', pl.id));
    if (!line) return fail('UNKNOWN_PICK_LIST', `Pick list ${pl.number} has no line ${input.lineId}`, { lineId: 'Not a line of this pick list' });
    const o = orderRow(env.sql, line.order_id);
    assertStatus(o, ['picking', 'backordered'], 'report a shortage');
    if (line.picked + line.short >= line.quantity) fail('VALIDATION', 'This line is already complete', { lineId: 'Already complete' });
    if (input.found < line.picked) fail('VALIDATION', `${line.picked} were already picked from this bin by scan`, { found: `At least ${line.picked}` });
    if (input.found >= line.quantity) fail('VALIDATION', 'That is everything the line asks for: scan the items instead', { found: `Less than ${line.quantity}` });
    const alloc = allocationsOf(env.sql, o.id).find((a) => a.id === line.allocation_id)!;
    const missing = line.quantity - input.found;
    if (inBox(alloc) > alloc.reserved - missing) fail('VALIDATION', `${inBox(alloc)} of these units are already packed: unpack them first`, { found: 'Already packed' });
    release(env, ctx, { reservationId: alloc.reservation_id, quantity: missing, note: `${o.number}: ${missing} not found at ${env.locs.path(line.location_id)}` });
    env.sql.run(qb.updateTable('pick_list_lines').set({ picked: input.found, short: missing }).where('id', '=', line.id));
    addEvent(env, ctx, o.id, 'pick_short', {
      lineId: line.line_id,
      allocationId: alloc.id,
      quantity: missing,
      lot: alloc.lot,
      data: { locationId: line.location_id, lotId: line.lot_id, found: input.found, pickListId: pl.id },
    });
    const before = new Set(allocationsOf(env.sql, o.id).map((a) => a.id));
    allocateCore(env, ctx, orderRow(env.sql, o.id), { keepStatus: true });
    const fresh = allocationsOf(env.sql, o.id).filter((a) => !before.has(a.id) && a.reserved > 0);
    if (fresh.length) {
      const maxSeq = env.sql.one(qb.selectFrom('pick_list_lines').select((eb) => eb.fn.max<number>('seq').as('m')).where('pick_list_id', '=', pl.id))?.m ?? 0;
      insertPickLines(env, pl.id, maxSeq + 1, fresh);
    }
    finishIfDone(env, pl.id);
    const after = orderRow(env.sql, o.id);
    const where = fresh.map((a) => `${a.reserved} from ${env.locs.path(a.location_id)}`).join(', ');
    const message = fresh.length
      ? `${missing} short at ${env.locs.path(line.location_id)}: re-allocated ${where} (added to this list)`
      : `${missing} short at ${env.locs.path(line.location_id)}: ${after.number} is ${after.status.replace('_', ' ')}${after.allocation_note ? ` — ${after.allocation_note}` : ''}`;
    return { ...pickListView(env, pl.id), message };
  });
}

export const getPickList = (env: OrdersEnv, id: number): PickList => pickListView(env, id);
