import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../../migrations';
import { openDatabase } from '../../../src/main/db/connection';
import { migrate } from '../../../src/main/db/migrator';
import { tmpDir } from '../../helpers/core';

const names = (db: ReturnType<typeof openDatabase>) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table','trigger','index') AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);

describe('migration 0060 channels', () => {
  it('applies on top of 0050 with stock in it, and its triggers queue mapped listings from balance changes only', () => {
    const file = path.join(tmpDir(), 'm60.db');
    const db = openDatabase(file);
    migrate(db, migrations.filter((m) => m.version <= 50), { file });
    db.exec(`
      INSERT INTO items (id, sku, name, created_at, updated_at) VALUES (1, 'OLD-1', 'Before channels', 'x', 'x'), (2, 'OLD-2', 'Unlisted', 'x', 'x');
      INSERT INTO warehouses (id, code, name) VALUES (1, 'W', 'W');
      INSERT INTO locations (id, warehouse_id, kind, code) VALUES (100, 1, 'bin', 'B1');
      INSERT INTO balances (item_id, location_id, on_hand) VALUES (1, 100, 4);
    `);
    const r = migrate(db, migrations.filter((m) => m.version <= 60), { file, now: () => new Date('2026-01-01T00:00:00Z') });
    expect(r.applied).toEqual(['60_channels']);
    const all = names(db);
    for (const t of ['channels', 'channel_locations', 'channel_listings', 'channel_outbox', 'channel_orders', 'channel_unmapped_lines', 'channel_seq', 'channel_outbox_balance_ai', 'channel_outbox_balance_au']) {
      expect(all).toContain(t);
    }
    db.exec(`
      INSERT INTO channels (id, kind, name, created_at, updated_at) VALUES (1, 'shopify', 'S', 'x', 'x');
      INSERT INTO channel_listings (id, channel_id, ref, item_id) VALUES (10, 1, 'L1', 1), (11, 1, 'L2', NULL);
    `);
    const defaults = db.prepare('SELECT poll_interval_seconds, share_pct, max_qty, floor_qty, keep_back, safety_buffer, state, enabled FROM channels').get();
    expect(defaults).toEqual({ poll_interval_seconds: 60, share_pct: 100, max_qty: null, floor_qty: 0, keep_back: 0, safety_buffer: 0, state: 'idle', enabled: 1 });
    expect(() => db.prepare("UPDATE channels SET share_pct = 101").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO channel_listings (channel_id, ref) VALUES (1, 'L1')").run()).toThrow(/UNIQUE/);

    // An unlisted item's change queues nothing; a listed item's change queues its mapped listing once (coalesced).
    db.exec('INSERT INTO balances (item_id, location_id, on_hand) VALUES (2, 100, 9)');
    expect(db.prepare('SELECT count(*) AS n FROM channel_outbox').get()).toEqual({ n: 0 });
    db.exec('UPDATE balances SET on_hand = 3 WHERE item_id = 1');
    db.exec('UPDATE balances SET reserved = 1 WHERE item_id = 1');
    const rows = db.prepare('SELECT listing_id, channel_id, dirty, dirty_seq FROM channel_outbox').all();
    expect(rows).toEqual([{ listing_id: 10, channel_id: 1, dirty: 1, dirty_seq: 2 }]);
    // A write that changes neither on hand nor reserved is not a change.
    db.exec('UPDATE channel_outbox SET dirty = 0');
    db.exec('UPDATE balances SET on_hand = 3 WHERE item_id = 1');
    expect(db.prepare('SELECT dirty FROM channel_outbox').get()).toEqual({ dirty: 0 });
    expect(db.prepare('SELECT sku FROM items ORDER BY id').all()).toEqual([{ sku: 'OLD-1' }, { sku: 'OLD-2' }]);
    db.close();
  });
});
