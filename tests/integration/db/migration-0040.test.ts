import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../../migrations';
import { openDatabase } from '../../../src/main/db/connection';
import { migrate } from '../../../src/main/db/migrator';
import { tmpDir } from '../../helpers/core';

describe('migration 0040 planning', () => {
  it('applies on top of 0030 with data in it and adds the demand history and planning tables', () => {
    const file = path.join(tmpDir(), 'm40.db');
    const db = openDatabase(file);
    migrate(db, migrations.filter((m) => m.version <= 30), { file });
    db.prepare("INSERT INTO items (sku, name, created_at, updated_at) VALUES ('OLD-1', 'Before planning', 'x', 'x')").run();
    const r = migrate(db, migrations.filter((m) => m.version <= 40), { file, now: () => new Date('2026-01-01T00:00:00Z') });
    expect(r.applied).toEqual(['40_planning']);
    const names = (db.prepare("SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map((x) => x.name);
    for (const t of ['history_imports', 'demand_history', 'demand_history_sku', 'planning_params', 'planning_runs', 'planning_changes', 'planning_exceptions', 'planning_exceptions_open']) {
      expect(names).toContain(t);
    }
    expect(db.prepare('SELECT sku FROM items').all()).toEqual([{ sku: 'OLD-1' }]);
    db.close();
  });

  it('keeps one row per source, day and SKU (whatever the case) and only real days and non-negative quantities', () => {
    const file = path.join(tmpDir(), 'm40c.db');
    const db = openDatabase(file);
    migrate(db, migrations, { file });
    db.exec(`INSERT INTO history_imports (id, source, file_hash, options, rows_seen, rows_imported, rejected, non_product_skipped, unknown_sku_rows, history_rows, replaced_rows, summary, ms, actor, created_at)
             VALUES (1, 's', 'h', '{}', 0, 0, 0, 0, 0, 0, 0, '{}', 0, 'a', 'x')`);
    const ins = db.prepare('INSERT INTO demand_history (source, day, sku, qty_sold, qty_returned, import_id) VALUES (?, ?, ?, ?, ?, 1)');
    ins.run('s', '2025-01-01', 'ABC', 1, 0);
    expect(() => ins.run('s', '2025-01-01', 'abc', 1, 0)).toThrow(/UNIQUE/);
    ins.run('t', '2025-01-01', 'abc', 1, 0);
    expect(() => ins.run('s', '01/02/2025', 'ABC', 1, 0)).toThrow(/CHECK/);
    expect(() => ins.run('s', '2025-01-02', 'ABC', -1, 0)).toThrow(/CHECK/);
    db.exec("INSERT INTO items (id, sku, name, created_at, updated_at) VALUES (1, 'A', 'A', 'x', 'x')");
    expect(() =>
      db.exec(`INSERT INTO planning_params (item_id, run_id, computed_at, method, avg_daily, sd_daily, lead_time_days, lead_time_sd, lead_time_source, service_level, safety_stock, reorder_point, order_qty, annual_demand, revenue_minor, abc, xyz, detail)
               VALUES (1, 1, 'x', 'ses', 0, 0, 0, 0, 'default', 0.9, 0, 0, 0, 0, 0, 'D', 'X', '{}')`),
    ).toThrow(/CHECK/);
    db.close();
  });
});
