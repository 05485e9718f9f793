import { sql as raw } from 'kysely';
import type { Output, ParsedInput, Suggestion } from '../../../shared/api';
import { fail } from '../../../shared/errors';
import { qb } from '../../db/sql';
import type { LedgerEnv } from '../../ledger/env';
import { warehouseById } from '../../locations/locations';
import { atOrBelowReorderPoint, binStock } from './position';
import { createDraftPo, openQuantities, preferredSupplier } from './purchasing-adapter';
import { recompute } from './recompute';
import { getPlanningSettings } from './settings';

function receivingWarehouse(env: LedgerEnv, warehouseId?: number): number {
  if (warehouseId !== undefined) return warehouseById(env.sql, warehouseId).id;
  const w = env.sql.one(qb.selectFrom('warehouses').select('id').orderBy('priority').orderBy('code').limit(1));
  return w ? w.id : fail('UNKNOWN_WAREHOUSE', 'There is no warehouse to receive the goods: create one first', { warehouseId: 'No warehouse' });
}

function roundUp(q: number, moq: number | null, pack: number | null): number {
  const p = pack ?? 1;
  return Math.max(Math.ceil(q / p) * p, moq === null ? 0 : Math.ceil(moq / p) * p);
}

/**
 * Items to order now: inventory position = on hand − reserved + on order (sent POs) + in draft POs, compared with the
 * stored reorder point (the last recompute; run first if there is none). At or below it, the quantity is
 * - 'order-up-to': ROP + order quantity − position (back above the reorder point by one order quantity), or
 * - 'eoq': as many order quantities as it takes to get back above the reorder point,
 * rounded up to the pack size and at least the MOQ. With a warehouse, stock and POs of that warehouse only.
 */
export function suggestions(env: LedgerEnv, input: ParsedInput<'planning.suggestions'>): Output<'planning.suggestions'> & { supplierOf: Map<string, number | null> } {
  const settings = getPlanningSettings(env.sql);
  const wh = receivingWarehouse(env, input.warehouseId);
  if (!env.sql.one(qb.selectFrom('planning_params').select('item_id').limit(1))) recompute(env, 'manual', 'system');
  const params = env.sql.all(
    qb
      .selectFrom('planning_params as p')
      .innerJoin('items as i', 'i.id', 'p.item_id')
      .select(['p.item_id', 'i.sku', 'i.name', 'i.cost_minor', 'p.reorder_point', 'p.safety_stock', 'p.order_qty'])
      .where('p.warehouse_key', '=', 0)
      .where('i.active', '=', 1)
      .orderBy('i.sku'),
  );
  const stock = binStock(env.sql, input.warehouseId);
  const open = openQuantities(env.sql, input.warehouseId);

  const groups = new Map<number | null, { supplierId: number | null; supplierName: string; lines: Suggestion[]; totalMinor: number }>();
  const supplierOf = new Map<string, number | null>();
  for (const p of params) {
    const st = stock.get(p.item_id) ?? { onHand: 0, reserved: 0 };
    const o = open.get(p.item_id) ?? { onOrder: 0, inDraft: 0 };
    const position = st.onHand - st.reserved + o.onOrder + o.inDraft;
    if (!atOrBelowReorderPoint(position, p.reorder_point)) continue;
    const terms = preferredSupplier(env.sql, p.item_id);
    const moq = terms?.moq ?? null;
    const pack = terms?.packSize ?? null;
    const q = p.order_qty;
    let qty: number;
    let how: string;
    if (settings.suggestionRule === 'eoq' && q > 0) {
      const k = Math.max(1, Math.ceil((p.reorder_point - position + 1) / q));
      qty = roundUp(k * q, moq, pack);
      how = `${k} × order quantity ${q}`;
    } else {
      const need = p.reorder_point + Math.max(q, 1) - position;
      qty = roundUp(need, moq, pack);
      how = `up to ROP ${p.reorder_point} + order quantity ${q} − position ${position} = ${need}`;
    }
    if (qty <= 0) continue;
    const unitCost = terms?.costMinor ?? p.cost_minor;
    const id = `S-${p.item_id}-${wh}`;
    const line: Suggestion = {
      id,
      itemId: p.item_id,
      sku: p.sku,
      name: p.name,
      onHand: st.onHand,
      reserved: st.reserved,
      onOrder: o.onOrder,
      inDraft: o.inDraft,
      position,
      reorderPoint: p.reorder_point,
      safetyStock: p.safety_stock,
      orderQuantity: q,
      suggestedQuantity: qty,
      moq,
      packSize: pack,
      unitCostMinor: unitCost,
      explanation:
        `Position ${position} = on hand ${st.onHand} − reserved ${st.reserved} + on order ${o.onOrder} + in draft ${o.inDraft}, at or below the reorder point ${p.reorder_point}: ` +
        `order ${how}${moq !== null || pack !== null ? `, rounded to MOQ ${moq ?? '–'} / pack ${pack ?? 1}` : ''} → ${qty}.`,
    };
    const key = terms?.supplierId ?? null;
    supplierOf.set(id, key);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { supplierId: key, supplierName: terms?.supplierName ?? 'No preferred supplier', lines: [], totalMinor: 0 }));
    g.lines.push(line);
    g.totalMinor += qty * unitCost;
  }
  const list = [...groups.values()].sort((a, b) => (a.supplierId === null ? 1 : b.supplierId === null ? -1 : a.supplierName.localeCompare(b.supplierName)));
  return {
    warehouseId: wh,
    generatedAt: env.clock.now().toISOString(),
    rule: settings.suggestionRule,
    groups: list,
    count: list.reduce((s, g) => s + g.lines.length, 0),
    supplierOf,
  };
}

/** Suggestions (by id, or by item) → one draft PO per preferred supplier, all in one transaction. */
export function createDraftPos(env: LedgerEnv, input: ParsedInput<'planning.createDraftPos'>): Output<'planning.createDraftPos'> {
  const s = suggestions(env, { warehouseId: input.warehouseId });
  const byId = new Map(s.groups.flatMap((g) => g.lines.map((l) => [l.id, l] as const)));
  const byItem = new Map([...byId.values()].map((l) => [l.itemId, l] as const));
  const skipped: Output<'planning.createDraftPos'>['skipped'] = [];
  const chosen = new Map<string, Suggestion>();
  for (const sid of input.suggestionIds ?? []) {
    const l = byId.get(sid);
    if (l) chosen.set(l.id, l);
    else skipped.push({ itemId: null, suggestionId: sid, reason: 'No longer suggested (stock, POs or parameters changed), or for another warehouse' });
  }
  for (const itemId of input.itemIds ?? []) {
    const l = byItem.get(itemId);
    if (l) chosen.set(l.id, l);
    else skipped.push({ itemId, suggestionId: null, reason: 'Not at or below its reorder point' });
  }
  const bySupplier = new Map<number, Suggestion[]>();
  for (const l of chosen.values()) {
    const sup = s.supplierOf.get(l.id) ?? null;
    if (sup === null) {
      skipped.push({ itemId: l.itemId, suggestionId: l.id, reason: `${l.sku} has no preferred supplier: set one in purchasing` });
      continue;
    }
    bySupplier.set(sup, [...(bySupplier.get(sup) ?? []), l]);
  }
  const purchaseOrders = env.sql.tx(() =>
    [...bySupplier.entries()].map(([supplierId, lines]) => {
      const po = createDraftPo(env, {
        supplierId,
        warehouseId: s.warehouseId,
        notes: `Suggested by replenishment planning on ${s.generatedAt.slice(0, 10)}`,
        lines: lines.map((l) => ({ itemId: l.itemId, quantity: l.suggestedQuantity })),
      });
      return { id: po.id, number: po.number, supplierId, supplierName: po.supplierName, lines: po.lines.length, units: po.lines.reduce((a, l) => a + l.quantity, 0) };
    }),
  );
  return { purchaseOrders, skipped };
}

/** Stored parameters for the list screen. */
export function listParams(env: LedgerEnv, input: ParsedInput<'planning.params'>): Output<'planning.params'> {
  let q = qb
    .selectFrom('planning_params as p')
    .innerJoin('items as i', 'i.id', 'p.item_id')
    .select(['p.item_id', 'i.sku', 'i.name', 'p.computed_at', 'p.method', 'p.avg_daily', 'p.lead_time_days', 'p.lead_time_source', 'p.service_level', 'p.safety_stock', 'p.reorder_point', 'p.order_qty', 'p.abc', 'p.xyz'])
    .where('p.warehouse_key', '=', 0);
  if (input.itemId !== undefined) q = q.where('p.item_id', '=', input.itemId);
  return env.sql.all(q.orderBy(raw`i.sku`).limit(input.limit).offset(input.offset)).map((r) => ({
    itemId: r.item_id,
    sku: r.sku,
    name: r.name,
    computedAt: r.computed_at,
    method: r.method,
    avgDaily: r.avg_daily,
    leadTimeDays: r.lead_time_days,
    leadTimeSource: r.lead_time_source,
    serviceLevel: r.service_level,
    safetyStock: r.safety_stock,
    reorderPoint: r.reorder_point,
    orderQuantity: r.order_qty,
    abc: r.abc,
    xyz: r.xyz,
  }));
}
