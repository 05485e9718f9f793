import { afterEach, describe, expect, it } from 'vitest';
import { channelCore, connect, MemoryChannel, seedStock, type ChannelTestCore } from './helpers';

const open: ChannelTestCore[] = [];
afterEach(() => {
  for (const c of open.splice(0)) c.close();
});

/**
 * Imported orders keep their channel as "kind:id". A channel removed and another one added must not get the removed
 * one's id (SQLite reuses the highest rowid), or the new shop's orders are taken for the old shop's orders with the
 * same external id (WooCommerce order ids are small numbers, the same in two shops): not imported, and the old order
 * changed or cancelled instead.
 */
describe('channel removal and a new channel (review)', () => {
  it('never reuses a removed channel id, so a new shop imports its own order #1', async () => {
    const test = new MemoryChannel({ kind: 'woocommerce' });
    test.addListing('L-MUG', { sku: 'MUG-1', title: 'Enamel mug', qty: 10 });
    const live = new MemoryChannel({ kind: 'woocommerce' });
    live.addListing('L-MUG', { sku: 'MUG-1', title: 'Enamel mug', qty: 10 });
    const c = channelCore({ T: test, L: live });
    open.push(c);
    seedStock(c);

    const ch1 = await connect(c, 'T', { kind: 'woocommerce', name: 'Test shop' });
    test.sell([{ ref: 'L-MUG', sku: 'MUG-1', quantity: 2 }]);
    expect((await c.channels.syncOnce(ch1.id)).orders.created).toBe(1);
    const old = c.db.prepare('SELECT id, channel, external_id, status FROM sales_orders').get() as { id: number; channel: string; external_id: string; status: string };
    expect(old.external_id).toBe('o1');
    c.ok('channels.remove', { id: ch1.id });

    const ch2 = await connect(c, 'L', { kind: 'woocommerce', name: 'Live shop' });
    expect(ch2.id).not.toBe(ch1.id);
    // The live shop's first order has the same external id as the test shop's.
    live.sell([{ ref: 'L-MUG', sku: 'MUG-1', quantity: 1 }], { state: 'cancelled' });
    live.sell([{ ref: 'L-MUG', sku: 'MUG-1', quantity: 3 }]);
    const r = await c.channels.syncOnce(ch2.id);
    expect(r.error).toBeNull();
    expect(r.orders.created).toBe(1);
    // The test shop's order is untouched (not cancelled by the live shop's cancelled o1).
    expect(c.db.prepare('SELECT status FROM sales_orders WHERE id = ?').get(old.id)).toEqual({ status: old.status });
    expect(c.db.prepare('SELECT count(*) AS n FROM sales_orders').get()).toEqual({ n: 2 });
  });
});
