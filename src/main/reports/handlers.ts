import type { Handlers } from '../core/router';
import type { LedgerEnv } from '../ledger/env';
import { warehouseById } from '../locations/locations';
import { exportReport, reportPack } from './export/service';
import { exportJournal, getAccounting, updateAccounting } from './journals';
import { kpiReport } from './kpi-service';
import { runReport } from './tables';
import { valuationAsOf } from './valuation-as-of';

export function reportHandlers(env: LedgerEnv): Pick<Handlers, 'reports.kpis' | 'reports.valuation' | 'reports.journal' | 'reports.accounting.get' | 'reports.accounting.update' | 'reports.run' | 'reports.export' | 'reports.pack'> {
  return {
    'reports.kpis': (i) => kpiReport(env, i),
    'reports.valuation': (i) => {
      if (i.warehouseId !== undefined) warehouseById(env.sql, i.warehouseId);
      return valuationAsOf(env, i.asOf, i.groupBy, i.warehouseId !== undefined ? { warehouseId: i.warehouseId } : {});
    },
    'reports.journal': (i) => exportJournal(env, i),
    'reports.accounting.get': () => getAccounting(env.sql),
    'reports.accounting.update': (i) => updateAccounting(env.sql, i),
    'reports.run': (i) => runReport(env, i),
    'reports.export': (i) => exportReport(env, i),
    'reports.pack': (i) => reportPack(env, i),
  };
}
