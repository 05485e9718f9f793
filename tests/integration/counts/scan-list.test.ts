import { afterEach, describe, expect, it } from 'vitest';
import { makeCore, seedBasic, type TestCore } from '../../helpers/core';
import { count } from '../orders/seed';

let c: TestCore;
afterEach(() => c?.close());

const snap = () => ({
  movements: count(c, 'movements'),
  lines: c.db.prepare('SELECT * FROM count_lines ORDER BY id').all(),
  entries: count(c, 'count_entries'),
  sessions: c.db.prepare('SELECT * FROM count_sessions ORDER BY id').all(),
});

describe('counts.scan and counts.list', () => {
  it('scan opens a bin of the count and checks an item in it like enter would, writing nothing', () => {
    c = makeCore();
    const s = seedBasic(c);
    c.ok('stock.receive', { itemId: s.mug.id, locationId: s.a1.id, quantity: 40, unitCostMinor: 250 });
    c.ok('stock.receive', { itemId: s.tea.id, locationId: s.a2.id, quantity: 5, lot: 'L1' });
    const cs = c.ok('counts.create', { scope: 'bin', locationIds: [s.a1.id, s.a2.id] });
    const before = snap();
    const scan = (code: string, locationId?: number) => c.call('counts.scan', { sessionId: cs.id, code, ...(locationId && { locationId }) });
    const refusal = (code: string, locationId?: number) => {
      const r = scan(code, locationId);
      return r.ok ? 'taken' : [r.error.code, r.error.message];
    };

    expect(c.ok('counts.scan', { sessionId: cs.id, code: 'A-01' })).toEqual({ kind: 'bin', locationId: s.a1.id, path: 'MAIN / A / A-01', message: 'Counting MAIN / A / A-01: scan every item in it' });
    const mug = c.ok('counts.scan', { sessionId: cs.id, code: '4006381333931', locationId: s.a1.id });
    expect(mug).toMatchObject({ kind: 'item', itemId: s.mug.id, sku: 'MUG-1', lot: null, quantity: 1, recount: false, counted: null });
    expect(JSON.stringify(mug)).not.toContain('40');
    expect(refusal('B-01')).toEqual(['NOT_IN_COUNT', 'MAIN / B-01 is not one of the bins of CC-00001: count MAIN / A / A-01, MAIN / A / A-02']);
    expect(refusal('MUG-1')).toEqual(['SCAN_BIN_FIRST', 'Scan the bin first, then MUG-1']);
    expect(refusal('MUG-1', s.a2.id)).toEqual([
      'NOT_IN_BIN',
      'MUG-1 is not recorded in MAIN / A / A-02: put it aside for a supervisor (this count does not allow found items)',
    ]);
    expect(refusal('TEA-1', s.a2.id)).toEqual(['LOT_REQUIRED', 'TEA-1 is lot tracked: count each lot']);
    const junk = scan('NO-SUCH-THING-42', s.a1.id);
    expect(!junk.ok && junk.error.code).toBe('BAD_SCAN');
    expect(snap()).toEqual(before);

    // 37 of 40 (3 units, 7.5 %) is a recount: the next scan of it says so, with the counter's own last count.
    expect(c.ok('counts.enter', { sessionId: cs.id, locationId: s.a1.id, itemId: s.mug.id, counted: 37 }).status).toBe('recount');
    expect(c.ok('counts.scan', { sessionId: cs.id, code: 'MUG-1', locationId: s.a1.id })).toMatchObject({ recount: true, counted: 37 });

    // In review only a line asked for a recount may be scanned.
    const other = c.ok('counts.create', { scope: 'item', itemIds: [s.mug.id] });
    c.ok('counts.submit', { sessionId: other.id });
    const closed = c.call('counts.scan', { sessionId: other.id, code: 'MUG-1', locationId: s.a1.id });
    expect(!closed.ok && closed.error.message).toBe('CC-00002 is in review: only lines asked for a recount can be counted');
  });

  it('lists sessions newest first with their targets and what they still need, never expected quantities', () => {
    c = makeCore();
    const s = seedBasic(c);
    c.ok('stock.receive', { itemId: s.mug.id, locationId: s.a1.id, quantity: 10, unitCostMinor: 250 });
    const a = c.ok('counts.create', { scope: 'bin', locationIds: [s.a1.id, s.a2.id] });
    c.ok('counts.enter', { sessionId: a.id, locationId: s.a1.id, itemId: s.mug.id, counted: 30 });
    c.ok('counts.create', { scope: 'item', itemIds: [s.mug.id] });
    const list = c.ok('counts.list', {});
    expect(list.map((x) => [x.number, x.scope, x.status, x.targets, x.linesCounted, x.toApprove])).toEqual([
      ['CC-00002', 'item', 'counting', ['MUG-1'], 0, 0],
      ['CC-00001', 'bin', 'counting', ['MAIN / A / A-01', 'MAIN / A / A-02'], 1, 1],
    ]);
    expect(JSON.stringify(list)).not.toContain('expected');
    c.ok('counts.submit', { sessionId: a.id });
    expect(c.ok('counts.list', { status: 'review' }).map((x) => x.number)).toEqual(['CC-00001']);
  });
});
