import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../../migrations';
import { openDatabase } from '../../../src/main/db/connection';
import { migrate } from '../../../src/main/db/migrator';
import { tmpDir } from '../../helpers/core';

describe('migration 0070 finance', () => {
  it('applies on top of the earlier migrations with data in them and adds invoices, bills and their payments', () => {
    const file = path.join(tmpDir(), 'm70.db');
    const db = openDatabase(file);
    migrate(db, migrations.filter((m) => m.version < 70), { file });
    db.prepare("INSERT INTO suppliers (name, currency, payment_terms_days, pack_size, address, notes, active, created_at, updated_at) VALUES ('Old supplier', 'GBP', 30, 1, '', '', 1, 'x', 'x')").run();
    const r = migrate(db, migrations.filter((m) => m.version <= 70), { file, now: () => new Date('2026-01-01T00:00:00Z') });
    expect(r.applied).toEqual(['70_finance']);
    const names = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((x) => x.name);
    for (const t of ['sales_invoices', 'invoice_payments', 'supplier_bills', 'bill_payments']) expect(names).toContain(t);
    expect(db.prepare('SELECT name FROM suppliers').all()).toEqual([{ name: 'Old supplier' }]);
    db.close();
  });

  it('keeps amounts positive, due dates on or after the document date, one bill per supplier reference, and payments append-only', () => {
    const file = path.join(tmpDir(), 'm70c.db');
    const db = openDatabase(file);
    migrate(db, migrations, { file });
    const inv = db.prepare(
      "INSERT INTO sales_invoices (number, customer_name, issue_date, terms_days, due_date, amount_minor, currency, created_by, created_device, created_at) VALUES (?, 'Ada', ?, 30, ?, ?, 'GBP', 'a', 'd', 'x')",
    );
    inv.run('INV-1', '2026-01-01', '2026-01-31', 1000);
    expect(() => inv.run('INV-2', '2026-01-01', '2026-01-31', 0)).toThrow(/CHECK/);
    expect(() => inv.run('INV-3', '2026-02-01', '2026-01-31', 100)).toThrow(/CHECK/);
    expect(() => inv.run('INV-1', '2026-01-01', '2026-01-31', 100)).toThrow(/UNIQUE/);
    db.exec("INSERT INTO invoice_payments (invoice_id, paid_date, amount_minor, idempotency_key, actor, device, created_at) VALUES (1, '2026-01-10', 400, 'k1', 'a', 'd', 'x')");
    expect(() => db.exec("INSERT INTO invoice_payments (invoice_id, paid_date, amount_minor, idempotency_key, actor, device, created_at) VALUES (1, '2026-01-11', 100, 'k1', 'a', 'd', 'x')")).toThrow(/UNIQUE/);
    expect(() => db.exec('UPDATE invoice_payments SET amount_minor = 1')).toThrow(/append-only/);
    expect(() => db.exec('DELETE FROM invoice_payments')).toThrow(/append-only/);
    expect(() => db.exec('DELETE FROM sales_invoices')).toThrow(/never deleted/);
    expect(() => db.exec("INSERT INTO invoice_payments (invoice_id, paid_date, amount_minor, actor, device, created_at) VALUES (1, '2026-01-10', -5, 'a', 'd', 'x')")).toThrow(/CHECK/);

    db.exec("INSERT INTO suppliers (id, name, currency, payment_terms_days, pack_size, address, notes, active, created_at, updated_at) VALUES (1, 'S', 'GBP', 30, 1, '', '', 1, 'x', 'x')");
    const bill = db.prepare(
      "INSERT INTO supplier_bills (number, supplier_id, supplier_ref, bill_date, terms_days, due_date, amount_minor, currency, created_by, created_device, created_at) VALUES (?, ?, ?, '2026-01-01', 30, '2026-01-31', 500, 'GBP', 'a', 'd', 'x')",
    );
    bill.run('BILL-1', 1, 'S-100');
    bill.run('BILL-2', 1, null);
    bill.run('BILL-3', 1, null);
    expect(() => bill.run('BILL-4', 1, 'S-100')).toThrow(/UNIQUE/);
    expect(() => bill.run('BILL-5', 99, 'S-101')).toThrow(/FOREIGN KEY/);
    db.exec("INSERT INTO bill_payments (bill_id, paid_date, amount_minor, actor, device, created_at) VALUES (1, '2026-02-10', 500, 'a', 'd', 'x')");
    expect(() => db.exec('UPDATE bill_payments SET paid_date = 1')).toThrow(/append-only/);
    expect(() => db.exec('DELETE FROM bill_payments')).toThrow(/append-only/);
    db.close();
  });
});
