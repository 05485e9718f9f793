import { afterEach, describe, expect, it } from 'vitest';
import { ChannelError } from '../../../src/main/channels/connector';
import { channelCore, connect, MemoryChannel, seedStock, type ChannelTestCore } from './helpers';

const open: ChannelTestCore[] = [];
afterEach(() => {
  for (const c of open.splice(0)) c.close();
});

const tick = () => new Promise((r) => setTimeout(r, 5));

/** A shop with two mapped listings (MUG-1 and CUP-1) and one it sells that we do not map. */
async function shop(caps: ConstructorParameters<typeof MemoryChannel>[0] = {}) {
  const fake = new MemoryChannel(caps);
  fake.addListing('L-MUG', { sku: 'MUG-1', qty: 10 });
  fake.addListing('L-CUP', { sku: 'CUP-1', qty: 4 });
  fake.addListing('L-OTHER', { sku: 'NOT-OURS', qty: 7 });
  const c = channelCore({ A: fake });
  open.push(c);
  const s = seedStock(c);
  const ch = await connect(c, 'A');
  expect((await c.channels.syncOnce(ch.id)).error).toBeNull();
  expect(fake.stock.get('L-CUP')).toBe(0); // no CUP-1 in stock here
  return { c, fake, ch, ...s };
}

const exists = (c: ChannelTestCore, id: number) => c.call('channels.get', { id }).ok;
async function settled(c: ChannelTestCore, id: number) {
  for (let i = 0; i < 200 && c.channels.isBusy(id); i++) await tick();
  expect(c.channels.isBusy(id)).toBe(false);
}

/**
 * Removing a channel left the shop showing its last pushed quantities with nothing importing its orders. With
 * zeroFirst, every mapped listing is set to 0 on the shop first, and the channel goes only once that worked.
 */
describe('channels.remove with zeroFirst (review)', () => {
  it('sets every mapped listing to 0 on the shop, then removes the channel', async () => {
    const { c, fake, ch } = await shop();
    const res = c.ok('channels.remove', { id: ch.id, zeroFirst: true });
    expect(res).toEqual({ removed: false, started: true });
    await settled(c, ch.id);
    expect(fake.stock.get('L-MUG')).toBe(0);
    expect(fake.stock.get('L-CUP')).toBe(0);
    expect(fake.stock.get('L-OTHER')).toBe(7); // not ours: untouched
    expect(exists(c, ch.id)).toBe(false);
    expect(c.db.prepare('SELECT count(*) AS n FROM channel_listings WHERE channel_id = ?').get(ch.id)).toEqual({ n: 0 });
  });

  it('a push that fails removes nothing, shows the error on the channel and queues the real quantities again', async () => {
    const { c, fake, ch } = await shop();
    fake.failures.push({ method: 'pushStock', error: new ChannelError('unavailable', 'HTTP 503 from the shop') });
    c.ok('channels.remove', { id: ch.id, zeroFirst: true });
    await settled(c, ch.id);
    expect(exists(c, ch.id)).toBe(true);
    expect(fake.stock.get('L-MUG')).toBe(10);
    const s = c.ok('channels.get', { id: ch.id });
    expect(s.lastError).toMatchObject({ kind: 'unavailable', message: expect.stringMatching(/^Not removed: setting its listings to 0 failed\. HTTP 503 from the shop/) });
    expect(s.counts.listings).toBe(3);

    // A listing the shop refuses: the others may be at 0, but the channel stays and goes back to real quantities.
    fake.rejects.set('L-CUP', 'Inventory item not stocked at location');
    c.ok('channels.remove', { id: ch.id, zeroFirst: true });
    await settled(c, ch.id);
    expect(exists(c, ch.id)).toBe(true);
    expect(c.ok('channels.get', { id: ch.id }).lastError?.message).toMatch(/L-CUP was not set to 0: Inventory item not stocked/);
    expect(fake.stock.get('L-MUG')).toBe(0);
    fake.rejects.clear();
    expect((await c.channels.syncOnce(ch.id)).error).toBeNull();
    expect(fake.stock.get('L-MUG')).toBe(10); // restored after a pull
  });

  it('compare-and-set: a quantity that moved on the shop fails the removal; the retry uses what the shop said', async () => {
    const { c, fake, ch } = await shop({ caps: { compareAndSet: true } });
    fake.stock.set('L-MUG', 9); // sold there, not imported yet
    c.ok('channels.remove', { id: ch.id, zeroFirst: true });
    await settled(c, ch.id);
    expect(exists(c, ch.id)).toBe(true);
    expect(fake.stock.get('L-MUG')).toBe(9);
    c.ok('channels.remove', { id: ch.id, zeroFirst: true });
    await settled(c, ch.id);
    expect(exists(c, ch.id)).toBe(false);
    expect(fake.stock.get('L-MUG')).toBe(0);
  });

  it('without zeroFirst (or with nothing mapped) it removes at once and pushes nothing', async () => {
    const { c, fake, ch } = await shop();
    const pushes = fake.pushes.length;
    expect(c.ok('channels.remove', { id: ch.id })).toEqual({ removed: true, started: false });
    expect(exists(c, ch.id)).toBe(false);
    expect(fake.pushes.length).toBe(pushes);
    expect(fake.stock.get('L-MUG')).toBe(10);
    const empty = c.ok('channels.create', { kind: 'shopify', name: 'Empty', config: { fake: 'A' } });
    expect(c.ok('channels.remove', { id: empty.id, zeroFirst: true })).toEqual({ removed: true, started: false });
    expect(exists(c, empty.id)).toBe(false);
  });
});
