import { sql as raw } from 'kysely';
import type { DailyDemand, DemandHistory } from '../../../shared/api';
import { itemById } from '../../catalog/items';
import { qb } from '../../db/sql';
import type { LedgerEnv } from '../../ledger/env';
import { warehouseById } from '../../locations/locations';
import { addDays, dayNumber, dayOfNumber } from './dates';

export interface SeriesOptions {
  warehouseId?: number;
  /** First and last day wanted; the series starts later if the item has no demand or stock that early. */
  from: string;
  to: string;
}

const dayOf = raw<string>`substr(m.created_at, 1, 10)`;

/**
 * Daily demand of one item, the input of every planning number:
 * - ledger sales: 'issue' movements from a bin to the customer location, less 'reversal' movements back from it;
 * - ledger returns: 'found' adjustments whose document is an RMA (how the foundation books a customer return), and
 *   movements from the returns location into a bin (the returns module's restock);
 * - imported history (sales before Stockroom), only for days before the ledger's first movement of the item: from then
 *   on the ledger is the record, and an export overlapping it would count the same sale twice;
 * - on hand at the end of each day in the item's bins, from the running sum of its movements; a day ending at 0 or
 *   below is a stockout day (only once the ledger knew the item: before that, stock is unknown, not zero).
 * Days are UTC calendar days of the ledger timestamps, and the file's own days for imported rows.
 * The series starts at the first day with demand or stock (a product launched in March has no January zeros).
 */
export function demandSeries(env: LedgerEnv, itemId: number, opts: SeriesOptions): DemandHistory {
  const item = itemById(env.sql, itemId);
  const wh = opts.warehouseId;
  if (wh !== undefined) warehouseById(env.sql, wh);
  const customer = env.locs.virtual('customer').id;
  const adjustment = env.locs.virtual('adjustment').id;
  const returnsLimbo = env.locs.virtual('returns_limbo').id;
  const toExclusive = addDays(opts.to, 1);

  // Stock in scope: every bin, or the bins of one warehouse.
  const inScope = (alias: 'f' | 't') =>
    wh === undefined ? raw<boolean>`${raw.ref(`${alias}.kind`)} = 'bin'` : raw<boolean>`${raw.ref(`${alias}.kind`)} = 'bin' AND ${raw.ref(`${alias}.warehouse_id`)} = ${wh}`;

  const ledger = env.sql.all(
    qb
      .selectFrom('movements as m')
      .innerJoin('locations as f', 'f.id', 'm.from_location_id')
      .innerJoin('locations as t', 't.id', 'm.to_location_id')
      .select([
        dayOf.as('day'),
        raw<number>`SUM(CASE WHEN m.reason = 'issue' AND m.to_location_id = ${customer} AND ${inScope('f')} THEN m.quantity
                             WHEN m.reason = 'reversal' AND m.from_location_id = ${customer} AND ${inScope('t')} THEN -m.quantity ELSE 0 END)`.as('sold'),
        raw<number>`SUM(CASE WHEN ${inScope('t')} AND ((m.reason = 'found' AND m.from_location_id = ${adjustment} AND m.doc_ref LIKE 'RMA-%')
                                                     OR m.from_location_id = ${returnsLimbo}) THEN m.quantity ELSE 0 END)`.as('returned'),
        raw<number>`SUM(CASE WHEN ${inScope('t')} THEN m.quantity ELSE 0 END) - SUM(CASE WHEN ${inScope('f')} THEN m.quantity ELSE 0 END)`.as('delta'),
        raw<number>`SUM(CASE WHEN ${inScope('t')} OR ${inScope('f')} THEN 1 ELSE 0 END)`.as('touches'),
      ])
      .where('m.item_id', '=', itemId)
      .where('m.created_at', '<', toExclusive)
      .groupBy(dayOf)
      .orderBy(dayOf),
  );
  const firstLedgerDay = ledger.find((r) => r.touches > 0)?.day ?? null;

  let hq = qb
    .selectFrom('demand_history')
    .select(['day', (eb) => eb.fn.sum<number>('qty_sold').as('sold'), (eb) => eb.fn.sum<number>('qty_returned').as('returned')])
    .where('sku', '=', item.sku)
    .where('day', '>=', opts.from)
    .where('day', '<=', opts.to)
    .groupBy('day');
  if (wh !== undefined) hq = hq.where('warehouse_id', '=', wh);
  if (firstLedgerDay !== null) hq = hq.where('day', '<', firstLedgerDay);
  const imported = new Map(env.sql.all(hq).map((r) => [r.day, { sold: Number(r.sold), returned: Number(r.returned) }]));

  const ledgerByDay = new Map(ledger.map((r) => [r.day, { sold: Number(r.sold), returned: Number(r.returned), delta: Number(r.delta) }]));
  let start: string | null = null;
  for (const d of imported.keys()) if (start === null || d < start) start = d;
  if (firstLedgerDay !== null && firstLedgerDay <= opts.to) {
    const s0 = firstLedgerDay < opts.from ? opts.from : firstLedgerDay;
    if (start === null || s0 < start) start = s0;
  }

  const days: DailyDemand[] = [];
  if (start !== null) {
    // On hand at the end of the day before the series starts, then moved day by day.
    let level = 0;
    for (const r of ledger) if (r.day < start) level += Number(r.delta);
    for (let n = dayNumber(start), end = dayNumber(opts.to); n <= end; n++) {
      const day = dayOfNumber(n);
      const l = ledgerByDay.get(day);
      if (l) level += l.delta;
      const imp = imported.get(day);
      const sold = (l?.sold ?? 0) + (imp?.sold ?? 0);
      const returned = (l?.returned ?? 0) + (imp?.returned ?? 0);
      const known = firstLedgerDay !== null && day >= firstLedgerDay;
      days.push({
        day,
        sold,
        returned,
        net: sold - returned,
        importedSold: imp?.sold ?? 0,
        importedReturned: imp?.returned ?? 0,
        onHandEnd: known ? level : null,
        stockout: known && level <= 0,
      });
    }
  }

  // Weeks end on the last day, so the latest week is complete; leading days short of a week are left out of weeks.
  const weeks: DemandHistory['weeks'] = [];
  for (let end = days.length; end - 7 >= 0; end -= 7) {
    const w = days.slice(end - 7, end);
    const sold = w.reduce((s, x) => s + x.sold, 0);
    const returned = w.reduce((s, x) => s + x.returned, 0);
    weeks.unshift({ start: w[0]!.day, end: w[6]!.day, sold, returned, net: Math.max(0, sold - returned), stockoutDays: w.filter((x) => x.stockout).length });
  }

  const totals = {
    sold: days.reduce((s, x) => s + x.sold, 0),
    returned: days.reduce((s, x) => s + x.returned, 0),
    net: 0,
    importedSold: days.reduce((s, x) => s + x.importedSold, 0),
    ledgerSold: 0,
    stockoutDays: days.filter((x) => x.stockout).length,
  };
  totals.net = totals.sold - totals.returned;
  totals.ledgerSold = totals.sold - totals.importedSold;
  return {
    itemId,
    sku: item.sku,
    warehouseId: wh ?? null,
    from: days[0]?.day ?? null,
    to: opts.to,
    days,
    weeks,
    totals,
    explanation: days.length
      ? `${days.length} day(s) ${days[0]!.day} … ${opts.to}: ${totals.sold} sold, ${totals.returned} returned (net ${totals.net}); ` +
        `${totals.importedSold} sold from imported history${firstLedgerDay ? ` before the ledger's first movement on ${firstLedgerDay}` : ''}; ` +
        `${totals.stockoutDays} stockout day(s); ${weeks.length} complete week(s).`
      : 'No sales, returns or stock for this item in the period.',
  };
}
