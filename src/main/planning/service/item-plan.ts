import { sql as raw } from 'kysely';
import type { ItemPlan, PlanningSettings } from '../../../shared/api';
import { itemById } from '../../catalog/items';
import { qb } from '../../db/sql';
import type { LedgerEnv } from '../../ledger/env';
import { METHOD_LABELS, selectForecast } from '../forecast';
import { classicSafetyStock, classifyAbc, classifyXyz, economicOrderQuantity, fmt, leadTimeStats, reorderPoint, serviceLevelSafetyStock, type AbcClass } from '../formulas';
import { addDays } from '../history/dates';
import { demandSeries } from '../history/demand-series';
import { measuredLeadTimes, preferredSupplier, type SupplierTerms } from './purchasing-adapter';

/** Days the EOQ cannot be used for (no unit cost, so no holding cost): order this many days of demand instead. */
const COVER_DAYS_WITHOUT_COST = 30;
/** Longest forecast horizon used to pick a method: a quarter. */
const MAX_HORIZON_WEEKS = 13;
/** Two full years of weeks before yearly seasonality is tried (Holt-Winters needs two seasons to initialise). */
const SEASONAL_WEEKS = 104;

export interface Window {
  from: string;
  to: string;
}

/** The history window: the last historyDays days, ending yesterday (today is not over, its demand is incomplete). */
export function planningWindow(env: LedgerEnv, s: PlanningSettings): Window {
  const to = addDays(env.clock.now().toISOString().slice(0, 10), -1);
  return { from: addDays(to, -(s.historyDays - 1)), to };
}

export interface AbcEntry {
  class: AbcClass;
  revenueMinor: number;
  share: number;
  cumulativeShare: number;
}
export interface AbcTable {
  byItem: Map<number, AbcEntry>;
  explanation: string;
}

/**
 * ABC over every active item by revenue in the window: ledger sales net of returns at the item's price (a movement
 * carries cost, not price) plus imported revenue (as sold) for days before the ledger knew the item.
 */
export function abcTable(env: LedgerEnv, s: PlanningSettings, w: Window): AbcTable {
  const customer = env.locs.virtual('customer').id;
  const adjustment = env.locs.virtual('adjustment').id;
  const returnsLimbo = env.locs.virtual('returns_limbo').id;
  const units = new Map(
    env.sql
      .all(
        qb
          .selectFrom('movements as m')
          .select([
            'm.item_id',
            raw<number>`SUM(CASE WHEN m.reason = 'issue' AND m.to_location_id = ${customer} THEN m.quantity
                                 WHEN m.reason = 'reversal' AND m.from_location_id = ${customer} THEN -m.quantity
                                 WHEN m.reason = 'found' AND m.from_location_id = ${adjustment} AND m.doc_ref LIKE 'RMA-%' THEN -m.quantity
                                 WHEN m.from_location_id = ${returnsLimbo} THEN -m.quantity ELSE 0 END)`.as('units'),
          ])
          .where('m.created_at', '>=', w.from)
          .where('m.created_at', '<', addDays(w.to, 1))
          .groupBy('m.item_id'),
      )
      .map((r) => [r.item_id, Number(r.units)]),
  );
  const imported = new Map(
    env.sql
      .all(
        qb
          .selectFrom('demand_history as h')
          .innerJoin('items as i', 'i.sku', 'h.sku')
          .select(['i.id', (eb) => eb.fn.sum<number>('h.revenue_minor').as('revenue')])
          .where('h.day', '>=', w.from)
          .where('h.day', '<=', w.to)
          .where(raw<boolean>`h.day < coalesce((SELECT substr(created_at, 1, 10) FROM movements WHERE item_id = i.id ORDER BY id LIMIT 1), '9999-12-31')`)
          .groupBy('i.id'),
      )
      .map((r) => [r.id, Number(r.revenue)]),
  );
  const items = env.sql.all(qb.selectFrom('items').select(['id', 'price_minor']).where('active', '=', 1));
  const abc = classifyAbc(
    items.map((i) => ({ id: String(i.id), revenue: Math.max(0, (units.get(i.id) ?? 0) * i.price_minor + (imported.get(i.id) ?? 0)) })),
    s.abcThresholds,
  );
  return {
    byItem: new Map(abc.value.map((r) => [Number(r.id), { class: r.class, revenueMinor: r.revenue, share: r.share, cumulativeShare: r.cumulativeShare }])),
    explanation: abc.explanation,
  };
}

const nullIfNaN = (v: number): number | null => (Number.isFinite(v) ? v : null);

function roundUpToPack(q: number, moq: number | null, pack: number | null): number {
  const p = pack ?? 1;
  return Math.max(Math.ceil(q / p) * p, moq === null ? 0 : Math.ceil(moq / p) * p);
}

export interface PlanContext {
  settings: PlanningSettings;
  window: Window;
  abc: AbcTable;
}

/**
 * One item's planning numbers, each with the formula and the numbers that went into it. Units of stock are whole:
 * safety stock and reorder point are rounded up (a fraction of a unit short is still short).
 */
export function planItem(env: LedgerEnv, itemId: number, pc: PlanContext, warehouseId?: number): ItemPlan & { terms: SupplierTerms | null } {
  const { settings: s, window: w } = pc;
  const item = itemById(env.sql, itemId);
  const series = demandSeries(env, itemId, { from: w.from, to: w.to, warehouseId });

  // History: a day out of stock with nothing sold says nothing about demand (it was lost, not zero), so it is left
  // out of the daily statistics; a day that sold out still shows what it sold.
  const used = series.days.filter((d) => !(d.stockout && d.sold === 0));
  const n = used.length;
  const avgDaily = n ? used.reduce((a, d) => a + d.net, 0) / n : 0;
  const sdDaily = n > 1 ? Math.sqrt(used.reduce((a, d) => a + (d.net - avgDaily) ** 2, 0) / (n - 1)) : 0;
  const maxDaily = n ? Math.max(0, ...used.map((d) => d.net)) : 0;
  const history: ItemPlan['history'] = {
    from: series.from,
    to: series.to,
    days: series.days.length,
    weeks: series.weeks.length,
    unitsSold: series.totals.sold,
    unitsReturned: series.totals.returned,
    importedUnits: series.totals.importedSold,
    ledgerUnits: series.totals.ledgerSold,
    stockoutDays: series.totals.stockoutDays,
    daysUsed: n,
    avgDaily,
    sdDaily,
    maxDaily,
    explanation:
      `${series.explanation} Daily statistics over ${n} day(s) (${series.days.length - n} stockout day(s) without sales left out): ` +
      `mean ${fmt(avgDaily, 3)}, sample SD ${fmt(sdDaily, 3)}, max ${fmt(maxDaily)} per day.`,
  };

  // Lead time: measured from received POs once there are enough of them, else what the supplier states, else the default.
  const terms = preferredSupplier(env.sql, itemId);
  const lt = leadTimeStats(measuredLeadTimes(env, itemId)).value ?? null;
  const stated = terms?.leadTimeDays != null ? { days: terms.leadTimeDays, source: `${terms.supplierName} (${terms.leadTimeSource})` } : null;
  let ltUsed: ItemPlan['leadTime']['used'];
  if (lt && (lt.count >= s.minLeadTimeObservations || !stated)) ltUsed = { days: lt.mean, sd: lt.sd, max: lt.max, source: 'measured' };
  else if (stated) ltUsed = { days: stated.days, sd: 0, max: stated.days, source: 'stated' };
  else ltUsed = { days: s.defaultLeadTimeDays, sd: 0, max: s.defaultLeadTimeDays, source: 'default' };
  const leadTime: ItemPlan['leadTime'] = {
    stated,
    measured: lt,
    used: ltUsed,
    explanation:
      ltUsed.source === 'measured'
        ? `Measured over ${lt!.count} received PO line(s): mean ${fmt(lt!.mean)} d, SD ${fmt(lt!.sd)} d, max ${fmt(lt!.max)} d${stated ? ` (stated ${fmt(stated.days)} d)` : ''}.`
        : ltUsed.source === 'stated'
          ? `Stated by ${stated!.source}: ${fmt(stated!.days)} d${lt ? ` (only ${lt.count} measured PO line(s), ${s.minLeadTimeObservations} needed)` : ''}.`
          : `No supplier lead time and no received POs: the default ${fmt(s.defaultLeadTimeDays)} d.`,
  };

  // Forecast on weekly net demand, method chosen by the rolling-origin backtest.
  const y = series.weeks.map((wk) => wk.net);
  const horizon = Math.min(MAX_HORIZON_WEEKS, Math.max(1, Math.ceil(ltUsed.days / 7)));
  let forecast: ItemPlan['forecast'];
  if (y.length === 0) {
    forecast = { method: 'none', params: {}, mase: null, rmsse: null, horizonWeeks: horizon, seasonLength: null, pattern: 'no-history', candidates: [], weeklyForecast: [], perDay: avgDaily, explanation: 'Less than one complete week of history: no forecast, the daily average is used.' };
  } else {
    const m = y.length >= SEASONAL_WEEKS ? 52 : undefined;
    const sel = selectForecast(y, { h: horizon, m });
    const weekly = sel.model.forecast(horizon).map((v) => Math.max(0, v));
    forecast = {
      method: sel.method,
      params: Object.fromEntries(Object.entries(sel.model.params).filter(([, v]) => Number.isFinite(v))),
      mase: nullIfNaN(sel.mase),
      rmsse: nullIfNaN(sel.rmsse),
      horizonWeeks: horizon,
      seasonLength: m ?? null,
      pattern: sel.demand.pattern,
      candidates: sel.candidates.map((c) => ({ method: c.method, mase: nullIfNaN(c.mase), rmsse: nullIfNaN(c.rmsse), origins: c.origins })),
      weeklyForecast: weekly,
      perDay: weekly.reduce((a, v) => a + v, 0) / weekly.length / 7,
      explanation: `${sel.explanation} ${METHOD_LABELS[sel.method]} forecasts ${weekly.map((v) => fmt(v)).join(', ')} per week over the next ${horizon} week(s).`,
    };
  }

  const basis = s.demandBasis === 'forecast' && forecast.method !== 'none' ? 'forecast' : 'history';
  const d = basis === 'forecast' ? forecast.perDay : Math.max(0, avgDaily);
  const demand: ItemPlan['demand'] = {
    basis,
    avgDaily: d,
    sdDaily,
    annual: d * 365,
    explanation:
      basis === 'forecast'
        ? `Average daily demand from the forecast: ${fmt(forecast.perDay * 7, 3)} per week ÷ 7 = ${fmt(d, 3)}; σ of daily demand from the history ${fmt(sdDaily, 3)}; annual ${fmt(d * 365, 1)}.`
        : `Average daily demand from the history ${fmt(d, 3)}; σ ${fmt(sdDaily, 3)}; annual ${fmt(d * 365, 1)}.`,
  };

  const abcEntry = pc.abc.byItem.get(itemId) ?? { class: 'C' as const, revenueMinor: 0, share: 0, cumulativeShare: 0 };
  const abc: ItemPlan['abc'] = {
    ...abcEntry,
    explanation: `Revenue ${fmt(abcEntry.revenueMinor / 100)} is ${fmt(abcEntry.share * 100, 1)}% of all revenue in the window (cumulative ${fmt(abcEntry.cumulativeShare * 100, 1)}%): class ${abcEntry.class}. ${pc.abc.explanation}.`,
  };
  const xyzR = classifyXyz(y, s.xyzThresholds);
  const xyz: ItemPlan['xyz'] = { class: xyzR.value.class, cv: nullIfNaN(xyzR.value.cv), explanation: `Weekly demand ${xyzR.explanation}` };

  const serviceLevel = s.serviceLevels[abc.class];
  const ss =
    s.safetyStockMethod === 'service-level'
      ? serviceLevelSafetyStock({ serviceLevel, avgDailyDemand: d, sdDailyDemand: sdDaily, avgLeadTimeDays: ltUsed.days, sdLeadTimeDays: ltUsed.sd })
      : classicSafetyStock({ maxDailySales: Math.max(maxDaily, d), maxLeadTimeDays: Math.max(ltUsed.max, ltUsed.days), avgDailySales: d, avgLeadTimeDays: ltUsed.days });
  const ssUnits = Math.max(0, Math.ceil(ss.value - 1e-9));
  const rop = reorderPoint({ avgDailySales: d, leadTimeDays: ltUsed.days, safetyStock: ss.value });
  const ropUnits = Math.max(0, Math.ceil(rop.value - 1e-9));

  const unitCost = terms?.costMinor ?? item.cost_minor;
  const moq = terms?.moq ?? null;
  const pack = terms?.packSize ?? null;
  const h = s.holdingCostRate * unitCost;
  let eoq: ItemPlan['eoq'];
  if (h > 0) {
    const e = economicOrderQuantity({ annualDemand: d * 365, orderCost: s.orderCostMinor, holdingCostPerUnitYear: h, ...(moq !== null && { moq }), ...(pack !== null && { packSize: pack }) });
    eoq = {
      method: e.method,
      inputs: { ...e.inputs, holdingCostRate: s.holdingCostRate, unitCostMinor: unitCost },
      value: e.value.eoq,
      orderQuantity: e.value.quantity,
      unitCostMinor: unitCost,
      moq,
      packSize: pack,
      explanation: `D = ${fmt(d, 3)}/day × 365; S = ${fmt(s.orderCostMinor)} per order; H = ${s.holdingCostRate} × unit cost ${fmt(unitCost)} = ${fmt(h)} per unit-year (minor units): ${e.explanation}`,
    };
  } else {
    const q = d > 0 ? roundUpToPack(Math.ceil(d * COVER_DAYS_WITHOUT_COST), moq, pack) : 0;
    eoq = {
      method: 'cover-days',
      inputs: { annualDemand: d * 365, unitCostMinor: unitCost, coverDays: COVER_DAYS_WITHOUT_COST },
      value: null,
      orderQuantity: q,
      unitCostMinor: unitCost,
      moq,
      packSize: pack,
      explanation: `No unit cost, so no holding cost and no EOQ: ${COVER_DAYS_WITHOUT_COST} days of demand (${fmt(d * COVER_DAYS_WITHOUT_COST, 1)}) rounded to MOQ ${moq ?? '–'} and pack ${pack ?? 1}: ${q}.`,
    };
  }

  return {
    itemId,
    sku: item.sku,
    name: item.name,
    warehouseId: warehouseId ?? null,
    computedAt: env.clock.now().toISOString(),
    history,
    leadTime,
    forecast,
    demand,
    abc,
    xyz,
    serviceLevel,
    safetyStock: { method: ss.method, inputs: { ...ss.inputs }, value: ss.value, units: ssUnits, explanation: `${ss.explanation} → ${ssUnits} unit(s)` },
    reorderPoint: { method: rop.method, inputs: { ...rop.inputs }, value: rop.value, units: ropUnits, explanation: `${rop.explanation} → ${ropUnits} unit(s)` },
    eoq,
    supplier: terms ? { id: terms.supplierId, name: terms.supplierName } : null,
    terms,
  };
}

export function planContext(env: LedgerEnv, settings: PlanningSettings): PlanContext {
  const window = planningWindow(env, settings);
  return { settings, window, abc: abcTable(env, settings, window) };
}
