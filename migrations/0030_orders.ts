import type { Migration } from './types';

/**
 * Sales orders, their allocations (links to ledger reservations), pick lists and the order history.
 *
 * - Stock is never counted here: what an order holds is the ledger's reservations (order_allocations points at them),
 *   what it shipped is the ledger's movements. Packed quantities are the sum of pack events, so an undo is a reversing
 *   event, never an edit.
 * - channel + external_id (and the line's external_line_id) make imports and the future channel sync idempotent.
 */
export const m0030: Migration = {
  version: 30,
  name: 'orders',
  up(db) {
    db.exec(`
CREATE TABLE sales_orders (
  id                     INTEGER PRIMARY KEY,
  number                 TEXT NOT NULL UNIQUE,
  channel                TEXT NOT NULL,
  external_id            TEXT,
  status                 TEXT NOT NULL
                         CHECK (status IN ('new','allocated','picking','packed','shipped','on_hold','cancelled','partially_shipped','backordered')),
  held_from              TEXT,
  hold_reason            TEXT,
  customer_name          TEXT NOT NULL,
  customer_email         TEXT,
  ship_name              TEXT NOT NULL,
  ship_company           TEXT,
  ship_line1             TEXT NOT NULL,
  ship_line2             TEXT,
  ship_city              TEXT NOT NULL,
  ship_region            TEXT,
  ship_postal_code       TEXT NOT NULL,
  ship_country           TEXT NOT NULL,
  currency               TEXT NOT NULL,
  notes                  TEXT NOT NULL DEFAULT '',
  allocation_note        TEXT,
  tote                   TEXT,
  box_code               TEXT,
  weight_status          TEXT NOT NULL DEFAULT 'none' CHECK (weight_status IN ('none','ok','mismatch','overridden')),
  expected_weight_grams  INTEGER,
  measured_weight_grams  INTEGER,
  weight_override_reason TEXT,
  carrier                TEXT,
  service                TEXT,
  tracking_number        TEXT,
  shipped_weight_grams   INTEGER,
  shipped_at             TEXT,
  cancelled_at           TEXT,
  cancel_reason          TEXT,
  created_by             TEXT NOT NULL,
  created_device         TEXT NOT NULL,
  created_at             TEXT NOT NULL,
  updated_at             TEXT NOT NULL
);
CREATE UNIQUE INDEX sales_orders_external ON sales_orders(channel, external_id) WHERE external_id IS NOT NULL;
-- A tote holds one order at a time; it is freed when the order ships or is cancelled.
CREATE UNIQUE INDEX sales_orders_tote ON sales_orders(tote) WHERE tote IS NOT NULL;
CREATE INDEX sales_orders_status ON sales_orders(status, id);

CREATE TABLE sales_order_lines (
  id               INTEGER PRIMARY KEY,
  order_id         INTEGER NOT NULL REFERENCES sales_orders(id),
  position         INTEGER NOT NULL,
  item_id          INTEGER NOT NULL REFERENCES items(id),
  quantity         INTEGER NOT NULL CHECK (quantity > 0),
  unit_price_minor INTEGER NOT NULL CHECK (unit_price_minor >= 0),
  external_line_id TEXT,
  shipped          INTEGER NOT NULL DEFAULT 0 CHECK (shipped >= 0),
  -- Σ total_cost_minor of the issue movements of this line: cost of goods to the minor unit.
  cogs_minor       INTEGER NOT NULL DEFAULT 0,
  -- JSON array of {code, message, shortBy}: why the line is not (fully) allocated; NULL when it is.
  issues           TEXT,
  UNIQUE (order_id, position),
  UNIQUE (order_id, external_line_id),
  CHECK (shipped <= quantity)
);
CREATE INDEX sales_order_lines_item ON sales_order_lines(item_id);

-- One row per ledger reservation an order made; reservations.remaining is what is still held.
CREATE TABLE order_allocations (
  id             INTEGER PRIMARY KEY,
  order_id       INTEGER NOT NULL REFERENCES sales_orders(id),
  line_id        INTEGER NOT NULL REFERENCES sales_order_lines(id),
  reservation_id INTEGER NOT NULL UNIQUE REFERENCES reservations(id),
  warehouse_id   INTEGER NOT NULL REFERENCES warehouses(id),
  location_id    INTEGER NOT NULL REFERENCES locations(id),
  lot_id         INTEGER REFERENCES lots(id),
  quantity       INTEGER NOT NULL CHECK (quantity > 0),
  shipped        INTEGER NOT NULL DEFAULT 0 CHECK (shipped >= 0),
  created_at     TEXT NOT NULL
);
CREATE INDEX order_allocations_order ON order_allocations(order_id);
CREATE INDEX order_allocations_line ON order_allocations(line_id);

CREATE TABLE pick_lists (
  id                    INTEGER PRIMARY KEY,
  number                TEXT NOT NULL UNIQUE,
  status                TEXT NOT NULL CHECK (status IN ('open','done')),
  -- The bin the picker scanned last: items are accepted only after their bin was confirmed.
  confirmed_location_id INTEGER REFERENCES locations(id),
  created_by            TEXT NOT NULL,
  created_device        TEXT NOT NULL,
  created_at            TEXT NOT NULL,
  completed_at          TEXT
);

CREATE TABLE pick_list_lines (
  id            INTEGER PRIMARY KEY,
  pick_list_id  INTEGER NOT NULL REFERENCES pick_lists(id),
  seq           INTEGER NOT NULL,
  order_id      INTEGER NOT NULL REFERENCES sales_orders(id),
  line_id       INTEGER NOT NULL REFERENCES sales_order_lines(id),
  allocation_id INTEGER NOT NULL REFERENCES order_allocations(id),
  item_id       INTEGER NOT NULL REFERENCES items(id),
  location_id   INTEGER NOT NULL REFERENCES locations(id),
  lot_id        INTEGER REFERENCES lots(id),
  quantity      INTEGER NOT NULL CHECK (quantity > 0),
  picked        INTEGER NOT NULL DEFAULT 0 CHECK (picked >= 0),
  short         INTEGER NOT NULL DEFAULT 0 CHECK (short >= 0),
  UNIQUE (pick_list_id, seq),
  CHECK (picked + short <= quantity)
);
CREATE INDEX pick_list_lines_order ON pick_list_lines(order_id);

-- Append-only history of every order action, attributed to a user and station. Packed = Σ quantity of 'pack' and
-- 'unpack' events; an unpack names the pack it reverses (once).
CREATE TABLE order_events (
  id                INTEGER PRIMARY KEY,
  order_id          INTEGER NOT NULL REFERENCES sales_orders(id),
  kind              TEXT NOT NULL,
  line_id           INTEGER REFERENCES sales_order_lines(id),
  allocation_id     INTEGER REFERENCES order_allocations(id),
  quantity          INTEGER,
  lot               TEXT,
  code              TEXT,
  reason            TEXT,
  data              TEXT,
  reverses_event_id INTEGER UNIQUE REFERENCES order_events(id),
  actor             TEXT NOT NULL,
  device            TEXT NOT NULL,
  created_at        TEXT NOT NULL
);
CREATE INDEX order_events_order ON order_events(order_id, id);
CREATE INDEX order_events_allocation ON order_events(allocation_id) WHERE allocation_id IS NOT NULL;
CREATE TRIGGER order_events_no_update BEFORE UPDATE ON order_events BEGIN
  SELECT RAISE(ABORT, 'order events are append-only: undo with a reversing event');
END;
CREATE TRIGGER order_events_no_delete BEFORE DELETE ON order_events BEGIN
  SELECT RAISE(ABORT, 'order events are append-only: undo with a reversing event');
END;
`);
  },
};
