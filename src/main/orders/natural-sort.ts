/**
 * Natural order of location paths, so a picker walks A-2 before A-10: runs of digits compare as numbers, the rest
 * case-insensitively by code point (not by locale, so every station sorts a pick list the same way).
 */
export function naturalCompare(a: string, b: string): number {
  const ta = a.toUpperCase().match(/\d+|\D+/g) ?? [];
  const tb = b.toUpperCase().match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(ta.length, tb.length); i++) {
    const x = ta[i]!;
    const y = tb[i]!;
    if (x === y) continue;
    const dx = /^\d/.test(x);
    const dy = /^\d/.test(y);
    if (dx && dy) {
      const n = BigInt(x) - BigInt(y);
      if (n !== 0n) return n < 0n ? -1 : 1;
      // Same number written differently ("07" vs "7"): the shorter first, so the order is total.
      return x.length - y.length;
    }
    return x < y ? -1 : 1;
  }
  return ta.length - tb.length;
}
