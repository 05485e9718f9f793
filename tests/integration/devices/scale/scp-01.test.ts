import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createScale, type Scale } from '../../../../src/main/devices/scale';
import { FakeScp01Scale } from '../../../fakes/scale/fake-scp-01';
import type { PtyPair } from '../../../fakes/scale/pty-pair';
import { collect, countingPorts, SKIP_REASON, SOCAT, sleep, startPair, waitStatus, waitWeight } from './helpers';

describe.skipIf(!SOCAT)(`NCI SCP-01 scale over a socat PTY pair${SKIP_REASON}`, () => {
  let pty: PtyPair;
  let cleanup: () => Promise<void>;
  let fake: FakeScp01Scale;
  let scale: Scale;
  let ports: ReturnType<typeof countingPorts>;

  beforeEach(async () => {
    ({ pty, cleanup } = await startPair());
    fake = new FakeScp01Scale(pty);
    await fake.open();
    ports = countingPorts();
    scale = createScale(
      { kind: 'serial', protocol: 'scp-01', path: pty.a, baudRate: 9600, reconnectMs: 200, commandTimeoutMs: 3000 },
      { createPort: ports.factory },
    );
    await waitStatus(scale, (s) => s.state === 'connected');
  });

  afterEach(async () => {
    await scale.close();
    await fake.close();
    await cleanup();
  });

  it('reads a stable weight in lb, exactly in grams', async () => {
    fake.setWeight('1.25', 'lb');
    const r = await scale.requestWeight();
    expect(r.ok && r.value).toMatchObject({ value: '1.25', unit: 'lb', grams: '566.9904625', milligrams: 566_990, stable: true, state: 'stable' });
    expect(r.ok && r.value.raw).toBe('\n0001.25lb\r\n00\r');
    expect(fake.received).toEqual(['W']);
  });

  it('reads the motion bit', async () => {
    fake.setWeight('3.50', 'kg', true);
    const r = await scale.requestWeight();
    expect(r.ok && r.value).toMatchObject({ value: '3.50', unit: 'kg', stable: false, state: 'motion' });
  });

  it('reads over and under capacity from the status bytes, not from the blanked digits', async () => {
    fake.setOverload();
    const over = await scale.requestWeight();
    expect(over.ok && over.value).toMatchObject({ state: 'overload', milligrams: null, stable: false });
    fake.setUnderload();
    const under = await scale.requestWeight();
    expect(under.ok && under.value).toMatchObject({ state: 'underload', milligrams: null });
  });

  it('zeroes with Z; tare is not part of SCP-01', async () => {
    fake.setWeight('0.40', 'lb');
    expect(await scale.zero()).toEqual({ ok: true, value: undefined });
    const r = await scale.requestWeight();
    expect(r.ok && r.value).toMatchObject({ value: '0.00', state: 'zero', stable: true, milligrams: 0 });
    const t = await scale.tare();
    expect(t.ok ? null : t.error.code).toBe('NOT_SUPPORTED');
    expect(fake.received).toEqual(['Z', 'W']);
  });

  it('reports a fault bit as an error status', async () => {
    fake.setWeight('1.00', 'lb');
    fake.faultBits = [0x04, 0]; // RAM error
    const r = await scale.requestWeight();
    expect(r.ok && r.value).toMatchObject({ state: 'error', milligrams: null });
    expect(scale.status).toMatchObject({ state: 'error', code: 'DEVICE_ERROR' });
    expect(scale.status.message).toContain('RAM error');
    fake.faultBits = [0, 0];
    await scale.requestWeight();
    expect(scale.status.state).toBe('connected');
  });

  it('joins a response split across several reads', async () => {
    fake.setWeight('12.34', 'lb');
    const before = ports.reads();
    fake.splitNextResponse([1, 4, 8, 11, 13, 14]);
    const r = await scale.requestWeight();
    expect(r.ok && r.value).toMatchObject({ value: '12.34', unit: 'lb' });
    expect(ports.reads() - before).toBeGreaterThanOrEqual(3);
  });

  it('skips garbage before a frame and reports a scale that only talks garbage', async () => {
    const seen = collect(scale);
    fake.setWeight('2.00', 'lb');
    fake.garbageBeforeNextResponse(Buffer.from('\xff\x00#noise\r', 'latin1'));
    const r = await scale.requestWeight();
    expect(r.ok && r.value.value).toBe('2.00');

    const error = waitStatus(scale, (s) => s.state === 'error');
    await fake.sendRaw('junk\x03\nAB.CDlb\r\n00\r\x03more junk\x03\n99999999999kg\r\n00\r\x03\n0001.00lb\r\nZZ\r\x03');
    expect((await error).code).toBe('GARBAGE');
    expect(seen.map((w) => w.value)).toEqual(['2.00']);
    const again = await scale.requestWeight();
    expect(again.ok && again.value.value).toBe('2.00');
    expect(scale.status.state).toBe('connected');
  });

  it('survives the port vanishing mid-read and reconnects by itself', async () => {
    await scale.close();
    scale = createScale({ kind: 'serial', protocol: 'scp-01', path: pty.a, baudRate: 9600, reconnectMs: 200, commandTimeoutMs: 3000, pollMs: 100 });
    await waitStatus(scale, (s) => s.state === 'connected');
    const first = waitWeight(scale, (w) => w.value === '1.00');
    fake.setWeight('1.00', 'lb');
    await first;

    const gone = waitStatus(scale, (s) => s.state === 'disconnected');
    await fake.sendRaw('\n0009.'); // half a frame, then the line dies
    await fake.vanish();
    await gone;
    const r = await scale.requestWeight();
    expect(r.ok ? null : r.error.code).toBe('NOT_CONNECTED');
    await sleep(500);

    const seen = collect(scale);
    fake.setWeight('2.50', 'lb');
    const back = waitWeight(scale, (w) => w.value === '2.50');
    // Listen before the port comes back: the driver may reconnect before the next line runs.
    const connected = waitStatus(scale, (s) => s.state === 'connected');
    await fake.comeBack();
    await connected;
    await back;
    expect(seen.every((w) => w.value === '2.50')).toBe(true);
  });
});
