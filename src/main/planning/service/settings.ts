import { planningSettings, type PlanningSettings } from '../../../shared/api';
import { qb, type Sql } from '../../db/sql';

const KEY = 'planning';

export const DEFAULT_PLANNING_SETTINGS: PlanningSettings = {
  safetyStockMethod: 'service-level',
  serviceLevels: { A: 0.98, B: 0.95, C: 0.9 },
  abcThresholds: { a: 0.8, b: 0.15 },
  xyzThresholds: { x: 0.5, y: 1.0 },
  orderCostMinor: 2500,
  holdingCostRate: 0.25,
  defaultLeadTimeDays: 14,
  minLeadTimeObservations: 3,
  historyDays: 365,
  demandBasis: 'forecast',
  suggestionRule: 'order-up-to',
  flagThreshold: 0.3,
  schedule: { enabled: true, intervalMinutes: 1440, atHour: 2 },
};

/**
 * Planning settings are one JSON value under the 'planning' key of the settings table (the application settings
 * store ignores keys it does not know). Read fresh each time: a recompute reads them once, and they are small.
 */
export function getPlanningSettings(sql: Sql): PlanningSettings {
  const r = sql.one(qb.selectFrom('settings').select('value').where('key', '=', KEY));
  if (!r) return DEFAULT_PLANNING_SETTINGS;
  // Merged over the defaults so a setting added in a later version has its default in an older database.
  const parsed = planningSettings.safeParse({ ...DEFAULT_PLANNING_SETTINGS, ...(JSON.parse(r.value) as object) });
  return parsed.success ? parsed.data : DEFAULT_PLANNING_SETTINGS;
}

export function updatePlanningSettings(sql: Sql, patch: Partial<PlanningSettings>): PlanningSettings {
  const next = { ...getPlanningSettings(sql), ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as PlanningSettings;
  const value = JSON.stringify(next);
  sql.run(qb.insertInto('settings').values({ key: KEY, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })));
  return next;
}
