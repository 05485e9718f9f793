import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../../migrations';
import { openDatabase } from '../../../src/main/db/connection';
import { migrate } from '../../../src/main/db/migrator';
import { tmpDir } from '../../helpers/core';

describe('migration 0050 returns and counts', () => {
  it('applies on top of 0040 with data in it and adds the returns and count tables', () => {
    const file = path.join(tmpDir(), 'm50.db');
    const db = openDatabase(file);
    migrate(db, migrations.filter((m) => m.version <= 40), { file });
    db.prepare("INSERT INTO items (sku, name, created_at, updated_at) VALUES ('OLD-1', 'Before returns', 'x', 'x')").run();
    const r = migrate(db, migrations.filter((m) => m.version <= 50), { file, now: () => new Date('2026-01-01T00:00:00Z') });
    expect(r.applied).toEqual(['50_returns_counts']);
    const names = (db.prepare("SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map((x) => x.name);
    for (const t of ['returns', 'return_lines', 'return_steps', 'return_refunds', 'count_sessions', 'count_scope', 'count_lines', 'count_entries']) expect(names).toContain(t);
    expect(db.prepare('SELECT sku FROM items').all()).toEqual([{ sku: 'OLD-1' }]);
    db.close();
  });

  it('keeps returns within what was authorised and count lines consistent', () => {
    const file = path.join(tmpDir(), 'm50c.db');
    const db = openDatabase(file);
    migrate(db, migrations, { file });
    db.exec("INSERT INTO items (id, sku, name, created_at, updated_at) VALUES (1, 'A', 'A', 'x', 'x')");
    db.exec("INSERT INTO returns (id, number, status, reason, created_by, created_device, created_at, updated_at) VALUES (1, 'RMA-1', 'authorised', 'r', 'a', 'd', 'x', 'x')");
    expect(() => db.exec("INSERT INTO returns (number, status, reason, created_by, created_device, created_at, updated_at) VALUES ('RMA-2', 'lost', 'r', 'a', 'd', 'x', 'x')")).toThrow(/CHECK/);
    expect(() => db.exec('INSERT INTO return_lines (return_id, item_id, quantity, received) VALUES (1, 1, 2, 3)')).toThrow(/CHECK/);
    expect(() => db.exec('INSERT INTO return_lines (return_id, item_id, quantity) VALUES (1, 1, 0)')).toThrow(/CHECK/);
    db.exec(`INSERT INTO count_sessions (id, number, scope, status, auto_units, auto_pct, auto_value_minor, approval_units, approval_pct, approval_value_minor, created_by, created_device, created_at)
             VALUES (1, 'CC-1', 'bin', 'counting', 2, 5, 2000, 10, 25, 10000, 'a', 'd', 'x')`);
    expect(() =>
      db.exec(`INSERT INTO count_sessions (number, scope, status, auto_units, auto_pct, auto_value_minor, approval_units, approval_pct, approval_value_minor, created_by, created_device, created_at)
               VALUES ('CC-2', 'bin', 'counting', 5, 5, 2000, 4, 25, 10000, 'a', 'd', 'x')`),
    ).toThrow(/CHECK/);
    const line = db.prepare(
      "INSERT INTO count_lines (session_id, item_id, location_id, counted, expected, variance, unit_cost_minor, value_minor, counted_at, status) VALUES (1, 1, 1, ?, ?, ?, 0, 0, 'x', 'accepted')",
    );
    expect(() => line.run(-1, 0, -1)).toThrow(/CHECK/);
    expect(() => line.run(3, 5, 1)).toThrow(/CHECK/);
    line.run(3, 5, -2);
    expect(() => line.run(4, 5, -1)).toThrow(/UNIQUE/);
    db.close();
  });
});
