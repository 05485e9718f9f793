import Papa from 'papaparse';
import type { ColumnMapping, DateFormat, RowError } from '../../../shared/api';
import { fail } from '../../../shared/errors';
import { parseDay } from './dates';

/** Column positions of a mapping; -1 for an optional column not mapped. */
export interface Columns {
  sku: number;
  date: number;
  quantity: number;
  price: number;
  invoice: number;
  customer: number;
}

export interface RowRules {
  dateFormat: DateFormat;
  cancellationPrefix: string;
  nonProductCodes: readonly string[];
}

export type RowKind = 'sale' | 'cancellation' | 'return' | 'non-product' | 'adjustment' | 'rejected';

export interface ClassifiedRow {
  kind: RowKind;
  sku: string | null;
  day: string | null;
  /** As written (negative for cancellations and returns). */
  quantity: number | null;
  price: number | null;
  error: RowError | null;
}

/** Resolves each mapped column to its position, or refuses the mapping naming the field and the columns there are. */
export function resolveColumns(mapping: ColumnMapping, headers: readonly string[] | null, width: number): Columns {
  const lower = headers?.map((h) => h.trim().toLowerCase()) ?? null;
  const find = (field: keyof ColumnMapping, required: boolean): number => {
    const c = mapping[field];
    if (c === undefined) {
      if (required) fail('IMPORT_INVALID', `Map the ${field} column`, { [`mapping.${field}`]: 'Required' });
      return -1;
    }
    if (typeof c === 'number') {
      if (c >= width) fail('IMPORT_INVALID', `Column ${c} of ${field} is past the last column (the file has ${width})`, { [`mapping.${field}`]: `Only ${width} columns` });
      return c;
    }
    if (!lower) return fail('IMPORT_INVALID', `The file has no header row: map ${field} by column number`, { [`mapping.${field}`]: 'Use a column number' });
    const i = lower.indexOf(c.trim().toLowerCase());
    if (i < 0) fail('IMPORT_INVALID', `There is no column "${c}" for ${field}; the columns are: ${headers!.join(', ')}`, { [`mapping.${field}`]: `No column "${c}"` });
    return i;
  };
  return { sku: find('sku', true), date: find('date', true), quantity: find('quantity', true), price: find('price', false), invoice: find('invoice', false), customer: find('customer', false) };
}

/** Matches non-product codes: exact (case-insensitive), or by prefix for an entry ending in '*'. */
export function nonProductMatcher(codes: readonly string[]): (sku: string) => string | null {
  const exact = new Map<string, string>();
  const prefixes: Array<[string, string]> = [];
  for (const c of codes) {
    if (c.endsWith('*')) prefixes.push([c.slice(0, -1).toUpperCase(), c]);
    else exact.set(c.toUpperCase(), c);
  }
  return (sku) => {
    const u = sku.toUpperCase();
    const e = exact.get(u);
    if (e !== undefined) return e;
    for (const [p, c] of prefixes) if (u.startsWith(p)) return c;
    return null;
  };
}

const INT = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)$/;

/**
 * One row's meaning. Checks run in this order so a postage line is skipped whatever its other fields hold, and a
 * product line is rejected on its first bad field:
 * empty SKU → rejected; non-product code → skipped; quantity (whole, not 0); date (in the chosen format);
 * price (a number ≥ 0, when mapped); then an invoice with the cancellation prefix → cancellation, another negative
 * quantity → a return, or a stock write-off in the source system when its price is 0 (not demand); else a sale.
 */
export function makeClassifier(cols: Columns, rules: RowRules): (row: readonly string[], rowNo: number) => ClassifiedRow {
  const isNonProduct = nonProductMatcher(rules.nonProductCodes);
  const prefix = rules.cancellationPrefix.toUpperCase();
  // Exports repeat the same timestamp for every line of an invoice: remember the last one parsed.
  let lastDateText = '';
  let lastDay: string | null = null;
  const reject = (rowNo: number, field: string, reason: string, value: string | undefined, partial: Partial<ClassifiedRow> = {}): ClassifiedRow => ({
    kind: 'rejected',
    sku: null,
    day: null,
    quantity: null,
    price: null,
    ...partial,
    error: { row: rowNo, field, reason, value: value ?? null },
  });
  return (row, rowNo) => {
    const skuText = row[cols.sku];
    const sku = skuText?.trim() ?? '';
    if (sku === '') return reject(rowNo, 'sku', skuText === undefined ? 'The row has no SKU column (too few fields)' : 'SKU is empty', skuText);
    if (isNonProduct(sku) !== null) return { kind: 'non-product', sku, day: null, quantity: null, price: null, error: null };
    const qText = row[cols.quantity]?.trim() ?? '';
    if (!INT.test(qText)) return reject(rowNo, 'quantity', qText === '' ? 'Quantity is empty' : `Quantity "${qText}" is not a whole number`, qText, { sku });
    const quantity = Number(qText);
    if (quantity === 0) return reject(rowNo, 'quantity', 'Quantity is 0', qText, { sku });
    const dText = row[cols.date] ?? '';
    let day: string | null;
    if (dText === lastDateText) {
      day = lastDay;
    } else {
      day = parseDay(dText, rules.dateFormat);
      lastDateText = dText;
      lastDay = day;
    }
    if (day === null) return reject(rowNo, 'date', dText.trim() === '' ? 'Date is empty' : `"${dText}" is not a date in ${rules.dateFormat}`, dText, { sku, quantity });
    let price: number | null = null;
    if (cols.price >= 0) {
      const pText = row[cols.price]?.trim() ?? '';
      if (pText !== '') {
        if (!DECIMAL.test(pText)) return reject(rowNo, 'price', `Price "${pText}" is not a number`, pText, { sku, day, quantity });
        price = Number(pText);
        if (price < 0) return reject(rowNo, 'price', `Price ${pText} is negative on a product line`, pText, { sku, day, quantity });
      }
    }
    const base = { sku, day, quantity, price, error: null };
    if (prefix !== '' && cols.invoice >= 0 && (row[cols.invoice] ?? '').trim().toUpperCase().startsWith(prefix)) return { kind: 'cancellation', ...base };
    if (quantity < 0) return { kind: price === 0 ? 'adjustment' : 'return', ...base };
    return { kind: 'sale', ...base };
  };
}

export const isBlankRow = (row: readonly string[]): boolean => row.length === 1 && row[0]!.trim() === '';

/**
 * Walks the CSV one record at a time (papaparse's step mode over the string: no table of 541k arrays is built).
 * `onRow` gets the spreadsheet row number (the header is row 1); a record papaparse could not close (an unterminated
 * quote) comes with its error.
 */
export function walkCsv(
  text: string,
  opts: { delimiter?: string; hasHeader: boolean; preview?: number },
  onHeader: (headers: string[] | null, width: number) => void,
  onRow: (row: string[], rowNo: number, quoteError: string | null) => void,
): void {
  let rowNo = 0;
  let headerSeen = false;
  Papa.parse<string[]>(text, {
    ...(opts.delimiter !== undefined && { delimiter: opts.delimiter }),
    ...(opts.preview !== undefined && { preview: opts.preview }),
    step(results) {
      rowNo++;
      const row = results.data;
      if (!headerSeen) {
        headerSeen = true;
        onHeader(opts.hasHeader ? row.map((h) => h.trim()) : null, row.length);
        if (opts.hasHeader) return;
      }
      if (isBlankRow(row)) return;
      const quote = results.errors.find((e) => e.type === 'Quotes');
      onRow(row, rowNo, quote ? quote.message : null);
    },
  });
  if (!headerSeen) onHeader(opts.hasHeader ? [] : null, 0);
}
