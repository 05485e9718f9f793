import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, startTestHub, type TestHub } from './hub-fixture';

/**
 * Search as the hub's UI types it. One- and two-character queries switch to an index walk when matches are dense
 * (catalog/items.ts searchItems); both plans must give the same total, rows and order as a plain sorted query.
 */
let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
  const words = ['Blue', 'black', 'Brass', 'Copper', 'mug', 'Mustard', 'sage', 'Steel', 'Bamboo', 'glass'];
  const ins = hub.core.db.prepare(
    `INSERT INTO items (sku, name, category, active, created_at, updated_at) VALUES (?, ?, 'Test', ?, '2026-01-01', '2026-01-01')`,
  );
  hub.core.db.transaction(() => {
    for (let i = 0; i < 1500; i++) {
      const w = words[(i * 7) % words.length];
      // SKUs in an order unrelated to insertion, some starting with the same letters as names.
      const sku = `${['BX', 'MU', 'ST', 'CO', 'b_'][i % 5]}-${String((i * 7919) % 10007).padStart(5, '0')}`;
      ins.run(sku, `${w} item ${i}`, i % 13 === 0 ? 0 : 1);
    }
  })();
});
afterAll(() => hub?.close());

const reference = (q: string, offset: number, limit: number) => {
  const like = `${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const where = `active = 1 AND (sku LIKE ? ESCAPE '\\' OR name LIKE ? ESCAPE '\\')`;
  const total = (hub.core.db.prepare(`SELECT count(*) n FROM items WHERE ${where}`).get(like, like) as { n: number }).n;
  const ids = (hub.core.db.prepare(`SELECT id FROM items WHERE ${where} ORDER BY sku LIMIT ? OFFSET ?`).all(like, like, limit, offset) as { id: number }[]).map(
    (r) => r.id,
  );
  return { total, ids };
};

describe('catalog.search with short queries', () => {
  it.each([
    ['b', 0, 10],
    ['B', 40, 10],
    ['bl', 0, 5],
    ['m', 0, 100],
    ['mu', 20, 20],
    ['s', 0, 500],
    ['b_', 0, 10],
    ['co', 300, 50],
    ['zz', 0, 10],
  ])('"%s" offset %i limit %i: same total, rows and order as a full sort', async (query, offset, limit) => {
    const got = await ok(hub, 'catalog.search', { query, offset, limit });
    const want = reference(query, offset, limit);
    expect(got.total).toBe(want.total);
    expect(got.rows.map((r: { id: number }) => r.id)).toEqual(want.ids);
  });

  it('the dense case really is dense (the index walk is exercised), and inactive items stay out', async () => {
    const b = await ok(hub, 'catalog.search', { query: 'b', limit: 10 });
    expect(b.total).toBeGreaterThan(20 * 10);
    const inactive = hub.core.db.prepare(`SELECT id FROM items WHERE active = 0`).all() as { id: number }[];
    const all = await ok(hub, 'catalog.search', { query: 's', limit: 500 });
    const ids = new Set(all.rows.map((r: { id: number }) => r.id));
    expect(inactive.length).toBeGreaterThan(50);
    for (const r of inactive) expect(ids.has(r.id)).toBe(false);
    // "b_" is a literal underscore, not a wildcard: only the b_ SKUs.
    const lit = await ok(hub, 'catalog.search', { query: 'b_', limit: 500 });
    expect(lit.rows.every((r: { sku: string }) => r.sku.toLowerCase().startsWith('b_'))).toBe(true);
  });
});
