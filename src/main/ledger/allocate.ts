/**
 * Splits an integer amount in proportion to integer weights so the parts add up to it exactly (largest remainder):
 * each part gets ⌊amount × w / Σw⌋, then the minor units left over go one each to the largest fractional
 * remainders, ties to the earlier weight, so the same input always gives the same split. BigInt because
 * amount × weight (pence × mm³) can pass 2^53.
 */
export function largestRemainder(amount: number, weights: readonly (number | bigint)[]): number[] {
  const w = weights.map((x) => BigInt(x));
  if (w.some((x) => x < 0n)) throw new RangeError('weights cannot be negative');
  const total = w.reduce((s, x) => s + x, 0n);
  if (total === 0n) throw new RangeError('weights sum to zero');
  const a = BigInt(amount);
  const sign = a < 0n ? -1n : 1n;
  const abs = a * sign;
  const parts = w.map((x) => (abs * x) / total);
  const rems = w.map((x, i) => ({ i, r: (abs * x) % total }));
  let left = abs - parts.reduce((s, x) => s + x, 0n);
  rems.sort((p, q) => (p.r === q.r ? p.i - q.i : p.r > q.r ? -1 : 1));
  for (const { i } of rems) {
    if (left === 0n) break;
    parts[i] += 1n;
    left -= 1n;
  }
  return parts.map((x) => Number(x * sign));
}
