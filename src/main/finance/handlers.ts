import type { financeApi } from '../../shared/api/finance';
import type { Handlers } from '../core/router';
import type { LedgerEnv } from '../ledger/env';
import { createBill, listBills, recordBillPayment } from './bills';
import { createInvoice, listInvoices, recordInvoicePayment } from './invoices';

export function financeHandlers(env: LedgerEnv): Pick<Handlers, keyof typeof financeApi> {
  return {
    'finance.createInvoice': (i, c) => createInvoice(env, c, i),
    'finance.recordInvoicePayment': (i, c) => recordInvoicePayment(env, c, i),
    'finance.listInvoices': (i) => listInvoices(env, i),
    'finance.createBill': (i, c) => createBill(env, c, i),
    'finance.recordBillPayment': (i, c) => recordBillPayment(env, c, i),
    'finance.listBills': (i) => listBills(env, i),
  };
}
