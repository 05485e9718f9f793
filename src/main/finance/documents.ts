import { AGING_BUCKETS, type DocumentStatus } from '../../shared/api/finance';
import { fail } from '../../shared/errors';
import { formatMoney } from '../../shared/money';
import type { CallContext, Clock } from '../core/context';
import { sql } from 'kysely';
import { qb } from '../db/sql';
import type { LedgerEnv } from '../ledger/env';
import { addDays, dayNumber } from '../planning/history/dates';

/**
 * What invoices and bills share: due dates, the state of a document as of a day (paid, still owed, overdue by how
 * many days), aging buckets, and the checks on a payment. Dates are UTC calendar days (YYYY-MM-DD).
 */

export interface PaymentRow {
  id: number;
  paid_date: string;
  amount_minor: number;
  reference: string | null;
  actor: string;
  created_at: string;
}

export interface DocumentState {
  paidMinor: number;
  openMinor: number;
  status: DocumentStatus;
  paidDate: string | null;
  daysOverdue: number;
  payments: { id: number; paidOn: string; amountMinor: number; reference: string | null; actor: string; createdAt: string }[];
}

export const today = (clock: Clock): string => clock.now().toISOString().slice(0, 10);
export const dueDateOf = (date: string, termsDays: number): string => addDays(date, termsDays);
const daysBetween = (from: string, to: string): number => dayNumber(to) - dayNumber(from);

/** The document as of a day: only payments dated on or before it count. */
export function stateAsOf(doc: { amount_minor: number; due_date: string }, payments: readonly PaymentRow[], asOf: string): DocumentState {
  const seen = payments.filter((p) => p.paid_date <= asOf).sort((a, b) => (a.paid_date < b.paid_date ? -1 : a.paid_date > b.paid_date ? 1 : a.id - b.id));
  const paidMinor = seen.reduce((s, p) => s + p.amount_minor, 0);
  const openMinor = doc.amount_minor - paidMinor;
  const paidDate = openMinor === 0 && seen.length > 0 ? seen[seen.length - 1]!.paid_date : null;
  const status: DocumentStatus = openMinor === 0 ? 'paid' : asOf > doc.due_date ? 'overdue' : 'open';
  const daysOverdue = Math.max(0, daysBetween(doc.due_date, paidDate ?? asOf));
  return {
    paidMinor,
    openMinor,
    status,
    paidDate,
    daysOverdue,
    payments: seen.map((p) => ({ id: p.id, paidOn: p.paid_date, amountMinor: p.amount_minor, reference: p.reference, actor: p.actor, createdAt: p.created_at })),
  };
}

interface Listed {
  currency: string;
  amountMinor: number;
  paidMinor: number;
  openMinor: number;
  status: DocumentStatus;
  daysOverdue: number;
}

/** Totals per currency (the base currency first), with what is still owed split into aging buckets by days overdue. */
export function totalsOf(rows: readonly Listed[], baseCurrency: string) {
  const by = new Map<string, ReturnType<typeof emptyTotals>>();
  for (const r of rows) {
    let t = by.get(r.currency);
    if (!t) by.set(r.currency, (t = emptyTotals(r.currency)));
    t.count += 1;
    t.amountMinor += r.amountMinor;
    t.paidMinor += r.paidMinor;
    t.openMinor += r.openMinor;
    if (r.status === 'overdue') t.overdueMinor += r.openMinor;
    if (r.openMinor === 0) continue;
    const b = t.aging.find((a) => (a.maxDays === null || r.daysOverdue <= a.maxDays) && (a.minDays === null || r.daysOverdue >= a.minDays))!;
    b.count += 1;
    b.openMinor += r.openMinor;
  }
  return [...by.values()].sort((a, b) => (a.currency === baseCurrency ? -1 : b.currency === baseCurrency ? 1 : a.currency.localeCompare(b.currency)));
}

function emptyTotals(currency: string) {
  return {
    currency,
    count: 0,
    amountMinor: 0,
    paidMinor: 0,
    openMinor: 0,
    overdueMinor: 0,
    aging: AGING_BUCKETS.map((b) => ({ label: b.label, minDays: b.minDays as number | null, maxDays: b.maxDays as number | null, count: 0, openMinor: 0 })),
  };
}

/**
 * Refuses a payment that does not fit its document: another currency, dated before the document or after today, or
 * more than is still owed (what is owed counts every payment recorded, whatever its date).
 */
export function checkPayment(
  doc: { number: string; currency: string; amount_minor: number; date: string; dateWord: string },
  payments: readonly PaymentRow[],
  input: { amountMinor: number; paidOn: string; currency?: string | undefined },
  clock: Clock,
): void {
  if (input.currency !== undefined && input.currency !== doc.currency)
    fail('CURRENCY_MISMATCH', `${doc.number} is in ${doc.currency}; a payment in ${input.currency} cannot be set against it`, { currency: `Must be ${doc.currency}` });
  if (input.paidOn < doc.date)
    fail('VALIDATION', `A payment dated ${input.paidOn} is before ${doc.number} was ${doc.dateWord} (${doc.date})`, { paidOn: `Not before ${doc.date}` });
  const now = today(clock);
  if (input.paidOn > now) fail('VALIDATION', `A payment cannot be dated in the future (${input.paidOn}; today is ${now})`, { paidOn: `Not after ${now}` });
  const owed = doc.amount_minor - payments.reduce((s, p) => s + p.amount_minor, 0);
  const money = (m: number) => formatMoney(m, doc.currency, 'en-GB');
  if (owed === 0) fail('OVERPAYMENT', `${doc.number} is already paid in full (${money(doc.amount_minor)})`, { amountMinor: 'Nothing is owed' });
  if (input.amountMinor > owed)
    fail('OVERPAYMENT', `A payment of ${money(input.amountMinor)} is more than the ${money(owed)} still owed on ${doc.number}`, { amountMinor: `At most ${money(owed)}` });
}

/**
 * A payment retried with the same idempotency key: true when it is the same payment (record nothing more), a refusal
 * when the key was used for another one. A retry without a date matches whatever day the first was recorded on.
 */
export function isReplay(prior: { doc_id: number; paid_date: string; amount_minor: number } | undefined, docId: number, input: { amountMinor: number; paidOn?: string | undefined; idempotencyKey?: string | undefined }): boolean {
  if (!prior) return false;
  if (prior.doc_id === docId && prior.amount_minor === input.amountMinor && (input.paidOn === undefined || input.paidOn === prior.paid_date)) return true;
  return fail('IDEMPOTENCY_CONFLICT', `Idempotency key "${input.idempotencyKey}" was already used for a different payment`, { idempotencyKey: 'Already used' });
}

const docNumber = (prefix: string, n: number): string => `${prefix}-${String(n).padStart(5, '0')}`;

/** What a new invoice or bill is stamped with: its next number (INV-00001, BILL-00001…) and who wrote it, where and when. */
export function newDocument(env: LedgerEnv, ctx: CallContext, table: 'sales_invoices' | 'supplier_bills') {
  const n = Number(env.sql.one(qb.selectFrom(table).select((eb) => eb.fn.max<number>('id').as('m')))?.m ?? 0) + 1;
  return {
    number: docNumber(table === 'sales_invoices' ? 'INV' : 'BILL', n),
    created_by: ctx.actor,
    created_device: ctx.device,
    created_at: env.clock.now().toISOString(),
  };
}

/**
 * Where one kind of document keeps its payments (invoice_payments or bill_payments): the only part of paying and
 * listing that invoices and bills do not share.
 */
export interface PaymentStore {
  kind: 'invoice' | 'bill';
  /** The document being paid (refused when there is none). */
  load(id: number): PayableDoc;
  /** The payments of these documents, in the order recorded, each with its document's id. */
  of(ids: readonly number[]): (PaymentRow & { doc_id: number })[];
  /** The payment recorded under an idempotency key, if any. */
  byKey(key: string): { doc_id: number; paid_date: string; amount_minor: number } | undefined;
  insert(docId: number, values: { paid_date: string; amount_minor: number; reference: string | null; idempotency_key: string | null; actor: string; device: string; created_at: string }): void;
}

/** Each kind's payment table and the column naming its document (the two tables have the same columns otherwise). */
const PAYMENT_TABLES = { invoice: ['invoice_payments', 'invoice_id'], bill: ['bill_payments', 'bill_id'] } as const;

/** The payments of invoices or of bills, with `load` reading the document a payment is for. */
export function paymentStore(env: LedgerEnv, kind: PaymentStore['kind'], load: PaymentStore['load']): PaymentStore {
  const [table, fk] = PAYMENT_TABLES[kind];
  const docId = sql.ref<number>(fk);
  return {
    kind,
    load,
    of: (ids) => env.sql.all(qb.selectFrom(table).select(['id', 'paid_date', 'amount_minor', 'reference', 'actor', 'created_at', docId.as('doc_id')]).where(docId, 'in', ids).orderBy('id')),
    byKey: (key) => env.sql.one(qb.selectFrom(table).select(['paid_date', 'amount_minor', docId.as('doc_id')]).where('idempotency_key', '=', key)),
    // The row has only its own table's document column; the cast satisfies Kysely's insert type for the union of tables.
    insert: (id, values) => void env.sql.run(qb.insertInto(table).values({ ...values, [fk]: id } as { invoice_id: number; bill_id: number } & typeof values)),
  };
}

/** Payments grouped by document id (documents without any are absent). */
export function paymentsByDoc(store: PaymentStore, ids: readonly number[]): Map<number, PaymentRow[]> {
  const m = new Map<number, PaymentRow[]>();
  if (ids.length === 0) return m;
  for (const p of store.of(ids)) {
    const list = m.get(p.doc_id) ?? [];
    list.push(p);
    m.set(p.doc_id, list);
  }
  return m;
}

/** A document being paid: `date` is its issue or bill date, `dateWord` how messages name it ("issued", "billed"). */
export interface PayableDoc {
  id: number;
  number: string;
  currency: string;
  amount_minor: number;
  date: string;
  dateWord: string;
}

export interface PaymentInput {
  amountMinor: number;
  paidOn?: string | undefined;
  currency?: string | undefined;
  reference?: string | undefined;
  idempotencyKey?: string | undefined;
}

/**
 * Records a payment against the document (read inside the one transaction, so a refusal changes nothing) and
 * announces it. A retry with the same idempotency key records nothing more.
 */
export function recordPayment(env: LedgerEnv, ctx: CallContext, store: PaymentStore, docId: number, input: PaymentInput): void {
  const written = env.sql.tx(() => {
    const doc = store.load(docId);
    if (input.idempotencyKey !== undefined && isReplay(store.byKey(input.idempotencyKey), doc.id, input)) return 0;
    const paidOn = input.paidOn ?? today(env.clock);
    checkPayment(doc, paymentsByDoc(store, [doc.id]).get(doc.id) ?? [], { ...input, paidOn }, env.clock);
    store.insert(doc.id, {
      paid_date: paidOn,
      amount_minor: input.amountMinor,
      reference: input.reference ?? null,
      idempotency_key: input.idempotencyKey ?? null,
      actor: ctx.actor,
      device: ctx.device,
      created_at: env.clock.now().toISOString(),
    });
    return doc.id;
  });
  if (written) env.bus.emit('finance.changed', { kind: store.kind, ids: [written] });
}

/** A list as of a day: each document with its payments up to then, filtered by status, with totals per currency. */
export function listDocuments<D extends { id: number }, R extends Listed>(
  env: LedgerEnv,
  store: PaymentStore,
  docs: readonly D[],
  filter: { asOf: string; status: 'all' | DocumentStatus },
  toRow: (doc: D, payments: readonly PaymentRow[], asOf: string) => R,
): { asOf: string; rows: R[]; totals: ReturnType<typeof totalsOf> } {
  const pays = paymentsByDoc(store, docs.map((d) => d.id));
  const all = docs.map((d) => toRow(d, pays.get(d.id) ?? [], filter.asOf));
  const rows = filter.status === 'all' ? all : all.filter((r) => r.status === filter.status);
  return { asOf: filter.asOf, rows, totals: totalsOf(rows, env.settings.get().currency) };
}
