import type { ReportTable } from '../../../shared/api/reports';
import { qb } from '../../db/sql';
import type { LedgerEnv } from '../../ledger/env';
import { addDays } from '../../planning/history/dates';
import { col, describe, periodWords, table, type TableInput } from './table';

/** Every movement in the period, in ledger order: the audit trail behind every other report. */
export function movementsJournalTable(env: LedgerEnv, i: TableInput): ReportTable {
  let q = qb
    .selectFrom('movements as m')
    .innerJoin('operations as o', 'o.id', 'm.operation_id')
    .innerJoin('items as i', 'i.id', 'm.item_id')
    .innerJoin('locations as f', 'f.id', 'm.from_location_id')
    .innerJoin('locations as t', 't.id', 'm.to_location_id')
    .leftJoin('lots as l', 'l.id', 'm.lot_id')
    .select([
      'm.id',
      'm.created_at',
      'o.kind',
      'm.reason',
      'i.sku',
      'i.name',
      'l.code as lot',
      'm.from_location_id',
      'm.to_location_id',
      'm.quantity',
      'm.unit_cost_minor',
      'm.total_cost_minor',
      'm.doc_ref',
      'm.actor',
    ])
    .where('m.created_at', '>=', i.from)
    .where('m.created_at', '<', addDays(i.to, 1))
    .orderBy('m.id');
  if (i.warehouseId !== undefined) {
    const w = i.warehouseId;
    q = q.where((eb) => eb.or([eb('f.warehouse_id', '=', w), eb('t.warehouse_id', '=', w)]));
  }
  if (i.category !== undefined) q = q.where('i.category', '=', i.category);
  const rows = env.sql.all(q).map((m) => ({
    id: m.id,
    at: m.created_at,
    kind: m.kind,
    reason: m.reason,
    sku: m.sku,
    name: m.name,
    lot: m.lot ?? '',
    from: env.locs.path(m.from_location_id),
    to: env.locs.path(m.to_location_id),
    quantity: m.quantity,
    unitCost: m.unit_cost_minor,
    cost: m.total_cost_minor,
    doc: m.doc_ref ?? '',
    actor: m.actor,
  }));
  return table(env, i, {
    subtitle: describe(env, i, periodWords(i)),
    columns: [
      col('id', 'No.', 'int'),
      col('at', 'Date', 'datetime'),
      col('kind', 'Operation', 'text'),
      col('reason', 'Reason', 'text'),
      col('sku', 'SKU', 'text'),
      col('name', 'Item', 'text'),
      col('lot', 'Lot', 'text'),
      col('from', 'From', 'text'),
      col('to', 'To', 'text'),
      col('quantity', 'Quantity', 'int'),
      col('unitCost', 'Unit cost', 'money'),
      col('cost', 'Cost', 'money'),
      col('doc', 'Document', 'text'),
      col('actor', 'By', 'text'),
    ],
    rows,
    // Movements of every kind in one list: a sum of their quantities or costs would mean nothing.
    totals: null,
    notes: [
      `${rows.length} movement${rows.length === 1 ? '' : 's'}. Each moves stock from one location to another (virtual locations: supplier, customer, adjustment, scrap, in transit, returns); the ledger never changes or deletes one, a mistake is reversed by another.`,
      ...(i.warehouseId !== undefined ? ['With a warehouse: movements from or to one of its locations.'] : []),
    ],
  });
}
