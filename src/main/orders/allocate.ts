import { sql as raw } from 'kysely';
import type { Order, OrderStatus } from '../../shared/api/orders';
import type { CallContext } from '../core/context';
import { qb } from '../db/sql';
import { reserve } from '../ledger/stock-ops';
import type { OrdersEnv } from './env';
import { naturalCompare } from './natural-sort';
import { addEvent, allocationsOf, assertStatus, linesOf, orderRow, setOrder, toOrder, type LineState, type OrderDb } from './repo';
import { loadOrdersSettings } from './settings';

interface LineIssue {
  code: 'short' | 'item_inactive' | 'picked_short';
  message: string;
  shortBy: number;
}

interface Warehouse {
  id: number;
  code: string;
}

/** Available stock of an item in one bin (and lot), with what decides its turn: expiry, then receipt age, then path. */
interface Candidate {
  key: string;
  locationId: number;
  warehouseId: number;
  lotId: number | null;
  lot: string | null;
  expiry: string | null;
  oldest: string | null;
  path: string;
  onHand: number;
  reserved: number;
}

interface Pick {
  c: Candidate;
  quantity: number;
}

const keyOf = (locationId: number, lotId: number | null): string => `${locationId}:${lotId ?? 0}`;

const binBalances = (itemId: number) =>
  qb
    .selectFrom('balances as b')
    .innerJoin('locations as loc', 'loc.id', 'b.location_id')
    .leftJoin('lots as l', 'l.id', 'b.lot_key')
    .select([
      'b.location_id',
      'loc.warehouse_id',
      'l.id as lot_id',
      'l.code as lot',
      'l.expiry',
      'b.on_hand',
      'b.reserved',
      raw<string | null>`(SELECT min(c.received_at) FROM cost_layers c WHERE c.item_id = b.item_id AND c.location_id = b.location_id AND coalesce(c.lot_id, 0) = b.lot_key AND c.remaining > 0)`.as(
        'oldest',
      ),
    ])
    .where('b.item_id', '=', itemId)
    .where('loc.kind', '=', 'bin');

/** Bins of an item, first expiry first (no expiry last), then oldest receipt (FIFO), then path in natural order. */
function candidatesOf(env: OrdersEnv, itemId: number): Candidate[] {
  return env.sql
    .pAll(binBalances, itemId)
    .filter((r) => r.warehouse_id !== null)
    .map((r) => ({
      key: keyOf(r.location_id, r.lot_id ?? null),
      locationId: r.location_id,
      warehouseId: r.warehouse_id!,
      lotId: r.lot_id ?? null,
      lot: r.lot ?? null,
      expiry: r.expiry ?? null,
      oldest: r.oldest,
      path: env.locs.path(r.location_id),
      onHand: r.on_hand,
      reserved: r.reserved,
    }))
    .sort(
      (a, b) =>
        (a.expiry ?? '9999-12-31').localeCompare(b.expiry ?? '9999-12-31') ||
        (a.oldest ?? '9999').localeCompare(b.oldest ?? '9999') ||
        naturalCompare(a.path, b.path) ||
        (a.lotId ?? 0) - (b.lotId ?? 0),
    );
}

/** Bins (and lots) a line must not be allocated from again: where a picker found fewer than the ledger said. */
function exclusions(env: OrdersEnv, orderId: number): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>();
  for (const e of env.sql.all(qb.selectFrom('order_events').select(['line_id', 'data']).where('order_id', '=', orderId).where('kind', '=', 'pick_short'))) {
    if (e.line_id === null || !e.data) continue;
    const d = JSON.parse(e.data) as { locationId: number; lotId: number | null };
    const set = out.get(e.line_id) ?? new Set<string>();
    set.add(keyOf(d.locationId, d.lotId));
    out.set(e.line_id, set);
  }
  return out;
}

/** Where an item's stock is and who holds it, per warehouse, for the "why not" sentence. */
function shortMessage(env: OrdersEnv, line: LineState, shortBy: number, warehouses: Warehouse[]): string {
  const rows = candidatesOf(env, line.item_id);
  const holders = env.sql.all(
    qb
      .selectFrom('reservations as r')
      .innerJoin('locations as loc', 'loc.id', 'r.location_id')
      .select(['loc.warehouse_id', 'r.doc_ref'])
      .where('r.item_id', '=', line.item_id)
      .where('r.remaining', '>', 0)
      .groupBy(['loc.warehouse_id', 'r.doc_ref'])
      .orderBy('r.doc_ref'),
  );
  const parts = warehouses.map((w) => {
    const here = rows.filter((r) => r.warehouseId === w.id);
    const onHand = here.reduce((s, r) => s + Math.max(0, r.onHand), 0);
    const reserved = here.reduce((s, r) => s + r.reserved, 0);
    if (onHand === 0) return `${w.code}: none on hand`;
    const refs = holders.filter((h) => h.warehouse_id === w.id && h.doc_ref).map((h) => h.doc_ref!);
    const who = refs.length ? ` for ${refs.slice(0, 3).join(', ')}${refs.length > 3 ? ` and ${refs.length - 3} more` : ''}` : '';
    return `${w.code}: ${onHand} on hand, ${reserved} reserved${who}`;
  });
  return `Short by ${shortBy} × ${line.sku} in every warehouse (${parts.length ? parts.join('; ') : 'there is no warehouse'})`;
}

export interface AllocateOptions {
  /** Re-allocation during picking: a fully allocated order stays in picking. */
  keepStatus?: boolean;
}

/**
 * Reserves what an order still needs, inside the caller's transaction, through the ledger's stock.reserve (which
 * re-checks availability and chooses the lots first-expiry-first-out within each bin).
 *
 * Where from: the first warehouse by priority (lowest number first) that can fill every line; failing that, line by
 * line, the first warehouse that can fill the line alone, else the warehouses in priority order. Within a warehouse,
 * bins by first expiry, then oldest stock, then path. What cannot be reserved is recorded on the line with why.
 */
export function allocateCore(env: OrdersEnv, ctx: CallContext, o: OrderDb, opts: AllocateOptions = {}): void {
  const settings = loadOrdersSettings(env.sql);
  const lines = linesOf(env.sql, o.id);
  const reservedOf = new Map<number, number>();
  for (const a of allocationsOf(env.sql, o.id)) reservedOf.set(a.line_id, (reservedOf.get(a.line_id) ?? 0) + a.reserved);
  const warehouses: Warehouse[] = env.sql.all(qb.selectFrom('warehouses').select(['id', 'code']).orderBy('priority').orderBy('code').orderBy('id'));
  const excluded = exclusions(env, o.id);
  const issues = new Map<number, LineIssue[]>();
  const cands = new Map<number, Candidate[]>();
  const work: { line: LineState; need: number; cands: Candidate[] }[] = [];
  for (const l of lines) {
    const need = l.quantity - l.shipped - (reservedOf.get(l.id) ?? 0);
    if (need <= 0) continue;
    if (!l.active) {
      issues.set(l.id, [{ code: 'item_inactive', message: `${l.sku} is inactive: it cannot be allocated`, shortBy: need }]);
      continue;
    }
    if (!cands.has(l.item_id)) cands.set(l.item_id, candidatesOf(env, l.item_id));
    const ex = excluded.get(l.id);
    work.push({ line: l, need, cands: cands.get(l.item_id)!.filter((c) => !ex?.has(c.key)) });
  }
  const avail0 = new Map<string, number>();
  for (const list of cands.values()) for (const c of list) avail0.set(c.key, Math.max(0, c.onHand - c.reserved));

  const take = (avail: Map<string, number>, w: (typeof work)[number], from: Warehouse[]): Pick[] => {
    const picks: Pick[] = [];
    let left = w.need;
    for (const wh of from) {
      for (const c of w.cands) {
        if (left === 0) break;
        if (c.warehouseId !== wh.id) continue;
        const a = avail.get(c.key) ?? 0;
        const t = Math.min(a, left);
        if (t <= 0) continue;
        picks.push({ c, quantity: t });
        avail.set(c.key, a - t);
        left -= t;
      }
    }
    return picks;
  };
  const sum = (p: Pick[]): number => p.reduce((s, x) => s + x.quantity, 0);

  let plan: Map<number, Pick[]> | null = null;
  let mode = 'split';
  for (const wh of warehouses) {
    if (!work.length) break;
    const avail = new Map(avail0);
    const p = new Map<number, Pick[]>();
    const whole = work.every((w) => {
      const picks = take(avail, w, [wh]);
      p.set(w.line.id, picks);
      return sum(picks) === w.need;
    });
    if (whole) {
      plan = p;
      mode = `whole order from ${wh.code}`;
      break;
    }
  }
  if (!plan) {
    plan = new Map();
    let avail = new Map(avail0);
    for (const w of work) {
      let picks: Pick[] | null = null;
      for (const wh of warehouses) {
        const trial = new Map(avail);
        const p = take(trial, w, [wh]);
        if (sum(p) === w.need) {
          picks = p;
          avail = trial;
          break;
        }
      }
      plan.set(w.line.id, picks ?? take(avail, w, warehouses));
    }
  }

  const complete = work.every((w) => sum(plan.get(w.line.id) ?? []) === w.need) && issues.size === 0;
  const reservedNow: { lineId: number; locationId: number; lot: string | null; quantity: number }[] = [];
  const reservedAny = complete || settings.reservePartial;
  if (reservedAny) {
    for (const w of work) {
      const picks = plan.get(w.line.id) ?? [];
      // One reservation request per bin; the ledger picks the lots there (FEFO). Where a lot of the bin was found
      // short for this line, the lot is named so the ledger cannot pick the missing units again.
      const ex = excluded.get(w.line.id);
      const groups = new Map<string, { locationId: number; lot: string | null; quantity: number }>();
      for (const p of picks) {
        const binHasExcluded = ex ? [...ex].some((k) => k.startsWith(`${p.c.locationId}:`)) : false;
        const gk = binHasExcluded ? p.c.key : String(p.c.locationId);
        const g = groups.get(gk) ?? { locationId: p.c.locationId, lot: binHasExcluded ? p.c.lot : null, quantity: 0 };
        g.quantity += p.quantity;
        groups.set(gk, g);
      }
      for (const g of groups.values()) {
        const r = reserve(env, ctx, {
          itemId: w.line.item_id,
          locationId: g.locationId,
          quantity: g.quantity,
          docRef: o.number,
          note: `${o.number} line ${w.line.position}`,
          ...(g.lot !== null && { lot: g.lot }),
        });
        for (const rid of r.reservationIds) {
          const res = env.sql.one(qb.selectFrom('reservations').select(['location_id', 'lot_id', 'quantity']).where('id', '=', rid))!;
          env.sql.run(
            qb.insertInto('order_allocations').values({
              order_id: o.id,
              line_id: w.line.id,
              reservation_id: rid,
              warehouse_id: env.locs.get(res.location_id)!.warehouse_id!,
              location_id: res.location_id,
              lot_id: res.lot_id,
              quantity: res.quantity,
              created_at: env.clock.now().toISOString(),
            }),
          );
          reservedNow.push({ lineId: w.line.id, locationId: res.location_id, lot: g.lot, quantity: res.quantity });
        }
      }
    }
  }

  const after = new Map<number, number>();
  for (const a of allocationsOf(env.sql, o.id)) after.set(a.line_id, (after.get(a.line_id) ?? 0) + a.reserved);
  let short = false;
  for (const l of lines) {
    const missing = l.quantity - l.shipped - (after.get(l.id) ?? 0);
    if (missing > 0) {
      short = true;
      if (!issues.has(l.id)) {
        const found = excluded.has(l.id) ? [{ code: 'picked_short' as const, message: `${l.sku} was found short at picking`, shortBy: missing }] : [];
        // Without partial reservations nothing was reserved: say whether this line lacks stock or only waits for others.
        const lacking = reservedAny ? missing : missing - sum(plan.get(l.id) ?? []);
        const message =
          lacking > 0
            ? shortMessage(env, l, lacking, warehouses)
            : `${missing} × ${l.sku} not reserved: the order cannot be filled completely and partial reservations are off`;
        issues.set(l.id, [...found, { code: 'short', message, shortBy: missing }]);
      }
    }
    env.sql.run(qb.updateTable('sales_order_lines').set({ issues: issues.has(l.id) ? JSON.stringify(issues.get(l.id)) : null }).where('id', '=', l.id));
  }
  const note = short ? lines.flatMap((l) => issues.get(l.id) ?? []).filter((i) => i.code !== 'picked_short').map((i) => i.message).join('; ') : null;
  const status: OrderStatus = !short ? (opts.keepStatus ? o.status : 'allocated') : settings.whenShort === 'backorder' ? 'backordered' : 'new';
  setOrder(env, o.id, { status, allocation_note: note });
  addEvent(env, ctx, o.id, 'allocate', { reason: note, data: { mode: work.length ? mode : 'nothing to do', status, reserved: reservedNow } });
}

export const ALLOCATABLE: readonly OrderStatus[] = ['new', 'backordered', 'partially_shipped', 'allocated'];

export function allocateOrder(env: OrdersEnv, ctx: CallContext, orderId: number): Order {
  return env.sql.tx(() => {
    const o = orderRow(env.sql, orderId);
    assertStatus(o, ALLOCATABLE, 'allocate');
    allocateCore(env, ctx, o);
    return toOrder(env, orderRow(env.sql, orderId));
  });
}

/** Oldest first, so an older order is served before a newer one competing for the same units. */
export function allocateAll(env: OrdersEnv, ctx: CallContext) {
  return env.sql.tx(() => {
    const ids = env.sql.all(qb.selectFrom('sales_orders').select('id').where('status', 'in', ['new', 'backordered']).orderBy('id'));
    return {
      orders: ids.map(({ id }) => {
        allocateCore(env, ctx, orderRow(env.sql, id));
        const o = orderRow(env.sql, id);
        return { orderId: id, number: o.number, status: o.status, allocationNote: o.allocation_note };
      }),
    };
  });
}
