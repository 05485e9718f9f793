import Papa from 'papaparse';
import type { Order, ParsedInput, ShipToAddress } from '../../shared/api';
import { shipToAddress } from '../../shared/api/orders';
import { fail } from '../../shared/errors';
import { parseMoney } from '../../shared/money';
import { itemById } from '../catalog/items';
import type { CallContext } from '../core/context';
import { qb } from '../db/sql';
import type { OrdersEnv } from './env';
import { addEvent, nextNumber, orderNumber, orderRow, toOrder } from './repo';

interface NewOrder {
  channel: string;
  externalId: string | null;
  customerName: string;
  customerEmail: string | null;
  shipTo: ShipToAddress;
  currency: string;
  notes: string;
}

interface NewLine {
  itemId: number;
  quantity: number;
  unitPriceMinor: number;
  externalLineId: string | null;
}

function insertOrder(env: OrdersEnv, ctx: CallContext, o: NewOrder): { id: number; number: string } {
  const at = env.clock.now().toISOString();
  const number = orderNumber(nextNumber(env.sql, 'sales_orders'));
  const id = env.sql.run(
    qb.insertInto('sales_orders').values({
      number,
      channel: o.channel,
      external_id: o.externalId,
      status: 'new',
      held_from: null,
      hold_reason: null,
      customer_name: o.customerName,
      customer_email: o.customerEmail,
      ship_name: o.shipTo.name,
      ship_company: o.shipTo.company ?? null,
      ship_line1: o.shipTo.line1,
      ship_line2: o.shipTo.line2 ?? null,
      ship_city: o.shipTo.city,
      ship_region: o.shipTo.region ?? null,
      ship_postal_code: o.shipTo.postalCode,
      ship_country: o.shipTo.country,
      currency: o.currency,
      notes: o.notes,
      allocation_note: null,
      tote: null,
      box_code: null,
      weight_status: 'none',
      expected_weight_grams: null,
      measured_weight_grams: null,
      weight_override_reason: null,
      carrier: null,
      service: null,
      tracking_number: null,
      shipped_weight_grams: null,
      shipped_at: null,
      cancelled_at: null,
      cancel_reason: null,
      created_by: ctx.actor,
      created_device: ctx.device,
      created_at: at,
      updated_at: at,
    }),
  ).lastInsertRowid;
  return { id, number };
}

function insertLine(env: OrdersEnv, orderId: number, position: number, l: NewLine): number {
  return env.sql.run(
    qb.insertInto('sales_order_lines').values({
      order_id: orderId,
      position,
      item_id: l.itemId,
      quantity: l.quantity,
      unit_price_minor: l.unitPriceMinor,
      external_line_id: l.externalLineId,
      issues: null,
    }),
  ).lastInsertRowid;
}

const findExternal = (env: OrdersEnv, channel: string, externalId: string) =>
  env.sql.one(qb.selectFrom('sales_orders').select(['id', 'number', 'status']).where('channel', '=', channel).where('external_id', '=', externalId));

export function createOrder(env: OrdersEnv, ctx: CallContext, input: ParsedInput<'orders.create'>): Order {
  return env.sql.tx(() => {
    if (input.externalId) {
      const prior = findExternal(env, input.channel, input.externalId);
      if (prior) fail('DUPLICATE', `Order ${input.externalId} of ${input.channel} is already ${prior.number}`, { externalId: 'Already imported' }, { orderId: prior.id });
    }
    const seen = new Set<string>();
    input.lines.forEach((l, i) => {
      itemById(env.sql, l.itemId);
      if (l.externalLineId) {
        if (seen.has(l.externalLineId)) fail('DUPLICATE', `Line id ${l.externalLineId} is used twice`, { [`lines.${i}.externalLineId`]: 'Used twice' });
        seen.add(l.externalLineId);
      }
    });
    const o = insertOrder(env, ctx, {
      channel: input.channel,
      externalId: input.externalId ?? null,
      customerName: input.customerName,
      customerEmail: input.customerEmail ?? null,
      shipTo: input.shipTo,
      currency: input.currency ?? env.settings.get().currency,
      notes: input.notes,
    });
    input.lines.forEach((l, i) => insertLine(env, o.id, i + 1, { itemId: l.itemId, quantity: l.quantity, unitPriceMinor: l.unitPriceMinor, externalLineId: l.externalLineId ?? null }));
    addEvent(env, ctx, o.id, 'created', { data: { channel: input.channel, lines: input.lines.length } });
    return toOrder(env, orderRow(env.sql, o.id));
  });
}

// ------------------------------------------------------------------------------------------------------ CSV

export interface CsvRowError {
  row: number;
  field: string;
  message: string;
}

const COLUMNS = [
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
type Column = (typeof COLUMNS)[number];
const REQUIRED: readonly Column[] = ['order_id', 'sku', 'quantity', 'customer_name', 'address1', 'city', 'postal_code', 'country'];
/** Columns that describe the order, not the line: every row of one order must agree on them. */
const ORDER_COLUMNS: readonly Column[] = ['customer_name', 'email', 'ship_name', 'company', 'address1', 'address2', 'city', 'region', 'postal_code', 'country', 'currency'];

const normalizeHeader = (h: string): string => h.trim().toLowerCase().replace(/[\s-]+/g, '_');

interface ParsedRow {
  row: number;
  cells: Record<Column, string>;
  itemId: number;
  quantity: number;
  priceMinor: number;
  lineId: string;
}

interface OrderGroup {
  externalId: string;
  first: ParsedRow;
  rows: ParsedRow[];
}

/**
 * Imports orders from CSV in one transaction. Everything is checked first (shape, items, numbers, agreement between
 * the rows of one order, what was imported before), every problem is reported with its row and field, and if there is
 * any, nothing is written. A row already imported (same channel, order id, line id, and same content) is skipped.
 */
export function importCsv(env: OrdersEnv, ctx: CallContext, input: ParsedInput<'orders.importCsv'>) {
  const parsed = Papa.parse<string[]>(input.csv.replace(/^\uFEFF/, ''), { skipEmptyLines: false });
  const errors: CsvRowError[] = [];
  const err = (row: number, field: string, message: string): void => {
    // One message per cell: a missing address line is both "required" and an invalid address.
    if (!errors.some((e) => e.row === row && e.field === field)) errors.push({ row, field, message });
  };
  for (const e of parsed.errors) err((e.row ?? 0) + 1, '_', `Could not read the row: ${e.message}`);
  const data = parsed.data;
  const header = (data[0] ?? []).map(normalizeHeader);
  const index = new Map<string, number>();
  header.forEach((h, i) => {
    if (h) index.set(h, i);
  });
  for (const c of REQUIRED) if (!index.has(c)) err(1, c, `Missing column "${c}"`);
  for (const h of header) if (h && !(COLUMNS as readonly string[]).includes(h)) err(1, h, `Unknown column "${h}"`);
  if (errors.length) return refuse(errors);

  const defaultCurrency = env.settings.get().currency;
  const groups = new Map<string, OrderGroup>();
  const rows: ParsedRow[] = [];
  for (let i = 1; i < data.length; i++) {
    const raw = data[i] ?? [];
    if (raw.every((c) => c.trim() === '')) continue;
    const row = i + 1;
    const cells = Object.fromEntries(COLUMNS.map((c) => [c, index.has(c) ? (raw[index.get(c)!] ?? '').trim() : ''])) as Record<Column, string>;
    const before = errors.length;
    for (const c of REQUIRED) if (!cells[c]) err(row, c, 'Required');
    let itemId = 0;
    if (cells.sku) {
      const item = env.sql.one(qb.selectFrom('items').select('id').where('sku', '=', cells.sku));
      if (!item) err(row, 'sku', `No item has the SKU ${cells.sku}`);
      else itemId = item.id;
    }
    let quantity = 0;
    if (cells.quantity) {
      if (!/^\d+$/.test(cells.quantity) || Number(cells.quantity) <= 0 || Number(cells.quantity) > 1_000_000) err(row, 'quantity', `"${cells.quantity}" is not a whole number of units above zero`);
      else quantity = Number(cells.quantity);
    }
    const currency = (cells.currency || defaultCurrency).toUpperCase();
    if (cells.currency && !/^[A-Z]{3}$/.test(currency)) err(row, 'currency', `"${cells.currency}" is not a 3-letter currency code`);
    let priceMinor = 0;
    if (cells.unit_price) {
      const p = parseMoney(cells.unit_price, currency);
      if (p === null || p < 0) err(row, 'unit_price', `"${cells.unit_price}" is not a price (e.g. 12.50)`);
      else priceMinor = p;
    }
    if (cells.email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(cells.email)) err(row, 'email', `"${cells.email}" is not an email address`);
    const address = shipToAddress.safeParse(addressOf(cells));
    if (!address.success) {
      for (const issue of address.error.issues) err(row, ADDRESS_COLUMN[String(issue.path[0])] ?? String(issue.path[0]), issue.message);
    }
    if (cells.order_id.length > 120) err(row, 'order_id', 'At most 120 characters');
    if (cells.line_id.length > 120) err(row, 'line_id', 'At most 120 characters');
    if (errors.length > before || !cells.order_id) continue;

    let g = groups.get(cells.order_id);
    const parsedRow: ParsedRow = { row, cells, itemId, quantity, priceMinor, lineId: cells.line_id || String((g?.rows.length ?? 0) + 1) };
    if (!g) {
      g = { externalId: cells.order_id, first: parsedRow, rows: [] };
      groups.set(cells.order_id, g);
    } else {
      for (const c of ORDER_COLUMNS) {
        if (cells[c] !== g.first.cells[c]) err(row, c, `Differs from row ${g.first.row} of order ${cells.order_id} ("${g.first.cells[c]}")`);
      }
      const dup = g.rows.find((r) => r.lineId === parsedRow.lineId);
      if (dup) err(row, 'line_id', `Line ${parsedRow.lineId} of order ${cells.order_id} is also on row ${dup.row}`);
    }
    g.rows.push(parsedRow);
    rows.push(parsedRow);
  }
  if (!rows.length && !errors.length) err(2, '_', 'The file has no order rows');

  // What was imported before: the same line again is skipped; a changed line or a line added to an order that is
  // already being processed is refused.
  const plan: { g: OrderGroup; existing: { id: number; number: string } | null; add: ParsedRow[] }[] = [];
  let skipped = 0;
  for (const g of groups.values()) {
    const prior = findExternal(env, input.channel, g.externalId);
    if (!prior) {
      plan.push({ g, existing: null, add: g.rows });
      continue;
    }
    const priorLines = new Map(
      env.sql
        .all(qb.selectFrom('sales_order_lines').select(['external_line_id', 'item_id', 'quantity', 'unit_price_minor']).where('order_id', '=', prior.id))
        .map((l) => [l.external_line_id ?? '', l]),
    );
    const add: ParsedRow[] = [];
    for (const r of g.rows) {
      const p = priorLines.get(r.lineId);
      if (p) {
        if (p.item_id !== r.itemId || p.quantity !== r.quantity || p.unit_price_minor !== r.priceMinor) {
          err(r.row, 'line_id', `Line ${r.lineId} of order ${g.externalId} was imported before (${prior.number}) with another SKU, quantity or price`);
        } else skipped++;
      } else if (prior.status !== 'new') {
        err(r.row, 'line_id', `Order ${g.externalId} is ${prior.number}, already ${prior.status.replace('_', ' ')}: a new line cannot be added`);
      } else add.push(r);
    }
    plan.push({ g, existing: prior, add });
  }
  if (errors.length) return refuse(errors);

  return env.sql.tx(() => {
    const out: { orderId: number; number: string; externalId: string; created: boolean; linesAdded: number }[] = [];
    let added = 0;
    for (const p of plan) {
      const f = p.g.first.cells;
      const o =
        p.existing ??
        insertOrder(env, ctx, {
          channel: input.channel,
          externalId: p.g.externalId,
          customerName: f.customer_name,
          customerEmail: f.email || null,
          shipTo: shipToAddress.parse(addressOf(f)),
          currency: (f.currency || defaultCurrency).toUpperCase(),
          notes: '',
        });
      let position = (env.sql.one(qb.selectFrom('sales_order_lines').select((eb) => eb.fn.max<number>('position').as('m')).where('order_id', '=', o.id))?.m ?? 0) + 1;
      for (const r of p.add) {
        insertLine(env, o.id, position++, { itemId: r.itemId, quantity: r.quantity, unitPriceMinor: r.priceMinor, externalLineId: r.lineId });
      }
      if (p.add.length) addEvent(env, ctx, o.id, p.existing ? 'lines_imported' : 'created', { data: { channel: input.channel, rows: p.add.map((r) => r.row) } });
      added += p.add.length;
      out.push({ orderId: o.id, number: o.number, externalId: p.g.externalId, created: !p.existing, linesAdded: p.add.length });
    }
    return { orders: out, linesAdded: added, linesSkipped: skipped };
  });
}

const ADDRESS_COLUMN: Record<string, Column> = {
  name: 'ship_name',
  company: 'company',
  line1: 'address1',
  line2: 'address2',
  city: 'city',
  region: 'region',
  postalCode: 'postal_code',
  country: 'country',
};

function addressOf(c: Record<Column, string>): Record<string, string | undefined> {
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

function refuse(errors: CsvRowError[]): never {
  errors.sort((a, b) => a.row - b.row);
  const rows = new Set(errors.map((e) => e.row)).size;
  const fields: Record<string, string> = {};
  for (const e of errors) fields[`row ${e.row}.${e.field}`] ??= e.message;
  const first = errors[0]!;
  return fail(
    'IMPORT_INVALID',
    `${rows} row${rows === 1 ? ' has' : 's have'} problems, nothing was imported. Row ${first.row}, ${first.field}: ${first.message}`,
    fields,
    { errors: errors.slice(0, 1000) },
  );
}
