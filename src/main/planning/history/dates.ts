import type { DateFormat } from '../../../shared/api';

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const SLASHED = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const two = (n: number): string => (n < 10 ? `0${n}` : String(n));

/**
 * The calendar day a sale was made, as written in the file (the source's own local time: no time-zone conversion,
 * so a sale at 23:30 stays on its day). The format is chosen by the person importing: 03/04/2011 is March or April
 * depending on the country, and guessing per row would silently mix the two. Returns null for anything that is not a
 * real date in that format (31/02, month 13, hour 25).
 */
export function parseDay(text: string, format: DateFormat): string | null {
  const s = text.trim();
  let y: number, mo: number, d: number, hh: string | undefined, mm: string | undefined, ss: string | undefined;
  if (format === 'YYYY-MM-DD') {
    const m = ISO.exec(s);
    if (!m) return null;
    y = Number(m[1]);
    mo = Number(m[2]);
    d = Number(m[3]);
    [hh, mm, ss] = [m[4], m[5], m[6]];
  } else {
    const m = SLASHED.exec(s);
    if (!m) return null;
    y = Number(m[3]);
    [d, mo] = format === 'DD/MM/YYYY' ? [Number(m[1]), Number(m[2])] : [Number(m[2]), Number(m[1])];
    [hh, mm, ss] = [m[4], m[5], m[6]];
  }
  if (mo < 1 || mo > 12 || d < 1 || y < 1900 || y > 2999) return null;
  const dim = mo === 2 && isLeap(y) ? 29 : DAYS_IN_MONTH[mo - 1]!;
  if (d > dim) return null;
  if (hh !== undefined && (Number(hh) > 23 || Number(mm) > 59 || (ss !== undefined && Number(ss) > 59))) return null;
  return `${y}-${two(mo)}-${two(d)}`;
}

/**
 * Which formats fit every sample that is a date in some format (a broken date in the sample, which the import will
 * reject anyway, must not hide the right format): the import screen offers these and asks when more than one fits.
 */
export function formatsThatFit(samples: readonly string[]): DateFormat[] {
  const all: DateFormat[] = ['YYYY-MM-DD', 'DD/MM/YYYY', 'MM/DD/YYYY'];
  const dates = samples.filter((s) => all.some((f) => parseDay(s, f) !== null));
  if (dates.length === 0) return [];
  return all.filter((f) => dates.every((s) => parseDay(s, f) !== null));
}

export const DAY_MS = 86_400_000;
export const dayNumber = (day: string): number => Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / DAY_MS;
export const dayOfNumber = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);
export const addDays = (day: string, n: number): string => dayOfNumber(dayNumber(day) + n);
