import type { Selectable } from 'kysely';
import type { Invoice, Output, ParsedInput } from '../../shared/api';
import { fail } from '../../shared/errors';
import type { CallContext } from '../core/context';
import type { DB } from '../db/schema';
import { qb } from '../db/sql';
import type { LedgerEnv } from '../ledger/env';
import { dueDateOf, listDocuments, newDocument, paymentsByDoc, paymentStore, recordPayment, stateAsOf, today, type PaymentRow, type PaymentStore } from './documents';

type InvoiceDb = Selectable<DB['sales_invoices']> & { order_number: string | null };

const selectInvoices = () =>
  qb
    .selectFrom('sales_invoices as v')
    .leftJoin('sales_orders as o', 'o.id', 'v.order_id')
    .selectAll('v')
    .select('o.number as order_number');

function invoiceRow(env: LedgerEnv, id: number, field = 'invoiceId'): InvoiceDb {
  const r = env.sql.one(selectInvoices().where('v.id', '=', id));
  if (!r) return fail('UNKNOWN_INVOICE', `There is no sales invoice with id ${id}`, { [field]: 'Unknown invoice' });
  return r;
}

const paymentsIn = (env: LedgerEnv): PaymentStore =>
  paymentStore(env, 'invoice', (id) => {
    const v = invoiceRow(env, id);
    return { id, number: v.number, currency: v.currency, amount_minor: v.amount_minor, date: v.issue_date, dateWord: 'issued' };
  });

const toInvoice = (r: InvoiceDb, payments: readonly PaymentRow[], asOf: string): Invoice => ({
  id: r.id,
  number: r.number,
  orderId: r.order_id,
  orderNumber: r.order_number,
  customerName: r.customer_name,
  issueDate: r.issue_date,
  reference: r.reference,
  termsDays: r.terms_days,
  dueDate: r.due_date,
  amountMinor: r.amount_minor,
  currency: r.currency,
  note: r.note,
  createdAt: r.created_at,
  ...stateAsOf(r, payments, asOf),
});

function getInvoice(env: LedgerEnv, id: number): Invoice {
  const r = invoiceRow(env, id);
  return toInvoice(r, paymentsByDoc(paymentsIn(env), [id]).get(id) ?? [], today(env.clock));
}

export function createInvoice(env: LedgerEnv, ctx: CallContext, input: ParsedInput<'finance.createInvoice'>): Invoice {
  const id = env.sql.tx(() => {
    let customer = input.customerName;
    let currency = input.currency;
    let amount = input.amountMinor;
    if (input.orderId !== undefined) {
      const o = env.sql.one(qb.selectFrom('sales_orders').select(['id', 'number', 'status', 'customer_name', 'currency']).where('id', '=', input.orderId));
      if (!o) return fail('UNKNOWN_ORDER', `There is no sales order with id ${input.orderId}`, { orderId: 'Unknown order' });
      if (o.status === 'cancelled') fail('ORDER_STATUS', `${o.number} is cancelled: it cannot be invoiced`, { orderId: 'Order is cancelled' });
      if (currency !== undefined && currency !== o.currency)
        fail('CURRENCY_MISMATCH', `${o.number} is in ${o.currency}; its invoice cannot be in ${currency}`, { currency: `Must be ${o.currency}` });
      customer ??= o.customer_name;
      currency = o.currency;
      if (amount === undefined) {
        const t = env.sql.one(
          qb
            .selectFrom('sales_order_lines')
            .select((eb) => eb.fn.sum<number>(eb('quantity', '*', eb.ref('unit_price_minor'))).as('total'))
            .where('order_id', '=', o.id),
        );
        amount = Number(t?.total ?? 0);
        if (amount <= 0) fail('VALIDATION', `${o.number} has no value to invoice: give the amount`, { amountMinor: 'Give the amount' });
      }
    }
    const issueDate = input.issueDate ?? today(env.clock);
    const r = env.sql.run(
      qb.insertInto('sales_invoices').values({
        ...newDocument(env, ctx, 'sales_invoices'),
        order_id: input.orderId ?? null,
        customer_name: customer!,
        issue_date: issueDate,
        terms_days: input.termsDays,
        due_date: dueDateOf(issueDate, input.termsDays),
        amount_minor: amount!,
        currency: currency ?? env.settings.get().currency,
        reference: input.reference ?? null,
        note: input.note ?? null,
      }),
    );
    return Number(r.lastInsertRowid);
  });
  env.bus.emit('finance.changed', { kind: 'invoice', ids: [id] });
  return getInvoice(env, id);
}

export function recordInvoicePayment(env: LedgerEnv, ctx: CallContext, input: ParsedInput<'finance.recordInvoicePayment'>): Invoice {
  recordPayment(env, ctx, paymentsIn(env), input.invoiceId, input);
  return getInvoice(env, input.invoiceId);
}

export function listInvoices(env: LedgerEnv, input: ParsedInput<'finance.listInvoices'>): Output<'finance.listInvoices'> {
  const asOf = input.asOf ?? today(env.clock);
  let q = selectInvoices().where('v.issue_date', '<=', asOf);
  if (input.orderId !== undefined) q = q.where('v.order_id', '=', input.orderId);
  if (input.customerName !== undefined) q = q.where('v.customer_name', '=', input.customerName);
  return listDocuments(env, paymentsIn(env), env.sql.all(q.orderBy('v.issue_date').orderBy('v.id')), { asOf, status: input.status }, toInvoice);
}
