import { EventEmitter } from 'node:events';
import { SerialPortMock } from 'serialport';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSerialScale } from '../../../../src/main/devices/scale/serial-scale';
import { createCasProtocol } from '../../../../src/main/devices/scale/protocols/cas';
import { createMtSicsProtocol } from '../../../../src/main/devices/scale/protocols/mt-sics';
import { createScp01Protocol } from '../../../../src/main/devices/scale/protocols/scp-01';
import { createStabilityDetector } from '../../../../src/main/devices/scale/stability';
import type { Scale, ScaleStatus, ScaleWeight } from '../../../../src/main/devices/scale/types';
import { listSerialPorts } from '../../../../src/main/devices/serial/list-ports';
import { createSerialTransport, type PortLike, type SerialTransport, type TransportStatus } from '../../../../src/main/devices/serial/serial-transport';

/** An in-memory transport: what the driver writes is recorded; `feed` plays device bytes. */
class MemoryTransport implements SerialTransport {
  private e = new EventEmitter();
  status: TransportStatus = { state: 'connected', message: 'memory' };
  writes: string[] = [];
  onWrite: ((s: string) => void) | null = null;
  on(event: 'data' | 'status', fn: ((d: Buffer) => void) | ((s: TransportStatus) => void)) {
    this.e.on(event, fn);
    return () => this.e.off(event, fn);
  }
  async write(data: Buffer): Promise<void> {
    if (this.status.state !== 'connected') throw new Error('not open');
    this.writes.push(data.toString('latin1'));
    this.onWrite?.(data.toString('latin1'));
  }
  async close(): Promise<void> {}
  feed(s: string): void {
    this.e.emit('data', Buffer.from(s, 'latin1'));
  }
  setState(state: TransportStatus['state'], message: string): void {
    this.status = { state, message };
    this.e.emit('status', this.status);
  }
}

const manualClock = () => {
  let t = Date.parse('2026-11-26T09:00:00Z');
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
};

describe('stability detector', () => {
  it('needs N readings within tolerance spanning T ms', () => {
    const d = createStabilityDetector({ count: 3, windowMs: 300, toleranceMg: 2 });
    expect(d.push(100_000n, 0)).toBe(false);
    expect(d.push(101_000n, 100)).toBe(false);
    expect(d.push(100_500n, 200)).toBe(false); // 3 readings but only 200 ms
    expect(d.push(102_000n, 300)).toBe(true); // spread 2 mg, 300 ms
    expect(d.push(105_000n, 400)).toBe(false); // a jump restarts the run
    expect(d.push(105_000n, 500)).toBe(false);
    expect(d.push(105_000n, 600)).toBe(false); // 3 readings, only 200 ms
    expect(d.push(105_000n, 700)).toBe(true);
  });

  it('a slow drift never becomes stable', () => {
    const d = createStabilityDetector({ count: 3, windowMs: 0, toleranceMg: 1 });
    const results = [0, 1, 2, 3, 4, 5, 6].map((i) => d.push(BigInt(i * 800), i * 100));
    expect(results.slice(0, 2)).toEqual([false, false]);
    expect(results.slice(2).every((x) => x === false)).toBe(true);
  });
});

describe('serial scale driver (in-memory transport)', () => {
  let scale: Scale | null = null;
  afterEach(async () => {
    await scale?.close();
    scale = null;
  });

  it('MT-SICS: one command at a time, answers matched in order', async () => {
    const t = new MemoryTransport();
    t.onWrite = (cmd) => {
      setTimeout(() => {
        if (cmd === 'SI\r\n') t.feed('S S      1.50 kg\r\n');
        if (cmd === 'Z\r\n') t.feed('Z A\r\n');
        if (cmd === 'T\r\n') t.feed('T S      0.25 kg\r\n');
      }, 5);
    };
    scale = createSerialScale({ protocol: createMtSicsProtocol(), transport: t });
    const [w, z, tare] = await Promise.all([scale.requestWeight(), scale.zero(), scale.tare()]);
    expect(t.writes).toEqual(['SI\r\n', 'Z\r\n', 'T\r\n']);
    expect(w.ok && w.value).toMatchObject({ value: '1.50', unit: 'kg', milligrams: 1_500_000, grams: '1500', stable: true, state: 'stable' });
    expect(z).toEqual({ ok: true, value: undefined });
    expect(tare.ok && tare.value).toMatchObject({ value: '0.25', unit: 'kg' });
  });

  it('MT-SICS: busy and error answers become stable error codes; silence is a timeout', async () => {
    const t = new MemoryTransport();
    let reply = 'Z I\r\n';
    t.onWrite = () => setTimeout(() => reply && t.feed(reply), 5);
    scale = createSerialScale({ protocol: createMtSicsProtocol(), transport: t, commandTimeoutMs: 200 });
    let r = await scale.zero();
    expect(r.ok ? null : r.error.code).toBe('BUSY');
    reply = 'EL\r\n';
    r = await scale.zero();
    expect(r.ok ? null : r.error).toMatchObject({ code: 'DEVICE_ERROR', message: expect.stringContaining('EL') });
    reply = '';
    const w = await scale.requestWeight();
    expect(w.ok ? null : w.error.code).toBe('TIMEOUT');
  });

  it('does not believe garbage: no weight events, error status past the threshold, recovery on a good frame', async () => {
    const t = new MemoryTransport();
    scale = createSerialScale({ protocol: createMtSicsProtocol(), transport: t, plausibility: { maxBadFrames: 3, capacityGrams: 6000 } });
    const weights: ScaleWeight[] = [];
    const statuses: ScaleStatus[] = [];
    scale.on('weight', (w) => weights.push(w));
    scale.on('status', (s) => statuses.push(s));
    t.feed('hello\r\n');
    t.feed('S S   99999.00 g\r\n'); // beyond capacity: impossible
    expect(scale.status.state).toBe('connected');
    t.feed('S S      1.0 furlong\r\n'); // unknown unit
    expect(weights).toEqual([]);
    expect(scale.status).toMatchObject({ state: 'error', code: 'GARBAGE' });
    expect(scale.status.message).toContain('furlong');
    t.feed('\x00\xff\xfeS S      5.00 g\r\n');
    expect(weights.map((w) => w.value)).toEqual(['5.00']);
    expect(scale.status.state).toBe('connected');
    expect(statuses.map((s) => s.state)).toEqual(['error', 'connected']);
  });

  it('an endless stream without frame ends counts as garbage', () => {
    const t = new MemoryTransport();
    scale = createSerialScale({ protocol: createScp01Protocol(), transport: t, plausibility: { maxBadFrames: 2 } });
    t.feed('x'.repeat(200));
    expect(scale.status.state).toBe('connected');
    t.feed('y'.repeat(200));
    expect(scale.status).toMatchObject({ state: 'error', code: 'GARBAGE' });
  });

  it('software stability for streams without a stable flag, on an injected clock', () => {
    const t = new MemoryTransport();
    const clock = manualClock();
    scale = createSerialScale({ protocol: createCasProtocol(), transport: t, clock, stability: { count: 3, windowMs: 400, toleranceMg: 1 } });
    const seen: ScaleWeight[] = [];
    scale.on('weight', (w) => seen.push(w));
    for (const v of ['1.234', '1.236', '1.236', '1.236', '1.236']) {
      t.feed(`   ${v}\r\n`);
      clock.advance(200);
    }
    // 1.236 first seen at 200 ms: three equal readings spanning 400 ms at 600 ms.
    expect(seen.map((w) => w.state)).toEqual(['motion', 'motion', 'motion', 'stable', 'stable']);
    expect(seen[3]).toMatchObject({ unit: 'kg', milligrams: 1_236_000, stable: true, at: '2026-11-26T09:00:00.600Z' });
  });

  it("'both' mode needs the device flag and the software check to agree", () => {
    const t = new MemoryTransport();
    const clock = manualClock();
    scale = createSerialScale({ protocol: createCasProtocol(), transport: t, clock, stability: { mode: 'both', count: 2, windowMs: 100 } });
    const seen: ScaleWeight[] = [];
    scale.on('weight', (w) => seen.push(w));
    t.feed('ST,GS,+  1.000kg\r\n');
    clock.advance(100);
    t.feed('ST,GS,+  1.000kg\r\n');
    clock.advance(100);
    t.feed('US,GS,+  1.000kg\r\n');
    expect(seen.map((w) => w.stable)).toEqual([false, true, false]);
  });

  it('streaming protocols: requestWeight waits for the next line; zero/tare are NOT_SUPPORTED', async () => {
    const t = new MemoryTransport();
    scale = createSerialScale({ protocol: createCasProtocol(), transport: t });
    const p = scale.requestWeight();
    t.feed('ST,GS,+  0.000kg\r\n');
    const r = await p;
    expect(r.ok && r.value).toMatchObject({ state: 'zero', stable: true, milligrams: 0 });
    const z = await scale.zero();
    expect(z.ok ? null : z.error.code).toBe('NOT_SUPPORTED');
    const tr = await scale.tare();
    expect(tr.ok ? null : tr.error.code).toBe('NOT_SUPPORTED');
    expect(t.writes).toEqual([]);
  });

  it('a disconnect fails the pending command at once and forgets the half frame', async () => {
    const t = new MemoryTransport();
    scale = createSerialScale({ protocol: createMtSicsProtocol(), transport: t, commandTimeoutMs: 5000 });
    const seen: ScaleWeight[] = [];
    scale.on('weight', (w) => seen.push(w));
    const p = scale.requestWeight();
    await new Promise((r) => setTimeout(r, 5));
    t.feed('S S    12');
    t.setState('disconnected', 'port vanished');
    const r = await p;
    expect(r.ok ? null : r.error.code).toBe('NOT_CONNECTED');
    expect(scale.status.state).toBe('disconnected');
    const again = await scale.requestWeight();
    expect(again.ok ? null : again.error.code).toBe('NOT_CONNECTED');
    t.setState('connected', 'back');
    t.feed('3.45 g\r\nS S      7.00 g\r\n');
    expect(seen.map((w) => w.value)).toEqual(['7.00']);
  });

  it('SCP-01 over an in-memory line: weight, zero, unrecognized command', async () => {
    const t = new MemoryTransport();
    t.onWrite = (cmd) =>
      setTimeout(() => {
        if (cmd === 'W\r') t.feed('\n0002.50lb\r\n00\r\x03');
        if (cmd === 'Z\r') t.feed('\n?\r\x03');
      }, 5);
    scale = createSerialScale({ protocol: createScp01Protocol(), transport: t });
    const w = await scale.requestWeight();
    expect(w.ok && w.value).toMatchObject({ value: '2.50', unit: 'lb', grams: '1133.980925', milligrams: 1_133_981, state: 'stable' });
    const z = await scale.zero();
    expect(z.ok ? null : z.error.code).toBe('DEVICE_ERROR');
  });
});

describe('serial transport (SerialPortMock)', () => {
  beforeEach(() => SerialPortMock.binding.reset());
  let transport: SerialTransport | null = null;
  afterEach(async () => {
    await transport?.close();
    transport = null;
  });

  const waitFor = (t: SerialTransport, state: TransportStatus['state'], timeoutMs = 5000): Promise<TransportStatus> =>
    t.status.state === state
      ? Promise.resolve(t.status)
      : new Promise((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`no ${state}; last ${JSON.stringify(t.status)}`)), timeoutMs);
          const off = t.on('status', (s) => {
            if (s.state === state) {
              clearTimeout(timer);
              off();
              resolve(s);
            }
          });
        });

  it('retries a missing port until it appears, then passes data both ways', async () => {
    const ports: SerialPortMock[] = [];
    transport = createSerialTransport(
      { path: '/dev/SCALE', baudRate: 9600, reconnectMs: 20 },
      {
        createPort: (o) => {
          const p = new SerialPortMock({ path: o.path, baudRate: o.baudRate, autoOpen: false });
          ports.push(p);
          return p as unknown as PortLike;
        },
      },
    );
    await new Promise((r) => setTimeout(r, 100));
    expect(transport.status.state).toBe('disconnected');
    expect(transport.status.message).toContain('/dev/SCALE');
    await expect(transport.write(Buffer.from('SI\r\n'))).rejects.toMatchObject({ code: 'NOT_CONNECTED' });
    expect(ports.length).toBeGreaterThan(1); // it kept trying
    SerialPortMock.binding.createPort('/dev/SCALE', { echo: false, record: true });
    await waitFor(transport, 'connected');
    const live = ports.at(-1)!;
    const got: string[] = [];
    transport.on('data', (d) => got.push(d.toString()));
    live.port!.emitData(Buffer.from('S S      1.00 g\r\n'));
    await new Promise((r) => setTimeout(r, 50));
    expect(got.join('')).toBe('S S      1.00 g\r\n');
    await transport.write(Buffer.from('SI\r\n'));
    expect(live.port!.recording.toString()).toBe('SI\r\n');

    // The port closing under us (unplug) → disconnected → reopened by itself.
    live.close();
    await waitFor(transport, 'disconnected');
    await waitFor(transport, 'connected');
    expect(ports.at(-1)).not.toBe(live);
  });
});

describe('listSerialPorts', () => {
  it('returns [] with the reason when enumeration fails (no udevadm)', async () => {
    const r = await listSerialPorts(() => Promise.reject(new Error('spawn udevadm ENOENT')));
    expect(r).toEqual({ ports: [], reason: 'cannot list serial ports: spawn udevadm ENOENT' });
  });

  it('passes through what the system lists', async () => {
    const r = await listSerialPorts(async () => [{ path: '/dev/ttyUSB0', manufacturer: 'FTDI', vendorId: '0403' }]);
    expect(r).toEqual({ ports: [{ path: '/dev/ttyUSB0', manufacturer: 'FTDI', vendorId: '0403' }] });
  });
});
