import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createHidPosScanner,
  decodeReport,
  HONEYWELL_LAYOUT,
  HONEYWELL_LAYOUT_NO_REPORT_ID,
  ReportAssembler,
  type HidBackend,
  type HidDeviceInfo,
  type HidTransport,
  type ScanEvent,
  type ScanFault,
  type ScannerStatus,
} from '../../../../src/main/devices/scanner';
import { classifyScan } from '../../../../src/shared/scan';

/**
 * Real capture from a Honeywell Voyager 1602g over USB HID (HenkVanAsselt/python_hon_usbhid README, "REVINF" reply):
 * six reports of AIM "]X0", bit 0 of byte 63 set on all but the last, then a separate "]Z6" status report.
 */
const REVINF_CAPTURE: number[][] = [
  [2, 56, 93, 88, 48, 80, 114, 111, 100, 117, 99, 116, 32, 78, 97, 109, 101, 58, 32, 86, 111, 121, 97, 103, 101, 114, 32, 49, 54, 48, 50, 103, 13, 10, 66, 111, 111, 116, 32, 82, 101, 118, 105, 115, 105, 111, 110, 58, 32, 58, 32, 56, 57, 57, 50, 13, 10, 83, 111, 102, 116, 63, 0, 1],
  [2, 56, 93, 88, 48, 119, 97, 114, 101, 32, 80, 97, 114, 116, 32, 78, 117, 109, 98, 101, 114, 58, 32, 67, 87, 48, 48, 48, 48, 56, 50, 66, 66, 65, 13, 10, 83, 111, 102, 116, 119, 97, 114, 101, 32, 82, 101, 118, 105, 115, 105, 111, 110, 58, 32, 36, 80, 114, 111, 106, 101, 63, 0, 1],
  [2, 56, 93, 88, 48, 99, 116, 82, 101, 118, 105, 115, 105, 111, 110, 58, 32, 49, 54, 51, 52, 53, 32, 13, 10, 83, 101, 114, 105, 97, 108, 32, 78, 117, 109, 98, 101, 114, 58, 32, 49, 53, 50, 51, 50, 66, 49, 70, 48, 67, 13, 10, 83, 117, 112, 112, 111, 114, 116, 101, 100, 63, 0, 1],
  [2, 56, 93, 88, 48, 32, 73, 70, 58, 32, 66, 108, 117, 101, 116, 111, 111, 116, 104, 13, 10, 80, 67, 66, 32, 65, 115, 115, 101, 109, 98, 108, 121, 32, 73, 68, 58, 32, 48, 48, 48, 48, 48, 48, 13, 10, 69, 110, 103, 105, 110, 101, 32, 70, 105, 114, 109, 119, 97, 114, 101, 63, 0, 1],
  [2, 56, 93, 88, 48, 32, 84, 121, 112, 101, 58, 32, 78, 47, 65, 32, 32, 32, 82, 101, 118, 105, 115, 105, 111, 110, 58, 32, 78, 47, 65, 32, 32, 32, 83, 101, 114, 105, 97, 108, 32, 78, 117, 109, 98, 101, 114, 58, 32, 78, 47, 65, 32, 32, 32, 67, 104, 101, 99, 107, 115, 63, 0, 1],
  [2, 9, 93, 88, 48, 117, 109, 58, 32, 78, 47, 65, 13, 10, ...Array<number>(47).fill(0), 63, 0, 0],
  [2, 8, 93, 90, 54, 82, 69, 86, 73, 78, 70, 6, 46, ...Array<number>(48).fill(0), 54, 0, 0],
];

/**
 * Reports in the same Honeywell layout built from the documented format (devices.md, [D]: derived, not captured):
 * [0] 0x02, [1] length, [2..4] AIM, [5..60] data, [61] Honeywell code id, [63] bit 0 = more.
 */
function honeywellReport(aim: string, data: string, more: boolean, codeId = 0): number[] {
  const r = new Array<number>(64).fill(0);
  r[0] = 0x02;
  r[1] = data.length;
  for (let i = 0; i < 3; i++) r[2 + i] = aim.charCodeAt(i);
  for (let i = 0; i < data.length; i++) r[5 + i] = data.charCodeAt(i);
  r[61] = codeId;
  r[63] = more ? 1 : 0;
  return r;
}

/** Splits scan data into 56-byte chunks, as a scanner does for long 2D codes. */
function honeywellReports(aim: string, data: string): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < data.length; i += 56) out.push(honeywellReport(aim, data.slice(i, i + 56), i + 56 < data.length));
  return out;
}

// EAN-13 4006381333931, single report, Honeywell code id 'd' (0x64) = EAN-13.
const EAN13_REPORT = [2, 13, 93, 69, 48, 52, 48, 48, 54, 51, 56, 49, 51, 51, 51, 57, 51, 49, ...Array<number>(43).fill(0), 0x64, 0, 0];

const GS = '\x1d';
// (01) GTIN, (17) expiry, (10) lot, (21) serial, (91) internal, (3103) net weight: 94 bytes, two reports [D].
const DATAMATRIX = `01095060001343521727013110LOT-2026-ABCDEFGHIJ${GS}21SERIAL-000000000123${GS}91INTERNAL-ROUTING-CODE-XYZ${GS}3103001250`;

class FakeTransport extends EventEmitter implements HidTransport {
  closed = false;
  features: number[][] = [];
  close(): void {
    this.closed = true;
  }
  sendFeatureReport(data: number[]): number {
    this.features.push(data);
    return data.length;
  }
  feed(report: number[]): void {
    this.emit('data', Buffer.from(report));
  }
}

const SCANNER: HidDeviceInfo = { path: '/dev/hidraw3', vendorId: 0x0c2e, productId: 0x0b8f, usagePage: 0x8c, usage: 0x02, product: 'Voyager 1400g' };
const KEYBOARD: HidDeviceInfo = { path: '/dev/hidraw1', vendorId: 0x0c2e, productId: 0x0b8f, usagePage: 0x01, usage: 0x06 };

function fakeBackend() {
  const state = { present: true, failEnumerate: undefined as string | undefined, failOpen: undefined as string | undefined, opened: [] as FakeTransport[] };
  const backend: HidBackend = {
    async devices() {
      if (state.failEnumerate) throw new Error(state.failEnumerate);
      return state.present ? [KEYBOARD, SCANNER] : [KEYBOARD];
    },
    async open(path) {
      if (state.failOpen) throw new Error(state.failOpen);
      expect(path).toBe(SCANNER.path);
      const t = new FakeTransport();
      state.opened.push(t);
      return t;
    },
  };
  return { backend, state, last: () => state.opened[state.opened.length - 1]! };
}

function record(scanner: ReturnType<typeof createHidPosScanner>) {
  const scans: ScanEvent[] = [];
  const faults: ScanFault[] = [];
  const statuses: ScannerStatus[] = [];
  scanner.on('scan', (s) => scans.push(s));
  scanner.on('fault', (f) => faults.push(f));
  scanner.on('status', (s) => statuses.push(s));
  return { scans, faults, statuses };
}

const fixedNow = () => new Date('2026-11-26T10:00:00.000Z');

describe('HID POS report decoding', () => {
  it('reads length, AIM id, data and the continuation bit from a Honeywell report', () => {
    expect(decodeReport(Uint8Array.from(EAN13_REPORT), HONEYWELL_LAYOUT)).toEqual({ ok: true, chunk: { aim: ']E0', data: '4006381333931', more: false } });
    expect(decodeReport(Uint8Array.from(REVINF_CAPTURE[0]!), HONEYWELL_LAYOUT)).toMatchObject({ ok: true, chunk: { aim: ']X0', more: true } });
  });

  it('ignores reports with another id and never reads past the data area', () => {
    expect(decodeReport(Uint8Array.from([0x04, 1, 2, 3]), HONEYWELL_LAYOUT)).toEqual({ ok: false, ignored: true });
    const lying = [...EAN13_REPORT];
    lying[1] = 250;
    const r = decodeReport(Uint8Array.from(lying), HONEYWELL_LAYOUT);
    expect(r.ok && r.chunk.data.length).toBe(56);
    expect(decodeReport(Uint8Array.from([2, 5, 93]), HONEYWELL_LAYOUT)).toMatchObject({ ok: false, ignored: false });
  });

  it('WebHID-style reports without the report id byte', () => {
    expect(decodeReport(Uint8Array.from(EAN13_REPORT.slice(1)), HONEYWELL_LAYOUT_NO_REPORT_ID)).toEqual({ ok: true, chunk: { aim: ']E0', data: '4006381333931', more: false } });
  });

  it('reassembles the real 6-report Honeywell capture, then the separate status report', () => {
    const out: string[] = [];
    const a = new ReportAssembler(HONEYWELL_LAYOUT, 300, { scan: (raw, aim) => out.push(`${aim}|${raw}`), fault: (c) => out.push(c) });
    for (const r of REVINF_CAPTURE) a.push(Uint8Array.from(r));
    expect(out).toHaveLength(2);
    expect(out[0]).toBe(
      ']X0|Product Name: Voyager 1602g\r\nBoot Revision: : 8992\r\nSoftware Part Number: CW000082BBA\r\nSoftware Revision: $ProjectRevision: 16345 \r\nSerial Number: 15232B1F0C\r\nSupported IF: Bluetooth\r\nPCB Assembly ID: 000000\r\nEngine Firmware Type: N/A   Revision: N/A   Serial Number: N/A   Checksum: N/A\r\n',
    );
    expect(out[1]).toBe(']Z6|REVINF\x06.');
  });
});

describe('HID POS scanner driver', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('opens the HID POS collection (not the keyboard one) and emits a single-report EAN-13 scan', async () => {
    const fake = fakeBackend();
    const scanner = createHidPosScanner({ backend: fake.backend, now: fixedNow, initFeatureReports: [[0xfe, 0x01]] });
    const rec = record(scanner);
    await scanner.start();
    expect(scanner.status).toMatchObject({ state: 'connected', message: 'connected to Voyager 1400g' });
    expect(fake.last().features).toEqual([[0xfe, 0x01]]);
    fake.last().feed(EAN13_REPORT);
    expect(rec.scans).toEqual([{ raw: '4006381333931', aim: ']E0', symbology: 'ean-13', source: 'hid:0c2e:0b8f', at: '2026-11-26T10:00:00.000Z' }]);
    expect(classifyScan(rec.scans[0]!.raw, { aim: rec.scans[0]!.aim! })).toMatchObject({ kind: 'gtin', gtin14: '04006381333931' });
    await scanner.stop();
  });

  it('reassembles a multi-report GS1 DataMatrix with GS separators, and the pipeline parses it', async () => {
    const fake = fakeBackend();
    const scanner = createHidPosScanner({ backend: fake.backend, now: fixedNow });
    const rec = record(scanner);
    await scanner.start();
    const reports = honeywellReports(']d2', DATAMATRIX);
    expect(reports.length).toBe(2);
    fake.last().feed(reports[0]!);
    expect(rec.scans).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(100); // a normal gap between reports
    fake.last().feed(reports[1]!);
    expect(rec.scans).toHaveLength(1);
    expect(rec.scans[0]).toMatchObject({ raw: DATAMATRIX, aim: ']d2', symbology: 'gs1-datamatrix' });
    const c = classifyScan(rec.scans[0]!.raw, { aim: rec.scans[0]!.aim!, referenceDate: new Date('2026-11-26') });
    expect(c).toMatchObject({ kind: 'gs1', gtin: '09506000134352', expiry: '2027-01-31', lot: 'LOT-2026-ABCDEFGHIJ', serial: 'SERIAL-000000000123', netWeightGrams: 1250 });
    await vi.advanceTimersByTimeAsync(1000);
    expect(rec.faults).toEqual([]); // the completed scan left no timer behind
    await scanner.stop();
  });

  it('drops a partial scan after the timeout instead of merging it with the next barcode', async () => {
    const fake = fakeBackend();
    const scanner = createHidPosScanner({ backend: fake.backend, now: fixedNow, partialTimeoutMs: 250 });
    const rec = record(scanner);
    await scanner.start();
    fake.last().feed(honeywellReports(']d2', DATAMATRIX)[0]!);
    await vi.advanceTimersByTimeAsync(249);
    expect(rec.faults).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(rec.faults).toEqual([
      { code: 'PARTIAL_SCAN_TIMEOUT', message: 'incomplete scan dropped (56 bytes in 1 report): no final report within 250 ms; please scan again', source: 'hid:0c2e:0b8f', at: '2026-11-26T10:00:00.000Z' },
    ]);
    fake.last().feed(EAN13_REPORT);
    expect(rec.scans.map((s) => s.raw)).toEqual(['4006381333931']);
  });

  it('a report with another AIM id while a scan is pending abandons the partial one', async () => {
    const fake = fakeBackend();
    const scanner = createHidPosScanner({ backend: fake.backend, now: fixedNow });
    const rec = record(scanner);
    await scanner.start();
    fake.last().feed(honeywellReports(']d2', DATAMATRIX)[0]!);
    fake.last().feed(EAN13_REPORT);
    expect(rec.faults.map((f) => f.code)).toEqual(['PARTIAL_SCAN_TIMEOUT']);
    expect(rec.faults[0]!.message).toContain('a new barcode started before the previous one was complete');
    expect(rec.scans.map((s) => s.raw)).toEqual(['4006381333931']);
  });

  it('unplug → disconnected (partial scan reported), replug → reconnects on the 2 s poll', async () => {
    const fake = fakeBackend();
    const scanner = createHidPosScanner({ backend: fake.backend, now: fixedNow });
    const rec = record(scanner);
    await scanner.start();
    const first = fake.last();
    first.feed(honeywellReports(']d2', DATAMATRIX)[0]!);

    fake.state.present = false;
    first.emit('error', new Error('could not read from HID device'));
    expect(scanner.status).toEqual({ state: 'disconnected', message: 'scanner disconnected: could not read from HID device', code: 'TRANSPORT' });
    expect(first.closed).toBe(true);
    expect(rec.faults.map((f) => f.message)).toEqual(['incomplete scan dropped (56 bytes in 1 report): the scanner disconnected; please scan again']);

    // Late data from the dead handle is ignored.
    first.feed(EAN13_REPORT);
    expect(rec.scans).toEqual([]);

    await vi.advanceTimersByTimeAsync(2000);
    expect(scanner.status).toEqual({ state: 'disconnected', message: 'no HID POS scanner found' });
    fake.state.present = true;
    await vi.advanceTimersByTimeAsync(2000);
    expect(scanner.status.state).toBe('connected');
    expect(fake.state.opened).toHaveLength(2);
    fake.last().feed(EAN13_REPORT);
    expect(rec.scans.map((s) => s.raw)).toEqual(['4006381333931']);
    expect(rec.statuses.map((s) => s.state)).toEqual(['connected', 'disconnected', 'disconnected', 'connected']);
    await scanner.stop();
    expect(scanner.status).toMatchObject({ state: 'disconnected', code: 'STOPPED' });
  });

  it('no device, no node-hid or libusb, or an open failure is a status, never a crash', async () => {
    const fake = fakeBackend();
    fake.state.failEnumerate = 'libusb-1.0.so.0: cannot open shared object file';
    const scanner = createHidPosScanner({ backend: fake.backend, now: fixedNow });
    await expect(scanner.start()).resolves.toBeUndefined();
    expect(scanner.status).toEqual({ state: 'error', message: 'HID is unavailable: libusb-1.0.so.0: cannot open shared object file', code: 'HID_UNAVAILABLE' });

    fake.state.failEnumerate = undefined;
    fake.state.failOpen = 'cannot open device with path /dev/hidraw3';
    await vi.advanceTimersByTimeAsync(2000);
    expect(scanner.status).toMatchObject({ state: 'error', code: 'OPEN_FAILED' });

    fake.state.failOpen = undefined;
    await vi.advanceTimersByTimeAsync(2000);
    expect(scanner.status.state).toBe('connected');
    await scanner.stop();
  });

  it('a throwing listener does not break the driver', async () => {
    const fake = fakeBackend();
    const scanner = createHidPosScanner({ backend: fake.backend, now: fixedNow });
    scanner.on('scan', () => {
      throw new Error('UI bug');
    });
    const rec = record(scanner);
    await scanner.start();
    fake.last().feed(EAN13_REPORT);
    fake.last().feed(EAN13_REPORT);
    expect(rec.scans).toHaveLength(2);
    await scanner.stop();
  });
});
