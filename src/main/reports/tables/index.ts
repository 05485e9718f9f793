import type { ReportParams, ReportTable } from '../../../shared/api/reports';
import type { LedgerEnv } from '../../ledger/env';
import { landedCostTable } from './landed';
import { movementsJournalTable } from './movements';
import { cogsTable, marginTable } from './sales';
import { deadStockTable, lowStockTable, overstockTable } from './stock-health';
import { normalise } from './table';
import { valuationTable } from './valuation';

/** reports.run: one report as a generic table. */
export function runReport(env: LedgerEnv, p: ReportParams): ReportTable {
  const i = normalise(env, p);
  switch (i.report) {
    case 'valuation_by_location':
      return valuationTable(env, i, 'location');
    case 'valuation_by_category':
      return valuationTable(env, i, 'category');
    case 'cogs':
      return cogsTable(env, i);
    case 'margin_by_item':
      return marginTable(env, i, 'item');
    case 'margin_by_channel':
      return marginTable(env, i, 'channel');
    case 'landed_cost':
      return landedCostTable(env, i);
    case 'movements_journal':
      return movementsJournalTable(env, i);
    case 'low_stock':
      return lowStockTable(env, i);
    case 'overstock':
      return overstockTable(env, i);
    case 'dead_stock':
      return deadStockTable(env, i);
    default: {
      const never: never = i.report;
      throw new Error(`unknown report ${String(never)}`);
    }
  }
}
