import { sql as raw } from 'kysely';
import { addDays } from '../planning/history/dates';
import { qb } from '../db/sql';
import type { LedgerEnv } from '../ledger/env';

/**
 * FIFO valuation as of any past instant, rebuilt from the ledger's append-only records rather than from today's
 * layers:
 * - a layer appears when the movement that made it was posted (a receipt, a found adjustment, the put side of a
 *   transfer), or, for a layer re-opened by landed cost, when its cost adjustment was recorded;
 * - it shrinks by each layer consumption, at the time of the consuming movement, and by each 'revalue' adjustment
 *   (the old layer closes as the new, dearer one opens);
 * - a negative layer (stock taken beyond what was there, where allowed) is filled by the next put into its bin, lot
 *   and item, at that movement's time: the units a put brings that did not become a layer of its own.
 * Value = Σ remaining × unit cost over the layers at that instant, integers throughout, so it is exact to the minor
 * unit, and as of now it equals the live valuation (Σ open layers).
 *
 * Days are UTC calendar days of the ledger timestamps (as in planning): "as of 2026-03-31" is the close of that day,
 * every record stamped before 2026-04-01T00:00:00Z.
 */

export interface ValuationScope {
  itemId?: number;
  category?: string;
  warehouseId?: number;
  locationId?: number;
}

/** An instant: a day (its close) or an ISO timestamp (inclusive). */
export type AsOf = string;

/** Returns a test "is this timestamp on or before the instant". */
export function onOrBefore(asOf: AsOf): (at: string) => boolean {
  if (/^\d{4}-\d{2}-\d{2}$/.test(asOf)) {
    const next = addDays(asOf, 1);
    return (at) => at < next;
  }
  return (at) => at <= asOf;
}

interface Ev {
  at: string;
  op: number;
  /** 0 = movement-driven, 1 = cost adjustment: adjustments follow the movements of their own operation. */
  group: number;
  id: number;
  /** Within one movement: take (0), fill negatives (1), new layers (2). */
  phase: number;
  apply: () => void;
}

export interface ItemLocationValue {
  itemId: number;
  locationId: number;
  quantity: number;
  valueMinor: number;
}

const cmp = (a: Ev, b: Ev): number =>
  (a.at < b.at ? -1 : a.at > b.at ? 1 : 0) || a.op - b.op || a.group - b.group || a.id - b.id || a.phase - b.phase;

/**
 * Replays the layer history of the items in scope in time order; advanceTo(asOf) moves it forward, so a series of
 * daily closes costs one pass over the history, not one per day.
 */
export class ValuationReplay {
  private readonly events: Ev[] = [];
  private next = 0;
  private readonly remaining = new Map<number, number>();
  private readonly cells = new Map<string, ItemLocationValue>();
  private readonly inScope: (locationId: number) => boolean;
  total = { quantity: 0, valueMinor: 0 };

  constructor(env: LedgerEnv, scope: ValuationScope, until?: AsOf) {
    const locs = env.locs;
    this.inScope = (locationId) => {
      if (scope.locationId !== undefined && locationId !== scope.locationId) return false;
      if (scope.warehouseId !== undefined && locs.get(locationId)?.warehouse_id !== scope.warehouseId) return false;
      return true;
    };
    const keep = until === undefined ? () => true : onOrBefore(until);
    const sql = env.sql;

    let layersQ = qb
      .selectFrom('cost_layers as c')
      .innerJoin('movements as m', 'm.id', 'c.movement_id')
      .innerJoin('items as i', 'i.id', 'c.item_id')
      .select(['c.id', 'c.item_id', 'c.location_id', 'c.lot_id', 'c.unit_cost_minor', 'c.quantity_in', 'c.movement_id', 'm.created_at', 'm.operation_id', 'm.to_location_id']);
    if (scope.itemId !== undefined) layersQ = layersQ.where('c.item_id', '=', scope.itemId);
    if (scope.category !== undefined) layersQ = layersQ.where('i.category', '=', scope.category);
    const layers = sql.all(layersQ);
    const layerById = new Map(layers.map((l) => [l.id, l]));

    let revQ = qb
      .selectFrom('cost_adjustments as a')
      .innerJoin('items as i', 'i.id', 'a.item_id')
      .select(['a.id', 'a.layer_id', 'a.new_layer_id', 'a.quantity', 'a.created_at', 'a.operation_id'])
      .where('a.kind', '=', 'revalue');
    if (scope.itemId !== undefined) revQ = revQ.where('a.item_id', '=', scope.itemId);
    if (scope.category !== undefined) revQ = revQ.where('i.category', '=', scope.category);
    const revalues = sql.all(revQ);
    const revaluedInto = new Set(revalues.map((r) => r.new_layer_id!));

    let consQ = qb
      .selectFrom('layer_consumptions as lc')
      .innerJoin('movements as m', 'm.id', 'lc.movement_id')
      .innerJoin('items as i', 'i.id', 'm.item_id')
      .select(['lc.layer_id', 'lc.quantity', 'm.id as movement_id', 'm.created_at', 'm.operation_id']);
    if (scope.itemId !== undefined) consQ = consQ.where('m.item_id', '=', scope.itemId);
    if (scope.category !== undefined) consQ = consQ.where('i.category', '=', scope.category);
    const consumptions = sql.all(consQ);

    // Puts into bins: what each brought beyond the layers it opened went into negative layers.
    let putsQ = qb
      .selectFrom('movements as m')
      .innerJoin('locations as t', 't.id', 'm.to_location_id')
      .innerJoin('items as i', 'i.id', 'm.item_id')
      .select(['m.id', 'm.item_id', 'm.to_location_id', 'm.lot_id', 'm.quantity', 'm.created_at', 'm.operation_id'])
      .where('t.kind', '=', 'bin')
      .where(raw<boolean>`EXISTS (SELECT 1 FROM cost_layers n WHERE n.item_id = m.item_id AND n.location_id = m.to_location_id AND n.quantity_in = 0)`);
    if (scope.itemId !== undefined) putsQ = putsQ.where('m.item_id', '=', scope.itemId);
    if (scope.category !== undefined) putsQ = putsQ.where('i.category', '=', scope.category);
    const puts = sql.all(putsQ);

    const opened = new Map<number, number>();
    for (const l of layers) {
      if (revaluedInto.has(l.id) || l.location_id !== l.to_location_id) continue;
      opened.set(l.movement_id, (opened.get(l.movement_id) ?? 0) + l.quantity_in);
    }
    const negativesOf = new Map<string, number[]>();
    const key = (item: number, loc: number, lot: number | null) => `${item}|${loc}|${lot ?? 0}`;
    for (const l of layers) {
      if (l.quantity_in !== 0 || revaluedInto.has(l.id)) continue;
      const k = key(l.item_id, l.location_id, l.lot_id);
      const list = negativesOf.get(k) ?? [];
      list.push(l.id);
      negativesOf.set(k, list);
    }
    for (const list of negativesOf.values()) list.sort((a, b) => a - b);

    const push = (e: Ev) => {
      if (keep(e.at)) this.events.push(e);
    };
    for (const l of layers) {
      if (revaluedInto.has(l.id)) continue;
      if (l.quantity_in !== 0) push({ at: l.created_at, op: l.operation_id, group: 0, id: l.movement_id, phase: 2, apply: () => this.change(l.id, l.quantity_in) });
    }
    for (const c of consumptions) {
      if (!layerById.has(c.layer_id)) continue;
      push({ at: c.created_at, op: c.operation_id, group: 0, id: c.movement_id, phase: 0, apply: () => this.change(c.layer_id, -c.quantity) });
    }
    for (const r of revalues) {
      push({
        at: r.created_at,
        op: r.operation_id,
        group: 1,
        id: r.id,
        phase: 0,
        apply: () => {
          this.change(r.layer_id!, -r.quantity);
          this.change(r.new_layer_id!, r.quantity);
        },
      });
    }
    for (const p of puts) {
      const fill = p.quantity - (opened.get(p.id) ?? 0);
      const negatives = negativesOf.get(key(p.item_id, p.to_location_id, p.lot_id));
      if (fill <= 0 || !negatives) continue;
      push({
        at: p.created_at,
        op: p.operation_id,
        group: 0,
        id: p.id,
        phase: 1,
        apply: () => {
          let left = fill;
          for (const id of negatives) {
            if (left === 0) break;
            const rem = this.remaining.get(id) ?? 0;
            if (rem >= 0) continue;
            const f = Math.min(left, -rem);
            this.change(id, f);
            left -= f;
          }
        },
      });
    }
    this.events.sort(cmp);
    this.layerById = layerById;
  }

  private layerById: Map<number, { item_id: number; location_id: number; unit_cost_minor: number }>;

  private change(layerId: number, d: number): void {
    const l = this.layerById.get(layerId);
    if (!l) return;
    this.remaining.set(layerId, (this.remaining.get(layerId) ?? 0) + d);
    if (!this.inScope(l.location_id)) return;
    const k = `${l.item_id}|${l.location_id}`;
    let cell = this.cells.get(k);
    if (!cell) {
      cell = { itemId: l.item_id, locationId: l.location_id, quantity: 0, valueMinor: 0 };
      this.cells.set(k, cell);
    }
    cell.quantity += d;
    cell.valueMinor += d * l.unit_cost_minor;
    this.total.quantity += d;
    this.total.valueMinor += d * l.unit_cost_minor;
  }

  /** Applies every record on or before the instant (records already applied stay applied: call in time order). */
  advanceTo(asOf: AsOf): this {
    const ok = onOrBefore(asOf);
    while (this.next < this.events.length && ok(this.events[this.next]!.at)) this.events[this.next++]!.apply();
    return this;
  }

  /** Non-zero (item, location) cells at the current instant. */
  cellsNow(): ItemLocationValue[] {
    return [...this.cells.values()].filter((c) => c.quantity !== 0 || c.valueMinor !== 0).map((c) => ({ ...c }));
  }
}

export type ValuationGroupBy = 'item' | 'location' | 'category';

export interface ValuationRow {
  key: string;
  label: string;
  itemId: number | null;
  locationId: number | null;
  category: string | null;
  quantity: number;
  valueMinor: number;
}

export interface ValuationAsOf {
  asOf: string;
  method: 'fifo';
  quantity: number;
  valueMinor: number;
  rows: ValuationRow[];
}

/** FIFO valuation of the scope as of an instant, grouped by item, location or category. */
export function valuationAsOf(env: LedgerEnv, asOf: AsOf, groupBy: ValuationGroupBy, scope: ValuationScope = {}): ValuationAsOf {
  const replay = new ValuationReplay(env, scope, asOf).advanceTo(asOf);
  const cells = replay.cellsNow();
  const ids = [...new Set(cells.map((c) => c.itemId))];
  const items = new Map(
    ids.length ? env.sql.all(qb.selectFrom('items').select(['id', 'sku', 'name', 'category']).where('id', 'in', ids)).map((i) => [i.id, i]) : [],
  );
  const rows = new Map<string, ValuationRow>();
  for (const c of cells) {
    const item = items.get(c.itemId)!;
    let row: ValuationRow;
    const k = groupBy === 'item' ? `item:${c.itemId}` : groupBy === 'location' ? `location:${c.locationId}` : `category:${item.category}`;
    const existing = rows.get(k);
    if (existing) row = existing;
    else {
      row =
        groupBy === 'item'
          ? { key: k, label: `${item.sku} ${item.name}`, itemId: c.itemId, locationId: null, category: item.category, quantity: 0, valueMinor: 0 }
          : groupBy === 'location'
            ? { key: k, label: env.locs.path(c.locationId), itemId: null, locationId: c.locationId, category: null, quantity: 0, valueMinor: 0 }
            : { key: k, label: item.category || '(no category)', itemId: null, locationId: null, category: item.category, quantity: 0, valueMinor: 0 };
      rows.set(k, row);
    }
    row.quantity += c.quantity;
    row.valueMinor += c.valueMinor;
  }
  const list = [...rows.values()].filter((r) => r.quantity !== 0 || r.valueMinor !== 0).sort((a, b) => a.label.localeCompare(b.label, undefined, { numeric: true }));
  return { asOf, method: 'fifo', quantity: replay.total.quantity, valueMinor: replay.total.valueMinor, rows: list };
}
