import { performance } from 'node:perf_hooks';
import type { ItemPlan, Output } from '../../../shared/api';
import { qb } from '../../db/sql';
import type { LedgerEnv } from '../../ledger/env';
import { fmt } from '../formulas';
import { planContext, planItem } from './item-plan';
import { getPlanningSettings } from './settings';

type ParamsRow = {
  method: string;
  avg_daily: number;
  sd_daily: number;
  lead_time_days: number;
  lead_time_source: string;
  service_level: number;
  safety_stock: number;
  reorder_point: number;
  order_qty: number;
  abc: string;
  xyz: string;
  revenue_minor: number;
};

/** Demand must move this much (relative) before it is named as the reason for a change. */
const DEMAND_MOVE = 0.05;

const rel = (o: number, n: number): number => (o === 0 ? (n === 0 ? 0 : Infinity) : (n - o) / Math.abs(o));

function rowOf(p: ItemPlan): ParamsRow {
  return {
    method: p.forecast.method,
    avg_daily: p.demand.avgDaily,
    sd_daily: p.demand.sdDaily,
    lead_time_days: p.leadTime.used.days,
    lead_time_source: p.leadTime.used.source,
    service_level: p.serviceLevel,
    safety_stock: p.safetyStock.units,
    reorder_point: p.reorderPoint.units,
    order_qty: p.eoq.orderQuantity,
    abc: p.abc.class,
    xyz: p.xyz.class,
    revenue_minor: Math.round(p.abc.revenueMinor),
  };
}

/** Why a quantity moved: the inputs that changed, biggest cause first; the words a planner would use. */
function drivers(o: ParamsRow, n: ParamsRow, field: 'safety_stock' | 'reorder_point' | 'order_qty'): string {
  const why: string[] = [];
  if (field !== 'order_qty' && Math.abs(n.lead_time_days - o.lead_time_days) > 1e-9) {
    why.push(`lead time ${n.lead_time_days > o.lead_time_days ? 'rose' : 'fell'} (${fmt(o.lead_time_days)} → ${fmt(n.lead_time_days)} d${o.lead_time_source !== n.lead_time_source ? `, now ${n.lead_time_source}` : ''})`);
  }
  const dm = rel(o.avg_daily, n.avg_daily);
  if (Math.abs(dm) > DEMAND_MOVE) why.push(`demand ${dm > 0 ? 'rose' : 'fell'} (${fmt(o.avg_daily, 3)} → ${fmt(n.avg_daily, 3)} per day)`);
  if (o.method !== n.method) why.push(`forecast method changed (${o.method} → ${n.method})`);
  if (field === 'safety_stock' || field === 'reorder_point') {
    if (o.service_level !== n.service_level) why.push(`service level changed (${fmt(o.service_level * 100, 1)}% → ${fmt(n.service_level * 100, 1)}%${o.abc !== n.abc ? `, class ${o.abc} → ${n.abc}` : ''})`);
    if (Math.abs(rel(o.sd_daily, n.sd_daily)) > DEMAND_MOVE) why.push(`demand variability ${n.sd_daily > o.sd_daily ? 'rose' : 'fell'} (σ ${fmt(o.sd_daily, 3)} → ${fmt(n.sd_daily, 3)})`);
  }
  if (field === 'order_qty' && why.length === 0) why.push('order cost, holding cost or supplier terms (MOQ, pack size, unit cost) changed');
  return why.length ? why.join('; ') : 'recomputed with the latest history';
}

const upsert = (p: ItemPlan, runId: number, at: string) => {
  const { terms: _t, ...detail } = p as ItemPlan & { terms?: unknown };
  const values = {
    item_id: p.itemId,
    warehouse_key: 0,
    run_id: runId,
    computed_at: at,
    method: p.forecast.method,
    mase: p.forecast.mase,
    rmsse: p.forecast.rmsse,
    avg_daily: p.demand.avgDaily,
    sd_daily: p.demand.sdDaily,
    lead_time_days: p.leadTime.used.days,
    lead_time_sd: p.leadTime.used.sd,
    lead_time_source: p.leadTime.used.source,
    service_level: p.serviceLevel,
    safety_stock: p.safetyStock.units,
    reorder_point: p.reorderPoint.units,
    eoq: p.eoq.value,
    order_qty: p.eoq.orderQuantity,
    annual_demand: p.demand.annual,
    revenue_minor: Math.round(p.abc.revenueMinor),
    abc: p.abc.class,
    xyz: p.xyz.class,
    supplier_id: p.supplier?.id ?? null,
    detail: JSON.stringify(detail),
  };
  const { item_id: _i, warehouse_key: _w, ...set } = values;
  return qb
    .insertInto('planning_params')
    .values(values)
    .onConflict((oc) => oc.columns(['item_id', 'warehouse_key']).doUpdateSet(set));
};

/**
 * Recomputes every active item, then in one transaction stores the parameters, logs what changed and why, and opens
 * an exception for each quantity (reorder point, safety stock, order quantity) that moved more than the threshold.
 * The first computation of an item is not a change: there is nothing to compare with. An item whose plan fails (bad
 * data) keeps its previous parameters and is reported, so one item cannot stop the nightly run.
 */
export function recompute(env: LedgerEnv, trigger: 'manual' | 'schedule', actor: string): Output<'planning.recompute'> {
  const t0 = performance.now();
  const startedAt = env.clock.now().toISOString();
  const settings = getPlanningSettings(env.sql);
  const pc = planContext(env, settings);
  const itemIds = env.sql.all(qb.selectFrom('items').select('id').where('active', '=', 1).orderBy('id')).map((r) => r.id);
  const plans: ItemPlan[] = [];
  const errors: Array<{ itemId: number; message: string }> = [];
  for (const id of itemIds) {
    try {
      plans.push(planItem(env, id, pc));
    } catch (e) {
      errors.push({ itemId: id, message: (e as Error).message });
    }
  }
  const old = new Map(
    env.sql
      .all(
        qb
          .selectFrom('planning_params')
          .select(['item_id', 'method', 'avg_daily', 'sd_daily', 'lead_time_days', 'lead_time_source', 'service_level', 'safety_stock', 'reorder_point', 'order_qty', 'abc', 'xyz', 'revenue_minor'])
          .where('warehouse_key', '=', 0),
      )
      .map((r) => [r.item_id, r as ParamsRow]),
  );

  let changedItems = 0;
  let flaggedItems = 0;
  const runId = env.sql.tx(() => {
    const at = env.clock.now().toISOString();
    const id = env.sql.run(qb.insertInto('planning_runs').values({ trigger, started_at: startedAt, finished_at: at, items: 0, changed: 0, flagged: 0, ms: 0, actor })).lastInsertRowid;
    for (const p of plans) {
      const o = old.get(p.itemId);
      const n = rowOf(p);
      env.sql.run(upsert(p, id, at));
      if (!o) continue;
      const changes: Array<{ field: string; old: string; new: string; reason: string }> = [];
      if (o.method !== n.method) changes.push({ field: 'method', old: o.method, new: n.method, reason: `forecast method changed: ${p.forecast.explanation}` });
      if (Math.abs(o.lead_time_days - n.lead_time_days) > 1e-9 || o.lead_time_source !== n.lead_time_source) {
        changes.push({ field: 'leadTimeDays', old: fmt(o.lead_time_days), new: fmt(n.lead_time_days), reason: `lead time ${n.lead_time_days > o.lead_time_days ? 'rose' : n.lead_time_days < o.lead_time_days ? 'fell' : 'source changed'}: ${p.leadTime.explanation}` });
      }
      if (o.abc !== n.abc) changes.push({ field: 'abc', old: o.abc, new: n.abc, reason: `ABC class changed: ${p.abc.explanation}` });
      if (o.xyz !== n.xyz) changes.push({ field: 'xyz', old: o.xyz, new: n.xyz, reason: `XYZ class changed: ${p.xyz.explanation}` });
      if (o.service_level !== n.service_level) changes.push({ field: 'serviceLevel', old: String(o.service_level), new: String(n.service_level), reason: o.abc !== n.abc ? `ABC class ${o.abc} → ${n.abc}` : 'service level setting changed' });
      let flagged = false;
      for (const [field, name] of [
        ['safety_stock', 'safetyStock'],
        ['reorder_point', 'reorderPoint'],
        ['order_qty', 'orderQuantity'],
      ] as const) {
        if (o[field] === n[field]) continue;
        const reason = drivers(o, n, field);
        changes.push({ field: name, old: String(o[field]), new: String(n[field]), reason });
        const move = rel(o[field], n[field]);
        // A move from zero has no percentage; it is logged but not flagged (a new item's first demand is not a surprise).
        if (o[field] > 0 && Math.abs(move) > settings.flagThreshold) {
          flagged = true;
          env.sql.run(
            qb.insertInto('planning_exceptions').values({
              run_id: id,
              item_id: p.itemId,
              warehouse_key: 0,
              field: name,
              old_value: o[field],
              new_value: n[field],
              change_pct: move * 100,
              reason: `${name} ${move > 0 ? '+' : ''}${fmt(move * 100, 0)}% (${o[field]} → ${n[field]}, threshold ±${fmt(settings.flagThreshold * 100, 0)}%): ${reason}`,
              status: 'open',
              created_at: at,
              acknowledged_at: null,
              acknowledged_by: null,
            }),
          );
        }
      }
      for (const c of changes) {
        env.sql.run(qb.insertInto('planning_changes').values({ run_id: id, item_id: p.itemId, warehouse_key: 0, field: c.field, old_value: c.old, new_value: c.new, reason: c.reason, created_at: at }));
      }
      if (changes.length) changedItems++;
      if (flagged) flaggedItems++;
    }
    const ms = Math.round(performance.now() - t0);
    env.sql.run(qb.updateTable('planning_runs').set({ finished_at: env.clock.now().toISOString(), items: plans.length, changed: changedItems, flagged: flaggedItems, ms }).where('id', '=', id));
    return id;
  });
  env.bus.emit('planning.changed', { reason: 'recompute', runId });
  return { runId, trigger, items: plans.length, changed: changedItems, flagged: flaggedItems, ms: Math.round(performance.now() - t0), errors };
}

export function lastRunAt(env: LedgerEnv): Date | null {
  const r = env.sql.one(qb.selectFrom('planning_runs').select('finished_at').orderBy('id', 'desc').limit(1));
  return r ? new Date(r.finished_at) : null;
}
