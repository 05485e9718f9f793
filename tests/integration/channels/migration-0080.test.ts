import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../../migrations';
import { openDatabase } from '../../../src/main/db/connection';
import { migrate } from '../../../src/main/db/migrator';
import { tmpDir } from '../../helpers/core';

describe('migration 0080 channels_item_active', () => {
  it('applies on top of 0070, and switching an item active or inactive queues its mapped listings only', () => {
    const file = path.join(tmpDir(), 'm80.db');
    const db = openDatabase(file);
    migrate(db, migrations.filter((m) => m.version <= 70), { file });
    db.exec(`
      INSERT INTO items (id, sku, name, created_at, updated_at) VALUES (1, 'A-1', 'Listed', 'x', 'x'), (2, 'B-1', 'Unlisted', 'x', 'x');
      INSERT INTO channels (id, kind, name, created_at, updated_at) VALUES (1, 'shopify', 'S', 'x', 'x');
      INSERT INTO channel_listings (id, channel_id, ref, item_id) VALUES (10, 1, 'L1', 1), (11, 1, 'L2', NULL);
    `);
    const r = migrate(db, migrations.filter((m) => m.version <= 80), { file, now: () => new Date('2026-01-01T00:00:00Z') });
    expect(r.applied).toEqual(['80_channels_item_active']);
    const outbox = () => db.prepare('SELECT listing_id, dirty, dirty_seq FROM channel_outbox ORDER BY listing_id').all();

    db.exec("UPDATE items SET name = 'Renamed' WHERE id = 1");
    db.exec('UPDATE items SET active = 0 WHERE id = 2');
    expect(outbox()).toEqual([]);
    db.exec('UPDATE items SET active = 1 WHERE id = 1');
    expect(outbox()).toEqual([]);
    db.exec('UPDATE items SET active = 0 WHERE id = 1');
    expect(outbox()).toEqual([{ listing_id: 10, dirty: 1, dirty_seq: 1 }]);
    db.exec("UPDATE channel_outbox SET dirty = 0");
    db.exec('UPDATE items SET active = 1 WHERE id = 1');
    expect(outbox()).toEqual([{ listing_id: 10, dirty: 1, dirty_seq: 2 }]);
    db.close();
  });
});
