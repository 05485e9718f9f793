import type { Selectable } from 'kysely';
import type { AdjustReason, OperationResult, ParsedInput } from '../../shared/api';
import { fail } from '../../shared/errors';
import { itemById } from '../catalog/items';
import type { CallContext } from '../core/context';
import type { DB } from '../db/schema';
import { qb } from '../db/sql';
import { warehouseById } from '../locations/locations';
import type { LocationRow } from '../locations/paths';
import { type LedgerEnv } from './env';
import { runOperation } from './operation';
import {
  applyPut,
  applyTake,
  averageCostOf,
  balanceOf,
  changeAverage,
  changeBalance,
  type MovementReason,
  piecesCost,
  planTake,
  postMovement,
} from './postings';

type ItemRow = Selectable<DB['items']>;

function bin(env: LedgerEnv, id: number, field: string): LocationRow {
  const l = env.locs.get(id);
  if (!l) return fail('UNKNOWN_LOCATION', `There is no location with id ${id}`, { [field]: 'Unknown location' });
  if (l.kind !== 'bin') return fail('NOT_A_BIN', `${env.locs.path(id)} is a ${l.kind}; stock is kept in bins`, { [field]: 'Choose a bin' });
  return l;
}

const allowsNegative = (env: LedgerEnv, l: LocationRow): boolean => l.warehouse_id !== null && warehouseById(env.sql, l.warehouse_id).allow_negative === 1;

function findLot(env: LedgerEnv, item: ItemRow, code: string | undefined, field = 'lot'): number | null {
  if (item.tracking === 'none') {
    if (code !== undefined) fail('LOT_NOT_ALLOWED', `${item.sku} is not lot or serial tracked; leave the lot empty`, { [field]: 'Item is not lot tracked' });
    return null;
  }
  if (code === undefined) return null;
  const lot = env.sql.one(qb.selectFrom('lots').select('id').where('item_id', '=', item.id).where('code', '=', code));
  if (!lot) return fail('UNKNOWN_LOT', `${item.sku} has no lot ${code}`, { [field]: 'Unknown lot for this item' });
  return lot.id;
}

/** Lot for incoming stock: required for tracked items, created on first receipt, expiry must agree. */
function lotForIncoming(env: LedgerEnv, item: ItemRow, code: string | undefined, expiry: string | undefined, qty: number): number | null {
  if (item.tracking === 'none') return findLot(env, item, code);
  if (code === undefined) {
    return fail('LOT_REQUIRED', `${item.sku} is ${item.tracking} tracked: give the ${item.tracking === 'serial' ? 'serial number' : 'lot'}`, {
      lot: item.tracking === 'serial' ? 'Serial number required' : 'Lot required',
    });
  }
  if (item.tracking === 'serial' && qty !== 1) fail('VALIDATION', 'A serial number identifies one unit: quantity must be 1', { quantity: 'Must be 1 for a serial number' });
  const lot = env.sql.one(qb.selectFrom('lots').select(['id', 'expiry']).where('item_id', '=', item.id).where('code', '=', code));
  if (lot) {
    if (expiry !== undefined && lot.expiry !== null && lot.expiry !== expiry) {
      fail('VALIDATION', `Lot ${code} of ${item.sku} already has expiry ${lot.expiry}`, { expiry: `Lot expires ${lot.expiry}` });
    }
    if (item.tracking === 'serial') {
      const held = env.sql.one(
        qb
          .selectFrom('balances')
          .innerJoin('locations', 'locations.id', 'balances.location_id')
          .select('balances.on_hand')
          .where('balances.item_id', '=', item.id)
          .where('balances.lot_key', '=', lot.id)
          .where('locations.kind', '=', 'bin')
          .where('balances.on_hand', '>', 0),
      );
      if (held) fail('DUPLICATE', `Serial ${code} of ${item.sku} is already in stock`, { lot: 'Serial already in stock' });
    }
    if (expiry !== undefined && lot.expiry === null) env.sql.run(qb.updateTable('lots').set({ expiry }).where('id', '=', lot.id));
    return lot.id;
  }
  return env.sql.run(qb.insertInto('lots').values({ item_id: item.id, code, expiry: expiry ?? null })).lastInsertRowid;
}

interface Slice {
  lotId: number | null;
  quantity: number;
}

/**
 * Which lots leave a bin. A given lot (or an untracked item) is one slice; a tracked item without a lot is
 * picked first-expiry-first-out from what is available there.
 */
function outgoingSlices(env: LedgerEnv, item: ItemRow, loc: LocationRow, lotCode: string | undefined, qty: number, verb: string): Slice[] {
  const lotId = findLot(env, item, lotCode);
  const negativeOk = allowsNegative(env, loc);
  if (item.tracking === 'none' || lotId !== null) {
    if (!negativeOk) assertAvailable(env, item, loc, lotId, qty, verb);
    return [{ lotId, quantity: qty }];
  }
  return fefoSlices(env, item, loc, qty, verb);
}

function shortage(env: LedgerEnv, item: ItemRow, loc: LocationRow, onHand: number, available: number, qty: number, verb: string): never {
  const where = env.locs.path(loc.id);
  if (onHand < qty) {
    return fail('INSUFFICIENT_STOCK', `Cannot ${verb} ${qty} × ${item.sku}: only ${onHand} on hand in ${where}`, { quantity: `Only ${onHand} on hand` }, { onHand, requested: qty });
  }
  return fail(
    'INSUFFICIENT_AVAILABLE',
    `Cannot ${verb} ${qty} × ${item.sku}: ${onHand} on hand in ${where} but ${onHand - available} reserved, ${available} available`,
    { quantity: `Only ${available} available (${onHand - available} reserved)` },
    { onHand, available, requested: qty },
  );
}

function assertAvailable(env: LedgerEnv, item: ItemRow, loc: LocationRow, lotId: number | null, qty: number, verb: string): void {
  const b = balanceOf(env.sql, item.id, loc.id, lotId);
  if (b.on_hand - b.reserved < qty) shortage(env, item, loc, b.on_hand, Math.max(0, b.on_hand - b.reserved), qty, verb);
}

/** Moves stock out of a bin to a virtual location, costed by the method in force. Returns the movement id. */
function takeOut(env: LedgerEnv, ctx: CallContext, opId: number, at: string, item: ItemRow, loc: LocationRow, s: Slice, to: number, reason: MovementReason, docRef?: string, note?: string): void {
  const pieces = planTake(env.sql, item.id, loc.id, s.lotId, s.quantity, at);
  const avgCost = averageCostOf(env.sql, item.id, s.quantity);
  const cost = env.settings.get().costingMethod === 'fifo' ? piecesCost(pieces) : avgCost;
  const mid = postMovement(env, opId, ctx, { itemId: item.id, lotId: s.lotId, from: loc.id, to, quantity: s.quantity, totalCostMinor: cost, reason, docRef, note }, at);
  applyTake(env.sql, item.id, loc.id, s.lotId, pieces, mid);
  changeAverage(env.sql, item.id, -s.quantity, -avgCost);
}

function bringIn(env: LedgerEnv, ctx: CallContext, opId: number, at: string, item: ItemRow, loc: LocationRow, lotId: number | null, qty: number, unitCost: number, from: number, reason: MovementReason, docRef?: string, note?: string): number {
  const mid = postMovement(env, opId, ctx, { itemId: item.id, lotId, from, to: loc.id, quantity: qty, totalCostMinor: qty * unitCost, reason, docRef, note }, at);
  applyPut(env.sql, item.id, loc.id, lotId, [{ layerId: null, quantity: qty, unitCostMinor: unitCost, receivedAt: at }], mid);
  changeAverage(env.sql, item.id, qty, qty * unitCost);
  return mid;
}

/**
 * One receipt line inside an operation the caller runs: a PO receipt posts all its lines as one operation, with the
 * same lot, bin and layer rules as stock.receive. Returns the movement id.
 */
export function receiveInto(
  env: LedgerEnv,
  ctx: CallContext,
  opId: number,
  at: string,
  line: { itemId: number; locationId: number; quantity: number; unitCostMinor: number; lot?: string; expiry?: string; docRef?: string; note?: string },
  field = 'locationId',
): number {
  const item = itemById(env.sql, line.itemId);
  const loc = bin(env, line.locationId, field);
  const lotId = lotForIncoming(env, item, line.lot, line.expiry, line.quantity);
  return bringIn(env, ctx, opId, at, item, loc, lotId, line.quantity, line.unitCostMinor, env.locs.virtual('supplier').id, 'receipt', line.docRef, line.note);
}

export function receive(env: LedgerEnv, ctx: CallContext, input: ParsedInput<'stock.receive'>): OperationResult {
  return runOperation(env, ctx, 'receive', input, input.itemId, (opId, at) => {
    const item = itemById(env.sql, input.itemId);
    const loc = bin(env, input.locationId, 'locationId');
    const lotId = lotForIncoming(env, item, input.lot, input.expiry, input.quantity);
    const unit = input.unitCostMinor ?? item.cost_minor;
    bringIn(env, ctx, opId, at, item, loc, lotId, input.quantity, unit, env.locs.virtual('supplier').id, 'receipt', input.docRef, input.note);
  });
}

const OUT_REASONS: Record<AdjustReason, 'scrap' | 'adjustment' | null> = {
  damage: 'scrap',
  expired: 'scrap',
  theft: 'adjustment',
  lost: 'adjustment',
  count_correction: 'adjustment',
  found: null,
};
const IN_REASONS: ReadonlySet<AdjustReason> = new Set(['found', 'count_correction']);

export function adjust(env: LedgerEnv, ctx: CallContext, input: ParsedInput<'stock.adjust'>): OperationResult {
  return runOperation(env, ctx, 'adjust', input, input.itemId, (opId, at) => {
    const item = itemById(env.sql, input.itemId);
    const loc = bin(env, input.locationId, 'locationId');
    if (input.quantity > 0) {
      if (!IN_REASONS.has(input.reason)) {
        fail('VALIDATION', `"${input.reason}" removes stock: use a negative quantity, or reason "found" / "count correction" to add`, { reason: 'This reason removes stock' });
      }
      const lotId = lotForIncoming(env, item, input.lot, input.expiry, input.quantity);
      const avg = env.settings.get().costingMethod === 'average' ? averageCostOf(env.sql, item.id, 1) : null;
      const unit = input.unitCostMinor ?? avg ?? (planTake(env.sql, item.id, loc.id, lotId, 1, at)[0]?.unitCostMinor ?? item.cost_minor);
      bringIn(env, ctx, opId, at, item, loc, lotId, input.quantity, unit, env.locs.virtual('adjustment').id, input.reason, input.docRef, input.note);
      return;
    }
    const to = OUT_REASONS[input.reason];
    if (!to) return fail('VALIDATION', '"found" adds stock: use a positive quantity', { reason: 'This reason adds stock' });
    const qty = -input.quantity;
    for (const s of outgoingSlices(env, item, loc, input.lot, qty, 'remove')) {
      takeOut(env, ctx, opId, at, item, loc, s, env.locs.virtual(to).id, input.reason, input.docRef, input.note);
    }
  });
}

export function transfer(env: LedgerEnv, ctx: CallContext, input: ParsedInput<'stock.transfer'>): OperationResult {
  return runOperation(env, ctx, 'transfer', input, input.itemId, (opId, at) => {
    const item = itemById(env.sql, input.itemId);
    const from = bin(env, input.fromLocationId, 'fromLocationId');
    const to = bin(env, input.toLocationId, 'toLocationId');
    if (from.id === to.id) fail('SAME_LOCATION', 'Transfer needs two different bins', { toLocationId: 'Same as the source bin' });
    for (const s of outgoingSlices(env, item, from, input.lot, input.quantity, 'transfer')) {
      const pieces = planTake(env.sql, item.id, from.id, s.lotId, s.quantity, at);
      const mid = postMovement(
        env,
        opId,
        ctx,
        { itemId: item.id, lotId: s.lotId, from: from.id, to: to.id, quantity: s.quantity, totalCostMinor: piecesCost(pieces), reason: 'transfer', docRef: input.docRef, note: input.note },
        at,
      );
      applyTake(env.sql, item.id, from.id, s.lotId, pieces, mid);
      applyPut(env.sql, item.id, to.id, s.lotId, pieces, mid);
    }
  });
}

function reservationById(env: LedgerEnv, id: number) {
  const r = env.sql.one(qb.selectFrom('reservations').selectAll().where('id', '=', id));
  if (!r) return fail('UNKNOWN_RESERVATION', `There is no reservation ${id}`, { reservationId: 'Unknown reservation' });
  return r;
}

export function changeReservation(env: LedgerEnv, opId: number, r: { id: number; item_id: number; location_id: number; lot_id: number | null }, delta: number): void {
  env.sql.run(qb.insertInto('reservation_changes').values({ operation_id: opId, reservation_id: r.id, delta }));
  env.sql.run(qb.updateTable('reservations').set({ remaining: (eb) => eb('remaining', '+', delta) }).where('id', '=', r.id));
  changeBalance(env.sql, r.item_id, r.location_id, r.lot_id, 0, delta);
}

export function reserve(env: LedgerEnv, ctx: CallContext, input: ParsedInput<'stock.reserve'>): OperationResult {
  return runOperation(env, ctx, 'reserve', input, input.itemId, (opId, at) => {
    const item = itemById(env.sql, input.itemId);
    const loc = bin(env, input.locationId, 'locationId');
    const lotId = findLot(env, item, input.lot);
    // Reservations never exceed what is physically available, even where negative on-hand is allowed.
    const slices =
      item.tracking === 'none' || lotId !== null
        ? (assertAvailable(env, item, loc, lotId, input.quantity, 'reserve'), [{ lotId, quantity: input.quantity }])
        : fefoSlices(env, item, loc, input.quantity, 'reserve');
    const ids: number[] = [];
    for (const s of slices) {
      const r = env.sql.run(
        qb.insertInto('reservations').values({
          item_id: item.id,
          location_id: loc.id,
          lot_id: s.lotId,
          quantity: s.quantity,
          remaining: 0,
          doc_ref: input.docRef,
          operation_id: opId,
          created_at: at,
        }),
      );
      changeReservation(env, opId, { id: r.lastInsertRowid, item_id: item.id, location_id: loc.id, lot_id: s.lotId }, s.quantity);
      ids.push(r.lastInsertRowid);
    }
    return { reservationIds: ids };
  });
}

/** Available stock of a tracked item in a bin, first expiry first (lots without expiry last), oldest lot next. */
function fefoSlices(env: LedgerEnv, item: ItemRow, loc: LocationRow, qty: number, verb: string): Slice[] {
  const lots = env.sql.all(
    qb
      .selectFrom('balances')
      .innerJoin('lots', 'lots.id', 'balances.lot_key')
      .select(['lots.id', 'balances.on_hand', 'balances.reserved'])
      .where('balances.item_id', '=', item.id)
      .where('balances.location_id', '=', loc.id)
      .where('balances.on_hand', '>', 0)
      .orderBy((eb) => eb.fn.coalesce('lots.expiry', eb.val('9999-12-31')))
      .orderBy('lots.id'),
  );
  const slices: Slice[] = [];
  let left = qty;
  for (const l of lots) {
    const take = Math.min(left, l.on_hand - l.reserved);
    if (take <= 0) continue;
    slices.push({ lotId: l.id, quantity: take });
    left -= take;
    if (left === 0) return slices;
  }
  const onHand = lots.reduce((s, l) => s + l.on_hand, 0);
  return shortage(env, item, loc, onHand, lots.reduce((s, l) => s + Math.max(0, l.on_hand - l.reserved), 0), qty, verb);
}

export function release(env: LedgerEnv, ctx: CallContext, input: ParsedInput<'stock.release'>): OperationResult {
  const r0 = env.sql.one(qb.selectFrom('reservations').select('item_id').where('id', '=', input.reservationId));
  return runOperation(env, ctx, 'release', input, r0?.item_id ?? 0, (opId) => {
    const r = reservationById(env, input.reservationId);
    const qty = input.quantity ?? r.remaining;
    if (r.remaining === 0) fail('OVER_RELEASE', `Reservation ${r.id} is already fully released or used`, { reservationId: 'Nothing left to release' });
    if (qty > r.remaining) fail('OVER_RELEASE', `Reservation ${r.id} has ${r.remaining} left; cannot release ${qty}`, { quantity: `Only ${r.remaining} reserved` });
    changeReservation(env, opId, r, -qty);
    return { reservationIds: [r.id] };
  });
}

export function issue(env: LedgerEnv, ctx: CallContext, input: ParsedInput<'stock.issue'>): OperationResult {
  return runOperation(env, ctx, 'issue', input, input.itemId, (opId, at) => {
    const item = itemById(env.sql, input.itemId);
    const loc = bin(env, input.locationId, 'locationId');
    const customer = env.locs.virtual('customer').id;
    if (input.reservationId !== undefined) {
      const r = reservationById(env, input.reservationId);
      if (r.item_id !== item.id || r.location_id !== loc.id) {
        fail('VALIDATION', `Reservation ${r.id} is for another item or bin`, { reservationId: 'Reservation does not match item and bin' });
      }
      const lotId = findLot(env, item, input.lot);
      if (lotId !== null && lotId !== r.lot_id) fail('VALIDATION', `Reservation ${r.id} holds another lot`, { lot: 'Not the reserved lot' });
      if (input.quantity > r.remaining) {
        fail('OVER_RELEASE', `Reservation ${r.id} has ${r.remaining} left; cannot ship ${input.quantity} against it`, { quantity: `Only ${r.remaining} reserved` });
      }
      const b = balanceOf(env.sql, item.id, loc.id, r.lot_id);
      if (b.on_hand < input.quantity && !allowsNegative(env, loc)) shortage(env, item, loc, b.on_hand, b.on_hand, input.quantity, 'ship');
      changeReservation(env, opId, r, -input.quantity);
      takeOut(env, ctx, opId, at, item, loc, { lotId: r.lot_id, quantity: input.quantity }, customer, 'issue', input.docRef ?? r.doc_ref ?? undefined, input.note);
      return;
    }
    for (const s of outgoingSlices(env, item, loc, input.lot, input.quantity, 'ship')) {
      takeOut(env, ctx, opId, at, item, loc, s, customer, 'issue', input.docRef, input.note);
    }
  });
}
