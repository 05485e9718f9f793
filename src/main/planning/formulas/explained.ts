/**
 * Every planning formula returns what it was given, the method used and a one-line explanation next to the result,
 * so the planning screen can show "inputs, method, result" without re-deriving anything.
 */
export interface Explained<TInputs, TValue> {
  method: string;
  inputs: TInputs;
  value: TValue;
  explanation: string;
}

export function requireFinite(name: string, v: number, { min = -Infinity, positive = false } = {}): void {
  if (!Number.isFinite(v)) throw new RangeError(`${name} must be a finite number, got ${v}`);
  if (positive ? v <= 0 : v < min) throw new RangeError(`${name} must be ${positive ? '> 0' : `>= ${min}`}, got ${v}`);
}

/** Rounds for display only; the values returned stay unrounded. */
export function fmt(v: number, digits = 2): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(digits);
}
