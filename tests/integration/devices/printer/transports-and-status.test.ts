import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import type { ChildProcess } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  createCupsRawTransport,
  createDeviceFileTransport,
  createOsPrinter,
  createZplPrinter,
  osPrintUnavailable,
  parseHostStatus,
  payloadFor,
  PrinterError,
  type OsPrintJob,
  type SpawnFn,
} from '../../../../src/main/devices/printer';
import { itemLabel } from '../../../../src/main/devices/labels';

const STX = '\x02';
const ETX = '\x03';
const hs = (l1: string, l2: string, l3 = '1234,0'): string => `${STX}${l1}${ETX}\r\n${STX}${l2}${ETX}\r\n${STX}${l3}${ETX}\r\n`;

describe('~HS host status parsing', () => {
  it('an idle tear-off printer is ready', () => {
    const s = parseHostStatus(hs('030,0,0,1245,000,0,0,0,000,0,0,0', '001,0,0,0,1,2,4,0,00000000,1,000'));
    expect(s).toMatchObject({ ready: true, paperOut: false, paused: false, headOpen: false, labelLengthDots: 1245, printMode: 'tear-off', thermalTransfer: true });
    expect(s.problems).toEqual([]);
  });

  it('reads each flag from its own position', () => {
    expect(parseHostStatus(hs('030,1,0,1245,000,0,0,0,000,0,0,0', '001,0,0,0,0,2,4,0,00000000,1,000')).paperOut).toBe(true);
    expect(parseHostStatus(hs('030,0,1,1245,000,0,0,0,000,0,0,0', '001,0,0,0,0,2,4,0,00000000,1,000')).paused).toBe(true);
    expect(parseHostStatus(hs('030,0,0,1245,000,0,0,0,000,0,0,0', '001,0,1,0,0,2,4,0,00000000,1,000')).headOpen).toBe(true);
    expect(parseHostStatus(hs('030,0,0,1245,000,0,0,0,000,0,0,0', '001,0,0,1,1,2,4,0,00000000,1,000')).ribbonOut).toBe(true);
    expect(parseHostStatus(hs('030,0,0,1245,000,0,0,0,000,0,0,1', '001,0,0,0,0,2,4,0,00000000,1,000')).overTemperature).toBe(true);
    expect(parseHostStatus(hs('030,0,0,1245,000,1,0,0,000,0,0,0', '001,0,0,0,0,2,4,0,00000000,1,000')).bufferFull).toBe(true);
    const batch = parseHostStatus(hs('030,0,0,1245,002,0,0,0,000,0,0,0', '001,0,0,0,0,1,4,1,00000042,1,003'));
    expect(batch).toMatchObject({ formatsInBuffer: 2, labelsRemainingInBatch: 42, printMode: 'peel-off', labelWaiting: true, graphicsStored: 3, ready: true });
  });

  it('lists problems for the operator in fix-first order', () => {
    const s = parseHostStatus(hs('030,1,1,1245,000,0,0,0,000,0,0,0', '001,0,1,0,0,2,4,0,00000000,1,000'));
    expect(s.ready).toBe(false);
    expect(s.problems).toEqual(['Print head is open', 'Out of labels', 'Printer is paused']);
  });

  it('rejects a reply that is not a host status', () => {
    expect(() => parseHostStatus('hello')).toThrow(PrinterError);
    expect(() => parseHostStatus(`${STX}030,0,0${ETX}`)).toThrow(/Not a ~HS/);
  });
});

describe('USB device node transport', () => {
  it('writes the job bytes to the device path, job after job', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stockroom-lp-'));
    const dev = path.join(dir, 'lp0');
    const p = createZplPrinter({ id: 'usb', name: 'USB Zebra', transport: createDeviceFileTransport(dev) });
    await p.print({ type: 'zpl', zpl: '^XA^FDone^FS^XZ' });
    await p.print({ type: 'zpl', zpl: '^XA^FDtwo^FS^XZ' });
    expect(fs.readFileSync(dev, 'utf8')).toBe('^XA^FDone^FS^XZ^XA^FDtwo^FS^XZ');
    expect((await p.status()).errorCode).toBe('PRINTER_UNSUPPORTED');
  });

  it('a missing device node means the printer is unplugged (retryable)', async () => {
    const t = createDeviceFileTransport(path.join(os.tmpdir(), 'no-such-dir-stockroom', 'lp9'));
    const err = await t.send(Buffer.from('^XA^XZ')).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'PRINTER_OFFLINE', retryable: true });
  });
});

/** A stand-in for `lp`: records its argv and stdin, exits with the given code. */
function fakeSpawn(exitCode: number, stderr = ''): { spawn: SpawnFn; calls: Array<{ cmd: string; args: readonly string[]; stdin: string }> } {
  const calls: Array<{ cmd: string; args: readonly string[]; stdin: string }> = [];
  const spawn: SpawnFn = (cmd, args) => {
    const child = new EventEmitter() as ChildProcess;
    const stdin = new PassThrough();
    const err = new PassThrough();
    Object.assign(child, { stdin, stderr: err });
    const call = { cmd, args, stdin: '' };
    calls.push(call);
    stdin.on('data', (d: Buffer) => (call.stdin += d.toString()));
    stdin.on('finish', () => {
      if (stderr) err.write(stderr);
      err.end(() => child.emit('close', exitCode));
    });
    return child;
  };
  return { spawn, calls };
}

describe('CUPS raw queue transport', () => {
  it('runs lp -d QUEUE -o raw with the job on stdin', async () => {
    const { spawn, calls } = fakeSpawn(0);
    const p = createZplPrinter({ id: 'cups', name: 'CUPS Zebra', transport: createCupsRawTransport('zebra_gk420d', { spawn }) });
    await p.print({ type: 'zpl', zpl: '^XA^FDhi^FS^XZ' });
    expect(calls).toEqual([{ cmd: 'lp', args: ['-d', 'zebra_gk420d', '-o', 'raw'], stdin: '^XA^FDhi^FS^XZ' }]);
  });

  it('a refused job carries lp’s message and is not retried', async () => {
    const { spawn } = fakeSpawn(1, 'lp: The printer or class does not exist.');
    const t = createCupsRawTransport('nope', { spawn });
    const err = await t.send(Buffer.from('^XA^XZ')).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'PRINTER_SPOOLER_FAILED', retryable: false });
    expect((err as Error).message).toContain('does not exist');
  });

  it('refuses queue names that are not plain names', () => {
    expect(() => createCupsRawTransport('a b; rm -rf /')).toThrow(PrinterError);
  });
});

describe('OS printers (DYMO/Brother through the Electron shell)', () => {
  it('hands HTML at the label’s physical size to the injected osPrint', async () => {
    const jobs: OsPrintJob[] = [];
    const printer = createOsPrinter({ id: 'ql', name: 'Brother QL', deviceName: 'Brother_QL_820NWB', osPrint: async (j) => void jobs.push(j) });
    const label = itemLabel({ sku: 'A-1', name: 'Thing', gtin: '5901234123457' }, { size: { width: 62, height: 29, unit: 'mm' }, dpi: 300 });
    await printer.print(payloadFor(printer, label));
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.deviceName).toBe('Brother_QL_820NWB');
    expect(jobs[0]!.payload).toMatchObject({ type: 'html', widthMicrons: 62_000, heightMicrons: 29_000 });
    expect(jobs[0]!.payload.type === 'html' && jobs[0]!.payload.html).toContain('@page{size:');
    await expect(printer.print({ type: 'zpl', zpl: '^XA^XZ' })).rejects.toMatchObject({ code: 'PRINTER_WRONG_PAYLOAD' });
  });

  it('the hub has no OS printing and says so with a stable code', async () => {
    const printer = createOsPrinter({ id: 'dymo', name: 'DYMO', deviceName: 'DYMO', osPrint: osPrintUnavailable });
    await expect(printer.print({ type: 'html', html: '', widthMicrons: 1000, heightMicrons: 1000 })).rejects.toMatchObject({ code: 'OS_PRINT_UNAVAILABLE', retryable: false });
    expect((await printer.status()).errorCode).toBe('OS_PRINT_UNAVAILABLE');
  });

  it('an osPrint failure becomes OS_PRINT_FAILED', async () => {
    const printer = createOsPrinter({ id: 'x', name: 'x', deviceName: 'x', osPrint: async () => { throw new Error('no such printer'); } });
    await expect(printer.print({ type: 'html', html: '', widthMicrons: 1000, heightMicrons: 1000 })).rejects.toMatchObject({ code: 'OS_PRINT_FAILED' });
  });
});
