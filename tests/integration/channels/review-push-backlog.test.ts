import { afterEach, describe, expect, it } from 'vitest';
import { createChannelEngine, type Timers } from '../../../src/main/channels/engine';
import { createSecretBox } from '../../../src/main/channels/secrets';
import { channelCore, connect, MemoryChannel, seedStock, type ChannelTestCore } from './helpers';

class ManualTimers implements Timers {
  pending = new Map<number, () => void>();
  private next = 1;
  setTimeout(fn: () => void): unknown {
    const id = this.next++;
    this.pending.set(id, fn);
    return id;
  }
  clearTimeout(h: unknown): void {
    this.pending.delete(h as number);
  }
  fireAll(): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const fn of all) fn();
  }
}

const open: ChannelTestCore[] = [];
afterEach(() => {
  for (const c of open.splice(0)) c.close();
});
const tick = () => new Promise((r) => setTimeout(r, 5));

/**
 * On a busy day every ledger change asks for a push soon. While a slow cycle of a channel runs, those requests must
 * not pile up one cycle each (each one an order pull and a push round trip long after the rush): one queued cycle
 * covers every change made before it starts.
 */
describe('channel scheduler: push requests while a cycle runs (review)', () => {
  it('queues at most one more cycle per channel, which then pushes the latest quantity', async () => {
    const fake = new MemoryChannel();
    fake.addListing('L-MUG', { sku: 'MUG-1', qty: 10 });
    const c = channelCore({ A: fake });
    open.push(c);
    const { mug, a1 } = seedStock(c);
    const ch = await connect(c, 'A');
    await c.channels.syncOnce(ch.id);

    const timers = new ManualTimers();
    const engine = createChannelEngine({ env: { ...c.env, prefixes: () => [] }, box: createSecretBox(c.file), connectors: () => fake.connector(), log: () => {}, timers });
    engine.scheduler.start();
    timers.pending.clear(); // the start-up polls: not part of this test

    let release!: () => void;
    fake.gate = new Promise<void>((r) => (release = r));
    c.ok('stock.adjust', { itemId: mug.id, locationId: a1.id, quantity: -1, reason: 'damage' });
    timers.fireAll(); // push soon: a cycle starts and hangs in its push
    for (let i = 0; i < 100 && fake.pushes.length === 0; i++) await tick();
    expect(fake.pushes.length).toBe(1);
    const pullsBefore = fake.pulls.length;

    for (let n = 0; n < 6; n++) {
      c.ok('stock.adjust', { itemId: mug.id, locationId: a1.id, quantity: -1, reason: 'damage' });
      timers.fireAll();
    }
    fake.gate = null;
    release();
    for (let i = 0; i < 200 && engine.isBusy(ch.id); i++) await tick();
    expect(engine.isBusy(ch.id)).toBe(false);
    expect(fake.pulls.length - pullsBefore).toBe(1);
    expect(fake.stock.get('L-MUG')).toBe(3);
    engine.close();
  });
});
