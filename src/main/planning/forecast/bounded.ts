/**
 * Maps an unconstrained optimiser variable onto a bounded parameter (logistic), so Nelder-Mead never proposes an
 * α of 1.3 and we need no penalty terms that would distort the objective near the bounds.
 */
export function toBounded(u: number, lo: number, hi: number): number {
  return lo + (hi - lo) / (1 + Math.exp(-u));
}

export function fromBounded(x: number, lo: number, hi: number): number {
  const p = Math.min(1 - 1e-9, Math.max(1e-9, (x - lo) / (hi - lo)));
  return Math.log(p / (1 - p));
}
