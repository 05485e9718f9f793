/** Money is integer minor units; quantities are integers in the item's base unit. */
const DIGITS: Record<string, number> = { JPY: 0, KRW: 0, ISK: 0, BHD: 3, KWD: 3, JOD: 3, TND: 3 };

export const minorDigits = (currency: string): number => DIGITS[currency.toUpperCase()] ?? 2;

export function formatMoney(minor: number, currency = 'GBP', locale?: string): string {
  const digits = minorDigits(currency);
  return new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
    minor / 10 ** digits,
  );
}

/** Parses a decimal string ("12.5", "12,50") into minor units without going through binary floats. */
export function parseMoney(text: string, currency = 'GBP'): number | null {
  const digits = minorDigits(currency);
  const m = /^\s*(-)?(\d+)(?:[.,](\d*))?\s*$/.exec(text);
  if (!m) return null;
  const frac = (m[3] ?? '').padEnd(digits, '0');
  if (frac.length > digits) return null;
  const value = Number(m[2]) * 10 ** digits + (digits ? Number(frac || '0') : 0);
  return m[1] ? -value : value;
}

/** a*b/c rounded half away from zero, exact for safe integers. */
export function mulDivRound(a: number, b: number, c: number): number {
  const n = BigInt(a) * BigInt(b);
  const d = BigInt(c);
  const q = n / d;
  const r = n % d;
  const twice = (r < 0n ? -r : r) * 2n;
  const adj = twice >= (d < 0n ? -d : d) ? (n < 0n !== d < 0n ? -1n : 1n) : 0n;
  return Number(q + adj);
}
