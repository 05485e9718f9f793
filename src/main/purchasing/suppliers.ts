import type { Selectable } from 'kysely';
import type { ParsedInput, Supplier, SupplierItem } from '../../shared/api';
import { fail } from '../../shared/errors';
import { itemById } from '../catalog/items';
import type { CoreDeps } from '../core/context';
import type { DB } from '../db/schema';
import { qb, type Sql } from '../db/sql';

type SupplierDb = Selectable<DB['suppliers']>;

const toSupplier = (r: SupplierDb): Supplier => ({
  id: r.id,
  name: r.name,
  email: r.email,
  phone: r.phone,
  address: r.address,
  currency: r.currency,
  paymentTermsDays: r.payment_terms_days,
  leadTimeDays: r.lead_time_days,
  minOrderQty: r.min_order_qty,
  packSize: r.pack_size,
  notes: r.notes,
  active: r.active === 1,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export function supplierRow(sql: Sql, id: number): SupplierDb {
  const r = sql.one(qb.selectFrom('suppliers').selectAll().where('id', '=', id));
  if (!r) return fail('UNKNOWN_SUPPLIER', `There is no supplier with id ${id}`, { supplierId: 'Unknown supplier' });
  return r;
}

function assertNameFree(sql: Sql, name: string, exceptId?: number): void {
  const other = sql.one(qb.selectFrom('suppliers').select('id').where('name', '=', name));
  if (other && other.id !== exceptId) fail('DUPLICATE', `A supplier named "${name}" already exists`, { name: 'Name already used' });
}

type Patch = ParsedInput<'purchasing.suppliers.update'>['patch'];

function columns(p: Patch) {
  const c: Partial<Omit<SupplierDb, 'id'>> = {};
  if (p.name !== undefined) c.name = p.name;
  if (p.email !== undefined) c.email = p.email;
  if (p.phone !== undefined) c.phone = p.phone;
  if (p.address !== undefined) c.address = p.address;
  if (p.currency !== undefined) c.currency = p.currency;
  if (p.paymentTermsDays !== undefined) c.payment_terms_days = p.paymentTermsDays;
  if (p.leadTimeDays !== undefined) c.lead_time_days = p.leadTimeDays;
  if (p.minOrderQty !== undefined) c.min_order_qty = p.minOrderQty;
  if (p.packSize !== undefined) c.pack_size = p.packSize;
  if (p.notes !== undefined) c.notes = p.notes;
  if (p.active !== undefined) c.active = p.active ? 1 : 0;
  return c;
}

export function createSupplier(d: CoreDeps, input: ParsedInput<'purchasing.suppliers.create'>): Supplier {
  return d.sql.tx(() => {
    assertNameFree(d.sql, input.name);
    const at = d.clock.now().toISOString();
    const c = columns(input);
    const r = d.sql.run(
      qb.insertInto('suppliers').values({
        name: input.name,
        email: c.email ?? null,
        phone: c.phone ?? null,
        address: c.address ?? '',
        currency: c.currency ?? 'GBP',
        payment_terms_days: c.payment_terms_days ?? 30,
        lead_time_days: c.lead_time_days ?? null,
        min_order_qty: c.min_order_qty ?? null,
        pack_size: c.pack_size ?? 1,
        notes: c.notes ?? '',
        active: c.active ?? 1,
        created_at: at,
        updated_at: at,
      }),
    );
    return toSupplier(supplierRow(d.sql, r.lastInsertRowid));
  });
}

export function updateSupplier(d: CoreDeps, input: ParsedInput<'purchasing.suppliers.update'>): Supplier {
  return d.sql.tx(() => {
    supplierRow(d.sql, input.id);
    if (input.patch.name !== undefined) assertNameFree(d.sql, input.patch.name, input.id);
    const c = columns(input.patch);
    if (Object.keys(c).length) d.sql.run(qb.updateTable('suppliers').set({ ...c, updated_at: d.clock.now().toISOString() }).where('id', '=', input.id));
    return toSupplier(supplierRow(d.sql, input.id));
  });
}

export const listSuppliers = (d: CoreDeps, all: boolean): Supplier[] => {
  let q = qb.selectFrom('suppliers').selectAll().orderBy('name');
  if (!all) q = q.where('active', '=', 1);
  return d.sql.all(q).map(toSupplier);
};

export const getSupplier = (d: CoreDeps, id: number) => ({ supplier: toSupplier(supplierRow(d.sql, id)), items: listSupplierItems(d, { supplierId: id }) });

const supplierItemQuery = () =>
  qb
    .selectFrom('supplier_items as si')
    .innerJoin('suppliers as s', 's.id', 'si.supplier_id')
    .innerJoin('items as i', 'i.id', 'si.item_id')
    .select([
      'si.supplier_id',
      's.name as supplier_name',
      'si.item_id',
      'i.sku',
      'i.name',
      'si.supplier_sku',
      'si.cost_minor',
      'si.min_order_qty',
      'si.pack_size',
      'si.lead_time_days',
      'si.preferred',
      'i.cost_minor as item_cost',
      's.min_order_qty as s_moq',
      's.pack_size as s_pack',
      's.lead_time_days as s_lead',
    ]);

type SupplierItemDb = Awaited<ReturnType<ReturnType<typeof supplierItemQuery>['executeTakeFirstOrThrow']>>;

const toSupplierItem = (r: SupplierItemDb): SupplierItem => ({
  supplierId: r.supplier_id,
  supplierName: r.supplier_name,
  itemId: r.item_id,
  sku: r.sku,
  name: r.name,
  supplierSku: r.supplier_sku,
  costMinor: r.cost_minor,
  minOrderQty: r.min_order_qty,
  packSize: r.pack_size,
  leadTimeDays: r.lead_time_days,
  preferred: r.preferred === 1,
  effective: {
    costMinor: r.cost_minor ?? r.item_cost,
    minOrderQty: r.min_order_qty ?? r.s_moq,
    packSize: r.pack_size ?? r.s_pack,
    leadTimeDays: r.lead_time_days ?? r.s_lead,
  },
});

export function supplierItem(sql: Sql, supplierId: number, itemId: number): SupplierItem | null {
  const r = sql.one(supplierItemQuery().where('si.supplier_id', '=', supplierId).where('si.item_id', '=', itemId));
  return r ? toSupplierItem(r) : null;
}

export function listSupplierItems(d: CoreDeps, input: ParsedInput<'purchasing.supplierItems.list'>): SupplierItem[] {
  let q = supplierItemQuery();
  if (input.supplierId !== undefined) q = q.where('si.supplier_id', '=', input.supplierId);
  if (input.itemId !== undefined) q = q.where('si.item_id', '=', input.itemId);
  return d.sql.all(q.orderBy('si.preferred', 'desc').orderBy('i.sku').orderBy('s.name')).map(toSupplierItem);
}

export function setSupplierItem(d: CoreDeps, input: ParsedInput<'purchasing.supplierItems.set'>): SupplierItem {
  return d.sql.tx(() => {
    supplierRow(d.sql, input.supplierId);
    itemById(d.sql, input.itemId);
    const at = d.clock.now().toISOString();
    const c: Partial<Selectable<DB['supplier_items']>> = {};
    if (input.supplierSku !== undefined) c.supplier_sku = input.supplierSku;
    if (input.costMinor !== undefined) c.cost_minor = input.costMinor;
    if (input.minOrderQty !== undefined) c.min_order_qty = input.minOrderQty;
    if (input.packSize !== undefined) c.pack_size = input.packSize;
    if (input.leadTimeDays !== undefined) c.lead_time_days = input.leadTimeDays;
    if (input.preferred !== undefined) c.preferred = input.preferred ? 1 : 0;
    // One preferred supplier per item: choosing this one un-prefers the others in the same transaction.
    if (input.preferred) d.sql.run(qb.updateTable('supplier_items').set({ preferred: 0 }).where('item_id', '=', input.itemId).where('supplier_id', '!=', input.supplierId));
    const exists = supplierItem(d.sql, input.supplierId, input.itemId);
    if (exists) {
      d.sql.run(qb.updateTable('supplier_items').set({ ...c, updated_at: at }).where('supplier_id', '=', input.supplierId).where('item_id', '=', input.itemId));
    } else {
      d.sql.run(
        qb.insertInto('supplier_items').values({
          supplier_id: input.supplierId,
          item_id: input.itemId,
          supplier_sku: c.supplier_sku ?? null,
          cost_minor: c.cost_minor ?? null,
          min_order_qty: c.min_order_qty ?? null,
          pack_size: c.pack_size ?? null,
          lead_time_days: c.lead_time_days ?? null,
          preferred: c.preferred ?? 0,
          updated_at: at,
        }),
      );
    }
    return supplierItem(d.sql, input.supplierId, input.itemId)!;
  });
}
