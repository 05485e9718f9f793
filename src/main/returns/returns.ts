import type { Movement, OperationResult, Output, ParsedInput, Rma } from '../../shared/api';
import { fail } from '../../shared/errors';
import { formatMoney } from '../../shared/money';
import { itemById } from '../catalog/items';
import type { CallContext } from '../core/context';
import { qb } from '../db/sql';
import type { LedgerEnv } from '../ledger/env';
import { type LotPiece, moveLayered, planTakeFromMovements } from '../ledger/layered';
import { runOperation } from '../ledger/operation';
import { lastKnownCost } from '../ledger/postings';
import { changeReservation } from '../ledger/stock-ops';

/**
 * Returns (RMA). Units come back from the customer location into returns limbo at the cost they left with (the
 * layers their issue movements consumed, in order, so a return after several shipments takes the right costs and
 * keeps the original receipt dates); inspection moves them on with the same layers. Each step is one ledger
 * operation; any refusal writes nothing.
 */

const rmaNumber = (n: number): string => `RMA-${String(n).padStart(5, '0')}`;

function returnRow(env: LedgerEnv, id: number, field = 'returnId') {
  const r = env.sql.one(qb.selectFrom('returns').selectAll().where('id', '=', id));
  if (!r) return fail('UNKNOWN_RETURN', `There is no return with id ${id}`, { [field]: 'Unknown return' });
  return r;
}

function lineRow(env: LedgerEnv, id: number, field = 'returnLineId') {
  const r = env.sql.one(qb.selectFrom('return_lines').selectAll().where('id', '=', id));
  if (!r) return fail('UNKNOWN_RETURN', `There is no return line with id ${id}`, { [field]: 'Unknown return line' });
  return r;
}

/** Units of an order line authorised for return so far (cancelled returns excluded). */
function authorisedFor(env: LedgerEnv, orderLineId: number): number {
  const r = env.sql.one(
    qb
      .selectFrom('return_lines as l')
      .innerJoin('returns as r', 'r.id', 'l.return_id')
      .select((eb) => eb.fn.sum<number>('l.quantity').as('q'))
      .where('l.order_line_id', '=', orderLineId)
      .where('r.status', '!=', 'cancelled'),
  );
  return Number(r?.q ?? 0);
}

type Sums = Record<'receive' | 'restock' | 'refurbish' | 'write_off' | 'refurbished', { qty: number; cost: number; added: number }>;

function stepSums(env: LedgerEnv, lineId: number): Sums {
  const s: Sums = {
    receive: { qty: 0, cost: 0, added: 0 },
    restock: { qty: 0, cost: 0, added: 0 },
    refurbish: { qty: 0, cost: 0, added: 0 },
    write_off: { qty: 0, cost: 0, added: 0 },
    refurbished: { qty: 0, cost: 0, added: 0 },
  };
  const rows = env.sql.all(
    qb
      .selectFrom('return_steps')
      .select(['kind', (eb) => eb.fn.sum<number>('quantity').as('q'), (eb) => eb.fn.sum<number>('cost_minor').as('c'), (eb) => eb.fn.sum<number>('added_cost_minor').as('a')])
      .where('return_line_id', '=', lineId)
      .groupBy('kind'),
  );
  for (const r of rows) s[r.kind] = { qty: Number(r.q), cost: Number(r.c), added: Number(r.a) };
  return s;
}

export function getReturn(env: LedgerEnv, id: number): Rma {
  const r = returnRow(env, id, 'id');
  const order = r.order_id === null ? null : env.sql.one(qb.selectFrom('sales_orders').select('number').where('id', '=', r.order_id));
  const refunds = env.sql.all(qb.selectFrom('return_refunds').selectAll().where('return_id', '=', r.id).orderBy('id'));
  const lines = env.sql
    .all(
      qb
        .selectFrom('return_lines as l')
        .innerJoin('items as i', 'i.id', 'l.item_id')
        .select(['l.id', 'l.order_line_id', 'l.item_id', 'i.sku', 'l.lot_id', 'l.quantity', 'l.received', 'l.reason'])
        .where('l.return_id', '=', r.id)
        .orderBy('l.id'),
    )
    .map((l) => {
      const s = stepSums(env, l.id);
      return {
        id: l.id,
        orderLineId: l.order_line_id,
        itemId: l.item_id,
        sku: l.sku,
        lotId: l.lot_id,
        quantity: l.quantity,
        received: l.received,
        inLimbo: l.received - s.restock.qty - s.refurbish.qty - s.write_off.qty,
        restocked: s.restock.qty,
        refurbish: s.refurbish.qty,
        refurbished: s.refurbished.qty,
        writtenOff: s.write_off.qty,
        receivedCostMinor: s.receive.cost,
        writeOffMinor: s.write_off.cost,
        addedCostMinor: s.refurbished.added,
        reason: l.reason,
      };
    });
  return {
    id: r.id,
    number: r.number,
    orderId: r.order_id,
    orderNumber: order?.number ?? null,
    customerName: r.customer_name,
    status: r.status,
    reason: r.reason,
    note: r.note,
    createdAt: r.created_at,
    refundMinor: refunds.reduce((n, x) => n + x.amount_minor, 0),
    refunds: refunds.map((x) => ({ amountMinor: x.amount_minor, reason: x.reason, actor: x.actor, createdAt: x.created_at })),
    lines,
  };
}

export function listReturns(env: LedgerEnv, input: ParsedInput<'returns.list'>): Rma[] {
  let q = qb.selectFrom('returns').select('id');
  if (input.status) q = q.where('status', '=', input.status);
  if (input.orderId !== undefined) q = q.where('order_id', '=', input.orderId);
  return env.sql.all(q.orderBy('id', 'desc')).map((r) => getReturn(env, r.id));
}

export function authoriseReturn(env: LedgerEnv, ctx: CallContext, input: ParsedInput<'returns.authorise'>): Rma {
  return env.sql.tx(() => {
    const at = env.clock.now().toISOString();
    const order = input.orderId === undefined ? null : env.sql.one(qb.selectFrom('sales_orders').selectAll().where('id', '=', input.orderId));
    if (input.orderId !== undefined && !order) fail('UNKNOWN_ORDER', `There is no order with id ${input.orderId}`, { orderId: 'Unknown order' });
    const rows: { order_line_id: number | null; item_id: number; lot_id: number | null; quantity: number; unit_cost_minor: number | null; reason: string }[] = [];
    const asked = new Map<number, number>();
    input.lines.forEach((l, i) => {
      if (order) {
        const ol = env.sql.one(qb.selectFrom('sales_order_lines').selectAll().where('id', '=', l.orderLineId!));
        if (!ol || ol.order_id !== order.id) return fail('VALIDATION', `Line ${l.orderLineId} is not a line of ${order.number}`, { [`lines.${i}.orderLineId`]: 'Not a line of this order' });
        const sku = itemById(env.sql, ol.item_id).sku;
        const before = authorisedFor(env, ol.id) + (asked.get(ol.id) ?? 0);
        const left = ol.shipped - before;
        if (l.quantity > left) {
          fail(
            'OVER_RETURN',
            `Cannot return ${l.quantity} × ${sku} on ${order.number}: ${ol.shipped} shipped, ${before} already returned or authorised, so at most ${Math.max(0, left)}`,
            { [`lines.${i}.quantity`]: `At most ${Math.max(0, left)}` },
            { shipped: ol.shipped, alreadyReturned: before, requested: l.quantity },
          );
        }
        asked.set(ol.id, (asked.get(ol.id) ?? 0) + l.quantity);
        rows.push({ order_line_id: ol.id, item_id: ol.item_id, lot_id: null, quantity: l.quantity, unit_cost_minor: null, reason: l.reason ?? '' });
        return;
      }
      const item = itemById(env.sql, l.itemId!);
      let lotId: number | null = null;
      if (item.tracking !== 'none') {
        if (l.lot === undefined) fail('LOT_REQUIRED', `${item.sku} is ${item.tracking} tracked: give the lot of the returned units`, { [`lines.${i}.lot`]: 'Lot required' });
        const lot = env.sql.one(qb.selectFrom('lots').select('id').where('item_id', '=', item.id).where('code', '=', l.lot!));
        if (!lot) fail('UNKNOWN_LOT', `${item.sku} has no lot ${l.lot}`, { [`lines.${i}.lot`]: 'Unknown lot for this item' });
        lotId = lot!.id;
      } else if (l.lot !== undefined) fail('LOT_NOT_ALLOWED', `${item.sku} is not lot or serial tracked; leave the lot empty`, { [`lines.${i}.lot`]: 'Item is not lot tracked' });
      rows.push({ order_line_id: null, item_id: item.id, lot_id: lotId, quantity: l.quantity, unit_cost_minor: l.unitCostMinor ?? lastKnownCost(env.sql, item.id), reason: l.reason ?? '' });
    });
    const next = (env.sql.one(qb.selectFrom('returns').select((eb) => eb.fn.max<number>('id').as('m')))?.m ?? 0) + 1;
    const r = env.sql.run(
      qb.insertInto('returns').values({
        number: rmaNumber(next),
        order_id: order?.id ?? null,
        customer_name: input.customerName ?? order?.customer_name ?? '',
        status: 'authorised',
        reason: input.reason,
        note: input.note ?? null,
        created_by: ctx.actor,
        created_device: ctx.device,
        created_at: at,
        updated_at: at,
      }),
    );
    for (const row of rows) env.sql.run(qb.insertInto('return_lines').values({ ...row, return_id: r.lastInsertRowid }));
    return getReturn(env, r.lastInsertRowid);
  });
}

/** The cost pieces of the next qty units of an order line to come back: its issue movements' consumptions, in order. */
function issuedPieces(env: LedgerEnv, orderId: number, orderLineId: number, skip: number, qty: number): LotPiece[] {
  const keys = env.sql
    .all(qb.selectFrom('order_allocations').select('id').where('line_id', '=', orderLineId).orderBy('id'))
    .map((a) => `order:${orderId}:ship:allocation:${a.id}`);
  if (!keys.length) return [];
  const rows = env.sql.all(
    qb
      .selectFrom('movements as m')
      .innerJoin('operations as o', 'o.id', 'm.operation_id')
      .innerJoin('layer_consumptions as c', 'c.movement_id', 'm.id')
      .innerJoin('cost_layers as l', 'l.id', 'c.layer_id')
      .select(['c.layer_id', 'l.lot_id', 'l.received_at', 'c.quantity', 'c.cost_minor'])
      .where('o.idempotency_key', 'in', keys)
      .where('m.reason', '=', 'issue')
      .orderBy('m.id')
      .orderBy('c.layer_id'),
  );
  const pieces: LotPiece[] = [];
  let toSkip = skip;
  let left = qty;
  for (const r of rows) {
    if (left === 0) break;
    const unit = r.cost_minor / r.quantity;
    let avail = r.quantity;
    const s = Math.min(toSkip, avail);
    toSkip -= s;
    avail -= s;
    const take = Math.min(left, avail);
    if (take <= 0) continue;
    pieces.push({ layerId: null, lotId: r.lot_id, quantity: take, unitCostMinor: unit, receivedAt: r.received_at });
    left -= take;
  }
  if (left > 0) fail('INTERNAL', `Order line ${orderLineId}: the ledger shows fewer units issued than are being returned`);
  return pieces;
}

function setStatus(env: LedgerEnv, returnId: number, at: string): void {
  const lines = env.sql.all(qb.selectFrom('return_lines').select(['id', 'quantity', 'received']).where('return_id', '=', returnId));
  let done = true;
  for (const l of lines) {
    const s = stepSums(env, l.id);
    if (l.received < l.quantity || s.restock.qty + s.refurbish.qty + s.write_off.qty < l.received) done = false;
  }
  const status = done ? 'inspected' : 'received';
  env.sql.run(qb.updateTable('returns').set({ status, updated_at: at }).where('id', '=', returnId));
}

function step(env: LedgerEnv, ctx: CallContext, at: string, lineId: number, opId: number, kind: Sums extends Record<infer K, unknown> ? K : never, qty: number, loc: number, cost: number, added = 0, note?: string) {
  env.sql.run(
    qb.insertInto('return_steps').values({
      return_line_id: lineId,
      kind,
      operation_id: opId,
      quantity: qty,
      location_id: loc,
      cost_minor: cost,
      added_cost_minor: added,
      note: note ?? null,
      actor: ctx.actor,
      device: ctx.device,
      created_at: at,
    }),
  );
}

const withMovements = (env: LedgerEnv, returnId: number, r: OperationResult): { rma: Rma; movements: Movement[] } => ({ rma: getReturn(env, returnId), movements: r.movements });

export function receiveReturn(env: LedgerEnv, ctx: CallContext, input: ParsedInput<'returns.receive'>): Output<'returns.receive'> {
  const rma0 = returnRow(env, input.returnId);
  const firstItem = env.sql.one(qb.selectFrom('return_lines').select('item_id').where('return_id', '=', rma0.id))?.item_id ?? 0;
  const r = runOperation(env, ctx, 'return_receive', input, firstItem, (opId, at) => {
    const rma = returnRow(env, input.returnId);
    if (rma.status === 'cancelled') fail('RETURN_STATUS', `${rma.number} is cancelled`);
    const all = env.sql.all(qb.selectFrom('return_lines').selectAll().where('return_id', '=', rma.id).orderBy('id'));
    const wanted = input.lines ?? all.filter((l) => l.received < l.quantity).map((l) => ({ returnLineId: l.id, quantity: l.quantity - l.received }));
    if (!wanted.length) fail('OVER_RETURN', `Everything authorised on ${rma.number} has been received`);
    const limbo = env.locs.virtual('returns_limbo').id;
    const customer = env.locs.virtual('customer').id;
    wanted.forEach((w, i) => {
      const l = all.find((x) => x.id === w.returnLineId);
      if (!l) return fail('UNKNOWN_RETURN', `Line ${w.returnLineId} is not on ${rma.number}`, { [`lines.${i}.returnLineId`]: 'Not a line of this return' });
      const fresh = lineRow(env, l.id);
      const sku = itemById(env.sql, l.item_id).sku;
      if (w.quantity > fresh.quantity - fresh.received) {
        fail('OVER_RETURN', `Cannot receive ${w.quantity} × ${sku} on ${rma.number}: ${fresh.quantity} authorised, ${fresh.received} already received`, {
          [`lines.${i}.quantity`]: `At most ${fresh.quantity - fresh.received}`,
        });
      }
      let pieces: LotPiece[];
      if (l.order_line_id !== null) {
        const before = Number(
          env.sql.one(
            qb
              .selectFrom('return_lines')
              .select((eb) => eb.fn.sum<number>('received').as('q'))
              .where('order_line_id', '=', l.order_line_id),
          )?.q ?? 0,
        );
        pieces = issuedPieces(env, rma.order_id!, l.order_line_id, before, w.quantity);
      } else {
        pieces = [{ layerId: null, lotId: l.lot_id, quantity: w.quantity, unitCostMinor: l.unit_cost_minor ?? 0, receivedAt: at }];
      }
      const m = moveLayered(env, ctx, opId, at, { itemId: l.item_id, from: customer, to: limbo, pieces, reason: 'reversal', docRef: rma.number, note: input.note });
      env.sql.run(qb.updateTable('return_lines').set({ received: fresh.received + w.quantity }).where('id', '=', l.id));
      step(env, ctx, at, l.id, opId, 'receive', w.quantity, limbo, m.costMinor, 0, input.note);
    });
    setStatus(env, rma.id, at);
  });
  return withMovements(env, rma0.id, r);
}

/** Movements an earlier step of this line made into a location: where its units' layers are. */
function stepMovements(env: LedgerEnv, lineId: number, itemId: number, kinds: ('receive' | 'refurbish')[], to: number): number[] {
  const ops = env.sql.all(qb.selectFrom('return_steps').select('operation_id').where('return_line_id', '=', lineId).where('kind', 'in', kinds)).map((s) => s.operation_id);
  if (!ops.length) return [];
  return env.sql
    .all(qb.selectFrom('movements').select('id').where('operation_id', 'in', ops).where('item_id', '=', itemId).where('to_location_id', '=', to).orderBy('id'))
    .map((m) => m.id);
}

function binOf(env: LedgerEnv, id: number, field: string): number {
  const l = env.locs.get(id);
  if (!l) return fail('UNKNOWN_LOCATION', `There is no location with id ${id}`, { [field]: 'Unknown location' });
  if (l.kind !== 'bin') return fail('NOT_A_BIN', `${env.locs.path(id)} is a ${l.kind}; stock is kept in bins`, { [field]: 'Choose a bin' });
  return l.id;
}

/** The document of the hold that keeps a line's refurbish units out of available stock. */
const refurbishHold = (rmaNumber: string, lineId: number): string => `${rmaNumber} refurbish (line ${lineId})`;

/**
 * Units sent to refurbish sit in a real bin but are not sellable until restocked: a hold (reservation) on them, per
 * lot, keeps them out of available stock (allocation, picking, channel quantities) while on hand stays true.
 */
function holdRefurbish(env: LedgerEnv, opId: number, at: string, itemId: number, locationId: number, pieces: LotPiece[], docRef: string): void {
  const byLot = new Map<number | null, number>();
  for (const p of pieces) byLot.set(p.lotId, (byLot.get(p.lotId) ?? 0) + p.quantity);
  for (const [lotId, qty] of byLot) {
    const r = env.sql.run(
      qb.insertInto('reservations').values({ item_id: itemId, location_id: locationId, lot_id: lotId, quantity: qty, remaining: 0, doc_ref: docRef, operation_id: opId, created_at: at }),
    );
    changeReservation(env, opId, { id: r.lastInsertRowid, item_id: itemId, location_id: locationId, lot_id: lotId }, qty);
  }
}

/** Releases the refurbish hold on the units about to be restocked (as much of it as is still held). */
function releaseRefurbish(env: LedgerEnv, opId: number, itemId: number, locationId: number, pieces: LotPiece[], docRef: string): void {
  const byLot = new Map<number | null, number>();
  for (const p of pieces) byLot.set(p.lotId, (byLot.get(p.lotId) ?? 0) + p.quantity);
  for (const [lotId, qty] of byLot) {
    let left = qty;
    let q = qb.selectFrom('reservations').selectAll().where('item_id', '=', itemId).where('location_id', '=', locationId).where('doc_ref', '=', docRef).where('remaining', '>', 0);
    q = lotId === null ? q.where('lot_id', 'is', null) : q.where('lot_id', '=', lotId);
    for (const r of env.sql.all(q.orderBy('id'))) {
      if (left === 0) break;
      const take = Math.min(left, r.remaining);
      changeReservation(env, opId, r, -take);
      left -= take;
    }
  }
}

export function inspectReturn(env: LedgerEnv, ctx: CallContext, input: ParsedInput<'returns.inspect'>): Output<'returns.inspect'> {
  const l0 = lineRow(env, input.returnLineId);
  const r = runOperation(env, ctx, 'return_inspect', input, l0.item_id, (opId, at) => {
    const l = lineRow(env, input.returnLineId);
    const rma = returnRow(env, l.return_id);
    const s = stepSums(env, l.id);
    const inLimbo = l.received - s.restock.qty - s.refurbish.qty - s.write_off.qty;
    const asked = input.grades.reduce((n, g) => n + g.quantity, 0);
    const sku = itemById(env.sql, l.item_id).sku;
    if (asked > inLimbo) {
      fail('OVER_RETURN', `Cannot grade ${asked} × ${sku} of ${rma.number}: only ${inLimbo} received and awaiting inspection`, { grades: `Only ${inLimbo} awaiting inspection` }, { inLimbo, requested: asked });
    }
    const limbo = env.locs.virtual('returns_limbo').id;
    const scrap = env.locs.virtual('scrap').id;
    const sources = stepMovements(env, l.id, l.item_id, ['receive'], limbo);
    input.grades.forEach((g, i) => {
      const to = g.grade === 'write_off' ? scrap : binOf(env, g.locationId!, `grades.${i}.locationId`);
      const pieces = planTakeFromMovements(env, l.item_id, limbo, sources, g.quantity, `× ${sku} of ${rma.number}`);
      const m = moveLayered(env, ctx, opId, at, { itemId: l.item_id, from: limbo, to, pieces, reason: g.grade === 'write_off' ? 'damage' : 'transfer', docRef: rma.number, note: input.note });
      if (g.grade === 'refurbish') holdRefurbish(env, opId, at, l.item_id, to, pieces, refurbishHold(rma.number, l.id));
      step(env, ctx, at, l.id, opId, g.grade, g.quantity, to, m.costMinor, 0, input.note);
    });
    setStatus(env, rma.id, at);
  });
  return withMovements(env, l0.return_id, r);
}

export function restockRefurbished(env: LedgerEnv, ctx: CallContext, input: ParsedInput<'returns.restockRefurbished'>): Output<'returns.restockRefurbished'> {
  const l0 = lineRow(env, input.returnLineId);
  const r = runOperation(env, ctx, 'return_refurbished', input, l0.item_id, (opId, at) => {
    const l = lineRow(env, input.returnLineId);
    const rma = returnRow(env, l.return_id);
    const from = binOf(env, input.fromLocationId, 'fromLocationId');
    const to = binOf(env, input.toLocationId, 'toLocationId');
    if (from === to) fail('SAME_LOCATION', 'Restock needs a bin other than the refurbish bin', { toLocationId: 'Same as the refurbish bin' });
    const s = stepSums(env, l.id);
    const waiting = s.refurbish.qty - s.refurbished.qty;
    const sku = itemById(env.sql, l.item_id).sku;
    if (input.quantity > waiting) {
      fail('OVER_RETURN', `Cannot restock ${input.quantity} × ${sku} of ${rma.number}: only ${waiting} sent to refurbish and not restocked`, { quantity: `At most ${waiting}` });
    }
    const pieces = planTakeFromMovements(env, l.item_id, from, stepMovements(env, l.id, l.item_id, ['refurbish'], from), input.quantity, `refurbished × ${sku} of ${rma.number}`);
    const added = input.addedCostMinor ?? 0;
    releaseRefurbish(env, opId, l.item_id, from, pieces, refurbishHold(rma.number, l.id));
    const m = moveLayered(env, ctx, opId, at, { itemId: l.item_id, from, to, pieces, reason: 'transfer', docRef: rma.number, note: input.note, addedCostMinor: added });
    step(env, ctx, at, l.id, opId, 'refurbished', input.quantity, to, m.costMinor, added, input.note);
  });
  return withMovements(env, l0.return_id, r);
}

export function refundReturn(env: LedgerEnv, ctx: CallContext, input: ParsedInput<'returns.refund'>): Rma {
  return env.sql.tx(() => {
    const rma = returnRow(env, input.returnId);
    if (rma.status === 'cancelled') fail('RETURN_STATUS', `${rma.number} is cancelled`);
    // A return from an order cannot be refunded more than its units were sold for (a double submit, a typo in the
    // amount). An unexpected return has no sale price to check against.
    const lines = env.sql.all(
      qb
        .selectFrom('return_lines as l')
        .leftJoin('sales_order_lines as ol', 'ol.id', 'l.order_line_id')
        .leftJoin('sales_orders as o', 'o.id', 'ol.order_id')
        .select(['l.quantity', 'ol.unit_price_minor', 'o.currency'])
        .where('l.return_id', '=', rma.id),
    );
    if (lines.length && lines.every((l) => l.unit_price_minor !== null)) {
      const sold = lines.reduce((n, l) => n + l.quantity * l.unit_price_minor!, 0);
      const refunded = env.sql.one(qb.selectFrom('return_refunds').select((eb) => eb.fn.sum<number>('amount_minor').as('total')).where('return_id', '=', rma.id))?.total ?? 0;
      if (refunded + input.amountMinor > sold) {
        const currency = lines[0]!.currency ?? env.settings.get().currency;
        const left = Math.max(0, sold - refunded);
        fail('VALIDATION', `${rma.number} was sold for ${formatMoney(sold, currency)} and ${formatMoney(refunded, currency)} is already refunded: at most ${formatMoney(left, currency)} more`, {
          amountMinor: `At most ${formatMoney(left, currency)}`,
        });
      }
    }
    env.sql.run(qb.insertInto('return_refunds').values({ return_id: rma.id, amount_minor: input.amountMinor, reason: input.reason, actor: ctx.actor, created_at: env.clock.now().toISOString() }));
    return getReturn(env, rma.id);
  });
}

/** Units waiting in returns limbo per return line, oldest first, from the limbo layers. */
export function limboStock(env: LedgerEnv): Output<'returns.limbo'> {
  const limbo = env.locs.virtual('returns_limbo').id;
  const now = env.clock.now().getTime();
  const lines = env.sql.all(
    qb
      .selectFrom('return_lines as l')
      .innerJoin('returns as r', 'r.id', 'l.return_id')
      .innerJoin('items as i', 'i.id', 'l.item_id')
      .select(['l.id', 'l.return_id', 'r.number', 'l.item_id', 'i.sku'])
      .where('l.received', '>', 0)
      .orderBy('l.id'),
  );
  const out: Output<'returns.limbo'> = [];
  for (const l of lines) {
    const mids = stepMovements(env, l.id, l.item_id, ['receive'], limbo);
    if (!mids.length) continue;
    const layers = env.sql.all(
      qb.selectFrom('cost_layers').select(['remaining', 'unit_cost_minor']).where('location_id', '=', limbo).where('movement_id', 'in', mids).where('remaining', '>', 0),
    );
    const quantity = layers.reduce((n, x) => n + x.remaining, 0);
    if (!quantity) continue;
    const receivedAt = env.sql.one(qb.selectFrom('movements').select('created_at').where('id', 'in', mids).orderBy('id').limit(1))!.created_at;
    out.push({
      returnId: l.return_id,
      number: l.number,
      returnLineId: l.id,
      itemId: l.item_id,
      sku: l.sku,
      quantity,
      valueMinor: layers.reduce((n, x) => n + x.remaining * x.unit_cost_minor, 0),
      receivedAt,
      ageDays: Math.floor((now - Date.parse(receivedAt)) / 86_400_000),
    });
  }
  return out.sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
}

