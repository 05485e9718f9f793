import fs from 'node:fs';
import path from 'node:path';
import type { PrinterConfig, ScaleConfig } from '../../../shared/api/devices';
import type { Clock } from '../../core/context';
import {
  createCupsRawTransport,
  createDeviceFileTransport,
  createJsonFileJobStore,
  createMemoryJobStore,
  createOsPrinter,
  createTcpTransport,
  createZplPrinter,
  osPrintUnavailable,
  type LabelPrinter,
  type OsPrintFn,
  type PrintJobStore,
  type QueueScheduler,
} from '../printer';
import type { Scale } from '../scale/types';
import type { HidDeviceInfo, Scanner } from '../scanner/types';
import type { SerialPortList } from '../serial/list-ports';

export type ActiveScaleConfig = Exclude<ScaleConfig, { kind: 'none' }>;
export type ActivePrinterConfig = Exclude<PrinterConfig, { kind: 'none' }>;

/**
 * Everything the device service builds hardware from. Injected so tests run the service against fakes (a PTY, a
 * TCP listener, recorded HID reports) and hosts can supply what only they have (OS printing on the desktop).
 */
export interface DeviceFactories {
  createScale(config: ActiveScaleConfig, clock: Clock): Promise<Scale>;
  createScanner(config: { path?: string | undefined }): Promise<Scanner>;
  createPrinter(config: ActivePrinterConfig, id: string): LabelPrinter;
  /** Every HID device (scanners are usage page 0x8C, scales 0x8D). */
  listHid(): Promise<HidDeviceInfo[]>;
  listSerial(): Promise<SerialPortList>;
  /** Where print jobs live between restarts. */
  jobStore(): PrintJobStore;
  scheduler?: QueueScheduler;
}

/**
 * The real drivers. serialport and node-hid load native code, so they are imported only when a device of theirs is
 * configured or listed: a missing binary, libusb or udevadm then becomes a device status instead of a core that
 * cannot start.
 */
export function defaultDeviceFactories(opts: { dbFile: string; osPrint?: OsPrintFn; log: (msg: string, e?: unknown) => void }): DeviceFactories {
  let hidBackend: Promise<import('../scanner/types').HidBackend> | undefined;
  const hid = () => (hidBackend ??= import('../scanner/node-hid-backend').then((m) => m.createNodeHidBackend()));
  return {
    async createScale(config, clock) {
      const { createScale } = await import('../scale');
      if (config.kind === 'hid') return createScale(config.path ? { kind: 'hid', path: config.path } : { kind: 'hid' }, { clock });
      return createScale(
        {
          kind: 'serial',
          protocol: config.protocol,
          path: config.path,
          baudRate: config.baudRate,
          dataBits: config.dataBits,
          parity: config.parity,
          stopBits: config.stopBits,
          ...(config.pollMs > 0 && { pollMs: config.pollMs }),
        },
        { clock },
      );
    },
    async createScanner(config) {
      const [{ createHidPosScanner }, { isHidPosScanner }, backend] = await Promise.all([import('../scanner/hid-pos-scanner'), import('../scanner/types'), hid()]);
      return createHidPosScanner({
        backend,
        ...(config.path ? { filter: (d: HidDeviceInfo) => isHidPosScanner(d) && d.path === config.path } : {}),
      });
    },
    createPrinter(config, id) {
      const name = config.name || describePrinter(config);
      switch (config.kind) {
        case 'zpl-tcp':
          return createZplPrinter({ id, name, transport: createTcpTransport({ host: config.host, port: config.port }) });
        case 'cups':
          return createZplPrinter({ id, name, transport: createCupsRawTransport(config.queue) });
        case 'usb-device':
          return createZplPrinter({ id, name, transport: createDeviceFileTransport(config.path) });
        case 'os':
          return createOsPrinter({ id, name, deviceName: config.deviceName, osPrint: opts.osPrint ?? osPrintUnavailable });
      }
    },
    async listHid() {
      return (await hid()).devices();
    },
    async listSerial() {
      const { listSerialPorts } = await import('../serial/list-ports');
      return listSerialPorts();
    },
    jobStore() {
      if (opts.dbFile === ':memory:' || opts.dbFile === '') return createMemoryJobStore();
      return openJobFile(path.join(path.dirname(path.resolve(opts.dbFile)), 'print-jobs.json'), opts.log);
    },
  };
}

/** A damaged jobs file must not stop the core: it is kept aside for inspection and the queue starts empty. */
function openJobFile(file: string, log: (msg: string, e?: unknown) => void): PrintJobStore {
  try {
    return createJsonFileJobStore(file);
  } catch (e) {
    const aside = `${file}.damaged-${Date.now()}`;
    log(`Print job file ${file} is unreadable; moved to ${aside}`, e);
    try {
      fs.renameSync(file, aside);
      return createJsonFileJobStore(file);
    } catch (e2) {
      log('Print jobs are kept in memory only this session', e2);
      return createMemoryJobStore();
    }
  }
}

export function describePrinter(config: ActivePrinterConfig): string {
  switch (config.kind) {
    case 'zpl-tcp':
      return `${config.host}:${config.port}`;
    case 'cups':
      return `cups:${config.queue}`;
    case 'usb-device':
      return config.path;
    case 'os':
      return config.deviceName;
  }
}
