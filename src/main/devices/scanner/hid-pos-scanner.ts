import { describeAim } from '../../../shared/scan/aim';
import { HONEYWELL_LAYOUT, ReportAssembler, realTimers, type HidPosLayout, type Timers } from './hid-pos-report';
import {
  isHidPosScanner,
  type HidBackend,
  type HidDeviceInfo,
  type HidTransport,
  type Scanner,
  type ScannerEvents,
  type ScannerStatus,
} from './types';

export interface HidPosScannerOptions {
  backend: HidBackend;
  /** Which devices to use; default: usage page 0x8C, usage 0x02. The first match with a path is opened. */
  filter?: (d: HidDeviceInfo) => boolean;
  layout?: HidPosLayout;
  /** Gap allowed between reports of one scan before the partial scan is dropped. */
  partialTimeoutMs?: number;
  /** How often to look for the device while disconnected. */
  pollMs?: number;
  /** Feature reports sent after opening, e.g. [[0xfe, 0x01]] to put a Honeywell into HID POS mode. */
  initFeatureReports?: number[][];
  /** Fixed source name; default "hid:vvvv:pppp" from the device found. */
  source?: string;
  now?: () => Date;
  timers?: Timers & { setInterval(fn: () => void, ms: number): unknown; clearInterval(h: unknown): void };
}

const hex4 = (n: number): string => n.toString(16).padStart(4, '0');
const errText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

const defaultTimers = {
  ...realTimers,
  setInterval: (fn: () => void, ms: number): unknown => setInterval(fn, ms),
  clearInterval: (h: unknown): void => clearInterval(h as ReturnType<typeof setInterval>),
};

/**
 * A HID POS barcode scanner. Unplugging is normal: the driver reports "disconnected", keeps polling and reopens the
 * device when it comes back. A missing node-hid binary or libusb is a status, never a crash.
 */
export function createHidPosScanner(opts: HidPosScannerOptions): Scanner {
  const filter = opts.filter ?? isHidPosScanner;
  const layout = opts.layout ?? HONEYWELL_LAYOUT;
  const pollMs = opts.pollMs ?? 2000;
  const now = opts.now ?? (() => new Date());
  const timers = opts.timers ?? defaultTimers;
  const listeners: { [E in keyof ScannerEvents]: Set<(p: ScannerEvents[E]) => void> } = { scan: new Set(), status: new Set(), fault: new Set() };

  let source = opts.source ?? 'hid';
  let status: ScannerStatus = { state: 'disconnected', message: 'not started' };
  let transport: HidTransport | undefined;
  let poller: unknown;
  let polling = false;
  let stopped = true;
  /** Bumped on every (dis)connect so late events from an old transport are ignored. */
  let generation = 0;

  const emit = <E extends keyof ScannerEvents>(event: E, payload: ScannerEvents[E]): void => {
    for (const fn of listeners[event]) {
      try {
        fn(payload);
      } catch {
        // A failing listener must not take the driver down with it.
      }
    }
  };
  const setStatus = (next: ScannerStatus): void => {
    if (next.state === status.state && next.message === status.message) return;
    status = next;
    emit('status', next);
  };

  const assembler = new ReportAssembler(
    layout,
    opts.partialTimeoutMs ?? 300,
    {
      scan: (raw, aim) => {
        const event: ScannerEvents['scan'] = { raw, symbology: aim ? describeAim(aim).symbology : 'unknown', source, at: now().toISOString() };
        if (aim) event.aim = aim;
        emit('scan', event);
      },
      fault: (code, message) => emit('fault', { code, message, source, at: now().toISOString() }),
    },
    timers,
  );

  const closeQuietly = async (t: HidTransport): Promise<void> => {
    try {
      await t.close();
    } catch {
      // Closing an unplugged device may fail; it is gone either way.
    }
  };

  const lost = (message: string): void => {
    const t = transport;
    transport = undefined;
    generation++;
    assembler.abandon('the scanner disconnected');
    if (t) void closeQuietly(t);
    setStatus({ state: 'disconnected', message, code: 'TRANSPORT' });
  };

  const tryConnect = async (): Promise<void> => {
    if (transport || stopped || polling) return;
    polling = true;
    try {
      let list: HidDeviceInfo[];
      try {
        list = await opts.backend.devices();
      } catch (e) {
        setStatus({ state: 'error', message: `HID is unavailable: ${errText(e)}`, code: 'HID_UNAVAILABLE' });
        return;
      }
      const device = list.find((d) => d.path && filter(d));
      if (!device) {
        setStatus({ state: 'disconnected', message: 'no HID POS scanner found' });
        return;
      }
      let t: HidTransport;
      try {
        t = await opts.backend.open(device.path!);
      } catch (e) {
        setStatus({ state: 'error', message: `cannot open ${device.product ?? device.path}: ${errText(e)}`, code: 'OPEN_FAILED' });
        return;
      }
      if (stopped) {
        await closeQuietly(t);
        return;
      }
      const mine = ++generation;
      transport = t;
      source = opts.source ?? `hid:${hex4(device.vendorId)}:${hex4(device.productId)}`;
      t.on('data', (buf: Buffer) => {
        if (mine === generation) assembler.push(buf);
      });
      t.on('error', (err: Error) => {
        if (mine === generation) lost(`scanner disconnected: ${errText(err)}`);
      });
      for (const report of opts.initFeatureReports ?? []) {
        try {
          await t.sendFeatureReport?.(report);
        } catch (e) {
          emit('fault', { code: 'TRANSPORT', message: `feature report ${report[0]} failed: ${errText(e)}`, source, at: now().toISOString() });
        }
      }
      setStatus({ state: 'connected', message: `connected to ${device.product ?? source}` });
    } finally {
      polling = false;
    }
  };

  return {
    get source() {
      return source;
    },
    get status() {
      return status;
    },
    on(event, fn) {
      const set = listeners[event] as Set<typeof fn>;
      set.add(fn);
      return () => {
        set.delete(fn);
      };
    },
    async start() {
      if (!stopped) return;
      stopped = false;
      poller = timers.setInterval(() => void tryConnect(), pollMs);
      await tryConnect();
    },
    async stop() {
      stopped = true;
      if (poller !== undefined) timers.clearInterval(poller);
      poller = undefined;
      const t = transport;
      transport = undefined;
      generation++;
      assembler.abandon('the scanner was stopped');
      if (t) await closeQuietly(t);
      setStatus({ state: 'disconnected', message: 'stopped', code: 'STOPPED' });
    },
  };
}
