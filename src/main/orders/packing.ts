import { sql as raw } from 'kysely';
import type { Box, OrdersSettings, OrderStatus, PackView, ParsedInput } from '../../shared/api';
import { fail } from '../../shared/errors';
import type { CallContext } from '../core/context';
import { qb } from '../db/sql';
import type { OrdersEnv } from './env';
import { addEvent, allocationsOf, assertStatus, inBox, isOpen, linesOf, orderRow, setOrder, shipToOf, type AllocationState, type OrderDb } from './repo';
import { isBadScan, readScan } from './scan';
import { loadOrdersSettings } from './settings';

type WeightCheck = PackView['weight'];

/** Finds the order a bench scan names: an SO- number, a TOTE- code, or the bare number / tote / external id typed in. */
export function orderByCode(env: OrdersEnv, code: string): OrderDb {
  const scan = readScan(env, code);
  const text = code.trim().toUpperCase();
  const byNumber = (n: string) => env.sql.one(qb.selectFrom('sales_orders').select('id').where(raw<string>`upper(number)`, '=', n));
  const byTote = (t: string) => env.sql.one(qb.selectFrom('sales_orders').select('id').where('tote', '=', t));
  let hit: { id: number } | undefined;
  if (scan.kind === 'document' && scan.document) {
    const full = `${scan.document.prefix}${scan.document.number}`.toUpperCase();
    hit = scan.document.type === 'tote' ? byTote(full) : byNumber(full);
  }
  hit ??= byNumber(text) ?? byTote(text);
  if (!hit) {
    const ext = env.sql.all(qb.selectFrom('sales_orders').select('id').where('external_id', '=', code.trim()).limit(2));
    if (ext.length === 1) hit = ext[0];
  }
  if (!hit) return fail('UNKNOWN_ORDER', `No order or tote matches "${code.trim()}"`, { code: 'Unknown order or tote' });
  return orderRow(env.sql, hit.id);
}

function boxOf(o: OrderDb, s: OrdersSettings): Box | null {
  const code = o.box_code ?? s.defaultBox;
  return code ? (s.boxes.find((b) => b.code.toUpperCase() === code.toUpperCase()) ?? null) : null;
}

export const toleranceOf = (expected: number, s: OrdersSettings): number => Math.max(s.weightToleranceGrams, Math.floor((expected * s.weightTolerancePercent) / 100));

/** Items (weight × units to ship) plus the box: null when an item has no weight, so nothing can be compared. */
function expectedWeight(env: OrdersEnv, o: OrderDb, s: OrdersSettings, allocs: AllocationState[]): { grams: number | null; missing: string[] } {
  const lines = new Map(linesOf(env.sql, o.id).map((l) => [l.id, l]));
  let grams = boxOf(o, s)?.weightGrams ?? 0;
  const missing = new Set<string>();
  for (const a of allocs.filter(isOpen)) {
    const l = lines.get(a.line_id)!;
    if (l.weight_grams === null) missing.add(l.sku);
    else grams += l.weight_grams * Math.max(a.reserved, inBox(a));
  }
  return { grams: missing.size ? null : grams, missing: [...missing].sort() };
}

function compare(expected: { grams: number | null; missing: string[] }, measured: number | null, s: OrdersSettings): Omit<WeightCheck, 'status' | 'message'> {
  if (expected.grams === null || measured === null) {
    return { expectedGrams: expected.grams, measuredGrams: measured, differenceGrams: null, toleranceGrams: expected.grams === null ? null : toleranceOf(expected.grams, s), missingWeights: expected.missing };
  }
  return {
    expectedGrams: expected.grams,
    measuredGrams: measured,
    differenceGrams: measured - expected.grams,
    toleranceGrams: toleranceOf(expected.grams, s),
    missingWeights: expected.missing,
  };
}

function weightMessage(c: Omit<WeightCheck, 'message'>, overrideReason: string | null): string {
  switch (c.status) {
    case 'none':
      return c.expectedGrams === null ? `Expected weight unknown: no weight for ${c.missingWeights.join(', ')}` : `Expected ${c.expectedGrams} g ± ${c.toleranceGrams} g: put the parcel on the scale`;
    case 'ok':
      return `Weight OK: ${c.measuredGrams} g (expected ${c.expectedGrams} g ± ${c.toleranceGrams} g)`;
    case 'mismatch':
      return c.expectedGrams === null
        ? `Weighed ${c.measuredGrams} g but the expected weight is unknown (no weight for ${c.missingWeights.join(', ')}): override with a reason to ship`
        : `Weight mismatch: ${c.measuredGrams} g, expected ${c.expectedGrams} g ± ${c.toleranceGrams} g (${c.differenceGrams! > 0 ? '+' : ''}${c.differenceGrams} g). Check the parcel, re-weigh, or override with a reason`;
    case 'overridden':
      return `Weight check overridden: ${overrideReason ?? ''}`;
  }
}

export function weightCheckOf(env: OrdersEnv, o: OrderDb, s = loadOrdersSettings(env.sql)): WeightCheck {
  const c = { status: o.weight_status, ...compare(expectedWeight(env, o, s, allocationsOf(env.sql, o.id)), o.measured_weight_grams, s) };
  return { ...c, message: weightMessage(c, o.weight_override_reason) };
}

export function packView(env: OrdersEnv, o: OrderDb, message: string): PackView {
  const s = loadOrdersSettings(env.sql);
  const allocs = allocationsOf(env.sql, o.id).filter(isOpen);
  const lines = linesOf(env.sql, o.id)
    .filter((l) => l.quantity > l.shipped)
    .map((l) => {
      const as = allocs.filter((a) => a.line_id === l.id);
      const expected = as.reduce((n, a) => n + a.reserved, 0);
      const packed = as.reduce((n, a) => n + inBox(a), 0);
      return {
        lineId: l.id,
        itemId: l.item_id,
        sku: l.sku,
        name: l.name,
        lots: [...new Set(as.map((a) => a.lot).filter((x): x is string => x !== null))],
        expected,
        packed,
        done: packed >= expected,
        weightGrams: l.weight_grams,
      };
    });
  return {
    orderId: o.id,
    number: o.number,
    status: o.status,
    customerName: o.customer_name,
    shipTo: shipToOf(o),
    tote: o.tote,
    lines,
    complete: lines.some((l) => l.expected > 0) && lines.every((l) => l.done),
    box: boxOf(o, s),
    weight: weightCheckOf(env, o, s),
    message,
  };
}

const packable = (s: OrdersSettings): OrderStatus[] => ['allocated', 'picking', 'packed', ...(s.allowPartialShipment ? (['backordered'] as const) : [])];

export function packSession(env: OrdersEnv, code: string): PackView {
  const o = orderByCode(env, code);
  assertStatus(o, packable(loadOrdersSettings(env.sql)), 'be packed', o.status === 'new' || o.status === 'backordered' ? 'Allocate it first' : '');
  const v = packView(env, o, '');
  const left = v.lines.reduce((n, l) => n + Math.max(0, l.expected - l.packed), 0);
  return { ...v, message: v.complete ? `${o.number} is packed: weigh it` : `${o.number}: ${left} unit${left === 1 ? '' : 's'} to pack` };
}

/** Contents changed: an earlier weighing no longer says anything about this parcel. */
const resetWeight = { weight_status: 'none', measured_weight_grams: null, expected_weight_grams: null, weight_override_reason: null } as const;

/** The status the order had before the last time it became packed, for undo. */
function statusBeforePacked(env: OrdersEnv, orderId: number): OrderStatus {
  const e = env.sql.one(qb.selectFrom('order_events').select('data').where('order_id', '=', orderId).where('kind', '=', 'packed').orderBy('id', 'desc').limit(1));
  return e?.data ? (JSON.parse(e.data) as { from: OrderStatus }).from : 'allocated';
}

/**
 * A bench scan ticks units off the order. Refused, with nothing written, when the item is not on the order, its lot
 * is not a reserved one, or it would be one more than the order holds.
 */
export function packScan(env: OrdersEnv, ctx: CallContext, input: ParsedInput<'orders.packScan'>): PackView {
  return env.sql.tx(() => {
    const s = loadOrdersSettings(env.sql);
    const o = orderRow(env.sql, input.orderId);
    assertStatus(o, packable(s), 'be packed');
    const scan = readScan(env, input.code);
    if (isBadScan(scan)) return fail('BAD_SCAN', scan.message, { code: 'Not readable' }, { scan: scan.kind, errorCode: scan.errorCode });
    if (!scan.item) {
      if (scan.gtin) return fail('WRONG_ITEM', `Wrong item: GTIN ${scan.gtin} is not in the catalog and not on ${o.number}`, { code: 'Not on this order' }, { gtin: scan.gtin });
      return fail('BAD_SCAN', `${scan.message}: scan an item of ${o.number}`, { code: 'Not an item' });
    }
    const item = scan.item;
    const lines = linesOf(env.sql, o.id);
    const onOrder = lines.filter((l) => l.item_id === item.id);
    if (!onOrder.length) return fail('WRONG_ITEM', `Wrong item: ${item.sku} ${item.name} is not on ${o.number}`, { code: 'Not on this order' }, { scanned: item.sku });
    const tracking = onOrder[0]!.tracking;
    const position = new Map(lines.map((l) => [l.id, l.position]));
    const open = allocationsOf(env.sql, o.id)
      .filter((a) => a.item_id === item.id && isOpen(a))
      .sort((a, b) => position.get(a.line_id)! - position.get(b.line_id)! || a.id - b.id);
    let lot: string | null = null;
    let cands = open;
    if (tracking !== 'none') {
      lot = (tracking === 'serial' ? (scan.serial ?? scan.lot) : scan.lot) ?? input.lot ?? null;
      if (lot === null) {
        return fail('LOT_REQUIRED', `${item.sku} is ${tracking} tracked: scan its GS1 label with the ${tracking === 'serial' ? 'serial number' : 'lot'}, or type it`, { lot: 'Lot required' });
      }
      cands = open.filter((a) => a.lot === lot);
      if (!cands.length && open.length) {
        const reserved = [...new Set(open.map((a) => a.lot))].join(', ');
        return fail('WRONG_LOT', `Wrong lot: ${item.sku} lot ${lot} is not the one reserved for ${o.number} (lot ${reserved})`, { code: 'Wrong lot' }, { scanned: lot, expected: reserved });
      }
    }
    const qty = input.quantity ?? scan.quantity ?? 1;
    const expected = cands.reduce((n, a) => n + a.reserved, 0);
    const packed = cands.reduce((n, a) => n + inBox(a), 0);
    const room = cands.reduce((n, a) => n + Math.max(0, a.reserved - inBox(a)), 0);
    const label = `${item.sku}${lot ? ` lot ${lot}` : ''}`;
    if (qty > room) {
      return fail(
        'OVER_SCAN',
        room === 0
          ? `One too many: ${label} is complete (${packed} of ${expected} packed)`
          : `Too many: only ${room} more × ${label} to pack (${packed} of ${expected} packed), not ${qty}`,
        { quantity: room === 0 ? 'Line complete' : `Only ${room} more` },
        { expected, packed, scanned: qty },
      );
    }
    let left = qty;
    for (const a of cands) {
      const t = Math.min(left, Math.max(0, a.reserved - inBox(a)));
      if (t <= 0) continue;
      addEvent(env, ctx, o.id, 'pack', { lineId: a.line_id, allocationId: a.id, quantity: t, lot: a.lot, code: scan.raw });
      left -= t;
      if (left === 0) break;
    }
    const after = allocationsOf(env.sql, o.id).filter(isOpen);
    const complete = after.every((a) => inBox(a) >= a.reserved);
    if (complete && o.status !== 'packed') {
      setOrder(env, o.id, { status: 'packed', ...resetWeight });
      addEvent(env, ctx, o.id, 'packed', { data: { from: o.status } });
    } else setOrder(env, o.id, resetWeight);
    const now = orderRow(env.sql, o.id);
    const msg = `${qty} × ${item.sku} ${item.name}${lot ? ` lot ${lot}` : ''}: ${packed + qty} of ${expected}${complete ? `. ${o.number} is packed: weigh it` : ''}`;
    return packView(env, now, msg);
  });
}

/** Takes back the last pack scan of a line with a reversing event; the scan itself stays in the history. */
export function packUndo(env: OrdersEnv, ctx: CallContext, input: ParsedInput<'orders.packUndo'>): PackView {
  return env.sql.tx(() => {
    const s = loadOrdersSettings(env.sql);
    const o = orderRow(env.sql, input.orderId);
    assertStatus(o, packable(s), 'change its packing');
    const line = linesOf(env.sql, o.id).find((l) => l.id === input.lineId);
    if (!line) return fail('NOT_FOUND', `${o.number} has no line ${input.lineId}`, { lineId: 'Not a line of this order' });
    const open = new Set(allocationsOf(env.sql, o.id).filter((a) => inBox(a) > 0).map((a) => a.id));
    const last = env.sql
      .all(
        qb
          .selectFrom('order_events as e')
          .select(['e.id', 'e.allocation_id', 'e.quantity', 'e.lot'])
          .where('e.order_id', '=', o.id)
          .where('e.line_id', '=', line.id)
          .where('e.kind', '=', 'pack')
          .where((eb) => eb.not(eb.exists(eb.selectFrom('order_events as u').select('u.id').whereRef('u.reverses_event_id', '=', 'e.id'))))
          .orderBy('e.id', 'desc'),
      )
      .find((e) => e.allocation_id !== null && open.has(e.allocation_id));
    if (!last) return fail('NOTHING_TO_UNDO', `Nothing to undo on ${line.sku}: no pack scan left to take back`, { lineId: 'Nothing packed' });
    addEvent(env, ctx, o.id, 'unpack', { lineId: line.id, allocationId: last.allocation_id, quantity: -(last.quantity ?? 0), lot: last.lot, reversesEventId: last.id });
    const back = o.status === 'packed' ? statusBeforePacked(env, o.id) : o.status;
    setOrder(env, o.id, { status: back, ...resetWeight });
    return packView(env, orderRow(env.sql, o.id), `Undone: ${last.quantity} × ${line.sku}${last.lot ? ` lot ${last.lot}` : ''} taken out`);
  });
}

export function setBox(env: OrdersEnv, ctx: CallContext, input: ParsedInput<'orders.setBox'>): PackView {
  return env.sql.tx(() => {
    const s = loadOrdersSettings(env.sql);
    const o = orderRow(env.sql, input.orderId);
    assertStatus(o, packable(s), 'change its box');
    const b = s.boxes.find((x) => x.code.toUpperCase() === input.box.toUpperCase());
    if (!b) return fail('UNKNOWN_BOX', `There is no box ${input.box} (boxes: ${s.boxes.map((x) => x.code).join(', ') || 'none set up'})`, { box: 'Unknown box' });
    setOrder(env, o.id, { box_code: b.code, ...resetWeight });
    addEvent(env, ctx, o.id, 'box', { data: { box: b.code, weightGrams: b.weightGrams } });
    return packView(env, orderRow(env.sql, o.id), `Box ${b.name} (${b.weightGrams} g)`);
  });
}

function assertPacked(o: OrderDb, action: string): void {
  if (o.status === 'allocated' || o.status === 'picking' || o.status === 'backordered') {
    fail('NOT_PACKED', `${o.number} is not fully packed yet: cannot ${action}`, undefined, { status: o.status });
  }
  assertStatus(o, ['packed'], action);
}

/** Records a scale reading against the expected weight; a mismatch (or an unknown expectation) blocks shipping. */
export function weigh(env: OrdersEnv, ctx: CallContext, input: ParsedInput<'orders.weigh'>): WeightCheck {
  return env.sql.tx(() => {
    const s = loadOrdersSettings(env.sql);
    const o = orderRow(env.sql, input.orderId);
    assertPacked(o, 'weigh it');
    const c = compare(expectedWeight(env, o, s, allocationsOf(env.sql, o.id)), input.grams, s);
    const ok = c.expectedGrams !== null && Math.abs(c.differenceGrams!) <= c.toleranceGrams!;
    const status = ok ? 'ok' : 'mismatch';
    setOrder(env, o.id, { weight_status: status, measured_weight_grams: input.grams, expected_weight_grams: c.expectedGrams, weight_override_reason: null });
    addEvent(env, ctx, o.id, 'weigh', { quantity: input.grams, data: { ...c, status } });
    const full = { status, ...c } as const;
    return { ...full, message: weightMessage(full, null) };
  });
}

export function overrideWeight(env: OrdersEnv, ctx: CallContext, input: ParsedInput<'orders.overrideWeight'>): WeightCheck {
  return env.sql.tx(() => {
    const o = orderRow(env.sql, input.orderId);
    assertPacked(o, 'override its weight');
    if (o.weight_status === 'ok') {
      const c = weightCheckOf(env, o);
      return { ...c, message: `${c.message}: nothing to override` };
    }
    setOrder(env, o.id, { weight_status: 'overridden', weight_override_reason: input.reason });
    addEvent(env, ctx, o.id, 'weight_override', { reason: input.reason, quantity: o.measured_weight_grams });
    return weightCheckOf(env, orderRow(env.sql, o.id));
  });
}

