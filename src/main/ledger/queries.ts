import { sql as raw } from 'kysely';
import type { Balance, CostLayer, Movement, Output, ParsedInput } from '../../shared/api';
import { mulDivRound } from '../../shared/money';
import { qb } from '../db/sql';
import type { LedgerEnv } from './env';

const movementQuery = () =>
  qb
    .selectFrom('movements as m')
    .innerJoin('items as i', 'i.id', 'm.item_id')
    .leftJoin('lots as l', 'l.id', 'm.lot_id')
    .select([
      'm.id',
      'm.operation_id',
      'm.item_id',
      'i.sku',
      'm.lot_id',
      'l.code as lot',
      'l.expiry',
      'm.from_location_id',
      'm.to_location_id',
      'm.quantity',
      'm.unit_cost_minor',
      'm.total_cost_minor',
      'm.reason',
      'm.doc_ref',
      'm.note',
      'm.actor',
      'm.device',
      'm.created_at',
    ]);

type MovementDbRow = Awaited<ReturnType<ReturnType<typeof movementQuery>['executeTakeFirstOrThrow']>>;

function toMovement(env: LedgerEnv, r: MovementDbRow): Movement {
  return {
    id: r.id,
    operationId: r.operation_id,
    itemId: r.item_id,
    sku: r.sku,
    lotId: r.lot_id,
    lot: r.lot ?? null,
    expiry: r.expiry ?? null,
    fromLocationId: r.from_location_id,
    fromPath: env.locs.path(r.from_location_id),
    toLocationId: r.to_location_id,
    toPath: env.locs.path(r.to_location_id),
    quantity: r.quantity,
    unitCostMinor: r.unit_cost_minor,
    totalCostMinor: r.total_cost_minor,
    reason: r.reason as Movement['reason'],
    docRef: r.doc_ref,
    note: r.note,
    actor: r.actor,
    device: r.device,
    createdAt: r.created_at,
  };
}

const movementsOf = (operationId: number) => movementQuery().where('m.operation_id', '=', operationId).orderBy('m.id');

export const movementsOfOperation = (env: LedgerEnv, operationId: number): Movement[] => env.sql.pAll(movementsOf, operationId).map((r) => toMovement(env, r));

export function listMovements(env: LedgerEnv, input: ParsedInput<'stock.movements'>): Movement[] {
  let q = movementQuery();
  if (input.itemId !== undefined) q = q.where('m.item_id', '=', input.itemId);
  if (input.locationId !== undefined) {
    const loc = input.locationId;
    q = q.where((eb) => eb.or([eb('m.from_location_id', '=', loc), eb('m.to_location_id', '=', loc)]));
  }
  if (input.beforeId !== undefined) q = q.where('m.id', '<', input.beforeId);
  return env.sql.all(q.orderBy('m.id', 'desc').limit(input.limit)).map((r) => toMovement(env, r));
}

export function listBalances(env: LedgerEnv, input: ParsedInput<'stock.balances'>): Balance[] {
  let q = qb
    .selectFrom('balances as b')
    .innerJoin('items as i', 'i.id', 'b.item_id')
    .innerJoin('locations as loc', 'loc.id', 'b.location_id')
    .leftJoin('lots as l', 'l.id', 'b.lot_key')
    .select(['b.item_id', 'i.sku', 'i.name', 'b.location_id', 'loc.warehouse_id', 'l.id as lot_id', 'l.code as lot', 'l.expiry', 'b.on_hand', 'b.reserved'])
    .where('loc.kind', '=', 'bin')
    .where((eb) => eb.or([eb('b.on_hand', '!=', 0), eb('b.reserved', '!=', 0)]));
  if (input.itemId !== undefined) q = q.where('b.item_id', '=', input.itemId);
  if (input.locationId !== undefined) q = q.where('b.location_id', '=', input.locationId);
  if (input.warehouseId !== undefined) q = q.where('loc.warehouse_id', '=', input.warehouseId);
  return env.sql
    .all(q.orderBy('i.sku').orderBy('b.location_id').orderBy('b.lot_key'))
    .map((r) => ({
      itemId: r.item_id,
      sku: r.sku,
      name: r.name,
      locationId: r.location_id,
      path: env.locs.path(r.location_id),
      warehouseId: r.warehouse_id,
      lotId: r.lot_id ?? null,
      lot: r.lot ?? null,
      expiry: r.expiry ?? null,
      onHand: r.on_hand,
      reserved: r.reserved,
      available: r.on_hand - r.reserved,
    }))
    .sort((a, b) => a.sku.localeCompare(b.sku) || a.path.localeCompare(b.path, undefined, { numeric: true }) || (a.expiry ?? '').localeCompare(b.expiry ?? ''));
}

export function listLayers(env: LedgerEnv, input: ParsedInput<'stock.layers'>): CostLayer[] {
  let q = qb
    .selectFrom('cost_layers as c')
    .leftJoin('lots as l', 'l.id', 'c.lot_id')
    .select(['c.id', 'c.item_id', 'c.location_id', 'c.lot_id', 'l.code as lot', 'c.received_at', 'c.unit_cost_minor', 'c.quantity_in', 'c.remaining'])
    .where('c.item_id', '=', input.itemId);
  if (!input.all) q = q.where('c.remaining', '!=', 0);
  return env.sql.all(q.orderBy('c.received_at').orderBy('c.id')).map((r) => ({
    id: r.id,
    itemId: r.item_id,
    locationId: r.location_id,
    path: env.locs.path(r.location_id),
    lotId: r.lot_id,
    lot: r.lot ?? null,
    receivedAt: r.received_at,
    unitCostMinor: r.unit_cost_minor,
    quantityIn: r.quantity_in,
    quantityRemaining: r.remaining,
    valueMinor: r.remaining * r.unit_cost_minor,
  }));
}

export function listReservations(env: LedgerEnv, itemId: number): Output<'stock.reservations'> {
  return env.sql
    .all(qb.selectFrom('reservations').selectAll().where('item_id', '=', itemId).where('remaining', '>', 0).orderBy('id'))
    .map((r) => ({
      id: r.id,
      itemId: r.item_id,
      locationId: r.location_id,
      path: env.locs.path(r.location_id),
      lotId: r.lot_id,
      quantity: r.quantity,
      remaining: r.remaining,
      docRef: r.doc_ref,
      createdAt: r.created_at,
    }));
}

/**
 * Stock value now. FIFO: the sum of the open layers (remaining × unit cost). Average: each item's exact running
 * value, shared across its bins in proportion to quantity.
 */
export function valuation(env: LedgerEnv, input: ParsedInput<'stock.valuation'>): Output<'stock.valuation'> {
  const method = env.settings.get().costingMethod;
  let q = qb
    .selectFrom('cost_layers as c')
    .innerJoin('locations as loc', 'loc.id', 'c.location_id')
    .select(['c.item_id', 'c.location_id', (eb) => eb.fn.sum<number>('c.remaining').as('qty'), (eb) => eb.fn.sum<number>(raw`c.remaining * c.unit_cost_minor`).as('value')])
    .where('c.remaining', '!=', 0)
    .groupBy(['c.item_id', 'c.location_id']);
  if (input.itemId !== undefined) q = q.where('c.item_id', '=', input.itemId);
  if (input.locationId !== undefined) q = q.where('c.location_id', '=', input.locationId);
  if (input.warehouseId !== undefined) q = q.where('loc.warehouse_id', '=', input.warehouseId);
  const rows = env.sql.all(q);
  let averages: Map<number, { quantity: number; value: number }> | null = null;
  if (method === 'average') {
    const ids = [...new Set(rows.map((r) => r.item_id))];
    averages = new Map(
      ids.length
        ? env.sql.all(qb.selectFrom('average_costs').selectAll().where('item_id', 'in', ids)).map((a) => [a.item_id, { quantity: a.quantity, value: a.value_minor }])
        : [],
    );
  }
  const byLoc = new Map<number, { quantity: number; valueMinor: number }>();
  for (const r of rows) {
    const qty = Number(r.qty);
    let value = Number(r.value);
    if (averages) {
      const a = averages.get(r.item_id);
      value = a && a.quantity !== 0 ? mulDivRound(a.value, qty, a.quantity) : 0;
    }
    const cur = byLoc.get(r.location_id) ?? { quantity: 0, valueMinor: 0 };
    cur.quantity += qty;
    cur.valueMinor += value;
    byLoc.set(r.location_id, cur);
  }
  const byLocation = [...byLoc.entries()]
    .map(([locationId, v]) => ({ locationId, path: env.locs.path(locationId), ...v }))
    .sort((a, b) => a.path.localeCompare(b.path, undefined, { numeric: true }));
  return {
    method,
    quantity: byLocation.reduce((s, l) => s + l.quantity, 0),
    valueMinor: byLocation.reduce((s, l) => s + l.valueMinor, 0),
    byLocation,
  };
}

/** Where to pick a quantity from: earliest expiry first, then oldest receipt, available stock only. */
export function fefo(env: LedgerEnv, input: ParsedInput<'stock.fefo'>): Output<'stock.fefo'> {
  let q = qb
    .selectFrom('balances as b')
    .innerJoin('locations as loc', 'loc.id', 'b.location_id')
    .leftJoin('lots as l', 'l.id', 'b.lot_key')
    .select([
      'b.location_id',
      'l.id as lot_id',
      'l.code as lot',
      'l.expiry',
      'b.on_hand',
      'b.reserved',
      (eb) =>
        eb
          .selectFrom('cost_layers as c')
          .select((e) => e.fn.min<string>('c.received_at').as('r'))
          .whereRef('c.item_id', '=', 'b.item_id')
          .whereRef('c.location_id', '=', 'b.location_id')
          .where('c.remaining', '>', 0)
          .as('oldest'),
    ])
    .where('b.item_id', '=', input.itemId)
    .where('loc.kind', '=', 'bin')
    .where(raw<boolean>`b.on_hand - b.reserved > 0`);
  if (input.warehouseId !== undefined) q = q.where('loc.warehouse_id', '=', input.warehouseId);
  const rows = env.sql.all(q).sort(
    (a, b) =>
      (a.expiry ?? '9999-12-31').localeCompare(b.expiry ?? '9999-12-31') ||
      (a.oldest ?? '').localeCompare(b.oldest ?? '') ||
      env.locs.path(a.location_id).localeCompare(env.locs.path(b.location_id), undefined, { numeric: true }),
  );
  const picks: Output<'stock.fefo'>['picks'] = [];
  let left = input.quantity;
  for (const r of rows) {
    if (left === 0) break;
    const take = Math.min(left, r.on_hand - r.reserved);
    picks.push({ locationId: r.location_id, path: env.locs.path(r.location_id), lotId: r.lot_id ?? null, lot: r.lot ?? null, expiry: r.expiry ?? null, quantity: take });
    left -= take;
  }
  return { picks, shortBy: left };
}
