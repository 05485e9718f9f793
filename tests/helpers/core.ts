import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CallContext, Clock } from '../../src/main/core/context';
import { createCore, type Core } from '../../src/main/core/core';
import type { DeviceFactories } from '../../src/main/devices/service';
import type { Input, MethodName, Output } from '../../src/shared/api';
import type { Result } from '../../src/shared/errors';

/** A clock tests can move by hand. */
export class TestClock implements Clock {
  constructor(public t = new Date('2026-01-05T09:00:00.000Z')) {}
  now(): Date {
    return new Date(this.t);
  }
  advance(ms: number): void {
    this.t = new Date(this.t.getTime() + ms);
  }
}

export const tmpDir = (prefix = 'stockroom-test-'): string => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

export interface TestCore extends Core {
  clock: TestClock;
  file: string;
  dir: string;
  /** Calls a method and returns the Result (no throw). */
  call<M extends MethodName>(method: M, input: Input<M>, ctx?: CallContext): Result<Output<M>>;
  /** Calls a method and returns the value, failing the test with the error if it was refused. */
  ok<M extends MethodName>(method: M, input: Input<M>, ctx?: CallContext): Output<M>;
}

const CTX: CallContext = { actor: 'tester', device: 'vitest' };

/** A core on a real SQLite file in a temp folder, built by the real migrator. */
export function makeCore(opts: { dir?: string; clock?: TestClock; devices?: Partial<DeviceFactories> } = {}): TestCore {
  const dir = opts.dir ?? tmpDir();
  const file = path.join(dir, 'stockroom.db');
  const clock = opts.clock ?? new TestClock();
  const core = createCore({ file, clock, host: 'test', log: () => {}, ...(opts.devices && { devices: opts.devices }) });
  const call = <M extends MethodName>(method: M, input: Input<M>, ctx = CTX) => core.router.call(method, input, ctx) as Result<Output<M>>;
  return {
    ...core,
    clock,
    file,
    dir,
    call,
    ok(method, input, ctx) {
      const r = call(method, input, ctx);
      if (!r.ok) throw new Error(`${method} refused: ${r.error.code} ${r.error.message}`);
      return r.value;
    },
  };
}

/** A warehouse with bins, B-01 and one plain item and one lot-tracked item. */
export function seedBasic(c: TestCore) {
  const wh = c.ok('locations.createWarehouse', { code: 'MAIN', name: 'Main warehouse' });
  const zone = c.ok('locations.create', { warehouseId: wh.id, kind: 'zone', code: 'A' });
  const a1 = c.ok('locations.create', { warehouseId: wh.id, parentId: zone.id, kind: 'bin', code: 'A-01' });
  const a2 = c.ok('locations.create', { warehouseId: wh.id, parentId: zone.id, kind: 'bin', code: 'A-02' });
  const b1 = c.ok('locations.create', { warehouseId: wh.id, kind: 'bin', code: 'B-01' });
  const mug = c.ok('catalog.create', { sku: 'MUG-1', name: 'Enamel mug', costMinor: 250, priceMinor: 600, barcodes: [{ code: '4006381333931' }] });
  const tea = c.ok('catalog.create', { sku: 'TEA-1', name: 'Green tea 100g', tracking: 'lot', costMinor: 120, priceMinor: 450 });
  return { wh, zone, a1, a2, b1, mug, tea };
}
