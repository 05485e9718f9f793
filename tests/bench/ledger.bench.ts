import Database from 'better-sqlite3';
import path from 'node:path';
import type { CallContext } from '../../src/main/core/context';
import { createCore, type Core } from '../../src/main/core/core';
import { openDatabase } from '../../src/main/db/connection';
import { ratePerSecond, type Bench } from './bench-kit';

const RUN_MS = 4000;
const CTX: CallContext = { actor: 'bench', device: 'bench' };

export function must<T>(core: Core, method: string, input: unknown): T {
  const r = core.router.call(method, input, CTX);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

export interface LedgerWorld {
  a: number;
  b: number;
  items: number[];
}

export const BENCH_ITEMS = 100;

/**
 * A warehouse, two bins and 100 items with stock in A. Operations go round the items, as a day of receiving does;
 * one hot item would instead measure how FIFO planning scales with thousands of open layers in one bin.
 */
export function seedLedger(core: Core): LedgerWorld {
  const wh = must<{ id: number }>(core, 'locations.createWarehouse', { code: 'MAIN', name: 'Main' });
  const a = must<{ id: number }>(core, 'locations.create', { warehouseId: wh.id, kind: 'bin', code: 'A-01' });
  const b = must<{ id: number }>(core, 'locations.create', { warehouseId: wh.id, kind: 'bin', code: 'A-02' });
  const items: number[] = [];
  core.db.transaction(() => {
    for (let i = 0; i < BENCH_ITEMS; i++) {
      const item = must<{ id: number }>(core, 'catalog.create', { sku: `BENCH-${i}`, name: `Bench item ${i}`, costMinor: 100 });
      must(core, 'stock.receive', { itemId: item.id, locationId: a.id, quantity: 1000, unitCostMinor: 100 });
      items.push(item.id);
    }
  })();
  return { a: a.id, b: b.id, items };
}

/**
 * Receive one unit into A, then move one unit A → B: each call is one operation, one transaction, one durable
 * commit. The same inputs are used by the HTTP bench, so the two figures compare transports only.
 */
export const alternatingOp = (w: LedgerWorld, i: number): [string, unknown] => {
  const itemId = w.items[(i >> 1) % w.items.length];
  return i % 2 === 0
    ? ['stock.receive', { itemId, locationId: w.a, quantity: 1, unitCostMinor: 100 + (i % 7) }]
    : ['stock.transfer', { itemId, fromLocationId: w.a, toLocationId: w.b, quantity: 1 }];
};

/** Slices of raw and core work taken in turns, so both see the same disk (shared CI disks vary by the second). */
const SLICES = 4;

export const ledgerBench: Bench = {
  name: 'ledger',
  async run(ctx) {
    // (a) What the disk allows: one-row autocommit INSERTs with the pragmas the ledger uses.
    const rawDir = ctx.dir('raw');
    const raw: Database.Database = openDatabase(path.join(rawDir, 'raw.db'));
    const mode = raw.pragma('journal_mode', { simple: true });
    const sync = raw.pragma('synchronous', { simple: true });
    if (mode !== 'wal' || sync !== 2) throw new Error(`raw bench pragmas are ${mode}/${sync}, expected wal/2 (FULL)`);
    raw.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, item_id INTEGER NOT NULL, qty INTEGER NOT NULL, note TEXT)');
    const ins = raw.prepare('INSERT INTO t (item_id, qty, note) VALUES (?, ?, ?)');

    // (b) The same durability through the core: validation, FIFO layers, balances, movement rows, the event.
    const dir = ctx.dir('core');
    const core = createCore({ file: path.join(dir, 'stockroom.db'), host: 'test', log: () => {} });
    const w = seedLedger(core);

    ctx.log(`raw SQLite inserts and core receive/transfer, ${SLICES} turns of ${RUN_MS / SLICES / 1000} s each…`);
    const r = { ops: 0, seconds: 0, perSecond: 0, cpuSeconds: 0 };
    const c = { ops: 0, seconds: 0, perSecond: 0, cpuSeconds: 0 };
    let n = 0;
    let k = 0;
    for (let s = 0; s < SLICES; s++) {
      const rs = ratePerSecond(RUN_MS / SLICES, () => ins.run(k++ % 100, 1, 'bench'));
      const cs = ratePerSecond(RUN_MS / SLICES, () => {
        const [m, input] = alternatingOp(w, n++);
        must(core, m, input);
      });
      r.ops += rs.ops;
      r.seconds += rs.seconds;
      r.cpuSeconds += rs.cpuSeconds;
      c.cpuSeconds += cs.cpuSeconds;
      c.ops += cs.ops;
      c.seconds += cs.seconds;
    }
    r.perSecond = r.ops / r.seconds;
    c.perSecond = c.ops / c.seconds;
    raw.close();
    const check = must<{ ok: boolean; problems: string[] }>(core, 'system.check', {});
    if (!check.ok) throw new Error(`ledger check failed after the bench: ${check.problems.join('; ')}`);
    core.close();

    ctx.figures.set('raw', r.perSecond);
    ctx.figures.set('core', c.perSecond);
    return [
      { name: '(a) raw SQLite INSERT, autocommit (WAL, sync=FULL)', value: r.perSecond, unit: 'ops/s', target: null, note: `${r.ops.toLocaleString('en-GB')} rows` },
      { name: '(b) core stock.receive/transfer', value: c.perSecond, unit: 'ops/s', target: { op: '>=', value: 2000 }, note: `${c.ops.toLocaleString('en-GB')} ops, ledger check ok` },
      { name: '    ratio core / raw', value: c.perSecond / r.perSecond, unit: 'x', target: null },
      {
        name: '(b) core ops per CPU-second (no fsync wait)',
        value: c.ops / c.cpuSeconds,
        unit: 'ops/s',
        target: { op: '>=', value: 2000 },
        note: `${((c.cpuSeconds / c.ops) * 1000).toFixed(2)} ms CPU/op; raw insert ${((r.cpuSeconds / r.ops) * 1000).toFixed(2)} ms; fsync wait is the rest`,
      },
    ];
  },
};
