/** GS1 mod-10 check digit over the digits before the check digit. */
export function gs1CheckDigit(body: string): number {
  let sum = 0;
  // Weights alternate 3,1,3,… starting from the rightmost digit of the body.
  for (let i = 0; i < body.length; i++) {
    const d = body.charCodeAt(body.length - 1 - i) - 48;
    sum += d * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

export type GtinKind = 'gtin8' | 'gtin12' | 'gtin13' | 'gtin14';

export type GtinCheck =
  | { ok: true; kind: GtinKind; gtin14: string }
  | { ok: false; reason: 'not-digits' | 'bad-length' | 'bad-check-digit'; message: string; expected?: number };

const KIND_BY_LENGTH: Record<number, GtinKind> = { 8: 'gtin8', 12: 'gtin12', 13: 'gtin13', 14: 'gtin14' };

export function checkGtin(code: string): GtinCheck {
  if (!/^\d+$/.test(code)) return { ok: false, reason: 'not-digits', message: `A GTIN has digits only; "${code}" does not` };
  const kind = KIND_BY_LENGTH[code.length];
  if (!kind) return { ok: false, reason: 'bad-length', message: `A GTIN has 8, 12, 13 or 14 digits; "${code}" has ${code.length}` };
  const expected = gs1CheckDigit(code.slice(0, -1));
  const actual = code.charCodeAt(code.length - 1) - 48;
  if (expected !== actual) {
    return { ok: false, reason: 'bad-check-digit', expected, message: `Check digit of ${code} should be ${expected}, not ${actual}` };
  }
  return { ok: true, kind, gtin14: code.padStart(14, '0') };
}

export const isGtinLength = (code: string): boolean => /^\d+$/.test(code) && code.length in KIND_BY_LENGTH;
