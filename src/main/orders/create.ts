import type { Order, ParsedInput, ShipToAddress } from '../../shared/api';
import { fail } from '../../shared/errors';
import { itemById } from '../catalog/items';
import type { CallContext } from '../core/context';
import { qb } from '../db/sql';
import type { OrdersEnv } from './env';
import {
  checkAddress,
  checkLine,
  checkRequired,
  csvErrors,
  currencyOf,
  groupRow,
  lineIdOf,
  ORDER_CSV_BASE_COLUMNS,
  ORDER_CSV_ORDER_COLUMNS,
  readCsvRows,
  shipToOf,
  type BaseColumn,
  type CsvLine,
  type CsvOrderGroup,
  type CsvRowError,
} from './order-csv';
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

interface ParsedRow extends CsvLine<BaseColumn> {
  itemId: number;
  quantity: number;
  priceMinor: number;
}

type OrderGroup = CsvOrderGroup<ParsedRow>;

/**
 * Imports orders from CSV in one transaction. Everything is checked first (shape, items, numbers, agreement between
 * the rows of one order, what was imported before), every problem is reported with its row and field, and if there is
 * any, nothing is written. A row already imported (same channel, order id, line id, and same content) is skipped.
 */
export function importCsv(env: OrdersEnv, ctx: CallContext, input: ParsedInput<'orders.importCsv'>) {
  const { errors, err } = csvErrors();
  const read = readCsvRows(input.csv, ORDER_CSV_BASE_COLUMNS, err);
  if (!read) return refuse(errors);

  const defaultCurrency = env.settings.get().currency;
  const groups = new Map<string, OrderGroup>();
  const rows: ParsedRow[] = [];
  for (const { row, cells } of read) {
    const before = errors.length;
    checkRequired(cells, row, err);
    let itemId = 0;
    if (cells.sku) {
      const item = env.sql.one(qb.selectFrom('items').select('id').where('sku', '=', cells.sku));
      if (!item) err(row, 'sku', `No item has the SKU ${cells.sku}`);
      else itemId = item.id;
    }
    const { quantity, priceMinor } = checkLine(cells, row, err, defaultCurrency);
    checkAddress(cells, row, err);
    if (cells.order_id.length > 120) err(row, 'order_id', 'At most 120 characters');
    if (cells.line_id.length > 120) err(row, 'line_id', 'At most 120 characters');
    if (errors.length > before || !cells.order_id) continue;

    const parsedRow: ParsedRow = { row, cells, itemId, quantity, priceMinor, lineId: lineIdOf(groups, cells) };
    groupRow(groups, parsedRow, ORDER_CSV_ORDER_COLUMNS, err);
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
          shipTo: shipToOf(f),
          currency: currencyOf(f, defaultCurrency),
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
