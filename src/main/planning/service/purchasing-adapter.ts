import type { ParsedInput, PurchaseOrder } from '../../../shared/api';
import { fail } from '../../../shared/errors';
import type { CoreDeps } from '../../core/context';
import { qb, type Sql } from '../../db/sql';
import { leadTimes } from '../../purchasing/lead-times';
import { createDraft } from '../../purchasing/orders';

/**
 * What planning needs from purchasing, in one place: preferred supplier terms, measured lead times, open PO
 * quantities and draft PO creation. Each read first checks that purchasing's tables exist, so planning also runs on
 * a database (or a build) without purchasing: then there are no suppliers, no measured lead times and nothing on order.
 */
export interface SupplierTerms {
  supplierId: number;
  supplierName: string;
  costMinor: number | null;
  moq: number | null;
  packSize: number | null;
  leadTimeDays: number | null;
  /** Where the stated lead time came from. */
  leadTimeSource: 'supplier item' | 'supplier' | null;
}

export interface OpenQuantities {
  /** Outstanding on sent or partially received POs. */
  onOrder: number;
  /** On draft POs: not ordered yet, but counting it stops a second click from suggesting the same units again. */
  inDraft: number;
}

const tablesPresent = new WeakMap<Sql, boolean>();

export function hasPurchasing(sql: Sql): boolean {
  let v = tablesPresent.get(sql);
  if (v === undefined) {
    const n = sql.raw.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name IN ('suppliers','supplier_items','purchase_orders','purchase_order_lines','po_receipts','po_receipt_lines')").get() as { n: number };
    v = n.n === 6;
    tablesPresent.set(sql, v);
  }
  return v;
}

/** The item's preferred supplier and its effective terms (item-specific, else the supplier's defaults). */
export function preferredSupplier(sql: Sql, itemId: number): SupplierTerms | null {
  if (!hasPurchasing(sql)) return null;
  const r = sql.one(
    qb
      .selectFrom('supplier_items as si')
      .innerJoin('suppliers as s', 's.id', 'si.supplier_id')
      .select(['s.id', 's.name', 'si.cost_minor', 'si.min_order_qty', 'si.pack_size', 'si.lead_time_days', 's.min_order_qty as s_moq', 's.pack_size as s_pack', 's.lead_time_days as s_lead'])
      .where('si.item_id', '=', itemId)
      .where('s.active', '=', 1)
      .orderBy('si.preferred', 'desc')
      .orderBy('s.id')
      .limit(1),
  );
  if (!r) return null;
  return {
    supplierId: r.id,
    supplierName: r.name,
    costMinor: r.cost_minor,
    moq: r.min_order_qty ?? r.s_moq,
    packSize: r.pack_size ?? r.s_pack,
    leadTimeDays: r.lead_time_days ?? r.s_lead,
    leadTimeSource: r.lead_time_days !== null ? 'supplier item' : r.s_lead !== null ? 'supplier' : null,
  };
}

/** Measured lead times of the item's received PO lines, in days (purchasing's own measure: sent → first receipt). */
export function measuredLeadTimes(d: CoreDeps, itemId: number): number[] {
  if (!hasPurchasing(d.sql)) return [];
  return leadTimes(d, { itemId } as ParsedInput<'purchasing.leadTimes'>).observations.map((o) => o.days);
}

export function openQuantities(sql: Sql, warehouseId?: number): Map<number, OpenQuantities> {
  const out = new Map<number, OpenQuantities>();
  if (!hasPurchasing(sql)) return out;
  let q = qb
    .selectFrom('purchase_order_lines as l')
    .innerJoin('purchase_orders as p', 'p.id', 'l.po_id')
    .select(['l.item_id', 'p.status', (eb) => eb.fn.sum<number>(eb.fn('max', [eb.lit(0), eb('l.quantity', '-', eb.ref('l.received'))])).as('open')])
    .where('p.status', 'in', ['draft', 'sent', 'partially_received'])
    .where('l.closed_reason', 'is', null)
    .groupBy(['l.item_id', 'p.status']);
  if (warehouseId !== undefined) q = q.where('p.warehouse_id', '=', warehouseId);
  for (const r of sql.all(q)) {
    const o = out.get(r.item_id) ?? { onOrder: 0, inDraft: 0 };
    if (r.status === 'draft') o.inDraft += Number(r.open);
    else o.onOrder += Number(r.open);
    out.set(r.item_id, o);
  }
  return out;
}

export function createDraftPo(d: CoreDeps, input: { supplierId: number; warehouseId: number; notes: string; lines: Array<{ itemId: number; quantity: number }> }): PurchaseOrder {
  if (!hasPurchasing(d.sql)) return fail('NOT_SUPPORTED', 'Purchasing is not available in this database: draft POs cannot be created');
  return createDraft(d, input as ParsedInput<'purchasing.orders.createDraft'>);
}
