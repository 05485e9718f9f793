import type { Movement, Output, ParsedInput } from '../../shared/api';
import { fail } from '../../shared/errors';
import type { CallContext } from '../core/context';
import { qb } from '../db/sql';
import { movementsOfOperation } from '../ledger/queries';
import { issue } from '../ledger/stock-ops';
import type { OrdersEnv } from './env';
import { toleranceOf, weightCheckOf } from './packing';
import { addEvent, allocationsOf, assertStatus, inBox, isOpen, linesOf, orderRow, setOrder, shipToOf, toOrder } from './repo';
import { loadOrdersSettings } from './settings';

type ShipResult = Output<'orders.ship'>;

function replay(env: OrdersEnv, orderId: number): ShipResult {
  const e = env.sql.one(qb.selectFrom('order_events').select('data').where('order_id', '=', orderId).where('kind', '=', 'ship').orderBy('id', 'desc').limit(1));
  const d = JSON.parse(e!.data!) as { operations: number[]; cogsMinor: number };
  return { order: toOrder(env, orderRow(env.sql, orderId)), movements: d.operations.flatMap((op) => movementsOfOperation(env, op)), cogsMinor: d.cogsMinor, replayed: true };
}

/**
 * Ships a packed order in one transaction: every reservation is issued to the customer location through the ledger
 * (which re-checks, inside this transaction, that the units are still reserved and on hand), cost of goods is taken
 * from the movements, the order is marked shipped. If anything is refused, nothing at all is shipped.
 */
export function shipOrder(env: OrdersEnv, ctx: CallContext, input: ParsedInput<'orders.ship'>): ShipResult {
  return env.sql.tx(() => {
    const s = loadOrdersSettings(env.sql);
    const o = orderRow(env.sql, input.orderId);
    // The same shipment sent again (a retry after a lost answer) returns what was done the first time.
    if ((o.status === 'shipped' || o.status === 'partially_shipped') && o.tracking_number === input.trackingNumber && o.carrier === input.carrier) {
      return replay(env, o.id);
    }
    if (o.status === 'allocated' || o.status === 'picking' || o.status === 'backordered') {
      const left = allocationsOf(env.sql, o.id)
        .filter(isOpen)
        .reduce((n, a) => n + Math.max(0, a.reserved - inBox(a)), 0);
      fail('NOT_PACKED', `${o.number} is not fully packed: ${left} unit${left === 1 ? '' : 's'} still to pack`, undefined, { unpacked: left });
    }
    assertStatus(o, ['packed'], 'ship');
    const allocs = allocationsOf(env.sql, o.id).filter(isOpen);
    const lines = new Map(linesOf(env.sql, o.id).map((l) => [l.id, l]));
    for (const a of allocs) {
      const l = lines.get(a.line_id)!;
      if (inBox(a) > a.reserved) {
        fail(
          'RESERVATION_LOST',
          `${inBox(a)} × ${l.sku} from ${env.locs.path(a.location_id)} are packed but only ${a.reserved} are still reserved for ${o.number}: the reservation was released elsewhere. Unpack them, or allocate again`,
          undefined,
          { allocationId: a.id, packed: inBox(a), reserved: a.reserved },
        );
      }
      if (inBox(a) < a.reserved) fail('NOT_PACKED', `${o.number}: ${a.reserved - inBox(a)} × ${l.sku} still to pack`);
    }
    if (!allocs.length) fail('NOT_PACKED', `${o.number} has nothing packed to ship`);

    if (s.requireWeighing) {
      const w = weightCheckOf(env, o, s);
      if (w.status === 'mismatch') fail('WEIGHT_MISMATCH', `${o.number} cannot ship: ${w.message}`, undefined, { expectedGrams: w.expectedGrams, measuredGrams: w.measuredGrams });
      if (w.status === 'none') {
        // Not weighed at the bench: the weight given for the label is the weighing, checked the same way.
        const diff = w.expectedGrams === null ? null : input.weightGrams - w.expectedGrams;
        if (diff === null || Math.abs(diff) > toleranceOf(w.expectedGrams!, s)) {
          fail(
            'WEIGHT_MISMATCH',
            w.expectedGrams === null
              ? `${o.number} cannot ship: the expected weight is unknown (no weight for ${w.missingWeights.join(', ')}); override with a reason`
              : `${o.number} cannot ship: ${input.weightGrams} g, expected ${w.expectedGrams} g ± ${toleranceOf(w.expectedGrams, s)} g. Check the parcel, or override with a reason`,
            { weightGrams: 'Does not match the expected weight' },
            { expectedGrams: w.expectedGrams, measuredGrams: input.weightGrams },
          );
        }
        setOrder(env, o.id, { weight_status: 'ok', measured_weight_grams: input.weightGrams, expected_weight_grams: w.expectedGrams });
        addEvent(env, ctx, o.id, 'weigh', { quantity: input.weightGrams, data: { expectedGrams: w.expectedGrams, atShipping: true } });
      }
    }

    const operations: number[] = [];
    const movements: Movement[] = [];
    const perLine = new Map<number, { qty: number; cogs: number }>();
    for (const a of allocs) {
      const r = issue(env, ctx, {
        itemId: a.item_id,
        locationId: a.location_id,
        quantity: a.reserved,
        reservationId: a.reservation_id,
        docRef: o.number,
        note: `${input.carrier} ${input.trackingNumber}`,
        idempotencyKey: `order:${o.id}:ship:allocation:${a.id}`,
      });
      if (r.replayed) fail('INTERNAL', `Allocation ${a.id} of ${o.number} was shipped before`);
      operations.push(r.operationId);
      movements.push(...r.movements);
      const cogs = r.movements.reduce((n, m) => n + m.totalCostMinor, 0);
      const p = perLine.get(a.line_id) ?? { qty: 0, cogs: 0 };
      p.qty += a.reserved;
      p.cogs += cogs;
      perLine.set(a.line_id, p);
      env.sql.run(qb.updateTable('order_allocations').set({ shipped: a.shipped + a.reserved }).where('id', '=', a.id));
    }
    let complete = true;
    for (const l of lines.values()) {
      const p = perLine.get(l.id) ?? { qty: 0, cogs: 0 };
      if (p.qty) env.sql.run(qb.updateTable('sales_order_lines').set({ shipped: l.shipped + p.qty, cogs_minor: l.cogs_minor + p.cogs }).where('id', '=', l.id));
      if (l.shipped + p.qty < l.quantity) complete = false;
    }
    const cogsMinor = movements.reduce((n, m) => n + m.totalCostMinor, 0);
    setOrder(env, o.id, {
      status: complete ? 'shipped' : 'partially_shipped',
      carrier: input.carrier,
      service: input.service,
      tracking_number: input.trackingNumber,
      shipped_weight_grams: input.weightGrams,
      shipped_at: env.clock.now().toISOString(),
      tote: null,
    });
    addEvent(env, ctx, o.id, 'ship', {
      data: { carrier: input.carrier, service: input.service, trackingNumber: input.trackingNumber, weightGrams: input.weightGrams, operations, cogsMinor },
    });
    return { order: toOrder(env, orderRow(env.sql, o.id)), movements, cogsMinor, replayed: false };
  });
}

/** What the 4×6 label and the packing slip print; the label part is null until carrier, service, tracking and weight are known. */
export function labelData(env: OrdersEnv, ctx: CallContext, input: ParsedInput<'orders.labelData'>): Output<'orders.labelData'> {
  const o = orderRow(env.sql, input.orderId);
  const s = loadOrdersSettings(env.sql);
  const carrier = input.carrier ?? o.carrier;
  const service = input.service ?? o.service;
  const trackingNumber = input.trackingNumber ?? o.tracking_number;
  const grams = input.weightGrams ?? o.shipped_weight_grams ?? o.measured_weight_grams;
  const missing = [!carrier && 'carrier', !service && 'service', !trackingNumber && 'trackingNumber', grams === null && 'weight'].filter((x): x is string => !!x);
  const shipTo = shipToOf(o);
  const allocs = allocationsOf(env.sql, o.id);
  const open = allocs.filter(isOpen);
  // The slip lists what is in this parcel: the open allocations before shipping, what was shipped after.
  const slipLines = linesOf(env.sql, o.id)
    .map((l) => {
      const mine = (open.length ? open : allocs).filter((a) => a.line_id === l.id);
      const quantity = open.length ? mine.reduce((n, a) => n + a.reserved, 0) : l.shipped;
      return {
        sku: l.sku,
        name: l.name,
        quantity,
        lots: [...new Set(mine.map((a) => a.lot).filter((x): x is string => x !== null))],
        unitPriceMinor: l.unit_price_minor,
        totalMinor: quantity * l.unit_price_minor,
      };
    })
    .filter((l) => l.quantity > 0);
  return {
    shipping:
      missing.length === 0
        ? {
            ...(s.shipFrom && { shipFrom: s.shipFrom }),
            shipTo,
            orderNumber: o.number,
            carrier: carrier!,
            service: service!,
            trackingNumber: trackingNumber!,
            weight: { value: grams! / 1000, unit: 'kg' as const },
          }
        : null,
    missing,
    packingSlip: {
      companyName: env.settings.get().companyName,
      orderNumber: o.number,
      date: (o.shipped_at ?? env.clock.now().toISOString()).slice(0, 10),
      customerName: o.customer_name,
      shipTo,
      shipFrom: s.shipFrom,
      currency: o.currency,
      lines: slipLines,
      totalMinor: slipLines.reduce((n, l) => n + l.totalMinor, 0),
      packedBy: packedBy(env, ctx, o.id),
    },
  };
}

/** "station / user" of the last pack scan of the order; the caller when nothing was scanned yet. */
function packedBy(env: OrdersEnv, ctx: CallContext, orderId: number): string {
  const last = env.sql.one(
    qb.selectFrom('order_events').select(['actor', 'device']).where('order_id', '=', orderId).where('kind', '=', 'pack').orderBy('id', 'desc').limit(1),
  );
  const who = last ?? ctx;
  return who.device && who.device !== who.actor ? `${who.device} / ${who.actor}` : who.actor;
}
