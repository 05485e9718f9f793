import { z } from 'zod';
import { def } from './define';
import { currency, id, idempotencyKey, isoDate, note } from './common';

/**
 * Receivables and payables: sales invoices (sales on invoice terms) and supplier bills, each paid by append-only
 * payments. A document is dated by a calendar day and falls due its terms days later. Status and aging are as of a day
 * (default today): payments dated after it, and documents dated after it, are not seen.
 */

export const DOCUMENT_STATUSES = ['open', 'overdue', 'paid'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

/** Aging buckets of what is still owed, by days past the due date as of the day asked. */
export const AGING_BUCKETS = [
  { label: 'Not yet due', minDays: null, maxDays: 0 },
  { label: '1–30 days overdue', minDays: 1, maxDays: 30 },
  { label: '31–60 days overdue', minDays: 31, maxDays: 60 },
  { label: '61–90 days overdue', minDays: 61, maxDays: 90 },
  { label: 'Over 90 days overdue', minDays: 91, maxDays: null },
] as const;

/** A real calendar day (the regex alone lets 2026-02-30 through). */
const day = isoDate.refine((d) => {
  const t = new Date(`${d}T00:00:00.000Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
}, 'Not a calendar date');
const amount = z.number().int('Money is in whole minor units (pence, cents)').positive('The amount must be more than zero');
const termsDays = z.number().int('Terms are whole days').nonnegative('Terms cannot be negative').max(3650);
const ref = z.string().trim().min(1).max(120).optional();

export const payment = z.object({ id, paidOn: z.string(), amountMinor: z.number(), reference: z.string().nullable(), actor: z.string(), createdAt: z.string() });

const documentState = {
  termsDays: z.number(),
  dueDate: z.string(),
  amountMinor: z.number(),
  currency: z.string(),
  note: z.string().nullable(),
  /** Paid on or before the day asked, and what is still owed then. */
  paidMinor: z.number(),
  openMinor: z.number(),
  status: z.enum(DOCUMENT_STATUSES),
  /** The day the last payment cleared it; null while something is owed. */
  paidDate: z.string().nullable(),
  /** Days past due: until the day asked while owed, until the paid date once paid (0 when on time). */
  daysOverdue: z.number(),
  payments: z.array(payment),
  createdAt: z.string(),
};

export const invoice = z.object({
  id,
  number: z.string(),
  orderId: z.number().nullable(),
  orderNumber: z.string().nullable(),
  customerName: z.string(),
  issueDate: z.string(),
  reference: z.string().nullable(),
  ...documentState,
});
export type Invoice = z.infer<typeof invoice>;

export const bill = z.object({
  id,
  number: z.string(),
  supplierId: id,
  supplierName: z.string(),
  poId: z.number().nullable(),
  poNumber: z.string().nullable(),
  supplierRef: z.string().nullable(),
  billDate: z.string(),
  ...documentState,
});
export type Bill = z.infer<typeof bill>;

/** Totals of a list, one row per currency (amounts of different currencies are never added). */
export const documentTotals = z.object({
  currency: z.string(),
  count: z.number(),
  amountMinor: z.number(),
  paidMinor: z.number(),
  openMinor: z.number(),
  overdueMinor: z.number(),
  aging: z.array(z.object({ label: z.string(), minDays: z.number().nullable(), maxDays: z.number().nullable(), count: z.number(), openMinor: z.number() })),
});

const listFilter = {
  /** Status as of asOf; 'all' (default) lists every document dated on or before asOf. */
  status: z.enum(['all', ...DOCUMENT_STATUSES]).default('all'),
  /** The day the status, amounts paid and aging are taken at (default today, UTC). */
  asOf: day.optional(),
};

const paymentInput = {
  amountMinor: amount,
  /** The day the money moved (default today); never before the document's date nor after today. */
  paidOn: day.optional(),
  /** Optional: when given it must be the document's currency. */
  currency: currency.optional(),
  reference: ref,
  /** A retry with the same key records nothing more (and is refused if it is not the same payment). */
  idempotencyKey,
};

export const financeApi = {
  'finance.createInvoice': def({
    summary:
      'Raises a sales invoice for a sale on invoice terms: from a sales order (customer, currency and, unless given, the amount = Σ ordered quantity × unit price) or on its own (customer and amount required). Due = issue date + terms days (default 30).',
    mutates: true,
    input: z
      .object({
        orderId: id.optional(),
        customerName: z.string().trim().min(1, 'Customer is required').max(200).optional(),
        issueDate: day.optional(),
        termsDays: termsDays.default(30),
        amountMinor: amount.optional(),
        currency: currency.optional(),
        reference: ref,
        note,
      })
      .refine((i) => i.orderId !== undefined || i.customerName !== undefined, { message: 'Give the customer (or the sales order)', path: ['customerName'] })
      .refine((i) => i.orderId !== undefined || i.amountMinor !== undefined, { message: 'Give the amount (or the sales order)', path: ['amountMinor'] }),
    output: invoice,
  }),
  'finance.recordInvoicePayment': def({
    summary: 'Records a customer payment against an invoice (append-only). Refused when it is more than still owed, dated before the invoice or after today, or in another currency.',
    mutates: true,
    input: z.object({ invoiceId: id, ...paymentInput }),
    output: invoice,
  }),
  'finance.listInvoices': def({
    summary: 'Sales invoices as of a day: open, overdue or paid, with paid and open amounts, days overdue, and totals with aging buckets per currency.',
    mutates: false,
    input: z.object({ ...listFilter, orderId: id.optional(), customerName: z.string().trim().min(1).max(200).optional() }),
    output: z.object({ asOf: z.string(), rows: z.array(invoice), totals: z.array(documentTotals) }),
  }),
  'finance.createBill': def({
    summary:
      "Records a supplier bill, optionally for one of the supplier's purchase orders. Terms default to the supplier's payment terms, currency to the supplier's; the amount defaults to the PO's value received (Σ received × unit cost). Due = bill date + terms days.",
    mutates: true,
    input: z
      .object({
        supplierId: id,
        poId: id.optional(),
        /** The supplier's invoice number: one bill per supplier and number. */
        supplierRef: ref,
        billDate: day.optional(),
        termsDays: termsDays.optional(),
        amountMinor: amount.optional(),
        currency: currency.optional(),
        note,
      })
      .refine((i) => i.poId !== undefined || i.amountMinor !== undefined, { message: 'Give the amount (or the purchase order)', path: ['amountMinor'] }),
    output: bill,
  }),
  'finance.recordBillPayment': def({
    summary: 'Records a payment to a supplier against a bill (append-only). Refused when it is more than still owed, dated before the bill or after today, or in another currency.',
    mutates: true,
    input: z.object({ billId: id, ...paymentInput }),
    output: bill,
  }),
  'finance.listBills': def({
    summary: 'Supplier bills as of a day: open, overdue or paid, with paid and open amounts, days overdue, and totals with aging buckets per currency.',
    mutates: false,
    input: z.object({ ...listFilter, supplierId: id.optional(), poId: id.optional() }),
    output: z.object({ asOf: z.string(), rows: z.array(bill), totals: z.array(documentTotals) }),
  }),
};
