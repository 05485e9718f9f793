import { checkGtin } from '../gtin';
import { aiMatchesPattern, fixedValueLength, lookupAi, matchAiAt, unknownAiText } from './ai-table';
import { splitAim } from './aim';
import { showChar } from './charsets';
import { validateValue } from './gs1-value';
import { scanError, type Gs1Element, type Gs1Warning, type ParseOptions, type ParseResult, type ScanError } from './types';

/** ASCII group separator: how a scanner transmits FNC1 used as a separator. */
export const GS = '\x1d';

/** An element with the index of its AI in the parsed input, for positions in association errors. */
type Located = { element: Gs1Element; at: number };
type Parsed = { ok: true; items: Located[] } | ScanError;

/**
 * Parses scanner output carrying GS1 element strings: an optional AIM identifier (]C1, ]e0, ]d2, ]Q3, ]J1; ]E0/]E4
 * become AI (01)), then either GS-separated data ("0109506000134352" GS "10ABC") or the human-readable bracketed form
 * ("(01)09506000134352(10)ABC"). Never throws.
 */
export function parseElementString(input: string, opts: ParseOptions = {}): ParseResult {
  try {
    const parsed = parseLocated(input, opts);
    if (!parsed.ok) return parsed;
    return finish(parsed.items, opts);
  } catch (e) {
    return scanError('INTERNAL', `GS1 parser failed: ${e instanceof Error ? e.message : String(e)}`, 0);
  }
}

function parseLocated(input: string, opts: ParseOptions): Parsed {
  const ref = opts.referenceDate ?? new Date();
  if (input.length === 0) return scanError('GS1_EMPTY', 'no GS1 data', 0);
  const split = splitAim(input);
  if (!split) return parseBody(input, 0, ref);
  const { info, data } = split;
  if (info.aim === ']E0' || info.aim === ']E4') return parseEanUpc(info.aim, data, ref);
  if (!info.gs1) return scanError('GS1_NOT_GS1_SYMBOLOGY', `${info.aim} (${info.symbology}) does not carry GS1 element strings`, 0);
  if (data.length === 0) return scanError('GS1_EMPTY', `no GS1 data after ${info.aim}`, 3);
  return parseBody(data, 3, ref);
}

function parseBody(data: string, base: number, ref: Date): Parsed {
  return data.startsWith('(') ? parseBracketed(data, base, ref) : parseRaw(data, base, ref);
}

/** EAN/UPC primary data, optionally followed by a composite component "|]e0…" (scandata.c format). */
function parseEanUpc(aim: string, data: string, ref: Date): Parsed {
  const len = aim === ']E4' ? 8 : 13;
  const primary = data.slice(0, len);
  if (primary.length < len || !/^\d+$/.test(primary)) {
    return scanError('BAD_GTIN', `${aim} carries ${len} digits, got "${primary}"`, 3);
  }
  const gtin = checkGtin(primary);
  if (!gtin.ok) return scanError('BAD_GTIN_CHECK_DIGIT', gtin.message, 3 + len - 1);
  const first = validateValue(lookupAi('01')!, gtin.gtin14, 3, ref);
  if (!first.ok) return first;
  const items: Located[] = [{ element: first.element, at: 3 }];
  const rest = data.slice(len);
  if (rest === '') return { ok: true, items };
  if (!rest.startsWith('|]e0')) return scanError('GS1_VALUE_TOO_LONG', `${aim} primary data is longer than ${len} digits`, 3 + len);
  const cc = parseRaw(rest.slice(4), 3 + len + 4, ref);
  return cc.ok ? { ok: true, items: [...items, ...cc.items] } : cc;
}

function parseRaw(data: string, base: number, ref: Date): Parsed {
  const items: Located[] = [];
  let pos = 0;
  while (pos < data.length) {
    // FNC1 in first position, a doubled separator or a trailing one carry no data; tolerate them.
    if (data[pos] === GS) {
      pos++;
      continue;
    }
    const entry = matchAiAt(data, pos);
    if (!entry) {
      if (!/^\d\d/.test(data.slice(pos))) {
        const found = data[pos]!;
        return /\d/.test(found) && pos + 1 === data.length
          ? scanError('GS1_SYNTAX', `incomplete AI "${found}" at the end of the data`, base + pos)
          : scanError('GS1_SYNTAX', `expected an AI but found ${showChar(found)}`, base + pos);
      }
      return scanError('GS1_UNKNOWN_AI', `unknown AI (${unknownAiText(data, pos)})`, base + pos);
    }
    const valueStart = pos + entry.ai.length;
    let valueEnd = data.indexOf(GS, valueStart);
    if (valueEnd === -1) valueEnd = data.length;
    const fixed = entry.fnc1 ? undefined : fixedValueLength(entry);
    // A predefined-length AI runs straight into the next AI, without a separator.
    if (fixed !== undefined) valueEnd = Math.min(valueEnd, valueStart + fixed);
    const r = validateValue(entry, data.slice(valueStart, valueEnd), base + valueStart, ref);
    if (!r.ok) return r;
    items.push({ element: r.element, at: base + pos });
    pos = valueEnd;
  }
  if (items.length === 0) return scanError('GS1_EMPTY', 'no GS1 element strings in the data', base);
  return { ok: true, items };
}

function parseBracketed(data: string, base: number, ref: Date): Parsed {
  const items: Located[] = [];
  let pos = 0;
  while (pos < data.length) {
    if (data[pos] !== '(') return scanError('GS1_SYNTAX', `expected "(" to start an AI, found ${showChar(data[pos]!)}`, base + pos);
    const close = data.indexOf(')', pos);
    if (close === -1) return scanError('GS1_SYNTAX', 'AI is not closed with ")"', base + pos);
    const aiText = data.slice(pos + 1, close);
    if (!/^\d{2,4}$/.test(aiText)) return scanError('GS1_SYNTAX', `"(${aiText})" is not an AI: 2 to 4 digits expected`, base + pos);
    const entry = lookupAi(aiText);
    if (!entry) return scanError('GS1_UNKNOWN_AI', `unknown AI (${aiText})`, base + pos);
    // The value runs to the next unescaped "("; "\(" stands for a literal bracket in the data.
    let value = '';
    let i = close + 1;
    while (i < data.length && data[i] !== '(') {
      if (data[i] === '\\' && data[i + 1] === '(') i++;
      value += data[i];
      i++;
    }
    const r = validateValue(entry, value, base + close + 1, ref);
    if (!r.ok) return r;
    items.push({ element: r.element, at: base + pos });
    pos = i;
  }
  if (items.length === 0) return scanError('GS1_EMPTY', 'no GS1 element strings in the data', base);
  return { ok: true, items };
}

const listAis = (groups: readonly (readonly string[])[]): string => {
  const names = groups.map((g) => g.map((ai) => `(${ai})`).join('+'));
  return names.length === 1 ? names[0]! : `one of ${names.join(', ')}`;
};

/** Duplicate, exclusive and mandatory AI pairings from the dictionary's req/ex attributes. */
function finish(items: Located[], opts: ParseOptions): ParseResult {
  const elements = items.map((i) => i.element);
  const warnings: Gs1Warning[] = [];
  const mode = opts.associations ?? 'warn';
  if (mode === 'off') return { ok: true, elements, warnings };

  const firstByAi = new Map<string, Located>();
  for (const item of items) {
    const seen = firstByAi.get(item.element.ai);
    if (!seen) firstByAi.set(item.element.ai, item);
    else if (seen.element.raw !== item.element.raw) {
      return scanError(
        'GS1_DUPLICATE_AI',
        `AI (${item.element.ai}) appears twice with different values: "${seen.element.raw}" and "${item.element.raw}"`,
        item.at,
      );
    }
  }
  const ais = [...firstByAi.keys()];
  for (const item of items) {
    const entry = lookupAi(item.element.ai)!;
    for (const pattern of entry.ex) {
      // An AI is not exclusive of itself even when it matches its own pattern (ex=310n on 3103).
      const other = ais.find((ai) => ai !== entry.ai && aiMatchesPattern(ai, pattern));
      if (other) {
        const later = Math.max(item.at, firstByAi.get(other)!.at);
        return scanError('GS1_EXCLUSIVE_AIS', `AIs (${entry.ai}) and (${other}) must not appear together`, later);
      }
    }
  }
  for (const item of items) {
    const entry = lookupAi(item.element.ai)!;
    for (const groups of entry.req) {
      const satisfied = groups.some((group) => group.every((pattern) => ais.some((ai) => ai !== entry.ai && aiMatchesPattern(ai, pattern))));
      if (satisfied) continue;
      const message = `AI (${entry.ai}) requires ${listAis(groups)}`;
      if (mode === 'strict') return scanError('GS1_MISSING_REQUIRED_AI', message, item.at);
      if (!warnings.some((w) => w.message === message)) warnings.push({ code: 'GS1_MISSING_REQUIRED_AI', message });
    }
  }
  return { ok: true, elements, warnings };
}

/** Element string with GS where FNC1 is needed, as a GS1-128 or DataMatrix would carry it (without the leading FNC1). */
export function toElementString(elements: readonly Gs1Element[]): string {
  return elements
    .map((e, i) => {
      const needsGs = (lookupAi(e.ai)?.fnc1 ?? true) && i < elements.length - 1;
      return `${e.ai}${e.raw}${needsGs ? GS : ''}`;
    })
    .join('');
}

/** Human-readable interpretation, "(01)…(10)…", escaping brackets inside values. */
export function toBracketed(elements: readonly Gs1Element[]): string {
  return elements.map((e) => `(${e.ai})${e.raw.replaceAll('(', '\\(')}`).join('');
}
