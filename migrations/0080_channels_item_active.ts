import type { Migration } from './types';

/**
 * An item switched inactive (or active again) changes what every channel may sell of it: an inactive item is never
 * allocated, so its listings must show 0. Like the balance triggers of 0060, the item's mapped listings are queued
 * in the transaction that changes the flag.
 */
export const m0080: Migration = {
  version: 80,
  name: 'channels_item_active',
  up(db) {
    db.exec(`
CREATE TRIGGER channel_outbox_item_active_au AFTER UPDATE OF active ON items
WHEN NEW.active <> OLD.active AND EXISTS (SELECT 1 FROM channel_listings WHERE item_id = NEW.id)
BEGIN
  UPDATE channel_seq SET value = value + 1 WHERE id = 1;
  INSERT INTO channel_outbox (listing_id, channel_id, dirty, dirty_seq, dirty_at)
    SELECT l.id, l.channel_id, 1, (SELECT value FROM channel_seq WHERE id = 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
    FROM channel_listings l WHERE l.item_id = NEW.id
  ON CONFLICT (listing_id) DO UPDATE SET dirty = 1, dirty_seq = excluded.dirty_seq, dirty_at = excluded.dirty_at;
END;
`);
  },
};
