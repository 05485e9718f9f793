import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrations, type Migration } from '../../../migrations';
import { openDatabase } from '../../../src/main/db/connection';
import { migrate, schemaVersion } from '../../../src/main/db/migrator';
import { DomainError } from '../../../src/shared/errors';
import { makeCore, tmpDir } from '../../helpers/core';

const tables = (db: Database.Database) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table','trigger','index') AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);

describe('migrator', () => {
  it('numbers migrations in steps of 10, oldest first', () => {
    migrations.forEach((m, i) => expect(m.version).toBe((i + 1) * 10));
  });

  it('opens with WAL, foreign keys and synchronous=FULL', () => {
    const db = openDatabase(path.join(tmpDir(), 'x.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    db.close();
  });

  it('refuses a database written by a newer version and leaves it untouched', () => {
    const file = path.join(tmpDir(), 'new.db');
    const db = openDatabase(file);
    db.pragma('user_version = 9990');
    let err: unknown;
    try {
      migrate(db, migrations, { file });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe('DB_TOO_NEW');
    expect((err as DomainError).message).toMatch(/newer version of Stockroom/);
    expect(schemaVersion(db)).toBe(9990);
    expect(tables(db)).toEqual([]);
    db.close();
  });

  it('rolls a failing migration back entirely and keeps the earlier ones', () => {
    const file = path.join(tmpDir(), 'fail.db');
    const db = openDatabase(file);
    migrate(db, migrations, { file });
    const before = tables(db);
    const broken: Migration = {
      version: migrations[migrations.length - 1].version + 10,
      name: 'broken',
      up(d) {
        d.exec('CREATE TABLE half_done (x INTEGER)');
        d.exec("INSERT INTO items (sku, name, created_at, updated_at) VALUES ('X', 'x', 'now', 'now')");
        d.exec('THIS IS NOT SQL');
      },
    };
    expect(() => migrate(db, [...migrations, broken], { file })).toThrow(/Migration \d+ \(broken\) failed and was rolled back/);
    expect(tables(db)).toEqual(before);
    expect(schemaVersion(db)).toBe(migrations[migrations.length - 1].version);
    expect((db.prepare('SELECT count(*) n FROM items').get() as { n: number }).n).toBe(0);
    db.close();
  });

  it('backs the file up before migrating an existing database', () => {
    const dir = tmpDir();
    const file = path.join(dir, 'b.db');
    const db = openDatabase(file);
    migrate(db, migrations, { file });
    db.prepare("INSERT INTO settings (key, value) VALUES ('companyName', '\"Before\"')").run();
    const next: Migration = { version: 9000, name: 'add_column', up: (d) => d.exec("ALTER TABLE settings ADD COLUMN note TEXT DEFAULT ''") };
    const r = migrate(db, [...migrations, next], { file, now: () => new Date('2026-02-03T04:05:06Z') });
    expect(r.applied).toEqual(['9000_add_column']);
    expect(r.backup).not.toBeNull();
    expect(fs.existsSync(r.backup!)).toBe(true);
    const copy = new Database(r.backup!, { readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(migrations[migrations.length - 1].version);
    expect(copy.prepare('SELECT value FROM settings').get()).toEqual({ value: '"Before"' });
    copy.close();
    db.close();
  });
});

describe('migration 0010 foundation', () => {
  it('creates the ledger tables, the virtual locations and the append-only triggers', () => {
    const file = path.join(tmpDir(), 'm10.db');
    const db = openDatabase(file);
    const r = migrate(db, migrations.filter((m) => m.version <= 10), { file });
    expect(r.applied).toEqual(['10_foundation']);
    const names = tables(db);
    for (const t of ['items', 'barcodes', 'warehouses', 'locations', 'lots', 'operations', 'movements', 'balances', 'cost_layers', 'reservations', 'movements_no_update', 'movements_no_delete']) {
      expect(names).toContain(t);
    }
    const virtual = (db.prepare("SELECT virtual_kind FROM locations WHERE kind = 'virtual' ORDER BY virtual_kind").all() as { virtual_kind: string }[]).map((v) => v.virtual_kind);
    expect(virtual).toEqual(['adjustment', 'customer', 'in_transit', 'returns_limbo', 'scrap', 'supplier']);
    db.close();
  });
});

describe('append-only movements', () => {
  it('refuses UPDATE and DELETE of a movement at the database level', () => {
    const c = makeCore();
    const wh = c.ok('locations.createWarehouse', { code: 'W', name: 'W' });
    const bin = c.ok('locations.create', { warehouseId: wh.id, kind: 'bin', code: 'A' });
    const item = c.ok('catalog.create', { sku: 'S', name: 'S' });
    c.ok('stock.receive', { itemId: item.id, locationId: bin.id, quantity: 5 });
    expect(() => c.db.prepare('UPDATE movements SET quantity = 50').run()).toThrow(/append-only/);
    expect(() => c.db.prepare('DELETE FROM movements').run()).toThrow(/append-only/);
    expect(c.db.prepare('SELECT quantity FROM movements').all()).toEqual([{ quantity: 5 }]);
    c.close();
  });
});

describe('start-up ledger check', () => {
  it('reports a balance that no longer equals its movements', () => {
    const dir = tmpDir();
    const c = makeCore({ dir });
    const wh = c.ok('locations.createWarehouse', { code: 'W', name: 'W' });
    const bin = c.ok('locations.create', { warehouseId: wh.id, kind: 'bin', code: 'A' });
    const item = c.ok('catalog.create', { sku: 'S', name: 'S' });
    c.ok('stock.receive', { itemId: item.id, locationId: bin.id, quantity: 5 });
    expect(c.startupCheck.ok).toBe(true);
    // Someone edits the file behind the app's back.
    c.db.prepare('UPDATE balances SET on_hand = 6 WHERE location_id = ?').run(bin.id);
    c.close();
    const again = makeCore({ dir });
    expect(again.startupCheck.ok).toBe(false);
    expect(again.startupCheck.problems.join('\n')).toMatch(/balance 6 but movements sum to 5/);
    again.close();
  });
});
