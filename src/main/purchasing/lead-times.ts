import type { Output, ParsedInput } from '../../shared/api';
import type { CoreDeps } from '../core/context';
import { qb } from '../db/sql';

const DAY_MS = 86_400_000;

/**
 * Measured lead time per PO line: from the PO being sent to the first receipt on that line (when the goods arrived;
 * a later top-up of a short line is a back-order, not a slower supplier). Mean, sample standard deviation (n − 1:
 * the observations are a sample of the supplier's behaviour) and maximum, which safety stock formulas take.
 */
export function leadTimes(d: CoreDeps, input: ParsedInput<'purchasing.leadTimes'>): Output<'purchasing.leadTimes'> {
  let q = qb
    .selectFrom('po_receipt_lines as rl')
    .innerJoin('po_receipts as r', 'r.id', 'rl.receipt_id')
    .innerJoin('purchase_order_lines as l', 'l.id', 'rl.line_id')
    .innerJoin('purchase_orders as p', 'p.id', 'l.po_id')
    .innerJoin('items as i', 'i.id', 'l.item_id')
    .select(['p.id as po_id', 'p.number', 'l.id as line_id', 'p.supplier_id', 'l.item_id', 'i.sku', 'p.sent_at', (eb) => eb.fn.min<string>('r.received_at').as('first_received')])
    .where('p.sent_at', 'is not', null)
    .groupBy(['l.id'])
    .orderBy('p.id')
    .orderBy('l.position');
  if (input.supplierId !== undefined) q = q.where('p.supplier_id', '=', input.supplierId);
  if (input.itemId !== undefined) q = q.where('l.item_id', '=', input.itemId);
  const observations = d.sql.all(q).map((r) => ({
    poId: r.po_id,
    number: r.number,
    lineId: r.line_id,
    supplierId: r.supplier_id,
    itemId: r.item_id,
    sku: r.sku,
    sentAt: r.sent_at!,
    receivedAt: r.first_received,
    days: (Date.parse(r.first_received) - Date.parse(r.sent_at!)) / DAY_MS,
  }));
  const xs = observations.map((o) => o.days);
  const n = xs.length;
  const mean = n ? xs.reduce((s, x) => s + x, 0) / n : null;
  const sd = n >= 2 && mean !== null ? Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1)) : null;
  return { observations, count: n, meanDays: mean, stdDevDays: sd, maxDays: n ? Math.max(...xs) : null };
}
