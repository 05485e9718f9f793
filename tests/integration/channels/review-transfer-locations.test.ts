import { afterEach, describe, expect, it } from 'vitest';
import { channelCore, connect, MemoryChannel, seedStock, type ChannelTestCore } from './helpers';

const open: ChannelTestCore[] = [];
afterEach(() => {
  for (const c of open.splice(0)) c.close();
});

describe('channel sync: a transfer between warehouses mapped to different channel locations (review)', () => {
  it('queues both listings in the transfer’s transaction and pushes the lower and the higher quantity', async () => {
    const fake = new MemoryChannel({ caps: { compareAndSet: true, idempotencyKeys: true } });
    fake.locations.push({ ref: 'loc-1', name: 'Main warehouse' }, { ref: 'loc-2', name: 'Pop-up' });
    fake.addListing('L@1', { sku: 'MUG-1', qty: 10, locationRef: 'loc-1' });
    fake.addListing('L@2', { sku: 'MUG-1', qty: 0, locationRef: 'loc-2' });
    const c = channelCore({ A: fake });
    open.push(c);
    const { wh, mug, a1 } = seedStock(c);
    const pop = c.ok('locations.createWarehouse', { code: 'POP', name: 'Pop-up' });
    const p1 = c.ok('locations.create', { warehouseId: pop.id, kind: 'bin', code: 'P-01' });
    const ch = await connect(c, 'A');
    const locs = c.ok('channels.locations', { channelId: ch.id });
    c.ok('channels.mapLocation', { locationId: locs.find((l) => l.remoteRef === 'loc-1')!.id, warehouseId: wh.id });
    c.ok('channels.mapLocation', { locationId: locs.find((l) => l.remoteRef === 'loc-2')!.id, warehouseId: pop.id });
    await c.channels.syncOnce(ch.id);
    expect([fake.stock.get('L@1'), fake.stock.get('L@2')]).toEqual([10, 0]);

    c.ok('stock.transfer', { itemId: mug.id, fromLocationId: a1.id, toLocationId: p1.id, quantity: 4 });
    expect(c.db.prepare('SELECT count(*) AS n FROM channel_outbox WHERE dirty = 1').get()).toEqual({ n: 2 });
    // A push-only cycle: the decrease goes, the increase waits for an order pull that started after the change.
    const push = await c.channels.syncOnce(ch.id, { pull: false });
    expect(push.push).toMatchObject({ pushed: 1, held: 1 });
    expect([fake.stock.get('L@1'), fake.stock.get('L@2')]).toEqual([6, 0]);
    await c.channels.syncOnce(ch.id);
    expect([fake.stock.get('L@1'), fake.stock.get('L@2')]).toEqual([6, 4]);
  });
});
