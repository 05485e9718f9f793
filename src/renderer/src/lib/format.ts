import type { Movement } from '../../../shared/api';
import { formatMoney, minorDigits } from '../../../shared/money';

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });

/** ISO timestamp → the user's local date and time, e.g. "5 Jan 2026, 09:00". */
export const formatDateTime = (iso: string): string => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateTime.format(d);
};

/** A calendar date (YYYY-MM-DD, no time zone) shown without shifting it through UTC. */
export const formatDate = (ymd: string | null | undefined): string => {
  if (!ymd) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  if (!m) return ymd;
  return dateOnly.format(new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
};

export const formatQty = (n: number): string => integer.format(n);

export const money = (minor: number, currency: string): string => formatMoney(minor, currency);

export const REASON_LABELS: Record<Movement['reason'], string> = {
  receipt: 'Receipt',
  issue: 'Issue',
  transfer: 'Transfer',
  damage: 'Damage',
  theft: 'Theft',
  lost: 'Lost',
  found: 'Found',
  count_correction: 'Count correction',
  expired: 'Expired',
  reversal: 'Reversal',
};

export const REASON_COLORS: Record<Movement['reason'], string> = {
  receipt: 'teal',
  issue: 'blue',
  transfer: 'grape',
  damage: 'red',
  theft: 'red',
  lost: 'orange',
  found: 'lime',
  count_correction: 'yellow',
  expired: 'orange',
  reversal: 'gray',
};

/** Today's date as YYYY-MM-DD in local time, plus days. */
export function localDate(plusDays = 0): string {
  const d = new Date();
  d.setDate(d.getDate() + plusDays);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** Minor units → the plain decimal a person types ("2.50"), for prefilling money inputs. */
export function toDecimal(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  if (digits === 0) return String(minor);
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / 10 ** digits)}.${String(abs % 10 ** digits).padStart(digits, '0')}`;
}
