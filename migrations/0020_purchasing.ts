import type { Migration } from './types';

/**
 * Suppliers, purchase orders, receipts against them, and landed cost.
 *
 * Landed cost in the ledger — the design:
 * - A charge (freight, duty, …) is split over a PO's received lines by its basis (largest remainder, so the parts
 *   add up to the charge exactly), then each line's part over that line's receipt movements by quantity.
 * - Each receipt movement's part follows the units it brought in: through its cost layer, through transfers (child
 *   layers, origin_layer_id), to where they are now. Units still in stock get their share added to their layer;
 *   units already gone (sold, scrapped, adjusted out) give theirs to cost of goods.
 * - A layer is never re-priced in place: it is closed (remaining → 0) and re-opened as one or two layers with the
 *   same bin, lot and receipt date, the units at unit cost + ⌊share/remaining⌋ and (share mod remaining) of them one
 *   minor unit dearer. So every layer still has an integer unit cost, valuation stays Σ remaining × unit cost exactly,
 *   and FIFO consumption needs no change.
 * - cost_adjustments (append-only) records each step: kind 'revalue' (old layer → new layer, quantity, amount added)
 *   and kind 'cogs' (the consuming movement, quantity, amount). Cost of goods = Σ outgoing movement costs + Σ 'cogs'
 *   adjustments. The ledger check proves that for every layer with quantity_in > 0, quantity_in − remaining equals
 *   what its consumptions and revaluations took out, and that every revalued layer is worth the old one plus the
 *   amount recorded.
 * - A charge entered before any of its lines was received waits (status 'pending') and is applied in the
 *   transaction of the first receipt that brings goods for those lines.
 */
export const m0020: Migration = {
  version: 20,
  name: 'purchasing',
  up(db) {
    db.exec(`
CREATE TABLE suppliers (
  id                 INTEGER PRIMARY KEY,
  name               TEXT NOT NULL COLLATE NOCASE UNIQUE,
  email              TEXT,
  phone              TEXT,
  address            TEXT NOT NULL DEFAULT '',
  currency           TEXT NOT NULL DEFAULT 'GBP',
  payment_terms_days INTEGER NOT NULL DEFAULT 30 CHECK (payment_terms_days >= 0),
  lead_time_days     INTEGER CHECK (lead_time_days >= 0),
  min_order_qty      INTEGER CHECK (min_order_qty > 0),
  pack_size          INTEGER NOT NULL DEFAULT 1 CHECK (pack_size > 0),
  notes              TEXT NOT NULL DEFAULT '',
  active             INTEGER NOT NULL DEFAULT 1,
  created_at         TEXT NOT NULL,
  updated_at         TEXT NOT NULL
);

-- What a supplier calls an item and sells it for; NULLs fall back to the supplier's defaults.
CREATE TABLE supplier_items (
  supplier_id    INTEGER NOT NULL REFERENCES suppliers(id),
  item_id        INTEGER NOT NULL REFERENCES items(id),
  supplier_sku   TEXT,
  cost_minor     INTEGER CHECK (cost_minor >= 0),
  min_order_qty  INTEGER CHECK (min_order_qty > 0),
  pack_size      INTEGER CHECK (pack_size > 0),
  lead_time_days INTEGER CHECK (lead_time_days >= 0),
  preferred      INTEGER NOT NULL DEFAULT 0 CHECK (preferred IN (0, 1)),
  updated_at     TEXT NOT NULL,
  PRIMARY KEY (supplier_id, item_id)
);
CREATE INDEX supplier_items_item ON supplier_items(item_id);
-- At most one preferred supplier per item: replenishment groups suggestions by it.
CREATE UNIQUE INDEX supplier_items_preferred ON supplier_items(item_id) WHERE preferred = 1;

CREATE TABLE purchase_orders (
  id            INTEGER PRIMARY KEY,
  number        TEXT NOT NULL UNIQUE,
  supplier_id   INTEGER NOT NULL REFERENCES suppliers(id),
  warehouse_id  INTEGER NOT NULL REFERENCES warehouses(id),
  status        TEXT NOT NULL DEFAULT 'draft'
                CHECK (status IN ('draft','sent','partially_received','received','closed','cancelled')),
  currency      TEXT NOT NULL,
  expected_date TEXT,
  notes         TEXT NOT NULL DEFAULT '',
  sent_at       TEXT,
  received_at   TEXT,
  closed_at     TEXT,
  close_reason  TEXT,
  cancelled_at  TEXT,
  cancel_reason TEXT,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);
CREATE INDEX purchase_orders_supplier ON purchase_orders(supplier_id, id);
CREATE INDEX purchase_orders_status ON purchase_orders(status);

CREATE TABLE purchase_order_lines (
  id              INTEGER PRIMARY KEY,
  po_id           INTEGER NOT NULL REFERENCES purchase_orders(id),
  position        INTEGER NOT NULL,
  item_id         INTEGER NOT NULL REFERENCES items(id),
  quantity        INTEGER NOT NULL CHECK (quantity > 0),
  unit_cost_minor INTEGER NOT NULL CHECK (unit_cost_minor >= 0),
  supplier_sku    TEXT,
  received        INTEGER NOT NULL DEFAULT 0 CHECK (received >= 0),
  -- Set when a short line is closed: nothing more is expected on it.
  closed_reason   TEXT,
  UNIQUE (po_id, position)
);
CREATE INDEX purchase_order_lines_item ON purchase_order_lines(item_id);

-- One receipt = one ledger operation (its idempotency key makes a retried scan harmless).
CREATE TABLE po_receipts (
  id           INTEGER PRIMARY KEY,
  po_id        INTEGER NOT NULL REFERENCES purchase_orders(id),
  operation_id INTEGER NOT NULL UNIQUE REFERENCES operations(id),
  received_at  TEXT NOT NULL,
  over_reason  TEXT,
  actor        TEXT NOT NULL,
  device       TEXT NOT NULL
);
CREATE INDEX po_receipts_po ON po_receipts(po_id);

CREATE TABLE po_receipt_lines (
  id            INTEGER PRIMARY KEY,
  receipt_id    INTEGER NOT NULL REFERENCES po_receipts(id),
  line_id       INTEGER NOT NULL REFERENCES purchase_order_lines(id),
  movement_id   INTEGER NOT NULL UNIQUE REFERENCES movements(id),
  quantity      INTEGER NOT NULL CHECK (quantity > 0),
  over_quantity INTEGER NOT NULL DEFAULT 0 CHECK (over_quantity >= 0)
);
CREATE INDEX po_receipt_lines_line ON po_receipt_lines(line_id);

CREATE TABLE po_charges (
  id           INTEGER PRIMARY KEY,
  po_id        INTEGER NOT NULL REFERENCES purchase_orders(id),
  operation_id INTEGER NOT NULL UNIQUE REFERENCES operations(id),
  kind         TEXT NOT NULL CHECK (kind IN ('freight','duty','tariff','insurance','other')),
  amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
  basis        TEXT NOT NULL CHECK (basis IN ('value','quantity','weight','volume')),
  -- JSON array of line ids the charge is restricted to; NULL = every line.
  line_ids     TEXT,
  bill_ref     TEXT,
  note         TEXT,
  status       TEXT NOT NULL CHECK (status IN ('pending','allocated')),
  created_at   TEXT NOT NULL,
  allocated_at TEXT,
  allocated_by_operation_id INTEGER REFERENCES operations(id)
);
CREATE INDEX po_charges_po ON po_charges(po_id);

-- A charge's split over lines: basis_amount is the line's weight in the split (value, units, grams or mm³).
CREATE TABLE po_charge_allocations (
  charge_id    INTEGER NOT NULL REFERENCES po_charges(id),
  line_id      INTEGER NOT NULL REFERENCES purchase_order_lines(id),
  basis_amount INTEGER NOT NULL,
  amount_minor INTEGER NOT NULL,
  PRIMARY KEY (charge_id, line_id)
);
CREATE TRIGGER po_charge_allocations_no_update BEFORE UPDATE ON po_charge_allocations BEGIN
  SELECT RAISE(ABORT, 'charge allocations are append-only');
END;
CREATE TRIGGER po_charge_allocations_no_delete BEFORE DELETE ON po_charge_allocations BEGIN
  SELECT RAISE(ABORT, 'charge allocations are append-only');
END;

CREATE TABLE cost_adjustments (
  id                      INTEGER PRIMARY KEY,
  operation_id            INTEGER NOT NULL REFERENCES operations(id),
  -- What caused it; for landed cost: source 'po_charge', source_id = po_charges.id.
  source                  TEXT NOT NULL,
  source_id               INTEGER NOT NULL,
  item_id                 INTEGER NOT NULL REFERENCES items(id),
  -- The receipt movement whose units this cost belongs to.
  receipt_movement_id     INTEGER NOT NULL REFERENCES movements(id),
  kind                    TEXT NOT NULL CHECK (kind IN ('revalue','cogs')),
  layer_id                INTEGER REFERENCES cost_layers(id),
  new_layer_id            INTEGER REFERENCES cost_layers(id),
  consumed_by_movement_id INTEGER REFERENCES movements(id),
  quantity                INTEGER NOT NULL CHECK (quantity > 0),
  amount_minor            INTEGER NOT NULL,
  created_at              TEXT NOT NULL,
  CHECK ((kind = 'revalue') = (layer_id IS NOT NULL AND new_layer_id IS NOT NULL)),
  CHECK ((kind = 'cogs') = (consumed_by_movement_id IS NOT NULL))
);
CREATE INDEX cost_adjustments_item ON cost_adjustments(item_id, kind);
CREATE INDEX cost_adjustments_layer ON cost_adjustments(layer_id);
CREATE INDEX cost_adjustments_source ON cost_adjustments(source, source_id);
CREATE INDEX cost_adjustments_consumer ON cost_adjustments(consumed_by_movement_id);
CREATE TRIGGER cost_adjustments_no_update BEFORE UPDATE ON cost_adjustments BEGIN
  SELECT RAISE(ABORT, 'cost adjustments are append-only: correct a mistake with a reversing adjustment');
END;
CREATE TRIGGER cost_adjustments_no_delete BEFORE DELETE ON cost_adjustments BEGIN
  SELECT RAISE(ABORT, 'cost adjustments are append-only: correct a mistake with a reversing adjustment');
END;
`);
  },
};
