import { afterEach, describe, expect, it } from 'vitest';
import type { RemoteOrder } from '../../../src/main/channels/connector';
import { channelCore, connect, MemoryChannel, seedStock, type ChannelTestCore } from './helpers';

/**
 * An order already imported whose lines change on the channel (same external id, newer updatedAt): applied before
 * anyone started on it, a hold with what changed after.
 */

const open: ChannelTestCore[] = [];
afterEach(() => {
  for (const c of open.splice(0)) c.close();
});

async function setup() {
  const fake = new MemoryChannel();
  fake.addListing('L-MUG', { sku: 'MUG-1', title: 'Enamel mug', qty: 10 });
  fake.addListing('L-CUP', { sku: 'CUP-1', title: 'Tin cup', qty: 5 });
  const c = channelCore({ A: fake });
  open.push(c);
  const s = seedStock(c);
  c.ok('stock.receive', { itemId: s.cup.id, locationId: s.a2.id, quantity: 5, unitCostMinor: 100 });
  const ch = await connect(c, 'A');
  c.ok('orders.configure', { requireWeighing: false });
  await c.channels.syncOnce(ch.id);
  const sale = fake.sell([{ ref: 'L-MUG', sku: 'MUG-1', quantity: 2, unitPriceMinor: 600 }]);
  const r = await c.channels.syncOnce(ch.id);
  expect(r.orders.created).toBe(1);
  const orderId = (c.db.prepare('SELECT id FROM sales_orders').get() as { id: number }).id;
  /** The customer changes the order on the channel (its clock moves on). */
  const edit = (fn: (o: RemoteOrder) => void) => {
    const o = fake.orders.find((x) => x.externalId === sale.externalId)!;
    fn(o);
    o.updatedAt = fake.tick();
  };
  const reserved = (itemId: number) => c.ok('stock.reservations', { itemId }).reduce((n, x) => n + x.remaining, 0);
  const order = () => c.ok('orders.get', { id: orderId });
  const events = () => c.ok('orders.events', { orderId }).filter((e) => e.kind === 'channel_changed');
  return { c, fake, ch, ...s, sale, orderId, edit, reserved, order, events };
}

describe('channel order edits', () => {
  it('before picking: a quantity raised, a line added and later removed are applied, re-reserved and said in the history', async () => {
    const { c, fake, ch, mug, cup, edit, reserved, order, events } = await setup();
    expect(reserved(mug.id)).toBe(2);

    edit((o) => {
      o.lines[0].quantity = 3;
      o.lines.push({ externalLineId: 'o1-l2', ref: 'L-CUP', sku: 'CUP-1', title: 'Tin cup', quantity: 2, unitPriceMinor: 300 });
    });
    const r = await c.channels.syncOnce(ch.id);
    expect(r.error).toBeNull();
    expect(r.orders).toMatchObject({ seen: 1, changed: 1, held: 0, created: 0 });
    const o = order();
    expect(o.status).toBe('allocated');
    expect(o.lines.map((l) => [l.sku, l.quantity, l.allocated, l.externalLineId])).toEqual([
      ['MUG-1', 3, 3, 'o1-l1'],
      ['CUP-1', 2, 2, 'o1-l2'],
    ]);
    expect(o.totalMinor).toBe(3 * 600 + 2 * 300);
    expect(reserved(mug.id)).toBe(3);
    expect(reserved(cup.id)).toBe(2);
    expect(events().map((e) => e.reason)).toEqual(['Changed on Shop A (#1001): line MUG-1 2 → 3; line CUP-1 × 2 added']);
    // The new reservations reach the channel at the next cycle's push (decreases go at once).
    expect(fake.stock.get('L-MUG')).toBe(7);
    expect(fake.stock.get('L-CUP')).toBe(3);

    // The same version pulled again changes nothing.
    const again = await c.channels.syncOnce(ch.id);
    expect(again.orders).toMatchObject({ skipped: 1, changed: 0 });
    expect(events()).toHaveLength(1);

    // The cup line removed and the mug lowered: their units go back to available, and then to the channel.
    edit((o) => {
      o.lines = o.lines.filter((l) => l.externalLineId !== 'o1-l2');
      o.lines[0].quantity = 1;
    });
    const r2 = await c.channels.syncOnce(ch.id);
    expect(r2.orders.changed).toBe(1);
    const o2 = order();
    expect(o2.status).toBe('allocated');
    expect(o2.lines.map((l) => [l.sku, l.quantity, l.allocated])).toEqual([['MUG-1', 1, 1]]);
    expect(reserved(mug.id)).toBe(1);
    expect(reserved(cup.id)).toBe(0);
    expect(events().at(-1)!.reason).toBe('Changed on Shop A (#1001): line MUG-1 3 → 1; line CUP-1 × 2 removed');
    await c.channels.syncOnce(ch.id);
    expect(fake.stock.get('L-MUG')).toBe(9);
    expect(fake.stock.get('L-CUP')).toBe(5);
    // The ledger still proves itself (reserved = reservation log).
    expect(c.ok('system.check', {}).ok).toBe(true);
  });

  it('a raise the stock cannot cover is applied and holds the order as oversold', async () => {
    const { c, ch, mug, edit, reserved, order } = await setup();
    edit((o) => {
      o.lines[0].quantity = 12;
    });
    const r = await c.channels.syncOnce(ch.id);
    expect(r.orders.changed).toBe(1);
    const o = order();
    expect(o.status).toBe('on_hold');
    expect(o.holdReason).toBe('Oversold: short by 2 of SKU MUG-1 after a change on Shop A (#1001)');
    expect(o.lines[0]).toMatchObject({ quantity: 12, allocated: 10 });
    expect(reserved(mug.id)).toBe(10);
  });

  it('after picking started: nothing changes, the order is held with what changed on the channel', async () => {
    const { c, ch, mug, orderId, edit, reserved, order, events } = await setup();
    c.ok('orders.packScan', { orderId, code: 'MUG-1', quantity: 1 });
    expect(order().status).toBe('allocated');
    edit((o) => {
      o.lines[0].quantity = 3;
    });
    const r = await c.channels.syncOnce(ch.id);
    expect(r.orders).toMatchObject({ changed: 0, held: 1 });
    const o = order();
    expect(o.status).toBe('on_hold');
    expect(o.holdReason).toBe('Changed on Shop A (#1001) after picking started: line MUG-1 2 → 3');
    expect(o.lines.map((l) => [l.quantity, l.allocated])).toEqual([[2, 2]]);
    expect(reserved(mug.id)).toBe(2);
    expect(events()).toHaveLength(1);
    // A later update of the order on the channel with the same lines does not hold or say it twice.
    edit(() => undefined);
    const again = await c.channels.syncOnce(ch.id);
    expect(again.orders.held).toBe(0);
    expect(events()).toHaveLength(1);
  });

  it('a price change is applied before picking; after picking it is only said in the history (no hold)', async () => {
    const { c, ch, orderId, edit, order, events } = await setup();
    edit((o) => {
      o.lines[0].unitPriceMinor = 550;
    });
    expect((await c.channels.syncOnce(ch.id)).orders.changed).toBe(1);
    expect(order()).toMatchObject({ status: 'allocated', totalMinor: 1100 });
    expect(events().at(-1)!.reason).toMatch(/^Changed on Shop A \(#1001\): line MUG-1 price .*6\.00 → .*5\.50$/);
    c.ok('orders.packScan', { orderId, code: 'MUG-1', quantity: 2 });
    edit((o) => {
      o.lines[0].unitPriceMinor = 500;
    });
    const r = await c.channels.syncOnce(ch.id);
    expect(r.orders).toMatchObject({ changed: 0, held: 0 });
    expect(order()).toMatchObject({ status: 'packed', totalMinor: 1100 });
    expect(events().at(-1)!.reason).toMatch(/after picking started: line MUG-1 price/);
  });

  it('an older version of the order (pulled again out of order) does not undo a newer one', async () => {
    const { c, ch, fake, sale, edit, order } = await setup();
    const old = structuredClone(fake.orders.find((x) => x.externalId === sale.externalId)!);
    edit((o) => {
      o.lines[0].quantity = 4;
    });
    await c.channels.syncOnce(ch.id);
    expect(order().lines[0].quantity).toBe(4);
    // The channel answers a stale copy next to the new one.
    fake.orders.push({ ...old, externalId: sale.externalId });
    const r = await c.channels.syncOnce(ch.id);
    expect(r.orders.changed).toBe(0);
    expect(order().lines[0].quantity).toBe(4);
  });
});
