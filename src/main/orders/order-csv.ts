import Papa from 'papaparse';
import { shipToAddress } from '../../shared/api/orders';
import { parseMoney } from '../../shared/money';

/**
 * The order CSV both the Orders import (orders.importCsv) and the file channel's order upload read: one row per order
 * line, the header is row 1, every problem is reported with its row and field. Each reader adds its own checks (the
 * Orders import resolves SKUs to items; the file channel reads status and updated_at) between these shared ones.
 */

/** The columns of an Orders CSV; the file channel adds `status` and `updated_at`. */
export const ORDER_CSV_BASE_COLUMNS = [
  'order_id',
  'line_id',
  'sku',
  'quantity',
  'unit_price',
  'customer_name',
  'email',
  'ship_name',
  'company',
  'address1',
  'address2',
  'city',
  'region',
  'postal_code',
  'country',
  'currency',
] as const;
export type BaseColumn = (typeof ORDER_CSV_BASE_COLUMNS)[number];
export const ORDER_CSV_REQUIRED: readonly BaseColumn[] = ['order_id', 'sku', 'quantity', 'customer_name', 'address1', 'city', 'postal_code', 'country'];
/** Columns that describe the order, not the line: every row of one order must agree on them. */
export const ORDER_CSV_ORDER_COLUMNS: readonly BaseColumn[] = ['customer_name', 'email', 'ship_name', 'company', 'address1', 'address2', 'city', 'region', 'postal_code', 'country', 'currency'];

export interface CsvRowError {
  /** 1-based; the header is row 1. */
  row: number;
  /** The column name, or "_" for the row as a whole. */
  field: string;
  message: string;
}

/** Collects errors, one message per cell (a missing address line is both "required" and an invalid address). */
export function csvErrors(): { errors: CsvRowError[]; err: (row: number, field: string, message: string) => void } {
  const errors: CsvRowError[] = [];
  return {
    errors,
    err: (row, field, message) => {
      if (!errors.some((e) => e.row === row && e.field === field)) errors.push({ row, field, message });
    },
  };
}

type Err = (row: number, field: string, message: string) => void;
export type Cells<C extends string> = Record<C, string>;

const normalizeHeader = (h: string): string => h.trim().toLowerCase().replace(/[\s-]+/g, '_');

/**
 * Parses the file and checks its header (required and unknown columns). Returns the non-blank data rows with their
 * trimmed cells, or null when the header is wrong (the errors say why).
 */
export function readCsvRows<C extends string>(csv: string, columns: readonly C[], err: Err): { row: number; cells: Cells<C> }[] | null {
  const parsed = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { skipEmptyLines: false });
  let bad = false;
  const report: Err = (row, field, message) => {
    bad = true;
    err(row, field, message);
  };
  for (const e of parsed.errors) report((e.row ?? 0) + 1, '_', `Could not read the row: ${e.message}`);
  const data = parsed.data;
  const header = (data[0] ?? []).map(normalizeHeader);
  const index = new Map<string, number>();
  header.forEach((h, i) => {
    if (h) index.set(h, i);
  });
  for (const c of ORDER_CSV_REQUIRED) if (!index.has(c)) report(1, c, `Missing column "${c}"`);
  for (const h of header) if (h && !(columns as readonly string[]).includes(h)) report(1, h, `Unknown column "${h}"`);
  if (bad) return null;
  const rows: { row: number; cells: Cells<C> }[] = [];
  for (let i = 1; i < data.length; i++) {
    const raw = data[i] ?? [];
    if (raw.every((c) => c.trim() === '')) continue;
    rows.push({ row: i + 1, cells: Object.fromEntries(columns.map((c) => [c, index.has(c) ? (raw[index.get(c)!] ?? '').trim() : ''])) as Cells<C> });
  }
  return rows;
}

/** Required cells of a row. */
export function checkRequired(cells: Cells<BaseColumn>, row: number, err: Err): void {
  for (const c of ORDER_CSV_REQUIRED) if (!cells[c]) err(row, c, 'Required');
}

/** Quantity, currency, unit price and email of a row; quantity and price are 0 where they are missing or wrong. */
export function checkLine(cells: Cells<BaseColumn>, row: number, err: Err, defaultCurrency: string): { quantity: number; priceMinor: number } {
  let quantity = 0;
  if (cells.quantity) {
    if (!/^\d+$/.test(cells.quantity) || Number(cells.quantity) <= 0 || Number(cells.quantity) > 1_000_000) err(row, 'quantity', `"${cells.quantity}" is not a whole number of units above zero`);
    else quantity = Number(cells.quantity);
  }
  const currency = currencyOf(cells, defaultCurrency);
  if (cells.currency && !/^[A-Z]{3}$/.test(currency)) err(row, 'currency', `"${cells.currency}" is not a 3-letter currency code`);
  let priceMinor = 0;
  if (cells.unit_price) {
    const p = parseMoney(cells.unit_price, currency);
    if (p === null || p < 0) err(row, 'unit_price', `"${cells.unit_price}" is not a price (e.g. 12.50)`);
    else priceMinor = p;
  }
  if (cells.email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(cells.email)) err(row, 'email', `"${cells.email}" is not an email address`);
  return { quantity, priceMinor };
}

export const currencyOf = (cells: Cells<BaseColumn>, defaultCurrency: string): string => (cells.currency || defaultCurrency).toUpperCase();

const ADDRESS_COLUMN: Record<string, BaseColumn> = {
  name: 'ship_name',
  company: 'company',
  line1: 'address1',
  line2: 'address2',
  city: 'city',
  region: 'region',
  postalCode: 'postal_code',
  country: 'country',
};

function addressOf(c: Cells<BaseColumn>): Record<string, string | undefined> {
  return {
    name: c.ship_name || c.customer_name,
    company: c.company || undefined,
    line1: c.address1,
    line2: c.address2 || undefined,
    city: c.city,
    region: c.region || undefined,
    postalCode: c.postal_code,
    country: c.country,
  };
}

/** The ship-to address of a row, each problem reported on its column. */
export function checkAddress(cells: Cells<BaseColumn>, row: number, err: Err): void {
  const address = shipToAddress.safeParse(addressOf(cells));
  if (!address.success) {
    for (const issue of address.error.issues) err(row, ADDRESS_COLUMN[String(issue.path[0])] ?? String(issue.path[0]), issue.message);
  }
}

/** The ship-to address of a row that passed checkAddress. */
export const shipToOf = (cells: Cells<BaseColumn>) => shipToAddress.parse(addressOf(cells));

export interface CsvLine<C extends string> {
  row: number;
  cells: Cells<C>;
  lineId: string;
}

export interface CsvOrderGroup<L extends CsvLine<string>> {
  externalId: string;
  first: L;
  rows: L[];
}

/**
 * The line id of a row in its order (line_id, else its position in the order), for `groupRow`.
 */
export const lineIdOf = <L extends CsvLine<string>>(groups: Map<string, CsvOrderGroup<L>>, cells: Cells<BaseColumn>): string =>
  cells.line_id || String((groups.get(cells.order_id)?.rows.length ?? 0) + 1);

/**
 * Adds a row to its order: rows of one order must agree on the order's columns, and a line id is used once per order.
 * Returns false when the row disagrees with its order.
 */
export function groupRow<C extends string, L extends CsvLine<C | BaseColumn>>(
  groups: Map<string, CsvOrderGroup<L>>,
  line: L,
  orderColumns: readonly (C | BaseColumn)[],
  err: Err,
): boolean {
  const id = line.cells.order_id;
  const g = groups.get(id);
  if (!g) {
    groups.set(id, { externalId: id, first: line, rows: [line] });
    return true;
  }
  let ok = true;
  for (const c of orderColumns) {
    if (line.cells[c] !== g.first.cells[c]) {
      err(line.row, c, `Differs from row ${g.first.row} of order ${id} ("${g.first.cells[c]}")`);
      ok = false;
    }
  }
  const dup = g.rows.find((r) => r.lineId === line.lineId);
  if (dup) {
    err(line.row, 'line_id', `Line ${line.lineId} of order ${id} is also on row ${dup.row}`);
    ok = false;
  }
  g.rows.push(line);
  return ok;
}
