import type { ReportTable } from '../../../shared/api/reports';
import { qb } from '../../db/sql';
import type { LedgerEnv } from '../../ledger/env';
import { valuationAsOf, type ValuationScope } from '../valuation-as-of';
import { col, describe, percentOf, sums, table, type Row, type TableInput } from './table';

/** FIFO valuation as of a day close (the ledger replay of valuation-as-of.ts), by location or by category. */
export function valuationTable(env: LedgerEnv, i: TableInput, by: 'location' | 'category'): ReportTable {
  const scope: ValuationScope = {
    ...(i.warehouseId !== undefined && { warehouseId: i.warehouseId }),
    ...(i.category !== undefined && { category: i.category }),
  };
  const v = valuationAsOf(env, i.asOf, by, scope);
  const codes = new Map(env.sql.all(qb.selectFrom('warehouses').select(['id', 'code'])).map((w) => [w.id, w.code]));
  const warehouseOf = (locationId: number | null) => {
    const wid = locationId === null ? null : (env.locs.get(locationId)?.warehouse_id ?? null);
    return wid === null ? '' : (codes.get(wid) ?? '');
  };
  const rows = v.rows.map((r): Row =>
    by === 'location'
      ? { location: r.label, warehouse: warehouseOf(r.locationId), quantity: r.quantity, value: r.valueMinor, share: percentOf(r.valueMinor, v.valueMinor) }
      : { category: r.label, quantity: r.quantity, value: r.valueMinor, share: percentOf(r.valueMinor, v.valueMinor) },
  );
  const totals = { ...sums(rows, ['quantity', 'value']), share: v.valueMinor === 0 ? null : 100 };
  return table(env, i, {
    subtitle: describe(env, i, `as of the close of ${i.asOf} (UTC)`),
    columns:
      by === 'location'
        ? [col('location', 'Location', 'text'), col('warehouse', 'Warehouse', 'text'), col('quantity', 'Quantity', 'int'), col('value', 'Value', 'money'), col('share', 'Share %', 'percent')]
        : [col('category', 'Category', 'text'), col('quantity', 'Quantity', 'int'), col('value', 'Value', 'money'), col('share', 'Share %', 'percent')],
    rows,
    totals,
    notes: [
      'FIFO: each open cost layer at its own unit cost, rebuilt from the ledger history as it stood at the close of the day (receipts, consumptions, transfers and landed-cost revaluations up to then).',
      'Stock in bins, in transit and in returns limbo is counted where it lies.',
    ],
  });
}
