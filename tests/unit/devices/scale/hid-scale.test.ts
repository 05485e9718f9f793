import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { createScale, type Scale, type ScaleStatus, type ScaleWeight } from '../../../../src/main/devices/scale';
import { hidReportToReading, parseHidScaleReport } from '../../../../src/main/devices/scale/hid/hid-report';
import type { HidBackend, HidDeviceInfo, HidTransport } from '../../../../src/main/devices/scale/hid/hid-transport';
import { createNodeHidBackend } from '../../../../src/main/devices/scale/hid/node-hid-backend';

/** Recorded/derived scale data reports (devices.md §3; Dymo M10/M25 layout). */
const REPORTS = {
  grams1000: [0x03, 0x04, 0x02, 0x00, 0xe8, 0x03], // 1000 g stable
  kg2_5: [0x03, 0x04, 0x03, 0xff, 0x19, 0x00], // 25 × 10^-1 kg = 2.5 kg
  oz9_0: [0x03, 0x04, 0x0b, 0xff, 0x5a, 0x00], // 90 × 10^-1 oz = 9.0 oz
  lb1_25: [0x03, 0x04, 0x0c, 0xfe, 0x7d, 0x00], // 125 × 10^-2 lb
  zero: [0x03, 0x02, 0x0b, 0xff, 0x00, 0x00],
  motion: [0x03, 0x03, 0x02, 0x00, 0x2c, 0x01], // 300 g moving
  over: [0x03, 0x06, 0x02, 0x00, 0xff, 0xff],
  underZero: [0x03, 0x05, 0x02, 0x00, 0x0a, 0x00],
  calibrate: [0x03, 0x07, 0x02, 0x00, 0x00, 0x00],
  taels: [0x03, 0x04, 0x05, 0x00, 0x01, 0x00],
  wrongId: [0x01, 0x04, 0x02, 0x00, 0xe8, 0x03],
};

describe('HID scale report parser', () => {
  it('parses units, signed exponents and status', () => {
    expect(parseHidScaleReport(REPORTS.grams1000)).toEqual({
      ok: true,
      report: { reportId: 3, status: 'stable', unit: 'g', unitCode: 2, exponent: 0, mantissa: 1000 },
    });
    const oz = parseHidScaleReport(REPORTS.oz9_0);
    expect(oz.ok && oz.report).toMatchObject({ unit: 'oz', exponent: -1, mantissa: 90 });
    const lb = parseHidScaleReport(REPORTS.lb1_25);
    expect(lb.ok && hidReportToReading(lb.report)).toEqual({ valueText: '1.25', unitText: 'lb', condition: 'stable' });
    const kg = parseHidScaleReport(REPORTS.kg2_5);
    expect(kg.ok && hidReportToReading(kg.report)).toEqual({ valueText: '2.5', unitText: 'kg', condition: 'stable' });
    expect(parseHidScaleReport([0x04, 0x04, 0x02, 0x02, 0x05, 0x00])).toMatchObject({ ok: true, report: { reportId: 4, exponent: 2 } });
  });

  it('refuses short, foreign and unconvertible reports', () => {
    expect(parseHidScaleReport([3, 4, 2])).toMatchObject({ ok: false });
    expect(parseHidScaleReport(REPORTS.wrongId)).toMatchObject({ ok: false });
    expect(parseHidScaleReport([3, 9, 2, 0, 0, 0])).toMatchObject({ ok: false });
    const t = parseHidScaleReport(REPORTS.taels);
    expect(t.ok && hidReportToReading(t.report)).toEqual({ bad: 'unit taels has no exact conversion' });
  });
});

class FakeHidDevice extends EventEmitter implements HidTransport {
  writes: number[][] = [];
  closed = false;
  write(data: number[]): number {
    this.writes.push(data);
    return data.length;
  }
  close(): void {
    this.closed = true;
  }
  report(bytes: number[]): void {
    this.emit('data', Buffer.from(bytes));
  }
  unplug(): void {
    this.emit('error', new Error('could not read from HID device'));
  }
}

/** A HID bus we control: which devices are listed, and what opening one gives. */
class FakeHidBus implements HidBackend {
  list: HidDeviceInfo[] = [];
  opened: FakeHidDevice[] = [];
  failList: Error | null = null;
  async devices(): Promise<HidDeviceInfo[]> {
    if (this.failList) throw this.failList;
    return this.list;
  }
  async open(path: string): Promise<HidTransport> {
    if (!this.list.some((d) => d.path === path)) throw new Error(`cannot open ${path}`);
    const d = new FakeHidDevice();
    this.opened.push(d);
    return d;
  }
}

const DYMO: HidDeviceInfo = { path: '/dev/hidraw3', vendorId: 0x0922, productId: 0x8003, usagePage: 0x8d, usage: 0x20, product: 'M10', manufacturer: 'DYMO' };
const KEYBOARD: HidDeviceInfo = { path: '/dev/hidraw0', vendorId: 0x046d, productId: 0xc31c, usagePage: 0x01, usage: 0x06 };

function waitStatus(scale: Scale, pred: (s: ScaleStatus) => boolean, timeoutMs = 5000): Promise<ScaleStatus> {
  if (pred(scale.status)) return Promise.resolve(scale.status);
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => (off(), reject(new Error(`status never matched; last ${JSON.stringify(scale.status)}`))), timeoutMs);
    const off = scale.on('status', (s) => {
      if (pred(s)) {
        clearTimeout(t);
        off();
        resolve(s);
      }
    });
  });
}

describe('HID scale driver', () => {
  let scale: Scale | null = null;
  afterEach(async () => {
    await scale?.close();
    scale = null;
  });

  it('reports disconnected, without crashing, when no scale is present, and connects when one appears', async () => {
    const bus = new FakeHidBus();
    bus.list = [KEYBOARD];
    scale = createScale({ kind: 'hid', reconnectMs: 20 }, { hid: bus });
    const s = await waitStatus(scale, (x) => x.message.includes('no USB scale'));
    expect(s.state).toBe('disconnected');
    expect((await scale.requestWeight()).ok).toBe(false);
    bus.list = [KEYBOARD, DYMO];
    const c = await waitStatus(scale, (x) => x.state === 'connected');
    expect(c.message).toContain('0922:8003');
    expect(bus.opened).toHaveLength(1);
  });

  it('survives a failing enumeration (e.g. native module missing) and reports why', async () => {
    const bus = new FakeHidBus();
    bus.failList = new Error('HID backend unavailable');
    scale = createScale({ kind: 'hid', reconnectMs: 20 }, { hid: bus });
    const s = await waitStatus(scale, (x) => x.message.includes('HID backend unavailable'));
    expect(s.state).toBe('disconnected');
  });

  it('turns recorded reports into weights in g, kg, oz and lb, with motion, overweight and under zero', async () => {
    const bus = new FakeHidBus();
    bus.list = [DYMO];
    scale = createScale({ kind: 'hid', reconnectMs: 20 }, { hid: bus, clock: { now: () => new Date('2026-11-26T10:00:00Z') } });
    await waitStatus(scale, (x) => x.state === 'connected');
    const dev = bus.opened[0]!;
    const seen: ScaleWeight[] = [];
    scale.on('weight', (w) => seen.push(w));
    for (const r of [REPORTS.grams1000, REPORTS.kg2_5, REPORTS.oz9_0, REPORTS.lb1_25, REPORTS.zero, REPORTS.motion, REPORTS.over, REPORTS.underZero]) {
      dev.report(r);
    }
    expect(seen.map((w) => [w.value, w.unit, w.milligrams, w.state, w.stable])).toEqual([
      ['1000', 'g', 1_000_000, 'stable', true],
      ['2.5', 'kg', 2_500_000, 'stable', true],
      ['9.0', 'oz', 255_146, 'stable', true],
      ['1.25', 'lb', 566_990, 'stable', true],
      ['0.0', 'oz', 0, 'zero', true],
      ['300', 'g', 300_000, 'motion', false],
      [null, null, null, 'overload', false],
      [null, null, null, 'underload', false],
    ]);
    expect(seen[2]!.grams).toBe('255.145708125');
    expect(seen[0]!.raw).toBe('03 04 02 00 e8 03');
    expect(seen[0]!.at).toBe('2026-11-26T10:00:00.000Z');
  });

  it('requestWeight resolves with the next report; zero writes the control report; tare is not supported', async () => {
    const bus = new FakeHidBus();
    bus.list = [DYMO];
    scale = createScale({ kind: 'hid', reconnectMs: 20 }, { hid: bus });
    await waitStatus(scale, (x) => x.state === 'connected');
    const pending = scale.requestWeight();
    bus.opened[0]!.report(REPORTS.oz9_0);
    const r = await pending;
    expect(r.ok && r.value.value).toBe('9.0');
    expect(await scale.zero()).toEqual({ ok: true, value: undefined });
    expect(bus.opened[0]!.writes).toEqual([[0x02, 0x02]]);
    const t = await scale.tare();
    expect(t.ok ? null : t.error.code).toBe('NOT_SUPPORTED');
  });

  it('reports a fault as an error status and recovers on the next good report', async () => {
    const bus = new FakeHidBus();
    bus.list = [DYMO];
    scale = createScale({ kind: 'hid', reconnectMs: 20 }, { hid: bus });
    await waitStatus(scale, (x) => x.state === 'connected');
    const seen: ScaleWeight[] = [];
    scale.on('weight', (w) => seen.push(w));
    bus.opened[0]!.report(REPORTS.calibrate);
    expect(scale.status).toMatchObject({ state: 'error', code: 'DEVICE_ERROR' });
    expect(scale.status.message).toContain('calibration');
    expect(seen.at(-1)).toMatchObject({ state: 'error', milligrams: null });
    bus.opened[0]!.report(REPORTS.grams1000);
    expect(scale.status.state).toBe('connected');
  });

  it('refuses garbage reports: no weight event, error status past the threshold', async () => {
    const bus = new FakeHidBus();
    bus.list = [DYMO];
    scale = createScale({ kind: 'hid', reconnectMs: 20, plausibility: { maxBadFrames: 3 } }, { hid: bus });
    await waitStatus(scale, (x) => x.state === 'connected');
    const seen: ScaleWeight[] = [];
    scale.on('weight', (w) => seen.push(w));
    const dev = bus.opened[0]!;
    dev.report(REPORTS.taels);
    dev.report(REPORTS.wrongId);
    expect(scale.status.state).toBe('connected');
    dev.report([3, 4, 2, 0x7f, 0xff, 0xff]); // exponent +127: impossible
    expect(seen).toEqual([]);
    expect(scale.status).toMatchObject({ state: 'error', code: 'GARBAGE' });
    dev.report(REPORTS.grams1000);
    expect(seen).toHaveLength(1);
    expect(scale.status.state).toBe('connected');
  });

  it('rejects weights beyond the configured capacity', async () => {
    const bus = new FakeHidBus();
    bus.list = [DYMO];
    scale = createScale({ kind: 'hid', reconnectMs: 20, plausibility: { capacityGrams: 5000 } }, { hid: bus });
    await waitStatus(scale, (x) => x.state === 'connected');
    const seen: ScaleWeight[] = [];
    scale.on('weight', (w) => seen.push(w));
    bus.opened[0]!.report([0x03, 0x04, 0x02, 0x01, 0xe8, 0x03]); // 1000 × 10 g = 10 kg
    expect(seen).toEqual([]);
    bus.opened[0]!.report(REPORTS.grams1000);
    expect(seen.map((w) => w.milligrams)).toEqual([1_000_000]);
  });

  it('goes disconnected on unplug and reconnects when the scale is plugged back in', async () => {
    const bus = new FakeHidBus();
    bus.list = [DYMO];
    scale = createScale({ kind: 'hid', reconnectMs: 20 }, { hid: bus });
    await waitStatus(scale, (x) => x.state === 'connected');
    const first = bus.opened[0]!;
    bus.list = [];
    first.unplug();
    const d = await waitStatus(scale, (x) => x.state === 'disconnected');
    expect(d.message).toContain('unplugged');
    await waitStatus(scale, (x) => x.message.includes('no USB scale'));
    expect(first.closed).toBe(true);
    bus.list = [DYMO];
    await waitStatus(scale, (x) => x.state === 'connected');
    expect(bus.opened).toHaveLength(2);
    const seen: ScaleWeight[] = [];
    scale.on('weight', (w) => seen.push(w));
    first.report(REPORTS.grams1000); // the dead handle must be ignored
    bus.opened[1]!.report(REPORTS.lb1_25);
    expect(seen.map((w) => w.value)).toEqual(['1.25']);
  });

  it('filters by vendor/product id', async () => {
    const bus = new FakeHidBus();
    const other = { ...DYMO, path: '/dev/hidraw5', vendorId: 0x1446, productId: 0x6a73 };
    bus.list = [DYMO, other];
    scale = createScale({ kind: 'hid', vendorId: 0x1446, productId: 0x6a73, reconnectMs: 20 }, { hid: bus });
    const s = await waitStatus(scale, (x) => x.state === 'connected');
    expect(s.message).toContain('1446:6a73');
  });

  it('node-hid adapter: a module that fails to load is an enumeration error, not a crash', async () => {
    const backend = createNodeHidBackend(() => Promise.reject(new Error('Cannot find module node-hid')));
    await expect(backend.devices()).rejects.toThrow('Cannot find module');
  });

  it('node-hid adapter: the real module enumerates without throwing on a machine without scales', async () => {
    const list = await createNodeHidBackend().devices();
    expect(Array.isArray(list)).toBe(true);
    for (const d of list) expect(typeof d.vendorId).toBe('number');
  });
});
