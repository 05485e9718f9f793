import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createScale, type Scale } from '../../../../src/main/devices/scale';
import { FakeCasScale } from '../../../fakes/scale/fake-cas';
import type { PtyPair } from '../../../fakes/scale/pty-pair';
import { collect, countingPorts, SKIP_REASON, SOCAT, sleep, startPair, waitStatus, waitWeight } from './helpers';

describe.skipIf(!SOCAT)(`CAS continuous-output scale over a socat PTY pair${SKIP_REASON}`, () => {
  let pty: PtyPair;
  let cleanup: () => Promise<void>;
  let fake: FakeCasScale;
  let scale: Scale;
  let ports: ReturnType<typeof countingPorts>;

  beforeEach(async () => {
    ({ pty, cleanup } = await startPair());
    fake = new FakeCasScale(pty);
    await fake.open();
    ports = countingPorts();
    scale = createScale(
      { kind: 'serial', protocol: 'cas', path: pty.a, baudRate: 9600, reconnectMs: 200, commandTimeoutMs: 3000, stability: { count: 3, windowMs: 100 } },
      { createPort: ports.factory },
    );
    await waitStatus(scale, (s) => s.state === 'connected');
  });

  afterEach(async () => {
    await scale.close();
    await fake.close();
    await cleanup();
  });

  it('streams stable (ST) and unstable (US) readings; requestWeight takes the next one', async () => {
    fake.setWeight('1.234', 'kg');
    fake.startStreaming(50);
    const r = await scale.requestWeight();
    expect(r.ok && r.value).toMatchObject({ value: '1.234', unit: 'kg', milligrams: 1_234_000, stable: true, state: 'stable' });
    expect(r.ok && r.value.raw).toBe('ST,GS,+  1.234kg');
    const moving = waitWeight(scale, (w) => w.state === 'motion');
    fake.setWeight('0.850', 'kg', true);
    expect(await moving).toMatchObject({ value: '0.850', stable: false });
    expect(fake.received).toEqual([]); // nothing is ever sent to a streaming indicator
  });

  it('reports OL lines as overload', async () => {
    fake.setOverload();
    fake.startStreaming(50);
    const w = await waitWeight(scale, () => true);
    expect(w).toMatchObject({ state: 'overload', milligrams: null, stable: false });
  });

  it('reads the 22-byte format with its binary lamp byte', async () => {
    fake.format = '22';
    fake.setWeight('-0.050', 'kg');
    fake.startStreaming(50);
    const w = await waitWeight(scale, () => true);
    expect(w).toMatchObject({ value: '-0.050', milligrams: -50_000, state: 'stable' });
  });

  it('decides stability in software for the weight-only format', async () => {
    fake.format = '10';
    fake.setWeight('2.000', 'kg');
    fake.startStreaming(40);
    const first = await waitWeight(scale, () => true);
    expect(first.stable).toBe(false); // one reading proves nothing
    const settled = await waitWeight(scale, (w) => w.stable);
    expect(settled).toMatchObject({ value: '2.000', state: 'stable', milligrams: 2_000_000 });
    const moving = waitWeight(scale, (w) => w.value === '2.500');
    fake.setWeight('2.500', 'kg');
    expect((await moving).stable).toBe(false); // a new value restarts the run
  });

  it('zero and tare are not supported on a streaming indicator', async () => {
    const z = await scale.zero();
    expect(z.ok ? null : z.error.code).toBe('NOT_SUPPORTED');
    const t = await scale.tare();
    expect(t.ok ? null : t.error.code).toBe('NOT_SUPPORTED');
  });

  it('joins a line split across several reads', async () => {
    fake.setWeight('3.210', 'kg');
    const before = ports.reads();
    const got = waitWeight(scale, () => true);
    fake.splitNextResponse([2, 5, 9, 13, 16]);
    await fake.sendLine();
    expect(await got).toMatchObject({ value: '3.210', state: 'stable' });
    expect(ports.reads() - before).toBeGreaterThanOrEqual(3);
  });

  it('skips garbage between lines and reports a stream of garbage', async () => {
    const seen = collect(scale);
    fake.setWeight('0.500', 'kg');
    const good = waitWeight(scale, () => true);
    fake.garbageBeforeNextResponse(Buffer.from([0x00, 0xfe, 0x07]));
    await fake.sendLine();
    expect((await good).value).toBe('0.500');

    const error = waitStatus(scale, (s) => s.state === 'error');
    await fake.sendRaw('%%%%\r\nST,GS,+ 1.2.3kg\r\nST,GS,+99999999kg\r\nhello\r\n' + 'x'.repeat(300));
    expect((await error).code).toBe('GARBAGE');
    expect(seen.map((w) => w.value)).toEqual(['0.500']);

    const recovered = waitStatus(scale, (s) => s.state === 'connected');
    await fake.sendRaw('\r\n');
    await fake.sendLine();
    await recovered;
    expect(seen.map((w) => w.value)).toEqual(['0.500', '0.500']);
  });

  it('survives the port vanishing mid-read and reports weights again by itself', async () => {
    fake.setWeight('1.000', 'kg');
    fake.startStreaming(50);
    await waitWeight(scale, (w) => w.value === '1.000');

    const gone = waitStatus(scale, (s) => s.state === 'disconnected');
    fake.stopStreaming();
    await fake.sendRaw('ST,GS,+  9.'); // half a line, then the line dies
    await fake.vanish();
    await gone;
    const r = await scale.requestWeight();
    expect(r.ok ? null : r.error.code).toBe('NOT_CONNECTED');
    await sleep(500);

    const seen = collect(scale);
    fake.setWeight('4.321', 'kg');
    const back = waitWeight(scale, (w) => w.value === '4.321');
    // Listen before the port comes back: the driver may reconnect before the next line runs.
    const connected = waitStatus(scale, (s) => s.state === 'connected');
    await fake.comeBack();
    fake.startStreaming(50);
    await connected;
    await back;
    expect(seen.every((w) => w.value === '4.321')).toBe(true);
  });
});
