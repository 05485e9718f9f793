import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { ChannelError } from '../../../src/main/channels/connector';
import { channelCore, connect, MemoryChannel, SECRET, seedStock, type ChannelTestCore } from './helpers';

const open: ChannelTestCore[] = [];
const core = (fakes: Record<string, MemoryChannel>, opts: Parameters<typeof channelCore>[1] = {}) => {
  const c = channelCore(fakes, opts);
  open.push(c);
  return c;
};
afterEach(() => {
  for (const c of open.splice(0)) {
    try {
      c.close();
    } catch {
      /* closed by the test */
    }
  }
});

const outbox = (c: ChannelTestCore) =>
  c.db.prepare('SELECT listing_id, dirty, dirty_seq, state, desired_qty, expected_qty, idempotency_key, attempts FROM channel_outbox ORDER BY listing_id').all() as {
    listing_id: number;
    dirty: number;
    dirty_seq: number;
    state: string;
    desired_qty: number | null;
    expected_qty: number | null;
    idempotency_key: string | null;
    attempts: number;
  }[];

/** One fake shop listing MUG-1 (10 on the channel, as in the ledger), connected and mapped. */
async function basic(caps: ConstructorParameters<typeof MemoryChannel>[0] = {}) {
  const fake = new MemoryChannel(caps);
  fake.addListing('L-MUG', { sku: 'MUG-1', title: 'Enamel mug', qty: 10 });
  const c = core({ A: fake });
  const s = seedStock(c);
  const ch = await connect(c, 'A');
  return { c, fake, ch, ...s };
}

describe('channel sync: outbox', () => {
  it('is written by every ledger change in its own transaction, and not by one that is refused or rolled back', async () => {
    const { c, fake, ch, mug, a1 } = await basic();
    const first = await c.channels.syncOnce(ch.id);
    expect(first.error).toBeNull();
    // 10 in the ledger, 10 on the channel: nothing to push (diff-only).
    expect(fake.pushes).toEqual([]);
    expect(outbox(c)[0]).toMatchObject({ dirty: 0, state: 'idle' });

    // Refused: more than on hand. Nothing changes, so no outbox mark either.
    expect(c.call('stock.adjust', { itemId: mug.id, locationId: a1.id, quantity: -50, reason: 'damage' }).ok).toBe(false);
    expect(outbox(c)[0].dirty).toBe(0);
    // A transaction that writes a movement and then fails leaves no mark.
    expect(() =>
      c.env.sql.tx(() => {
        expect(c.call('stock.receive', { itemId: mug.id, locationId: a1.id, quantity: 5 }).ok).toBe(true);
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(outbox(c)[0].dirty).toBe(0);
    expect(c.ok('stock.balances', { itemId: mug.id })[0].onHand).toBe(10);

    // Accepted: the mark is there as soon as the ledger committed.
    c.ok('stock.adjust', { itemId: mug.id, locationId: a1.id, quantity: -3, reason: 'damage' });
    expect(outbox(c)[0].dirty).toBe(1);
    const r = await c.channels.syncOnce(ch.id);
    expect(r.push.pushed).toBe(1);
    expect(fake.stock.get('L-MUG')).toBe(7);
    expect(outbox(c)[0]).toMatchObject({ dirty: 0, state: 'idle' });
  });

  it('coalesces changes per listing (latest wins) and keeps the idempotency key only while the quantity is the same', async () => {
    const { c, fake, ch, mug, a1 } = await basic({ caps: { idempotencyKeys: true } });
    await c.channels.syncOnce(ch.id);
    c.ok('stock.adjust', { itemId: mug.id, locationId: a1.id, quantity: -1, reason: 'damage' });
    c.ok('stock.adjust', { itemId: mug.id, locationId: a1.id, quantity: -1, reason: 'damage' });
    c.ok('stock.adjust', { itemId: mug.id, locationId: a1.id, quantity: -2, reason: 'damage' });
    expect(outbox(c)).toHaveLength(1);
    fake.failures.push({ method: 'pushStock', error: new ChannelError('unavailable', 'connection reset') });
    const failed = await c.channels.syncOnce(ch.id);
    expect(failed.error?.kind).toBe('unavailable');
    const row = outbox(c)[0];
    expect(row).toMatchObject({ state: 'queued', desired_qty: 6, attempts: 1 });
    const key = row.idempotency_key;
    expect(key).toMatch(/^[0-9a-f-]{36}$/);
    // Retry of the same quantity: same key.
    await c.channels.syncOnce(ch.id);
    expect(fake.pushes).toHaveLength(1);
    expect(fake.pushes[0]).toEqual([{ ref: 'L-MUG', quantity: 6, expected: 10, idempotencyKey: key }]);
    expect(fake.stock.get('L-MUG')).toBe(6);
    // A new quantity: a new key.
    c.ok('stock.adjust', { itemId: mug.id, locationId: a1.id, quantity: -1, reason: 'damage' });
    await c.channels.syncOnce(ch.id);
    expect(fake.pushes).toHaveLength(2);
    expect(fake.pushes[1][0].quantity).toBe(5);
    expect(fake.pushes[1][0].idempotencyKey).not.toBe(key);
  });

  it('pushes only what changed, in batches of the channel’s maximum', async () => {
    const fake = new MemoryChannel({ caps: { maxBatch: 2 } });
    const c = core({ A: fake });
    const { a1 } = seedStock(c);
    const items = [1, 2, 3, 4, 5].map((n) => c.ok('catalog.create', { sku: `SKU-${n}`, name: `Thing ${n}` }));
    for (const it of items) {
      c.ok('stock.receive', { itemId: it.id, locationId: a1.id, quantity: 4 });
      fake.addListing(`L-${it.sku}`, { sku: it.sku, qty: 4 });
    }
    const ch = await connect(c, 'A');
    await c.channels.syncOnce(ch.id);
    expect(fake.pushes).toEqual([]);
    for (const it of items) c.ok('stock.adjust', { itemId: it.id, locationId: a1.id, quantity: -1, reason: 'damage' });
    const r = await c.channels.syncOnce(ch.id);
    expect(r.push.pushed).toBe(5);
    expect(fake.pushes.map((p) => p.length)).toEqual([2, 2, 1]);
    expect([...fake.stock.values()]).toEqual([3, 3, 3, 3, 3]);
    // Only what changed: one more change pushes one listing.
    c.ok('stock.adjust', { itemId: items[2].id, locationId: a1.id, quantity: -1, reason: 'damage' });
    await c.channels.syncOnce(ch.id);
    expect(fake.pushes.at(-1)).toEqual([expect.objectContaining({ ref: 'L-SKU-3', quantity: 2 })]);
  });

  it('rule, mapping and location changes re-queue the listings', async () => {
    const { c, fake, ch } = await basic();
    await c.channels.syncOnce(ch.id);
    c.ok('channels.update', { id: ch.id, rules: { sharePct: 50 } });
    expect(outbox(c)[0].dirty).toBe(1);
    await c.channels.syncOnce(ch.id);
    expect(fake.stock.get('L-MUG')).toBe(5);
    c.ok('channels.update', { id: ch.id, rules: { sharePct: 100, maxQty: 3, floorQty: 3 } });
    await c.channels.syncOnce(ch.id);
    expect(fake.stock.get('L-MUG')).toBe(0);
    const listing = c.ok('channels.listings', { channelId: ch.id }).rows[0];
    expect(listing).toMatchObject({ itemSku: 'MUG-1', mappedBy: 'sku', desiredQty: 0, lastPushedQty: 0 });
  });

  it('keeps back units for the own webshop on the other channels', async () => {
    const a = new MemoryChannel();
    const b = new MemoryChannel();
    a.addListing('A-MUG', { sku: 'MUG-1', qty: 10 });
    b.addListing('B-MUG', { sku: 'MUG-1', qty: 10 });
    const c = core({ A: a, B: b });
    seedStock(c);
    const own = await connect(c, 'A', { isOwnWebshop: true, rules: { keepBack: 4 } });
    const other = await connect(c, 'B', { rules: { keepBack: 4 } });
    await c.channels.syncOnce(own.id);
    await c.channels.syncOnce(other.id);
    expect(a.stock.get('A-MUG')).toBe(10);
    expect(b.stock.get('B-MUG')).toBe(6);
  });
});

describe('channel sync: never raise a quantity the channel may have sold', () => {
  it('sends decreases at once and holds an increase until a complete order pull started after it', async () => {
    const { c, fake, ch, mug, a1 } = await basic();
    await c.channels.syncOnce(ch.id);
    c.ok('stock.receive', { itemId: mug.id, locationId: a1.id, quantity: 5 });
    const pushOnly = await c.channels.syncOnce(ch.id, { pull: false });
    expect(pushOnly.push.held).toBe(1);
    expect(fake.pushes).toEqual([]);
    expect(outbox(c)[0].state).toBe('held');
    expect(c.ok('channels.get', { id: ch.id }).counts.held).toBe(1);

    // A pull that fails half way is not complete: still held.
    fake.pageSize = 1;
    fake.sell([{ ref: 'L-OTHER', sku: 'CUP-1', quantity: 1 }]);
    fake.sell([{ ref: 'L-OTHER', sku: 'CUP-1', quantity: 1 }]);
    fake.failAfterPage = { page: 1, error: new ChannelError('unavailable', 'timeout after page 1') };
    const failed = await c.channels.syncOnce(ch.id);
    expect(failed.error?.kind).toBe('unavailable');
    expect(failed.orders.seen).toBe(1);
    expect(fake.pushes).toEqual([]);
    expect(c.ok('channels.get', { id: ch.id }).orderWatermark).toBeNull();

    const ok = await c.channels.syncOnce(ch.id);
    expect(ok.error).toBeNull();
    expect(ok.push.pushed).toBe(1);
    expect(fake.stock.get('L-MUG')).toBe(15);

    // A decrease needs no pull.
    c.ok('stock.adjust', { itemId: mug.id, locationId: a1.id, quantity: -4, reason: 'damage' });
    await c.channels.syncOnce(ch.id, { pull: false });
    expect(fake.stock.get('L-MUG')).toBe(11);
  });

  it('a stale compare-and-set records what the channel has and pushes again only after a new pull', async () => {
    const { c, fake, ch, mug, a1 } = await basic({ caps: { compareAndSet: true } });
    await c.channels.syncOnce(ch.id);
    fake.stock.set('L-MUG', 6); // changed on the channel without an order we know of
    c.ok('stock.adjust', { itemId: mug.id, locationId: a1.id, quantity: -2, reason: 'damage' });
    const r = await c.channels.syncOnce(ch.id, { pull: false });
    expect(r.push.stale).toBe(1);
    expect(fake.stock.get('L-MUG')).toBe(6);
    const l = c.ok('channels.listings', { channelId: ch.id }).rows[0];
    expect(l.lastRemoteQty).toBe(6);
    // 8 > 6 now counts as an increase: it waits for a pull.
    const again = await c.channels.syncOnce(ch.id, { pull: false });
    expect(again.push.held).toBe(1);
    const full = await c.channels.syncOnce(ch.id);
    expect(full.push.pushed).toBe(1);
    expect(fake.pushes.at(-1)).toEqual([expect.objectContaining({ ref: 'L-MUG', quantity: 8, expected: 6 })]);
    expect(fake.stock.get('L-MUG')).toBe(8);
  });

  it('records a listing the channel refuses with the channel’s own message', async () => {
    const { c, fake, ch, mug, a1 } = await basic();
    fake.rejects.set('L-MUG', 'Inventory item is not stocked at location Main');
    c.ok('stock.adjust', { itemId: mug.id, locationId: a1.id, quantity: -1, reason: 'damage' });
    const r = await c.channels.syncOnce(ch.id);
    expect(r.push.rejected).toBe(1);
    const row = c.ok('channels.outbox', { channelId: ch.id })[0];
    expect(row).toMatchObject({ state: 'rejected', lastError: 'Inventory item is not stocked at location Main' });
    expect(c.ok('channels.get', { id: ch.id }).counts.rejected).toBe(1);
  });
});

describe('channel sync: orders', () => {
  it('imports an order once, reserves its stock and pushes the new quantity; a re-pull adds nothing', async () => {
    const { c, fake, ch, mug } = await basic();
    fake.sell([{ ref: 'L-MUG', sku: 'MUG-1', quantity: 2, unitPriceMinor: 600 }]);
    const r = await c.channels.syncOnce(ch.id);
    expect(r.orders).toMatchObject({ seen: 1, created: 1 });
    const list = c.db.prepare("SELECT id, channel, external_id, status FROM sales_orders WHERE channel LIKE 'shopify:%'").all() as { id: number; status: string; external_id: string }[];
    expect(list).toEqual([expect.objectContaining({ external_id: 'o1', status: 'allocated' })]);
    expect(c.ok('stock.reservations', { itemId: mug.id }).reduce((s, x) => s + x.remaining, 0)).toBe(2);
    expect(fake.stock.get('L-MUG')).toBe(8);

    const again = await c.channels.syncOnce(ch.id);
    expect(again.orders).toMatchObject({ seen: 1, created: 0, skipped: 1 });
    expect(c.db.prepare('SELECT count(*) AS n FROM sales_orders').get()).toEqual({ n: 1 });
    expect(c.db.prepare('SELECT count(*) AS n FROM sales_order_lines').get()).toEqual({ n: 1 });
    // pulled from the watermark minus the 10-minute overlap
    const wm = c.ok('channels.get', { id: ch.id }).orderWatermark!;
    expect(wm).toBe(fake.orders[0].updatedAt);
    expect(fake.pulls.at(-1)).toBe(new Date(Date.parse(wm) - 600_000).toISOString());
  });

  it('surfaces a line that matches no item and puts its order on hold', async () => {
    const { c, fake, ch, mug } = await basic();
    fake.sell([
      { ref: 'L-MUG', sku: 'MUG-1', quantity: 1 },
      { ref: 'L-GHOST', sku: 'GHOST-9', quantity: 2, title: 'Ghost lamp' },
    ]);
    await c.channels.syncOnce(ch.id);
    const o = c.db.prepare('SELECT id, status, hold_reason FROM sales_orders').get() as { id: number; status: string; hold_reason: string };
    expect(o.status).toBe('on_hold');
    expect(o.hold_reason).toMatch(/^Unmapped: 1 line of #1001 match no item \(SKU GHOST-9\)/);
    const lines = c.ok('channels.unmappedLines', { channelId: ch.id });
    expect(lines).toEqual([expect.objectContaining({ externalOrderId: 'o1', sku: 'GHOST-9', title: 'Ghost lamp', quantity: 2, orderId: o.id })]);
    // The mapped line still holds its unit.
    expect(c.ok('stock.reservations', { itemId: mug.id }).reduce((s, x) => s + x.remaining, 0)).toBe(1);
    const s = c.ok('channels.get', { id: ch.id });
    expect(s.counts.unmappedLines).toBe(1);
    expect(s.alerts.join(' ')).toMatch(/matched no item/);
  });

  it('oversell: two channels sell the last units at once; one order is flagged, both channels end at 0', async () => {
    const a = new MemoryChannel();
    const b = new MemoryChannel();
    a.addListing('A-MUG', { sku: 'MUG-1', qty: 10 });
    b.addListing('B-MUG', { sku: 'MUG-1', qty: 10 });
    const c = core({ A: a, B: b });
    const { mug } = seedStock(c);
    const chA = await connect(c, 'A');
    const chB = await connect(c, 'B');
    a.sell([{ ref: 'A-MUG', sku: 'MUG-1', quantity: 10 }]);
    b.sell([{ ref: 'B-MUG', sku: 'MUG-1', quantity: 1 }]);
    await c.channels.syncOnce(chA.id);
    await c.channels.syncOnce(chB.id);
    const rows = c.db.prepare('SELECT channel, status, hold_reason FROM sales_orders ORDER BY id').all() as { channel: string; status: string; hold_reason: string | null }[];
    expect(rows[0]).toMatchObject({ channel: `shopify:${chA.id}`, status: 'allocated' });
    expect(rows[1]).toMatchObject({ channel: `shopify:${chB.id}`, status: 'on_hold', hold_reason: 'Oversold: short by 1 of SKU MUG-1' });
    const bal = c.ok('stock.balances', { itemId: mug.id });
    expect(bal.reduce((s, x) => s + x.reserved, 0)).toBe(10);
    expect(bal.reduce((s, x) => s + x.onHand, 0)).toBe(10);
    const sB = c.ok('channels.get', { id: chB.id });
    expect(sB.counts.oversold).toBe(1);
    expect(sB.alerts[0]).toMatch(/Oversold: short by 1 of SKU MUG-1/);
    await c.channels.syncOnce(chA.id);
    expect(a.stock.get('A-MUG')).toBe(0);
    expect(b.stock.get('B-MUG')).toBe(0);
  });

  it('a cancellation on the channel cancels our order and releases its stock', async () => {
    const { c, fake, ch, mug } = await basic();
    const sale = fake.sell([{ ref: 'L-MUG', sku: 'MUG-1', quantity: 3 }]);
    await c.channels.syncOnce(ch.id);
    expect(fake.stock.get('L-MUG')).toBe(7);
    fake.cancel(sale.externalId);
    const r = await c.channels.syncOnce(ch.id);
    expect(r.orders.cancelled).toBe(1);
    expect((c.db.prepare('SELECT status FROM sales_orders').get() as { status: string }).status).toBe('cancelled');
    expect(c.ok('stock.reservations', { itemId: mug.id })).toEqual([]);
    // The release raised the quantity during this pull: it goes with the next cycle's pull.
    expect(fake.stock.get('L-MUG')).toBe(7);
    await c.channels.syncOnce(ch.id);
    expect(fake.stock.get('L-MUG')).toBe(10);
  });

  it('a malformed answer is a clear error and changes nothing in the ledger', async () => {
    const { c, fake, ch } = await basic();
    const before = c.db.prepare('SELECT (SELECT count(*) FROM movements) AS m, (SELECT count(*) FROM reservations) AS r, (SELECT count(*) FROM sales_orders) AS o').get();
    fake.sell([{ ref: 'L-MUG', sku: 'MUG-1', quantity: 1 }]);
    fake.malformedPage = { orders: [{ ...fake.orders[0] }, { ...fake.orders[0], externalId: 'o2', updatedAt: 'yesterday' }], serverTime: null };
    const r = await c.channels.syncOnce(ch.id);
    expect(r.error).toEqual({ kind: 'malformed', message: expect.stringMatching(/malformed: updatedAt "yesterday" is not a time/) });
    expect(c.db.prepare('SELECT (SELECT count(*) FROM movements) AS m, (SELECT count(*) FROM reservations) AS r, (SELECT count(*) FROM sales_orders) AS o').get()).toEqual(before);
    const s = c.ok('channels.get', { id: ch.id });
    expect(s.lastError).toMatchObject({ kind: 'malformed' });
    expect(s.orderWatermark).toBeNull();
  });
});

describe('channel sync: faults', () => {
  it('persists the backoff: Retry-After honoured, offline after repeated unavailability, auth needs a person', async () => {
    const { c, fake, ch, mug, a1, dir } = await (async () => {
      const b = await basic();
      return { ...b, dir: b.c.dir };
    })();
    c.ok('stock.adjust', { itemId: mug.id, locationId: a1.id, quantity: -1, reason: 'damage' });
    fake.failures.push({ method: 'pushStock', error: new ChannelError('throttled', 'Throttled', { retryAfterMs: 30_000, status: 429 }) });
    await c.channels.syncOnce(ch.id);
    const t0 = c.clock.now().getTime();
    let s = c.ok('channels.get', { id: ch.id });
    expect(s.state).toBe('backoff');
    expect(s.nextAttemptAt).toBe(new Date(t0 + 30_000).toISOString());
    expect(s.lastError).toMatchObject({ kind: 'throttled', message: 'Throttled' });
    c.close();

    // Persisted across a restart.
    const c2 = core({ A: fake }, { dir, clock: c.clock });
    s = c2.ok('channels.get', { id: ch.id });
    expect(s.nextAttemptAt).toBe(new Date(t0 + 30_000).toISOString());
    for (let i = 0; i < 3; i++) fake.failures.push({ method: 'pullOrders', error: new ChannelError('unavailable', 'ECONNREFUSED') });
    for (let i = 0; i < 3; i++) await c2.channels.syncOnce(ch.id);
    s = c2.ok('channels.get', { id: ch.id });
    expect(s.state).toBe('offline');
    expect(s.consecutiveFailures).toBe(4);
    const wait = Date.parse(s.nextAttemptAt!) - t0;
    expect(wait).toBeGreaterThanOrEqual(0);
    expect(wait).toBeLessThanOrEqual(16_000); // full jitter up to 2 s × 2^(4−1)

    fake.failures.push({ method: 'pullOrders', error: new ChannelError('auth', 'Invalid API key or access token', { status: 401 }) });
    await c2.channels.syncOnce(ch.id);
    s = c2.ok('channels.get', { id: ch.id });
    expect(s.state).toBe('error');
    expect(s.nextAttemptAt).toBeNull();

    // A good cycle clears it all.
    await c2.channels.syncOnce(ch.id);
    s = c2.ok('channels.get', { id: ch.id });
    expect(s).toMatchObject({ state: 'ok', lastError: null, consecutiveFailures: 0, nextAttemptAt: null });
    expect(fake.stock.get('L-MUG')).toBe(9);
  });

  for (const keyed of [true, false]) {
    it(`resumes a push interrupted by a crash with nothing lost or pushed twice (${keyed ? 'idempotency keys' : 'no keys: read first'})`, async () => {
      const { c, fake, ch, mug, a1 } = await basic({ caps: { idempotencyKeys: keyed } });
      await c.channels.syncOnce(ch.id);
      c.ok('stock.adjust', { itemId: mug.id, locationId: a1.id, quantity: -2, reason: 'damage' });
      fake.gate = new Promise(() => {}); // the channel applies the push, the answer never comes back
      void c.channels.syncOnce(ch.id);
      for (let i = 0; i < 200 && fake.pushes.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
      expect(fake.pushes).toHaveLength(1);
      const row = outbox(c)[0];
      expect(row).toMatchObject({ state: 'in_flight', desired_qty: 8, attempts: 1 });
      c.close(); // crash

      fake.gate = null;
      const c2 = core({ A: fake }, { dir: c.dir, clock: c.clock });
      const r = await c2.channels.syncOnce(ch.id);
      expect(r.error).toBeNull();
      expect(r.push.resumed).toBe(1);
      expect(fake.applied).toEqual([{ ref: 'L-MUG', quantity: 8 }]);
      if (keyed) {
        expect(fake.pushes).toHaveLength(2);
        expect(fake.pushes[1][0].idempotencyKey).toBe(row.idempotency_key);
      } else {
        expect(fake.pushes).toHaveLength(1);
        expect(fake.reads.at(-1)).toEqual(['L-MUG']);
      }
      expect(outbox(c2)[0]).toMatchObject({ state: 'idle', dirty: 0 });
      expect(c2.ok('channels.listings', { channelId: ch.id }).rows[0]).toMatchObject({ lastPushedQty: 8, lastRemoteQty: 8 });
    });
  }

  it('reconciliation reports drift per listing and re-queues it', async () => {
    const { c, fake, ch } = await basic();
    await c.channels.syncOnce(ch.id);
    fake.stock.set('L-MUG', 3);
    const r = await c.channels.reconcile(ch.id);
    expect(r.drift).toEqual([{ listingId: expect.any(Number), ref: 'L-MUG', remote: 3, expected: 10 }]);
    const s = c.ok('channels.get', { id: ch.id });
    expect(s.counts.drift).toBe(1);
    expect(s.lastReconcileAt).not.toBeNull();
    expect(c.ok('channels.listings', { channelId: ch.id, filter: 'drift' }).rows[0].driftQty).toBe(-7);
    await c.channels.syncOnce(ch.id);
    expect(fake.stock.get('L-MUG')).toBe(10);
  });

  it('the scheduler pushes a ledger change soon after it, without waiting for the poll', async () => {
    const { c, fake, ch, mug, a1 } = await basic();
    await c.channels.syncOnce(ch.id);
    c.channels.scheduler.start();
    c.ok('stock.adjust', { itemId: mug.id, locationId: a1.id, quantity: -1, reason: 'damage' });
    for (let i = 0; i < 100 && fake.stock.get('L-MUG') !== 9; i++) await new Promise((r) => setTimeout(r, 20));
    expect(fake.stock.get('L-MUG')).toBe(9);
    c.channels.scheduler.stop();
  });
});

describe('channel credentials', () => {
  it('are never in any channels.* answer, log line or the database file', async () => {
    const { c, fake, ch, mug, a1 } = await basic();
    fake.sell([{ ref: 'L-GHOST', sku: 'GHOST', quantity: 1 }]);
    await c.channels.syncOnce(ch.id);
    fake.failures.push({ method: 'pullOrders', error: new ChannelError('auth', `Token ${SECRET} was refused`, { status: 401, channelMessage: `[API] Invalid token ${SECRET}` }) });
    await c.channels.syncOnce(ch.id);
    c.ok('stock.adjust', { itemId: mug.id, locationId: a1.id, quantity: -1, reason: 'damage' });
    const outputs: unknown[] = [
      c.ok('channels.list', {}),
      c.ok('channels.get', { id: ch.id }),
      c.ok('channels.update', { id: ch.id, name: 'Renamed shop' }),
      c.ok('channels.listings', { channelId: ch.id }),
      c.ok('channels.outbox', { channelId: ch.id, all: true }),
      c.ok('channels.unmappedLines', { channelId: ch.id }),
      c.ok('channels.locations', { channelId: ch.id }),
      c.ok('channels.create', { kind: 'woocommerce', name: 'Woo', config: { fake: 'A', baseUrl: 'https://woo.example' }, credentials: { consumerKey: `ck_${SECRET}`, consumerSecret: `cs_${SECRET}` } }),
    ];
    const s = c.ok('channels.get', { id: ch.id });
    expect(s.hasCredentials).toBe(true);
    expect(s.credentialsHint).toBe('accessToken shpa…');
    expect(s.lastError?.message).toMatch(/\[redacted\]/);
    for (const o of outputs) expect(JSON.stringify(o)).not.toContain('TOPSECRET');
    expect(c.logs.length).toBeGreaterThan(0);
    for (const l of c.logs) expect(l).not.toContain('TOPSECRET');
    // The connector did get the real secret (decrypted from the database).
    expect(c.seenCredentials[0]).toEqual({ accessToken: SECRET });
    c.close();
    expect(fs.readFileSync(c.file).includes(Buffer.from('TOPSECRET'))).toBe(false);
    const wal = `${c.file}-wal`;
    if (fs.existsSync(wal)) expect(fs.readFileSync(wal).includes(Buffer.from('TOPSECRET'))).toBe(false);
  });

  it('refuses a secret-looking config key and unknown ids with specific errors', async () => {
    const { c, ch } = await basic();
    const r = c.call('channels.create', { kind: 'shopify', name: 'X', config: { accessToken: 'abc' } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'VALIDATION', fields: { 'config.accessToken': 'Put secrets in credentials' } });
    const dup = c.call('channels.create', { kind: 'shopify', name: 'shop a', config: {} });
    expect(dup.ok ? null : dup.error.code).toBe('DUPLICATE');
    const missing = c.call('channels.get', { id: 999 });
    expect(missing.ok ? null : missing.error.code).toBe('UNKNOWN_CHANNEL');
    expect(c.call('channels.syncNow', { id: ch.id }).ok).toBe(true);
  });
});
