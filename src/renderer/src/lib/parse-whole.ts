/** A whole number ≥ 0 typed into a settings field; null if it is not one (ranges are the API's to check). */
export function parseWhole(text: string): number | null {
  const t = text.trim();
  if (!/^\d{1,9}$/.test(t)) return null;
  return Number(t);
}

/**
 * Parses the numeric fields of a form at once: values by field, and a message for each field that is not a
 * whole number, keyed like the API's field errors so both land on the same field.
 */
export function parseWholeFields<K extends string>(fields: Record<K, { path: string; text: string }>): { values: Record<K, number>; errors: Record<string, string> } {
  const values = {} as Record<K, number>;
  const errors: Record<string, string> = {};
  for (const k of Object.keys(fields) as K[]) {
    const n = parseWhole(fields[k].text);
    if (n === null) errors[fields[k].path] = 'Enter a whole number';
    else values[k] = n;
  }
  return { values, errors };
}
