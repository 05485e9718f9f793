import { afterEach, describe, expect, it } from 'vitest';
import { makeCore, type TestCore } from '../../helpers/core';
import { gs1, newOrder, seedOrders, snapshot } from './seed';

let c: TestCore;
afterEach(() => c?.close());

function setup() {
  c = makeCore();
  const s = seedOrders(c);
  const a9 = c.ok('locations.create', { warehouseId: s.main.id, parentId: s.zone.id, kind: 'bin', code: 'A-9' });
  c.ok('stock.receive', { itemId: s.mug.id, locationId: s.a10.id, quantity: 3 });
  c.clock.advance(60_000);
  c.ok('stock.receive', { itemId: s.mug.id, locationId: a9.id, quantity: 2 });
  c.ok('stock.receive', { itemId: s.mug.id, locationId: s.e01.id, quantity: 1 });
  c.ok('stock.receive', { itemId: s.plate.id, locationId: s.a01.id, quantity: 2 });
  c.ok('stock.receive', { itemId: s.tea.id, locationId: s.a02.id, quantity: 5, lot: 'L1', expiry: '2026-12-01' });
  const o1 = newOrder(c, [
    { itemId: s.mug.id, quantity: 4 },
    { itemId: s.plate.id, quantity: 1 },
  ]);
  const o2 = newOrder(c, [
    { itemId: s.tea.id, quantity: 2 },
    { itemId: s.plate.id, quantity: 1 },
  ]);
  c.ok('orders.allocateAll', {});
  return { s, a9, o1, o2 };
}

describe('pick lists', () => {
  it('lists a batch in natural bin order with the reserved lot, and confirms by scanning bin then item', () => {
    const { o1, o2 } = setup();
    const pl = c.ok('orders.pickList', { orderIds: [o1.id, o2.id], totes: [{ orderId: o1.id, tote: 'tote-1' }] });
    expect(pl.number).toBe('PL-00001');
    expect(pl.lines.map((l) => [l.path, l.sku, l.lot, l.quantity, l.orderNumber, l.tote])).toEqual([
      ['MAIN / A / A-01', 'PLATE-1', null, 1, 'SO-00001', 'TOTE-1'],
      ['MAIN / A / A-01', 'PLATE-1', null, 1, 'SO-00002', null],
      ['MAIN / A / A-02', 'TEA-1', 'L1', 2, 'SO-00002', null],
      ['MAIN / A / A-9', 'MUG-1', null, 1, 'SO-00001', 'TOTE-1'],
      ['MAIN / A / A-10', 'MUG-1', null, 3, 'SO-00001', 'TOTE-1'],
    ]);
    expect(c.ok('orders.get', { id: o1.id }).status).toBe('picking');
    expect(pl.next).toEqual({ lineId: pl.lines[0].id, expect: 'bin', path: 'MAIN / A / A-01', sku: 'PLATE-1', lot: null, remaining: 1 });

    const before = snapshot(c);
    const refuse = (code: string, quantity?: number) => {
      const r = c.call('orders.pickScan', { pickListId: pl.id, code, ...(quantity && { quantity }) });
      if (r.ok) throw new Error(`${code} was accepted`);
      return [r.error.code, r.error.message];
    };
    expect(refuse('5012345678900')).toEqual(['SCAN_BIN_FIRST', 'Scan the bin MAIN / A / A-01 first, then PLATE-1']);
    expect(refuse('A-02')).toEqual(['WRONG_BIN', 'Wrong bin: this is MAIN / A / A-02. Pick PLATE-1 from MAIN / A / A-01']);
    expect(refuse('@@@ ???')[0]).toBe('BAD_SCAN');
    expect(snapshot(c)).toEqual(before);

    expect(c.ok('orders.pickScan', { pickListId: pl.id, code: 'BIN:A-01' }).message).toBe('Bin MAIN / A / A-01 confirmed: pick 1 × PLATE-1');
    const mid = snapshot(c);
    expect(refuse('4006381333931')).toEqual(['WRONG_ITEM', 'Wrong item: MUG-1 Enamel mug. Pick PLATE-1 Stoneware plate from MAIN / A / A-01']);
    expect(refuse('5012345678900', 2)).toEqual(['OVER_SCAN', 'One too many: only 1 × PLATE-1 left to pick from MAIN / A / A-01']);
    expect(snapshot(c)).toEqual(mid);

    const p1 = c.ok('orders.pickScan', { pickListId: pl.id, code: '5012345678900' });
    expect(p1.message).toBe('Picked 1 × PLATE-1. Next: 1 × PLATE-1');
    c.ok('orders.pickScan', { pickListId: pl.id, code: '5012345678900' });
    c.ok('orders.pickScan', { pickListId: pl.id, code: 'A-02' });
    expect(refuse(gs1('5000000000012', 'L9'))).toEqual(['WRONG_LOT', 'Wrong lot L9: pick lot L1 of TEA-1']);
    const p3 = c.ok('orders.pickScan', { pickListId: pl.id, code: gs1('5000000000012', 'L1'), quantity: 2 });
    expect(p3.message).toBe('Picked 2 × TEA-1 lot L1. Next: bin MAIN / A / A-9');
    expect(p3.lines.map((l) => l.picked)).toEqual([1, 1, 2, 0, 0]);
    expect(c.ok('orders.events', { orderId: o2.id }).filter((e) => e.kind === 'pick').map((e) => [e.quantity, e.lot])).toEqual([
      [1, null],
      [2, 'L1'],
    ]);
  });

  it('reports a shortage at pick time: the missing units are released and allocated elsewhere, or the order is backordered', () => {
    const { s, a9, o1 } = setup();
    const pl = c.ok('orders.pickList', { orderIds: [o1.id] });
    const a9Line = pl.lines.find((l) => l.path === 'MAIN / A / A-9')!;
    const r = c.ok('orders.pickShort', { pickListId: pl.id, lineId: a9Line.id, found: 0 });
    expect(r.message).toBe('1 short at MAIN / A / A-9: re-allocated 1 from EAST / E-01 (added to this list)');
    expect(r.lines.map((l) => [l.path, l.quantity, l.picked, l.short])).toEqual([
      ['MAIN / A / A-01', 1, 0, 0],
      ['MAIN / A / A-9', 1, 0, 1],
      ['MAIN / A / A-10', 3, 0, 0],
      ['EAST / E-01', 1, 0, 0],
    ]);
    // The A-9 mugs the ledger still counts are not reserved for anyone now, and not taken again for this line.
    expect(c.ok('stock.balances', { locationId: a9.id }).map((b) => [b.onHand, b.reserved])).toEqual([[2, 0]]);
    expect(c.ok('orders.get', { id: o1.id }).status).toBe('picking');

    const a10Line = r.lines.find((l) => l.path === 'MAIN / A / A-10')!;
    const r2 = c.ok('orders.pickShort', { pickListId: pl.id, lineId: a10Line.id, found: 1 });
    expect(r2.message).toBe(
      '2 short at MAIN / A / A-10: SO-00001 is backordered — Short by 2 × MUG-1 in every warehouse (MAIN: 5 on hand, 1 reserved for SO-00001; EAST: 1 on hand, 1 reserved for SO-00001)',
    );
    const o = c.ok('orders.get', { id: o1.id });
    expect(o.status).toBe('backordered');
    expect(o.lines[0].issues.map((i) => i.code)).toEqual(['picked_short', 'short']);
    expect(o.lines[0].allocated).toBe(2);
    expect(c.ok('stock.reservations', { itemId: s.mug.id }).map((x) => [x.path, x.remaining])).toEqual([
      ['MAIN / A / A-10', 1],
      ['EAST / E-01', 1],
    ]);
    expect(c.ok('system.check', {}).ok).toBe(true);
  });
});
