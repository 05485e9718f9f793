import type { Handlers } from '../core/router';
import type { LedgerEnv } from '../ledger/env';
import { warehouseById } from '../locations/locations';
import { kpiReport } from './kpi-service';
import { valuationAsOf } from './valuation-as-of';

export function reportHandlers(env: LedgerEnv): Pick<Handlers, 'reports.kpis' | 'reports.valuation'> {
  return {
    'reports.kpis': (i) => kpiReport(env, i),
    'reports.valuation': (i) => {
      if (i.warehouseId !== undefined) warehouseById(env.sql, i.warehouseId);
      return valuationAsOf(env, i.asOf, i.groupBy, i.warehouseId !== undefined ? { warehouseId: i.warehouseId } : {});
    },
  };
}
