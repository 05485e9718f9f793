/** Stable codes for everything the scan pipeline can reject. The UI maps them to sounds and hints. */
export const SCAN_ERROR_CODES = [
  'EMPTY_SCAN',
  'GS1_EMPTY',
  'GS1_SYNTAX',
  'GS1_UNKNOWN_AI',
  'GS1_EMPTY_VALUE',
  'GS1_VALUE_TOO_SHORT',
  'GS1_VALUE_TOO_LONG',
  'GS1_INVALID_CHARACTER',
  'GS1_BAD_CHECK_DIGIT',
  'GS1_BAD_CHECK_PAIR',
  'GS1_BAD_DATE',
  'GS1_BAD_TIME',
  'GS1_BAD_VALUE',
  'GS1_DUPLICATE_AI',
  'GS1_EXCLUSIVE_AIS',
  'GS1_MISSING_REQUIRED_AI',
  'GS1_NOT_GS1_SYMBOLOGY',
  'BAD_GTIN_CHECK_DIGIT',
  'BAD_GTIN',
  'DL_BAD_URI',
  'DL_NO_PRIMARY_KEY',
  'DL_BAD_QUALIFIER',
  'DL_BAD_ATTRIBUTE',
  'UNRECOGNISED',
  'INTERNAL',
] as const;

export type ScanErrorCode = (typeof SCAN_ERROR_CODES)[number];

export interface ScanError {
  ok: false;
  code: ScanErrorCode;
  message: string;
  /** Index into the string that was parsed (including any AIM prefix), where the problem starts. */
  position: number;
}

export interface Measure {
  /** Exact decimal as encoded, e.g. "1.250". */
  decimal: string;
  unit: string;
  amount: number;
  /** Weights only: the amount in grams (integer when the encoding allows it). */
  grams?: number;
}

export interface Gs1Element {
  ai: string;
  title: string;
  /** The value exactly as carried (after percent-decoding for Digital Link). */
  raw: string;
  /** Typed rendering: ISO date for dates, decimal string for measures and amounts, else `raw`. */
  value: string;
  /** ISO yyyy-mm-dd. For YYMM00 dates (AIs 11–17) this is the last day of the month. */
  date?: string;
  dayUnspecified?: boolean;
  /** hh:mm or hh:mm:ss where the AI carries a time. */
  time?: string;
  measure?: Measure;
  /** ISO 4217 numeric currency code for 391n/393n. */
  currency?: string;
}

export interface Gs1Warning {
  code: ScanErrorCode;
  message: string;
}

export type ParseResult = { ok: true; elements: Gs1Element[]; warnings: Gs1Warning[] } | ScanError;

export interface ParseOptions {
  /** "Today" for the GS1 century rule; defaults to the current date. Inject it in tests. */
  referenceDate?: Date;
  /**
   * Mandatory associations (req=) should be judged over every carrier on an item, and one scan often sees only one
   * of several labels, so by default a missing partner is a warning; 'strict' makes it an error.
   */
  associations?: 'off' | 'warn' | 'strict';
}

export const scanError = (code: ScanErrorCode, message: string, position: number): ScanError => ({
  ok: false,
  code,
  message,
  position,
});
