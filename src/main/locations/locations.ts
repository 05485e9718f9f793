import type { Location, ParsedInput, Warehouse } from '../../shared/api';
import { fail } from '../../shared/errors';
import type { CoreDeps } from '../core/context';
import { qb, type Sql } from '../db/sql';
import type { LocationCache, LocationRow } from './paths';

type WarehouseRow = { id: number; code: string; name: string; allow_negative: number; priority: number };
const toWarehouse = (r: WarehouseRow): Warehouse => ({ id: r.id, code: r.code, name: r.name, allowNegative: r.allow_negative === 1, priority: r.priority });

export function toLocation(cache: LocationCache, r: LocationRow): Location {
  return {
    id: r.id,
    warehouseId: r.warehouse_id,
    parentId: r.parent_id,
    kind: r.kind,
    virtualKind: r.virtual_kind as Location['virtualKind'],
    code: r.code,
    name: r.name,
    barcode: r.barcode,
    path: cache.path(r.id),
  };
}

const selectWarehouse = (id: number) => qb.selectFrom('warehouses').selectAll().where('id', '=', id);

export function warehouseById(sql: Sql, id: number): WarehouseRow {
  const w = sql.pOne(selectWarehouse, id);
  if (!w) return fail('UNKNOWN_WAREHOUSE', `There is no warehouse with id ${id}`, { warehouseId: 'Unknown warehouse' });
  return w;
}

export const listWarehouses = (d: CoreDeps): Warehouse[] =>
  d.sql.all(qb.selectFrom('warehouses').selectAll().orderBy('priority').orderBy('code')).map(toWarehouse);

export function createWarehouse(d: CoreDeps, cache: LocationCache, input: ParsedInput<'locations.createWarehouse'>): Warehouse {
  return d.sql.tx(() => {
    if (d.sql.one(qb.selectFrom('warehouses').select('id').where('code', '=', input.code))) {
      fail('DUPLICATE', `Warehouse code ${input.code} is already used`, { code: 'Already used' });
    }
    const r = d.sql.one(
      qb
        .insertInto('warehouses')
        .values({ code: input.code, name: input.name, allow_negative: input.allowNegative ? 1 : 0, priority: input.priority })
        .returningAll(),
    ) as WarehouseRow;
    cache.invalidate();
    return toWarehouse(r);
  });
}

export function updateWarehouse(d: CoreDeps, input: ParsedInput<'locations.updateWarehouse'>): Warehouse {
  return d.sql.tx(() => {
    warehouseById(d.sql, input.id);
    const set: Partial<WarehouseRow> = {};
    if (input.name !== undefined) set.name = input.name;
    if (input.allowNegative !== undefined) set.allow_negative = input.allowNegative ? 1 : 0;
    if (input.priority !== undefined) set.priority = input.priority;
    if (Object.keys(set).length) d.sql.run(qb.updateTable('warehouses').set(set).where('id', '=', input.id));
    return toWarehouse(warehouseById(d.sql, input.id));
  });
}

export function listLocations(d: CoreDeps, cache: LocationCache, input: ParsedInput<'locations.list'>): Location[] {
  return cache
    .all()
    .filter((r) => (r.kind === 'virtual' ? input.includeVirtual : input.warehouseId === undefined || r.warehouse_id === input.warehouseId))
    .map((r) => toLocation(cache, r))
    .sort((a, b) => (a.kind === 'virtual') !== (b.kind === 'virtual') ? (a.kind === 'virtual' ? 1 : -1) : a.path.localeCompare(b.path, undefined, { numeric: true }));
}

export function createLocation(d: CoreDeps, cache: LocationCache, input: ParsedInput<'locations.create'>): Location {
  return d.sql.tx(() => {
    warehouseById(d.sql, input.warehouseId);
    if (input.parentId != null) {
      const p = cache.get(input.parentId);
      if (!p || p.warehouse_id !== input.warehouseId) fail('UNKNOWN_LOCATION', `There is no zone ${input.parentId} in this warehouse`, { parentId: 'Unknown zone' });
      if (p?.kind !== 'zone') fail('VALIDATION', 'Bins and zones can only be placed inside a zone', { parentId: 'Choose a zone' });
    }
    if (d.sql.one(qb.selectFrom('locations').select('id').where('warehouse_id', '=', input.warehouseId).where('code', '=', input.code))) {
      fail('DUPLICATE', `Location code ${input.code} is already used in this warehouse`, { code: 'Already used in this warehouse' });
    }
    const barcode = input.barcode === undefined ? (input.kind === 'bin' ? input.code : null) : input.barcode;
    if (barcode && d.sql.one(qb.selectFrom('locations').select('id').where('barcode', '=', barcode))) {
      fail('DUPLICATE', `Location barcode ${barcode} is already used`, { barcode: 'Already used by another location' });
    }
    const r = d.sql.one(
      qb
        .insertInto('locations')
        .values({ warehouse_id: input.warehouseId, parent_id: input.parentId ?? null, kind: input.kind, code: input.code, name: input.name, barcode })
        .returningAll(),
    ) as LocationRow;
    cache.invalidate();
    return toLocation(cache, r);
  });
}

export function lookupLocation(d: CoreDeps, cache: LocationCache, code: string): Location | null {
  const r =
    (d.sql.one(qb.selectFrom('locations').selectAll().where('barcode', '=', code)) as LocationRow | undefined) ??
    (d.sql.one(qb.selectFrom('locations').selectAll().where('code', '=', code).where('kind', '!=', 'virtual').orderBy('id').limit(1)) as LocationRow | undefined);
  return r ? toLocation(cache, r) : null;
}
