/**
 * Lead-time statistics from purchase-order history: for each received PO, days from the order being sent to the
 * goods being received; then mean, sample standard deviation (n − 1: the POs are a sample of the supplier's
 * behaviour; 0 with a single PO) and maximum — the inputs of both safety-stock formulas.
 */
import { fmt, type Explained } from './explained';

export interface PoDates {
  /** Date the PO was sent, YYYY-MM-DD (or a full ISO timestamp; only the date counts). */
  orderedOn: string;
  receivedOn: string;
}

export interface LeadTimeStats {
  count: number;
  mean: number;
  sd: number;
  max: number;
}

function day(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) throw new RangeError(`expected a YYYY-MM-DD date, got ${date}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000;
}

export function leadTimeDays(po: PoDates): number {
  const d = day(po.receivedOn) - day(po.orderedOn);
  if (d < 0) throw new RangeError(`received ${po.receivedOn} before ordered ${po.orderedOn}`);
  return d;
}

export function leadTimeStats(days: readonly number[]): Explained<{ days: readonly number[] }, LeadTimeStats | undefined> {
  for (const d of days) if (!Number.isFinite(d) || d < 0) throw new RangeError(`lead time must be >= 0 days, got ${d}`);
  const n = days.length;
  if (n === 0) return { method: 'lead-time-stats', inputs: { days }, value: undefined, explanation: 'no received purchase orders yet' };
  const mean = days.reduce((s, v) => s + v, 0) / n;
  const sd = n > 1 ? Math.sqrt(days.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1)) : 0;
  const max = Math.max(...days);
  return {
    method: 'lead-time-stats',
    inputs: { days },
    value: { count: n, mean, sd, max },
    explanation: `${n} received PO(s): mean ${fmt(mean)} d, sample SD ${fmt(sd)} d, max ${fmt(max)} d`,
  };
}

export function leadTimeStatsFromPurchaseOrders(pos: readonly PoDates[]): Explained<{ days: readonly number[] }, LeadTimeStats | undefined> {
  return leadTimeStats(pos.map(leadTimeDays));
}
