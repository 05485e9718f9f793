import type { Selectable } from 'kysely';
import type { Bill, Output, ParsedInput } from '../../shared/api';
import { fail } from '../../shared/errors';
import type { CallContext } from '../core/context';
import type { DB } from '../db/schema';
import { qb } from '../db/sql';
import type { LedgerEnv } from '../ledger/env';
import { dueDateOf, listDocuments, newDocument, paymentsByDoc, paymentStore, recordPayment, stateAsOf, today, type PaymentRow, type PaymentStore } from './documents';

type BillDb = Selectable<DB['supplier_bills']> & { supplier_name: string; po_number: string | null };

const selectBills = () =>
  qb
    .selectFrom('supplier_bills as b')
    .innerJoin('suppliers as s', 's.id', 'b.supplier_id')
    .leftJoin('purchase_orders as p', 'p.id', 'b.po_id')
    .selectAll('b')
    .select(['s.name as supplier_name', 'p.number as po_number']);

function billRow(env: LedgerEnv, id: number, field = 'billId'): BillDb {
  const r = env.sql.one(selectBills().where('b.id', '=', id));
  if (!r) return fail('UNKNOWN_BILL', `There is no supplier bill with id ${id}`, { [field]: 'Unknown bill' });
  return r;
}

const paymentsIn = (env: LedgerEnv): PaymentStore =>
  paymentStore(env, 'bill', (id) => {
    const b = billRow(env, id);
    return { id, number: b.number, currency: b.currency, amount_minor: b.amount_minor, date: b.bill_date, dateWord: 'billed' };
  });

const toBill = (r: BillDb, payments: readonly PaymentRow[], asOf: string): Bill => ({
  id: r.id,
  number: r.number,
  supplierId: r.supplier_id,
  supplierName: r.supplier_name,
  poId: r.po_id,
  poNumber: r.po_number,
  supplierRef: r.supplier_ref,
  billDate: r.bill_date,
  termsDays: r.terms_days,
  dueDate: r.due_date,
  amountMinor: r.amount_minor,
  currency: r.currency,
  note: r.note,
  createdAt: r.created_at,
  ...stateAsOf(r, payments, asOf),
});

function getBill(env: LedgerEnv, id: number): Bill {
  return toBill(billRow(env, id), paymentsByDoc(paymentsIn(env), [id]).get(id) ?? [], today(env.clock));
}

export function createBill(env: LedgerEnv, ctx: CallContext, input: ParsedInput<'finance.createBill'>): Bill {
  const id = env.sql.tx(() => {
    const s = env.sql.one(qb.selectFrom('suppliers').select(['id', 'name', 'currency', 'payment_terms_days']).where('id', '=', input.supplierId));
    if (!s) return fail('UNKNOWN_SUPPLIER', `There is no supplier with id ${input.supplierId}`, { supplierId: 'Unknown supplier' });
    const currency = input.currency ?? s.currency;
    if (currency !== s.currency) fail('CURRENCY_MISMATCH', `${s.name} bills in ${s.currency}; a bill in ${currency} cannot be recorded against it`, { currency: `Must be ${s.currency}` });
    let amount = input.amountMinor;
    if (input.poId !== undefined) {
      const po = env.sql.one(qb.selectFrom('purchase_orders').select(['id', 'number', 'supplier_id', 'currency', 'status']).where('id', '=', input.poId));
      if (!po) return fail('UNKNOWN_PO', `There is no purchase order with id ${input.poId}`, { poId: 'Unknown purchase order' });
      if (po.supplier_id !== s.id) fail('VALIDATION', `${po.number} is not a purchase order of ${s.name}`, { poId: `Not a PO of ${s.name}` });
      if (po.currency !== currency) fail('CURRENCY_MISMATCH', `${po.number} is in ${po.currency}; its bill cannot be in ${currency}`, { currency: `Must be ${po.currency}` });
      if (po.status === 'cancelled') fail('PO_STATUS', `${po.number} is cancelled: it cannot be billed`, { poId: 'PO is cancelled' });
      if (amount === undefined) {
        const t = env.sql.one(
          qb
            .selectFrom('purchase_order_lines')
            .select((eb) => eb.fn.sum<number>(eb('received', '*', eb.ref('unit_cost_minor'))).as('total'))
            .where('po_id', '=', po.id),
        );
        amount = Number(t?.total ?? 0);
        if (amount <= 0) fail('VALIDATION', `Nothing has been received on ${po.number} yet: give the amount`, { amountMinor: 'Give the amount' });
      }
    }
    if (input.supplierRef !== undefined) {
      const dup = env.sql.one(qb.selectFrom('supplier_bills').select('number').where('supplier_id', '=', s.id).where('supplier_ref', '=', input.supplierRef));
      if (dup) fail('DUPLICATE', `${s.name}'s invoice ${input.supplierRef} is already recorded as ${dup.number}`, { supplierRef: `Already ${dup.number}` });
    }
    const billDate = input.billDate ?? today(env.clock);
    const terms = input.termsDays ?? s.payment_terms_days;
    const r = env.sql.run(
      qb.insertInto('supplier_bills').values({
        ...newDocument(env, ctx, 'supplier_bills'),
        supplier_id: s.id,
        po_id: input.poId ?? null,
        supplier_ref: input.supplierRef ?? null,
        bill_date: billDate,
        terms_days: terms,
        due_date: dueDateOf(billDate, terms),
        amount_minor: amount!,
        currency,
        note: input.note ?? null,
      }),
    );
    return Number(r.lastInsertRowid);
  });
  env.bus.emit('finance.changed', { kind: 'bill', ids: [id] });
  return getBill(env, id);
}

export function recordBillPayment(env: LedgerEnv, ctx: CallContext, input: ParsedInput<'finance.recordBillPayment'>): Bill {
  recordPayment(env, ctx, paymentsIn(env), input.billId, input);
  return getBill(env, input.billId);
}

export function listBills(env: LedgerEnv, input: ParsedInput<'finance.listBills'>): Output<'finance.listBills'> {
  const asOf = input.asOf ?? today(env.clock);
  let q = selectBills().where('b.bill_date', '<=', asOf);
  if (input.supplierId !== undefined) q = q.where('b.supplier_id', '=', input.supplierId);
  if (input.poId !== undefined) q = q.where('b.po_id', '=', input.poId);
  return listDocuments(env, paymentsIn(env), env.sql.all(q.orderBy('b.bill_date').orderBy('b.id')), { asOf, status: input.status }, toBill);
}
