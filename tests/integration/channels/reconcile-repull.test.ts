import { afterEach, describe, expect, it } from 'vitest';
import { REPULL_DAYS } from '../../../src/main/channels/engine';
import { channelCore, connect, MemoryChannel, seedStock, type ChannelTestCore } from './helpers';

/** Channels miss updates: a reconciliation pulls the last days of orders again, whatever the watermark says. */

const open: ChannelTestCore[] = [];
afterEach(() => {
  for (const c of open.splice(0)) c.close();
});

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

async function setup() {
  const fake = new MemoryChannel();
  fake.addListing('L-MUG', { sku: 'MUG-1', title: 'Enamel mug', qty: 10 });
  const c = channelCore({ A: fake });
  open.push(c);
  const s = seedStock(c);
  const ch = await connect(c, 'A');
  // Our clock and the channel's move together.
  const advance = (ms: number) => {
    c.clock.advance(ms);
    fake.now = new Date(fake.now.getTime() + ms);
  };
  return { c, fake, ch, advance, ...s };
}

describe('reconciliation re-pulls recent orders', () => {
  it('imports an order the watermark skipped (updatedAt older than watermark − overlap), once', async () => {
    const { c, fake, ch, advance, mug } = await setup();
    advance(DAY);
    fake.sell([{ ref: 'L-MUG', sku: 'MUG-1', quantity: 1 }]);
    advance(2 * HOUR);
    fake.sell([{ ref: 'L-MUG', sku: 'MUG-1', quantity: 1 }]);
    await c.channels.syncOnce(ch.id);
    const wm = c.ok('channels.get', { id: ch.id }).orderWatermark!;
    expect(wm).toBe(fake.orders[1].updatedAt);

    // The channel's index lagged: an order modified an hour before the watermark shows up only now.
    const missed = fake.sell([{ ref: 'L-MUG', sku: 'MUG-1', quantity: 2 }], { updatedAt: new Date(Date.parse(wm) - HOUR).toISOString() });
    const sync = await c.channels.syncOnce(ch.id);
    expect(sync.orders.created).toBe(0);
    expect(c.db.prepare('SELECT count(*) AS n FROM sales_orders').get()).toEqual({ n: 2 });

    const r = await c.channels.reconcile(ch.id);
    expect(r.error).toBeNull();
    expect(r.orders).toMatchObject({ created: 1, skipped: 2 });
    expect(fake.pulls.at(-1)).toBe(new Date(c.clock.now().getTime() - REPULL_DAYS * DAY).toISOString());
    const row = c.db.prepare('SELECT status FROM sales_orders WHERE external_id = ?').get(missed.externalId) as { status: string };
    expect(row.status).toBe('allocated');
    expect(c.ok('stock.reservations', { itemId: mug.id }).reduce((n, x) => n + x.remaining, 0)).toBe(4);
    // The channel sold those units itself (6 left): no drift once the missed order is counted.
    expect(r.drift).toEqual([]);
    // The watermark did not move back.
    expect(c.ok('channels.get', { id: ch.id }).orderWatermark).toBe(wm);

    // Idempotent: reconciling again imports nothing.
    const again = await c.channels.reconcile(ch.id);
    expect(again.orders).toMatchObject({ created: 0, skipped: 3 });
    expect(c.db.prepare('SELECT count(*) AS n FROM sales_orders').get()).toEqual({ n: 3 });
  });

  it('goes back no further than the re-pull window when the watermark is recent, and to the watermark when it is older', async () => {
    const { c, fake, ch, advance } = await setup();
    fake.sell([{ ref: 'L-MUG', sku: 'MUG-1', quantity: 1 }]);
    await c.channels.syncOnce(ch.id);
    const wm = c.ok('channels.get', { id: ch.id }).orderWatermark!;
    // Ten days later (the channel was switched off): a normal pull would start at the watermark − overlap.
    advance(10 * DAY);
    await c.channels.reconcile(ch.id);
    expect(fake.pulls.at(-1)).toBe(new Date(Date.parse(wm) - 600_000).toISOString());
    // Now the watermark is recent: the last REPULL_DAYS days.
    fake.sell([{ ref: 'L-MUG', sku: 'MUG-1', quantity: 1 }]);
    await c.channels.syncOnce(ch.id);
    await c.channels.reconcile(ch.id);
    expect(fake.pulls.at(-1)).toBe(new Date(c.clock.now().getTime() - REPULL_DAYS * DAY).toISOString());
  });
});
