import { DEFAULT_AGE_BUCKETS, type Output, type ParsedInput } from '../../shared/api';
import { qb } from '../db/sql';
import type { LedgerEnv } from '../ledger/env';
import { DAY_MS, locationInScope } from './schedule';

/**
 * Stock aging from the open FIFO layers: a layer's received_at is kept when stock is transferred, so age is days since
 * the units came into the business, wherever they are now. Age is whole days (UTC) at the clock's now; buckets are
 * 0–b1, b1+1–b2, …, > last bound. Value is remaining × the layer's unit cost.
 *
 * Last sale = the latest issue to the customer. Dead stock: items with stock whose idle days (since the last sale, or
 * since the oldest open layer's receipt when never sold) reach deadDays. Clearance: items holding stock at least
 * clearanceMinDays old (default: from the second-oldest bucket), largest value at stake first.
 */

type Out = Output<'counts.aging'>;

export function stockAging(env: LedgerEnv, input: ParsedInput<'counts.aging'>): Out {
  const now = env.clock.now();
  const nowMs = now.getTime();
  const bounds = [...new Set(input.buckets ?? DEFAULT_AGE_BUCKETS)].sort((a, b) => a - b);
  const buckets: Out['buckets'] = bounds.map((b, i) => {
    const min = i === 0 ? 0 : bounds[i - 1]! + 1;
    return { label: `${min}–${b}`, minDays: min, maxDays: b, quantity: 0, valueMinor: 0 };
  });
  buckets.push({ label: `>${bounds[bounds.length - 1]}`, minDays: bounds[bounds.length - 1]! + 1, maxDays: null, quantity: 0, valueMinor: 0 });
  const bucketOf = (age: number): number => {
    const i = bounds.findIndex((b) => age <= b);
    return i === -1 ? bounds.length : i;
  };
  const deadDays = input.deadDays ?? 180;
  const clearanceMin = input.clearanceMinDays ?? buckets[Math.max(0, buckets.length - 2)]!.minDays;
  const ageOf = (at: string): number => Math.max(0, Math.floor((nowMs - new Date(at).getTime()) / DAY_MS));

  let lq = qb
    .selectFrom('cost_layers as c')
    .innerJoin('items as i', 'i.id', 'c.item_id')
    .select(['c.item_id', 'i.sku', 'i.name', 'c.location_id', 'c.received_at', 'c.remaining', 'c.unit_cost_minor'])
    .where('c.remaining', '>', 0)
    .orderBy('c.item_id')
    .orderBy('c.location_id')
    .orderBy('c.received_at');
  if (input.itemId !== undefined) lq = lq.where('c.item_id', '=', input.itemId);
  const layers = env.sql.all(lq).filter((l) => locationInScope(env, l.location_id, input));

  const rows = new Map<string, Out['rows'][number]>();
  interface ItemAcc {
    itemId: number;
    sku: string;
    name: string;
    quantity: number;
    valueMinor: number;
    oldestReceivedAt: string;
    clearQty: number;
    clearValue: number;
  }
  const items = new Map<number, ItemAcc>();
  for (const l of layers) {
    const age = ageOf(l.received_at);
    const bi = bucketOf(age);
    const value = l.remaining * l.unit_cost_minor;
    buckets[bi]!.quantity += l.remaining;
    buckets[bi]!.valueMinor += value;
    const key = `${l.item_id}:${l.location_id}`;
    let r = rows.get(key);
    if (!r) {
      r = {
        itemId: l.item_id,
        sku: l.sku,
        locationId: l.location_id,
        path: env.locs.path(l.location_id),
        quantity: 0,
        valueMinor: 0,
        oldestReceivedAt: l.received_at,
        buckets: buckets.map(() => ({ quantity: 0, valueMinor: 0 })),
      };
      rows.set(key, r);
    }
    r.quantity += l.remaining;
    r.valueMinor += value;
    if (l.received_at < r.oldestReceivedAt) r.oldestReceivedAt = l.received_at;
    r.buckets[bi]!.quantity += l.remaining;
    r.buckets[bi]!.valueMinor += value;
    let it = items.get(l.item_id);
    if (!it) items.set(l.item_id, (it = { itemId: l.item_id, sku: l.sku, name: l.name, quantity: 0, valueMinor: 0, oldestReceivedAt: l.received_at, clearQty: 0, clearValue: 0 }));
    it.quantity += l.remaining;
    it.valueMinor += value;
    if (l.received_at < it.oldestReceivedAt) it.oldestReceivedAt = l.received_at;
    if (age >= clearanceMin) {
      it.clearQty += l.remaining;
      it.clearValue += value;
    }
  }

  const customer = env.locs.virtual('customer').id;
  const lastSale = new Map<number, string>();
  if (items.size) {
    for (const s of env.sql.all(
      qb
        .selectFrom('movements')
        .select(['item_id', (eb) => eb.fn.max('created_at').as('last')])
        .where('reason', '=', 'issue')
        .where('to_location_id', '=', customer)
        .where('item_id', 'in', [...items.keys()])
        .groupBy('item_id'),
    )) {
      lastSale.set(s.item_id, String(s.last));
    }
  }

  const itemRows: Out['items'] = [];
  const dead: Out['dead'] = [];
  const clearance: Out['clearance'] = [];
  for (const it of [...items.values()].sort((a, b) => a.sku.localeCompare(b.sku))) {
    const lastSaleAt = lastSale.get(it.itemId) ?? null;
    const idleDays = ageOf(lastSaleAt ?? it.oldestReceivedAt);
    const isDead = idleDays >= deadDays;
    itemRows.push({
      itemId: it.itemId,
      sku: it.sku,
      name: it.name,
      quantity: it.quantity,
      valueMinor: it.valueMinor,
      oldestReceivedAt: it.oldestReceivedAt,
      lastSaleAt,
      daysSinceSale: lastSaleAt === null ? null : idleDays,
      dead: isDead,
    });
    if (isDead) dead.push({ itemId: it.itemId, sku: it.sku, quantity: it.quantity, valueMinor: it.valueMinor, lastSaleAt, idleDays });
    if (it.clearQty > 0) {
      clearance.push({ itemId: it.itemId, sku: it.sku, quantity: it.clearQty, valueMinor: it.clearValue, oldestAgeDays: ageOf(it.oldestReceivedAt), lastSaleAt, dead: isDead });
    }
  }
  dead.sort((a, b) => b.valueMinor - a.valueMinor || a.sku.localeCompare(b.sku));
  clearance.sort((a, b) => b.valueMinor - a.valueMinor || a.sku.localeCompare(b.sku));
  return { asOf: now.toISOString(), buckets, rows: [...rows.values()], items: itemRows, dead, clearance };
}
