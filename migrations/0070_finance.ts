import type { Migration } from './types';

/**
 * Receivables and payables: sales invoices (sales on invoice terms) and supplier bills, each with append-only payments.
 *
 * - A document is dated by a calendar day (issue or bill date) and falls due terms_days later; what is still owed on a
 *   day is its amount less the payments dated on or before that day, so receivables and payables can be rebuilt for
 *   any past day (the KPI engine averages them over a period like inventory).
 * - Payments are never changed or deleted (triggers); a mistake would be corrected by a new document, not an edit.
 * - Amounts are integer minor units in the document's currency; a payment is in the currency of its document.
 */
export const m0070: Migration = {
  version: 70,
  name: 'finance',
  up(db) {
    db.exec(`
CREATE TABLE sales_invoices (
  id             INTEGER PRIMARY KEY,
  number         TEXT NOT NULL UNIQUE,
  -- NULL for an invoice not raised from a sales order.
  order_id       INTEGER REFERENCES sales_orders(id),
  customer_name  TEXT NOT NULL CHECK (length(customer_name) > 0),
  issue_date     TEXT NOT NULL,
  terms_days     INTEGER NOT NULL CHECK (terms_days >= 0),
  due_date       TEXT NOT NULL,
  amount_minor   INTEGER NOT NULL CHECK (amount_minor > 0),
  currency       TEXT NOT NULL,
  reference      TEXT,
  note           TEXT,
  created_by     TEXT NOT NULL,
  created_device TEXT NOT NULL,
  created_at     TEXT NOT NULL,
  CHECK (due_date >= issue_date)
);
CREATE INDEX sales_invoices_order ON sales_invoices(order_id);
CREATE INDEX sales_invoices_issue ON sales_invoices(issue_date);
CREATE TRIGGER sales_invoices_no_delete BEFORE DELETE ON sales_invoices BEGIN
  SELECT RAISE(ABORT, 'sales invoices are never deleted');
END;

CREATE TABLE invoice_payments (
  id           INTEGER PRIMARY KEY,
  invoice_id   INTEGER NOT NULL REFERENCES sales_invoices(id),
  paid_date    TEXT NOT NULL,
  amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
  reference    TEXT,
  -- A client's retry of the same payment carries the same key and records nothing more.
  idempotency_key TEXT UNIQUE,
  actor        TEXT NOT NULL,
  device       TEXT NOT NULL,
  created_at   TEXT NOT NULL
);
CREATE INDEX invoice_payments_invoice ON invoice_payments(invoice_id);
CREATE TRIGGER invoice_payments_no_update BEFORE UPDATE ON invoice_payments BEGIN
  SELECT RAISE(ABORT, 'invoice payments are append-only');
END;
CREATE TRIGGER invoice_payments_no_delete BEFORE DELETE ON invoice_payments BEGIN
  SELECT RAISE(ABORT, 'invoice payments are append-only');
END;

CREATE TABLE supplier_bills (
  id             INTEGER PRIMARY KEY,
  number         TEXT NOT NULL UNIQUE,
  supplier_id    INTEGER NOT NULL REFERENCES suppliers(id),
  -- NULL for a bill not tied to one purchase order (rent, a carrier's invoice...).
  po_id          INTEGER REFERENCES purchase_orders(id),
  -- The supplier's own invoice number; one bill per supplier and reference.
  supplier_ref   TEXT,
  bill_date      TEXT NOT NULL,
  terms_days     INTEGER NOT NULL CHECK (terms_days >= 0),
  due_date       TEXT NOT NULL,
  amount_minor   INTEGER NOT NULL CHECK (amount_minor > 0),
  currency       TEXT NOT NULL,
  note           TEXT,
  created_by     TEXT NOT NULL,
  created_device TEXT NOT NULL,
  created_at     TEXT NOT NULL,
  CHECK (due_date >= bill_date)
);
CREATE UNIQUE INDEX supplier_bills_ref ON supplier_bills(supplier_id, supplier_ref) WHERE supplier_ref IS NOT NULL;
CREATE INDEX supplier_bills_po ON supplier_bills(po_id);
CREATE INDEX supplier_bills_date ON supplier_bills(bill_date);
CREATE TRIGGER supplier_bills_no_delete BEFORE DELETE ON supplier_bills BEGIN
  SELECT RAISE(ABORT, 'supplier bills are never deleted');
END;

CREATE TABLE bill_payments (
  id           INTEGER PRIMARY KEY,
  bill_id      INTEGER NOT NULL REFERENCES supplier_bills(id),
  paid_date    TEXT NOT NULL,
  amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
  reference    TEXT,
  -- A client's retry of the same payment carries the same key and records nothing more.
  idempotency_key TEXT UNIQUE,
  actor        TEXT NOT NULL,
  device       TEXT NOT NULL,
  created_at   TEXT NOT NULL
);
CREATE INDEX bill_payments_bill ON bill_payments(bill_id);
CREATE TRIGGER bill_payments_no_update BEFORE UPDATE ON bill_payments BEGIN
  SELECT RAISE(ABORT, 'bill payments are append-only');
END;
CREATE TRIGGER bill_payments_no_delete BEFORE DELETE ON bill_payments BEGIN
  SELECT RAISE(ABORT, 'bill payments are append-only');
END;
`);
  },
};
