import type { Clock } from '../../../core/context';
import { createScaleCore } from '../scale-core';
import type { PlausibilityOptions, Scale, ScaleResult, StabilityOptions } from '../types';
import { hex, HID_SCALE_USAGE_PAGE, hidReportToReading, parseHidScaleReport } from './hid-report';
import type { HidBackend, HidDeviceInfo, HidTransport } from './hid-transport';

export interface HidScaleOptions {
  backend: HidBackend;
  /** Pick one scale when several are attached; by default the first device on usage page 0x8D. */
  path?: string;
  vendorId?: number;
  productId?: number;
  /** How often to look for the scale while none is open, ms (default 2000). */
  reconnectMs?: number;
  /** How long requestWeight waits for the next report, ms (default 2000). */
  requestTimeoutMs?: number;
  clock?: Clock;
  stability?: StabilityOptions;
  plausibility?: PlausibilityOptions;
}

/**
 * A USB HID POS scale. It streams reports by itself; we only listen. Unplugging surfaces as an 'error' from
 * node-hid ("could not read from HID device"), after which we close, report disconnected and poll the device
 * list until a matching scale appears again.
 */
export function createHidScale(options: HidScaleOptions): Scale {
  const core = createScaleCore(options);
  const reconnectMs = options.reconnectMs ?? 2000;
  const timeoutMs = options.requestTimeoutMs ?? 2000;
  let device: HidTransport | null = null;
  let timer: NodeJS.Timeout | null = null;
  let closed = false;

  const matches = (d: HidDeviceInfo): boolean =>
    d.usagePage === HID_SCALE_USAGE_PAGE &&
    d.path !== undefined &&
    (options.path === undefined || d.path === options.path) &&
    (options.vendorId === undefined || d.vendorId === options.vendorId) &&
    (options.productId === undefined || d.productId === options.productId);

  const schedule = (): void => {
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = null;
      void connect();
    }, reconnectMs);
  };

  const drop = (message: string): void => {
    const d = device;
    device = null;
    if (d) {
      void Promise.resolve()
        .then(() => d.close())
        .catch(() => undefined);
    }
    core.setLink(false, message);
    schedule();
  };

  const connect = async (): Promise<void> => {
    if (closed || device) return;
    let info: HidDeviceInfo | undefined;
    try {
      info = (await options.backend.devices()).find(matches);
    } catch (err) {
      core.setLink(false, `cannot list HID devices: ${text(err)}`);
      schedule();
      return;
    }
    if (!info?.path) {
      core.setLink(false, 'no USB scale (HID usage page 0x8D) found');
      schedule();
      return;
    }
    let d: HidTransport;
    try {
      d = await options.backend.open(info.path);
    } catch (err) {
      core.setLink(false, `cannot open ${info.product ?? 'scale'} at ${info.path}: ${text(err)}`);
      schedule();
      return;
    }
    if (closed) {
      await Promise.resolve(d.close()).catch(() => undefined);
      return;
    }
    device = d;
    d.on('data', (data) => {
      if (device !== d) return;
      const parsed = parseHidScaleReport(data);
      if (!parsed.ok) {
        core.bad(parsed.reason);
        return;
      }
      const reading = hidReportToReading(parsed.report);
      if ('bad' in reading) core.bad(reading.bad);
      else core.accept(reading, hex(data));
    });
    d.on('error', (err) => {
      if (device === d) drop(`scale unplugged or unreadable: ${err.message}`);
    });
    const name = [info.manufacturer, info.product].filter(Boolean).join(' ') || 'USB scale';
    core.setLink(true, `${name} (${hex4(info.vendorId)}:${hex4(info.productId)}) connected`);
  };

  timer = setTimeout(() => {
    timer = null;
    void connect();
  }, 0);

  return {
    on: core.on,
    get status() {
      return core.status;
    },
    async zero(): Promise<ScaleResult<void>> {
      const d = device;
      if (!d) return { ok: false, error: { code: 'NOT_CONNECTED', message: core.status.message } };
      if (!d.write) return { ok: false, error: { code: 'NOT_SUPPORTED', message: 'this HID transport cannot send output reports' } };
      try {
        // Scale control report (id 2) with the Zero Scale bit, as usbscale sends it; there is no acknowledgement.
        await d.write([0x02, 0x02]);
        return { ok: true, value: undefined };
      } catch (err) {
        return { ok: false, error: { code: 'TRANSPORT', message: text(err) } };
      }
    },
    async tare() {
      return { ok: false, error: { code: 'NOT_SUPPORTED', message: 'USB HID scales have no tare command' } };
    },
    async requestWeight() {
      if (closed) return { ok: false, error: { code: 'CLOSED', message: 'scale closed' } };
      if (!device) return { ok: false, error: { code: 'NOT_CONNECTED', message: core.status.message } };
      return core.nextWeight(timeoutMs);
    },
    async close() {
      if (closed) return;
      closed = true;
      if (timer) clearTimeout(timer);
      timer = null;
      const d = device;
      device = null;
      if (d) await Promise.resolve(d.close()).catch(() => undefined);
      core.setLink(false, 'closed');
      core.dispose();
    },
  };
}

const text = (err: unknown): string => (err instanceof Error ? err.message : String(err));
const hex4 = (n: number): string => n.toString(16).padStart(4, '0');
