import { afterEach, describe, expect, it } from 'vitest';
import { ChannelError } from '../../../src/main/channels/connector';
import { createChannelEngine, type Timers } from '../../../src/main/channels/engine';
import { createSecretBox } from '../../../src/main/channels/secrets';
import { channelCore, connect, MemoryChannel, seedStock, type ChannelTestCore } from './helpers';

class ManualTimers implements Timers {
  pending = new Map<number, { fn: () => void; ms: number }>();
  private next = 1;
  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.next++;
    this.pending.set(id, { fn, ms });
    return id;
  }
  clearTimeout(h: unknown): void {
    this.pending.delete(h as number);
  }
  delays(): number[] {
    return [...this.pending.values()].map((p) => p.ms);
  }
  fireAll(): void {
    const all = [...this.pending.entries()];
    this.pending.clear();
    for (const [, p] of all) p.fn();
  }
}

const open: ChannelTestCore[] = [];
afterEach(() => {
  for (const c of open.splice(0)) c.close();
});

describe('channel scheduler', () => {
  it('waits out a persisted backoff at start, then polls at the channel’s interval; a disabled channel is not polled', async () => {
    const fake = new MemoryChannel();
    fake.addListing('L-MUG', { sku: 'MUG-1', qty: 10 });
    const c = channelCore({ A: fake });
    open.push(c);
    seedStock(c);
    const ch = await connect(c, 'A', { pollIntervalSeconds: 90 });
    const off = c.ok('channels.create', { kind: 'shopify', name: 'Off', config: { fake: 'A' }, enabled: false });
    fake.failures.push({ method: 'pullOrders', error: new ChannelError('throttled', 'slow down', { retryAfterMs: 45_000 }) });
    await c.channels.syncOnce(ch.id);
    expect(c.ok('channels.get', { id: ch.id }).nextAttemptAt).toBe(new Date(c.clock.now().getTime() + 45_000).toISOString());

    // Another engine on the same database (as after a restart) with timers the test drives.
    const timers = new ManualTimers();
    const engine = createChannelEngine({
      env: { ...c.env, prefixes: () => [] },
      box: createSecretBox(c.file),
      connectors: () => fake.connector(),
      log: () => {},
      timers,
    });
    engine.scheduler.start();
    expect(timers.delays()).toEqual([45_000]); // the enabled channel only, after its Retry-After
    c.clock.advance(45_000);
    const pullsBefore = fake.pulls.length;
    timers.fireAll();
    for (let i = 0; i < 100 && timers.pending.size === 0; i++) await new Promise((r) => setTimeout(r, 5));
    expect(fake.pulls.length).toBe(pullsBefore + 1);
    expect(c.ok('channels.get', { id: ch.id }).state).toBe('ok');
    expect(timers.delays()).toEqual([90_000]);
    expect(c.ok('channels.get', { id: off.id }).state).toBe('disabled');
    engine.scheduler.stop();
    expect(timers.pending.size).toBe(0);
    engine.close();
  });
});
