import { randomUUID } from 'node:crypto';
import type {
  DetectedDevice,
  DeviceConfig,
  DeviceInventory,
  DevicesStatus,
  LabelSizeInput,
  LabelTemplate,
  PrinterConfig,
  PrinterStationStatus,
  PrintJobInfo,
  ScaleConfig,
  ScaleStatus,
  ScaleWeight,
  ScannerConfig,
  ScannerStatus,
  ScanResult,
} from '../../../shared/api/devices';
import { DomainError, fail } from '../../../shared/errors';
import type { EventName, Events } from '../../../shared/events';
import type { LedgerEnv } from '../../ledger/env';
import type { Dpi, RenderedLabel } from '../labels';
import { createPrintQueue, payloadFor, type LabelPrinter, type PrinterStatus, type PrintJob, type PrintQueue } from '../printer';
import { createCasProtocol } from '../scale/protocols/cas';
import { createMtSicsProtocol } from '../scale/protocols/mt-sics';
import { createScp01Protocol } from '../scale/protocols/scp-01';
import type { Scale, ScaleStatus as ScaleDriverStatus } from '../scale/types';
import type { HidDeviceInfo, Scanner, ScannerStatus as ScannerDriverStatus } from '../scanner/types';
import type { SerialPortInfo } from '../serial/list-ports';
import { loadDeviceConfig, saveDeviceConfig } from './device-config-store';
import { describePrinter, type DeviceFactories } from './device-factories';
import { listTemplates, renderLabel } from './label-service';
import { runScan, type ScanInput } from './scan-pipeline';

/** One label printer per station; jobs name it by this id so a reconfigured printer takes over the waiting jobs. */
export const STATION_PRINTER_ID = 'station';
const RECENT_SCANS = 50;
/** Enumeration shells out (udevadm) or calls into libusb; a hung call must not leave devices.list "scanning" forever. */
const ENUMERATION_TIMEOUT_MS = 5000;

type ScaleCommand = 'zero' | 'tare' | 'read';
type Can = ScaleStatus['can'];

export interface DeviceServiceOptions {
  env: LedgerEnv;
  factories: DeviceFactories;
  log: (msg: string, e?: unknown) => void;
  newId?: () => string;
}

export interface DeviceService {
  submitScan(input: ScanInput): ScanResult;
  recentScans(limit: number): ScanResult[];
  config(): DeviceConfig;
  configure(patch: Partial<DeviceConfig>): DeviceConfig;
  status(): DevicesStatus;
  /** The last enumeration; starts another in the background when `refresh`. */
  inventory(refresh: boolean): DeviceInventory;
  refreshInventory(): Promise<DeviceInventory>;
  scaleCommand(command: ScaleCommand): { requestId: string; command: ScaleCommand };
  templates(): ReturnType<typeof listTemplates>;
  preview(req: { template: LabelTemplate; data: Record<string, unknown>; dpi?: Dpi | undefined; size?: LabelSizeInput | undefined }): RenderedLabel;
  print(req: { template: LabelTemplate; data: Record<string, unknown>; copies: number }): PrintJobInfo;
  printTest(): PrintJobInfo;
  printerStatus(refresh: boolean): PrinterStationStatus;
  refreshPrinterStatus(): Promise<PrinterStationStatus>;
  jobs(): PrintJobInfo[];
  cancelJob(id: string): PrintJobInfo;
  retryJob(id: string): PrintJobInfo;
  /** Starts the configured devices. Failures become statuses; nothing here throws. */
  start(): void;
  /** Resolves once every device start/stop asked for so far has happened (tests and orderly shutdown). */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

const errText = (e: unknown): string => (e instanceof Error ? e.message : String(e));
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
const hex4 = (n: number): string => n.toString(16).padStart(4, '0');
const HID_POS_SCANNER_PAGE = 0x8c;
const HID_SCALE_PAGE = 0x8d;

const NOTHING: Can = { zero: false, tare: false, read: false };

/** What a configured scale can be asked; serial protocols answer from their own encoders, so this cannot drift. */
export function scaleCapabilities(cfg: ScaleConfig): Can {
  switch (cfg.kind) {
    case 'none':
      return NOTHING;
    case 'hid':
      // HID POS scales stream by themselves, take a zero output report and have no tare command (see hid-scale).
      return { zero: true, tare: false, read: true };
    case 'serial': {
      const p = cfg.protocol === 'mt-sics' ? createMtSicsProtocol() : cfg.protocol === 'scp-01' ? createScp01Protocol() : createCasProtocol();
      // Streaming indicators send weights unasked: a read waits for the next one.
      return { zero: p.encode('zero') !== null, tare: p.encode('tare') !== null, read: p.streaming || p.encode('weight') !== null };
    }
  }
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
    t.unref?.();
    p.then(
      (v) => (clearTimeout(t), resolve(v)),
      (e: unknown) => (clearTimeout(t), reject(e instanceof Error ? e : new Error(String(e)))),
    );
  });
}

function labelTitle(template: LabelTemplate, data: Record<string, unknown>, copies: number): string {
  const s = (k: string): string => (typeof data[k] === 'string' ? (data[k] as string) : '');
  const what: Record<LabelTemplate, string> = {
    item: `Item ${s('sku')}`,
    bin: `Bin ${s('code')}`,
    'gs1-128': `GS1-128 ${s('gtin')}`,
    'gs1-datamatrix': `GS1 DataMatrix ${s('gtin')}`,
    shipping: `Shipping ${s('orderNumber')}`,
    sscc: `SSCC ${s('sscc')}`,
    'packing-slip': `Packing slip ${s('orderNumber')}`,
  };
  return copies > 1 ? `${what[template]} ×${copies}` : what[template];
}

/**
 * The bench devices of this station, wired to the core: the configured scanner and scale are started and their events
 * forwarded to the bus, restarted when their configuration changes and stopped with the core; labels go through a
 * persistent print queue to the configured printer. Every device failure is a status and a last error, never an
 * exception out of the core.
 */
export function createDeviceService(opts: DeviceServiceOptions): DeviceService {
  const { env, factories, log } = opts;
  const newId = opts.newId ?? (() => randomUUID());
  const iso = (): string => env.clock.now().toISOString();
  const errAt = (code: string, message: string) => ({ code, message, at: iso() });

  let config = loadDeviceConfig(env.sql, log);
  let stopped = false;
  let chain: Promise<void> = Promise.resolve();
  const scans: ScanResult[] = [];

  /** A listener that throws (a closed hub socket, a bug in a window) must not break a driver callback or a handler. */
  const emit = <E extends EventName>(name: E, payload: Events[E]): void => {
    if (stopped) return;
    try {
      env.bus.emit(name, payload);
    } catch (e) {
      log(`A ${name} listener failed`, e);
    }
  };

  /** Device starts and stops run one after another, so a port is closed before it is opened again. */
  const enqueue = (task: () => Promise<void>): void => {
    chain = chain.then(task).catch((e: unknown) => log('Device task failed', e));
  };

  // ---------------------------------------------------------------------------------------------- scans

  function submitScan(input: ScanInput): ScanResult {
    const result = runScan(env, input, config.internalPrefixes, { id: newId(), at: env.clock.now() });
    scans.unshift(result);
    if (scans.length > RECENT_SCANS) scans.length = RECENT_SCANS;
    emit('scan', result);
    return result;
  }

  // ---------------------------------------------------------------------------------------------- scale

  let scale: Scale | null = null;
  let scaleOffs: Array<() => void> = [];
  let scaleGen = 0;
  let lastWeightKey = '';
  let scaleState: ScaleStatus = { kind: 'none', state: 'not-configured', message: 'No scale configured', lastError: null, lastWeight: null, can: NOTHING };

  const setScale = (next: ScaleStatus): void => {
    const changed = !same({ ...scaleState, lastWeight: null }, { ...next, lastWeight: null });
    scaleState = next;
    if (changed) emit('scale.status', scaleState);
  };

  const onScaleStatus = (s: ScaleDriverStatus): void => {
    const next: ScaleStatus = { ...scaleState, state: s.state, message: s.message };
    if (s.code) next.code = s.code;
    else delete next.code;
    // Losing a scale that was there is an error worth keeping after it comes back; not finding one at start is just a status.
    const lost = scaleState.state === 'connected' && s.state === 'disconnected';
    if (s.state === 'error' || lost || (s.state === 'disconnected' && s.code && s.code !== 'CLOSED')) next.lastError = errAt(s.code ?? (lost ? 'NOT_CONNECTED' : 'DEVICE_ERROR'), s.message);
    setScale(next);
  };

  const onWeight = (w: ScaleWeight): void => {
    scaleState = { ...scaleState, lastWeight: w };
    // Polled scales repeat the same reading twice a second; every window and hub client only needs the changes.
    const key = `${w.state}|${w.stable}|${w.value}|${w.unitRaw}`;
    if (key === lastWeightKey) return;
    lastWeightKey = key;
    emit('scale.weight', w);
  };

  async function closeScale(): Promise<void> {
    const s = scale;
    scale = null;
    for (const off of scaleOffs) off();
    scaleOffs = [];
    if (s) await s.close().catch((e: unknown) => log('Closing the scale failed', e));
  }

  function restartScale(cfg: ScaleConfig): void {
    const gen = ++scaleGen;
    lastWeightKey = '';
    if (cfg.kind === 'none') setScale({ kind: 'none', state: 'not-configured', message: 'No scale configured', lastError: null, lastWeight: null, can: NOTHING });
    else setScale({ kind: cfg.kind, state: 'disconnected', message: 'Starting', lastError: null, lastWeight: null, can: scaleCapabilities(cfg) });
    enqueue(async () => {
      await closeScale();
      if (gen !== scaleGen || stopped || cfg.kind === 'none') return;
      try {
        const s = await factories.createScale(cfg, env.clock);
        if (gen !== scaleGen || stopped) {
          await s.close();
          return;
        }
        scale = s;
        scaleOffs = [s.on('status', onScaleStatus), s.on('weight', onWeight)];
        onScaleStatus(s.status);
      } catch (e) {
        const message = `Cannot start the scale: ${errText(e)}`;
        setScale({ ...scaleState, state: 'error', message, lastError: errAt('DEVICE_ERROR', message) });
      }
    });
  }

  function scaleCommand(command: ScaleCommand): { requestId: string; command: ScaleCommand } {
    if (config.scale.kind === 'none') fail('DEVICE_NOT_CONFIGURED', 'No scale is configured for this station');
    if (!scaleState.can[command]) {
      const what = config.scale.kind === 'serial' ? `A ${config.scale.protocol} scale` : 'A USB HID scale';
      fail('NOT_SUPPORTED', `${what} cannot be asked to ${command === 'read' ? 'send a weight' : command}`);
    }
    const s = scale;
    if (!s || s.status.state !== 'connected') fail('DEVICE_OFFLINE', `The scale is not connected: ${scaleState.message}`);
    const requestId = newId();
    const run = command === 'zero' ? s!.zero() : command === 'tare' ? s!.tare() : s!.requestWeight();
    void run
      .then((r) => {
        if (!r.ok) scaleState = { ...scaleState, lastError: errAt(r.error.code, r.error.message) };
        emit('scale.command', {
          requestId,
          command,
          ok: r.ok,
          weight: r.ok && r.value ? r.value : null,
          error: r.ok ? null : { code: r.error.code, message: r.error.message },
        });
      })
      .catch((e: unknown) => emit('scale.command', { requestId, command, ok: false, weight: null, error: { code: 'DEVICE_ERROR', message: errText(e) } }));
    return { requestId, command };
  }

  // ---------------------------------------------------------------------------------------------- scanner

  let scanner: Scanner | null = null;
  let scannerOffs: Array<() => void> = [];
  let scannerGen = 0;
  let scannerState: ScannerStatus = { kind: 'none', state: 'not-configured', message: 'No scanner configured', source: null, lastError: null };

  const setScanner = (next: ScannerStatus): void => {
    const changed = !same(scannerState, next);
    scannerState = next;
    if (changed) emit('scanner.status', scannerState);
  };

  const onScannerStatus = (s: ScannerDriverStatus): void => {
    const lastError = s.state === 'error' || (s.code && s.code !== 'STOPPED') ? errAt(s.code ?? 'TRANSPORT', s.message) : scannerState.lastError;
    setScanner({ ...scannerState, state: s.state, message: s.message, source: scanner?.source ?? scannerState.source, lastError });
  };

  async function closeScanner(): Promise<void> {
    const s = scanner;
    scanner = null;
    for (const off of scannerOffs) off();
    scannerOffs = [];
    if (s) await s.stop().catch((e: unknown) => log('Stopping the scanner failed', e));
  }

  function restartScanner(cfg: ScannerConfig): void {
    const gen = ++scannerGen;
    switch (cfg.kind) {
      case 'none':
        setScanner({ kind: 'none', state: 'not-configured', message: 'No scanner configured', source: null, lastError: null });
        break;
      case 'wedge':
        // The window sees the keystrokes, not the core: a wedge scanner is as present as the keyboard.
        setScanner({ kind: 'wedge', state: 'connected', message: 'Keyboard-wedge scans are detected in the app window', source: 'wedge', lastError: null });
        break;
      case 'hid':
        setScanner({ kind: 'hid', state: 'disconnected', message: 'Starting', source: null, lastError: null });
        break;
    }
    enqueue(async () => {
      await closeScanner();
      if (gen !== scannerGen || stopped || cfg.kind !== 'hid') return;
      try {
        const s = await factories.createScanner({ path: cfg.path });
        if (gen !== scannerGen || stopped) return;
        scanner = s;
        scannerOffs = [
          s.on('status', onScannerStatus),
          s.on('scan', (e) => void submitScan({ raw: e.raw, source: 'hid', aim: e.aim })),
          s.on('fault', (f) => setScanner({ ...scannerState, lastError: errAt(f.code, f.message) })),
        ];
        await s.start();
      } catch (e) {
        const message = `Cannot start the scanner: ${errText(e)}`;
        setScanner({ ...scannerState, state: 'error', message, lastError: errAt('HID_UNAVAILABLE', message) });
      }
    });
  }

  // ---------------------------------------------------------------------------------------------- printer

  let printer: LabelPrinter | null = null;
  let printerGen = 0;
  let statusInFlight: { gen: number; p: Promise<PrinterStationStatus> } | null = null;
  let printerState: Omit<PrinterStationStatus, 'queue' | 'checking'> = {
    kind: 'none',
    id: null,
    name: null,
    state: 'not-configured',
    problems: [],
    host: null,
    errorCode: null,
    checkedAt: null,
    lastError: null,
  };

  const queue: PrintQueue = createPrintQueue({
    store: factories.jobStore(),
    printers: (id) => (id === STATION_PRINTER_ID && printer ? printer : undefined),
    ...(factories.scheduler && { scheduler: factories.scheduler }),
    onChange: (job) => {
      if (job.lastError && (job.status === 'queued' || job.status === 'failed')) {
        printerState = { ...printerState, lastError: errAt(job.lastError.code, job.lastError.message) };
      }
      emit('printer.job', jobInfo(job));
    },
  });

  function printerSnapshot(): PrinterStationStatus {
    const jobs = queue.list();
    const count = (s: PrintJob['status']): number => jobs.filter((j) => j.status === s).length;
    return {
      ...printerState,
      checking: statusInFlight !== null && statusInFlight.gen === printerGen,
      queue: { queued: count('queued'), printing: count('printing'), failed: count('failed') },
    };
  }

  function setupPrinter(cfg: PrinterConfig): void {
    printerGen++;
    printer = null;
    if (cfg.kind === 'none') {
      printerState = { kind: 'none', id: null, name: null, state: 'not-configured', problems: [], host: null, errorCode: null, checkedAt: null, lastError: null };
    } else {
      const name = cfg.name || describePrinter(cfg);
      printerState = { kind: cfg.kind, id: STATION_PRINTER_ID, name, state: 'unknown', problems: [], host: null, errorCode: null, checkedAt: null, lastError: null };
      try {
        printer = factories.createPrinter(cfg, STATION_PRINTER_ID);
      } catch (e) {
        const message = `Cannot set up the printer: ${errText(e)}`;
        printerState = { ...printerState, problems: [message], lastError: errAt('PRINTER_OFFLINE', message) };
      }
    }
    emit('printer.status', printerSnapshot());
    if (printer) {
      // Jobs that waited for a printer (or for this one to be fixed) go now.
      queue.kick();
      void refreshPrinterStatus();
    }
  }

  function refreshPrinterStatus(): Promise<PrinterStationStatus> {
    const p = printer;
    if (!p) return Promise.resolve(printerSnapshot());
    if (statusInFlight && statusInFlight.gen === printerGen) return statusInFlight.p;
    const gen = printerGen;
    const run = (async (): Promise<PrinterStationStatus> => {
      let st: PrinterStatus;
      try {
        st = await p.status();
      } catch (e) {
        st = { state: 'unknown', problems: [errText(e)], errorCode: 'PRINTER_STATUS_FAILED' };
      }
      if (gen === printerGen) {
        statusInFlight = null;
        const failed = st.state === 'offline' || (st.state === 'unknown' && st.errorCode !== undefined && st.errorCode !== 'PRINTER_UNSUPPORTED');
        printerState = {
          ...printerState,
          state: st.state,
          problems: st.problems,
          host: st.host ?? null,
          errorCode: st.errorCode ?? null,
          checkedAt: iso(),
          lastError: failed ? errAt(st.errorCode ?? 'PRINTER_OFFLINE', st.problems[0] ?? 'Printer did not answer') : printerState.lastError,
        };
        emit('printer.status', printerSnapshot());
      }
      return printerSnapshot();
    })();
    statusInFlight = { gen, p: run };
    return run;
  }

  const jobInfo = (j: PrintJob): PrintJobInfo => ({
    id: j.id,
    printerId: j.printerId,
    title: j.title,
    payloadType: j.payload.type,
    status: j.status,
    attempts: j.attempts,
    lastError: j.lastError ?? null,
    createdAt: j.createdAt,
    updatedAt: j.updatedAt,
    retryAt: j.status === 'queued' && j.notBefore ? new Date(j.notBefore).toISOString() : null,
  });

  const requirePrinter = (): LabelPrinter => printer ?? fail('DEVICE_NOT_CONFIGURED', 'No label printer is configured for this station');

  function enqueueLabel(p: LabelPrinter, label: RenderedLabel, title: string): PrintJobInfo {
    try {
      return jobInfo(queue.enqueue({ printerId: STATION_PRINTER_ID, payload: payloadFor(p, label), title }));
    } catch (e) {
      // Only a stopped queue refuses work: the core is shutting down.
      throw new DomainError('PRINTER_OFFLINE', errText(e));
    }
  }

  const findJob = (id: string): PrintJob => queue.get(id) ?? fail('NOT_FOUND', `There is no print job ${id}`);

  // ---------------------------------------------------------------------------------------------- inventory

  let hidList: HidDeviceInfo[] = [];
  let hidReason: string | null = null;
  let serialList: SerialPortInfo[] = [];
  let serialReason: string | null = null;
  let scannedAt: string | null = null;
  let scanning: Promise<DeviceInventory> | null = null;

  function buildInventory(): DeviceInventory {
    const devices: DetectedDevice[] = [];
    const name = (d: HidDeviceInfo, fallback: string): string => [d.manufacturer, d.product].filter(Boolean).join(' ') || fallback;
    const scanners = hidList.filter((d) => d.usagePage === HID_POS_SCANNER_PAGE && d.path);
    const scales = hidList.filter((d) => d.usagePage === HID_SCALE_PAGE && d.path);
    const sc = config.scanner;
    const sl = config.scale;
    // Without a path the driver opens the first device it finds; mark that one as the assigned device.
    const usedScanner = sc.kind === 'hid' ? (sc.path ? scanners.find((d) => d.path === sc.path) : scanners[0]) : undefined;
    const usedScale = sl.kind === 'hid' ? (sl.path ? scales.find((d) => d.path === sl.path) : scales[0]) : undefined;
    for (const d of scanners) {
      const assigned = d === usedScanner;
      devices.push({
        kind: 'hid-scanner',
        path: d.path!,
        name: name(d, 'HID POS scanner'),
        vendorId: hex4(d.vendorId),
        productId: hex4(d.productId),
        assigned,
        state: assigned ? scannerState.state : 'not-configured',
        lastError: assigned ? (scannerState.lastError?.message ?? null) : null,
      });
    }
    for (const d of scales) {
      const assigned = d === usedScale;
      devices.push({
        kind: 'hid-scale',
        path: d.path!,
        name: name(d, 'USB scale'),
        vendorId: hex4(d.vendorId),
        productId: hex4(d.productId),
        assigned,
        state: assigned ? scaleState.state : 'not-configured',
        lastError: assigned ? (scaleState.lastError?.message ?? null) : null,
      });
    }
    const ports = [...serialList];
    // A configured port that enumeration cannot see (a PTY, or no udevadm) is still the station's scale.
    if (sl.kind === 'serial' && !ports.some((p) => p.path === sl.path)) ports.push({ path: sl.path });
    for (const p of ports) {
      const assigned = sl.kind === 'serial' && sl.path === p.path;
      devices.push({
        kind: 'serial-port',
        path: p.path,
        name: p.manufacturer ?? p.path,
        vendorId: p.vendorId ?? null,
        productId: p.productId ?? null,
        assigned,
        state: assigned ? scaleState.state : 'not-configured',
        lastError: assigned ? (scaleState.lastError?.message ?? null) : null,
      });
    }
    if (config.printer.kind !== 'none') {
      const st = printerState.state;
      devices.push({
        kind: 'printer',
        path: describePrinter(config.printer),
        name: printerState.name ?? describePrinter(config.printer),
        vendorId: null,
        productId: null,
        assigned: true,
        state: st === 'ready' ? 'connected' : st === 'attention' ? 'error' : st === 'offline' ? 'disconnected' : st === 'not-configured' ? 'not-configured' : 'disconnected',
        lastError: printerState.lastError?.message ?? (st === 'ready' ? null : (printerState.problems[0] ?? null)),
      });
    }
    return { devices, hidReason, serialReason, scannedAt, scanning: scanning !== null };
  }

  function refreshInventory(): Promise<DeviceInventory> {
    if (scanning) return scanning;
    const run = (async (): Promise<DeviceInventory> => {
      const before = JSON.stringify([hidList, hidReason, serialList, serialReason]);
      const [hid, serial] = await Promise.allSettled([
        withTimeout(factories.listHid(), ENUMERATION_TIMEOUT_MS, 'Listing HID devices'),
        withTimeout(factories.listSerial(), ENUMERATION_TIMEOUT_MS, 'Listing serial ports'),
      ]);
      if (hid.status === 'fulfilled') {
        hidList = hid.value;
        hidReason = null;
      } else {
        hidList = [];
        hidReason = `Cannot list USB HID devices: ${errText(hid.reason)}`;
      }
      if (serial.status === 'fulfilled') {
        serialList = serial.value.ports;
        serialReason = serial.value.reason ?? null;
      } else {
        serialList = [];
        serialReason = `Cannot list serial ports: ${errText(serial.reason)}`;
      }
      scannedAt = iso();
      scanning = null;
      if (before !== JSON.stringify([hidList, hidReason, serialList, serialReason])) emit('devices.changed', { reason: 'inventory' });
      return buildInventory();
    })();
    scanning = run;
    return run;
  }

  // ---------------------------------------------------------------------------------------------- service

  return {
    submitScan,
    recentScans: (limit) => scans.slice(0, limit),
    config: () => config,
    configure(patch) {
      const next: DeviceConfig = {
        scanner: patch.scanner ?? config.scanner,
        scale: patch.scale ?? config.scale,
        printer: patch.printer ?? config.printer,
        internalPrefixes: patch.internalPrefixes ?? config.internalPrefixes,
      };
      // Checked on the merged result: the patch may change only one of the two.
      if (next.scale.kind === 'serial' && next.printer.kind === 'usb-device' && next.scale.path === next.printer.path) {
        const field = patch.printer ? 'printer.path' : 'scale.path';
        fail('VALIDATION', `${field}: the scale and the label printer cannot share ${next.scale.path}`, { [field]: 'The scale and the label printer cannot share one device' });
      }
      saveDeviceConfig(env.sql, next);
      const prev = config;
      config = next;
      if (!same(prev.scale, next.scale)) restartScale(next.scale);
      if (!same(prev.scanner, next.scanner)) restartScanner(next.scanner);
      if (!same(prev.printer, next.printer)) setupPrinter(next.printer);
      emit('devices.changed', { reason: 'config' });
      return next;
    },
    status: () => ({ scanner: scannerState, scale: scaleState, printer: printerSnapshot() }),
    inventory(refresh) {
      if (refresh && !stopped) void refreshInventory();
      return buildInventory();
    },
    refreshInventory,
    scaleCommand,
    templates: listTemplates,
    preview: (req) => renderLabel(req, config.printer),
    print(req) {
      const p = requirePrinter();
      const label = renderLabel({ template: req.template, data: req.data, copies: req.copies }, config.printer);
      return enqueueLabel(p, label, labelTitle(req.template, req.data, req.copies));
    },
    printTest() {
      const p = requirePrinter();
      const when = iso().slice(0, 16).replace('T', ' ');
      const dpi = config.printer.kind === 'none' ? 203 : config.printer.dpi;
      const label = renderLabel({ template: 'bin', data: { code: 'TEST', description: `Stockroom test ${dpi} dpi ${when}` } }, config.printer);
      return enqueueLabel(p, label, 'Test label');
    },
    printerStatus(refresh) {
      if (refresh && !stopped) void refreshPrinterStatus();
      return printerSnapshot();
    },
    refreshPrinterStatus,
    jobs: () => queue.list().map(jobInfo),
    cancelJob(id) {
      const job = findJob(id);
      if (!queue.cancel(id)) fail('VALIDATION', `Job ${id} is ${job.status}; only a queued job can be cancelled`, { jobId: `The job is ${job.status}` });
      return jobInfo(findJob(id));
    },
    retryJob(id) {
      const job = findJob(id);
      if (job.status === 'queued') queue.kick();
      else if (!queue.retry(id)) fail('VALIDATION', `Job ${id} is ${job.status}; only a failed, cancelled or waiting job can be retried`, { jobId: `The job is ${job.status}` });
      return jobInfo(findJob(id));
    },
    start() {
      restartScanner(config.scanner);
      restartScale(config.scale);
      setupPrinter(config.printer);
    },
    async settled() {
      // A task may queue another (a restart during a restart); wait until the chain stops growing.
      for (;;) {
        const c = chain;
        await c;
        if (c === chain) return;
      }
    },
    stop() {
      if (!stopped) {
        stopped = true;
        scaleGen++;
        scannerGen++;
        printerGen++;
        queue.stop();
        enqueue(async () => {
          await closeScanner();
          await closeScale();
        });
      }
      return chain;
    },
  };
}
