import type { ReportTable } from '../../../shared/api/reports';
import { mulDivRound } from '../../../shared/money';
import { stockAging } from '../../counts/aging';
import { qb } from '../../db/sql';
import type { LedgerEnv } from '../../ledger/env';
import { suggestions } from '../../planning/service/suggestions';
import { col, describe, sums, table, type TableInput } from './table';

/**
 * Low stock, overstock and dead stock describe the stock as it is now (planning parameters, open layers, reservations
 * and open POs are current state, not history), so these reports are as of today whatever day is asked.
 */
const nowWords = (env: LedgerEnv) => `current stock, ${env.clock.now().toISOString().slice(0, 10)}`;

function categories(env: LedgerEnv): Map<number, string> {
  return new Map(env.sql.all(qb.selectFrom('items').select(['id', 'category'])).map((r) => [r.id, r.category]));
}

/** Items at or below their reorder point: planning's replenishment suggestions (inventory position vs reorder point). */
export function lowStockTable(env: LedgerEnv, i: TableInput): ReportTable {
  // Without any warehouse there is nothing to reorder (and planning would have no warehouse to receive into).
  const any = env.sql.one(qb.selectFrom('warehouses').select('id').limit(1));
  const s = any ? suggestions(env, i.warehouseId !== undefined ? { warehouseId: i.warehouseId } : {}) : { groups: [] };
  const cat = i.category !== undefined ? categories(env) : null;
  const rows = s.groups
    .flatMap((g) => g.lines.map((l) => ({ l, supplier: g.supplierName })))
    .filter(({ l }) => cat === null || cat.get(l.itemId) === i.category)
    .map(({ l, supplier }) => ({
      sku: l.sku,
      name: l.name,
      onHand: l.onHand,
      reserved: l.reserved,
      onOrder: l.onOrder + l.inDraft,
      position: l.position,
      reorderPoint: l.reorderPoint,
      safetyStock: l.safetyStock,
      suggested: l.suggestedQuantity,
      supplier,
      value: l.suggestedQuantity * l.unitCostMinor,
    }))
    .sort((a, b) => a.position - a.reorderPoint - (b.position - b.reorderPoint) || a.sku.localeCompare(b.sku));
  return table(env, { ...i, asOf: env.clock.now().toISOString().slice(0, 10) }, {
    subtitle: describe(env, i, nowWords(env)),
    columns: [
      col('sku', 'SKU', 'text'),
      col('name', 'Item', 'text'),
      col('onHand', 'On hand', 'int'),
      col('reserved', 'Reserved', 'int'),
      col('onOrder', 'On order', 'int'),
      col('position', 'Position', 'int'),
      col('reorderPoint', 'Reorder point', 'int'),
      col('safetyStock', 'Safety stock', 'int'),
      col('suggested', 'Suggested order', 'int'),
      col('supplier', 'Supplier', 'text'),
      col('value', 'Order value', 'money'),
    ],
    rows,
    totals: { ...sums(rows, ['onHand', 'reserved', 'onOrder', 'suggested', 'value']), position: null, reorderPoint: null, safetyStock: null },
    notes: [
      'Inventory position = on hand − reserved + on order (sent and draft POs); an item is low at or below its reorder point (the last planning recompute). Suggested order follows the planning rule, rounded to MOQ and pack size.',
    ],
  });
}

/**
 * Overstock: on hand above the maximum level (reorder point + order quantity) or covering more than N days of
 * forecast demand (default 90). Excess = on hand above the lower of the two limits, valued at the item's average
 * open-layer cost.
 */
export function overstockTable(env: LedgerEnv, i: TableInput): ReportTable {
  const days = i.days ?? 90;
  const params = env.sql.all(
    qb
      .selectFrom('planning_params as p')
      .innerJoin('items as i', 'i.id', 'p.item_id')
      .select(['p.item_id', 'i.sku', 'i.name', 'i.category', 'p.avg_daily', 'p.reorder_point', 'p.order_qty'])
      .where('p.warehouse_key', '=', 0)
      .orderBy('i.sku'),
  );
  let lq = qb
    .selectFrom('cost_layers as c')
    .innerJoin('locations as l', 'l.id', 'c.location_id')
    .select(['c.item_id', (eb) => eb.fn.sum<number>('c.remaining').as('qty'), (eb) => eb.fn.sum<number>(eb('c.remaining', '*', eb.ref('c.unit_cost_minor'))).as('value')])
    .where('l.kind', '=', 'bin')
    .groupBy('c.item_id');
  if (i.warehouseId !== undefined) lq = lq.where('l.warehouse_id', '=', i.warehouseId);
  const stock = new Map(env.sql.all(lq).map((r) => [r.item_id, { qty: Number(r.qty), value: Number(r.value) }]));
  const rows = [];
  for (const p of params) {
    if (i.category !== undefined && p.category !== i.category) continue;
    const st = stock.get(p.item_id);
    if (!st || st.qty <= 0) continue;
    const maxLevel = p.reorder_point + p.order_qty;
    const coverLimit = Math.ceil(days * p.avg_daily);
    const cover = p.avg_daily > 0 ? Math.round((st.qty / p.avg_daily) * 10) / 10 : null;
    const limits = [...(maxLevel > 0 ? [maxLevel] : []), coverLimit];
    const limit = Math.min(...limits);
    const excess = st.qty - limit;
    if (excess <= 0) continue;
    rows.push({
      sku: p.sku,
      name: p.name,
      onHand: st.qty,
      avgDaily: Math.round(p.avg_daily * 100) / 100,
      cover,
      maxLevel: maxLevel > 0 ? maxLevel : null,
      excess,
      value: st.value,
      excessValue: mulDivRound(st.value, excess, st.qty),
    });
  }
  rows.sort((a, b) => b.excessValue - a.excessValue || a.sku.localeCompare(b.sku));
  return table(env, { ...i, asOf: env.clock.now().toISOString().slice(0, 10) }, {
    subtitle: describe(env, i, `${nowWords(env)} · more than ${days} days of cover or above the maximum level`),
    columns: [
      col('sku', 'SKU', 'text'),
      col('name', 'Item', 'text'),
      col('onHand', 'On hand', 'int'),
      col('avgDaily', 'Demand per day', 'number'),
      col('cover', 'Days of cover', 'number'),
      col('maxLevel', 'Maximum level', 'int'),
      col('excess', 'Excess units', 'int'),
      col('value', 'Stock value', 'money'),
      col('excessValue', 'Excess value', 'money'),
    ],
    rows,
    totals: { ...sums(rows, ['onHand', 'excess', 'value', 'excessValue']), avgDaily: null, cover: null, maxLevel: null },
    notes: [
      `Days of cover = on hand ÷ forecast demand per day (the last planning recompute); maximum level = reorder point + order quantity. Excess = on hand − the lower of the maximum level and ${days} days of demand; excess value at the item's average open-layer cost.`,
      'Items without planning parameters (never recomputed) are not assessed.',
    ],
  });
}

/** Dead stock: items holding stock with no sale for N days (default 180), from counts' stock aging. */
export function deadStockTable(env: LedgerEnv, i: TableInput): ReportTable {
  const deadDays = i.days ?? 180;
  const aging = stockAging(env, { ...(i.warehouseId !== undefined && { warehouseId: i.warehouseId }), deadDays });
  const cat = categories(env);
  const names = new Map(aging.items.map((it) => [it.itemId, it]));
  const rows = aging.dead
    .filter((d) => i.category === undefined || cat.get(d.itemId) === i.category)
    .map((d) => ({
      sku: d.sku,
      name: names.get(d.itemId)?.name ?? '',
      category: cat.get(d.itemId) ?? '',
      quantity: d.quantity,
      value: d.valueMinor,
      lastSale: d.lastSaleAt === null ? null : d.lastSaleAt.slice(0, 10),
      oldest: names.get(d.itemId)?.oldestReceivedAt.slice(0, 10) ?? null,
      idleDays: d.idleDays,
    }));
  return table(env, { ...i, asOf: env.clock.now().toISOString().slice(0, 10) }, {
    subtitle: describe(env, i, `${nowWords(env)} · no sale for ${deadDays} days or more`),
    columns: [
      col('sku', 'SKU', 'text'),
      col('name', 'Item', 'text'),
      col('category', 'Category', 'text'),
      col('quantity', 'On hand', 'int'),
      col('value', 'Value', 'money'),
      col('lastSale', 'Last sale', 'date'),
      col('oldest', 'Oldest receipt', 'date'),
      col('idleDays', 'Days idle', 'int'),
    ],
    rows,
    totals: { ...sums(rows, ['quantity', 'value']), idleDays: null },
    notes: [
      `Idle days = days since the last sale, or since the oldest open layer was received when the item never sold; dead at ${deadDays} days or more. Value = open FIFO layers.`,
    ],
  });
}
