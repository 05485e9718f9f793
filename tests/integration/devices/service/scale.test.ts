import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeMtSicsScale } from '../../../fakes/scale/fake-mt-sics';
import type { PtyPair } from '../../../fakes/scale/pty-pair';
import { makeCore, type TestCore } from '../../../helpers/core';
import { SKIP_REASON, SOCAT, startPair } from '../scale/helpers';
import { nextEvent, record, until } from './helpers';

describe.skipIf(!SOCAT)(`a serial scale configured through the API, over a socat PTY${SKIP_REASON}`, () => {
  let pty: PtyPair;
  let cleanup: () => Promise<void>;
  let fake: FakeMtSicsScale;
  let c: TestCore;

  beforeEach(async () => {
    ({ pty, cleanup } = await startPair());
    fake = new FakeMtSicsScale(pty);
    await fake.open();
    fake.setWeight('0.00', 'g');
    c = makeCore();
  });

  afterEach(async () => {
    await c.dispose();
    await fake.close();
    await cleanup();
  });

  const configure = (pollMs: number) =>
    c.ok('devices.configure', { scale: { kind: 'serial', protocol: 'mt-sics', path: pty.a, baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1, pollMs } });

  it('forwards weights to the bus as they change, shows the last one in devices.status, and survives unplugging', async () => {
    const connected = nextEvent(c.bus, 'scale.status', (s) => s.state === 'connected');
    configure(100);
    expect(await connected).toMatchObject({ kind: 'serial', can: { zero: true, tare: true, read: true } });

    const weights = record(c.bus, 'scale.weight');
    fake.setWeight('123.45', 'g');
    const w = await nextEvent(c.bus, 'scale.weight', (x) => x.value === '123.45');
    expect(w).toMatchObject({ value: '123.45', unit: 'g', grams: '123.45', milligrams: 123_450, stable: true, state: 'stable' });

    // Several more polls of the same load: the bus hears about the change once, not twice a second.
    const polls = fake.received.length;
    await until(() => fake.received.length >= polls + 3, 'three more polls');
    expect(weights.filter((x) => x.value === '123.45')).toHaveLength(1);

    const status = c.ok('devices.status', {});
    expect(status.scale).toMatchObject({ state: 'connected', lastWeight: { value: '123.45', milligrams: 123_450 } });
    const listed = c.ok('devices.list', { refresh: false }).devices.find((d) => d.path === pty.a);
    expect(listed).toMatchObject({ kind: 'serial-port', assigned: true, state: 'connected' });

    // Unplugged (socat killed): a status, not an exception; commands are refused until it is back.
    const gone = nextEvent(c.bus, 'scale.status', (s) => s.state === 'disconnected');
    await fake.vanish();
    expect((await gone).message).toContain(pty.a);
    expect(c.call('scale.read', {})).toMatchObject({ ok: false, error: { code: 'DEVICE_OFFLINE' } });
    expect(c.ok('devices.status', {}).scale).toMatchObject({ state: 'disconnected', lastError: { code: 'NOT_CONNECTED' }, lastWeight: { value: '123.45' } });
    const back = nextEvent(c.bus, 'scale.status', (s) => s.state === 'connected');
    fake.setWeight('7.00', 'g');
    await fake.comeBack();
    await back;
    await nextEvent(c.bus, 'scale.weight', (x) => x.value === '7.00');
  });

  it('answers scale.read, scale.tare and scale.zero through scale.command', async () => {
    const connected = nextEvent(c.bus, 'scale.status', (s) => s.state === 'connected');
    configure(0);
    await connected;
    expect(fake.received).toEqual([]); // polling off: the scale is only asked on request

    fake.setWeight('50.00', 'g');
    const read = c.ok('scale.read', {});
    const answer = await nextEvent(c.bus, 'scale.command', (e) => e.requestId === read.requestId);
    expect(answer).toMatchObject({ command: 'read', ok: true, weight: { value: '50.00', grams: '50', milligrams: 50_000 }, error: null });

    const tare = c.ok('scale.tare', {});
    expect(await nextEvent(c.bus, 'scale.command', (e) => e.requestId === tare.requestId)).toMatchObject({ ok: true, weight: { value: '50.00' } });
    expect(fake.received).toEqual(['SI', 'T']);

    fake.forceReply = 'EL';
    const zero = c.ok('scale.zero', {});
    const refused = await nextEvent(c.bus, 'scale.command', (e) => e.requestId === zero.requestId);
    expect(refused).toMatchObject({ ok: false, error: { code: 'DEVICE_ERROR' } });
    expect(c.ok('devices.status', {}).scale.lastError).toMatchObject({ code: 'DEVICE_ERROR' });
  });

  it('refuses commands the protocol lacks, and stops the scale when unassigned', async () => {
    c.ok('devices.configure', { scale: { kind: 'serial', protocol: 'scp-01', path: pty.a, baudRate: 9600, pollMs: 0 } });
    // Decided from the protocol, before any byte is sent.
    expect(c.call('scale.tare', {})).toMatchObject({ ok: false, error: { code: 'NOT_SUPPORTED' } });
    expect(c.ok('devices.status', {}).scale.can).toEqual({ zero: true, tare: false, read: true });

    c.ok('devices.configure', { scale: { kind: 'serial', protocol: 'cas', path: pty.a, baudRate: 9600 } });
    expect(c.call('scale.zero', {})).toMatchObject({ ok: false, error: { code: 'NOT_SUPPORTED' } });
    await c.devices.settled();

    c.ok('devices.configure', { scale: { kind: 'none' } });
    await c.devices.settled();
    expect(c.ok('devices.status', {}).scale).toMatchObject({ kind: 'none', state: 'not-configured', lastWeight: null });
    expect(c.call('scale.read', {})).toMatchObject({ ok: false, error: { code: 'DEVICE_NOT_CONFIGURED' } });
  });
});
