import { sql as raw, type Selectable } from 'kysely';
import type { Order, OrderStatus, ShipToAddress } from '../../shared/api/orders';
import { fail } from '../../shared/errors';
import type { CallContext } from '../core/context';
import type { DB } from '../db/schema';
import { qb, type Sql } from '../db/sql';
import type { OrdersEnv } from './env';

export type OrderDb = Selectable<DB['sales_orders']>;
export type LineDb = Selectable<DB['sales_order_lines']>;

export const orderNumber = (n: number): string => `SO-${String(n).padStart(5, '0')}`;
export const pickListNumber = (n: number): string => `PL-${String(n).padStart(5, '0')}`;

/** Rows are never deleted, so max(id) + 1 is the id the next row gets, and its number is unique. */
export function nextNumber(sql: Sql, table: 'sales_orders' | 'pick_lists'): number {
  const r = sql.one(qb.selectFrom(table).select((eb) => eb.fn.max<number>('id').as('m')));
  return (r?.m ?? 0) + 1;
}

const selectOrder = (id: number) => qb.selectFrom('sales_orders').selectAll().where('id', '=', id);

export function orderRow(sql: Sql, id: number, field = 'orderId'): OrderDb {
  const r = sql.pOne(selectOrder, id);
  if (!r) return fail('UNKNOWN_ORDER', `There is no order with id ${id}`, { [field]: 'Unknown order' });
  return r;
}

const STATUS_WORDS: Record<OrderStatus, string> = {
  new: 'new',
  allocated: 'allocated',
  picking: 'being picked',
  packed: 'packed',
  shipped: 'shipped',
  on_hold: 'on hold',
  cancelled: 'cancelled',
  partially_shipped: 'partially shipped',
  backordered: 'backordered',
};

export function describeStatus(o: OrderDb): string {
  switch (o.status) {
    case 'on_hold':
      return `${o.number} is on hold${o.hold_reason ? ` (${o.hold_reason})` : ''}`;
    case 'cancelled':
      return `${o.number} was cancelled${o.cancel_reason ? ` (${o.cancel_reason})` : ''}`;
    case 'shipped':
      return `${o.number} has already shipped${o.tracking_number ? ` (${o.carrier} ${o.tracking_number})` : ''}`;
    default:
      return `${o.number} is ${STATUS_WORDS[o.status]}`;
  }
}

/** Refuses an action the order's status does not allow, saying why in the operator's words. */
export function assertStatus(o: OrderDb, allowed: readonly OrderStatus[], action: string, hint = ''): void {
  if (!allowed.includes(o.status)) {
    fail('ORDER_STATUS', `${describeStatus(o)}: cannot ${action}${hint ? `. ${hint}` : ''}`, undefined, { orderId: o.id, status: o.status });
  }
}

export function setOrder(env: OrdersEnv, id: number, set: Partial<Omit<OrderDb, 'id'>>): void {
  env.sql.run(qb.updateTable('sales_orders').set({ ...set, updated_at: env.clock.now().toISOString() }).where('id', '=', id));
}

export interface EventFields {
  lineId?: number | null;
  allocationId?: number | null;
  quantity?: number | null;
  lot?: string | null;
  code?: string | null;
  reason?: string | null;
  data?: unknown;
  reversesEventId?: number | null;
}

/** Appends to the order's history, attributed to the user and station of the call. */
export function addEvent(env: OrdersEnv, ctx: CallContext, orderId: number, kind: string, f: EventFields = {}): number {
  return env.sql.run(
    qb.insertInto('order_events').values({
      order_id: orderId,
      kind,
      line_id: f.lineId ?? null,
      allocation_id: f.allocationId ?? null,
      quantity: f.quantity ?? null,
      lot: f.lot ?? null,
      code: f.code ?? null,
      reason: f.reason ?? null,
      data: f.data === undefined ? null : JSON.stringify(f.data),
      reverses_event_id: f.reversesEventId ?? null,
      actor: ctx.actor,
      device: ctx.device,
      created_at: env.clock.now().toISOString(),
    }),
  ).lastInsertRowid;
}

export interface AllocationState {
  id: number;
  order_id: number;
  line_id: number;
  item_id: number;
  reservation_id: number;
  warehouse_id: number;
  warehouse_code: string;
  location_id: number;
  lot_id: number | null;
  lot: string | null;
  expiry: string | null;
  quantity: number;
  shipped: number;
  /** Still reserved in the ledger. */
  reserved: number;
  /** Net packed over the allocation's life (pack − unpack); packed − shipped is in the box now. */
  packed: number;
}

const allocationQuery = () =>
  qb
    .selectFrom('order_allocations as a')
    .innerJoin('reservations as r', 'r.id', 'a.reservation_id')
    .innerJoin('warehouses as w', 'w.id', 'a.warehouse_id')
    .innerJoin('sales_order_lines as l', 'l.id', 'a.line_id')
    .leftJoin('lots as lo', 'lo.id', 'a.lot_id')
    .select([
      'a.id',
      'a.order_id',
      'a.line_id',
      'l.item_id',
      'a.reservation_id',
      'a.warehouse_id',
      'w.code as warehouse_code',
      'a.location_id',
      'a.lot_id',
      'lo.code as lot',
      'lo.expiry',
      'a.quantity',
      'a.shipped',
      'r.remaining as reserved',
      raw<number>`(SELECT coalesce(sum(e.quantity), 0) FROM order_events e WHERE e.allocation_id = a.id AND e.kind IN ('pack', 'unpack'))`.as('packed'),
    ]);

const allocationsOfOrder = (orderId: number) => allocationQuery().where('a.order_id', '=', orderId).orderBy('a.line_id').orderBy('a.id');

export function allocationsOf(sql: Sql, orderId: number): AllocationState[] {
  return sql.pAll(allocationsOfOrder, orderId).map((r) => ({ ...r, lot: r.lot ?? null, expiry: r.expiry ?? null, packed: Number(r.packed) }));
}

/** In the box and not shipped yet. */
export const inBox = (a: AllocationState): number => a.packed - a.shipped;
/** An allocation the bench still deals with: units reserved, or units in the box. */
export const isOpen = (a: AllocationState): boolean => a.reserved > 0 || inBox(a) > 0;

export interface LineState extends LineDb {
  sku: string;
  name: string;
  active: number;
  tracking: 'none' | 'lot' | 'serial';
  weight_grams: number | null;
}

const linesOfOrder = (orderId: number) =>
  qb
    .selectFrom('sales_order_lines as l')
    .innerJoin('items as i', 'i.id', 'l.item_id')
    .selectAll('l')
    .select(['i.sku', 'i.name', 'i.active', 'i.tracking', 'i.weight_grams'])
    .where('l.order_id', '=', orderId)
    .orderBy('l.position');

export const linesOf = (sql: Sql, orderId: number): LineState[] => sql.pAll(linesOfOrder, orderId) as LineState[];

export const shipToOf = (o: OrderDb): ShipToAddress => {
  const a: ShipToAddress = { name: o.ship_name, line1: o.ship_line1, city: o.ship_city, postalCode: o.ship_postal_code, country: o.ship_country };
  if (o.ship_company) a.company = o.ship_company;
  if (o.ship_line2) a.line2 = o.ship_line2;
  if (o.ship_region) a.region = o.ship_region;
  return a;
};

export function toOrder(env: OrdersEnv, o: OrderDb): Order {
  const lines = linesOf(env.sql, o.id);
  const allocs = allocationsOf(env.sql, o.id);
  const byLine = new Map<number, AllocationState[]>();
  for (const a of allocs) byLine.set(a.line_id, [...(byLine.get(a.line_id) ?? []), a]);
  return {
    id: o.id,
    number: o.number,
    channel: o.channel,
    externalId: o.external_id,
    status: o.status,
    heldFrom: (o.held_from as OrderStatus | null) ?? null,
    holdReason: o.hold_reason,
    customer: { name: o.customer_name, email: o.customer_email },
    shipTo: shipToOf(o),
    currency: o.currency,
    notes: o.notes,
    tote: o.tote,
    box: o.box_code,
    allocationNote: o.allocation_note,
    weight: { status: o.weight_status, expectedGrams: o.expected_weight_grams, measuredGrams: o.measured_weight_grams, overrideReason: o.weight_override_reason },
    shipment:
      o.shipped_at && o.carrier && o.service && o.tracking_number && o.shipped_weight_grams !== null
        ? { carrier: o.carrier, service: o.service, trackingNumber: o.tracking_number, weightGrams: o.shipped_weight_grams, shippedAt: o.shipped_at }
        : null,
    totalMinor: lines.reduce((s, l) => s + l.quantity * l.unit_price_minor, 0),
    cogsMinor: lines.reduce((s, l) => s + l.cogs_minor, 0),
    lines: lines.map((l) => {
      const as = byLine.get(l.id) ?? [];
      const allocated = as.reduce((s, a) => s + a.reserved, 0);
      return {
        id: l.id,
        position: l.position,
        itemId: l.item_id,
        sku: l.sku,
        name: l.name,
        quantity: l.quantity,
        unitPriceMinor: l.unit_price_minor,
        externalLineId: l.external_line_id,
        allocated,
        packed: as.reduce((s, a) => s + inBox(a), 0),
        shipped: l.shipped,
        unallocated: Math.max(0, l.quantity - l.shipped - allocated),
        cogsMinor: l.cogs_minor,
        issues: l.issues ? JSON.parse(l.issues) : [],
      };
    }),
    allocations: allocs.map((a) => ({
      id: a.id,
      lineId: a.line_id,
      reservationId: a.reservation_id,
      warehouseId: a.warehouse_id,
      warehouseCode: a.warehouse_code,
      locationId: a.location_id,
      path: env.locs.path(a.location_id),
      lotId: a.lot_id,
      lot: a.lot,
      expiry: a.expiry,
      quantity: a.quantity,
      reserved: a.reserved,
      packed: inBox(a),
      shipped: a.shipped,
    })),
    cancelReason: o.cancel_reason,
    createdAt: o.created_at,
    updatedAt: o.updated_at,
  };
}

export const getOrder = (env: OrdersEnv, id: number): Order => toOrder(env, orderRow(env.sql, id, 'id'));

export function listOrders(env: OrdersEnv, input: { status?: OrderStatus | undefined; query?: string | undefined; offset: number; limit: number }) {
  let q = qb.selectFrom('sales_orders');
  if (input.status) q = q.where('status', '=', input.status);
  if (input.query) {
    const like = `%${input.query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([
        eb('number', 'like', raw<string>`${like} ESCAPE '\\'`),
        eb('external_id', 'like', raw<string>`${like} ESCAPE '\\'`),
        eb('customer_name', 'like', raw<string>`${like} ESCAPE '\\'`),
      ]),
    );
  }
  const total = env.sql.one(q.select((eb) => eb.fn.countAll<number>().as('n')))?.n ?? 0;
  const rows = env.sql.all(q.selectAll().orderBy('id', 'desc').limit(input.limit).offset(input.offset));
  return { total: Number(total), rows: rows.map((r) => toOrder(env, r)) };
}

export function orderEvents(env: OrdersEnv, orderId: number) {
  orderRow(env.sql, orderId);
  return env.sql.all(qb.selectFrom('order_events').selectAll().where('order_id', '=', orderId).orderBy('id')).map((e) => ({
    id: e.id,
    kind: e.kind,
    lineId: e.line_id,
    quantity: e.quantity,
    lot: e.lot,
    reason: e.reason,
    reversesEventId: e.reverses_event_id,
    actor: e.actor,
    device: e.device,
    createdAt: e.created_at,
  }));
}
