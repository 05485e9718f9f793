import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../../src/main/demo';
import { makeCore, type TestCore } from '../../helpers/core';

// Seeding replays a year (~45k ledger operations); on a busy machine that can take well over vitest's 30 s.
const SEED_TIMEOUT = 300_000;

let c: TestCore;
beforeAll(() => {
  c = makeCore();
  seedDemo(c, { today: new Date('2026-03-10T12:00:00.000Z') });
}, SEED_TIMEOUT);
afterAll(() => c?.close());

describe('valuation as of a date over the demo year', () => {
  it('rebuilt from the history, it equals the live FIFO valuation today, bin by bin', () => {
    const live = c.ok('stock.valuation', {});
    const now = c.ok('reports.valuation', { asOf: '2026-03-11', groupBy: 'location' });
    expect(now.valueMinor).toBe(live.valueMinor);
    expect(now.rows.map((r) => [r.locationId, r.quantity, r.valueMinor])).toEqual(live.byLocation.map((l) => [l.locationId, l.quantity, l.valueMinor]));
  });

  it('the groupings add up to the same total on any day, and the KPIs of the year close on it', () => {
    for (const asOf of ['2025-06-30', '2025-12-31']) {
      const byItem = c.ok('reports.valuation', { asOf, groupBy: 'item' });
      const byCat = c.ok('reports.valuation', { asOf, groupBy: 'category' });
      const byLoc = c.ok('reports.valuation', { asOf, groupBy: 'location' });
      const sum = (rows: { valueMinor: number }[]) => rows.reduce((s, r) => s + r.valueMinor, 0);
      expect(sum(byItem.rows)).toBe(byItem.valueMinor);
      expect(sum(byCat.rows)).toBe(byItem.valueMinor);
      expect(sum(byLoc.rows)).toBe(byItem.valueMinor);
      expect(byItem.valueMinor).toBeGreaterThan(0);
    }
    const k = c.ok('reports.kpis', { from: '2025-03-10', to: '2026-03-09' });
    expect(k.days).toBe(365);
    expect(k.closingValueMinor).toBe(c.ok('reports.valuation', { asOf: '2026-03-09', groupBy: 'item' }).valueMinor);
    expect(k.openingValueMinor).toBe(c.ok('reports.valuation', { asOf: '2025-03-09', groupBy: 'item' }).valueMinor);
    const turnover = k.kpis.find((x) => x.key === 'inventoryTurnover')!;
    expect(turnover.value).toBe(k.cogsMinor / k.averageInventoryMinor!);
    expect(k.cogsMinor).toBeGreaterThan(0);
  });
});
