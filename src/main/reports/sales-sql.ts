import { sql as raw, type RawBuilder } from 'kysely';
import { fail } from '../../shared/errors';
import { qb } from '../db/sql';
import { addDays } from '../planning/history/dates';
import type { LedgerEnv } from '../ledger/env';
import type { ValuationScope } from './valuation-as-of';

export const compiled = <R>(q: RawBuilder<R>) => ({ compile: () => q.compile(qb) });

/** The channel of stock that left without a sales order (a manual issue to the customer location). */
export const NO_ORDER_CHANNEL = '(no order)';

/** The sales channel of a movement: its order's, or for a return its RMA's order's; '(no order)' otherwise. */
export const channelOf = raw<string>`coalesce(
  (SELECT o.channel FROM sales_orders o WHERE o.number = m.doc_ref),
  (SELECT o.channel FROM returns r JOIN sales_orders o ON o.id = r.order_id WHERE r.number = m.doc_ref),
  ${NO_ORDER_CHANNEL})`;

/** The sales channels known from the data: every sales_orders.channel value, sorted. */
export function knownChannels(env: LedgerEnv): string[] {
  return env.sql.all(qb.selectFrom('sales_orders').select('channel').distinct().orderBy('channel')).map((r) => r.channel);
}

/**
 * The channels a filter can choose: the known ones, and '(no order)' when some stock went to the customer location
 * without a sales order (stock.issue), as margin_by_channel shows it.
 */
export function channelChoices(env: LedgerEnv): string[] {
  const customer = env.locs.virtual('customer').id;
  const r = env.sql.one(
    compiled(raw<{ any: number }>`
      SELECT EXISTS (SELECT 1 FROM movements m WHERE m.to_location_id = ${customer}
        AND NOT EXISTS (SELECT 1 FROM sales_orders o WHERE o.number = m.doc_ref)) AS any`),
  );
  return [...knownChannels(env), ...(r?.any ? [NO_ORDER_CHANNEL] : [])];
}

/**
 * Checks a channel filter: one of the known channels, or '(no order)' (what margin_by_channel shows for stock issued
 * without an order, so the channels' figures add up to the total). An unknown one is refused naming the field.
 */
export function checkChannel(env: LedgerEnv, channel: string): void {
  if (channel === NO_ORDER_CHANNEL) return;
  const known = knownChannels(env);
  if (!known.includes(channel))
    fail('NOT_FOUND', `There is no sales channel "${channel}": the known channels are ${known.length ? known.join(', ') : 'none (no sales orders yet)'}`, { channel: 'Unknown channel' });
}

/**
 * What counts as a sale, a customer return and its price, as SQL over `movements m JOIN items i JOIN locations f (from)
 * JOIN locations t (to)`: shared by the KPIs (totals) and the COGS and margin reports (per item or channel), so both
 * always agree.
 * - sale: from a bin in scope to the customer location;
 * - return: from the customer location (or a 'found' adjustment on an RMA, as the foundation books returns) into a bin
 *   in scope or, for everything, into returns limbo (which keeps the units' layers until inspected);
 * - price: the sales-order line price of the movement's document (the order number; for a return, the order line its
 *   RMA returns), else the item's list price.
 */
export function saleTerms(env: LedgerEnv, scope: ValuationScope, channel?: string) {
  const customer = env.locs.virtual('customer').id;
  const adjustment = env.locs.virtual('adjustment').id;
  const wh = scope.warehouseId;
  const inScope = (alias: 'f' | 't') =>
    wh === undefined ? raw<boolean>`${raw.ref(`${alias}.kind`)} = 'bin'` : raw<boolean>`(${raw.ref(`${alias}.kind`)} = 'bin' AND ${raw.ref(`${alias}.warehouse_id`)} = ${wh})`;
  const itemScope =
    scope.itemId !== undefined ? raw<boolean>`m.item_id = ${scope.itemId}` : scope.category !== undefined ? raw<boolean>`i.category = ${scope.category}` : raw<boolean>`1 = 1`;
  // A return's document is its RMA: it is priced at the order line it returns, the price the sale was counted at.
  const price = raw<number>`coalesce((SELECT l.unit_price_minor FROM sales_orders o JOIN sales_order_lines l ON l.order_id = o.id
                                      WHERE o.number = m.doc_ref AND l.item_id = m.item_id ORDER BY l.position LIMIT 1),
                                     (SELECT ol.unit_price_minor FROM returns r JOIN return_lines rl ON rl.return_id = r.id
                                      JOIN sales_order_lines ol ON ol.id = rl.order_line_id
                                      WHERE r.number = m.doc_ref AND rl.item_id = m.item_id ORDER BY rl.id LIMIT 1), i.price_minor)`;
  // One channel: only the sales and returns of its orders (channelOf, last so it is read only for sales and returns).
  const ofChannel = channel === undefined ? raw<boolean>`1 = 1` : raw<boolean>`${channelOf} = ${channel}`;
  const isSale = raw<boolean>`(m.to_location_id = ${customer} AND ${inScope('f')} AND ${ofChannel})`;
  const returnedTo = wh === undefined ? raw<boolean>`(${inScope('t')} OR t.virtual_kind = 'returns_limbo')` : inScope('t');
  const isReturn = raw<boolean>`((m.from_location_id = ${customer} OR (m.from_location_id = ${adjustment} AND m.reason = 'found' AND m.doc_ref LIKE 'RMA-%')) AND ${returnedTo} AND ${ofChannel})`;
  return { customer, inScope, itemScope, price, isSale, isReturn, ofChannel };
}

export type SaleTerms = ReturnType<typeof saleTerms>;

/**
 * The six sums a sale or return is counted by, as SELECT columns over the movements of saleTerms: units, cost and
 * revenue out (sales) and back (returns). The KPIs, the dashboard and the sales reports all select these.
 */
export const saleSums = (t: SaleTerms) => raw`
        SUM(CASE WHEN ${t.isSale} THEN m.quantity ELSE 0 END) AS sold_out,
        SUM(CASE WHEN ${t.isReturn} THEN m.quantity ELSE 0 END) AS sold_back,
        SUM(CASE WHEN ${t.isSale} THEN m.total_cost_minor ELSE 0 END) AS cogs_out,
        SUM(CASE WHEN ${t.isReturn} THEN m.total_cost_minor ELSE 0 END) AS cogs_back,
        SUM(CASE WHEN ${t.isSale} THEN m.quantity * ${t.price} ELSE 0 END) AS revenue_out,
        SUM(CASE WHEN ${t.isReturn} THEN m.quantity * ${t.price} ELSE 0 END) AS revenue_back`;

/**
 * Landed cost that reached sold units in a period ([from, end) by the adjustment's date), over
 * `cost_adjustments a JOIN movements m (the consumption) JOIN locations f (from)`: 'cogs' adjustments whose consuming
 * movement went from a bin in scope to the customer location.
 */
export const landedInPeriod = (t: SaleTerms, from: string, end: string) =>
  raw<boolean>`a.kind = 'cogs' AND m.to_location_id = ${t.customer} AND ${t.inScope('f')} AND a.created_at >= ${from} AND a.created_at < ${end} AND ${t.ofChannel}`;

export interface SalesRow {
  key: string;
  itemId: number | null;
  /** Units sold less units returned. */
  units: number;
  unitsReturned: number;
  revenueMinor: number;
  /** Cost of the units sold less the cost of those returned, plus landed cost that reached sold units in the period. */
  cogsMinor: number;
  landedToCogsMinor: number;
}

/**
 * Sales in a period (UTC days from..to inclusive) grouped by item or channel, on the same terms as the KPIs: the sum
 * of the rows equals the KPI service's COGS, revenue and units sold for the same scope.
 */
export function salesBy(env: LedgerEnv, scope: ValuationScope & { channel?: string }, from: string, to: string, groupBy: 'item' | 'channel'): SalesRow[] {
  const t = saleTerms(env, scope);
  const end = addDays(to, 1);
  const key = groupBy === 'item' ? raw<string>`CAST(m.item_id AS TEXT)` : channelOf;
  const channelScope = scope.channel === undefined ? raw<boolean>`1 = 1` : raw<boolean>`${channelOf} = ${scope.channel}`;
  const rows = env.sql.all(
    compiled(raw<{ k: string; item_id: number; sold_out: number; sold_back: number; cogs_out: number; cogs_back: number; revenue_out: number; revenue_back: number }>`
      SELECT ${key} AS k, MIN(m.item_id) AS item_id, ${saleSums(t)}
      FROM movements m
      JOIN items i ON i.id = m.item_id
      JOIN locations f ON f.id = m.from_location_id
      JOIN locations t ON t.id = m.to_location_id
      WHERE m.created_at >= ${from} AND m.created_at < ${end} AND ${t.itemScope} AND (${t.isSale} OR ${t.isReturn}) AND ${channelScope}
      GROUP BY ${key}`),
  );
  const landed = env.sql.all(
    compiled(raw<{ k: string; item_id: number; amount: number }>`
      SELECT ${key} AS k, MIN(m.item_id) AS item_id, SUM(a.amount_minor) AS amount
      FROM cost_adjustments a
      JOIN movements m ON m.id = a.consumed_by_movement_id
      JOIN items i ON i.id = m.item_id
      JOIN locations f ON f.id = m.from_location_id
      WHERE ${landedInPeriod(t, from, end)} AND ${t.itemScope} AND ${channelScope}
      GROUP BY ${key}`),
  );
  const out = new Map<string, SalesRow>();
  const row = (k: string, itemId: number) => {
    let r = out.get(k);
    if (!r) out.set(k, (r = { key: k, itemId: groupBy === 'item' ? itemId : null, units: 0, unitsReturned: 0, revenueMinor: 0, cogsMinor: 0, landedToCogsMinor: 0 }));
    return r;
  };
  const n = (v: number | null | undefined) => Number(v ?? 0);
  for (const r of rows) {
    const x = row(r.k, r.item_id);
    x.units += n(r.sold_out) - n(r.sold_back);
    x.unitsReturned += n(r.sold_back);
    x.revenueMinor += n(r.revenue_out) - n(r.revenue_back);
    x.cogsMinor += n(r.cogs_out) - n(r.cogs_back);
  }
  for (const r of landed) {
    const x = row(r.k, r.item_id);
    x.cogsMinor += n(r.amount);
    x.landedToCogsMinor += n(r.amount);
  }
  return [...out.values()];
}
