import { sql as raw } from 'kysely';
import type { MOVEMENT_REASONS } from '../../shared/api';
import { mulDivRound } from '../../shared/money';
import type { CallContext } from '../core/context';
import { qb, type Sql } from '../db/sql';
import { lotKey, type LedgerEnv } from './env';

export type MovementReason = (typeof MOVEMENT_REASONS)[number];

/** A slice of stock taken from (or put into) a bin, with the cost and receipt date it carries. */
export interface Piece {
  layerId: number | null;
  quantity: number;
  unitCostMinor: number;
  receivedAt: string;
}

export interface MovementSpec {
  itemId: number;
  lotId: number | null;
  from: number;
  to: number;
  quantity: number;
  totalCostMinor: number;
  reason: MovementReason;
  docRef?: string | null;
  note?: string | null;
}

// Hot-path queries, compiled once per connection (see Sql.pRun): their SQL never depends on their arguments.
const selectBalance = (itemId: number, locationId: number, key: number) =>
  qb.selectFrom('balances').select(['on_hand', 'reserved']).where('item_id', '=', itemId).where('location_id', '=', locationId).where('lot_key', '=', key);
const updateBalance = (onHand: number, reserved: number, itemId: number, locationId: number, key: number) =>
  qb
    .updateTable('balances')
    .set({ on_hand: raw`on_hand + ${onHand}`, reserved: raw`reserved + ${reserved}` })
    .where('item_id', '=', itemId)
    .where('location_id', '=', locationId)
    .where('lot_key', '=', key);
const insertBalance = (itemId: number, locationId: number, key: number, onHand: number, reserved: number) =>
  qb.insertInto('balances').values({ item_id: itemId, location_id: locationId, lot_key: key, on_hand: onHand, reserved });

export function balanceOf(sql: Sql, itemId: number, locationId: number, lotId: number | null) {
  return sql.pOne(selectBalance, itemId, locationId, lotKey(lotId)) ?? { on_hand: 0, reserved: 0 };
}

export function changeBalance(sql: Sql, itemId: number, locationId: number, lotId: number | null, onHand: number, reserved: number): void {
  const key = lotKey(lotId);
  const u = sql.pRun(updateBalance, onHand, reserved, itemId, locationId, key);
  if (u.changes === 0) sql.pRun(insertBalance, itemId, locationId, key, onHand, reserved);
}

const insertMovement = (
  operationId: number,
  itemId: number,
  lotId: number | null,
  from: number,
  to: number,
  quantity: number,
  unitCost: number,
  totalCost: number,
  reason: string,
  docRef: string | null,
  note: string | null,
  actor: string,
  device: string,
  at: string,
) =>
  qb.insertInto('movements').values({
    operation_id: operationId,
    item_id: itemId,
    lot_id: lotId,
    from_location_id: from,
    to_location_id: to,
    quantity,
    unit_cost_minor: unitCost,
    total_cost_minor: totalCost,
    reason,
    doc_ref: docRef,
    note,
    actor,
    device,
    created_at: at,
  });

/** Appends a movement and moves the balance on both sides, in the caller's transaction. */
export function postMovement(env: LedgerEnv, operationId: number, ctx: CallContext, m: MovementSpec, at: string): number {
  const r = env.sql.pRun(
    insertMovement,
    operationId,
    m.itemId,
    m.lotId,
    m.from,
    m.to,
    m.quantity,
    Math.round(m.totalCostMinor / m.quantity),
    m.totalCostMinor,
    m.reason,
    m.docRef ?? null,
    m.note ?? null,
    ctx.actor,
    ctx.device,
    at,
  );
  changeBalance(env.sql, m.itemId, m.from, m.lotId, -m.quantity, 0);
  changeBalance(env.sql, m.itemId, m.to, m.lotId, m.quantity, 0);
  return r.lastInsertRowid;
}

/** Unit cost to use where there is no layer to take from: the newest layer of the item anywhere, else the item's cost. */
export function lastKnownCost(sql: Sql, itemId: number): number {
  const l = sql.one(qb.selectFrom('cost_layers').select('unit_cost_minor').where('item_id', '=', itemId).where('quantity_in', '>', 0).orderBy('id', 'desc').limit(1));
  if (l) return l.unit_cost_minor;
  return sql.one(qb.selectFrom('items').select('cost_minor').where('id', '=', itemId))?.cost_minor ?? 0;
}

const openLayers = (itemId: number, locationId: number) =>
  qb
    .selectFrom('cost_layers')
    .select(['id', 'remaining', 'unit_cost_minor', 'received_at'])
    .where('item_id', '=', itemId)
    .where('location_id', '=', locationId)
    .where('remaining', '>', 0);
const openLayersNoLot = (itemId: number, locationId: number) => openLayers(itemId, locationId).where('lot_id', 'is', null).orderBy('received_at').orderBy('id');
const openLayersOfLot = (itemId: number, locationId: number, lotId: number) =>
  openLayers(itemId, locationId).where('lot_id', '=', lotId).orderBy('received_at').orderBy('id');

/**
 * Plans taking qty out of a bin, oldest layer first. Stock beyond the open layers (only where negative on-hand
 * is allowed) becomes a piece without a layer, costed at the last known cost.
 */
export function planTake(sql: Sql, itemId: number, locationId: number, lotId: number | null, qty: number, now: string): Piece[] {
  // Oldest first, read only as far as needed: a bin can hold thousands of open layers.
  const layers = lotId === null ? sql.pIterate(openLayersNoLot, itemId, locationId) : sql.pIterate(openLayersOfLot, itemId, locationId, lotId);
  const pieces: Piece[] = [];
  let left = qty;
  for (const l of layers) {
    if (left === 0) break;
    const take = Math.min(left, l.remaining);
    pieces.push({ layerId: l.id, quantity: take, unitCostMinor: l.unit_cost_minor, receivedAt: l.received_at });
    left -= take;
  }
  if (left > 0) pieces.push({ layerId: null, quantity: left, unitCostMinor: lastKnownCost(sql, itemId), receivedAt: now });
  return pieces;
}

export const piecesCost = (pieces: Piece[]): number => pieces.reduce((s, p) => s + p.quantity * p.unitCostMinor, 0);

const shrinkLayer = (qty: number, layerId: number) => qb.updateTable('cost_layers').set({ remaining: raw`remaining - ${qty}` }).where('id', '=', layerId);
const insertConsumption = (movementId: number, layerId: number, qty: number, cost: number) =>
  qb.insertInto('layer_consumptions').values({ movement_id: movementId, layer_id: layerId, quantity: qty, cost_minor: cost });
const insertLayer = (
  itemId: number,
  locationId: number,
  lotId: number | null,
  receivedAt: string,
  unitCost: number,
  quantityIn: number,
  remaining: number,
  movementId: number,
  originLayerId: number | null,
) =>
  qb.insertInto('cost_layers').values({
    item_id: itemId,
    location_id: locationId,
    lot_id: lotId,
    received_at: receivedAt,
    unit_cost_minor: unitCost,
    quantity_in: quantityIn,
    remaining,
    movement_id: movementId,
    origin_layer_id: originLayerId,
  });
const negativeLayers = (itemId: number, locationId: number) =>
  qb.selectFrom('cost_layers').select(['id', 'remaining']).where('item_id', '=', itemId).where('location_id', '=', locationId).where('remaining', '<', 0);
const negativeLayersNoLot = (itemId: number, locationId: number) => negativeLayers(itemId, locationId).where('lot_id', 'is', null).orderBy('id');
const negativeLayersOfLot = (itemId: number, locationId: number, lotId: number) => negativeLayers(itemId, locationId).where('lot_id', '=', lotId).orderBy('id');
const setLayerRemaining = (remaining: number, layerId: number) => qb.updateTable('cost_layers').set({ remaining }).where('id', '=', layerId);

/** Carries out a planned take: layers shrink, a shortfall becomes a negative layer at the bin. */
export function applyTake(sql: Sql, itemId: number, locationId: number, lotId: number | null, pieces: Piece[], movementId: number): void {
  for (const p of pieces) {
    if (p.layerId !== null) {
      sql.pRun(shrinkLayer, p.quantity, p.layerId);
      sql.pRun(insertConsumption, movementId, p.layerId, p.quantity, p.quantity * p.unitCostMinor);
    } else {
      const r = sql.pRun(insertLayer, itemId, locationId, lotId, p.receivedAt, p.unitCostMinor, 0, -p.quantity, movementId, null);
      sql.pRun(insertConsumption, movementId, r.lastInsertRowid, p.quantity, p.quantity * p.unitCostMinor);
    }
  }
}

/** Puts pieces into a bin: first they fill any negative layer there (stock sold before it arrived), the rest become layers. */
export function applyPut(sql: Sql, itemId: number, locationId: number, lotId: number | null, pieces: Piece[], movementId: number): void {
  const negatives = lotId === null ? sql.pAll(negativeLayersNoLot, itemId, locationId) : sql.pAll(negativeLayersOfLot, itemId, locationId, lotId);
  for (const p of pieces) {
    let left = p.quantity;
    for (const n of negatives) {
      if (left === 0) break;
      if (n.remaining === 0) continue;
      const fill = Math.min(left, -n.remaining);
      n.remaining += fill;
      left -= fill;
      sql.pRun(setLayerRemaining, n.remaining, n.id);
    }
    if (left > 0) sql.pRun(insertLayer, itemId, locationId, lotId, p.receivedAt, p.unitCostMinor, left, left, movementId, p.layerId);
  }
}

/** Weighted moving average per item: value is kept exactly, so the last unit out takes the remainder. */
export function averageState(sql: Sql, itemId: number): { quantity: number; value: number } {
  const r = sql.pOne(selectAverage, itemId);
  return r ? { quantity: r.quantity, value: r.value_minor } : { quantity: 0, value: 0 };
}

export function averageCostOf(sql: Sql, itemId: number, qty: number): number {
  const s = averageState(sql, itemId);
  if (s.quantity > 0 && qty <= s.quantity) return mulDivRound(s.value, qty, s.quantity);
  // Going below zero: what there is, plus the rest at the last average (or last known) unit cost.
  const unit = s.quantity > 0 ? Math.round(s.value / s.quantity) : lastKnownCost(sql, itemId);
  return Math.max(s.value, 0) + (qty - Math.max(s.quantity, 0)) * unit;
}

const selectAverage = (itemId: number) => qb.selectFrom('average_costs').select(['quantity', 'value_minor']).where('item_id', '=', itemId);
const upsertAverage = (itemId: number, qty: number, value: number) =>
  qb
    .insertInto('average_costs')
    .values({ item_id: itemId, quantity: qty, value_minor: value })
    .onConflict((oc) =>
      oc.column('item_id').doUpdateSet({ quantity: raw`average_costs.quantity + excluded.quantity`, value_minor: raw`average_costs.value_minor + excluded.value_minor` }),
    );

export function changeAverage(sql: Sql, itemId: number, qty: number, value: number): void {
  sql.pRun(upsertAverage, itemId, qty, value);
}
