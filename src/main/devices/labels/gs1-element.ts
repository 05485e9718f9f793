import { checkGtin, gs1CheckDigit } from '../../../shared/gtin';
import { labelFail } from './label-error';

/** The AIs our labels print. 00/01/17 have a predefined length; 10/21 are variable and need FNC1 unless last. */
export type Gs1Ai = '00' | '01' | '10' | '17' | '21';

export interface Gs1Element {
  ai: Gs1Ai;
  value: string;
}

const FIXED_LENGTH: Record<Gs1Ai, boolean> = { '00': true, '01': true, '17': true, '10': false, '21': false };
const AI_TITLE: Record<Gs1Ai, string> = { '00': 'SSCC', '01': 'GTIN', '10': 'Batch/lot', '17': 'Expiry date', '21': 'Serial number' };

/** GS1 "CSET 82": the only characters allowed in AI 10/21 (GS1 General Specifications, figure 7.11-1). */
const CSET82 = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]*$/;

export function isFixedLength(ai: Gs1Ai): boolean {
  return FIXED_LENGTH[ai];
}

export function validateSscc(sscc: string, field = 'sscc'): string {
  if (!/^\d+$/.test(sscc)) labelFail('BAD_SSCC', field, `An SSCC has digits only; "${sscc}" does not`);
  if (sscc.length !== 18) labelFail('BAD_SSCC', field, `An SSCC has exactly 18 digits; "${sscc}" has ${sscc.length}`);
  const expected = gs1CheckDigit(sscc.slice(0, 17));
  if (String(expected) !== sscc[17]) labelFail('BAD_SSCC', field, `Check digit of SSCC ${sscc} should be ${expected}, not ${sscc[17]}`);
  return sscc;
}

/**
 * Builds an SSCC from its parts: extension digit + GS1 company prefix + serial reference (zero-padded to
 * fill 17 digits) + computed check digit.
 */
export function makeSscc(parts: { extensionDigit: number; companyPrefix: string; serialReference: string | number }): string {
  const { extensionDigit, companyPrefix } = parts;
  const serial = String(parts.serialReference);
  if (!Number.isInteger(extensionDigit) || extensionDigit < 0 || extensionDigit > 9) labelFail('BAD_SSCC', 'extensionDigit', 'The SSCC extension digit is one digit 0–9');
  if (!/^\d{6,12}$/.test(companyPrefix)) labelFail('BAD_SSCC', 'companyPrefix', 'A GS1 company prefix has 6 to 12 digits');
  const room = 16 - companyPrefix.length;
  if (!/^\d+$/.test(serial) || serial.length > room) {
    labelFail('BAD_SSCC', 'serialReference', `With a ${companyPrefix.length}-digit company prefix the serial reference has at most ${room} digits`);
  }
  const body = `${extensionDigit}${companyPrefix}${serial.padStart(room, '0')}`;
  return body + String(gs1CheckDigit(body));
}

export function validateGtin(code: string, field = 'gtin'): string {
  const r = checkGtin(code);
  if (!r.ok) return labelFail('BAD_GTIN', field, r.message);
  return code;
}

function daysInMonth(yy: number, mm: number): number {
  // GS1 YY is a sliding window around the current century; leap years coincide for 2000–2099 and 1900s except 1900.
  return new Date(Date.UTC(2000 + yy, mm, 0)).getUTCDate();
}

/** Accepts a YYMMDD string or a `Date`/ISO `YYYY-MM-DD`, returns YYMMDD (DD `00` = end of month, per GS1). */
export function toGs1Date(input: string, field = 'expiry'): string {
  let v = input;
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(input);
  if (iso) v = `${iso[1]!.slice(2)}${iso[2]}${iso[3]}`;
  if (!/^\d{6}$/.test(v)) return labelFail('BAD_DATE', field, `A GS1 date is YYMMDD or YYYY-MM-DD; "${input}" is neither`);
  const yy = Number(v.slice(0, 2));
  const mm = Number(v.slice(2, 4));
  const dd = Number(v.slice(4, 6));
  if (mm < 1 || mm > 12) labelFail('BAD_DATE', field, `Month ${v.slice(2, 4)} in "${input}" does not exist`);
  if (dd > daysInMonth(yy, mm)) labelFail('BAD_DATE', field, `Day ${v.slice(4, 6)} in "${input}" does not exist`);
  return v;
}

function validateText20(value: string, ai: '10' | '21', field: string): string {
  const rule = ai === '10' ? 'BAD_LOT' : 'BAD_SERIAL';
  const what = AI_TITLE[ai];
  if (value.length < 1) labelFail(rule, field, `${what} is empty`);
  if (value.length > 20) labelFail(rule, field, `${what} "${value}" has ${value.length} characters; GS1 allows at most 20`);
  if (!CSET82.test(value)) labelFail(rule, field, `${what} "${value}" has characters GS1 does not allow (letters, digits and !"%&'*+,-./:;<=>?_ only)`);
  // Parentheses are legal GS1 data, but ZPL ^BC mode D and the human-readable form both use them to mark
  // AIs, so a lot like "A(1)" would be printed as a different element string.
  if (/[()]/.test(value)) labelFail(rule, field, `${what} "${value}" contains parentheses, which labels cannot print unambiguously`);
  return value;
}

/** Validates one element and returns its canonical value (GTIN padded to 14, date as YYMMDD). */
export function normaliseElement(e: Gs1Element, field: string = e.ai): Gs1Element {
  switch (e.ai) {
    case '00':
      return { ai: '00', value: validateSscc(e.value, field) };
    case '01':
      return { ai: '01', value: validateGtin(e.value, field).padStart(14, '0') };
    case '17':
      return { ai: '17', value: toGs1Date(e.value, field) };
    case '10':
    case '21':
      return { ai: e.ai, value: validateText20(e.value, e.ai, field) };
  }
}

export interface Gs1Encoded {
  /** In encoding order: predefined-length AIs first, so only variable ones may need an FNC1 separator. */
  elements: Gs1Element[];
  /** Human-readable interpretation, `(01)09521234543213(17)271231(10)LOT42`; also bwip-js' input syntax. */
  hri: string;
  /** What a scanner transmits after the AIM id `]C1`/`]d2`: no leading FNC1, GS (0x1D) as separator. */
  scanData: string;
  /** ^FD content for ZPL `^BC…,D` (GS1 mode): the printer adds the leading FNC1; `>8` is an explicit FNC1. */
  zplCode128: string;
  /** ^FD content for ZPL `^BX…,#`: `#1` is FNC1 (leading = GS1 DataMatrix; inside = separator). */
  zplDataMatrix: string;
}

/** The escape character we declare on ^BX; `#` is outside CSET 82 so it can never collide with data. */
export const ZPL_DATAMATRIX_ESCAPE = '#';

export function encodeGs1(input: readonly Gs1Element[]): Gs1Encoded {
  const seen = new Set<Gs1Ai>();
  for (const e of input) {
    if (seen.has(e.ai)) labelFail('BAD_CODE', e.ai, `AI (${e.ai}) appears twice`);
    seen.add(e.ai);
  }
  const normalised = input.map((e) => normaliseElement(e));
  const elements = [...normalised.filter((e) => isFixedLength(e.ai)), ...normalised.filter((e) => !isFixedLength(e.ai))];
  if (elements.length === 0) labelFail('BAD_CODE', 'elements', 'A GS1 barcode needs at least one element');
  let hri = '';
  let scanData = '';
  let zplCode128 = '';
  let zplDataMatrix = `${ZPL_DATAMATRIX_ESCAPE}1`;
  elements.forEach((e, i) => {
    const needsSeparatorBefore = i > 0 && !isFixedLength(elements[i - 1]!.ai);
    hri += `(${e.ai})${e.value}`;
    scanData += (needsSeparatorBefore ? '\x1d' : '') + e.ai + e.value;
    zplCode128 += (needsSeparatorBefore ? '>8' : '') + `(${e.ai})${e.value}`;
    zplDataMatrix += (needsSeparatorBefore ? `${ZPL_DATAMATRIX_ESCAPE}1` : '') + e.ai + e.value;
  });
  return { elements, hri, scanData, zplCode128, zplDataMatrix };
}

export const gs1AiTitle = (ai: Gs1Ai): string => AI_TITLE[ai];
