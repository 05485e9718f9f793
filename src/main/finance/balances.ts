import { qb } from '../db/sql';
import type { LedgerEnv } from '../ledger/env';
import { addDays, dayNumber } from '../planning/history/dates';

export interface DailyOpen {
  /** What was owed at the close of each day from..to (inclusive). */
  days: { day: string; openMinor: number }[];
  /** Mean of the daily closes (unrounded), like average inventory; null for an empty period. */
  averageMinor: number | null;
  /** Documents of the currency dated on or before `to`, and how many of other currencies were left out. */
  documents: number;
  otherCurrencies: number;
}

/**
 * Accounts receivable (sales invoices) or payable (supplier bills) at the close of each day: Σ amounts of documents
 * dated on or before the day − Σ their payments dated on or before the day. Only documents in `currency` (the
 * business's currency): amounts in different currencies are never added.
 */
export function dailyOpen(env: LedgerEnv, kind: 'receivable' | 'payable', from: string, to: string, currency: string): DailyOpen {
  const docs =
    kind === 'receivable'
      ? env.sql.all(qb.selectFrom('sales_invoices').select(['id', 'issue_date as date', 'amount_minor', 'currency']).where('issue_date', '<=', to))
      : env.sql.all(qb.selectFrom('supplier_bills').select(['id', 'bill_date as date', 'amount_minor', 'currency']).where('bill_date', '<=', to));
  const pays =
    kind === 'receivable'
      ? env.sql.all(
          qb
            .selectFrom('invoice_payments as p')
            .innerJoin('sales_invoices as d', 'd.id', 'p.invoice_id')
            .select(['p.paid_date', 'p.amount_minor'])
            .where('d.currency', '=', currency)
            .where('p.paid_date', '<=', to),
        )
      : env.sql.all(
          qb
            .selectFrom('bill_payments as p')
            .innerJoin('supplier_bills as d', 'd.id', 'p.bill_id')
            .select(['p.paid_date', 'p.amount_minor'])
            .where('d.currency', '=', currency)
            .where('p.paid_date', '<=', to),
        );
  const start = dayNumber(from);
  const n = dayNumber(to) - start + 1;
  // delta[0] carries everything dated before the period (the opening balance).
  const delta = new Array<number>(Math.max(n, 0)).fill(0);
  const at = (day: string) => Math.max(0, dayNumber(day) - start);
  let documents = 0;
  let otherCurrencies = 0;
  for (const d of docs) {
    if (d.currency !== currency) {
      otherCurrencies += 1;
      continue;
    }
    documents += 1;
    delta[at(d.date)]! += d.amount_minor;
  }
  for (const p of pays) delta[at(p.paid_date)]! -= p.amount_minor;
  const days: DailyOpen['days'] = [];
  let open = 0;
  for (let i = 0, day = from; i < n; i++, day = addDays(day, 1)) {
    open += delta[i]!;
    days.push({ day, openMinor: open });
  }
  const averageMinor = days.length === 0 ? null : days.reduce((s, d) => s + d.openMinor, 0) / days.length;
  return { days, averageMinor, documents, otherCurrencies };
}
