import { DEFAULT_COUNT_INTERVALS, type Output, type ParsedInput } from '../../shared/api';
import { qb } from '../db/sql';
import type { LedgerEnv } from '../ledger/env';

/**
 * Cycle-count schedule: every item held in a bin is due once its ABC interval has passed since its last posted count
 * there (never counted = due now). The class is the planning class (planning_params, all-warehouse row) or C.
 */

export const DAY_MS = 86_400_000;

export interface ScopeFilter {
  locationId?: number;
  warehouseId?: number;
  itemId?: number;
}

/** Whether a location is inside the filter: the location itself or below it, and in the warehouse. */
export function locationInScope(env: LedgerEnv, locationId: number, f: ScopeFilter): boolean {
  const loc = env.locs.get(locationId);
  if (!loc) return false;
  if (f.warehouseId !== undefined && loc.warehouse_id !== f.warehouseId) return false;
  if (f.locationId === undefined) return true;
  let cur: typeof loc | undefined = loc;
  for (let guard = 0; cur && guard < 32; guard++) {
    if (cur.id === f.locationId) return true;
    cur = cur.parent_id ? env.locs.get(cur.parent_id) : undefined;
  }
  return false;
}

export function abcClasses(env: LedgerEnv): Map<number, 'A' | 'B' | 'C'> {
  return new Map(env.sql.all(qb.selectFrom('planning_params').select(['item_id', 'abc']).where('warehouse_key', '=', 0)).map((r) => [r.item_id, r.abc]));
}

export function countSchedule(env: LedgerEnv, input: ParsedInput<'counts.schedule'>): Output<'counts.schedule'> {
  const now = env.clock.now();
  const intervals = { ...DEFAULT_COUNT_INTERVALS, ...Object.fromEntries(Object.entries(input.intervals ?? {}).filter(([, v]) => v !== undefined)) } as {
    A: number;
    B: number;
    C: number;
  };
  const abc = abcClasses(env);
  const last = new Map<string, string>();
  for (const r of env.sql.all(
    qb
      .selectFrom('count_lines as l')
      .innerJoin('count_sessions as s', 's.id', 'l.session_id')
      .select(['l.item_id', 'l.location_id', (eb) => eb.fn.max('l.counted_at').as('last')])
      .where('s.status', '=', 'posted')
      .groupBy(['l.item_id', 'l.location_id']),
  )) {
    last.set(`${r.item_id}:${r.location_id}`, r.last as string);
  }
  let q = qb
    .selectFrom('balances as b')
    .innerJoin('items as i', 'i.id', 'b.item_id')
    .innerJoin('locations as l', 'l.id', 'b.location_id')
    .select(['b.item_id', 'b.location_id', 'i.sku', 'i.name', (eb) => eb.fn.sum<number>('b.on_hand').as('on_hand')])
    .where('l.kind', '=', 'bin')
    .groupBy(['b.item_id', 'b.location_id'])
    .having((eb) => eb.fn.sum('b.on_hand'), '>', 0);
  if (input.itemId !== undefined) q = q.where('b.item_id', '=', input.itemId);
  const rows: Output<'counts.schedule'>['rows'] = [];
  for (const b of env.sql.all(q)) {
    if (!locationInScope(env, b.location_id, input)) continue;
    const cls = abc.get(b.item_id);
    const klass = cls ?? 'C';
    const interval = intervals[klass];
    const lastAt = last.get(`${b.item_id}:${b.location_id}`) ?? null;
    const dueMs = lastAt === null ? null : new Date(lastAt).getTime() + interval * DAY_MS;
    const due = dueMs === null || now.getTime() >= dueMs;
    if (!due && !input.includeNotDue) continue;
    rows.push({
      itemId: b.item_id,
      sku: b.sku,
      name: b.name,
      locationId: b.location_id,
      path: env.locs.path(b.location_id),
      abc: klass,
      abcFromPlanning: cls !== undefined,
      intervalDays: interval,
      onHand: Number(b.on_hand),
      lastCountedAt: lastAt,
      dueAt: dueMs === null ? null : new Date(dueMs).toISOString(),
      daysOverdue: dueMs === null ? null : Math.floor((now.getTime() - dueMs) / DAY_MS),
      due,
    });
  }
  // Never counted first, then the most overdue; then class, bin and SKU for a stable walk.
  rows.sort(
    (a, b) =>
      (a.dueAt === null ? 0 : 1) - (b.dueAt === null ? 0 : 1) ||
      (b.daysOverdue ?? 0) - (a.daysOverdue ?? 0) ||
      a.abc.localeCompare(b.abc) ||
      a.path.localeCompare(b.path) ||
      a.sku.localeCompare(b.sku),
  );
  return { asOf: now.toISOString(), intervals, rows };
}
