import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src/main/core/core';
import type { CallContext } from '../../../src/main/core/context';
import type { Input, MethodName, Output } from '../../../src/shared/api';
import type { Result } from '../../../src/shared/errors';
import { TestClock, tmpDir } from '../../helpers/core';
import { channelCore, connect, MemoryChannel, seedStock, SECRET, type ChannelTestCore } from './helpers';

/** The order watermark never moves past the channel's own clock (server time of the pull) minus the lag. */

const open: Core[] = [];
afterEach(() => {
  for (const c of open.splice(0)) c.close();
});

const CTX: CallContext = { actor: 'tester', device: 'vitest' };

describe('order watermark capped by the channel’s clock', () => {
  it('an order dated in the channel’s future does not push the watermark past the channel’s clock', async () => {
    const fake = new MemoryChannel();
    fake.addListing('L-MUG', { sku: 'MUG-1', title: 'Enamel mug', qty: 10 });
    const c: ChannelTestCore = channelCore({ A: fake });
    open.push(c);
    seedStock(c);
    const ch = await connect(c, 'A');
    const future = new Date(fake.now.getTime() + 2 * 86_400_000).toISOString();
    fake.sell([{ ref: 'L-MUG', sku: 'MUG-1', quantity: 1 }], { updatedAt: future });
    const first = await c.channels.syncOnce(ch.id);
    expect(first.orders.created).toBe(1);
    expect(c.ok('channels.get', { id: ch.id }).orderWatermark).toBe(fake.now.toISOString());

    // The next sale, at the channel's real time, is not skipped.
    fake.sell([{ ref: 'L-MUG', sku: 'MUG-1', quantity: 2 }]);
    const next = await c.channels.syncOnce(ch.id);
    expect(next.orders.created).toBe(1);
    expect(c.db.prepare('SELECT count(*) AS n FROM sales_orders').get()).toEqual({ n: 2 });
  });

  it('keeps the watermark a lag behind the channel’s clock, and never moves it back', async () => {
    const fake = new MemoryChannel();
    fake.addListing('L-MUG', { sku: 'MUG-1', title: 'Enamel mug', qty: 10 });
    const dir = tmpDir('stockroom-channels-');
    const core = createCore({
      file: path.join(dir, 'stockroom.db'),
      clock: new TestClock(),
      host: 'test',
      log: () => undefined,
      channelConnectors: () => fake.connector(),
      channelEngine: { serverLagMs: 60_000 },
    });
    open.push(core);
    const ok = <M extends MethodName>(method: M, input: Input<M>): Output<M> => {
      const r = core.router.call(method, input, CTX) as Result<Output<M>>;
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    };
    const wh = ok('locations.createWarehouse', { code: 'MAIN', name: 'Main' });
    const bin = ok('locations.create', { warehouseId: wh.id, kind: 'bin', code: 'A-01' });
    const mug = ok('catalog.create', { sku: 'MUG-1', name: 'Enamel mug' });
    ok('stock.receive', { itemId: mug.id, locationId: bin.id, quantity: 10 });
    const ch = ok('channels.create', { kind: 'shopify', name: 'Shop', config: { fake: 'A', shopDomain: 'a.example' }, credentials: { accessToken: SECRET } });
    await core.channels.refreshListings(ch.id);
    ok('channels.acceptSuggestions', { channelId: ch.id });
    const watermark = () => ok('channels.get', { id: ch.id }).orderWatermark;

    const sale = fake.sell([{ ref: 'L-MUG', sku: 'MUG-1', quantity: 1 }]);
    await core.channels.syncOnce(ch.id);
    // The sale is as new as the channel's clock: the watermark stays a minute behind it.
    expect(watermark()).toBe(new Date(Date.parse(sale.updatedAt) - 60_000).toISOString());
    expect(fake.pulls.at(-1)).toBeNull();
    await core.channels.syncOnce(ch.id);
    expect(fake.pulls.at(-1)).toBe(new Date(Date.parse(sale.updatedAt) - 60_000 - 600_000).toISOString());
    // A minute on, the watermark reaches the sale; a channel clock that went back does not move it back.
    fake.tick(120_000);
    await core.channels.syncOnce(ch.id);
    expect(watermark()).toBe(sale.updatedAt);
    fake.now = new Date(Date.parse(sale.updatedAt) - 3_600_000);
    await core.channels.syncOnce(ch.id);
    expect(watermark()).toBe(sale.updatedAt);
  });
});
