import { sql as raw } from 'kysely';
import type { Output, ParsedInput } from '../../shared/api';
import { itemById } from '../catalog/items';
import type { LedgerEnv } from '../ledger/env';
import { warehouseById } from '../locations/locations';
import { addDays, dayNumber } from '../planning/history/dates';
import { dailyValuation } from './daily-valuation';
import { documentKpiInputs } from './kpi-documents';
import { checkChannel, compiled, landedInPeriod, saleSums, saleTerms, type SaleTerms } from './sales-sql';
import * as k from './kpi/formulas';
import type { KpiKey, KpiResult } from './kpi/types';
import type { ValuationScope } from './valuation-as-of';

/** Shrinkage: stock removed by these reasons without a sale… */
const LOSS_REASONS = ['theft', 'lost', 'damage', 'expired', 'count_correction'] as const;

export interface KpiInputs {
  from: string;
  to: string;
  days: number;
  averageInventoryMinor: number | null;
  openingValueMinor: number;
  closingValueMinor: number;
  cogsMinor: number;
  revenueMinor: number;
  unitsSold: number;
  unitsReceived: number;
  /** Cost of units lost (theft, loss, damage, expiry, count corrections down) less count corrections up, in the period. */
  shrinkValueMinor: number;
  unitsOrdered: number | null;
  unitsShipped: number | null;
  /** Closing on-hand quantity each day; null before the scope first held stock. */
  dailyQuantities: (number | null)[];
}

/**
 * The movement flows the KPIs read, as SELECT columns over `movements m JOIN items i JOIN locations f JOIN locations t`:
 * the sale sums (sales-sql.ts saleSums), units received from the supplier location, the cost lost (LOSS_REASONS out of
 * the scope's bins to a virtual location) and the cost found by count corrections. reports.kpis sums them over a
 * period, the dashboard per day; both read them here so they cannot drift apart.
 */
export function kpiFlowSums(env: LedgerEnv, t: SaleTerms) {
  const supplier = env.locs.virtual('supplier').id;
  const adjustment = env.locs.virtual('adjustment').id;
  const losses = raw.join(LOSS_REASONS.map((r) => raw.lit(r)));
  return raw`${saleSums(t)},
        SUM(CASE WHEN m.from_location_id = ${supplier} AND ${t.inScope('t')} THEN m.quantity ELSE 0 END) AS received,
        SUM(CASE WHEN m.reason IN (${losses}) AND t.kind = 'virtual' AND ${t.inScope('f')} THEN m.total_cost_minor ELSE 0 END) AS lost,
        SUM(CASE WHEN m.reason = 'count_correction' AND m.from_location_id = ${adjustment} AND ${t.inScope('t')} THEN m.total_cost_minor ELSE 0 END) AS counted_up`;
}

/**
 * Gathers the inputs of the KPIs for a period (UTC days from..to inclusive) and a scope, from the ledger:
 * - average inventory: mean of the daily closing FIFO valuations (daily-valuation.ts);
 * - COGS: cost of the movements from the scope's bins to the customer location, plus landed cost that reached those
 *   units after they left ('cogs' cost adjustments dated in the period), less the cost of customer returns (reversals
 *   from the customer location, and 'found' adjustments on an RMA, as the foundation books returns);
 * - units sold: units to the customer less those returns; units received: units from the supplier location;
 * - revenue, the one definition every KPI and report uses (GMROI, DSO, margin): sales are recognised when shipped
 *   (the movement to the customer location), each unit at its sales-order line price (the movement's document is the
 *   order number), else the item's list price, less customer returns at the price they were sold at. A sales invoice
 *   does not add revenue: it is the receivable of a sale already counted at shipment, so DSO = average receivables
 *   (invoice-terms sales still unpaid) ÷ all revenue (cash and invoice-terms sales) × days;
 * - receivables, payables and count accuracy come from documents (kpi-documents.ts), not from here;
 * - fill rate: units shipped ÷ units ordered on the sales orders created in the period (not cancelled).
 * With a channel, the flows that belong to a channel (revenue, COGS, units sold, returns, landed cost to COGS, fill
 * rate) are those of its orders (sales-sql.ts channelOf); the stock figures (average, opening and closing inventory,
 * units received, shrinkage, daily quantities) stay those of the whole scope: stock is shared by all channels, and
 * kpisFromInputs does not compute the KPIs that would divide a channel's flow by it.
 */
export function gatherKpiInputs(env: LedgerEnv, scope: ValuationScope, from: string, to: string, channel?: string): KpiInputs {
  const end = addDays(to, 1);
  const wh = scope.warehouseId;
  const terms = saleTerms(env, scope, channel);

  const r = env.sql.one(
    compiled(raw<Record<string, number | null>>`
      SELECT ${kpiFlowSums(env, terms)}
      FROM movements m
      JOIN items i ON i.id = m.item_id
      JOIN locations f ON f.id = m.from_location_id
      JOIN locations t ON t.id = m.to_location_id
      WHERE m.created_at >= ${from} AND m.created_at < ${end} AND ${terms.itemScope}`),
  )!;
  const n = (v: number | null | undefined) => Number(v ?? 0);

  const adj = env.sql.one(
    compiled(raw<{ amount: number | null }>`
      SELECT SUM(a.amount_minor) AS amount
      FROM cost_adjustments a
      JOIN movements m ON m.id = a.consumed_by_movement_id
      JOIN items i ON i.id = m.item_id
      JOIN locations f ON f.id = m.from_location_id
      WHERE ${landedInPeriod(terms, from, end)} AND ${terms.itemScope}`),
  );

  // Fill rate is per order line; an order is not tied to one warehouse until allocated, so it is not split by warehouse.
  let unitsOrdered: number | null = null;
  let unitsShipped: number | null = null;
  if (wh === undefined) {
    const f = env.sql.one(
      compiled(raw<{ ordered: number | null; shipped: number | null }>`
        SELECT SUM(l.quantity) AS ordered, SUM(l.shipped) AS shipped
        FROM sales_order_lines l
        JOIN sales_orders o ON o.id = l.order_id
        JOIN items i ON i.id = l.item_id
        WHERE o.status <> 'cancelled' AND o.created_at >= ${from} AND o.created_at < ${end}
          AND ${channel === undefined ? raw`1 = 1` : raw`o.channel = ${channel}`}
          AND ${scope.itemId !== undefined ? raw`l.item_id = ${scope.itemId}` : scope.category !== undefined ? raw`i.category = ${scope.category}` : raw`1 = 1`}`),
    );
    unitsOrdered = n(f?.ordered);
    unitsShipped = n(f?.shipped);
  }

  const daily = dailyValuation(env, scope, from, to);
  const firstStocked = daily.days.findIndex((d) => d.quantity !== 0);
  const knownFrom = firstStocked === -1 ? daily.days.length : firstStocked;
  const opening = daily.opening;
  // Stock held before the period counts as known from its first day.
  const known = opening.quantity !== 0 ? 0 : knownFrom;

  return {
    from,
    to,
    days: dayNumber(to) - dayNumber(from) + 1,
    averageInventoryMinor: daily.averageValueMinor,
    openingValueMinor: opening.valueMinor,
    closingValueMinor: daily.days[daily.days.length - 1]?.valueMinor ?? 0,
    cogsMinor: n(r.cogs_out) - n(r.cogs_back) + n(adj?.amount),
    revenueMinor: n(r.revenue_out) - n(r.revenue_back),
    unitsSold: n(r.sold_out) - n(r.sold_back),
    unitsReceived: n(r.received),
    shrinkValueMinor: n(r.lost) - n(r.counted_up),
    unitsOrdered,
    unitsShipped,
    dailyQuantities: daily.days.map((d, i) => (i < known ? null : d.quantity)),
  };
}

export interface KpiOptions {
  holdingRatePct?: number;
  fixedAnnualCostMinor?: number;
  /**
   * Average accounts receivable / payable over the period: the mean of the daily closing balances of the sales invoices
   * and supplier bills less their payments (kpi-documents.ts); null or absent when not known for the scope.
   */
  receivablesMinor?: number | null;
  payablesMinor?: number | null;
  /** Cycle-count lines posted in the period, and how many matched the record (inventory record accuracy). */
  countLines?: { counted: number; accurate: number } | null;
  /**
   * The flows in the inputs are one sales channel's (gatherKpiInputs with a channel). Then only the KPIs made of that
   * channel's flows are computed (fill rate; COGS, revenue and units sold are in the inputs); those that divide by or
   * count stock are null with the reason "stock is shared by all channels", as DSO and DPO are for an item.
   * Why not allocate average inventory to a channel by its share of COGS: turnover would be
   * COGS_c ÷ (avg × COGS_c ÷ COGS) = COGS ÷ avg, the whole business's turnover, for every channel, and DIO likewise;
   * GMROI would be the channel's margin % times that turnover. Numbers that look per-channel but say nothing about the
   * channel are worse than none. Sell-through, shrinkage, stockout days and accuracy read received, lost, counted and
   * on-hand stock, none of which belongs to a channel; receivables and payables are not split by channel either.
   */
  channel?: string;
}

const SHARED = 'stock is shared by all channels';
/** With a channel: why each input it leaves unknown is unknown, by input name. */
const CHANNEL_WHY: Record<string, string> = {
  averageInventoryMinor: `${SHARED}, so average inventory is not one channel's`,
  annualHoldingCostMinor: `${SHARED}, so average inventory (and its holding cost) is not one channel's`,
  unitsReceived: `${SHARED}, so units received are not one channel's`,
  recorded: `${SHARED}, so losses are not one channel's`,
  linesAccurate: `${SHARED}, so count lines are not one channel's`,
  receivablesMinor: 'receivables come from sales invoices, which are not split by channel',
  payablesMinor: 'payables come from supplier bills, which are not split by channel',
};

/** The KPIs from their inputs (pure): what reports.kpis returns besides the inputs themselves. */
export function kpisFromInputs(i: KpiInputs, o: KpiOptions = {}): KpiResult[] {
  const perChannel = o.channel !== undefined;
  // Per channel, the shared stock inputs are not known for the channel (see KpiOptions.channel).
  const avg = perChannel ? null : i.averageInventoryMinor;
  // Explained before the cash conversion cycle reads their reasons, so it says why too.
  const dio = explain(k.daysInventoryOutstanding({ averageInventoryMinor: avg, cogsMinor: i.cogsMinor, days: i.days }), perChannel);
  const dso = explain(k.daysSalesOutstanding({ receivablesMinor: perChannel ? null : (o.receivablesMinor ?? null), revenueMinor: i.revenueMinor, days: i.days }), perChannel);
  const dpo = explain(k.daysPayableOutstanding({ payablesMinor: perChannel ? null : (o.payablesMinor ?? null), cogsMinor: i.cogsMinor, days: i.days }), perChannel);
  const stockouts = k.stockoutDays(i.dailyQuantities);
  const kpis = [
    k.inventoryTurnover({ cogsMinor: i.cogsMinor, averageInventoryMinor: avg }),
    dio,
    k.sellThrough({ unitsSold: i.unitsSold, unitsReceived: perChannel ? null : i.unitsReceived }),
    dso,
    dpo,
    k.cashConversionCycle(dio, dso, dpo),
    k.gmroi({ revenueMinor: i.revenueMinor, cogsMinor: i.cogsMinor, averageInventoryMinor: avg }),
    k.carryingCost({ holdingRatePct: o.holdingRatePct ?? null, fixedAnnualCostMinor: o.holdingRatePct === undefined ? null : (o.fixedAnnualCostMinor ?? 0), averageInventoryMinor: avg }),
    // In value at cost: recorded = what the books would hold at the close without the losses; actual = the close.
    perChannel ? k.shrinkage({ recorded: null, actual: null }) : k.shrinkage({ recorded: i.closingValueMinor + i.shrinkValueMinor, actual: i.closingValueMinor }),
    k.fillRate({ unitsShipped: i.unitsShipped, unitsOrdered: i.unitsOrdered }),
    // Days the shared stock was out are not one channel's stockouts: the count is kept in the inputs, not as the value.
    perChannel ? { ...stockouts, value: null, reason: `${SHARED}, so a day out of stock is not one channel's` } : stockouts,
    perChannel
      ? k.inventoryRecordAccuracy({ linesAccurate: null, linesCounted: null })
      : k.inventoryRecordAccuracy({ linesAccurate: o.countLines?.accurate ?? null, linesCounted: o.countLines?.counted ?? null }),
  ];
  return kpis.map((x) => explain(x, perChannel));
}

const WHY: Partial<Record<KpiKey, string>> = {
  daysSalesOutstanding: 'receivables come from sales invoices, which are per customer, not split by item, category or warehouse',
  daysPayableOutstanding: 'payables come from supplier bills, which are not split by item, category or warehouse',
  inventoryRecordAccuracy: 'no count lines given',
  carryingCost: 'no holding cost rate given',
  fillRate: 'fill rate is not split by warehouse',
};

/** A missing input says which ("x is not known"); this adds why it is missing (once: an explained reason is left as is). */
function explain(x: KpiResult, perChannel: boolean): KpiResult {
  if (x.value !== null || !x.reason?.endsWith(' is not known')) return x;
  const name = x.reason.slice(0, -' is not known'.length);
  const w = (perChannel ? CHANNEL_WHY[name] : undefined) ?? WHY[x.key];
  return w ? { ...x, reason: `${x.reason}: ${w}` } : x;
}

export function kpiReport(env: LedgerEnv, input: ParsedInput<'reports.kpis'>): Output<'reports.kpis'> {
  if (input.itemId !== undefined) itemById(env.sql, input.itemId);
  if (input.warehouseId !== undefined) warehouseById(env.sql, input.warehouseId);
  if (input.channel !== undefined) checkChannel(env, input.channel);
  const scope: ValuationScope = {
    ...(input.itemId !== undefined && { itemId: input.itemId }),
    ...(input.category !== undefined && { category: input.category }),
    ...(input.warehouseId !== undefined && { warehouseId: input.warehouseId }),
  };
  const i = gatherKpiInputs(env, scope, input.from, input.to, input.channel);
  const d = documentKpiInputs(env, scope, input.from, input.to);
  return {
    from: i.from,
    to: i.to,
    days: i.days,
    averageInventoryMinor: i.averageInventoryMinor,
    openingValueMinor: i.openingValueMinor,
    closingValueMinor: i.closingValueMinor,
    cogsMinor: i.cogsMinor,
    revenueMinor: i.revenueMinor,
    unitsSold: i.unitsSold,
    unitsReceived: i.unitsReceived,
    ...(input.channel !== undefined && { channel: input.channel }),
    kpis: kpisFromInputs(i, {
      ...(input.channel !== undefined && { channel: input.channel }),
      ...(input.holdingRatePct !== undefined && { holdingRatePct: input.holdingRatePct }),
      ...(input.fixedAnnualCostMinor !== undefined && { fixedAnnualCostMinor: input.fixedAnnualCostMinor }),
      receivablesMinor: d.receivablesMinor,
      payablesMinor: d.payablesMinor,
      countLines: d.countLines,
    }),
  };
}
