import type { Handlers } from '../core/router';
import type { LedgerEnv } from '../ledger/env';
import { warehouseById } from '../locations/locations';
import { exportJournal, getAccounting, updateAccounting } from './journals';
import { kpiReport } from './kpi-service';
import { valuationAsOf } from './valuation-as-of';

export function reportHandlers(env: LedgerEnv): Pick<Handlers, 'reports.kpis' | 'reports.valuation' | 'reports.journal' | 'reports.accounting.get' | 'reports.accounting.update'> {
  return {
    'reports.kpis': (i) => kpiReport(env, i),
    'reports.valuation': (i) => {
      if (i.warehouseId !== undefined) warehouseById(env.sql, i.warehouseId);
      return valuationAsOf(env, i.asOf, i.groupBy, i.warehouseId !== undefined ? { warehouseId: i.warehouseId } : {});
    },
    'reports.journal': (i) => exportJournal(env, i),
    'reports.accounting.get': () => getAccounting(env.sql),
    'reports.accounting.update': (i) => updateAccounting(env.sql, i),
  };
}
