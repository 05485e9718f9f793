import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createSerialTransport, type PortLike, type TransportStatus } from '../../../../src/main/devices/serial/serial-transport';

/** A port that opens and never reports a hang-up by itself, like a read-only PTY whose peer died. */
function silentPort(): PortLike {
  const e = new EventEmitter();
  let open = false;
  return {
    get isOpen() {
      return open;
    },
    open: (cb) => {
      open = true;
      setImmediate(() => cb(null));
    },
    write: (_d, cb) => (cb(null), true),
    drain: (cb) => cb(null),
    close: (cb) => {
      open = false;
      cb(null);
    },
    on: (ev: string, fn: (...a: unknown[]) => void) => e.on(ev, fn),
    removeAllListeners: () => e.removeAllListeners(),
  } as PortLike;
}

const waitFor = (t: ReturnType<typeof createSerialTransport>, state: TransportStatus['state']) =>
  new Promise<TransportStatus>((resolve) => {
    if (t.status.state === state) return resolve(t.status);
    const off = t.on('status', (s) => {
      if (s.state === state) {
        off();
        resolve(s);
      }
    });
  });

describe('serial device path watch', () => {
  it('reports a port whose device path vanished, even when the port itself says nothing, and reopens when it is back', async () => {
    let present = true;
    let opened = 0;
    const t = createSerialTransport(
      { path: '/dev/ttyUSB9', baudRate: 9600, reconnectMs: 20, presenceMs: 10 },
      { createPort: () => (opened++, silentPort()), pathExists: () => present },
    );
    await waitFor(t, 'connected');
    present = false;
    const gone = await waitFor(t, 'disconnected');
    expect(gone.message).toBe('/dev/ttyUSB9 vanished');
    present = true;
    await waitFor(t, 'connected');
    expect(opened).toBeGreaterThanOrEqual(2);
    await t.close();
  });

  it('does not watch paths that are not files (Windows COM ports, mock ports)', async () => {
    const t = createSerialTransport({ path: 'COM3', baudRate: 9600, presenceMs: 5 }, { createPort: () => silentPort(), pathExists: () => null });
    await waitFor(t, 'connected');
    await new Promise((r) => setTimeout(r, 60));
    expect(t.status.state).toBe('connected');
    await t.close();
  });
});
