/**
 * GS1 two-digit years. GS1 General Specifications 7.12 ("Determination of century in dates"): with D = YY minus the
 * last two digits of the current year, D in 51..99 means the previous century, D in -99..-50 the next century, else
 * the current one. So in 2026, "76" is 1976 while "75" is 2075.
 */
export function resolveYear(yy: number, referenceDate: Date): number {
  const current = referenceDate.getUTCFullYear();
  const currentYy = current % 100;
  const century = current - currentYy;
  const diff = yy - currentYy;
  if (diff >= 51) return century - 100 + yy;
  if (diff <= -50) return century + 100 + yy;
  return century + yy;
}

export function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one; UTC avoids DST edges.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

export const isoDate = (year: number, month: number, day: number): string =>
  `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export type DateCheck =
  | { ok: true; iso: string; dayUnspecified: boolean }
  | { ok: false; part: 'month' | 'day'; message: string };

/**
 * Checks a calendar date. `allowDayZero` is the YYMMD0 rule of AIs 11–17 (and 4324/4325): day 00 means the day is
 * not given, and GS1 reads it as the last day of the month.
 */
export function checkDate(year: number, month: number, day: number, allowDayZero: boolean): DateCheck {
  if (month < 1 || month > 12) return { ok: false, part: 'month', message: `month ${pad2(month)} is not a month` };
  const last = daysInMonth(year, month);
  if (day === 0) {
    if (!allowDayZero) return { ok: false, part: 'day', message: 'day 00 is not allowed here' };
    return { ok: true, iso: isoDate(year, month, last), dayUnspecified: true };
  }
  if (day > last) {
    return { ok: false, part: 'day', message: `day ${pad2(day)} does not exist in ${MONTHS[month - 1]} ${year}` };
  }
  return { ok: true, iso: isoDate(year, month, day), dayUnspecified: false };
}
