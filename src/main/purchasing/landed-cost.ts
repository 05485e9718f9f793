import type { Selectable } from 'kysely';
import type { Output, ParsedInput } from '../../shared/api';
import { fail } from '../../shared/errors';
import { mulDivRound } from '../../shared/money';
import { itemById } from '../catalog/items';
import type { CallContext } from '../core/context';
import type { DB } from '../db/schema';
import { qb } from '../db/sql';
import { largestRemainder } from '../ledger/allocate';
import { addReceiptCost } from '../ledger/cost-adjust';
import type { LedgerEnv } from '../ledger/env';
import { runOperation } from '../ledger/operation';
import { assertStatus, chargesOf, poLines, poRow, type PoLineDb } from './orders';

type ChargeDb = Selectable<DB['po_charges']>;
type Basis = ChargeDb['basis'];

/** A line's weight in the split of a charge; the item data a basis needs must be there. */
function basisAmount(env: LedgerEnv, line: PoLineDb, basis: Basis, quantity: number, poNumber: string): bigint {
  const q = BigInt(quantity);
  switch (basis) {
    case 'value':
      return q * BigInt(line.unit_cost_minor);
    case 'quantity':
      return q;
    case 'weight': {
      const item = itemById(env.sql, line.item_id);
      if (item.weight_grams === null) {
        return fail('ITEM_DATA_MISSING', `${item.sku} (line ${line.position} of ${poNumber}) has no weight: set its weight in grams to split a charge by weight`, { basis: 'Item weight missing' }, { itemId: item.id });
      }
      return q * BigInt(item.weight_grams);
    }
    case 'volume': {
      const item = itemById(env.sql, line.item_id);
      if (item.length_mm === null || item.width_mm === null || item.height_mm === null) {
        return fail('ITEM_DATA_MISSING', `${item.sku} (line ${line.position} of ${poNumber}) has no dimensions: set length, width and height in mm to split a charge by volume`, { basis: 'Item dimensions missing' }, { itemId: item.id });
      }
      return q * BigInt(item.length_mm) * BigInt(item.width_mm) * BigInt(item.height_mm);
    }
  }
}

function targetLines(env: LedgerEnv, c: Pick<ChargeDb, 'po_id' | 'line_ids'>): PoLineDb[] {
  const all = poLines(env.sql, c.po_id);
  if (c.line_ids === null) return all;
  const ids = new Set(JSON.parse(c.line_ids) as number[]);
  return all.filter((l) => ids.has(l.id));
}

/**
 * Splits a charge over its lines' received quantities by its basis, then each line's part over that line's receipt
 * movements by quantity, and adds each part to the cost of those units (ledger/cost-adjust). Runs inside the caller's
 * operation. Returns false, writing nothing, while none of its lines has been received.
 */
export function allocateCharge(env: LedgerEnv, charge: ChargeDb, operationId: number, at: string): boolean {
  const po = poRow(env.sql, charge.po_id);
  const lines = targetLines(env, charge).filter((l) => l.received > 0);
  if (lines.length === 0) return false;
  const weights = lines.map((l) => basisAmount(env, l, charge.basis, l.received, po.number));
  if (weights.every((w) => w === 0n)) {
    fail('VALIDATION', `The received lines of ${po.number} have no ${charge.basis} to split a charge by`, { basis: `Lines have zero ${charge.basis}` });
  }
  const parts = largestRemainder(charge.amount_minor, weights);
  lines.forEach((line, i) => {
    env.sql.run(qb.insertInto('po_charge_allocations').values({ charge_id: charge.id, line_id: line.id, basis_amount: Number(weights[i]), amount_minor: parts[i] }));
    if (parts[i] === 0) return;
    const receipts = env.sql.all(qb.selectFrom('po_receipt_lines').select(['movement_id', 'quantity']).where('line_id', '=', line.id).orderBy('id'));
    const shares = largestRemainder(
      parts[i],
      receipts.map((r) => r.quantity),
    );
    receipts.forEach((r, j) => addReceiptCost(env, r.movement_id, shares[j], { operationId, at, source: 'po_charge', sourceId: charge.id }));
  });
  env.sql.run(qb.updateTable('po_charges').set({ status: 'allocated', allocated_at: at, allocated_by_operation_id: operationId }).where('id', '=', charge.id));
  return true;
}

/** Pending charges of a PO whose lines now have goods: applied in the receipt's own transaction. */
export function allocatePending(env: LedgerEnv, poId: number, operationId: number, at: string): void {
  const pending = env.sql.all(qb.selectFrom('po_charges').selectAll().where('po_id', '=', poId).where('status', '=', 'pending').orderBy('id'));
  for (const c of pending) allocateCharge(env, c, operationId, at);
}

export function addCharge(env: LedgerEnv, ctx: CallContext, input: ParsedInput<'purchasing.addCharge'>): Output<'purchasing.addCharge'> {
  const firstItem = env.sql.one(qb.selectFrom('purchase_order_lines').select('item_id').where('po_id', '=', input.poId).orderBy('position').limit(1))?.item_id ?? 0;
  const r = runOperation(env, ctx, 'po_charge', input, firstItem, (opId, at) => {
    const po = poRow(env.sql, input.poId, 'poId');
    // A draft's lines are still replaced wholesale, so a charge would lose its lines: charges start once it is sent.
    assertStatus(po, ['sent', 'partially_received', 'received', 'closed'], 'add a charge to', po.status === 'draft' ? 'send it first' : '');
    const lines = poLines(env.sql, po.id);
    if (lines.length === 0) fail('VALIDATION', `${po.number} has no lines to spread a charge over`, { poId: 'PO has no lines' });
    let lineIds: number[] | null = null;
    if (input.lines) {
      const mine = new Set(lines.map((l) => l.id));
      const stray = input.lines.filter((id) => !mine.has(id));
      if (stray.length) fail('NOT_ON_PO', `Line(s) ${stray.join(', ')} are not lines of ${po.number}`, { lines: 'Not lines of this PO' });
      lineIds = [...new Set(input.lines)].sort((a, b) => a - b);
    }
    const targets = targetLines(env, { po_id: po.id, line_ids: lineIds === null ? null : JSON.stringify(lineIds) });
    // Check the basis data now, so a weight charge entered before the goods is refused now rather than at receipt.
    for (const l of targets) basisAmount(env, l, input.basis, 1, po.number);
    const c = env.sql.run(
      qb.insertInto('po_charges').values({
        po_id: po.id,
        operation_id: opId,
        kind: input.kind,
        amount_minor: input.amountMinor,
        basis: input.basis,
        line_ids: lineIds === null ? null : JSON.stringify(lineIds),
        bill_ref: input.billRef ?? null,
        note: input.note ?? null,
        status: 'pending',
        created_at: at,
        allocated_at: null,
        allocated_by_operation_id: null,
      }),
    );
    allocateCharge(env, env.sql.one(qb.selectFrom('po_charges').selectAll().where('id', '=', c.lastInsertRowid))!, opId, at);
  });
  const row = env.sql.one(qb.selectFrom('po_charges').select(['id', 'po_id']).where('operation_id', '=', r.operationId))!;
  return { charge: chargesOf(env.sql, row.po_id).find((c) => c.id === row.id)!, replayed: r.replayed };
}

export function landedCost(env: LedgerEnv, input: ParsedInput<'purchasing.landedCost'>): Output<'purchasing.landedCost'> {
  let q = qb
    .selectFrom('purchase_order_lines as l')
    .innerJoin('purchase_orders as p', 'p.id', 'l.po_id')
    .innerJoin('items as i', 'i.id', 'l.item_id')
    .select(['l.id', 'l.po_id', 'p.number', 'l.item_id', 'i.sku', 'l.received', 'l.unit_cost_minor'])
    .orderBy('l.po_id')
    .orderBy('l.position');
  if (input.poId !== undefined) {
    poRow(env.sql, input.poId, 'poId');
    q = q.where('l.po_id', '=', input.poId);
  } else {
    itemById(env.sql, input.itemId!);
    q = q.where('l.item_id', '=', input.itemId!).where('l.received', '>', 0);
  }
  const lines = env.sql.all(q);
  const rows = lines.map((l) => {
    const charges = env.sql
      .all(
        qb
          .selectFrom('po_charge_allocations as a')
          .innerJoin('po_charges as c', 'c.id', 'a.charge_id')
          .select(['c.id', 'c.kind', 'a.amount_minor'])
          .where('a.line_id', '=', l.id)
          .orderBy('c.id'),
      )
      .map((c) => ({ chargeId: c.id, kind: c.kind, amountMinor: c.amount_minor }));
    const base = l.received * l.unit_cost_minor;
    const chargesMinor = charges.reduce((s, c) => s + c.amountMinor, 0);
    return {
      poId: l.po_id,
      number: l.number,
      lineId: l.id,
      itemId: l.item_id,
      sku: l.sku,
      received: l.received,
      unitCostMinor: l.unit_cost_minor,
      baseCostMinor: base,
      charges,
      chargesMinor,
      landedCostMinor: base + chargesMinor,
      landedUnitCostMinor: l.received > 0 ? mulDivRound(base + chargesMinor, 1, l.received) : null,
    };
  });
  const lineIds = new Set(rows.map((r) => r.lineId));
  const poIds = input.poId !== undefined ? [input.poId] : [...new Set(rows.map((r) => r.poId))];
  const charges = poIds.flatMap((poId) => {
    const number = poRow(env.sql, poId).number;
    return chargesOf(env.sql, poId)
      .filter((c) => input.poId !== undefined || c.allocations.some((a) => lineIds.has(a.lineId)))
      .map((c) => ({ ...c, poId, number }));
  });
  let split = qb
    .selectFrom('cost_adjustments')
    .select(['kind', (eb) => eb.fn.sum<number>('amount_minor').as('amount')])
    .where('source', '=', 'po_charge')
    .groupBy('kind');
  if (input.poId !== undefined) split = split.where('source_id', 'in', qb.selectFrom('po_charges').select('id').where('po_id', '=', input.poId));
  else split = split.where('item_id', '=', input.itemId!);
  const sums = env.sql.all(split);
  const pending =
    input.poId !== undefined
      ? env.sql.all(qb.selectFrom('po_charges').select('amount_minor').where('po_id', '=', input.poId).where('status', '=', 'pending')).reduce((s, c) => s + c.amount_minor, 0)
      : 0;
  const baseCostMinor = rows.reduce((s, r) => s + r.baseCostMinor, 0);
  const chargesMinor = rows.reduce((s, r) => s + r.chargesMinor, 0);
  return {
    rows,
    charges,
    totals: {
      baseCostMinor,
      chargesMinor,
      landedCostMinor: baseCostMinor + chargesMinor,
      pendingChargesMinor: pending,
      toStockMinor: Number(sums.find((s) => s.kind === 'revalue')?.amount ?? 0),
      toCogsMinor: Number(sums.find((s) => s.kind === 'cogs')?.amount ?? 0),
    },
  };
}
