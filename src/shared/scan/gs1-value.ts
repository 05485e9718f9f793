import { gs1CheckDigit } from '../gtin';
import { fixedValueLength, type AiComponent, type AiEntry } from './ai-table';
import { CSET32, CSET82, firstInvalidChar, showChar } from './charsets';
import { checkDate, resolveYear } from './gs1-dates';
import { scanError, type Gs1Element, type Measure, type ScanError, type ScanErrorCode } from './types';

type LintFail = { code: ScanErrorCode; message: string; offset: number };

/** What the linters learn about the value while checking it (dates and times become typed fields). */
interface Typed {
  date?: string;
  dayUnspecified?: boolean;
  timeParts: string[];
}

interface LintContext {
  ai: string;
  referenceDate: Date;
  typed: Typed;
}

type Linter = (text: string, ctx: LintContext) => LintFail | undefined;

const digitsOnly = (s: string): boolean => /^\d*$/.test(s);

function dateLinter(yearDigits: 2 | 4, allowDayZero: boolean): Linter {
  return (text, ctx) => {
    const year = yearDigits === 2 ? resolveYear(Number(text.slice(0, 2)), ctx.referenceDate) : Number(text.slice(0, 4));
    const month = Number(text.slice(yearDigits, yearDigits + 2));
    const day = Number(text.slice(yearDigits + 2, yearDigits + 4));
    const r = checkDate(year, month, day, allowDayZero);
    if (!r.ok) {
      return { code: 'GS1_BAD_DATE', message: `AI (${ctx.ai}) ${r.message}`, offset: r.part === 'month' ? yearDigits : yearDigits + 2 };
    }
    // A second date (7007 harvest end) does not replace the first.
    if (!ctx.typed.date) {
      ctx.typed.date = r.iso;
      ctx.typed.dayUnspecified = r.dayUnspecified;
    }
    return undefined;
  };
}

function rangeLinter(label: string, max: number): Linter {
  return (text, ctx) => {
    const n = Number(text);
    if (n > max) return { code: 'GS1_BAD_TIME', message: `AI (${ctx.ai}) ${label} ${text} is out of range 00–${max}`, offset: 0 };
    ctx.typed.timeParts.push(text);
    return undefined;
  };
}

/**
 * Linters from the syntax dictionary that we enforce. Others named in the table (iso3166, iso4217, iban, coupon
 * codes, media types…) need reference lists this app has no use for yet, so they pass.
 */
const LINTERS: Record<string, Linter> = {
  csum: (text, ctx) => {
    const expected = gs1CheckDigit(text.slice(0, -1));
    const actual = text.charCodeAt(text.length - 1) - 48;
    if (expected === actual) return undefined;
    return { code: 'GS1_BAD_CHECK_DIGIT', message: `AI (${ctx.ai}) check digit should be ${expected}, not ${actual}`, offset: text.length - 1 };
  },
  csumalpha: (text, ctx) => {
    if (text.length < 2) return { code: 'GS1_BAD_CHECK_PAIR', message: `AI (${ctx.ai}) is too short for its check character pair`, offset: 0 };
    const body = text.slice(0, -2);
    const pair = text.slice(-2);
    const badPair = [...pair].findIndex((c) => !CSET32.includes(c));
    if (badPair >= 0) {
      return { code: 'GS1_INVALID_CHARACTER', message: `invalid check character ${showChar(pair[badPair]!)} in AI (${ctx.ai})`, offset: body.length + badPair };
    }
    // Weights are the primes 2, 3, 5… from the rightmost body character; the sum mod 1021 is split into two 5-bit
    // indices into CSET 32 (GS1 General Specifications, alphanumeric check character pair).
    const primes = firstPrimes(body.length);
    let sum = 0;
    for (let i = 0; i < body.length; i++) sum += CSET82.indexOf(body[body.length - 1 - i]!) * primes[i]!;
    sum %= 1021;
    const expected = CSET32[sum >> 5]! + CSET32[sum & 31]!;
    if (expected === pair) return undefined;
    return { code: 'GS1_BAD_CHECK_PAIR', message: `AI (${ctx.ai}) check characters should be ${expected}, not ${pair}`, offset: body.length };
  },
  yymmd0: dateLinter(2, true),
  yymmdd: dateLinter(2, false),
  yyyymmd0: dateLinter(4, true),
  yyyymmdd: dateLinter(4, false),
  hh: rangeLinter('hour', 23),
  mi: rangeLinter('minute', 59),
  ss: rangeLinter('second', 59),
  hhmi: (text, ctx) => {
    const hour = LINTERS.hh!(text.slice(0, 2), ctx);
    if (hour) return hour;
    const minute = LINTERS.mi!(text.slice(2, 4), ctx);
    return minute ? { ...minute, offset: 2 } : undefined;
  },
  key: (text, ctx) => keyPrefix(text, 0, ctx),
  keyoff1: (text, ctx) => keyPrefix(text, 1, ctx),
  nonzero: (text, ctx) =>
    /^0+$/.test(text) ? { code: 'GS1_BAD_VALUE', message: `AI (${ctx.ai}) component ${text} must not be zero`, offset: 0 } : undefined,
  zero: (text, ctx) => (text === '0' ? undefined : { code: 'GS1_BAD_VALUE', message: `AI (${ctx.ai}) must start with 0`, offset: 0 }),
  nozeroprefix: (text, ctx) =>
    text.length > 1 && text.startsWith('0')
      ? { code: 'GS1_BAD_VALUE', message: `AI (${ctx.ai}) must not start with 0`, offset: 0 }
      : undefined,
  yesno: (text, ctx) => (text === '0' || text === '1' ? undefined : { code: 'GS1_BAD_VALUE', message: `AI (${ctx.ai}) must be 0 or 1, not ${text}`, offset: 0 }),
  winding: (text, ctx) =>
    /^[019]$/.test(text) ? undefined : { code: 'GS1_BAD_VALUE', message: `AI (${ctx.ai}) winding direction must be 0, 1 or 9, not ${text}`, offset: 0 },
  hyphen: (text, ctx) => (text === '-' ? undefined : { code: 'GS1_BAD_VALUE', message: `AI (${ctx.ai}) sign must be '-', not ${showChar(text)}`, offset: 0 }),
  hasnondigit: (text, ctx) =>
    digitsOnly(text) ? { code: 'GS1_BAD_VALUE', message: `AI (${ctx.ai}) must contain a non-digit`, offset: 0 } : undefined,
  pieceoftotal: (text, ctx) => {
    const piece = Number(text.slice(0, 2));
    const total = Number(text.slice(2, 4));
    if (piece === 0) return { code: 'GS1_BAD_VALUE', message: `AI (${ctx.ai}) piece number must not be 00`, offset: 0 };
    if (total === 0) return { code: 'GS1_BAD_VALUE', message: `AI (${ctx.ai}) total pieces must not be 00`, offset: 2 };
    if (piece > total) return { code: 'GS1_BAD_VALUE', message: `AI (${ctx.ai}) piece ${piece} exceeds total ${total}`, offset: 0 };
    return undefined;
  },
  pcenc: (text, ctx) => {
    const m = /%(?![0-9A-Fa-f]{2})/.exec(text);
    return m ? { code: 'GS1_BAD_VALUE', message: `AI (${ctx.ai}) has an invalid percent sequence`, offset: m.index } : undefined;
  },
  latitude: (text, ctx) =>
    Number(text) > 1_800_000_000 ? { code: 'GS1_BAD_VALUE', message: `AI (${ctx.ai}) latitude is out of range`, offset: 0 } : undefined,
  longitude: (text, ctx) =>
    Number(text) > 3_600_000_000 ? { code: 'GS1_BAD_VALUE', message: `AI (${ctx.ai}) longitude is out of range`, offset: 0 } : undefined,
};

/** A GS1 key starts with a GS1 Company Prefix, so its first four characters (after any indicator) must be digits. */
function keyPrefix(text: string, skip: number, ctx: LintContext): LintFail | undefined {
  const gcp = text.slice(skip, skip + 4);
  if (gcp.length < 4) return { code: 'GS1_BAD_VALUE', message: `AI (${ctx.ai}) is too short to hold a GS1 Company Prefix`, offset: 0 };
  const bad = [...gcp].findIndex((c) => c < '0' || c > '9');
  if (bad >= 0) return { code: 'GS1_BAD_VALUE', message: `AI (${ctx.ai}) must start with a numeric GS1 Company Prefix`, offset: skip + bad };
  return undefined;
}

let primeCache: number[] = [];
function firstPrimes(n: number): number[] {
  let candidate = primeCache.length ? primeCache[primeCache.length - 1]! + 1 : 2;
  while (primeCache.length < n) {
    if (primeCache.every((p) => p * p > candidate || candidate % p !== 0)) primeCache = [...primeCache, candidate];
    candidate++;
  }
  return primeCache;
}

const noun = (c: AiComponent | undefined, n: number): string => `${n} ${c?.cset === 'N' ? (n === 1 ? 'digit' : 'digits') : n === 1 ? 'character' : 'characters'}`;

/** Validates one AI value against its dictionary entry; `pos` is where the value starts in the parsed input. */
export function validateValue(entry: AiEntry, value: string, pos: number, referenceDate: Date): { ok: true; element: Gs1Element } | ScanError {
  const ai = entry.ai;
  if (value.length === 0) return scanError('GS1_EMPTY_VALUE', `AI (${ai}) has no value`, pos);
  const allNumeric = entry.components.every((c) => c.cset === 'N');
  const unit = allNumeric ? 'digits' : 'characters';
  const fixed = fixedValueLength(entry);
  if (fixed !== undefined && value.length !== fixed) {
    return scanError(
      value.length < fixed ? 'GS1_VALUE_TOO_SHORT' : 'GS1_VALUE_TOO_LONG',
      `AI (${ai}) requires ${fixed} ${unit}, got ${value.length}`,
      pos + Math.min(value.length, fixed),
    );
  }
  if (value.length > entry.maxLength) {
    return scanError('GS1_VALUE_TOO_LONG', `AI (${ai}) value too long: ${value.length} > ${entry.maxLength} ${unit}`, pos + entry.maxLength);
  }
  if (value.length < entry.minLength) {
    return scanError('GS1_VALUE_TOO_SHORT', `AI (${ai}) value too short: ${value.length} < ${entry.minLength} ${unit}`, pos + value.length);
  }

  const ctx: LintContext = { ai, referenceDate, typed: { timeParts: [] } };
  let off = 0;
  for (const [index, c] of entry.components.entries()) {
    const remaining = value.length - off;
    if (remaining === 0 && c.optional) break;
    let take: number;
    if (c.min === c.max) {
      if (remaining < c.min) {
        const what = entry.components.length > 1 ? `component ${index + 1} of AI (${ai})` : `AI (${ai})`;
        return scanError('GS1_VALUE_TOO_SHORT', `${what} requires ${noun(c, c.min)}, got ${remaining}`, pos + value.length);
      }
      take = c.min;
    } else {
      take = Math.min(remaining, c.max);
    }
    const part = value.slice(off, off + take);
    const bad = firstInvalidChar(c.cset, part);
    if (bad >= 0) {
      const hint = c.cset === 'N' ? ': digits only' : c.cset === 'Y' ? ' (GS1 character set 39)' : '';
      return scanError('GS1_INVALID_CHARACTER', `invalid character ${showChar(part[bad]!)} in AI (${ai})${hint}`, pos + off + bad);
    }
    for (const name of c.linters) {
      const fail = LINTERS[name]?.(part, ctx);
      if (fail) return scanError(fail.code, fail.message, pos + off + fail.offset);
    }
    off += take;
  }
  if (off < value.length) {
    return scanError('GS1_VALUE_TOO_LONG', `AI (${ai}) value too long: ${value.length} > ${off} ${unit}`, pos + off);
  }

  const element: Gs1Element = { ai, title: entry.title, raw: value, value };
  if (ctx.typed.date) {
    element.date = ctx.typed.date;
    element.value = ctx.typed.date;
    if (ctx.typed.dayUnspecified) element.dayUnspecified = true;
  }
  // An hour alone (8008 without minutes) still reads as a clock time.
  if (ctx.typed.timeParts.length) element.time = (ctx.typed.timeParts.length === 1 ? [...ctx.typed.timeParts, '00'] : ctx.typed.timeParts).join(':');
  addNumbers(element);
  return { ok: true, element };
}

/** Units of the 31nn–36nn measures by their first three digits; the fourth digit is the decimal position. */
const MEASURE_UNITS: Record<string, string> = {
  '310': 'kg', '311': 'm', '312': 'm', '313': 'm', '314': 'm2', '315': 'l', '316': 'm3',
  '320': 'lb', '321': 'in', '322': 'ft', '323': 'yd', '324': 'in', '325': 'ft', '326': 'yd', '327': 'in', '328': 'ft', '329': 'yd',
  '330': 'kg', '331': 'm', '332': 'm', '333': 'm', '334': 'm2', '335': 'l', '336': 'm3', '337': 'kg/m2',
  '340': 'lb', '341': 'in', '342': 'ft', '343': 'yd', '344': 'in', '345': 'ft', '346': 'yd', '347': 'in', '348': 'ft', '349': 'yd',
  '350': 'in2', '351': 'ft2', '352': 'yd2', '353': 'in2', '354': 'ft2', '355': 'yd2', '356': 'ozt', '357': 'floz',
  '360': 'qt', '361': 'gal', '362': 'qt', '363': 'gal', '364': 'in3', '365': 'ft3', '366': 'yd3', '367': 'in3', '368': 'ft3', '369': 'yd3',
};

/** Grams per unit for the weight units (avoirdupois pound and troy ounce are exact by definition). */
const GRAMS_PER: Record<string, number> = { kg: 1000, lb: 453.59237, ozt: 31.1034768 };

/** Places the decimal point `decimals` digits from the right and drops leading zeros: ("001250", 3) → "1.250". */
export function toDecimal(digits: string, decimals: number): string {
  const padded = digits.padStart(decimals + 1, '0');
  const int = padded.slice(0, padded.length - decimals).replace(/^0+(?=\d)/, '');
  return decimals ? `${int}.${padded.slice(padded.length - decimals)}` : int;
}

function addNumbers(element: Gs1Element): void {
  const ai = element.ai;
  if (ai.length !== 4) return;
  const decimals = Number(ai[3]);
  const unit = MEASURE_UNITS[ai.slice(0, 3)];
  if (unit) {
    const decimal = toDecimal(element.raw, decimals);
    const measure: Measure = { decimal, unit, amount: Number(decimal) };
    const perUnit = GRAMS_PER[unit];
    if (perUnit !== undefined) {
      // Round away binary noise: kg with ≤3 decimals is a whole number of grams.
      const places = unit === 'kg' ? Math.max(0, decimals - 3) : 3;
      const f = 10 ** places;
      measure.grams = Math.round(Number(decimal) * perUnit * f) / f;
    }
    element.measure = measure;
    element.value = decimal;
    return;
  }
  const prefix = ai.slice(0, 3);
  if (prefix === '390' || prefix === '392' || prefix === '394' || prefix === '395') {
    element.value = toDecimal(element.raw, decimals);
  } else if (prefix === '391' || prefix === '393') {
    element.currency = element.raw.slice(0, 3);
    element.value = toDecimal(element.raw.slice(3), decimals);
  }
}

/** Runs one dictionary linter on a component's text; for tests against the reference linters' vectors. */
export function runLinter(name: string, text: string, ai: string, referenceDate: Date): { ok: true } | { ok: false; code: ScanErrorCode; message: string; offset: number } {
  const fail = LINTERS[name]?.(text, { ai, referenceDate, typed: { timeParts: [] } });
  return fail ? { ok: false, ...fail } : { ok: true };
}
