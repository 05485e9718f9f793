import type { Migration } from './types';

/**
 * Demand history and replenishment planning.
 *
 * - demand_history: daily demand per SKU imported from sales made before Stockroom (not the ledger: these units never
 *   moved through it). Keyed by SKU, not item id, so rows for SKUs created in the catalogue later join them by SKU.
 *   One import replaces its source's rows for the days its file covers, so importing the same export twice, or a
 *   longer export of the same system, never doubles a day.
 * - history_imports: one row per import with its counts, so the screen can say what each import did.
 * - planning_params: the current parameters per item (and warehouse; 0 = all), as the last recompute left them.
 * - planning_runs / planning_changes / planning_exceptions: each recompute, each parameter that changed with its
 *   reason, and the big moves a person should look at (open until acknowledged).
 */
export const m0040: Migration = {
  version: 40,
  name: 'planning',
  up(db) {
    db.exec(`
CREATE TABLE history_imports (
  id                  INTEGER PRIMARY KEY,
  source              TEXT NOT NULL,
  file_name           TEXT,
  file_hash           TEXT NOT NULL,
  options             TEXT NOT NULL,
  warehouse_id        INTEGER REFERENCES warehouses(id),
  rows_seen           INTEGER NOT NULL,
  rows_imported       INTEGER NOT NULL,
  rejected            INTEGER NOT NULL,
  non_product_skipped INTEGER NOT NULL,
  unknown_sku_rows    INTEGER NOT NULL,
  history_rows        INTEGER NOT NULL,
  replaced_rows       INTEGER NOT NULL,
  first_day           TEXT,
  last_day            TEXT,
  summary             TEXT NOT NULL,
  ms                  INTEGER NOT NULL,
  actor               TEXT NOT NULL,
  created_at          TEXT NOT NULL
);
CREATE INDEX history_imports_source ON history_imports(source, id);

CREATE TABLE demand_history (
  id            INTEGER PRIMARY KEY,
  source        TEXT NOT NULL,
  day           TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  sku           TEXT NOT NULL COLLATE NOCASE,
  warehouse_id  INTEGER REFERENCES warehouses(id),
  qty_sold      INTEGER NOT NULL DEFAULT 0 CHECK (qty_sold >= 0),
  qty_returned  INTEGER NOT NULL DEFAULT 0 CHECK (qty_returned >= 0),
  revenue_minor INTEGER NOT NULL DEFAULT 0,
  lines         INTEGER NOT NULL DEFAULT 0,
  import_id     INTEGER NOT NULL REFERENCES history_imports(id),
  UNIQUE (source, day, sku)
);
CREATE INDEX demand_history_sku ON demand_history(sku, day);

CREATE TABLE planning_params (
  item_id          INTEGER NOT NULL REFERENCES items(id),
  warehouse_key    INTEGER NOT NULL DEFAULT 0,
  run_id           INTEGER NOT NULL,
  computed_at      TEXT NOT NULL,
  method           TEXT NOT NULL,
  mase             REAL,
  rmsse            REAL,
  avg_daily        REAL NOT NULL,
  sd_daily         REAL NOT NULL,
  lead_time_days   REAL NOT NULL,
  lead_time_sd     REAL NOT NULL,
  lead_time_source TEXT NOT NULL,
  service_level    REAL NOT NULL,
  safety_stock     INTEGER NOT NULL,
  reorder_point    INTEGER NOT NULL,
  eoq              REAL,
  order_qty        INTEGER NOT NULL,
  annual_demand    REAL NOT NULL,
  revenue_minor    INTEGER NOT NULL,
  abc              TEXT NOT NULL CHECK (abc IN ('A','B','C')),
  xyz              TEXT NOT NULL CHECK (xyz IN ('X','Y','Z')),
  supplier_id      INTEGER,
  detail           TEXT NOT NULL,
  PRIMARY KEY (item_id, warehouse_key)
) WITHOUT ROWID;

CREATE TABLE planning_runs (
  id          INTEGER PRIMARY KEY,
  trigger     TEXT NOT NULL CHECK (trigger IN ('manual','schedule')),
  started_at  TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  items       INTEGER NOT NULL,
  changed     INTEGER NOT NULL,
  flagged     INTEGER NOT NULL,
  ms          INTEGER NOT NULL,
  actor       TEXT NOT NULL
);

CREATE TABLE planning_changes (
  id            INTEGER PRIMARY KEY,
  run_id        INTEGER NOT NULL REFERENCES planning_runs(id),
  item_id       INTEGER NOT NULL REFERENCES items(id),
  warehouse_key INTEGER NOT NULL DEFAULT 0,
  field         TEXT NOT NULL,
  old_value     TEXT,
  new_value     TEXT,
  reason        TEXT NOT NULL,
  created_at    TEXT NOT NULL
);
CREATE INDEX planning_changes_item ON planning_changes(item_id, id);
CREATE INDEX planning_changes_run ON planning_changes(run_id);

CREATE TABLE planning_exceptions (
  id              INTEGER PRIMARY KEY,
  run_id          INTEGER NOT NULL REFERENCES planning_runs(id),
  item_id         INTEGER NOT NULL REFERENCES items(id),
  warehouse_key   INTEGER NOT NULL DEFAULT 0,
  field           TEXT NOT NULL,
  old_value       REAL NOT NULL,
  new_value       REAL NOT NULL,
  change_pct      REAL NOT NULL,
  reason          TEXT NOT NULL,
  status          TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','acknowledged')),
  created_at      TEXT NOT NULL,
  acknowledged_at TEXT,
  acknowledged_by TEXT
);
CREATE INDEX planning_exceptions_open ON planning_exceptions(status, id);
`);
  },
};
