import { addDays, dayNumber } from '../planning/history/dates';
import type { LedgerEnv } from '../ledger/env';
import { averageOfDailyCloses } from './kpi/formulas';
import { ValuationReplay, type ValuationScope } from './valuation-as-of';

export interface DailyClose {
  day: string;
  quantity: number;
  valueMinor: number;
}

export interface DailyValuation {
  from: string;
  to: string;
  /** The close of the day before the period. */
  opening: DailyClose;
  days: DailyClose[];
  /**
   * Average inventory at cost = the mean of the daily closing values over every day of the period (not the mean of
   * the opening and closing values): a month that was empty for 29 days and full on the 30th averages near empty.
   * Unrounded (it is a mean of integers); null for an empty period.
   */
  averageValueMinor: number | null;
  averageQuantity: number | null;
}

/** Closing FIFO valuation of the scope at the end of each UTC day from..to (inclusive), in one replay of the ledger. */
export function dailyValuation(env: LedgerEnv, scope: ValuationScope, from: string, to: string): DailyValuation {
  const replay = new ValuationReplay(env, scope, to);
  const before = addDays(from, -1);
  replay.advanceTo(before);
  const opening = { day: before, quantity: replay.total.quantity, valueMinor: replay.total.valueMinor };
  const days: DailyClose[] = [];
  for (let n = dayNumber(from), end = dayNumber(to), day = from; n <= end; n++, day = addDays(day, 1)) {
    replay.advanceTo(day);
    days.push({ day, quantity: replay.total.quantity, valueMinor: replay.total.valueMinor });
  }
  return {
    from,
    to,
    opening,
    days,
    averageValueMinor: averageOfDailyCloses(days.map((d) => d.valueMinor)),
    averageQuantity: averageOfDailyCloses(days.map((d) => d.quantity)),
  };
}
