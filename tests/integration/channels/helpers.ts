import path from 'node:path';
import type { CallContext } from '../../../src/main/core/context';
import { createCore, type Core } from '../../../src/main/core/core';
import type { Input, MethodName, Output } from '../../../src/shared/api';
import type { Result } from '../../../src/shared/errors';
import { MemoryChannel } from '../../fakes/channels/memory-connector';
import { TestClock, tmpDir } from '../../helpers/core';

export const SECRET = 'shpat_TOPSECRET_0123456789abcdef';
const CTX: CallContext = { actor: 'tester', device: 'vitest' };

export interface ChannelTestCore extends Core {
  clock: TestClock;
  file: string;
  dir: string;
  logs: string[];
  /** Every credentials object the connector factory received (decrypted). */
  seenCredentials: Record<string, string>[];
  call<M extends MethodName>(method: M, input: Input<M>): Result<Output<M>>;
  ok<M extends MethodName>(method: M, input: Input<M>): Output<M>;
}

/**
 * A core whose channel connectors are MemoryChannels picked by config.fake. The fakes are passed in, so a test can
 * close the core and open another on the same file and the same "remote" shops.
 */
export function channelCore(fakes: Record<string, MemoryChannel>, opts: { dir?: string; clock?: TestClock } = {}): ChannelTestCore {
  const dir = opts.dir ?? tmpDir('stockroom-channels-');
  const file = path.join(dir, 'stockroom.db');
  const clock = opts.clock ?? new TestClock();
  const logs: string[] = [];
  const seenCredentials: Record<string, string>[] = [];
  const core = createCore({
    file,
    clock,
    host: 'test',
    log: (m, e) => logs.push(`${m} ${e === undefined ? '' : e instanceof Error ? `${e.message} ${e.stack}` : JSON.stringify(e)}`),
    channelConnectors: (_kind, config, credentials) => {
      seenCredentials.push(credentials);
      const f = fakes[String(config.fake)];
      if (!f) throw new Error(`no fake ${String(config.fake)}`);
      return f.connector();
    },
  });
  const call = <M extends MethodName>(method: M, input: Input<M>) => core.router.call(method, input, CTX) as Result<Output<M>>;
  return {
    ...core,
    clock,
    file,
    dir,
    logs,
    seenCredentials,
    call,
    ok(method, input) {
      const r = call(method, input);
      if (!r.ok) throw new Error(`${method} refused: ${r.error.code} ${r.error.message}`);
      return r.value;
    },
  };
}

/** A warehouse with two bins, a returns bin elsewhere, and two items; MUG-1 has 10 on hand. */
export function seedStock(c: ChannelTestCore) {
  const wh = c.ok('locations.createWarehouse', { code: 'MAIN', name: 'Main warehouse' });
  const a1 = c.ok('locations.create', { warehouseId: wh.id, kind: 'bin', code: 'A-01' });
  const a2 = c.ok('locations.create', { warehouseId: wh.id, kind: 'bin', code: 'A-02' });
  const mug = c.ok('catalog.create', { sku: 'MUG-1', name: 'Enamel mug', costMinor: 250, priceMinor: 600, barcodes: [{ code: '4006381333931' }] });
  const cup = c.ok('catalog.create', { sku: 'CUP-1', name: 'Tin cup', costMinor: 100, priceMinor: 300 });
  c.ok('stock.receive', { itemId: mug.id, locationId: a1.id, quantity: 10, unitCostMinor: 250 });
  return { wh, a1, a2, mug, cup };
}

/** Creates a channel on fake `fake`, refreshes its listings and accepts the suggested mapping. */
export async function connect(c: ChannelTestCore, fake: string, extra: Partial<Input<'channels.create'>> = {}) {
  const ch = c.ok('channels.create', { kind: 'shopify', name: `Shop ${fake}`, config: { fake, shopDomain: `${fake}.example` }, credentials: { accessToken: SECRET }, ...extra });
  const r = await c.channels.refreshListings(ch.id);
  if ('error' in r) throw new Error(r.error);
  c.ok('channels.acceptSuggestions', { channelId: ch.id });
  return ch;
}

export { MemoryChannel };
