import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../../migrations';
import { openDatabase } from '../../../src/main/db/connection';
import { migrate, schemaVersion } from '../../../src/main/db/migrator';
import { tmpDir } from '../../helpers/core';

const names = (db: Database.Database) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table','trigger','index') AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);

const insertOrder = (db: Database.Database, number: string, channel: string, externalId: string | null, tote: string | null = null) =>
  db
    .prepare(
      `INSERT INTO sales_orders (number, channel, external_id, status, customer_name, ship_name, ship_line1, ship_city, ship_postal_code, ship_country,
        currency, tote, created_by, created_device, created_at, updated_at)
       VALUES (?, ?, ?, 'new', 'Ada', 'Ada', '1 Road', 'Leeds', 'LS1', 'GB', 'GBP', ?, 't', 'd', 'now', 'now')`,
    )
    .run(number, channel, externalId, tote);

describe('migration 0030 orders', () => {
  it('adds the order tables to a database at 0020, keeping its data', () => {
    const file = path.join(tmpDir(), 'm30.db');
    const db = openDatabase(file);
    migrate(db, migrations.filter((m) => m.version <= 20), { file });
    db.prepare("INSERT INTO items (sku, name, created_at, updated_at) VALUES ('MUG-1', 'Mug', 'now', 'now')").run();
    const r = migrate(db, migrations.filter((m) => m.version <= 30), { file });
    expect(r.applied).toEqual(['30_orders']);
    expect(r.backup).not.toBeNull();
    expect(schemaVersion(db)).toBe(30);
    const n = names(db);
    for (const t of ['sales_orders', 'sales_order_lines', 'order_allocations', 'pick_lists', 'pick_list_lines', 'order_events', 'order_events_no_update', 'order_events_no_delete', 'sales_orders_external', 'sales_orders_tote']) {
      expect(n).toContain(t);
    }
    expect(db.prepare('SELECT sku FROM items').all()).toEqual([{ sku: 'MUG-1' }]);
    db.close();
  });

  it('enforces channel-unique external ids, one order per tote, known statuses and append-only events', () => {
    const file = path.join(tmpDir(), 'c30.db');
    const db = openDatabase(file);
    migrate(db, migrations.filter((m) => m.version <= 30), { file });
    insertOrder(db, 'SO-00001', 'csv', 'WEB-1', 'TOTE-1');
    insertOrder(db, 'SO-00002', 'shopify:x', 'WEB-1');
    insertOrder(db, 'SO-00003', 'manual', null);
    insertOrder(db, 'SO-00004', 'manual', null);
    expect(() => insertOrder(db, 'SO-00005', 'csv', 'WEB-1')).toThrow(/UNIQUE/);
    expect(() => insertOrder(db, 'SO-00006', 'csv', 'WEB-9', 'TOTE-1')).toThrow(/UNIQUE/);
    expect(() => db.prepare("UPDATE sales_orders SET status = 'lost' WHERE id = 1").run()).toThrow(/CHECK/);
    db.prepare("INSERT INTO order_events (order_id, kind, actor, device, created_at) VALUES (1, 'created', 't', 'd', 'now')").run();
    expect(() => db.prepare("UPDATE order_events SET kind = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM order_events').run()).toThrow(/append-only/);
    db.close();
  });
});
