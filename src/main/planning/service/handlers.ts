import type { Handlers } from '../../core/router';
import { qb } from '../../db/sql';
import type { LedgerEnv } from '../../ledger/env';
import { demandSeries } from '../history/demand-series';
import { importHistory, listImports, previewHistory } from '../history/import-history';
import { planContext, planItem, planningWindow } from './item-plan';
import { lastRunAt, recompute } from './recompute';
import { createPlanningScheduler, type PlanningScheduler, type Timers } from './scheduler';
import { createDraftPos, listParams, suggestions } from './suggestions';
import { getPlanningSettings, updatePlanningSettings } from './settings';

type PlanningMethod = Extract<keyof Handlers, `planning.${string}`>;

export function createScheduler(env: LedgerEnv, log: (m: string, e?: unknown) => void, timers?: Timers): PlanningScheduler {
  return createPlanningScheduler({
    clock: env.clock,
    ...(timers && { timers }),
    schedule: () => getPlanningSettings(env.sql).schedule,
    lastRunAt: () => lastRunAt(env),
    run: () => recompute(env, 'schedule', 'scheduler'),
    log,
  });
}

/** The planning methods of the API, for the composition root to spread into its handlers. */
export function planningHandlers(env: LedgerEnv, scheduler: PlanningScheduler): Pick<Handlers, PlanningMethod> {
  return {
    'planning.history.preview': (i) => previewHistory(i),
    'planning.importHistory': (i, c) => importHistory(env, c, i),
    'planning.history.imports': (i) => listImports(env, i.limit),
    'planning.demandHistory': (i) => {
      const w = planningWindow(env, getPlanningSettings(env.sql));
      return demandSeries(env, i.itemId, { from: i.from ?? w.from, to: i.to ?? w.to, ...(i.warehouseId !== undefined && { warehouseId: i.warehouseId }) });
    },
    'planning.item': (i) => {
      const { terms: _terms, ...plan } = planItem(env, i.itemId, planContext(env, getPlanningSettings(env.sql)), i.warehouseId);
      return plan;
    },
    'planning.recompute': (_i, c) => recompute(env, 'manual', c.actor),
    'planning.params': (i) => listParams(env, i),
    'planning.changes': (i) => {
      let q = qb
        .selectFrom('planning_changes as c')
        .innerJoin('items as it', 'it.id', 'c.item_id')
        .select(['c.id', 'c.run_id', 'c.item_id', 'it.sku', 'c.field', 'c.old_value', 'c.new_value', 'c.reason', 'c.created_at']);
      if (i.itemId !== undefined) q = q.where('c.item_id', '=', i.itemId);
      if (i.runId !== undefined) q = q.where('c.run_id', '=', i.runId);
      return env.sql
        .all(q.orderBy('c.id', 'desc').limit(i.limit))
        .map((r) => ({ id: r.id, runId: r.run_id, itemId: r.item_id, sku: r.sku, field: r.field, oldValue: r.old_value, newValue: r.new_value, reason: r.reason, createdAt: r.created_at }));
    },
    'planning.exceptions': (i) => {
      let q = qb
        .selectFrom('planning_exceptions as e')
        .innerJoin('items as it', 'it.id', 'e.item_id')
        .select(['e.id', 'e.run_id', 'e.item_id', 'it.sku', 'it.name', 'e.field', 'e.old_value', 'e.new_value', 'e.change_pct', 'e.reason', 'e.status', 'e.created_at']);
      if (i.status !== 'all') q = q.where('e.status', '=', i.status);
      return env.sql.all(q.orderBy('e.id', 'desc').limit(i.limit)).map((r) => ({
        id: r.id,
        runId: r.run_id,
        itemId: r.item_id,
        sku: r.sku,
        name: r.name,
        field: r.field,
        oldValue: r.old_value,
        newValue: r.new_value,
        changePct: r.change_pct,
        reason: r.reason,
        status: r.status,
        createdAt: r.created_at,
      }));
    },
    'planning.acknowledge': (i, c) => ({
      acknowledged: env.sql.run(
        qb.updateTable('planning_exceptions').set({ status: 'acknowledged', acknowledged_at: env.clock.now().toISOString(), acknowledged_by: c.actor }).where('id', 'in', i.ids).where('status', '=', 'open'),
      ).changes,
    }),
    'planning.suggestions': (i) => {
      const { supplierOf: _s, ...out } = suggestions(env, i);
      return out;
    },
    'planning.createDraftPos': (i) => createDraftPos(env, i),
    'planning.settings.get': () => getPlanningSettings(env.sql),
    'planning.settings.update': (i) => {
      const s = updatePlanningSettings(env.sql, i);
      scheduler.reschedule();
      env.bus.emit('planning.changed', { reason: 'settings', runId: null });
      return s;
    },
    'planning.runs': (i) => ({
      nextRunAt: scheduler.nextRunAt()?.toISOString() ?? null,
      runs: env.sql.all(qb.selectFrom('planning_runs').selectAll().orderBy('id', 'desc').limit(i.limit)).map((r) => ({
        id: r.id,
        trigger: r.trigger,
        startedAt: r.started_at,
        finishedAt: r.finished_at,
        items: r.items,
        changed: r.changed,
        flagged: r.flagged,
        ms: r.ms,
        actor: r.actor,
      })),
    }),
  };
}
