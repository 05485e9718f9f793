import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../../migrations';
import { openDatabase } from '../../../src/main/db/connection';
import { migrate } from '../../../src/main/db/migrator';
import { tmpDir } from '../../helpers/core';

const names = (db: ReturnType<typeof openDatabase>) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table','trigger','index') AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);

describe('migration 0020 purchasing', () => {
  it('applies on top of 0010 with data in it, and adds the purchasing and cost adjustment tables', () => {
    const file = path.join(tmpDir(), 'm20.db');
    const db = openDatabase(file);
    migrate(db, migrations.filter((m) => m.version <= 10), { file });
    db.prepare("INSERT INTO items (sku, name, created_at, updated_at) VALUES ('OLD-1', 'Before purchasing', 'x', 'x')").run();
    const r = migrate(db, migrations.filter((m) => m.version <= 20), { file, now: () => new Date('2026-01-01T00:00:00Z') });
    expect(r.applied).toEqual(['20_purchasing']);
    expect(r.backup).not.toBeNull();
    const all = names(db);
    for (const t of [
      'suppliers',
      'supplier_items',
      'supplier_items_preferred',
      'purchase_orders',
      'purchase_order_lines',
      'po_receipts',
      'po_receipt_lines',
      'po_charges',
      'po_charge_allocations',
      'cost_adjustments',
      'cost_adjustments_no_update',
      'cost_adjustments_no_delete',
      'po_charge_allocations_no_update',
    ]) {
      expect(all).toContain(t);
    }
    expect(db.prepare('SELECT sku FROM items').all()).toEqual([{ sku: 'OLD-1' }]);
    db.close();
  });

  it('enforces its constraints: one preferred supplier per item, known statuses, append-only adjustments', () => {
    const file = path.join(tmpDir(), 'm20c.db');
    const db = openDatabase(file);
    migrate(db, migrations, { file });
    db.exec(`
      INSERT INTO items (id, sku, name, created_at, updated_at) VALUES (1, 'A', 'A', 'x', 'x');
      INSERT INTO suppliers (id, name, created_at, updated_at) VALUES (1, 'S1', 'x', 'x'), (2, 'S2', 'x', 'x');
      INSERT INTO supplier_items (supplier_id, item_id, preferred, updated_at) VALUES (1, 1, 1, 'x');
      INSERT INTO warehouses (id, code, name) VALUES (1, 'W', 'W');
    `);
    expect(() => db.exec("INSERT INTO supplier_items (supplier_id, item_id, preferred, updated_at) VALUES (2, 1, 1, 'x')")).toThrow(/UNIQUE/);
    expect(() => db.exec("INSERT INTO suppliers (name, created_at, updated_at) VALUES ('s1', 'x', 'x')")).toThrow(/UNIQUE/);
    expect(() =>
      db.exec("INSERT INTO purchase_orders (number, supplier_id, warehouse_id, status, currency, created_at, updated_at) VALUES ('PO-1', 1, 1, 'shipped', 'GBP', 'x', 'x')"),
    ).toThrow(/CHECK/);
    db.exec(`
      INSERT INTO operations (id, kind, request_hash, actor, device, created_at) VALUES (1, 'receive', 'h', 'a', 'd', 'x');
    `);
    const bin = db.prepare("INSERT INTO locations (warehouse_id, kind, code) VALUES (1, 'bin', 'B') RETURNING id").get() as { id: number };
    const supplierLoc = (db.prepare("SELECT id FROM locations WHERE virtual_kind = 'supplier'").get() as { id: number }).id;
    db.prepare("INSERT INTO movements (id, operation_id, item_id, from_location_id, to_location_id, quantity, unit_cost_minor, total_cost_minor, reason, actor, device, created_at) VALUES (1, 1, 1, ?, ?, 1, 1, 1, 'receipt', 'a', 'd', 'x')").run(supplierLoc, bin.id);
    db.exec(`INSERT INTO cost_adjustments (operation_id, source, source_id, item_id, receipt_movement_id, kind, consumed_by_movement_id, quantity, amount_minor, created_at)
             VALUES (1, 'po_charge', 1, 1, 1, 'cogs', 1, 1, 5, 'x')`);
    // A revaluation must name both layers.
    expect(() =>
      db.exec("INSERT INTO cost_adjustments (operation_id, source, source_id, item_id, receipt_movement_id, kind, quantity, amount_minor, created_at) VALUES (1, 'po_charge', 1, 1, 1, 'revalue', 1, 5, 'x')"),
    ).toThrow(/CHECK/);
    expect(() => db.exec('UPDATE cost_adjustments SET amount_minor = 6')).toThrow(/append-only/);
    expect(() => db.exec('DELETE FROM cost_adjustments')).toThrow(/append-only/);
    db.close();
  });
});
