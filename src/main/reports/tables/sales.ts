import type { ReportTable } from '../../../shared/api/reports';
import { mulDivRound } from '../../../shared/money';
import { qb } from '../../db/sql';
import type { LedgerEnv } from '../../ledger/env';
import { salesBy } from '../sales-sql';
import { col, describe, percentOf, periodWords, sums, table, type Row, type TableInput } from './table';

const scopeOf = (i: TableInput) => ({
  ...(i.warehouseId !== undefined && { warehouseId: i.warehouseId }),
  ...(i.category !== undefined && { category: i.category }),
  ...(i.channel !== undefined && { channel: i.channel }),
});

const TERMS =
  'Sales are movements from stock to the customer in the period (by ship date, UTC days); customer returns into stock are subtracted at their own cost and the price of the sale; revenue is the sales-order line price (else the list price); COGS is the FIFO cost the ledger booked on each movement plus landed cost that reached already-sold units in the period. The same terms as the KPIs, so the totals match reports.kpis.';

function itemsOf(env: LedgerEnv, ids: number[]) {
  return new Map(ids.length ? env.sql.all(qb.selectFrom('items').select(['id', 'sku', 'name', 'category']).where('id', 'in', ids)).map((r) => [r.id, r]) : []);
}

/** Cost of goods sold per item for the period. */
export function cogsTable(env: LedgerEnv, i: TableInput): ReportTable {
  const sales = salesBy(env, scopeOf(i), i.from, i.to, 'item');
  const items = itemsOf(env, sales.map((s) => s.itemId!));
  const rows = sales
    .map((s) => {
      const it = items.get(s.itemId!)!;
      return {
        sku: it.sku,
        name: it.name,
        category: it.category,
        units: s.units,
        returned: s.unitsReturned,
        cogs: s.cogsMinor,
        landed: s.landedToCogsMinor,
        unitCost: s.units > 0 ? mulDivRound(s.cogsMinor, 1, s.units) : null,
      };
    })
    .sort((a, b) => b.cogs - a.cogs || a.sku.localeCompare(b.sku));
  const totals = { ...sums(rows, ['units', 'returned', 'cogs', 'landed']), unitCost: null };
  return table(env, i, {
    subtitle: describe(env, i, periodWords(i)),
    columns: [
      col('sku', 'SKU', 'text'),
      col('name', 'Item', 'text'),
      col('category', 'Category', 'text'),
      col('units', 'Units sold (net)', 'int'),
      col('returned', 'Units returned', 'int'),
      col('cogs', 'COGS', 'money'),
      col('landed', 'Of which landed cost', 'money'),
      col('unitCost', 'Average unit cost', 'money'),
    ],
    rows,
    totals,
    notes: [TERMS, 'Average unit cost = COGS ÷ net units sold, rounded to the minor unit.'],
  });
}

/** Revenue, COGS and margin per item or per sales channel for the period. */
export function marginTable(env: LedgerEnv, i: TableInput, by: 'item' | 'channel'): ReportTable {
  const sales = salesBy(env, scopeOf(i), i.from, i.to, by);
  const items = by === 'item' ? itemsOf(env, sales.map((s) => s.itemId!)) : new Map();
  const rows = sales
    .map((s) => {
      const margin = s.revenueMinor - s.cogsMinor;
      const it = by === 'item' ? items.get(s.itemId!)! : null;
      const head: Row = it ? { sku: it.sku, name: it.name } : { channel: s.key };
      return { label: it ? it.sku : s.key, row: { ...head, units: s.units, revenue: s.revenueMinor, cogs: s.cogsMinor, margin, marginPct: percentOf(margin, s.revenueMinor) } };
    })
    .sort((a, b) => (b.row.margin as number) - (a.row.margin as number) || a.label.localeCompare(b.label))
    .map((x) => x.row);
  const t = sums(rows, ['units', 'revenue', 'cogs', 'margin']);
  const totals = { ...t, marginPct: percentOf(t.margin!, t.revenue!) };
  return table(env, i, {
    subtitle: describe(env, i, periodWords(i)),
    columns: [
      ...(by === 'item' ? [col('sku', 'SKU', 'text'), col('name', 'Item', 'text')] : [col('channel', 'Channel', 'text')]),
      col('units', 'Units sold (net)', 'int'),
      col('revenue', 'Revenue', 'money'),
      col('cogs', 'COGS', 'money'),
      col('margin', 'Gross margin', 'money'),
      col('marginPct', 'Margin %', 'percent'),
    ],
    rows,
    totals,
    notes: [
      TERMS,
      'Gross margin = revenue − COGS; margin % = gross margin ÷ revenue × 100 (the total row from the totals, not an average of rows).',
      ...(by === 'channel' ? ["A movement's channel is its sales order's (a return's: its RMA's order's); stock issued without an order shows as (no order)."] : []),
    ],
  });
}
