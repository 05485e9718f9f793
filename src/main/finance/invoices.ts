import type { Selectable } from 'kysely';
import type { Invoice, Output, ParsedInput } from '../../shared/api';
import { fail } from '../../shared/errors';
import type { CallContext } from '../core/context';
import type { DB } from '../db/schema';
import { qb } from '../db/sql';
import type { LedgerEnv } from '../ledger/env';
import { checkPayment, docNumber, isReplay, dueDateOf, stateAsOf, today, totalsOf, type PaymentRow } from './documents';

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

const paymentsOf = (env: LedgerEnv, ids: readonly number[]): Map<number, PaymentRow[]> => {
  const m = new Map<number, PaymentRow[]>();
  if (ids.length === 0) return m;
  for (const p of env.sql.all(qb.selectFrom('invoice_payments').selectAll().where('invoice_id', 'in', ids).orderBy('id'))) {
    const list = m.get(p.invoice_id) ?? [];
    list.push(p);
    m.set(p.invoice_id, list);
  }
  return m;
};

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
  return toInvoice(r, paymentsOf(env, [id]).get(id) ?? [], today(env.clock));
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
    const n = Number(env.sql.one(qb.selectFrom('sales_invoices').select((eb) => eb.fn.max<number>('id').as('m')))?.m ?? 0) + 1;
    const r = env.sql.run(
      qb.insertInto('sales_invoices').values({
        number: docNumber('INV', n),
        order_id: input.orderId ?? null,
        customer_name: customer!,
        issue_date: issueDate,
        terms_days: input.termsDays,
        due_date: dueDateOf(issueDate, input.termsDays),
        amount_minor: amount!,
        currency: currency ?? env.settings.get().currency,
        reference: input.reference ?? null,
        note: input.note ?? null,
        created_by: ctx.actor,
        created_device: ctx.device,
        created_at: env.clock.now().toISOString(),
      }),
    );
    return Number(r.lastInsertRowid);
  });
  env.bus.emit('finance.changed', { kind: 'invoice', ids: [id] });
  return getInvoice(env, id);
}

export function recordInvoicePayment(env: LedgerEnv, ctx: CallContext, input: ParsedInput<'finance.recordInvoicePayment'>): Invoice {
  const written = env.sql.tx(() => {
    const v = invoiceRow(env, input.invoiceId);
    if (input.idempotencyKey !== undefined) {
      const prior = env.sql.one(qb.selectFrom('invoice_payments').select(['invoice_id as doc_id', 'paid_date', 'amount_minor']).where('idempotency_key', '=', input.idempotencyKey));
      if (isReplay(prior, v.id, input)) return false;
    }
    const paidOn = input.paidOn ?? today(env.clock);
    const payments = paymentsOf(env, [v.id]).get(v.id) ?? [];
    checkPayment({ number: v.number, currency: v.currency, amount_minor: v.amount_minor, date: v.issue_date, dateWord: 'issued' }, payments, { ...input, paidOn }, env.clock);
    env.sql.run(
      qb.insertInto('invoice_payments').values({
        invoice_id: v.id,
        paid_date: paidOn,
        amount_minor: input.amountMinor,
        reference: input.reference ?? null,
        idempotency_key: input.idempotencyKey ?? null,
        actor: ctx.actor,
        device: ctx.device,
        created_at: env.clock.now().toISOString(),
      }),
    );
    return true;
  });
  if (written) env.bus.emit('finance.changed', { kind: 'invoice', ids: [input.invoiceId] });
  return getInvoice(env, input.invoiceId);
}

export function listInvoices(env: LedgerEnv, input: ParsedInput<'finance.listInvoices'>): Output<'finance.listInvoices'> {
  const asOf = input.asOf ?? today(env.clock);
  let q = selectInvoices().where('v.issue_date', '<=', asOf);
  if (input.orderId !== undefined) q = q.where('v.order_id', '=', input.orderId);
  if (input.customerName !== undefined) q = q.where('v.customer_name', '=', input.customerName);
  const docs = env.sql.all(q.orderBy('v.issue_date').orderBy('v.id'));
  const pays = paymentsOf(env, docs.map((d) => d.id));
  const all = docs.map((d) => toInvoice(d, pays.get(d.id) ?? [], asOf));
  const rows = input.status === 'all' ? all : all.filter((r) => r.status === input.status);
  return { asOf, rows, totals: totalsOf(rows, env.settings.get().currency) };
}
