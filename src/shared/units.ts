/**
 * Exact weights. A scale reports a decimal in its own unit with its own resolution ("1.250 kg", "9.0 oz");
 * we keep that decimal as an integer count of its last digit (amount × 10^-decimals unit) so nothing is lost,
 * and convert through exact decimal factors. 1 lb = 453.59237 g and 1 oz = 1/16 lb = 28.349523125 g are finite
 * decimals, so any oz/lb/g/kg reading has an exact decimal value in grams; only the reverse direction
 * (grams → lb) needs rounding, which is done once, in BigInt, to the decimals the caller asks for.
 *
 * Pure TS: no Node, no DOM. BigInt stays inside; everything crossing a process is string or safe integer.
 */

export const MASS_UNITS = ['mg', 'g', 'kg', 't', 'ct', 'gr', 'dwt', 'ozt', 'oz', 'lb', 'ton'] as const;
export type MassUnit = (typeof MASS_UNITS)[number];

/** A decimal n × 10^e, exact. */
export interface Decimal {
  readonly n: bigint;
  readonly e: number;
}

/** Grams per unit as exact decimals (international avoirdupois/troy definitions). */
const GRAMS_PER: Record<MassUnit, Decimal> = {
  mg: { n: 1n, e: -3 },
  g: { n: 1n, e: 0 },
  kg: { n: 1n, e: 3 },
  t: { n: 1n, e: 6 },
  ct: { n: 2n, e: -1 }, // metric carat = 200 mg
  gr: { n: 6479891n, e: -8 }, // grain = 64.79891 mg
  dwt: { n: 155517384n, e: -8 }, // pennyweight = 24 gr
  ozt: { n: 311034768n, e: -7 }, // troy ounce = 480 gr
  oz: { n: 28349523125n, e: -9 }, // 1/16 lb
  lb: { n: 45359237n, e: -5 }, // 453.59237 g by definition
  ton: { n: 90718474n, e: -2 }, // short (avoirdupois) ton = 2000 lb
};

/** A reading: `amount` counts units of the last displayed digit, e.g. 1.250 kg = {amount: 1250n, decimals: 3, unit: 'kg'}. */
export interface Weight {
  readonly amount: bigint;
  readonly decimals: number;
  readonly unit: MassUnit;
}

export type Rounding = 'half-away' | 'half-even';

const UNIT_ALIASES: Record<string, MassUnit> = {
  mg: 'mg',
  g: 'g',
  gm: 'g',
  gr: 'gr',
  grain: 'gr',
  grains: 'gr',
  kg: 'kg',
  t: 't',
  ct: 'ct',
  dwt: 'dwt',
  ozt: 'ozt',
  oz: 'oz',
  lb: 'lb',
  lbs: 'lb',
  ton: 'ton',
};

/** Maps a unit as printed by a scale ("KG", "lbs", " g ") to a MassUnit, or null when we do not know it. */
export function unitFromText(text: string): MassUnit | null {
  return UNIT_ALIASES[text.trim().toLowerCase()] ?? null;
}

const pow10 = (k: number): bigint => 10n ** BigInt(k);

/**
 * Parses a decimal as a scale prints it ("  -1.250", "+001.25", "0.5", "12.") keeping its resolution:
 * "1.250" has 3 decimals even though the trailing zero adds no value, because the scale's resolution matters
 * for display and for stability tolerances. Returns null for anything that is not a plain decimal.
 */
export function parseWeight(text: string, unit: MassUnit): Weight | null {
  const m = /^\s*([-+])?\s*(\d+)(?:\.(\d*))?\s*$/.exec(text) ?? /^\s*([-+])?\s*()\.(\d+)\s*$/.exec(text);
  if (!m) return null;
  const int = m[2] ?? '';
  const frac = m[3] ?? '';
  // 15 significant digits is far beyond any scale; longer strings are noise, not weights.
  if (int.length + frac.length === 0 || int.length + frac.length > 15) return null;
  const magnitude = BigInt((int || '0') + frac);
  return { amount: m[1] === '-' ? -magnitude : magnitude, decimals: frac.length, unit };
}

/** Builds a weight from a mantissa and a power of ten (USB HID scales report value × 10^exponent). */
export function weightFromMantissa(mantissa: number | bigint, exponent: number, unit: MassUnit): Weight {
  const m = BigInt(mantissa);
  return exponent >= 0 ? { amount: m * pow10(exponent), decimals: 0, unit } : { amount: m, decimals: -exponent, unit };
}

/** The exact value in grams as a decimal. */
export function toGramsDecimal(w: Weight): Decimal {
  const f = GRAMS_PER[w.unit];
  return normalize({ n: w.amount * f.n, e: f.e - w.decimals });
}

/** Drops trailing zeros so equal values have one representation. */
export function normalize(d: Decimal): Decimal {
  if (d.n === 0n) return { n: 0n, e: 0 };
  let { n, e } = d;
  while (n % 10n === 0n) {
    n /= 10n;
    e += 1;
  }
  return { n, e };
}

/** Exact decimal text, e.g. {n: 28349523125n, e: -9} → "28.349523125". */
export function decimalToString(d: Decimal, minDecimals = 0): string {
  const neg = d.n < 0n;
  const abs = neg ? -d.n : d.n;
  let text: string;
  if (d.e >= 0) {
    text = (abs * pow10(d.e)).toString();
    if (minDecimals > 0) text += '.' + '0'.repeat(minDecimals);
  } else {
    const decs = Math.max(-d.e, minDecimals);
    const digits = (abs * pow10(decs + d.e)).toString().padStart(decs + 1, '0');
    text = digits.slice(0, digits.length - decs) + (decs > 0 ? '.' + digits.slice(digits.length - decs) : '');
  }
  return (neg && abs !== 0n ? '-' : '') + text;
}

/** Exact grams as text: 9.0 oz → "255.145708125". */
export function toGramsString(w: Weight): string {
  return decimalToString(toGramsDecimal(w));
}

/** Divides n by d (d > 0) rounding to an integer. */
function divRound(n: bigint, d: bigint, rounding: Rounding): bigint {
  const q = n / d;
  const r = n % d;
  if (r === 0n) return q;
  const twice = (r < 0n ? -r : r) * 2n;
  const away = n < 0n ? q - 1n : q + 1n;
  if (twice > d) return away;
  if (twice < d) return q;
  if (rounding === 'half-away') return away;
  return q % 2n === 0n ? q : away;
}

/** Rounds a decimal to `decimals` places after the point; returns the integer count of 10^-decimals. */
export function roundDecimal(d: Decimal, decimals: number, rounding: Rounding = 'half-away'): bigint {
  const shift = d.e + decimals;
  return shift >= 0 ? d.n * pow10(shift) : divRound(d.n, pow10(-shift), rounding);
}

/** Integer milligrams, rounded. Safe to compare and store; exact for g/kg readings, rounded for oz/lb. */
export function toMilligrams(w: Weight, rounding: Rounding = 'half-away'): number {
  return Number(roundDecimal(toGramsDecimal(w), 3, rounding));
}

/** Integer micrograms as a bigint, for tolerances finer than a milligram. */
export function toMicrograms(w: Weight, rounding: Rounding = 'half-away'): bigint {
  return roundDecimal(toGramsDecimal(w), 6, rounding);
}

/** Converts to another unit at a given resolution, rounding once. */
export function convertWeight(w: Weight, unit: MassUnit, decimals: number, rounding: Rounding = 'half-away'): Weight {
  const g = toGramsDecimal(w);
  const f = GRAMS_PER[unit];
  // amount = g / f × 10^decimals  =  g.n × 10^(g.e - f.e + decimals) / f.n
  const shift = g.e - f.e + decimals;
  let num = g.n;
  let den = f.n;
  if (shift >= 0) num *= pow10(shift);
  else den *= pow10(-shift);
  return { amount: divRound(num, den, rounding), decimals, unit };
}

/** A weight from integer milligrams, expressed in grams with 3 decimals (exact). */
export function weightFromMilligrams(mg: number | bigint): Weight {
  return { amount: BigInt(mg), decimals: 3, unit: 'g' };
}

/** The value in its own unit and resolution, e.g. "-1.250". */
export function weightValueString(w: Weight): string {
  return decimalToString({ n: w.amount, e: -w.decimals }, w.decimals);
}

/** Formats for display: in the weight's own unit and decimals ("1.250 kg"), or converted ("2.756 lb"). */
export function formatWeight(w: Weight, target?: { unit: MassUnit; decimals: number; rounding?: Rounding }): string {
  const shown = target ? convertWeight(w, target.unit, target.decimals, target.rounding) : w;
  return `${weightValueString(shown)} ${shown.unit}`;
}

/** Exact comparison of two decimals. */
export function compareDecimal(a: Decimal, b: Decimal): -1 | 0 | 1 {
  const e = Math.min(a.e, b.e);
  const an = a.n * pow10(a.e - e);
  const bn = b.n * pow10(b.e - e);
  return an < bn ? -1 : an > bn ? 1 : 0;
}

export function subtractDecimal(a: Decimal, b: Decimal): Decimal {
  const e = Math.min(a.e, b.e);
  return { n: a.n * pow10(a.e - e) - b.n * pow10(b.e - e), e };
}

export function absDecimal(a: Decimal): Decimal {
  return a.n < 0n ? { n: -a.n, e: a.e } : a;
}

/** Exact comparison of weights in any units: 16 oz equals 1 lb, 1 lb is less than 453.593 g. */
export function compareWeights(a: Weight, b: Weight): -1 | 0 | 1 {
  return compareDecimal(toGramsDecimal(a), toGramsDecimal(b));
}

/** |a − b| ≤ tolerance, exactly. */
export function weightsWithin(a: Weight, b: Weight, tolerance: Weight): boolean {
  return compareDecimal(absDecimal(subtractDecimal(toGramsDecimal(a), toGramsDecimal(b))), absDecimal(toGramsDecimal(tolerance))) <= 0;
}

/** A JSON-safe form of a weight (bigint does not serialize). */
export interface WeightJson {
  value: string;
  unit: MassUnit;
  decimals: number;
}

export function weightToJson(w: Weight): WeightJson {
  return { value: weightValueString(w), unit: w.unit, decimals: w.decimals };
}

export function weightFromJson(j: WeightJson): Weight | null {
  const w = parseWeight(j.value, j.unit);
  return w && w.decimals === j.decimals ? w : null;
}
