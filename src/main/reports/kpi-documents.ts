import { sql as raw } from 'kysely';
import { dailyOpen } from '../finance/balances';
import type { LedgerEnv } from '../ledger/env';
import { addDays } from '../planning/history/dates';
import { compiled } from './sales-sql';
import type { ValuationScope } from './valuation-as-of';

export interface DocumentKpiInputs {
  /**
   * Mean of the daily closing accounts receivable / payable over the period (every day, like average inventory), in
   * the business's currency; null for a scope narrower than everything (invoices and bills are per customer or
   * supplier, not per item, category or warehouse).
   */
  receivablesMinor: number | null;
  payablesMinor: number | null;
  /** Cycle-count lines posted in the period in scope, and how many matched the record exactly. */
  countLines: { counted: number; accurate: number };
}

const isEverything = (s: ValuationScope) => s.itemId === undefined && s.category === undefined && s.warehouseId === undefined && s.locationId === undefined;

/**
 * The KPI inputs that come from documents rather than stock movements: receivables (sales invoices less customer
 * payments), payables (supplier bills less payments to suppliers) and posted count lines (record accuracy).
 */
export function documentKpiInputs(env: LedgerEnv, scope: ValuationScope, from: string, to: string): DocumentKpiInputs {
  const currency = env.settings.get().currency;
  const everything = isEverything(scope);
  const end = addDays(to, 1);
  const where =
    scope.itemId !== undefined
      ? raw<boolean>`l.item_id = ${scope.itemId}`
      : scope.category !== undefined
        ? raw<boolean>`i.category = ${scope.category}`
        : raw<boolean>`1 = 1`;
  const wh = scope.warehouseId === undefined ? raw<boolean>`1 = 1` : raw<boolean>`loc.warehouse_id = ${scope.warehouseId}`;
  const c = env.sql.one(
    compiled(raw<{ counted: number | null; accurate: number | null }>`
      SELECT COUNT(*) AS counted, SUM(CASE WHEN l.variance = 0 THEN 1 ELSE 0 END) AS accurate
      FROM count_lines l
      JOIN count_sessions s ON s.id = l.session_id
      JOIN items i ON i.id = l.item_id
      JOIN locations loc ON loc.id = l.location_id
      WHERE s.status = 'posted' AND s.posted_at >= ${from} AND s.posted_at < ${end} AND ${where} AND ${wh}`),
  );
  return {
    receivablesMinor: everything ? dailyOpen(env, 'receivable', from, to, currency).averageMinor : null,
    payablesMinor: everything ? dailyOpen(env, 'payable', from, to, currency).averageMinor : null,
    countLines: { counted: Number(c?.counted ?? 0), accurate: Number(c?.accurate ?? 0) },
  };
}
