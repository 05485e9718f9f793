/**
 * ABC classification by share of revenue (Pareto): items sorted by revenue, highest first, and cut by cumulative
 * share. Default thresholds 80/15/5: class A holds the items that make the first 80% of revenue, B the next 15%,
 * C the rest.
 *
 * Boundary rule: an item belongs to the class in which its revenue *starts* (cumulative share before it < 80% → A),
 * so the item that crosses a threshold joins the higher class. Otherwise one item worth 90% of revenue would be "B".
 * Ties are deterministic: equal revenue is ordered by id (locale-independent string comparison). Zero total revenue
 * → every item is C (nothing to prioritise).
 */
import type { Explained } from './explained';

export type AbcClass = 'A' | 'B' | 'C';

export interface AbcThresholds {
  /** Share of revenue covered by A, e.g. 0.8. */
  a: number;
  /** Share covered by B, e.g. 0.15 (A + B = 0.95 cumulative). */
  b: number;
}

export const DEFAULT_ABC_THRESHOLDS: AbcThresholds = { a: 0.8, b: 0.15 };

export interface AbcItem {
  id: string;
  revenue: number;
}

export interface AbcRow {
  id: string;
  revenue: number;
  share: number;
  /** Cumulative share including this item. */
  cumulativeShare: number;
  class: AbcClass;
}

export function classifyAbc(
  items: readonly AbcItem[],
  thresholds: AbcThresholds = DEFAULT_ABC_THRESHOLDS,
): Explained<{ items: readonly AbcItem[]; thresholds: AbcThresholds }, AbcRow[]> {
  const { a, b } = thresholds;
  if (!(a > 0 && b >= 0 && a + b <= 1)) throw new RangeError(`thresholds must satisfy a > 0, b >= 0, a + b <= 1; got ${a}, ${b}`);
  for (const it of items) {
    if (!Number.isFinite(it.revenue) || it.revenue < 0) throw new RangeError(`revenue of ${it.id} must be >= 0, got ${it.revenue}`);
  }
  const total = items.reduce((s, it) => s + it.revenue, 0);
  const sorted = [...items].sort((x, y) => y.revenue - x.revenue || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  let before = 0;
  const rows = sorted.map((it): AbcRow => {
    const share = total > 0 ? it.revenue / total : 0;
    // Compare with a small tolerance so that shares summing to exactly 0.8 in decimal are not pushed over by float error.
    const cls: AbcClass = total === 0 ? 'C' : before < a - 1e-12 ? 'A' : before < a + b - 1e-12 ? 'B' : 'C';
    before += share;
    return { id: it.id, revenue: it.revenue, share, cumulativeShare: before, class: cls };
  });
  const count = (c: AbcClass) => rows.filter((r) => r.class === c).length;
  return {
    method: 'abc-revenue',
    inputs: { items, thresholds },
    value: rows,
    explanation:
      `${rows.length} items by revenue share, cut at ${Math.round(a * 100)}% / ${Math.round((a + b) * 100)}% cumulative: ` +
      `A ${count('A')}, B ${count('B')}, C ${count('C')}`,
  };
}
