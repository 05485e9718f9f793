import { checkGtin } from '../gtin';
import { lookupAi, type AiEntry } from './ai-table';
import { validateValue } from './gs1-value';
import { scanError, type Gs1Element, type ParseOptions, type ScanError } from './types';

export interface DigitalLinkOptions extends ParseOptions {
  /**
   * Accept a GTIN-8/12/13 in the (01) path segment and pad it to 14 digits. Off by default, as in the GS1 Syntax
   * Engine: the Digital Link standard requires 14 digits.
   */
  permitZeroSuppressedGtin?: boolean;
}

export type DigitalLinkResult =
  | {
      ok: true;
      elements: Gs1Element[];
      /** scheme://authority plus any path before the primary key ("stem"). */
      base: string;
      primaryKey: string;
    }
  | ScanError;

/** The scheme is case-insensitive in RFC 3986, but GS1 accepts only all-lower or all-upper forms. */
const SCHEME_RE = /^(https?|HTTPS?):\/\//;
/** We check the authority's characters only, to avoid ossifying on IPv4/IPv6/port forms (as the Syntax Engine does). */
const AUTHORITY_RE = /^[A-Za-z0-9.\-:[\]]+$/;
const hex = (c: string | undefined): boolean => c !== undefined && /[0-9A-Fa-f]/.test(c);

/**
 * Percent-decodes a URI component. Malformed "%" sequences are kept literally; "+" is a space only in the query.
 * Returns undefined when a NUL would appear, which no AI value may hold.
 */
export function uriUnescape(text: string, isQuery: boolean): string | undefined {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '%' && hex(text[i + 1]) && hex(text[i + 2])) {
      const code = parseInt(text.slice(i + 1, i + 3), 16);
      if (code === 0) return undefined;
      out += String.fromCharCode(code);
      i += 2;
    } else out += isQuery && c === '+' ? ' ' : c;
  }
  return out;
}

type Pair = { entry: AiEntry; raw: string; at: number };

/**
 * Parses a GS1 Digital Link URI into AI elements, e.g. https://id.gs1.org/01/09506000134352/10/ABC?17=250101.
 * The primary key is the rightmost key AI in the path whose following segments are its qualifiers; anything before
 * it is the resolver's stem. Never throws.
 */
export function parseDigitalLink(uri: string, opts: DigitalLinkOptions = {}): DigitalLinkResult {
  try {
    return parse(uri, opts);
  } catch (e) {
    return scanError('INTERNAL', `Digital Link parser failed: ${e instanceof Error ? e.message : String(e)}`, 0);
  }
}

function parse(uri: string, opts: DigitalLinkOptions): DigitalLinkResult {
  const ref = opts.referenceDate ?? new Date();
  const scheme = SCHEME_RE.exec(uri);
  if (!scheme) return scanError('DL_BAD_URI', 'a GS1 Digital Link starts with http:// or https://', 0);
  const hashAt = uri.indexOf('#');
  const noFragment = hashAt === -1 ? uri : uri.slice(0, hashAt);
  const queryAt = noFragment.indexOf('?');
  const beforeQuery = queryAt === -1 ? noFragment : noFragment.slice(0, queryAt);
  const query = queryAt === -1 ? '' : noFragment.slice(queryAt + 1);

  const authStart = scheme[0].length;
  const pathAt = beforeQuery.indexOf('/', authStart);
  const authority = beforeQuery.slice(authStart, pathAt === -1 ? undefined : pathAt);
  if (!authority) return scanError('DL_BAD_URI', 'the URI has no domain', authStart);
  if (!AUTHORITY_RE.test(authority)) return scanError('DL_BAD_URI', `the domain "${authority}" has an invalid character`, authStart);
  if (pathAt === -1) return scanError('DL_NO_PRIMARY_KEY', 'the URI has no path, so no GS1 primary key', beforeQuery.length);
  const path = beforeQuery.slice(pathAt);
  if (path.endsWith('/')) return scanError('DL_BAD_URI', 'the path must not end with "/"', beforeQuery.length - 1);

  // Segment start offsets, to report positions in the URI.
  const segments: { text: string; at: number }[] = [];
  let at = pathAt + 1;
  for (const text of path.slice(1).split('/')) {
    segments.push({ text, at });
    at += text.length + 1;
  }

  // Walk back over /AI/value pairs until the first primary key.
  const pathPairs: Pair[] = [];
  let keyIndex = -1;
  for (let i = segments.length - 2; i >= 0; i -= 2) {
    const entry = /^\d{2,4}$/.test(segments[i]!.text) ? lookupAi(segments[i]!.text) : undefined;
    if (!entry) break;
    const value = uriUnescape(segments[i + 1]!.text, false);
    if (value === undefined) return scanError('DL_BAD_URI', `the value of AI (${entry.ai}) contains %00`, segments[i + 1]!.at);
    pathPairs.unshift({ entry, raw: value, at: segments[i + 1]!.at });
    if (entry.dlKeyQualifiers) {
      keyIndex = i;
      break;
    }
  }
  if (keyIndex === -1) return scanError('DL_NO_PRIMARY_KEY', 'no GS1 primary key (such as /01/ or /00/) in the path', pathAt);

  const key = pathPairs[0]!;
  const qualifiers = pathPairs.slice(1).map((p) => p.entry.ai);
  const alternatives = key.entry.dlKeyQualifiers!.filter((alt) => isOrderedSubset(qualifiers, alt));
  if (alternatives.length === 0) {
    const allowed = key.entry.dlKeyQualifiers!.filter((a) => a.length).map((a) => a.join('/'));
    const what = allowed.length ? `allows only ${allowed.join(' or ')}, in that order` : 'takes no qualifiers';
    return scanError('DL_BAD_QUALIFIER', `AI (${key.entry.ai}) ${what}; got ${qualifiers.join('/')}`, pathPairs[1]!.at);
  }

  if (key.entry.ai === '01' && opts.permitZeroSuppressedGtin && /^\d{8}$|^\d{12,13}$/.test(key.raw)) {
    const g = checkGtin(key.raw);
    if (g.ok) key.raw = g.gtin14;
  }

  // Query: numeric keys must be known AIs allowed as data attributes; other parameters belong to the resolver.
  const qualifierAis = new Set(alternatives.flat());
  const queryPairs: Pair[] = [];
  let qAt = queryAt + 1;
  for (const param of query.split('&')) {
    const paramAt = qAt;
    qAt += param.length + 1;
    if (!param) continue;
    const eq = param.indexOf('=');
    const name = eq === -1 ? param : param.slice(0, eq);
    if (!/^\d+$/.test(name)) continue;
    const entry = lookupAi(name);
    if (!entry) return scanError('GS1_UNKNOWN_AI', `unknown AI (${name}) in the query`, paramAt);
    if (qualifierAis.has(entry.ai)) {
      return scanError('DL_BAD_ATTRIBUTE', `AI (${entry.ai}) belongs in the path after (${key.entry.ai}), not in the query`, paramAt);
    }
    if (!entry.dlAttr) return scanError('DL_BAD_ATTRIBUTE', `AI (${entry.ai}) is not allowed as a Digital Link data attribute`, paramAt);
    const value = uriUnescape(eq === -1 ? '' : param.slice(eq + 1), true);
    if (value === undefined) return scanError('DL_BAD_URI', `the value of AI (${entry.ai}) contains %00`, paramAt);
    queryPairs.push({ entry, raw: value, at: paramAt + name.length + 1 });
  }

  const elements: Gs1Element[] = [];
  const seen = new Set<string>();
  for (const pair of [...pathPairs, ...queryPairs]) {
    if (seen.has(pair.entry.ai)) return scanError('GS1_DUPLICATE_AI', `AI (${pair.entry.ai}) appears more than once`, pair.at);
    seen.add(pair.entry.ai);
    const r = validateValue(pair.entry, pair.raw, pair.at, ref);
    if (!r.ok) return r;
    elements.push(r.element);
  }
  return {
    ok: true,
    elements,
    base: uri.slice(0, segments[keyIndex]!.at - 1),
    primaryKey: key.entry.ai,
  };
}

/** True when `items` appear in `sequence` in the same relative order (the qualifiers are each optional). */
function isOrderedSubset(items: readonly string[], sequence: readonly string[]): boolean {
  let j = 0;
  for (const item of items) {
    while (j < sequence.length && sequence[j] !== item) j++;
    if (j === sequence.length) return false;
    j++;
  }
  return true;
}
