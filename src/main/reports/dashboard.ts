import { sql as raw } from 'kysely';
import type { Dashboard, KpiResultDto, Output, ParsedInput } from '../../shared/api';
import { KPI_KEYS } from '../../shared/api/reports';
import { stockAging } from '../counts/aging';
import { qb } from '../db/sql';
import type { LedgerEnv } from '../ledger/env';
import { warehouseById } from '../locations/locations';
import { classifyAbc } from '../planning/formulas/abc';
import { addDays, dayNumber } from '../planning/history/dates';
import { atOrBelowReorderPoint, binStock } from '../planning/service/position';
import { getPlanningSettings } from '../planning/service/settings';
import { averageOfDailyCloses } from './kpi/formulas';
import { documentKpiInputs } from './kpi-documents';
import { kpiFlowSums, kpisFromInputs, type KpiInputs, type KpiOptions } from './kpi-service';
import { channelChoices, checkChannel, compiled, landedInPeriod, saleTerms } from './sales-sql';
import { ValuationReplay, type ValuationScope } from './valuation-as-of';

/**
 * reports.dashboard: everything the dashboard shows, in one call that reads each table once.
 * - One valuation replay over the window (the 12 months of the sparklines, or the period if it starts earlier) gives
 *   the daily closes; any sub-range's average inventory, opening and closing value and stockout days come from them.
 * - One pass over the window's movements, grouped by UTC day and category, gives the flows (COGS, revenue, units
 *   sold and received, shrinkage) with exactly the rules of reports.kpis (kpi-service.ts gatherKpiInputs); summing a
 *   day range of them is then the same as asking reports.kpis for that range (a test holds the two together).
 * - The KPIs themselves come from kpisFromInputs, the formulas reports.kpis uses.
 * - With a channel, the flows (and so COGS, revenue, units sold, fill rate and their sparklines) are that channel's
 *   orders', and the KPIs are kpisFromInputs' per-channel ones (stock-based KPIs null: stock is shared by all
 *   channels). Everything about stock (value series, sell-through by category, ABC, aging, alerts) stays the shared
 *   stock of the scope: a channel does not own stock, nor its demand for the stockout alerts.
 * Computing twelve months by asking reports.kpis twelve times would replay the whole history twelve times.
 * The replay and the pass over the movements are kept while the ledger has not changed (ledgerStamp below), so a
 * dashboard that refreshes without new stock movements answers from them; a movement makes the next call recompute.
 */

/** Window of ledger sales for an item's demand rate when planning has not computed one. */
const RATE_DAYS = 28;

const n = (v: number | null | undefined): number => Number(v ?? 0);

/** Per-day flow sums, as prefix sums so any day range sums in O(1). */
const FLOW_KEYS = ['cogsOut', 'cogsBack', 'soldOut', 'soldBack', 'revOut', 'revBack', 'received', 'lost', 'countedUp', 'cogsAdj', 'ordered', 'shipped'] as const;
type FlowKey = (typeof FLOW_KEYS)[number];

interface DayFlowRow {
  day: string;
  category: string | null;
  cogs_out: number | null;
  cogs_back: number | null;
  sold_out: number | null;
  sold_back: number | null;
  revenue_out: number | null;
  revenue_back: number | null;
  received: number | null;
  lost: number | null;
  counted_up: number | null;
}

function monthsEndingWith(to: string, count: number): Array<{ month: string; from: string; to: string }> {
  const y = Number(to.slice(0, 4));
  const m = Number(to.slice(5, 7)) - 1;
  const out: Array<{ month: string; from: string; to: string }> = [];
  for (let k = count - 1; k >= 0; k--) {
    const first = new Date(Date.UTC(y, m - k, 1));
    const last = new Date(Date.UTC(y, m - k + 1, 0));
    const from = first.toISOString().slice(0, 10);
    const end = last.toISOString().slice(0, 10);
    out.push({ month: from.slice(0, 7), from, to: end < to ? end : to });
  }
  return out;
}

interface WindowCloses {
  opening: { quantity: number; valueMinor: number };
  closes: Array<{ day: string; quantity: number; valueMinor: number }>;
  /** FIFO value per item at the close of the window's last day. */
  stockValueByItem: Map<number, number>;
}

/**
 * The valuation replay and the pass over the movements are nearly all of the dashboard's time, and their results only
 * change when what they read does: movements (with their layers and consumptions), cost adjustments and sales-order
 * lines are append-only, so their highest ids say whether anything was added; an item's edit (category, list price)
 * moves its updated_at. The last few answers are kept per database, keyed by that stamp.
 */
const CACHE_SIZE = 8;
const caches = new WeakMap<object, Map<string, unknown>>();

function ledgerStamp(env: LedgerEnv): string {
  const r = env.sql.raw
    .prepare(
      'SELECT (SELECT max(id) FROM movements) AS m, (SELECT max(id) FROM cost_adjustments) AS a, (SELECT max(id) FROM sales_order_lines) AS l, (SELECT max(updated_at) FROM items) AS i',
    )
    .get() as { m: number | null; a: number | null; l: number | null; i: string | null };
  return `${r.m ?? 0}|${r.a ?? 0}|${r.l ?? 0}|${r.i ?? ''}`;
}

function memo<T>(env: LedgerEnv, key: string, compute: () => T): T {
  let cache = caches.get(env.sql);
  if (!cache) caches.set(env.sql, (cache = new Map()));
  if (cache.has(key)) {
    const hit = cache.get(key) as T;
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const out = compute();
  cache.set(key, out);
  while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return out;
}

function windowCloses(env: LedgerEnv, scope: ValuationScope, start: string, to: string, dayCount: number, stamp: string): WindowCloses {
  return memo(env, `closes|${scope.warehouseId ?? '*'}|${start}|${to}|${stamp}`, () => {
    const replay = new ValuationReplay(env, scope, to);
    replay.advanceTo(addDays(start, -1));
    const opening = { quantity: replay.total.quantity, valueMinor: replay.total.valueMinor };
    const closes: WindowCloses['closes'] = [];
    for (let i = 0, day = start; i < dayCount; i++, day = addDays(day, 1)) {
      replay.advanceTo(day);
      closes.push({ day, quantity: replay.total.quantity, valueMinor: replay.total.valueMinor });
    }
    const stockValueByItem = new Map<number, number>();
    for (const c of replay.cellsNow()) stockValueByItem.set(c.itemId, (stockValueByItem.get(c.itemId) ?? 0) + c.valueMinor);
    return { opening, closes, stockValueByItem };
  });
}

export function dashboard(env: LedgerEnv, input: ParsedInput<'reports.dashboard'>): Output<'reports.dashboard'> {
  const t0 = performance.now();
  const wh = input.warehouseId;
  if (wh !== undefined) warehouseById(env.sql, wh);
  const channel = input.channel;
  if (channel !== undefined) checkChannel(env, channel);
  const { from, to } = input;
  const today = env.clock.now().toISOString().slice(0, 10);
  const scope: ValuationScope = wh !== undefined ? { warehouseId: wh } : {};
  const months = monthsEndingWith(to, 12);
  const start = months[0]!.from < from ? months[0]!.from : from;
  const end = addDays(to, 1);
  const dayCount = dayNumber(to) - dayNumber(start) + 1;
  const idx = (day: string): number => dayNumber(day) - dayNumber(start);

  // 1. Daily closes over the window, one replay (or the last one, while the ledger has not changed).
  const stamp = ledgerStamp(env);
  const { opening, closes, stockValueByItem } = windowCloses(env, scope, start, to, dayCount, stamp);

  // 2. Flows per day (and category): the columns reports.kpis sums (kpi-service.ts kpiFlowSums), per day here.
  // Sale, return and price exactly as the KPIs and the sales reports read them.
  // All channels' terms for what is about stock (ABC, demand rates); the channel's (if any) for the period's flows.
  const allTerms = saleTerms(env, scope);
  const { price, isSale, isReturn } = allTerms;
  const terms = channel === undefined ? allTerms : saleTerms(env, scope, channel);
  const flowsOf = (t: typeof terms, ch: string | undefined) =>
    memo(env, `flows|${wh ?? '*'}|${ch === undefined ? '*' : JSON.stringify(ch)}|${start}|${end}|${stamp}`, () =>
      env.sql.all(
        compiled(raw<DayFlowRow>`
        SELECT substr(m.created_at, 1, 10) AS day, i.category AS category, ${kpiFlowSums(env, t)}
        FROM movements m
        JOIN items i ON i.id = m.item_id
        JOIN locations f ON f.id = m.from_location_id
        JOIN locations t ON t.id = m.to_location_id
        WHERE m.created_at >= ${start} AND m.created_at < ${end}
        GROUP BY 1, 2`),
      ),
    );
  const flowRows = flowsOf(terms, channel);
  // Sell-through by category is about stock received, so it is all channels' even with a channel chosen.
  const categoryRows = channel === undefined ? flowRows : flowsOf(allTerms, undefined);
  const adjRows = env.sql.all(
    compiled(raw<{ day: string; amount: number | null }>`
      SELECT substr(a.created_at, 1, 10) AS day, SUM(a.amount_minor) AS amount
      FROM cost_adjustments a
      JOIN movements m ON m.id = a.consumed_by_movement_id
      JOIN locations f ON f.id = m.from_location_id
      WHERE ${landedInPeriod(terms, start, end)}
      GROUP BY 1`),
  );
  const fillRows =
    wh === undefined
      ? env.sql.all(
          compiled(raw<{ day: string; ordered: number | null; shipped: number | null }>`
            SELECT substr(o.created_at, 1, 10) AS day, SUM(l.quantity) AS ordered, SUM(l.shipped) AS shipped
            FROM sales_order_lines l
            JOIN sales_orders o ON o.id = l.order_id
            WHERE o.status <> 'cancelled' AND o.created_at >= ${start} AND o.created_at < ${end}
              AND ${channel === undefined ? raw`1 = 1` : raw`o.channel = ${channel}`}
            GROUP BY 1`),
        )
      : [];

  const perDay: Record<FlowKey, Float64Array> = Object.fromEntries(FLOW_KEYS.map((k) => [k, new Float64Array(dayCount)])) as Record<FlowKey, Float64Array>;
  const byCategory = new Map<string, { sold: number; received: number }>();
  const [pFrom, pTo] = [idx(from), idx(to)];
  for (const r of flowRows) {
    const i = idx(r.day);
    if (i < 0 || i >= dayCount) continue;
    perDay.cogsOut[i] += n(r.cogs_out);
    perDay.cogsBack[i] += n(r.cogs_back);
    perDay.soldOut[i] += n(r.sold_out);
    perDay.soldBack[i] += n(r.sold_back);
    perDay.revOut[i] += n(r.revenue_out);
    perDay.revBack[i] += n(r.revenue_back);
    perDay.received[i] += n(r.received);
    perDay.lost[i] += n(r.lost);
    perDay.countedUp[i] += n(r.counted_up);
  }
  for (const r of categoryRows) {
    const i = idx(r.day);
    if (i >= pFrom && i <= pTo) {
      const key = r.category ?? '';
      const c = byCategory.get(key) ?? { sold: 0, received: 0 };
      c.sold += n(r.sold_out) - n(r.sold_back);
      c.received += n(r.received);
      byCategory.set(key, c);
    }
  }
  for (const r of adjRows) {
    const i = idx(r.day);
    if (i >= 0 && i < dayCount) perDay.cogsAdj[i] += n(r.amount);
  }
  for (const r of fillRows) {
    const i = idx(r.day);
    if (i >= 0 && i < dayCount) {
      perDay.ordered[i] += n(r.ordered);
      perDay.shipped[i] += n(r.shipped);
    }
  }
  const prefix = Object.fromEntries(
    FLOW_KEYS.map((k) => {
      const p = new Float64Array(dayCount + 1);
      for (let i = 0; i < dayCount; i++) p[i + 1] = p[i]! + perDay[k][i]!;
      return [k, p];
    }),
  ) as Record<FlowKey, Float64Array>;
  const sum = (k: FlowKey, a: number, b: number): number => prefix[k][b + 1]! - prefix[k][a]!;

  /** The inputs reports.kpis would gather for from..to (a sub-range of the window). */
  const inputsFor = (rf: string, rt: string): KpiInputs => {
    const a = idx(rf);
    const b = idx(rt);
    const days = closes.slice(a, b + 1);
    const open = a === 0 ? opening : closes[a - 1]!;
    const firstStocked = days.findIndex((d) => d.quantity !== 0);
    const knownFrom = firstStocked === -1 ? days.length : firstStocked;
    const known = open.quantity !== 0 ? 0 : knownFrom;
    return {
      from: rf,
      to: rt,
      days: b - a + 1,
      averageInventoryMinor: averageOfDailyCloses(days.map((d) => d.valueMinor)),
      openingValueMinor: open.valueMinor,
      closingValueMinor: days[days.length - 1]?.valueMinor ?? 0,
      cogsMinor: sum('cogsOut', a, b) - sum('cogsBack', a, b) + sum('cogsAdj', a, b),
      revenueMinor: sum('revOut', a, b) - sum('revBack', a, b),
      unitsSold: sum('soldOut', a, b) - sum('soldBack', a, b),
      unitsReceived: sum('received', a, b),
      shrinkValueMinor: sum('lost', a, b) - sum('countedUp', a, b),
      unitsOrdered: wh === undefined ? sum('ordered', a, b) : null,
      unitsShipped: wh === undefined ? sum('shipped', a, b) : null,
      dailyQuantities: days.map((d, i) => (i < known ? null : d.quantity)),
    };
  };

  const planning = getPlanningSettings(env.sql);
  const holdingRatePct = planning.holdingCostRate * 100;
  // Receivables, payables and count lines come from documents, per range, as reports.kpis reads them.
  const optionsFor = (rf: string, rt: string): KpiOptions => {
    const d = documentKpiInputs(env, scope, rf, rt);
    return { holdingRatePct, receivablesMinor: d.receivablesMinor, payablesMinor: d.payablesMinor, countLines: d.countLines, ...(channel !== undefined && { channel }) };
  };
  const period = inputsFor(from, to);
  const kpis = kpisFromInputs(period, optionsFor(from, to)) as KpiResultDto[];
  const monthly = months.map((m) => kpisFromInputs(inputsFor(m.from, m.to), optionsFor(m.from, m.to)));
  const values = Object.fromEntries(KPI_KEYS.map((k) => [k, monthly.map((list) => list.find((x) => x.key === k)?.value ?? null)])) as Dashboard['trend']['values'];

  const sellThroughByCategory = [...byCategory.entries()]
    .filter(([, c]) => c.sold !== 0 || c.received !== 0)
    .map(([category, c]) => ({ category: category || '(no category)', unitsSold: c.sold, unitsReceived: c.received, sellThroughPct: c.received === 0 ? null : (c.sold / c.received) * 100 }))
    .sort((x, y) => (y.sellThroughPct ?? -1) - (x.sellThroughPct ?? -1) || x.category.localeCompare(y.category));

  // 3. ABC split: the planning classes when planning has run, else classified here by the period's revenue.
  const params = env.sql.all(
    qb
      .selectFrom('planning_params as p')
      .innerJoin('items as i', 'i.id', 'p.item_id')
      .select(['p.item_id', 'i.sku', 'i.name', 'p.abc', 'p.revenue_minor', 'p.avg_daily', 'p.reorder_point', 'p.lead_time_days', 'p.computed_at'])
      .where('p.warehouse_key', '=', 0)
      .where('i.active', '=', 1),
  );
  const paramsByItem = new Map(params.map((p) => [p.item_id, p]));
  const classes = (['A', 'B', 'C'] as const).map((c) => ({ class: c, items: 0, revenueMinor: 0, revenueShare: 0, stockValueMinor: 0 }));
  let abcSource: Dashboard['abc']['source'];
  let abcComputedAt: string | null = null;
  if (params.length > 0) {
    abcSource = 'planning';
    abcComputedAt = params.reduce((m, p) => (p.computed_at > m ? p.computed_at : m), params[0]!.computed_at);
    for (const p of params) {
      const c = classes.find((x) => x.class === p.abc)!;
      c.items++;
      c.revenueMinor += p.revenue_minor;
      c.stockValueMinor += stockValueByItem.get(p.item_id) ?? 0;
    }
  } else {
    abcSource = 'period';
    const revenue = env.sql.all(
      compiled(raw<{ item_id: number; revenue: number | null }>`
        SELECT i.id AS item_id,
          (SELECT SUM(CASE WHEN ${isSale} THEN m.quantity * ${price} WHEN ${isReturn} THEN -m.quantity * ${price} ELSE 0 END)
           FROM movements m JOIN locations f ON f.id = m.from_location_id JOIN locations t ON t.id = m.to_location_id
           WHERE m.item_id = i.id AND m.created_at >= ${from} AND m.created_at < ${end}) AS revenue
        FROM items i WHERE i.active = 1`),
    );
    const rows = classifyAbc(
      revenue.map((r) => ({ id: String(r.item_id), revenue: Math.max(0, n(r.revenue)) })),
      { a: planning.abcThresholds.a, b: planning.abcThresholds.b },
    ).value;
    for (const r of rows) {
      const c = classes.find((x) => x.class === r.class)!;
      c.items++;
      c.revenueMinor += r.revenue;
      c.stockValueMinor += stockValueByItem.get(Number(r.id)) ?? 0;
    }
  }
  const totalRevenue = classes.reduce((s, c) => s + c.revenueMinor, 0);
  for (const c of classes) c.revenueShare = totalRevenue > 0 ? (c.revenueMinor / totalRevenue) * 100 : 0;

  // 4. Aging and dead stock (as of now), from counts.
  const aging = stockAging(env, (wh !== undefined ? { warehouseId: wh } : {}) as ParsedInput<'counts.aging'>);

  // 5. Alerts, as of now.
  const stock = binStock(env.sql, wh);
  let oq = qb
    .selectFrom('purchase_order_lines as l')
    .innerJoin('purchase_orders as p', 'p.id', 'l.po_id')
    .select(['l.item_id', 'p.id as po_id', 'p.status', 'p.expected_date', 'p.sent_at', 'l.quantity', 'l.received'])
    .where('p.status', 'in', ['draft', 'sent', 'partially_received'])
    .where('l.closed_reason', 'is', null)
    .whereRef('l.received', '<', 'l.quantity');
  if (wh !== undefined) oq = oq.where('p.warehouse_id', '=', wh);
  const onOrder = new Map<number, { open: number; next: string | null; poId: number | null }>();
  for (const r of env.sql.all(oq)) {
    const o = onOrder.get(r.item_id) ?? { open: 0, next: null, poId: null };
    o.open += r.quantity - r.received;
    // Drafts count toward the position (as in planning's suggestions) but bring no receipt date.
    if (r.status !== 'draft' && r.expected_date !== null && (o.next === null || r.expected_date < o.next)) {
      o.next = r.expected_date;
      o.poId = r.po_id;
    }
    onOrder.set(r.item_id, o);
  }
  const items = new Map(env.sql.all(qb.selectFrom('items').select(['id', 'sku', 'name']).where('active', '=', 1)).map((i) => [i.id, i]));
  const availableOf = (itemId: number) => {
    const s = stock.get(itemId) ?? { onHand: 0, reserved: 0 };
    return s.onHand - s.reserved;
  };
  const limit = input.alertLimit;

  const below: Dashboard['alerts']['belowReorderPoint']['items'] = [];
  for (const p of params) {
    const o = onOrder.get(p.item_id);
    const position = availableOf(p.item_id) + (o?.open ?? 0);
    if (!atOrBelowReorderPoint(position, p.reorder_point)) continue;
    below.push({
      itemId: p.item_id,
      sku: p.sku,
      name: p.name,
      available: availableOf(p.item_id),
      reorderPoint: p.reorder_point,
      position,
      detail: `Position ${position} (available ${availableOf(p.item_id)} + on order ${o?.open ?? 0}) is at or below the reorder point ${p.reorder_point}`,
    });
  }
  // Most urgent first: the lowest position relative to the reorder point.
  below.sort((x, y) => x.position / Math.max(1, x.reorderPoint) - y.position / Math.max(1, y.reorderPoint) || x.sku.localeCompare(y.sku));

  // Demand rate: planning's daily demand, else the ledger's sales over the last RATE_DAYS days.
  const rateFrom = addDays(today, -RATE_DAYS);
  const ledgerRate = new Map(
    env.sql
      .all(
        compiled(raw<{ item_id: number; sold: number | null }>`
          SELECT m.item_id AS item_id, SUM(m.quantity) AS sold
          FROM movements m JOIN locations f ON f.id = m.from_location_id
          WHERE ${isSale} AND m.created_at >= ${rateFrom} AND m.created_at < ${today}
          GROUP BY m.item_id`),
      )
      .map((r) => [r.item_id, n(r.sold) / RATE_DAYS]),
  );
  const risk: Dashboard['alerts']['stockoutRisk']['items'] = [];
  for (const it of items.values()) {
    const p = paramsByItem.get(it.id);
    const rate = p ? p.avg_daily : (ledgerRate.get(it.id) ?? 0);
    if (!(rate > 0)) continue;
    const available = availableOf(it.id);
    const cover = Math.max(0, available) / rate;
    const o = onOrder.get(it.id);
    const lead = p?.lead_time_days ?? planning.defaultLeadTimeDays;
    const horizon = o?.next ? Math.max(0, dayNumber(o.next) - dayNumber(today)) : lead;
    if (cover >= horizon) continue;
    const stockoutDay = addDays(today, Math.floor(cover));
    const by = o?.next ? `before the next receipt on ${o.next}` : `within the lead time of ${Math.round(lead)} days (nothing on order)`;
    risk.push({
      itemId: it.id,
      sku: it.sku,
      name: it.name,
      available,
      dailyDemand: rate,
      stockoutDay,
      nextReceipt: o?.next ?? null,
      poId: o?.next ? o.poId : null,
      detail:
        available <= 0
          ? `Out of stock now, selling ${rate.toFixed(1)}/day; ${o?.next ? `next receipt ${o.next}` : 'nothing on order'}`
          : `${available} available at ${rate.toFixed(1)}/day lasts about ${Math.floor(cover)} days: runs out ${by}`,
    });
  }
  risk.sort((x, y) => (x.stockoutDay < y.stockoutDay ? -1 : x.stockoutDay > y.stockoutDay ? 1 : y.dailyDemand - x.dailyDemand || x.sku.localeCompare(y.sku)));

  const dead = aging.dead
    .map((d) => ({
      itemId: d.itemId,
      sku: d.sku,
      name: items.get(d.itemId)?.name ?? d.sku,
      available: availableOf(d.itemId),
      valueMinor: d.valueMinor,
      idleDays: d.idleDays,
      detail: d.lastSaleAt ? `No sale for ${d.idleDays} days (last ${d.lastSaleAt.slice(0, 10)}); ${d.quantity} units in stock` : `Never sold in ${d.idleDays} days in stock; ${d.quantity} units`,
    }))
    .sort((x, y) => y.valueMinor - x.valueMinor || x.sku.localeCompare(y.sku));

  const last = closes[closes.length - 1]!;
  return {
    from,
    to,
    days: period.days,
    today,
    warehouseId: wh ?? null,
    channel: channel ?? null,
    channels: channelChoices(env),
    holdingRatePct,
    kpis,
    summary: {
      openingValueMinor: period.openingValueMinor,
      closingValueMinor: period.closingValueMinor,
      averageInventoryMinor: period.averageInventoryMinor,
      cogsMinor: period.cogsMinor,
      revenueMinor: period.revenueMinor,
      unitsSold: period.unitsSold,
      unitsReceived: period.unitsReceived,
      closingQuantity: last.quantity,
    },
    trend: { months, values },
    valueSeries: closes.slice(pFrom, pTo + 1),
    sellThroughByCategory,
    abc: { source: abcSource, computedAt: abcComputedAt, classes },
    aging: { buckets: aging.buckets },
    alerts: {
      reorderPointsKnown: params.length > 0,
      belowReorderPoint: { count: below.length, items: below.slice(0, limit) },
      stockoutRisk: { count: risk.length, items: risk.slice(0, limit) },
      deadStock: { count: dead.length, items: dead.slice(0, limit) },
    },
    ms: Math.round((performance.now() - t0) * 10) / 10,
  };
}
