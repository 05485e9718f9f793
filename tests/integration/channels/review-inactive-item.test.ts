import { afterEach, describe, expect, it } from 'vitest';
import { channelCore, connect, MemoryChannel, seedStock, type ChannelTestCore } from './helpers';

const open: ChannelTestCore[] = [];
afterEach(() => {
  for (const c of open.splice(0)) c.close();
});

/**
 * An inactive item cannot be allocated (orders/allocate.ts: "is inactive: it cannot be allocated"), so a channel must
 * not go on selling it: deactivating an item with stock queues its listings and they are pushed 0.
 */
describe('channel sync: inactive items (review)', () => {
  it('pushes 0 for an item that was deactivated, and its stock again once it is active', async () => {
    const fake = new MemoryChannel();
    fake.addListing('L-MUG', { sku: 'MUG-1', title: 'Enamel mug', qty: 10 });
    const c = channelCore({ A: fake });
    open.push(c);
    const { mug } = seedStock(c);
    const ch = await connect(c, 'A');
    expect((await c.channels.syncOnce(ch.id)).error).toBeNull();
    expect(fake.stock.get('L-MUG')).toBe(10);

    c.ok('catalog.update', { id: mug.id, patch: { active: false } });
    const dirty = c.db.prepare('SELECT dirty FROM channel_outbox').get() as { dirty: number };
    expect(dirty.dirty).toBe(1);
    const r = await c.channels.syncOnce(ch.id);
    expect(r.error).toBeNull();
    expect(r.push.pushed).toBe(1);
    expect(fake.stock.get('L-MUG')).toBe(0);
    expect(c.ok('channels.listings', { channelId: ch.id }).rows[0].desiredQty).toBe(0);
    // The feed of a file channel and a reconciliation use the same quantity.
    expect((await c.channels.reconcile(ch.id)).drift).toEqual([]);

    c.ok('catalog.update', { id: mug.id, patch: { active: true } });
    await c.channels.syncOnce(ch.id);
    expect(fake.stock.get('L-MUG')).toBe(10);
  });

  it('pushes 0 for a listing mapped by hand to an inactive item', async () => {
    const fake = new MemoryChannel();
    fake.addListing('L-X', { sku: 'OTHER', title: 'Something', qty: 3 });
    const c = channelCore({ A: fake });
    open.push(c);
    const { mug } = seedStock(c);
    const ch = await connect(c, 'A');
    c.ok('catalog.update', { id: mug.id, patch: { active: false } });
    const l = c.ok('channels.listings', { channelId: ch.id }).rows[0];
    c.ok('channels.mapListing', { listingId: l.id, itemId: mug.id });
    await c.channels.syncOnce(ch.id);
    expect(fake.stock.get('L-X')).toBe(0);
  });
});
