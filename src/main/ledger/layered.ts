import { fail } from '../../shared/errors';
import type { CallContext } from '../core/context';
import { qb } from '../db/sql';
import type { LedgerEnv } from './env';
import { applyPut, applyTake, changeAverage, type MovementReason, type Piece, piecesCost, postMovement } from './postings';

/**
 * Moves that keep exact cost by naming the layers they take: returns (customer → returns limbo → bin, refurbish bin or
 * scrap). Returns limbo holds cost layers like a bin (the ledger check proves them), so units awaiting inspection keep
 * their value and receipt date, and nothing in limbo is ever available to pick.
 */
export interface LotPiece extends Piece {
  lotId: number | null;
}

/** Locations whose stock carries cost layers: bins and returns limbo. */
export function isLayered(env: LedgerEnv, locationId: number): boolean {
  const l = env.locs.get(locationId);
  return !!l && (l.kind === 'bin' || l.virtual_kind === 'returns_limbo');
}

/**
 * Open layers at a location that the given movements put there, oldest first, up to qty. Refuses when they hold
 * fewer than qty (the units have gone elsewhere).
 */
export function planTakeFromMovements(env: LedgerEnv, itemId: number, locationId: number, movementIds: number[], qty: number, what: string): LotPiece[] {
  const layers = movementIds.length
    ? env.sql.all(
        qb
          .selectFrom('cost_layers')
          .select(['id', 'lot_id', 'remaining', 'unit_cost_minor', 'received_at'])
          .where('item_id', '=', itemId)
          .where('location_id', '=', locationId)
          .where('movement_id', 'in', movementIds)
          .where('remaining', '>', 0)
          .orderBy('received_at')
          .orderBy('id'),
      )
    : [];
  const pieces: LotPiece[] = [];
  let left = qty;
  for (const l of layers) {
    if (left === 0) break;
    const take = Math.min(left, l.remaining);
    pieces.push({ layerId: l.id, lotId: l.lot_id, quantity: take, unitCostMinor: l.unit_cost_minor, receivedAt: l.received_at });
    left -= take;
  }
  if (left > 0) {
    fail('INSUFFICIENT_STOCK', `Cannot move ${qty} ${what} from ${env.locs.path(locationId)}: only ${qty - left} of them are still there`, { quantity: `Only ${qty - left} left` }, { requested: qty, onHand: qty - left });
  }
  return pieces;
}

/** Spreads an added cost over the units of the pieces (cheaper units first, whole minor units), as new pieces. */
export function spreadCost(pieces: LotPiece[], addedMinor: number): LotPiece[] {
  const total = pieces.reduce((s, p) => s + p.quantity, 0);
  if (addedMinor === 0 || total === 0) return pieces;
  const per = Math.floor(addedMinor / total);
  const dearerFrom = total - (addedMinor - per * total);
  const out: LotPiece[] = [];
  let unit = 0;
  for (const p of pieces) {
    const cheap = Math.max(0, Math.min(p.quantity, dearerFrom - unit));
    if (cheap > 0) out.push({ ...p, quantity: cheap, unitCostMinor: p.unitCostMinor + per });
    if (p.quantity - cheap > 0) out.push({ ...p, quantity: p.quantity - cheap, unitCostMinor: p.unitCostMinor + per + 1 });
    unit += p.quantity;
  }
  return out;
}

export interface LayeredMove {
  itemId: number;
  from: number;
  to: number;
  /** From a layered location: the planned take (layer ids set). From elsewhere (the customer): the cost pieces to bring in. */
  pieces: LotPiece[];
  reason: MovementReason;
  docRef?: string | null;
  note?: string | null;
  /** Cost added on the way (refurbishment): raises the layers made at the destination. */
  addedCostMinor?: number;
}

/**
 * Posts the move as one movement per lot, in the caller's operation. Layers shrink at a layered source and are made
 * at a layered destination (keeping receipt dates); the moving average gains or loses what enters or leaves the
 * layered stock. Returns the movement ids and the value moved at cost (before any added cost).
 */
export function moveLayered(env: LedgerEnv, ctx: CallContext, opId: number, at: string, m: LayeredMove): { movementIds: number[]; costMinor: number } {
  const fromLayered = isLayered(env, m.from);
  const toLayered = isLayered(env, m.to);
  const added = m.addedCostMinor ?? 0;
  if (added !== 0 && !(fromLayered && toLayered)) throw new Error('added cost only applies between layered locations');
  const byLot = new Map<number | null, LotPiece[]>();
  for (const p of m.pieces) byLot.set(p.lotId, [...(byLot.get(p.lotId) ?? []), p]);
  const totalQty = m.pieces.reduce((s, p) => s + p.quantity, 0);
  const movementIds: number[] = [];
  let costMinor = 0;
  let addedLeft = added;
  let qtyLeft = totalQty;
  for (const [lotId, pieces] of byLot) {
    const qty = pieces.reduce((s, p) => s + p.quantity, 0);
    const cost = piecesCost(pieces);
    // This lot's share of the added cost, so every lot's layers carry exactly what its movement says.
    const share = qtyLeft === qty ? addedLeft : Math.floor((added * qty) / totalQty);
    addedLeft -= share;
    qtyLeft -= qty;
    const mid = postMovement(env, opId, ctx, { itemId: m.itemId, lotId, from: m.from, to: m.to, quantity: qty, totalCostMinor: cost + share, reason: m.reason, docRef: m.docRef, note: m.note }, at);
    if (fromLayered) applyTake(env.sql, m.itemId, m.from, lotId, pieces, mid);
    if (toLayered) {
      const put = fromLayered ? spreadCost(pieces, share) : pieces.map((p) => ({ ...p, layerId: null }));
      applyPut(env.sql, m.itemId, m.to, lotId, put, mid);
    }
    const dq = (toLayered ? qty : 0) - (fromLayered ? qty : 0);
    const dv = (toLayered ? cost + share : 0) - (fromLayered ? cost : 0);
    if (dq !== 0 || dv !== 0) changeAverage(env.sql, m.itemId, dq, dv);
    movementIds.push(mid);
    costMinor += cost;
  }
  return { movementIds, costMinor };
}
