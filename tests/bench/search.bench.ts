import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { CallContext } from '../../src/main/core/context';
import { createCore, type Core } from '../../src/main/core/core';
import { percentile, type Bench, type BenchRow } from './bench-kit';

const ITEMS = 100_000;
const REPEAT = 15;
const CTX: CallContext = { actor: 'bench', device: 'bench' };

/** Deterministic, so every run searches the same catalogue. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CATEGORIES: [string, string, string[]][] = [
  ['MUG', 'Kitchen', ['mug', 'cup', 'beaker', 'tumbler']],
  ['TEA', 'Grocery', ['green tea', 'black tea', 'herbal tea', 'rooibos']],
  ['CBL', 'Electronics', ['USB-C cable', 'HDMI cable', 'Lightning cable', 'audio cable']],
  ['BLT', 'Hardware', ['hex bolt', 'carriage bolt', 'wood screw', 'wall plug']],
  ['TSH', 'Apparel', ['t-shirt', 'long sleeve top', 'hoodie', 'vest']],
  ['NBK', 'Stationery', ['notebook', 'sketchbook', 'planner', 'journal']],
  ['CND', 'Home', ['scented candle', 'tealight', 'pillar candle', 'wax melt']],
  ['SOC', 'Apparel', ['socks', 'ankle socks', 'wool socks', 'hiking socks']],
  ['BAG', 'Accessories', ['tote bag', 'backpack', 'messenger bag', 'drawstring bag']],
  ['PLT', 'Garden', ['plant pot', 'seed tray', 'watering can', 'trowel']],
  ['LED', 'Electronics', ['LED bulb', 'LED strip', 'night light', 'torch']],
  ['SOP', 'Beauty', ['hand soap', 'soap bar', 'shampoo bar', 'body wash']],
];
const ADJECTIVES = ['Blue', 'Red', 'Green', 'Black', 'White', 'Oak', 'Slate', 'Sage', 'Mustard', 'Navy', 'Coral', 'Charcoal', 'Ivory', 'Copper'];
const MATERIALS = ['enamel', 'ceramic', 'stoneware', 'organic cotton', 'recycled', 'bamboo', 'steel', 'glass', 'linen', 'merino', 'braided', 'kraft'];
const SIZES = ['small', 'medium', 'large', 'XL', '250ml', '350ml', '500g', '100g', '1m', '2m', 'A5', 'A4', 'pack of 3', 'pack of 10'];

function gtin13(n: number): string {
  const body = `50${String(n).padStart(10, '0')}`;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(body[i]) * (i % 2 === 0 ? 1 : 3);
  return body + ((10 - (sum % 10)) % 10);
}

/** 100k items with GTINs on most, and stock on every fifth through the real ledger. Exported for ad-hoc query probes. */
export function buildCatalogue(core: Core, log: (m: string) => void): { barcodes: string[]; skus: string[] } {
  const rnd = mulberry32(42);
  const pick = <T>(a: T[]) => a[Math.floor(rnd() * a.length)];

  log(`inserting ${ITEMS.toLocaleString('en-GB')} items…`);
  const t0 = performance.now();
  const now = new Date().toISOString();
  const insItem = core.db.prepare(
    `INSERT INTO items (sku, name, category, cost_minor, price_minor, currency, tracking, active, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, 'GBP', 'none', 1, ?, ?)`,
  );
  const insBarcode = core.db.prepare(`INSERT INTO barcodes (item_id, code, symbology, gtin14) VALUES (?, ?, 'gtin', ?)`);
  const barcodes: string[] = [];
  const skus: string[] = [];
  // One transaction: the FTS triggers run per row, but only one durable commit.
  core.db.transaction(() => {
    for (let i = 1; i <= ITEMS; i++) {
      const [prefix, category, nouns] = pick(CATEGORIES);
      const name = `${pick(ADJECTIVES)} ${pick(MATERIALS)} ${pick(nouns)} ${pick(SIZES)}`;
      const sku = `${prefix}-${String(i).padStart(6, '0')}`;
      skus.push(sku);
      const cost = 50 + Math.floor(rnd() * 5000);
      const id = Number(insItem.run(sku, name, category, cost, cost * 2, now, now).lastInsertRowid);
      // Most goods carry a GTIN; some own-brand lines do not.
      if (rnd() < 0.8) {
        const code = gtin13(i);
        insBarcode.run(id, code, `0${code}`);
        barcodes.push(code);
      }
    }
  })();
  // Stock on some items, through the real ledger (one outer transaction), so the on-hand columns have rows to sum.
  const wh = core.router.call('locations.createWarehouse', { code: 'MAIN', name: 'Main' }, CTX);
  if (!wh.ok) throw new Error(wh.error.message);
  const bins = Array.from({ length: 20 }, (_, i) => {
    const r = core.router.call('locations.create', { warehouseId: (wh.value as { id: number }).id, kind: 'bin', code: `A-${i}` }, CTX);
    if (!r.ok) throw new Error(r.error.message);
    return (r.value as { id: number }).id;
  });
  core.db.transaction(() => {
    for (let i = 1; i <= ITEMS; i += 5) {
      const r = core.router.call('stock.receive', { itemId: i, locationId: bins[i % bins.length], quantity: 1 + (i % 40) }, CTX);
      if (!r.ok) throw new Error(r.error.message);
    }
  })();
  core.db.pragma('optimize');
  log(`catalogue built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return { barcodes, skus };
}

export const searchBench: Bench = {
  name: 'search',
  async run(ctx) {
    const dir = ctx.dir('search');
    const core = createCore({ file: path.join(dir, 'stockroom.db'), host: 'test', log: () => {} });
    const { barcodes, skus } = buildCatalogue(core, ctx.log);

    // What a user types, keystroke by keystroke, plus scans and misses.
    const queries: [string, string][] = [
      ['1 char', 'm'],
      ['1 char', 'B'],
      ['1 char', 's'],
      ['2 chars', 'mu'],
      ['2 chars', 'CB'],
      ['2 chars', 'Gr'],
      ['3 chars', 'mug'],
      ['3 chars', 'tea'],
      ['3 chars', 'ble'],
      ['5 chars', 'ename'],
      ['5 chars', 'candl'],
      ['5 chars', 'cable'],
      ['5 chars', 'TSH-0'],
      ['word+', 'merino socks'],
      ['sku', skus[4216]],
      ['barcode', barcodes[1234]],
      ['barcode', barcodes[67_000]],
      ['barcode 14', `0${barcodes[40_000]}`],
      ['no match', 'zzqx'],
      ['no match', 'xylophone'],
    ];
    const all: number[] = [];
    const allCpu: number[] = [];
    const byKind = new Map<string, number[]>();
    const totals = new Map<string, number>();
    for (const [kind, q] of queries) {
      // A warm-up, as the statement cache and page cache would be in use.
      core.router.call('catalog.search', { query: q, limit: 50 }, CTX);
      for (let k = 0; k < REPEAT; k++) {
        const c0 = process.cpuUsage();
        const s = performance.now();
        const r = core.router.call('catalog.search', { query: q, limit: 50 }, CTX);
        const ms = performance.now() - s;
        const c = process.cpuUsage(c0);
        if (!r.ok) throw new Error(`search "${q}": ${r.error.message}`);
        totals.set(q, (r.value as { total: number }).total);
        all.push(ms);
        allCpu.push((c.user + c.system) / 1000);
        byKind.set(kind, [...(byKind.get(kind) ?? []), ms]);
      }
    }
    const hit = totals.get(barcodes[1234]);
    if (hit !== 1) throw new Error(`a barcode search found ${hit} items, expected 1`);
    core.close();

    all.sort((a, b) => a - b);
    allCpu.sort((a, b) => a - b);
    const worst = [...byKind.entries()]
      .map(([k, v]) => [k, percentile(v.sort((a, b) => a - b), 95)] as const)
      .sort((a, b) => b[1] - a[1]);
    ctx.log(`p95 by kind: ${worst.map(([k, v]) => `${k} ${v.toFixed(1)} ms`).join(', ')}`);
    ctx.log(`matches: ${queries.map(([, q]) => `"${q}" ${totals.get(q)}`).join(', ')}`);
    const note = `${all.length} searches over ${ITEMS / 1000}k items; slowest: ${worst[0][0]} (p95 ${worst[0][1].toFixed(1)} ms)`;
    const rows: BenchRow[] = [
      { name: '(d) item search p50', value: percentile(all, 50), unit: 'ms', target: null },
      { name: '(d) item search p95', value: percentile(all, 95), unit: 'ms', target: { op: '<=', value: 30 }, note },
      { name: '(d) item search p99', value: percentile(all, 99), unit: 'ms', target: null },
      // CPU time does not count waiting for a core, so it is what a machine with no other load would see.
      { name: '(d) item search p95, CPU time', value: percentile(allCpu, 95), unit: 'ms', target: { op: '<=', value: 30 }, note: 'independent of other load' },
    ];
    return rows;
  },
};
