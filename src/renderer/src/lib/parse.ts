/** A positive whole quantity typed by a person; null if it is not one. */
export function parseQty(text: string): number | null {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return null;
  const n = Number(t);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

/** An optional positive whole number (weights, dimensions, shelf life): undefined if empty, null if invalid. */
export function parseOptionalInt(text: string): number | null | undefined {
  const t = text.trim();
  if (!t) return undefined;
  return parseQty(t);
}

/** Drops empty strings so optional API fields are absent rather than "" (which the API treats as a value). */
export const optional = (text: string): string | undefined => (text.trim() ? text.trim() : undefined);
