import type { Output } from '../../../shared/api';
import { ADDRESS_FIELDS } from './label-samples';

type Field = Output<'labels.templates'>[number]['fields'][number];

const blank = (v: unknown): boolean => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

function address(v: unknown): Record<string, string> | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const a = v as Record<string, unknown>;
  if (ADDRESS_FIELDS.every((f) => blank(a[f.name]))) return undefined;
  const out: Record<string, string> = {};
  // Optional lines left empty are left out (the API reads "" as a value); required ones are sent so the API names them.
  for (const f of ADDRESS_FIELDS) if (f.required || !blank(a[f.name])) out[f.name] = String(a[f.name] ?? '');
  return out;
}

/**
 * The form's values as the template's data: empty optional fields left out, lines without blanks, weights as numbers.
 * Required fields are always sent, even empty, so that the API's message lands on them ("Required").
 */
export function labelData(fields: Field[], values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = values[f.name];
    switch (f.type) {
      case 'address': {
        const a = address(v);
        if (a) out[f.name] = a;
        else if (f.required) out[f.name] = Object.fromEntries(ADDRESS_FIELDS.filter((x) => x.required).map((x) => [x.name, '']));
        break;
      }
      case 'lines': {
        const lines = (Array.isArray(v) ? v : []).map((l) => String(l).trim()).filter(Boolean);
        if (lines.length || f.required) out[f.name] = lines;
        break;
      }
      case 'weight': {
        const w = (v ?? {}) as { value?: unknown; unit?: unknown };
        const n = typeof w.value === 'number' ? w.value : Number(String(w.value ?? '').replace(',', '.'));
        if (!blank(w.value) || f.required) out[f.name] = { value: Number.isFinite(n) && !blank(w.value) ? n : 0, unit: w.unit ?? 'kg' };
        break;
      }
      case 'number': {
        if (!blank(v)) out[f.name] = Number(v);
        else if (f.required) out[f.name] = v;
        break;
      }
      case 'text':
      case 'gtin':
      case 'date':
        if (!blank(v) || f.required) out[f.name] = String(v ?? '');
        break;
    }
  }
  return out;
}
