import { qb, type Sql } from '../../db/sql';

/** On hand and reserved per item, summed over the bins (of one warehouse, or of all): what an inventory position starts from. */
export function binStock(sql: Sql, warehouseId?: number): Map<number, { onHand: number; reserved: number }> {
  let q = qb
    .selectFrom('balances as b')
    .innerJoin('locations as l', 'l.id', 'b.location_id')
    .select(['b.item_id', (eb) => eb.fn.sum<number>('b.on_hand').as('on_hand'), (eb) => eb.fn.sum<number>('b.reserved').as('reserved')])
    .where('l.kind', '=', 'bin')
    .groupBy('b.item_id');
  if (warehouseId !== undefined) q = q.where('l.warehouse_id', '=', warehouseId);
  return new Map(sql.all(q).map((r) => [r.item_id, { onHand: Number(r.on_hand ?? 0), reserved: Number(r.reserved ?? 0) }]));
}

/**
 * Whether an inventory position (available + on order + in draft) calls for an order: at or below the reorder point;
 * with a reorder point of 0, only when the position is negative (an item nobody plans to stock is not reordered at 0).
 */
export const atOrBelowReorderPoint = (position: number, reorderPoint: number): boolean => !(position > reorderPoint || (reorderPoint === 0 && position >= 0));
