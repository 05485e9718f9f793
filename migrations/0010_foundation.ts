import type { Migration } from './types';

/** Catalog, locations and the append-only stock ledger (movements, balances, cost layers, reservations). */
export const m0010: Migration = {
  version: 10,
  name: 'foundation',
  up(db) {
    db.exec(`
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE items (
  id              INTEGER PRIMARY KEY,
  sku             TEXT NOT NULL COLLATE NOCASE UNIQUE,
  name            TEXT NOT NULL,
  description     TEXT NOT NULL DEFAULT '',
  category        TEXT NOT NULL DEFAULT '',
  unit            TEXT NOT NULL DEFAULT 'ea',
  weight_grams    INTEGER,
  length_mm       INTEGER,
  width_mm        INTEGER,
  height_mm       INTEGER,
  cost_minor      INTEGER NOT NULL DEFAULT 0 CHECK (cost_minor >= 0),
  price_minor     INTEGER NOT NULL DEFAULT 0 CHECK (price_minor >= 0),
  currency        TEXT NOT NULL DEFAULT 'GBP',
  tracking        TEXT NOT NULL DEFAULT 'none' CHECK (tracking IN ('none','lot','serial')),
  shelf_life_days INTEGER,
  image_url       TEXT,
  parent_id       INTEGER REFERENCES items(id),
  active          INTEGER NOT NULL DEFAULT 1,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
);
CREATE INDEX items_name ON items(name COLLATE NOCASE);
CREATE INDEX items_category ON items(category);
CREATE INDEX items_parent ON items(parent_id);

-- Substring search by SKU or name as the user types.
CREATE VIRTUAL TABLE items_fts USING fts5(sku, name, content='items', content_rowid='id', tokenize='trigram');
CREATE TRIGGER items_fts_ai AFTER INSERT ON items BEGIN
  INSERT INTO items_fts(rowid, sku, name) VALUES (new.id, new.sku, new.name);
END;
CREATE TRIGGER items_fts_ad AFTER DELETE ON items BEGIN
  INSERT INTO items_fts(items_fts, rowid, sku, name) VALUES ('delete', old.id, old.sku, old.name);
END;
CREATE TRIGGER items_fts_au AFTER UPDATE OF sku, name ON items BEGIN
  INSERT INTO items_fts(items_fts, rowid, sku, name) VALUES ('delete', old.id, old.sku, old.name);
  INSERT INTO items_fts(rowid, sku, name) VALUES (new.id, new.sku, new.name);
END;

CREATE TABLE barcodes (
  id        INTEGER PRIMARY KEY,
  item_id   INTEGER NOT NULL REFERENCES items(id),
  code      TEXT NOT NULL UNIQUE,
  symbology TEXT NOT NULL,
  -- GTINs are also stored as 14 digits so a scan of any length finds them.
  gtin14    TEXT UNIQUE
);
CREATE INDEX barcodes_item ON barcodes(item_id);

CREATE TABLE warehouses (
  id             INTEGER PRIMARY KEY,
  code           TEXT NOT NULL COLLATE NOCASE UNIQUE,
  name           TEXT NOT NULL,
  allow_negative INTEGER NOT NULL DEFAULT 0,
  priority       INTEGER NOT NULL DEFAULT 100
);

CREATE TABLE locations (
  id           INTEGER PRIMARY KEY,
  warehouse_id INTEGER REFERENCES warehouses(id),
  parent_id    INTEGER REFERENCES locations(id),
  kind         TEXT NOT NULL CHECK (kind IN ('zone','bin','virtual')),
  virtual_kind TEXT CHECK (virtual_kind IN ('supplier','customer','adjustment','scrap','in_transit','returns_limbo')),
  code         TEXT NOT NULL,
  name         TEXT NOT NULL DEFAULT '',
  barcode      TEXT UNIQUE,
  CHECK ((kind = 'virtual') = (virtual_kind IS NOT NULL)),
  CHECK ((kind = 'virtual') = (warehouse_id IS NULL))
);
CREATE UNIQUE INDEX locations_code ON locations(coalesce(warehouse_id, 0), code);
CREATE UNIQUE INDEX locations_virtual ON locations(virtual_kind) WHERE virtual_kind IS NOT NULL;

INSERT INTO locations (kind, virtual_kind, code, name) VALUES
  ('virtual', 'supplier', 'SUPPLIER', 'Suppliers'),
  ('virtual', 'customer', 'CUSTOMER', 'Customers'),
  ('virtual', 'adjustment', 'ADJUSTMENT', 'Inventory adjustment'),
  ('virtual', 'scrap', 'SCRAP', 'Scrap'),
  ('virtual', 'in_transit', 'IN-TRANSIT', 'In transit'),
  ('virtual', 'returns_limbo', 'RETURNS', 'Returns awaiting inspection');

CREATE TABLE lots (
  id       INTEGER PRIMARY KEY,
  item_id  INTEGER NOT NULL REFERENCES items(id),
  code     TEXT NOT NULL,
  expiry   TEXT,
  UNIQUE (item_id, code)
);

-- One request to the ledger; the idempotency key makes replays return the first result.
CREATE TABLE operations (
  id              INTEGER PRIMARY KEY,
  kind            TEXT NOT NULL,
  idempotency_key TEXT UNIQUE,
  request_hash    TEXT NOT NULL,
  reservation_id  INTEGER,
  actor           TEXT NOT NULL,
  device          TEXT NOT NULL,
  created_at      TEXT NOT NULL
);

CREATE TABLE movements (
  id               INTEGER PRIMARY KEY,
  operation_id     INTEGER NOT NULL REFERENCES operations(id),
  item_id          INTEGER NOT NULL REFERENCES items(id),
  lot_id           INTEGER REFERENCES lots(id),
  from_location_id INTEGER NOT NULL REFERENCES locations(id),
  to_location_id   INTEGER NOT NULL REFERENCES locations(id),
  quantity         INTEGER NOT NULL CHECK (quantity > 0),
  unit_cost_minor  INTEGER NOT NULL,
  total_cost_minor INTEGER NOT NULL,
  reason           TEXT NOT NULL,
  doc_ref          TEXT,
  note             TEXT,
  actor            TEXT NOT NULL,
  device           TEXT NOT NULL,
  created_at       TEXT NOT NULL,
  CHECK (from_location_id <> to_location_id)
);
CREATE INDEX movements_item ON movements(item_id, id);
CREATE INDEX movements_from ON movements(from_location_id, id);
CREATE INDEX movements_to ON movements(to_location_id, id);
CREATE INDEX movements_operation ON movements(operation_id);

CREATE TRIGGER movements_no_update BEFORE UPDATE ON movements BEGIN
  SELECT RAISE(ABORT, 'movements are append-only: correct a mistake with a reversing movement');
END;
CREATE TRIGGER movements_no_delete BEFORE DELETE ON movements BEGIN
  SELECT RAISE(ABORT, 'movements are append-only: correct a mistake with a reversing movement');
END;

-- Kept in the same transaction as each movement; lot_key is 0 when there is no lot.
CREATE TABLE balances (
  item_id     INTEGER NOT NULL REFERENCES items(id),
  location_id INTEGER NOT NULL REFERENCES locations(id),
  lot_key     INTEGER NOT NULL DEFAULT 0,
  on_hand     INTEGER NOT NULL DEFAULT 0,
  reserved    INTEGER NOT NULL DEFAULT 0 CHECK (reserved >= 0),
  PRIMARY KEY (item_id, location_id, lot_key)
) WITHOUT ROWID;
CREATE INDEX balances_location ON balances(location_id);

CREATE TABLE cost_layers (
  id              INTEGER PRIMARY KEY,
  item_id         INTEGER NOT NULL REFERENCES items(id),
  location_id     INTEGER NOT NULL REFERENCES locations(id),
  lot_id          INTEGER REFERENCES lots(id),
  -- Date of the original receipt; kept when a layer moves with a transfer, so age survives transfers.
  received_at     TEXT NOT NULL,
  unit_cost_minor INTEGER NOT NULL,
  quantity_in     INTEGER NOT NULL,
  remaining       INTEGER NOT NULL,
  movement_id     INTEGER NOT NULL REFERENCES movements(id),
  origin_layer_id INTEGER REFERENCES cost_layers(id)
);
-- FIFO reads open layers oldest first; a bin can hold thousands of them, so the index gives the order.
CREATE INDEX cost_layers_fifo ON cost_layers(item_id, location_id, lot_id, received_at, id) WHERE remaining > 0;
CREATE INDEX cost_layers_negative ON cost_layers(item_id, location_id, lot_id) WHERE remaining < 0;
CREATE INDEX cost_layers_item ON cost_layers(item_id, received_at);

-- Which layers each outgoing movement consumed, at what cost.
CREATE TABLE layer_consumptions (
  movement_id INTEGER NOT NULL REFERENCES movements(id),
  layer_id    INTEGER NOT NULL REFERENCES cost_layers(id),
  quantity    INTEGER NOT NULL,
  cost_minor  INTEGER NOT NULL
);
CREATE INDEX layer_consumptions_movement ON layer_consumptions(movement_id);

-- Weighted moving average state per item (used when costing_method = average).
CREATE TABLE average_costs (
  item_id     INTEGER PRIMARY KEY REFERENCES items(id),
  quantity    INTEGER NOT NULL,
  value_minor INTEGER NOT NULL
);

CREATE TABLE reservations (
  id          INTEGER PRIMARY KEY,
  item_id     INTEGER NOT NULL REFERENCES items(id),
  location_id INTEGER NOT NULL REFERENCES locations(id),
  lot_id      INTEGER REFERENCES lots(id),
  quantity    INTEGER NOT NULL CHECK (quantity > 0),
  remaining   INTEGER NOT NULL CHECK (remaining >= 0),
  doc_ref     TEXT,
  operation_id INTEGER NOT NULL REFERENCES operations(id),
  created_at  TEXT NOT NULL
);
CREATE INDEX reservations_item ON reservations(item_id, remaining);
CREATE INDEX reservations_operation ON reservations(operation_id);

-- Append-only log of reservation changes (+ reserve, - release or consume); balances.reserved is its sum.
CREATE TABLE reservation_changes (
  id             INTEGER PRIMARY KEY,
  operation_id   INTEGER NOT NULL REFERENCES operations(id),
  reservation_id INTEGER NOT NULL REFERENCES reservations(id),
  delta          INTEGER NOT NULL CHECK (delta <> 0)
);
CREATE INDEX reservation_changes_reservation ON reservation_changes(reservation_id);
CREATE TRIGGER reservation_changes_no_update BEFORE UPDATE ON reservation_changes BEGIN
  SELECT RAISE(ABORT, 'reservation changes are append-only');
END;
CREATE TRIGGER reservation_changes_no_delete BEFORE DELETE ON reservation_changes BEGIN
  SELECT RAISE(ABORT, 'reservation changes are append-only');
END;
`);
  },
};
