import type { Migration } from './types';

/**
 * Returns (RMA) and cycle counts.
 *
 * - Stock is never counted here: returned units are ledger movements (customer → returns limbo → bin / refurbish bin /
 *   scrap) and count corrections are ledger adjustments; these tables hold the documents and link to the movements.
 * - Units in returns limbo keep FIFO cost layers there (at the original issue cost and receipt date), so their value
 *   is provable by the ledger check like a bin's.
 * - A count line keeps the expected quantity taken at the moment it was counted; its variance is counted − expected
 *   then, so movements before posting do not distort it.
 */
export const m0050: Migration = {
  version: 50,
  name: 'returns_counts',
  up(db) {
    db.exec(`
CREATE TABLE returns (
  id             INTEGER PRIMARY KEY,
  number         TEXT NOT NULL UNIQUE,
  -- NULL for an unexpected return (no order to match).
  order_id       INTEGER REFERENCES sales_orders(id),
  customer_name  TEXT NOT NULL DEFAULT '',
  status         TEXT NOT NULL CHECK (status IN ('authorised','received','inspected','cancelled')),
  reason         TEXT NOT NULL,
  note           TEXT,
  created_by     TEXT NOT NULL,
  created_device TEXT NOT NULL,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL
);
CREATE INDEX returns_order ON returns(order_id);

CREATE TABLE return_lines (
  id               INTEGER PRIMARY KEY,
  return_id        INTEGER NOT NULL REFERENCES returns(id),
  order_line_id    INTEGER REFERENCES sales_order_lines(id),
  item_id          INTEGER NOT NULL REFERENCES items(id),
  lot_id           INTEGER REFERENCES lots(id),
  quantity         INTEGER NOT NULL CHECK (quantity > 0),
  received         INTEGER NOT NULL DEFAULT 0 CHECK (received >= 0),
  -- Unit cost of an unexpected return (no issue movement to take it from).
  unit_cost_minor  INTEGER CHECK (unit_cost_minor >= 0),
  reason           TEXT NOT NULL DEFAULT '',
  CHECK (received <= quantity)
);
CREATE INDEX return_lines_return ON return_lines(return_id);
CREATE INDEX return_lines_order_line ON return_lines(order_line_id);

-- What each step of a return did in the ledger: receipt into limbo, then the inspection grades.
CREATE TABLE return_steps (
  id               INTEGER PRIMARY KEY,
  return_line_id   INTEGER NOT NULL REFERENCES return_lines(id),
  kind             TEXT NOT NULL CHECK (kind IN ('receive','restock','refurbish','write_off','refurbished')),
  operation_id     INTEGER NOT NULL REFERENCES operations(id),
  quantity         INTEGER NOT NULL CHECK (quantity > 0),
  location_id      INTEGER NOT NULL REFERENCES locations(id),
  -- Value moved at cost; for write_off this is the write-off amount.
  cost_minor       INTEGER NOT NULL,
  added_cost_minor INTEGER NOT NULL DEFAULT 0 CHECK (added_cost_minor >= 0),
  note             TEXT,
  actor            TEXT NOT NULL,
  device           TEXT NOT NULL,
  created_at       TEXT NOT NULL
);
CREATE INDEX return_steps_line ON return_steps(return_line_id);
CREATE TRIGGER return_steps_no_update BEFORE UPDATE ON return_steps BEGIN
  SELECT RAISE(ABORT, 'return steps are append-only');
END;

CREATE TABLE return_refunds (
  id           INTEGER PRIMARY KEY,
  return_id    INTEGER NOT NULL REFERENCES returns(id),
  amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0),
  reason       TEXT NOT NULL,
  actor        TEXT NOT NULL,
  created_at   TEXT NOT NULL
);
CREATE INDEX return_refunds_return ON return_refunds(return_id);

CREATE TABLE count_sessions (
  id                   INTEGER PRIMARY KEY,
  number               TEXT NOT NULL UNIQUE,
  scope                TEXT NOT NULL CHECK (scope IN ('bin','item')),
  allow_found          INTEGER NOT NULL DEFAULT 0 CHECK (allow_found IN (0,1)),
  status               TEXT NOT NULL CHECK (status IN ('counting','review','posted','cancelled')),
  auto_units           INTEGER NOT NULL CHECK (auto_units >= 0),
  auto_pct             REAL NOT NULL CHECK (auto_pct >= 0),
  auto_value_minor     INTEGER NOT NULL CHECK (auto_value_minor >= 0),
  approval_units       INTEGER NOT NULL CHECK (approval_units >= auto_units),
  approval_pct         REAL NOT NULL CHECK (approval_pct >= auto_pct),
  approval_value_minor INTEGER NOT NULL CHECK (approval_value_minor >= auto_value_minor),
  note                 TEXT,
  created_by           TEXT NOT NULL,
  created_device       TEXT NOT NULL,
  created_at           TEXT NOT NULL,
  submitted_at         TEXT,
  posted_at            TEXT,
  posted_by            TEXT
);

CREATE TABLE count_scope (
  session_id  INTEGER NOT NULL REFERENCES count_sessions(id),
  location_id INTEGER REFERENCES locations(id),
  item_id     INTEGER REFERENCES items(id),
  CHECK ((location_id IS NULL) <> (item_id IS NULL))
);
CREATE INDEX count_scope_session ON count_scope(session_id);

CREATE TABLE count_lines (
  id               INTEGER PRIMARY KEY,
  session_id       INTEGER NOT NULL REFERENCES count_sessions(id),
  item_id          INTEGER NOT NULL REFERENCES items(id),
  location_id      INTEGER NOT NULL REFERENCES locations(id),
  lot_id           INTEGER REFERENCES lots(id),
  lot_key          INTEGER NOT NULL DEFAULT 0,
  counted          INTEGER NOT NULL CHECK (counted >= 0),
  -- On hand at the moment of the (latest) count.
  expected         INTEGER NOT NULL,
  variance         INTEGER NOT NULL,
  unit_cost_minor  INTEGER NOT NULL,
  value_minor      INTEGER NOT NULL,
  counts           INTEGER NOT NULL DEFAULT 1 CHECK (counts >= 1),
  counted_at       TEXT NOT NULL,
  status           TEXT NOT NULL CHECK (status IN ('accepted','recount','approval','approved','posted')),
  approved_by      TEXT,
  approved_at      TEXT,
  operation_id     INTEGER REFERENCES operations(id),
  CHECK (variance = counted - expected),
  UNIQUE (session_id, item_id, location_id, lot_key)
);

-- Every count entered, recounts included (append-only).
CREATE TABLE count_entries (
  id         INTEGER PRIMARY KEY,
  line_id    INTEGER NOT NULL REFERENCES count_lines(id),
  counted    INTEGER NOT NULL CHECK (counted >= 0),
  expected   INTEGER NOT NULL,
  actor      TEXT NOT NULL,
  device     TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX count_entries_line ON count_entries(line_id);
CREATE TRIGGER count_entries_no_update BEFORE UPDATE ON count_entries BEGIN
  SELECT RAISE(ABORT, 'count entries are append-only');
END;
`);
  },
};
