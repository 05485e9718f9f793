import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CATEGORIES, dayNumber, isoOfDayNumber, loadDemoFile, resolveDemoFile, type DemoFile } from '../../../src/main/demo/demo-file';
import { DemoClock, maybeSeedDemo, seedDemo, type SeedSummary } from '../../../src/main/demo';
import { checkGtin } from '../../../src/shared/gtin';
import { makeCore, type TestCore } from '../../helpers/core';

// Seeding replays a year (~45k ledger operations); on a busy 2-core machine that can take well over vitest's 30 s.
const SEED_TIMEOUT = 300_000;
const TODAY = new Date('2026-03-10T12:00:00.000Z');
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

let c: TestCore;
let data: DemoFile;
let summary: SeedSummary;

beforeAll(() => {
  const file = resolveDemoFile();
  if (!file) throw new Error('resources/demo/online-retail-demo.json.gz is missing: run npm run demo:derive');
  data = loadDemoFile(file);
  c = makeCore();
  summary = seedDemo(c, { today: TODAY });
  // Recorded, not asserted: timing on a shared machine is not a property of the code.
  console.log(`demo seed: ${summary.ms} ms, ${summary.operations} operations, ${summary.movements} movements`, JSON.stringify(summary));
}, SEED_TIMEOUT);
afterAll(() => c?.close());

const scalar = (sql: string, ...args: unknown[]) => (c.db.prepare(sql).get(...args) as { n: number }).n;

describe('the shipped demo file', () => {
  it('is small, valid and holds at least 300 products with real demand', () => {
    expect(fs.statSync(resolveDemoFile()!).size).toBeLessThan(1_000_000);
    expect(data.products.length).toBeGreaterThanOrEqual(300);
    expect(data.rowsSeen).toBe(541_909);
    expect(data.products.every((p) => p.sold.d.length >= 30)).toBe(true);
    expect(new Set(data.products.map((p) => p.category)).size).toBeGreaterThanOrEqual(8);
  });
});

describe('seedDemo on a fresh database', () => {
  it('reports a seed and restores the core clock', () => {
    expect(summary.seeded).toBe(true);
    expect(summary.reason).toBeUndefined();
    expect(c.env.clock).toBe(c.clock);
  });

  it('creates every product as an item with a category and a valid, unique GTIN-13', () => {
    const cats = c.ok('catalog.categories', {});
    expect(sum(cats.map((x) => x.items))).toBe(data.products.length);
    expect(cats.length).toBeGreaterThanOrEqual(8);
    for (const x of cats) expect(DEMO_CATEGORIES).toContain(x.category);
    const codes = (c.db.prepare('SELECT code FROM barcodes').all() as { code: string }[]).map((r) => r.code);
    expect(codes).toHaveLength(data.products.length);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) {
      expect(checkGtin(code)).toMatchObject({ ok: true, kind: 'gtin13' });
      expect(code.slice(0, 2)).toBe('20');
    }
    const found = c.ok('catalog.lookup', { code: codes[0] });
    expect(found.matchedBy).toBe('barcode');
  });

  it('tracks some items by lot, every lot with an expiry after its receipt', () => {
    const lotItems = scalar(`SELECT count(*) n FROM items WHERE tracking = 'lot'`);
    expect(lotItems).toBe(data.products.filter((p) => p.tracking === 'lot').length);
    expect(lotItems).toBeGreaterThanOrEqual(10);
    expect(scalar('SELECT count(*) n FROM lots')).toBeGreaterThan(lotItems);
    expect(scalar('SELECT count(*) n FROM lots WHERE expiry IS NULL')).toBe(0);
    const inStock = c.ok('stock.balances', {}).filter((b) => b.lot !== null);
    expect(inStock.length).toBeGreaterThan(0);
    expect(inStock.every((b) => b.expiry !== null)).toBe(true);
  });

  it('builds two warehouses with bins', () => {
    const whs = c.ok('locations.warehouses', {});
    expect(whs.map((w) => w.code).sort()).toEqual(['MAIN', 'OVERFLOW']);
    const bins = (w: number) => c.ok('locations.list', { warehouseId: w }).filter((l) => l.kind === 'bin').length;
    expect(bins(whs.find((w) => w.code === 'MAIN')!.id)).toBeGreaterThanOrEqual(30);
    expect(bins(whs.find((w) => w.code === 'OVERFLOW')!.id)).toBeGreaterThanOrEqual(5);
  });

  it('ends the history within a day before today and starts a year earlier', () => {
    const newest = c.ok('stock.movements', { limit: 1 })[0];
    const last = Date.parse(newest.createdAt);
    expect(last).toBeLessThanOrEqual(TODAY.getTime());
    expect(TODAY.getTime() - last).toBeLessThan(86_400_000);
    const first = Date.parse((c.db.prepare('SELECT min(created_at) t FROM movements').get() as { t: string }).t);
    expect((last - first) / 86_400_000).toBeGreaterThan(data.days - 3);
    expect(summary.lastDay).toBe(isoOfDayNumber(dayNumber(TODAY.toISOString().slice(0, 10)) - 1));
  });

  it('never leaves negative stock and passes the ledger check', () => {
    expect(c.ok('stock.balances', {}).filter((b) => b.onHand < 0)).toEqual([]);
    expect(scalar(`SELECT count(*) n FROM balances b JOIN locations l ON l.id = b.location_id WHERE l.kind = 'bin' AND b.on_hand < 0`)).toBe(0);
    const check = c.ok('system.check', {});
    expect(check.problems).toEqual([]);
    expect(check.ok).toBe(true);
    expect(check.movements).toBe(summary.movements);
  });

  it('issues exactly the real daily demand of every product, on the shifted days', () => {
    const issued = new Map(
      (c.db.prepare(`SELECT i.sku, sum(m.quantity) n FROM movements m JOIN items i ON i.id = m.item_id WHERE m.reason = 'issue' GROUP BY i.sku`).all() as { sku: string; n: number }[]).map((r) => [r.sku, r.n]),
    );
    for (const p of data.products) expect(issued.get(p.sku) ?? 0, p.sku).toBe(sum(p.sold.q));
    expect(summary.unitsIssued).toBe(sum(data.products.map((p) => sum(p.sold.q))));
    // The busiest product, day by day: the calendar shift keeps each day's quantity on its day.
    const busiest = [...data.products].sort((a, b) => b.salesDays - a.salesDays)[0];
    const shift = dayNumber(summary.firstDay) - dayNumber(data.firstDay);
    const byDay = c.db
      .prepare(`SELECT substr(m.created_at, 1, 10) d, sum(m.quantity) n FROM movements m JOIN items i ON i.id = m.item_id WHERE i.sku = ? AND m.reason = 'issue' GROUP BY 1 ORDER BY 1`)
      .all(busiest.sku) as { d: string; n: number }[];
    expect(byDay.map((r) => r.d)).toEqual(busiest.sold.d.map((d) => isoOfDayNumber(dayNumber(data.firstDay) + d + shift)));
    expect(byDay.map((r) => r.n)).toEqual(busiest.sold.q);
  });

  it('has plausible numbers of receipts, returns, adjustments, transfers and open reservations', () => {
    const n = (reason: string) => scalar('SELECT count(*) n FROM movements WHERE reason = ?', reason);
    const issueDays = sum(data.products.map((p) => p.sold.d.length));
    expect(scalar(`SELECT count(*) n FROM operations WHERE kind = 'issue'`)).toBe(issueDays);
    const total = scalar('SELECT count(*) n FROM movements');
    expect(total).toBeGreaterThan(issueDays);
    expect(total).toBeLessThan(issueDays * 1.5);
    // Replenished in orders, not daily: far fewer receipts than issues, but every product restocked several times.
    expect(n('receipt')).toBeGreaterThan(data.products.length * 3);
    expect(n('receipt')).toBeLessThan(issueDays / 4);
    expect(summary.expedited).toBeLessThan(summary.receipts / 5);
    expect(n('found')).toBeGreaterThanOrEqual(summary.returns);
    expect(summary.returns).toBe(sum(data.products.map((p) => p.returned.d.length)));
    expect(n('damage') + n('theft') + n('lost') + n('count_correction')).toBeGreaterThan(50);
    expect(n('transfer')).toBeGreaterThan(50);
    expect(scalar(`SELECT count(DISTINCT to_location_id) n FROM movements WHERE reason = 'transfer'`)).toBeGreaterThan(5);
    expect(scalar('SELECT count(*) n FROM reservations WHERE remaining > 0')).toBeGreaterThanOrEqual(5);
    const receiptRefs = (c.db.prepare(`SELECT DISTINCT doc_ref d FROM movements WHERE reason = 'receipt'`).all() as { d: string }[]).map((r) => r.d);
    expect(receiptRefs.filter((d) => /^PO-\d+ \S/.test(d)).length).toBeGreaterThan(100);
    expect(scalar(`SELECT count(*) n FROM movements WHERE reason = 'found' AND doc_ref LIKE 'RMA-%'`)).toBe(summary.returns);
  });

  it('keeps stock plausible: most items in stock at the end, weeks rather than years of cover', () => {
    const onHand = new Map<number, number>();
    for (const b of c.ok('stock.balances', {})) onHand.set(b.itemId, (onHand.get(b.itemId) ?? 0) + b.onHand);
    expect(onHand.size).toBeGreaterThan(data.products.length * 0.8);
    const units = sum([...onHand.values()]);
    const dailyDemand = summary.unitsIssued / data.days;
    expect(units / dailyDemand).toBeGreaterThan(7);
    expect(units / dailyDemand).toBeLessThan(120);
  });

  it('does nothing the second time', () => {
    const before = scalar('SELECT count(*) n FROM movements');
    const again = seedDemo(c, { today: TODAY });
    expect(again.seeded).toBe(false);
    expect(again.reason).toMatch(/already has items/);
    expect(scalar('SELECT count(*) n FROM movements')).toBe(before);
    expect(maybeSeedDemo(c).seeded).toBe(false);
  });
});

describe('maybeSeedDemo', () => {
  it('says why when the demo file is missing, and leaves the database empty', () => {
    const e = makeCore();
    try {
      const r = maybeSeedDemo(e, { file: '/nonexistent/demo.json.gz' });
      expect(r.seeded).toBe(false);
      expect(r.reason).toMatch(/not found/);
      expect(e.ok('locations.warehouses', {})).toEqual([]);
    } finally {
      e.close();
    }
  });

  it('rolls everything back when the data is broken, without throwing', () => {
    const e = makeCore();
    try {
      const broken: DemoFile = { ...data, products: [{ ...data.products[0], sku: 'NOT-A-STOCK-CODE' }] };
      const r = maybeSeedDemo(e, { data: broken, today: TODAY });
      expect(r.seeded).toBe(false);
      expect(r.reason).toMatch(/rolled back/);
      expect(e.ok('locations.warehouses', {})).toEqual([]);
      expect(e.ok('catalog.search', {}).total).toBe(0);
      expect(e.env.clock).toBe(e.clock);
    } finally {
      e.close();
    }
  });
});

describe('DemoClock', () => {
  it('follows its base clock until pinned, and again once released', () => {
    const base = { now: () => new Date('2030-01-01T00:00:00Z') };
    const k = new DemoClock(base);
    expect(k.now().toISOString()).toBe('2030-01-01T00:00:00.000Z');
    k.set(new Date('2025-05-05T10:00:00Z'));
    expect(k.now().toISOString()).toBe('2025-05-05T10:00:00.000Z');
    k.release();
    expect(k.now().toISOString()).toBe('2030-01-01T00:00:00.000Z');
  });
});

describe('seeding on other days', () => {
  // The calendar shift changes weekdays and the synthetic draws; the seed must hold on any day it is started.
  for (const day of ['2026-11-26T08:00:00.000Z', '2027-02-28T20:00:00.000Z']) {
    it(`seeds a consistent ledger when today is ${day.slice(0, 10)}`, () => {
      const e = makeCore();
      try {
        const r = maybeSeedDemo(e, { today: new Date(day) });
        expect(r.reason ?? null).toBeNull();
        expect(r.seeded).toBe(true);
        expect(e.ok('system.check', {}).problems).toEqual([]);
        expect(scalarOf(e, "SELECT count(*) n FROM balances b JOIN locations l ON l.id = b.location_id WHERE l.kind = 'bin' AND b.on_hand < 0")).toBe(0);
      } finally {
        e.close();
      }
    }, SEED_TIMEOUT);
  }
});

function scalarOf(core: TestCore, sql: string): number {
  return (core.db.prepare(sql).get() as { n: number }).n;
}
