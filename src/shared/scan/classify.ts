import { checkGtin, type GtinKind } from '../gtin';
import { describeAim, splitAim, type AimInfo, type Symbology } from './aim';
import { parseDigitalLink, type DigitalLinkOptions } from './digital-link';
import { GS, parseElementString } from './element-string';
import type { Gs1Element, Gs1Warning, ScanErrorCode } from './types';

export type InternalType = 'sku' | 'bin' | 'document';

export interface InternalPrefix {
  /** Matched case-insensitively at the start of the scan, e.g. "BIN:" or "SO-". */
  prefix: string;
  type: Exclude<InternalType, 'sku'> | 'sku';
  /** For documents: what the prefix stands for, e.g. 'sales-order'. */
  documentType?: string;
}

export const DEFAULT_INTERNAL_PREFIXES: readonly InternalPrefix[] = [
  { prefix: 'BIN:', type: 'bin' },
  { prefix: 'LOC-', type: 'bin' },
  { prefix: 'SO-', type: 'document', documentType: 'sales-order' },
  { prefix: 'PO-', type: 'document', documentType: 'purchase-order' },
  { prefix: 'RMA-', type: 'document', documentType: 'return' },
  { prefix: 'TOTE-', type: 'document', documentType: 'tote' },
];

export interface ClassifyOptions extends DigitalLinkOptions {
  /** AIM identifier delivered beside the data (HID POS reports carry it separately). */
  aim?: string;
  internalPrefixes?: readonly InternalPrefix[];
}

/** The facts a workflow usually wants from GS1 data, lifted out of the element list. */
export interface Gs1Summary {
  gtin?: string;
  contentGtin?: string;
  sscc?: string;
  lot?: string;
  serial?: string;
  /** ISO dates; YYMM00 already resolved to the month's last day. */
  expiry?: string;
  bestBefore?: string;
  sellBy?: string;
  productionDate?: string;
  packDate?: string;
  /** Net weight from 310n (kg) or 320n (lb), in grams and kilograms. */
  netWeightGrams?: number;
  weightKg?: number;
  count?: number;
  variableCount?: number;
}

interface Common {
  raw: string;
  aim?: string;
  symbology: Symbology;
}

export type ScanClass =
  | (Common & Gs1Summary & { kind: 'gs1'; elements: Gs1Element[]; warnings: Gs1Warning[] })
  | (Common & Gs1Summary & { kind: 'digital-link'; elements: Gs1Element[]; base: string; primaryKey: string })
  | (Common & { kind: 'gtin'; gtin14: string; gtinKind: GtinKind; code: string })
  | (Common & { kind: 'internal'; type: InternalType; code: string; prefix: string; text: string; documentType?: string })
  | (Common & { kind: 'unknown'; code: ScanErrorCode; message: string })
  | (Common & { kind: 'error'; code: ScanErrorCode; message: string; position: number });

export type ScanKind = ScanClass['kind'];

/** Symbologies that carry retail GTINs without AIs; elsewhere a short number may just be an internal code. */
const RETAIL: ReadonlySet<Symbology> = new Set<Symbology>(['ean-13', 'ean-8', 'ean-upc', 'itf', 'unknown']);
/** Printable ASCII without spaces: the shape of a SKU or other internal code worth looking up. */
const CODE_RE = /^[\x21-\x7e]{1,64}$/;
const URL_RE = /^https?:\/\//i;
const BRACKETED_RE = /^\(\d{2,4}\)/;
/** Wedge scanners often drop both the AIM id and the leading FNC1; a long string starting with a common AI may be GS1. */
const BARE_GS1_RE = /^(0[0-3]|1[0-7])\d{14}/;

export function summarize(elements: readonly Gs1Element[]): Gs1Summary {
  const s: Gs1Summary = {};
  for (const e of elements) {
    switch (e.ai) {
      case '00': s.sscc = e.raw; break;
      case '01': s.gtin = e.raw; break;
      case '02': s.contentGtin = e.raw; break;
      case '10': s.lot = e.raw; break;
      case '11': s.productionDate = e.date; break;
      case '13': s.packDate = e.date; break;
      case '15': s.bestBefore = e.date; break;
      case '16': s.sellBy = e.date; break;
      case '17': s.expiry = e.date; break;
      case '21': s.serial = e.raw; break;
      case '30': s.variableCount = Number(e.raw); break;
      case '37': s.count = Number(e.raw); break;
      default:
        if (/^3[12]0\d$/.test(e.ai) && e.measure?.grams !== undefined) {
          s.netWeightGrams = e.measure.grams;
          s.weightKg = e.measure.unit === 'kg' ? e.measure.amount : e.measure.grams / 1000;
        }
    }
  }
  // Drop keys whose value is undefined (e.g. a date AI without a parsed date) so results compare cleanly.
  for (const k of Object.keys(s) as (keyof Gs1Summary)[]) if (s[k] === undefined) delete s[k];
  return s;
}

/**
 * Decides what a scan is, before any workflow sees it: GS1 element strings, a Digital Link, a bare GTIN, an internal
 * bin/document/SKU code, or nothing usable. Never throws, whatever the input.
 */
export function classifyScan(raw: string, opts: ClassifyOptions = {}): ScanClass {
  try {
    return classify(raw, opts);
  } catch (e) {
    return {
      kind: 'error',
      raw,
      symbology: 'unknown',
      code: 'INTERNAL',
      message: `scan classification failed: ${e instanceof Error ? e.message : String(e)}`,
      position: 0,
    };
  }
}

function classify(raw: string, opts: ClassifyOptions): ScanClass {
  // Terminators (Enter/Tab) and NUL padding from HID reports are not data.
  const text = String(raw).replace(/^[\r\n\t\0]+|[\r\n\t\0]+$/g, '');
  let info: AimInfo | undefined;
  let data = text;
  let shift = 0;
  if (opts.aim) info = describeAim(opts.aim);
  else {
    const split = splitAim(text);
    if (split) {
      info = split.info;
      data = split.data;
      shift = 3;
    }
  }
  const common: Common = { raw, symbology: info?.symbology ?? 'unknown' };
  if (info) common.aim = info.aim;
  const fail = (code: ScanErrorCode, message: string, position: number): ScanClass => ({ ...common, kind: 'error', code, message, position });

  if (data.length === 0) return fail('EMPTY_SCAN', info ? `nothing after ${info.aim}` : 'empty scan', 0);

  // Positions are reported in the caller's string: with an inline AIM the parser's offsets already match.
  const gs1 = (input: string, offsetFix: number): ScanClass => {
    const r = parseElementString(input, opts);
    if (!r.ok) return fail(r.code, r.message, Math.max(0, r.position + offsetFix));
    const only = r.elements.length === 1 ? r.elements[0] : undefined;
    if (info && (info.aim === ']E0' || info.aim === ']E4') && only) {
      const g = checkGtin(only.raw);
      if (g.ok) return { ...common, kind: 'gtin', gtin14: g.gtin14, gtinKind: info.aim === ']E4' ? 'gtin8' : data.startsWith('0') ? 'gtin12' : 'gtin13', code: data };
    }
    return { ...common, ...summarize(r.elements), kind: 'gs1', elements: r.elements, warnings: r.warnings };
  };

  if (info && (info.gs1 || info.aim === ']E0' || info.aim === ']E4')) {
    return gs1(info.aim + data, shift - 3);
  }

  if (URL_RE.test(data)) {
    // GS1 allows only all-lower or all-upper schemes; "HtTps://" is some other text, not a Digital Link.
    if (!/^(https?|HTTPS?):/.test(data)) return { ...common, kind: 'unknown', code: 'UNRECOGNISED', message: 'a web address with a mixed-case scheme is not a GS1 Digital Link' };
    const dl = parseDigitalLink(data, opts);
    if (dl.ok) {
      return { ...common, ...summarize(dl.elements), kind: 'digital-link', elements: dl.elements, base: dl.base, primaryKey: dl.primaryKey };
    }
    if (dl.code === 'DL_NO_PRIMARY_KEY') return { ...common, kind: 'unknown', code: 'UNRECOGNISED', message: `a web address that is not a GS1 Digital Link: ${dl.message}` };
    return fail(dl.code, dl.message, dl.position + shift);
  }

  for (const p of opts.internalPrefixes ?? DEFAULT_INTERNAL_PREFIXES) {
    if (p.prefix && data.length > p.prefix.length && data.slice(0, p.prefix.length).toUpperCase() === p.prefix.toUpperCase()) {
      const hit: ScanClass = { ...common, kind: 'internal', type: p.type, code: data.slice(p.prefix.length), prefix: data.slice(0, p.prefix.length), text: data };
      if (p.documentType) hit.documentType = p.documentType;
      return hit;
    }
  }

  if (data.includes(GS) || BRACKETED_RE.test(data)) return gs1(data, shift);

  if (/^\d+$/.test(data)) {
    if (data.length === 8 || data.length === 12 || data.length === 13 || data.length === 14) {
      const g = checkGtin(data);
      if (g.ok) return { ...common, kind: 'gtin', gtin14: g.gtin14, gtinKind: g.kind, code: data };
      if (RETAIL.has(common.symbology)) return fail('BAD_GTIN_CHECK_DIGIT', g.message, shift + data.length - 1);
    }
  }
  if (BARE_GS1_RE.test(data)) {
    const r = parseElementString(data, opts);
    if (r.ok) return { ...common, ...summarize(r.elements), kind: 'gs1', elements: r.elements, warnings: r.warnings };
  }

  if (CODE_RE.test(data)) return { ...common, kind: 'internal', type: 'sku', code: data, prefix: '', text: data };
  return { ...common, kind: 'unknown', code: 'UNRECOGNISED', message: 'not a GS1 code, GTIN or internal code' };
}
