import type { Migration } from './types';

/**
 * Sales channels (Shopify, WooCommerce, file): configuration and rules, the location and listing maps, the push
 * outbox, imported channel orders and their unmapped lines.
 *
 * - The outbox is written IN THE SAME TRANSACTION as every ledger change by triggers on balances (on hand and
 *   reserved both live there; reserve/release/consume update balances.reserved in the transaction that writes the
 *   reservation log), so every ledger path (orders, receiving, counts, returns, transfers) queues the channel
 *   quantities of the item without a code hook. One row per listing: the latest change wins.
 * - channel_seq is a counter, not a clock: a listing's dirty_seq and a channel's last complete order pull are
 *   compared on it, so "a pull started after the listing changed" never depends on two timestamps in one millisecond.
 * - Credentials are an AES-256-GCM blob (src/main/channels/secrets.ts); config holds nothing secret.
 */
export const m0060: Migration = {
  version: 60,
  name: 'channels',
  up(db) {
    db.exec(`
CREATE TABLE channel_seq (
  id    INTEGER PRIMARY KEY CHECK (id = 1),
  value INTEGER NOT NULL
);
INSERT INTO channel_seq (id, value) VALUES (1, 0);

CREATE TABLE channels (
  id                        INTEGER PRIMARY KEY,
  kind                      TEXT NOT NULL CHECK (kind IN ('shopify','woocommerce','file')),
  name                      TEXT NOT NULL,
  config                    TEXT NOT NULL DEFAULT '{}',
  credentials               BLOB,
  credentials_hint          TEXT,
  enabled                   INTEGER NOT NULL DEFAULT 1,
  poll_interval_seconds     INTEGER NOT NULL DEFAULT 60 CHECK (poll_interval_seconds > 0),
  is_own_webshop            INTEGER NOT NULL DEFAULT 0,
  share_pct                 INTEGER NOT NULL DEFAULT 100 CHECK (share_pct BETWEEN 0 AND 100),
  max_qty                   INTEGER CHECK (max_qty >= 0),
  floor_qty                 INTEGER NOT NULL DEFAULT 0 CHECK (floor_qty >= 0),
  keep_back                 INTEGER NOT NULL DEFAULT 0 CHECK (keep_back >= 0),
  safety_buffer             INTEGER NOT NULL DEFAULT 0 CHECK (safety_buffer >= 0),
  shop_name                 TEXT,
  -- Channel time of the newest order change imported; moved only after the last page of a pull.
  order_watermark           TEXT,
  last_pull_started_at      TEXT,
  last_pull_at              TEXT,
  -- channel_seq value taken when the last COMPLETE order pull started.
  last_complete_pull_seq    INTEGER NOT NULL DEFAULT 0,
  last_push_at              TEXT,
  last_test_at              TEXT,
  last_reconcile_at         TEXT,
  last_error                TEXT,
  last_error_kind           TEXT,
  last_error_at             TEXT,
  consecutive_failures      INTEGER NOT NULL DEFAULT 0,
  -- Persisted backoff: no automatic attempt before this time (survives restarts).
  next_attempt_at           TEXT,
  state                     TEXT NOT NULL DEFAULT 'idle' CHECK (state IN ('idle','ok','backoff','offline','error','disabled')),
  created_at                TEXT NOT NULL,
  updated_at                TEXT NOT NULL
);

CREATE TABLE channel_locations (
  id           INTEGER PRIMARY KEY,
  channel_id   INTEGER NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
  remote_ref   TEXT NOT NULL,
  name         TEXT NOT NULL,
  warehouse_id INTEGER REFERENCES warehouses(id),
  UNIQUE (channel_id, remote_ref)
);

CREATE TABLE channel_listings (
  id                INTEGER PRIMARY KEY,
  channel_id        INTEGER NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
  ref               TEXT NOT NULL,
  location_ref      TEXT,
  sku               TEXT,
  barcode           TEXT,
  title             TEXT NOT NULL DEFAULT '',
  item_id           INTEGER REFERENCES items(id),
  mapped_by         TEXT CHECK (mapped_by IN ('sku','barcode','manual')),
  suggested_item_id INTEGER REFERENCES items(id),
  last_pushed_qty   INTEGER,
  last_remote_qty   INTEGER,
  last_remote_at    TEXT,
  drift_qty         INTEGER,
  seen_at           TEXT,
  UNIQUE (channel_id, ref)
);
CREATE INDEX channel_listings_item ON channel_listings(item_id) WHERE item_id IS NOT NULL;
CREATE INDEX channel_listings_sku ON channel_listings(channel_id, sku COLLATE NOCASE);

-- One row per listing, coalesced: the latest desired quantity wins. dirty = to recompute; the push attempt
-- (desired, expected, idempotency key, state) is written before the network call, so a crash mid-drain resumes
-- with the same key.
CREATE TABLE channel_outbox (
  listing_id      INTEGER PRIMARY KEY REFERENCES channel_listings(id) ON DELETE CASCADE,
  channel_id      INTEGER NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
  dirty           INTEGER NOT NULL DEFAULT 1,
  dirty_seq       INTEGER NOT NULL DEFAULT 0,
  dirty_at        TEXT,
  state           TEXT NOT NULL DEFAULT 'idle' CHECK (state IN ('idle','queued','held','in_flight','rejected')),
  desired_qty     INTEGER,
  expected_qty    INTEGER,
  idempotency_key TEXT,
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT,
  last_error      TEXT,
  updated_at      TEXT
);
CREATE INDEX channel_outbox_channel ON channel_outbox(channel_id, state);
CREATE INDEX channel_outbox_dirty ON channel_outbox(channel_id) WHERE dirty = 1;

-- Every ledger change of an item's stock in a bin queues its mapped listings, in the ledger's own transaction.
CREATE TRIGGER channel_outbox_balance_ai AFTER INSERT ON balances
WHEN EXISTS (SELECT 1 FROM channel_listings WHERE item_id = NEW.item_id)
BEGIN
  UPDATE channel_seq SET value = value + 1 WHERE id = 1;
  INSERT INTO channel_outbox (listing_id, channel_id, dirty, dirty_seq, dirty_at)
    SELECT l.id, l.channel_id, 1, (SELECT value FROM channel_seq WHERE id = 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
    FROM channel_listings l WHERE l.item_id = NEW.item_id
  ON CONFLICT (listing_id) DO UPDATE SET dirty = 1, dirty_seq = excluded.dirty_seq, dirty_at = excluded.dirty_at;
END;
CREATE TRIGGER channel_outbox_balance_au AFTER UPDATE OF on_hand, reserved ON balances
WHEN (NEW.on_hand <> OLD.on_hand OR NEW.reserved <> OLD.reserved) AND EXISTS (SELECT 1 FROM channel_listings WHERE item_id = NEW.item_id)
BEGIN
  UPDATE channel_seq SET value = value + 1 WHERE id = 1;
  INSERT INTO channel_outbox (listing_id, channel_id, dirty, dirty_seq, dirty_at)
    SELECT l.id, l.channel_id, 1, (SELECT value FROM channel_seq WHERE id = 1), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
    FROM channel_listings l WHERE l.item_id = NEW.item_id
  ON CONFLICT (listing_id) DO UPDATE SET dirty = 1, dirty_seq = excluded.dirty_seq, dirty_at = excluded.dirty_at;
END;

-- Channel orders seen, keyed by the channel's id; updated_at = the channel's last-modified time we processed.
CREATE TABLE channel_orders (
  id           INTEGER PRIMARY KEY,
  channel_id   INTEGER NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
  external_id  TEXT NOT NULL,
  name         TEXT NOT NULL DEFAULT '',
  updated_at   TEXT NOT NULL,
  remote_state TEXT NOT NULL,
  order_id     INTEGER REFERENCES sales_orders(id),
  error        TEXT,
  imported_at  TEXT NOT NULL,
  UNIQUE (channel_id, external_id)
);

-- Order lines that matched no item: surfaced (their order is on hold), never dropped.
CREATE TABLE channel_unmapped_lines (
  id               INTEGER PRIMARY KEY,
  channel_id       INTEGER NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
  order_id         INTEGER REFERENCES sales_orders(id),
  external_id      TEXT NOT NULL,
  external_line_id TEXT NOT NULL,
  ref              TEXT,
  sku              TEXT,
  title            TEXT NOT NULL,
  quantity         INTEGER NOT NULL,
  unit_price_minor INTEGER NOT NULL DEFAULT 0,
  created_at       TEXT NOT NULL,
  UNIQUE (channel_id, external_id, external_line_id)
);
`);
  },
};
