import { sql as raw } from 'kysely';
import type { Output, ParsedInput } from '../../shared/api';
import { fail } from '../../shared/errors';
import { classifyScan } from '../../shared/scan';
import { itemById } from '../catalog/items';
import type { CallContext } from '../core/context';
import { qb } from '../db/sql';
import type { LedgerEnv } from '../ledger/env';
import { runOperation } from '../ledger/operation';
import { receiveInto } from '../ledger/stock-ops';
import { allocatePending } from './landed-cost';
import { assertStatus, outstanding, poLines, poRow, refreshStatus, toPo, type PoLineDb } from './orders';

type ReceiveInput = ParsedInput<'purchasing.receive'>;

/** The PO line a receipt line means: by id, or the first line of that item still expecting goods (else its first line). */
function lineFor(lines: PoLineDb[], r: ReceiveInput['lines'][number], poNumber: string, index: number, sku: (id: number) => string): PoLineDb {
  if (r.lineId !== undefined) {
    const l = lines.find((x) => x.id === r.lineId);
    if (!l) return fail('NOT_ON_PO', `Line ${r.lineId} is not a line of ${poNumber}`, { [`lines.${index}.lineId`]: `Not a line of ${poNumber}` });
    if (r.itemId !== undefined && r.itemId !== l.item_id) fail('VALIDATION', `Line ${l.position} of ${poNumber} is for ${sku(l.item_id)}, not ${sku(r.itemId)}`, { [`lines.${index}.itemId`]: 'Not the item of this line' });
    return l;
  }
  const ofItem = lines.filter((x) => x.item_id === r.itemId);
  if (!ofItem.length) return fail('NOT_ON_PO', `${sku(r.itemId!)} is not on ${poNumber}`, { [`lines.${index}.itemId`]: `Not on ${poNumber}` });
  return ofItem.find((x) => outstanding(x) > 0) ?? ofItem[0];
}

/**
 * Receives goods against a PO: every line is a ledger receipt (FIFO layer, lot) into a bin of the PO's warehouse, all
 * in one operation, so a receipt is all or nothing and a replay of its idempotency key writes nothing.
 */
export function receivePo(env: LedgerEnv, ctx: CallContext, input: ReceiveInput): Output<'purchasing.receive'> {
  const itemIds = new Set<number>();
  const r = runOperation(env, ctx, 'po_receive', input, input.lines[0].itemId ?? 0, (opId, at) => {
    const po = poRow(env.sql, input.poId, 'poId');
    assertStatus(po, ['sent', 'partially_received', 'received'], 'receive against', po.status === 'draft' ? 'send it first' : '');
    const lines = poLines(env.sql, po.id);
    const sku = (id: number) => itemById(env.sql, id).sku;
    const receipt = env.sql.run(
      qb.insertInto('po_receipts').values({ po_id: po.id, operation_id: opId, received_at: at, over_reason: input.allowOver ? input.overReason! : null, actor: ctx.actor, device: ctx.device }),
    );
    input.lines.forEach((rl, i) => {
      const line = lineFor(lines, rl, po.number, i, sku);
      if (line.closed_reason !== null) {
        fail('PO_STATUS', `Line ${line.position} of ${po.number} (${sku(line.item_id)}) was closed short: ${line.closed_reason}`, { [`lines.${i}.lineId`]: 'Line closed' });
      }
      const bin = env.locs.get(rl.binId);
      if (bin && bin.warehouse_id !== null && bin.warehouse_id !== po.warehouse_id) {
        fail('VALIDATION', `${env.locs.path(rl.binId)} is not in the receiving warehouse of ${po.number}`, { [`lines.${i}.binId`]: 'Bin of another warehouse' });
      }
      const due = line.quantity - line.received;
      const over = Math.max(0, rl.quantity - Math.max(0, due));
      if (over > 0 && !input.allowOver) {
        fail(
          'OVER_RECEIPT',
          `Line ${line.position} of ${po.number} (${sku(line.item_id)}): ${line.quantity} ordered, ${line.received} received, so ${Math.max(0, due)} more expected, not ${rl.quantity}. Accept the extra with allowOver and a reason.`,
          { [`lines.${i}.quantity`]: `Only ${Math.max(0, due)} expected` },
          { lineId: line.id, ordered: line.quantity, received: line.received, expected: Math.max(0, due), requested: rl.quantity },
        );
      }
      const movementId = receiveInto(
        env,
        ctx,
        opId,
        at,
        { itemId: line.item_id, locationId: rl.binId, quantity: rl.quantity, unitCostMinor: line.unit_cost_minor, lot: rl.lot, expiry: rl.expiry, docRef: po.number, note: input.note },
        `lines.${i}.binId`,
      );
      env.sql.run(qb.insertInto('po_receipt_lines').values({ receipt_id: receipt.lastInsertRowid, line_id: line.id, movement_id: movementId, quantity: rl.quantity, over_quantity: over }));
      env.sql.run(qb.updateTable('purchase_order_lines').set({ received: raw`received + ${rl.quantity}` }).where('id', '=', line.id));
      line.received += rl.quantity;
      itemIds.add(line.item_id);
    });
    refreshStatus(env.sql, po.id, at);
    allocatePending(env, po.id, opId, at);
  });
  // runOperation announces one item; a receipt can touch several.
  if (!r.replayed && itemIds.size > 1) env.bus.emit('stock.changed', { itemIds: [...itemIds], operationId: r.operationId });
  const receipt = env.sql.one(qb.selectFrom('po_receipts').select(['id', 'po_id']).where('operation_id', '=', r.operationId))!;
  return { receiptId: receipt.id, operationId: r.operationId, replayed: r.replayed, movements: r.movements, po: toPo(env.sql, poRow(env.sql, receipt.po_id)) };
}

/** Finds the PO line a raw scan is for, with the lot, expiry and count a GS1 label carries. */
export function receivingLookup(env: LedgerEnv, input: ParsedInput<'purchasing.receivingLookup'>): Output<'purchasing.receivingLookup'> {
  const po = poRow(env.sql, input.poId, 'poId');
  const scan = classifyScan(input.code);
  const lines = poLines(env.sql, po.id);
  const pick = (ls: PoLineDb[]) => ls.find((l) => outstanding(l) > 0) ?? ls[0];
  const answer = (l: PoLineDb, matchedBy: 'gtin' | 'sku' | 'supplier_sku', lot: string | null, expiry: string | null, quantity: number | null) => ({
    line: toPo(env.sql, po).lines.find((x) => x.id === l.id)!,
    matchedBy,
    lot,
    expiry,
    quantity,
  });
  switch (scan.kind) {
    case 'gs1':
    case 'digital-link':
    case 'gtin': {
      // A case label carries the trade item inside it as (02) with its count in (37).
      const gtin14 = scan.kind === 'gtin' ? scan.gtin14 : (scan.gtin ?? scan.contentGtin);
      if (!gtin14) return fail('BAD_SCAN', 'The label has no GTIN (01): scan the product barcode', { code: 'No GTIN' });
      const bc = env.sql.one(qb.selectFrom('barcodes').select('item_id').where('gtin14', '=', gtin14));
      if (!bc) return fail('UNKNOWN_ITEM', `No item has GTIN ${gtin14}: add the barcode to the item first`, { code: 'Unknown GTIN' }, { gtin14 });
      const ofItem = lines.filter((l) => l.item_id === bc.item_id);
      if (!ofItem.length) return fail('NOT_ON_PO', `Item ${itemById(env.sql, bc.item_id).sku} is not on ${po.number}`, { code: `Not on ${po.number}` }, { itemId: bc.item_id });
      const lot = scan.kind === 'gtin' ? null : (scan.lot ?? scan.serial ?? null);
      const expiry = scan.kind === 'gtin' ? null : (scan.expiry ?? null);
      const count = scan.kind === 'gtin' ? null : (scan.count ?? null);
      return answer(pick(ofItem), 'gtin', lot, expiry, count);
    }
    case 'internal': {
      if (scan.type !== 'sku') return fail('BAD_SCAN', `That is a ${scan.type} code (${scan.text}), not a product`, { code: `A ${scan.type} code` });
      const code = scan.code.toUpperCase();
      const bySku = lines.filter((l) => itemById(env.sql, l.item_id).sku.toUpperCase() === code);
      if (bySku.length) return answer(pick(bySku), 'sku', null, null, null);
      const bySupplier = lines.filter((l) => l.supplier_sku?.toUpperCase() === code);
      if (bySupplier.length) return answer(pick(bySupplier), 'supplier_sku', null, null, null);
      const item = env.sql.one(qb.selectFrom('items').select('sku').where('sku', '=', scan.code));
      if (item) return fail('NOT_ON_PO', `Item ${item.sku} is not on ${po.number}`, { code: `Not on ${po.number}` });
      return fail('UNKNOWN_ITEM', `Nothing on ${po.number} matches "${scan.code}" (not a SKU or supplier SKU)`, { code: 'No match' });
    }
    case 'unknown':
    case 'error':
      return fail('BAD_SCAN', `Unreadable scan: ${scan.message}`, { code: scan.message });
  }
}
