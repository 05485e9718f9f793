/**
 * The file channel, for marketplaces without an API connector: Stockroom writes a quantity feed (CSV `sku,quantity`)
 * that the marketplace fetches or the user uploads, and orders come back as an uploaded CSV that the engine imports
 * (parseOrderCsv), not through a poll.
 *
 * - The connector keeps the last pushed quantity per SKU in memory, seeded once from the existing feed file (so a
 *   restart does not shrink the feed to the SKUs pushed since), and rewrites the whole feed on every push, atomically:
 *   a temporary file in the same folder, fsync, then rename over the feed. A reader sees the old or the new feed,
 *   never a partial one.
 * - A listing's ref is the channel SKU.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import Papa from 'papaparse';
import {
  checkAddress,
  checkLine,
  checkRequired,
  csvErrors,
  currencyOf,
  groupRow,
  lineIdOf,
  ORDER_CSV_BASE_COLUMNS,
  ORDER_CSV_ORDER_COLUMNS,
  readCsvRows,
  shipToOf,
  type CsvLine,
  type CsvOrderGroup,
  type CsvRowError,
} from '../../orders/order-csv';
import { ChannelError, type ChannelConnector, type OrderPage, type PushOutcome, type RemoteListing, type RemoteOrder } from '../connector';

export interface FileConnectorOptions {
  /** Where the quantity feed CSV is written (atomically); null/absent = keep the quantities in memory only. */
  feedPath?: string | null;
}

export const FILE_MAX_BATCH = 10_000;

export interface FeedRow {
  sku: string;
  quantity: number;
}

/**
 * The feed CSV: header `sku,quantity`, one row per SKU sorted by SKU (code-unit order, independent of locale), CRLF
 * line ends (RFC 4180) and a final line end. The same rows in any order give the same bytes; a SKU given twice keeps
 * its last quantity.
 */
export function renderFeedCsv(rows: FeedRow[]): string {
  const bySku = new Map<string, number>();
  for (const r of rows) bySku.set(r.sku, r.quantity);
  const skus = [...bySku.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return Papa.unparse({ fields: ['sku', 'quantity'], data: skus.map((s) => [s, String(bySku.get(s))]) }, { newline: '\r\n', quotes: false }).replace(/(\r\n)+$/, '') + '\r\n';
}

/** Reads a feed written by renderFeedCsv (or edited by hand): rows with a SKU and a whole quantity. */
export function parseFeedCsv(csv: string): FeedRow[] {
  const parsed = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: 'greedy', transformHeader: (h) => h.trim().toLowerCase() });
  const out: FeedRow[] = [];
  for (const r of parsed.data) {
    const sku = (r.sku ?? '').trim();
    const q = (r.quantity ?? '').trim();
    if (sku && /^\d+$/.test(q)) out.push({ sku, quantity: Number(q) });
  }
  return out;
}

/** Writes `content` to `file` so that a reader sees either the old or the new content: temp file, fsync, rename. */
export async function writeFileAtomic(file: string, content: string): Promise<void> {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fh = await fs.open(tmp, 'w');
  try {
    await fh.writeFile(content, 'utf8');
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    await fs.rename(tmp, file);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
}

export function createFileConnector(opts: FileConnectorOptions = {}): ChannelConnector {
  const feedPath = opts.feedPath ?? null;
  const quantities = new Map<string, number>();
  let loaded = false;

  async function load(): Promise<void> {
    if (loaded) return;
    if (feedPath) {
      try {
        const text = await fs.readFile(feedPath, 'utf8');
        for (const r of parseFeedCsv(text)) if (!quantities.has(r.sku)) quantities.set(r.sku, r.quantity);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new ChannelError('unavailable', `Could not read the feed ${feedPath}: ${(e as Error).message}`);
      }
    }
    loaded = true;
  }

  const rows = (): FeedRow[] => [...quantities].map(([sku, quantity]) => ({ sku, quantity }));

  return {
    kind: 'file',
    caps: { maxBatch: FILE_MAX_BATCH, compareAndSet: false, idempotencyKeys: false, pullsOrders: false },

    async test() {
      if (!feedPath) return { shopName: 'File channel (no feed file)' };
      const dir = path.dirname(feedPath);
      try {
        const st = await fs.stat(dir);
        if (!st.isDirectory()) throw new Error('not a folder');
        await fs.access(dir, fs.constants.W_OK);
      } catch (e) {
        throw new ChannelError('config', `The feed folder ${dir} cannot be written: ${(e as Error).message}`);
      }
      return { shopName: `File feed ${path.basename(feedPath)}` };
    },

    async locations() {
      return [];
    },

    async listings(): Promise<RemoteListing[]> {
      await load();
      return [...quantities.keys()]
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
        .map((sku) => ({ ref: sku, sku, barcode: null, title: sku, locationRef: null, available: quantities.get(sku)! }));
    },

    pullOrders(): AsyncIterable<OrderPage> {
      // Orders arrive as an uploaded CSV (parseOrderCsv), never by polling.
      return (async function* () {})();
    },

    async readStock(refs) {
      await load();
      const out = new Map<string, number>();
      for (const r of refs) if (quantities.has(r)) out.set(r, quantities.get(r)!);
      return out;
    },

    async pushStock(ops) {
      if (ops.length > FILE_MAX_BATCH) throw new ChannelError('config', `At most ${FILE_MAX_BATCH} quantities per push, got ${ops.length}`);
      await load();
      const before = new Map(quantities);
      const outcomes: PushOutcome[] = ops.map((op) => {
        const sku = op.ref.trim();
        if (!sku) return { ref: op.ref, ok: false, stale: false, message: 'Empty SKU' };
        if (/[\r\n]/.test(sku)) return { ref: op.ref, ok: false, stale: false, message: 'A SKU cannot contain a line break' };
        if (!Number.isInteger(op.quantity) || op.quantity < 0) return { ref: op.ref, ok: false, stale: false, message: `${op.quantity} is not a whole quantity of 0 or more` };
        quantities.set(sku, op.quantity);
        return { ref: op.ref, ok: true, quantity: op.quantity };
      });
      if (feedPath) {
        try {
          await writeFileAtomic(feedPath, renderFeedCsv(rows()));
        } catch (e) {
          quantities.clear();
          for (const [k, v] of before) quantities.set(k, v);
          throw new ChannelError('unavailable', `Could not write the feed ${feedPath}: ${(e as Error).message}`);
        }
      }
      return outcomes;
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------------
// Order import CSV
// ---------------------------------------------------------------------------------------------------------------------

export const ORDER_CSV_COLUMNS = [...ORDER_CSV_BASE_COLUMNS, 'status', 'updated_at'] as const;
type Column = (typeof ORDER_CSV_COLUMNS)[number];
/** Columns that describe the order, not the line: every row of one order must agree on them. */
const ORDER_COLUMNS: readonly Column[] = [...ORDER_CSV_ORDER_COLUMNS, 'status', 'updated_at'];

export type OrderCsvError = CsvRowError;

export interface ParseOrderCsvOptions {
  /** Currency of rows without one (the app's settings currency). Default GBP. */
  defaultCurrency?: string;
  /** updatedAt/createdAt of orders whose rows have no updated_at (the upload time). Default now. */
  receivedAt?: string;
}

/**
 * Parses an order CSV for the file channel: one row per order line, the same columns and rules as the Orders CSV
 * import (header = row 1; required order_id, sku, quantity, customer_name, address1, city, postal_code, country;
 * rows of one order must agree on the order's columns; line_id defaults to the line's position in the order), plus
 * optional `status` (open|cancelled) and `updated_at` (ISO 8601). Every problem is reported with its row and field;
 * an order with any bad row is left out of `orders`. Line refs are the SKU (the file channel's listing ref).
 */
export function parseOrderCsv(csv: string, opts: ParseOrderCsvOptions = {}): { orders: RemoteOrder[]; errors: OrderCsvError[] } {
  const defaultCurrency = (opts.defaultCurrency ?? 'GBP').toUpperCase();
  const receivedAt = opts.receivedAt ?? new Date().toISOString();
  const { errors, err } = csvErrors();
  const read = readCsvRows(csv, ORDER_CSV_COLUMNS, err);
  if (!read) return { orders: [], errors: sortErrors(errors) };

  interface Row extends CsvLine<Column> {
    quantity: number;
    priceMinor: number;
  }
  const groups = new Map<string, CsvOrderGroup<Row>>();
  const bad = new Set<string>();
  for (const { row, cells } of read) {
    const before = errors.length;
    checkRequired(cells, row, err);
    const { quantity, priceMinor } = checkLine(cells, row, err, defaultCurrency);
    if (cells.status && !['open', 'cancelled'].includes(cells.status.toLowerCase())) err(row, 'status', `"${cells.status}" is not open or cancelled`);
    if (cells.updated_at && !isIsoDateTime(cells.updated_at)) err(row, 'updated_at', `"${cells.updated_at}" is not a date and time (e.g. 2026-03-02T10:15:00Z)`);
    checkAddress(cells, row, err);
    if (cells.sku.length > 120) err(row, 'sku', 'At most 120 characters');
    if (cells.order_id.length > 120) err(row, 'order_id', 'At most 120 characters');
    if (cells.line_id.length > 120) err(row, 'line_id', 'At most 120 characters');
    const rowBad = errors.length > before;
    if (!cells.order_id) continue;
    const agrees = groupRow(groups, { row, cells, quantity, priceMinor, lineId: lineIdOf(groups, cells) }, ORDER_COLUMNS, err);
    if (rowBad || !agrees) bad.add(cells.order_id);
  }
  if (!groups.size && !errors.length) err(2, '_', 'The file has no order rows');

  const orders: RemoteOrder[] = [];
  for (const [externalId, g] of groups) {
    if (bad.has(externalId)) continue;
    const f = g.first.cells;
    const at = f.updated_at ? new Date(f.updated_at).toISOString() : receivedAt;
    const ship = shipToOf(f);
    orders.push({
      externalId,
      name: externalId,
      updatedAt: at,
      createdAt: at,
      state: f.status.toLowerCase() === 'cancelled' ? 'cancelled' : 'open',
      currency: currencyOf(f, defaultCurrency),
      customerName: f.customer_name,
      customerEmail: f.email || null,
      shipTo: {
        name: ship.name,
        company: ship.company ?? null,
        line1: ship.line1,
        line2: ship.line2 ?? null,
        city: ship.city,
        region: ship.region ?? null,
        postalCode: ship.postalCode,
        country: ship.country,
      },
      lines: g.rows.map((r) => ({ externalLineId: r.lineId, ref: r.cells.sku, sku: r.cells.sku, title: r.cells.sku, quantity: r.quantity, unitPriceMinor: r.priceMinor })),
    });
  }
  return { orders, errors: sortErrors(errors) };
}

function sortErrors(errors: OrderCsvError[]): OrderCsvError[] {
  return errors.sort((a, b) => a.row - b.row);
}

/** A date-time with a zone (Z or ±hh:mm) or a plain date; naive date-times are refused (which zone would it be?). */
function isIsoDateTime(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2}))?$/i.test(s)) return false;
  return !Number.isNaN(Date.parse(s));
}

