/**
 * AIM symbology identifiers (ISO/IEC 15424): "]" + code letter + modifier, sent by a scanner before the data.
 * Mapping from the GS1 General Specifications / ISO 15424 tables as summarised in devices.md (jodal/biip symbology.py,
 * gs1/gs1-syntax-engine scandata.c symIdTable).
 */
export type Symbology =
  | 'code39'
  | 'code128'
  | 'gs1-128'
  | 'ean-13'
  | 'ean-8'
  | 'ean-upc'
  | 'gs1-databar'
  | 'itf'
  | 'datamatrix'
  | 'gs1-datamatrix'
  | 'qr'
  | 'gs1-qr'
  | 'dotcode'
  | 'gs1-dotcode'
  | 'aztec'
  | 'pdf417'
  | 'unknown';

export interface AimInfo {
  /** The identifier as sent, e.g. "]d2". */
  aim: string;
  symbology: Symbology;
  /** The data is a GS1 element string (FNC1 in first position). */
  gs1: boolean;
}

const BY_ID: Record<string, { symbology: Symbology; gs1: boolean }> = {
  ']A0': { symbology: 'code39', gs1: false },
  ']C0': { symbology: 'code128', gs1: false },
  ']C1': { symbology: 'gs1-128', gs1: true },
  // ]E0 carries EAN-13, UPC-A (zero-padded to 13) and UPC-E (expanded to 13).
  ']E0': { symbology: 'ean-13', gs1: false },
  ']E4': { symbology: 'ean-8', gs1: false },
  ']e0': { symbology: 'gs1-databar', gs1: true },
  ']I0': { symbology: 'itf', gs1: false },
  ']I1': { symbology: 'itf', gs1: false },
  ']d1': { symbology: 'datamatrix', gs1: false },
  ']d2': { symbology: 'gs1-datamatrix', gs1: true },
  ']Q1': { symbology: 'qr', gs1: false },
  ']Q3': { symbology: 'gs1-qr', gs1: true },
  ']J0': { symbology: 'dotcode', gs1: false },
  ']J1': { symbology: 'gs1-dotcode', gs1: true },
};

/** By code letter alone, for families whose modifiers we do not distinguish. */
const BY_LETTER: Record<string, { symbology: Symbology; gs1: boolean }> = {
  z: { symbology: 'aztec', gs1: false },
  L: { symbology: 'pdf417', gs1: false },
  A: { symbology: 'code39', gs1: false },
  C: { symbology: 'code128', gs1: false },
  E: { symbology: 'ean-upc', gs1: false },
  I: { symbology: 'itf', gs1: false },
  d: { symbology: 'datamatrix', gs1: false },
  Q: { symbology: 'qr', gs1: false },
  J: { symbology: 'dotcode', gs1: false },
};

const AIM_RE = /^\][A-Za-z][0-9A-Za-z]/;

/** Describes an identifier such as "]d2" (or "]z" without modifier). */
export function describeAim(aim: string): AimInfo {
  const known = BY_ID[aim] ?? BY_LETTER[aim[1] ?? ''];
  return { aim, symbology: known?.symbology ?? 'unknown', gs1: known?.gs1 ?? false };
}

/** Splits a leading AIM identifier off scanner output; `undefined` when there is none. */
export function splitAim(raw: string): { info: AimInfo; data: string } | undefined {
  if (!AIM_RE.test(raw)) return undefined;
  const aim = raw.slice(0, 3);
  return { info: describeAim(aim), data: raw.slice(3) };
}
