import type { ReportTable } from '../../../shared/api/reports';
import { qb } from '../../db/sql';
import type { LedgerEnv } from '../../ledger/env';
import { addDays } from '../../planning/history/dates';
import { landedCost } from '../../purchasing/landed-cost';
import { col, describe, periodWords, sums, table, type TableInput } from './table';

/**
 * Landed cost of the purchase orders received in the period: for each PO line received, goods at the PO cost and the
 * freight, duty (duty and tariffs) and other charges (insurance, other) allocated to it — purchasing's landed-cost
 * report per PO, one row per line.
 */
export function landedCostTable(env: LedgerEnv, i: TableInput): ReportTable {
  let q = qb
    .selectFrom('po_receipts as r')
    .innerJoin('purchase_orders as p', 'p.id', 'r.po_id')
    .select(['r.po_id', (eb) => eb.fn.max('r.received_at').as('last')])
    .where('r.received_at', '>=', i.from)
    .where('r.received_at', '<', addDays(i.to, 1))
    .groupBy('r.po_id')
    .orderBy('r.po_id');
  if (i.warehouseId !== undefined) q = q.where('p.warehouse_id', '=', i.warehouseId);
  const pos = env.sql.all(q);
  const categoryOf = new Map<number, string>();
  if (i.category !== undefined) for (const it of env.sql.all(qb.selectFrom('items').select(['id', 'category']))) categoryOf.set(it.id, it.category);

  const rows = pos.flatMap((po) =>
    landedCost(env, { poId: po.po_id })
      .rows.filter((r) => r.received > 0 && (i.category === undefined || categoryOf.get(r.itemId) === i.category))
      .map((r) => {
        const of = (...kinds: string[]) => r.charges.filter((c) => kinds.includes(c.kind)).reduce((s, c) => s + c.amountMinor, 0);
        return {
          po: r.number,
          received: String(po.last).slice(0, 10),
          sku: r.sku,
          quantity: r.received,
          goods: r.baseCostMinor,
          freight: of('freight'),
          duty: of('duty', 'tariff'),
          other: of('insurance', 'other'),
          landed: r.landedCostMinor,
          landedUnit: r.landedUnitCostMinor,
        };
      }),
  );
  const totals = { ...sums(rows, ['quantity', 'goods', 'freight', 'duty', 'other', 'landed']), landedUnit: null };
  return table(env, i, {
    subtitle: describe(env, i, periodWords(i)),
    columns: [
      col('po', 'PO', 'text'),
      col('received', 'Last receipt', 'date'),
      col('sku', 'SKU', 'text'),
      col('quantity', 'Received', 'int'),
      col('goods', 'Goods', 'money'),
      col('freight', 'Freight', 'money'),
      col('duty', 'Duty and tariffs', 'money'),
      col('other', 'Insurance and other', 'money'),
      col('landed', 'Landed cost', 'money'),
      col('landedUnit', 'Landed unit cost', 'money'),
    ],
    rows,
    totals,
    notes: [
      'Purchase orders with a receipt in the period; each line with everything received on it so far: goods = received × PO unit cost, plus each allocated charge (split by value, quantity, weight or volume as entered).',
      'Charges not yet allocated (no line received) are not included; landed unit cost is rounded for display, the totals are exact.',
    ],
  });
}
