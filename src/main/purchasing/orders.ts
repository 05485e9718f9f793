import type { Selectable } from 'kysely';
import type { ParsedInput, PoCharge, PoLine, PoStatus, PurchaseOrder } from '../../shared/api';
import { fail } from '../../shared/errors';
import { itemById } from '../catalog/items';
import type { CoreDeps } from '../core/context';
import type { DB } from '../db/schema';
import { qb, type Sql } from '../db/sql';
import { warehouseById } from '../locations/locations';
import { supplierItem, supplierRow } from './suppliers';

export type PoDb = Selectable<DB['purchase_orders']>;
export type PoLineDb = Selectable<DB['purchase_order_lines']>;

export const poNumber = (id: number): string => `PO-${String(id).padStart(5, '0')}`;

const STATUS_WORDS: Record<PoStatus, string> = {
  draft: 'a draft',
  sent: 'sent',
  partially_received: 'partially received',
  received: 'received',
  closed: 'closed',
  cancelled: 'cancelled',
};

/** Refuses an action the PO's status does not allow, saying what the status is and what would be allowed. */
export function assertStatus(po: PoDb, allowed: readonly PoStatus[], action: string, hint = ''): void {
  if (allowed.includes(po.status)) return;
  fail('PO_STATUS', `Cannot ${action} ${po.number}: it is ${STATUS_WORDS[po.status]}${hint ? ` (${hint})` : ''}`, undefined, { status: po.status, allowed });
}

export function poRow(sql: Sql, id: number, field = 'id'): PoDb {
  const r = sql.one(qb.selectFrom('purchase_orders').selectAll().where('id', '=', id));
  if (!r) return fail('UNKNOWN_PO', `There is no purchase order with id ${id}`, { [field]: 'Unknown purchase order' });
  return r;
}

export const poLines = (sql: Sql, poId: number): PoLineDb[] => sql.all(qb.selectFrom('purchase_order_lines').selectAll().where('po_id', '=', poId).orderBy('position'));

export const outstanding = (l: PoLineDb): number => (l.closed_reason !== null ? 0 : Math.max(0, l.quantity - l.received));

function toLine(sql: Sql, l: PoLineDb): PoLine {
  const item = itemById(sql, l.item_id);
  return {
    id: l.id,
    position: l.position,
    itemId: l.item_id,
    sku: item.sku,
    name: item.name,
    supplierSku: l.supplier_sku,
    quantity: l.quantity,
    unitCostMinor: l.unit_cost_minor,
    lineTotalMinor: l.quantity * l.unit_cost_minor,
    received: l.received,
    outstanding: outstanding(l),
    closedReason: l.closed_reason,
  };
}

export function chargesOf(sql: Sql, poId: number): PoCharge[] {
  return sql.all(qb.selectFrom('po_charges').selectAll().where('po_id', '=', poId).orderBy('id')).map((c) => {
    const split = sql.all(
      qb
        .selectFrom('cost_adjustments')
        .select(['kind', (eb) => eb.fn.sum<number>('amount_minor').as('amount')])
        .where('source', '=', 'po_charge')
        .where('source_id', '=', c.id)
        .groupBy('kind'),
    );
    return {
      id: c.id,
      kind: c.kind,
      amountMinor: c.amount_minor,
      basis: c.basis,
      lineIds: c.line_ids === null ? null : (JSON.parse(c.line_ids) as number[]),
      billRef: c.bill_ref,
      note: c.note,
      status: c.status,
      createdAt: c.created_at,
      allocatedAt: c.allocated_at,
      allocations: sql
        .all(qb.selectFrom('po_charge_allocations').selectAll().where('charge_id', '=', c.id).orderBy('line_id'))
        .map((a) => ({ lineId: a.line_id, basisAmount: a.basis_amount, amountMinor: a.amount_minor })),
      toStockMinor: Number(split.find((s) => s.kind === 'revalue')?.amount ?? 0),
      toCogsMinor: Number(split.find((s) => s.kind === 'cogs')?.amount ?? 0),
    };
  });
}

export function toPo(sql: Sql, po: PoDb): PurchaseOrder {
  const lines = poLines(sql, po.id).map((l) => toLine(sql, l));
  return {
    id: po.id,
    number: po.number,
    supplierId: po.supplier_id,
    supplierName: supplierRow(sql, po.supplier_id).name,
    warehouseId: po.warehouse_id,
    warehouseCode: warehouseById(sql, po.warehouse_id).code,
    status: po.status,
    currency: po.currency,
    expectedDate: po.expected_date,
    notes: po.notes,
    sentAt: po.sent_at,
    receivedAt: po.received_at,
    closedAt: po.closed_at,
    closeReason: po.close_reason,
    cancelledAt: po.cancelled_at,
    cancelReason: po.cancel_reason,
    createdAt: po.created_at,
    updatedAt: po.updated_at,
    lines,
    totalMinor: lines.reduce((s, l) => s + l.lineTotalMinor, 0),
    charges: chargesOf(sql, po.id),
  };
}

export const getPo = (d: CoreDeps, id: number): PurchaseOrder => toPo(d.sql, poRow(d.sql, id));

export function listPos(d: CoreDeps, input: ParsedInput<'purchasing.orders.list'>): PurchaseOrder[] {
  let q = qb.selectFrom('purchase_orders').selectAll();
  if (input.supplierId !== undefined) q = q.where('supplier_id', '=', input.supplierId);
  if (input.status?.length) q = q.where('status', 'in', input.status);
  if (input.itemId !== undefined) {
    const itemId = input.itemId;
    q = q.where('id', 'in', qb.selectFrom('purchase_order_lines').select('po_id').where('item_id', '=', itemId));
  }
  return d.sql.all(q.orderBy('id', 'desc').limit(input.limit)).map((po) => toPo(d.sql, po));
}

type DraftLine = NonNullable<ParsedInput<'purchasing.orders.updateDraft'>['lines']>[number];

function writeLines(sql: Sql, po: PoDb, lines: DraftLine[]): void {
  // Only a draft has its lines replaced, and a draft has no receipts or charge allocations pointing at them.
  sql.run(qb.deleteFrom('purchase_order_lines').where('po_id', '=', po.id));
  lines.forEach((l, i) => {
    const item = itemById(sql, l.itemId);
    const terms = supplierItem(sql, po.supplier_id, l.itemId);
    sql.run(
      qb.insertInto('purchase_order_lines').values({
        po_id: po.id,
        position: i + 1,
        item_id: item.id,
        quantity: l.quantity,
        unit_cost_minor: l.unitCostMinor ?? terms?.effective.costMinor ?? item.cost_minor,
        supplier_sku: l.supplierSku ?? terms?.supplierSku ?? null,
        closed_reason: null,
      }),
    );
  });
}

export function createDraft(d: CoreDeps, input: ParsedInput<'purchasing.orders.createDraft'>): PurchaseOrder {
  return d.sql.tx(() => {
    const supplier = supplierRow(d.sql, input.supplierId);
    if (!supplier.active) fail('VALIDATION', `${supplier.name} is inactive: reactivate the supplier to order from it`, { supplierId: 'Inactive supplier' });
    warehouseById(d.sql, input.warehouseId);
    const at = d.clock.now().toISOString();
    const next = (d.sql.one(qb.selectFrom('purchase_orders').select((eb) => eb.fn.max<number>('id').as('m')))?.m ?? 0) + 1;
    d.sql.run(
      qb.insertInto('purchase_orders').values({
        id: next,
        number: poNumber(next),
        supplier_id: supplier.id,
        warehouse_id: input.warehouseId,
        status: 'draft',
        currency: supplier.currency,
        expected_date: input.expectedDate ?? null,
        notes: input.notes ?? '',
        sent_at: null,
        received_at: null,
        closed_at: null,
        close_reason: null,
        cancelled_at: null,
        cancel_reason: null,
        created_at: at,
        updated_at: at,
      }),
    );
    const po = poRow(d.sql, next);
    writeLines(d.sql, po, input.lines);
    return toPo(d.sql, po);
  });
}

export function updateDraft(d: CoreDeps, input: ParsedInput<'purchasing.orders.updateDraft'>): PurchaseOrder {
  return d.sql.tx(() => {
    const po = poRow(d.sql, input.id);
    assertStatus(po, ['draft'], 'edit', 'only a draft can be edited');
    const set: Partial<PoDb> = { updated_at: d.clock.now().toISOString() };
    if (input.warehouseId !== undefined) set.warehouse_id = warehouseById(d.sql, input.warehouseId).id;
    if (input.expectedDate !== undefined) set.expected_date = input.expectedDate;
    if (input.notes !== undefined) set.notes = input.notes;
    d.sql.run(qb.updateTable('purchase_orders').set(set).where('id', '=', po.id));
    if (input.lines) writeLines(d.sql, po, input.lines);
    return toPo(d.sql, poRow(d.sql, po.id));
  });
}

export function sendPo(d: CoreDeps, id: number): PurchaseOrder {
  return d.sql.tx(() => {
    const po = poRow(d.sql, id);
    assertStatus(po, ['draft'], 'send', 'only a draft is sent');
    if (poLines(d.sql, po.id).length === 0) fail('VALIDATION', `${po.number} has no lines: add what to order before sending`, { lines: 'No lines' });
    const at = d.clock.now().toISOString();
    d.sql.run(qb.updateTable('purchase_orders').set({ status: 'sent', sent_at: at, updated_at: at }).where('id', '=', po.id));
    return toPo(d.sql, poRow(d.sql, po.id));
  });
}

export function cancelPo(d: CoreDeps, input: ParsedInput<'purchasing.orders.cancel'>): PurchaseOrder {
  return d.sql.tx(() => {
    const po = poRow(d.sql, input.id);
    if (poLines(d.sql, po.id).some((l) => l.received > 0)) {
      fail('PO_STATUS', `Cannot cancel ${po.number}: goods have been received on it; close it instead`, undefined, { status: po.status });
    }
    assertStatus(po, ['draft', 'sent'], 'cancel');
    const at = d.clock.now().toISOString();
    d.sql.run(qb.updateTable('purchase_orders').set({ status: 'cancelled', cancelled_at: at, cancel_reason: input.reason ?? null, updated_at: at }).where('id', '=', po.id));
    return toPo(d.sql, poRow(d.sql, po.id));
  });
}

export function closePo(d: CoreDeps, input: ParsedInput<'purchasing.orders.close'>): PurchaseOrder {
  return d.sql.tx(() => {
    const po = poRow(d.sql, input.id);
    assertStatus(po, ['sent', 'partially_received', 'received'], 'close', po.status === 'draft' ? 'cancel a draft instead' : '');
    const short = poLines(d.sql, po.id).filter((l) => outstanding(l) > 0);
    if (short.length && !input.reason) {
      fail('VALIDATION', `${po.number} still expects ${short.reduce((s, l) => s + outstanding(l), 0)} unit(s): give a reason to close it short`, { reason: 'Reason required' });
    }
    for (const l of short) d.sql.run(qb.updateTable('purchase_order_lines').set({ closed_reason: input.reason! }).where('id', '=', l.id));
    const at = d.clock.now().toISOString();
    d.sql.run(qb.updateTable('purchase_orders').set({ status: 'closed', closed_at: at, close_reason: input.reason ?? null, updated_at: at }).where('id', '=', po.id));
    return toPo(d.sql, poRow(d.sql, po.id));
  });
}

/** Status after receipts or a short-closed line: received once nothing is still expected. */
export function refreshStatus(sql: Sql, poId: number, at: string): void {
  const po = poRow(sql, poId);
  if (!['sent', 'partially_received', 'received'].includes(po.status)) return;
  const lines = poLines(sql, poId);
  const anyReceived = lines.some((l) => l.received > 0);
  const done = lines.every((l) => outstanding(l) === 0);
  const status: PoStatus = done ? 'received' : anyReceived ? 'partially_received' : 'sent';
  if (status !== po.status) {
    sql.run(qb.updateTable('purchase_orders').set({ status, received_at: status === 'received' ? at : null, updated_at: at }).where('id', '=', poId));
  }
}

export function closeLine(d: CoreDeps, input: ParsedInput<'purchasing.orders.closeLine'>): PurchaseOrder {
  return d.sql.tx(() => {
    const line = d.sql.one(qb.selectFrom('purchase_order_lines').selectAll().where('id', '=', input.lineId));
    if (!line) return fail('NOT_FOUND', `There is no PO line with id ${input.lineId}`, { lineId: 'Unknown PO line' });
    const po = poRow(d.sql, line.po_id);
    assertStatus(po, ['sent', 'partially_received'], 'close a line of');
    if (outstanding(line) === 0) fail('VALIDATION', `Line ${line.position} of ${po.number} expects nothing more`, { lineId: 'Nothing outstanding' });
    d.sql.run(qb.updateTable('purchase_order_lines').set({ closed_reason: input.reason }).where('id', '=', line.id));
    refreshStatus(d.sql, po.id, d.clock.now().toISOString());
    return toPo(d.sql, poRow(d.sql, po.id));
  });
}
