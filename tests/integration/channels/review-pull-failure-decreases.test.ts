import { afterEach, describe, expect, it } from 'vitest';
import { ChannelError, type ChannelErrorKind } from '../../../src/main/channels/connector';
import { channelCore, connect, MemoryChannel, seedStock, type ChannelTestCore } from './helpers';

const open: ChannelTestCore[] = [];
afterEach(() => {
  for (const c of open.splice(0)) c.close();
});

/** Shop A (the channel whose order pull fails) and shop B (where the stock sells), both listing MUG-1 at 10. */
async function twoMemoryShops() {
  const a = new MemoryChannel();
  a.addListing('A-MUG', { sku: 'MUG-1', qty: 10 });
  const b = new MemoryChannel();
  b.addListing('B-MUG', { sku: 'MUG-1', qty: 10 });
  const c = channelCore({ A: a, B: b });
  open.push(c);
  const s = seedStock(c);
  const chA = await connect(c, 'A');
  const chB = await connect(c, 'B');
  expect((await c.channels.syncOnce(chA.id)).error).toBeNull();
  expect((await c.channels.syncOnce(chB.id)).error).toBeNull();
  return { c, a, b, chA, chB, ...s };
}

const stateOf = (c: ChannelTestCore, channelId: number) =>
  (c.db.prepare('SELECT state FROM channel_outbox WHERE channel_id = ?').get(channelId) as { state: string }).state;

/**
 * A failed order pull must not stop the decreases of that channel: while one malformed order (or a refused pull)
 * keeps the pull failing, other channels sell the stock, and a channel still showing the old quantity oversells.
 * Lowering a quantity is always safe under "never raise before a pull"; raising it is not.
 */
describe('channel sync: a failed order pull still pushes decreases (review)', () => {
  for (const kind of ['malformed', 'rejected'] as const) {
    it(`pull fails ${kind}: a sale elsewhere reaches this channel, an increase does not; the failure is recorded`, async () => {
      const { c, a, b, chA, chB, mug, a1 } = await twoMemoryShops();
      // A sale on shop B: imported there, 8 left.
      b.sell([{ ref: 'B-MUG', sku: 'MUG-1', quantity: 2 }]);
      expect((await c.channels.syncOnce(chB.id)).error).toBeNull();
      expect(b.stock.get('B-MUG')).toBe(8);

      const pulledAt = c.ok('channels.get', { id: chA.id }).lastPullAt;
      a.failures.push({ method: 'pullOrders', error: new ChannelError(kind, `order o7 is ${kind}`) });
      const r = await c.channels.syncOnce(chA.id);
      expect(r.error?.kind).toBe(kind);
      expect(r.push.pushed).toBe(1);
      expect(a.stock.get('A-MUG')).toBe(8);
      const s = c.ok('channels.get', { id: chA.id });
      expect(s).toMatchObject({ state: 'backoff', consecutiveFailures: 1, lastError: { kind } });
      expect(s.lastPullAt).toBe(pulledAt); // the failed pull completed nothing

      // More stock arrives: an increase, held while the pull keeps failing.
      c.ok('stock.receive', { itemId: mug.id, locationId: a1.id, quantity: 5, unitCostMinor: 250 });
      a.failures.push({ method: 'pullOrders', error: new ChannelError(kind, `order o7 is ${kind}`) });
      const r2 = await c.channels.syncOnce(chA.id);
      expect(r2.error?.kind).toBe(kind);
      expect(r2.push).toMatchObject({ pushed: 0, held: 1 });
      expect(a.stock.get('A-MUG')).toBe(8);
      expect(stateOf(c, chA.id)).toBe('held');
      expect(c.ok('channels.get', { id: chA.id }).consecutiveFailures).toBe(2);

      // The pull works again: the increase goes after it.
      expect((await c.channels.syncOnce(chA.id)).error).toBeNull();
      expect(a.stock.get('A-MUG')).toBe(13);
    });
  }

  it('a malformed order page (not a thrown error) also lets the decrease through', async () => {
    const { c, a, chA, mug, a1 } = await twoMemoryShops();
    c.ok('stock.adjust', { itemId: mug.id, locationId: a1.id, quantity: -3, reason: 'damage' });
    a.malformedPage = { orders: [{ externalId: 'x' }], serverTime: null };
    const r = await c.channels.syncOnce(chA.id);
    expect(r.error?.kind).toBe('malformed');
    expect(a.stock.get('A-MUG')).toBe(7);
  });

  const noPush: ChannelErrorKind[] = ['auth', 'config', 'unavailable', 'throttled'];
  for (const kind of noPush) {
    it(`pull fails ${kind}: nothing is pushed in that cycle (the push would fail too, or must wait)`, async () => {
      const { c, a, chA, mug, a1 } = await twoMemoryShops();
      c.ok('stock.adjust', { itemId: mug.id, locationId: a1.id, quantity: -3, reason: 'damage' });
      const pushes = a.pushes.length;
      a.failures.push({ method: 'pullOrders', error: new ChannelError(kind, 'no') });
      const r = await c.channels.syncOnce(chA.id);
      expect(r.error?.kind).toBe(kind);
      expect(a.pushes.length).toBe(pushes);
      expect(a.stock.get('A-MUG')).toBe(10);
      expect(stateOf(c, chA.id)).not.toBe('in_flight');
    });
  }
});
