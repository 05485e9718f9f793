import { qb } from '../db/sql';
import { largestRemainder } from './allocate';
import type { LedgerEnv } from './env';
import { changeAverage } from './postings';

/** Where the units of a receipt are now: still in a layer, or gone out with a movement. */
export type Sink = { kind: 'layer'; layerId: number; quantity: number } | { kind: 'consumed'; movementId: number; quantity: number };

interface LayerRow {
  id: number;
  movement_id: number;
  quantity_in: number;
  remaining: number;
}

const layerCols = ['id', 'movement_id', 'quantity_in', 'remaining'] as const;

/**
 * Follows the units a receipt movement brought in: through its layer, through transfers (child layers made by the
 * transfer movement) and revaluations (child layers carrying the layer's own movement id), to the layers that still
 * hold them and the movements that took them out. The sinks add up to the receipt's quantity.
 */
export function traceReceipt(env: LedgerEnv, receiptMovementId: number): Sink[] {
  const m = env.sql.one(qb.selectFrom('movements').select(['id', 'quantity']).where('id', '=', receiptMovementId));
  if (!m) throw new Error(`movement ${receiptMovementId} does not exist`);
  const sinks: Sink[] = [];
  const roots = env.sql.all(
    qb.selectFrom('cost_layers').select(layerCols).where('movement_id', '=', m.id).where('origin_layer_id', 'is', null).where('quantity_in', '>', 0).orderBy('id'),
  );
  // Units that filled a negative balance at the bin went straight to what was sold before they arrived.
  const filled = m.quantity - roots.reduce((s, r) => s + r.quantity_in, 0);
  if (filled > 0) sinks.push({ kind: 'consumed', movementId: m.id, quantity: filled });
  const visit = (l: LayerRow): void => {
    if (l.remaining > 0) sinks.push({ kind: 'layer', layerId: l.id, quantity: l.remaining });
    const uses = env.sql.all(qb.selectFrom('layer_consumptions').select(['movement_id', 'quantity']).where('layer_id', '=', l.id).orderBy('movement_id'));
    for (const u of uses) {
      const to = env.sql.one(qb.selectFrom('movements').select('to_location_id').where('id', '=', u.movement_id))!.to_location_id;
      if (env.locs.get(to)?.kind !== 'bin') {
        sinks.push({ kind: 'consumed', movementId: u.movement_id, quantity: u.quantity });
        continue;
      }
      const children = env.sql.all(qb.selectFrom('cost_layers').select(layerCols).where('origin_layer_id', '=', l.id).where('movement_id', '=', u.movement_id).orderBy('id'));
      children.forEach(visit);
      const landed = u.quantity - children.reduce((s, c) => s + c.quantity_in, 0);
      if (landed > 0) sinks.push({ kind: 'consumed', movementId: u.movement_id, quantity: landed });
    }
    env.sql
      .all(qb.selectFrom('cost_layers').select(layerCols).where('origin_layer_id', '=', l.id).where('movement_id', '=', l.movement_id).orderBy('id'))
      .forEach(visit);
  };
  roots.forEach(visit);
  const total = sinks.reduce((s, x) => s + x.quantity, 0);
  if (total !== m.quantity) throw new Error(`receipt movement ${m.id}: traced ${total} units but it brought in ${m.quantity}`);
  return sinks;
}

export interface CostSource {
  operationId: number;
  at: string;
  source: string;
  sourceId: number;
}

/**
 * Adds an amount to the cost of the units a receipt brought in, split over where they are now by quantity (largest
 * remainder). Units in stock: their layer is closed and re-opened at the higher cost (see migration 0020). Units gone:
 * their share is a cost-of-goods adjustment linked to the movement that took them. Returns the two parts.
 */
export function addReceiptCost(env: LedgerEnv, receiptMovementId: number, amountMinor: number, src: CostSource): { stockMinor: number; cogsMinor: number } {
  if (amountMinor === 0) return { stockMinor: 0, cogsMinor: 0 };
  const itemId = env.sql.one(qb.selectFrom('movements').select('item_id').where('id', '=', receiptMovementId))!.item_id;
  const sinks = traceReceipt(env, receiptMovementId);
  const shares = largestRemainder(
    amountMinor,
    sinks.map((s) => s.quantity),
  );
  let stockMinor = 0;
  let cogsMinor = 0;
  const base = { operation_id: src.operationId, source: src.source, source_id: src.sourceId, item_id: itemId, receipt_movement_id: receiptMovementId, created_at: src.at };
  sinks.forEach((s, i) => {
    const share = shares[i];
    if (share === 0) return;
    if (s.kind === 'consumed') {
      env.sql.run(
        qb.insertInto('cost_adjustments').values({ ...base, kind: 'cogs', layer_id: null, new_layer_id: null, consumed_by_movement_id: s.movementId, quantity: s.quantity, amount_minor: share }),
      );
      cogsMinor += share;
      return;
    }
    revalueLayer(env, s.layerId, share, base);
    stockMinor += share;
  });
  // The moving average carries the item's whole stock value: only the part still in stock joins it.
  if (stockMinor !== 0) changeAverage(env.sql, itemId, 0, stockMinor);
  return { stockMinor, cogsMinor };
}

function revalueLayer(
  env: LedgerEnv,
  layerId: number,
  amount: number,
  base: { operation_id: number; source: string; source_id: number; item_id: number; receipt_movement_id: number; created_at: string },
): void {
  const l = env.sql.one(qb.selectFrom('cost_layers').selectAll().where('id', '=', layerId))!;
  const r = l.remaining;
  const per = Math.floor(amount / r);
  const dearer = amount - per * r;
  env.sql.run(qb.updateTable('cost_layers').set({ remaining: 0 }).where('id', '=', l.id));
  // The cheaper units first, so the split is the same every time; both keep the receipt date, so FIFO age survives.
  const parts: [number, number][] = [
    [r - dearer, l.unit_cost_minor + per],
    [dearer, l.unit_cost_minor + per + 1],
  ];
  for (const [qty, unit] of parts) {
    if (qty === 0) continue;
    const n = env.sql.run(
      qb.insertInto('cost_layers').values({
        item_id: l.item_id,
        location_id: l.location_id,
        lot_id: l.lot_id,
        received_at: l.received_at,
        unit_cost_minor: unit,
        quantity_in: qty,
        remaining: qty,
        movement_id: l.movement_id,
        origin_layer_id: l.id,
      }),
    );
    env.sql.run(
      qb.insertInto('cost_adjustments').values({
        ...base,
        kind: 'revalue',
        layer_id: l.id,
        new_layer_id: n.lastInsertRowid,
        consumed_by_movement_id: null,
        quantity: qty,
        amount_minor: (unit - l.unit_cost_minor) * qty,
      }),
    );
  }
}
