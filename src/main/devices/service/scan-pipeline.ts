import type { ScanResult, ScanSource } from '../../../shared/api/devices';
import { classifyScan, type Gs1Element, type InternalPrefix, type ScanClass } from '../../../shared/scan';
import { lookupItem } from '../../catalog/items';
import type { LedgerEnv } from '../../ledger/env';
import { lookupLocation } from '../../locations/locations';

export interface ScanInput {
  raw: string;
  source: ScanSource;
  aim?: string | undefined;
}

/** Longer than any barcode we read (a full GS1 DataMatrix holds ~2300 characters); past it, it is not a scan. */
const MAX_SCAN_LENGTH = 4096;

/** Control characters as their Unicode control pictures (GS → ␝), so a scan can be shown and logged as text. */
export const printableScan = (raw: string): string =>
  raw.replace(/[\x00-\x1f\x7f]/g, (c) => (c === '\x7f' ? '\u2421' : String.fromCharCode(0x2400 + c.charCodeAt(0))));

const sentence = (s: string): string => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

type Resolved = Omit<ScanResult, 'id' | 'at' | 'raw' | 'source'>;

const DOCUMENT_TITLES: Record<string, string> = {
  'sales-order': 'Sales order',
  'purchase-order': 'Purchase order',
  return: 'Return',
  tote: 'Tote',
};

/**
 * The scan pipeline: classify (GS1, GTIN, internal codes), then resolve against the catalog and the bins. Reads only;
 * what a scan *does* is the workflow's business. Never throws: anything unexpected becomes a result of kind 'error'.
 */
export function runScan(env: LedgerEnv, input: ScanInput, prefixes: readonly InternalPrefix[], meta: { id: string; at: Date }): ScanResult {
  const base = { id: meta.id, at: meta.at.toISOString(), raw: printableScan(String(input.raw).slice(0, MAX_SCAN_LENGTH)), source: input.source };
  try {
    if (input.raw.length > MAX_SCAN_LENGTH) {
      return { ...base, kind: 'error', elements: [], errorCode: 'UNRECOGNISED', message: `Too long for a barcode (${input.raw.length} characters)` };
    }
    const cls = classifyScan(input.raw, { internalPrefixes: prefixes, referenceDate: meta.at, ...(input.aim ? { aim: input.aim } : {}) });
    const r = resolve(env, cls, meta.at);
    const out: ScanResult = { ...base, ...r };
    if (cls.symbology !== 'unknown') out.symbology = cls.symbology;
    if (cls.aim) out.aim = cls.aim;
    return out;
  } catch (e) {
    return { ...base, kind: 'error', elements: [], errorCode: 'INTERNAL', message: `The scan could not be processed: ${e instanceof Error ? e.message : String(e)}` };
  }
}

function resolve(env: LedgerEnv, cls: ScanClass, now: Date): Resolved {
  switch (cls.kind) {
    case 'error':
      return { kind: 'error', elements: [], errorCode: cls.code, message: sentence(cls.message) };
    case 'unknown':
      return { kind: 'unknown', elements: [], errorCode: cls.code, message: sentence(cls.message) };
    case 'gtin': {
      const item = findItem(env, cls.gtin14);
      return {
        kind: 'gtin',
        elements: [{ ai: '01', title: 'GTIN', value: cls.gtin14 }],
        gtin: cls.gtin14,
        ...(item && { item }),
        message: item ? `GTIN ${cls.gtin14} → ${item.sku} ${item.name}` : `GTIN ${cls.gtin14} is not in the catalog`,
      };
    }
    case 'gs1':
    case 'digital-link':
      return resolveGs1(env, cls, now);
    case 'internal':
      return resolveInternal(env, cls);
  }
}

function findItem(env: LedgerEnv, code: string): { id: number; sku: string; name: string } | undefined {
  const r = lookupItem(env, code);
  return r.item ? { id: r.item.id, sku: r.item.sku, name: r.item.name } : undefined;
}

function findLocation(env: LedgerEnv, code: string): { id: number; path: string } | undefined {
  const l = lookupLocation(env, env.locs, code);
  return l ? { id: l.id, path: l.path } : undefined;
}

function resolveGs1(env: LedgerEnv, cls: Extract<ScanClass, { kind: 'gs1' | 'digital-link' }>, now: Date): Resolved {
  const elements = cls.elements.map((e: Gs1Element) => ({ ai: e.ai, title: e.title, value: e.value }));
  const gtin = cls.gtin ?? cls.contentGtin;
  const item = gtin ? findItem(env, gtin) : undefined;
  const r: Resolved = { kind: cls.kind, elements, message: '' };
  if (gtin) r.gtin = gtin;
  if (item) r.item = item;
  if (cls.sscc) r.sscc = cls.sscc;
  if (cls.lot) r.lot = cls.lot;
  if (cls.expiry) r.expiry = cls.expiry;
  if (cls.serial) r.serial = cls.serial;
  const quantity = cls.count ?? cls.variableCount;
  if (quantity !== undefined) r.quantity = quantity;
  const weightElement = cls.elements.find((e) => /^3[12]0\d$/.test(e.ai) && e.measure?.grams !== undefined);
  if (weightElement?.measure?.grams !== undefined) {
    r.weight = { grams: weightElement.measure.grams, value: weightElement.measure.decimal, unit: weightElement.measure.unit };
  }

  const parts: string[] = [];
  if (gtin) parts.push(item ? `GTIN ${gtin} → ${item.sku} ${item.name}` : `GTIN ${gtin} is not in the catalog`);
  else if (cls.sscc) parts.push(`SSCC ${cls.sscc}`);
  else parts.push(`GS1 ${elements.map((e) => `(${e.ai}) ${e.value}`).join(' ')}`);
  if (gtin && cls.sscc) parts.push(`SSCC ${cls.sscc}`);
  if (cls.lot) parts.push(`lot ${cls.lot}`);
  if (cls.expiry) parts.push(`${cls.expiry < now.toISOString().slice(0, 10) ? 'expired' : 'expires'} ${cls.expiry}`);
  if (cls.bestBefore) parts.push(`best before ${cls.bestBefore}`);
  if (cls.serial) parts.push(`serial ${cls.serial}`);
  if (quantity !== undefined) parts.push(`quantity ${quantity}`);
  if (r.weight) parts.push(`net weight ${r.weight.value} ${r.weight.unit}`);
  r.message = parts.join(', ');
  return r;
}

function resolveInternal(env: LedgerEnv, cls: Extract<ScanClass, { kind: 'internal' }>): Resolved {
  switch (cls.type) {
    case 'document': {
      const type = cls.documentType ?? 'document';
      return {
        kind: 'document',
        elements: [],
        document: { type, prefix: cls.prefix, number: cls.code },
        message: `${DOCUMENT_TITLES[type] ?? sentence(type)} ${cls.text}`,
      };
    }
    case 'bin': {
      // Bin labels may carry the prefix in the stored barcode or not; try the code, then the whole text.
      const location = findLocation(env, cls.code) ?? findLocation(env, cls.text);
      return location
        ? { kind: 'bin', elements: [], location, message: `Bin ${location.path}` }
        : { kind: 'bin', elements: [], errorCode: 'UNKNOWN_LOCATION', message: `No bin has the code ${cls.code}` };
    }
    case 'sku': {
      const item = findItem(env, cls.code);
      if (item) return { kind: 'sku', elements: [], item, message: `${item.sku} ${item.name}` };
      // Our own bin labels print the bare bin code in Code 128, without a prefix.
      const location = findLocation(env, cls.code);
      if (location) return { kind: 'bin', elements: [], location, message: `Bin ${location.path}` };
      return { kind: 'unknown', elements: [], errorCode: 'UNRECOGNISED', message: `No item, bin or document matches ${cls.code}` };
    }
  }
}
