import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createTcpTransport,
  createZplPrinter,
  formatHostStatus,
  type LabelPrinter,
  PrinterError,
} from '../../../../src/main/devices/printer';
import { startFakeZplPrinter, type FakeZplPrinter } from '../../../fakes/printer/fake-zpl-printer';
import { sampleLabels } from '../../../unit/devices/labels/label-samples';

let fake: FakeZplPrinter;
let printer: LabelPrinter;

beforeEach(async () => {
  fake = await startFakeZplPrinter();
  printer = createZplPrinter({
    id: 'zebra-1',
    name: 'Bench Zebra',
    transport: createTcpTransport({ host: '127.0.0.1', port: fake.port, connectTimeoutMs: 2000, ioTimeoutMs: 2000 }),
  });
});
afterEach(async () => {
  await fake.stop();
});

describe('raw 9100 printing', () => {
  it('the printer receives exactly the ZPL each template produced, one connection per job', async () => {
    const labels = Object.values(sampleLabels(203));
    for (const label of labels) await printer.print({ type: 'zpl', zpl: label.zpl });
    await fake.waitForConnections(labels.length);
    expect(fake.connections().map((c) => c.toString('utf8'))).toEqual(labels.map((l) => l.zpl));
    expect(fake.formats()).toHaveLength(labels.length);
    // Byte for byte, including UTF-8 names (Zoë Müller is sent as ^FH hex, so the job stays ASCII).
    expect(fake.received().equals(Buffer.from(labels.map((l) => l.zpl).join(''), 'utf8'))).toBe(true);
  });

  it('a stopped printer is reported offline with a retryable error, and works again once restarted on the same port', async () => {
    const zpl = sampleLabels(203)['bin']!.zpl;
    await fake.stop();
    const err = await printer.print({ type: 'zpl', zpl }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PrinterError);
    expect((err as PrinterError).code).toBe('PRINTER_OFFLINE');
    expect((err as PrinterError).retryable).toBe(true);
    expect((await printer.status()).state).toBe('offline');

    await fake.start();
    await printer.print({ type: 'zpl', zpl });
    await fake.waitForConnections(1);
    expect(fake.formats()).toEqual([zpl.trim()]);
  });

  it('refuses a non-ZPL payload without sending anything', async () => {
    const err = await printer.print({ type: 'html', html: '<p>x</p>', widthMicrons: 50_800, heightMicrons: 25_400 }).catch((e: unknown) => e);
    expect((err as PrinterError).code).toBe('PRINTER_WRONG_PAYLOAD');
    expect((err as PrinterError).retryable).toBe(false);
    expect(fake.received().length).toBe(0);
  });
});

describe('~HS status over TCP', () => {
  it('ready printer', async () => {
    fake.setStatus(formatHostStatus({ labelLengthDots: 1218, labelsRemainingInBatch: 0 }));
    const s = await printer.status();
    expect(s.state).toBe('ready');
    expect(s.problems).toEqual([]);
    expect(s.host?.labelLengthDots).toBe(1218);
    expect(fake.received().toString('latin1')).toBe('~HS');
  });

  it('paper out, paused and head open are parsed from the reply', async () => {
    fake.setStatus(formatHostStatus({ paperOut: true, paused: true, headOpen: true, labelsRemainingInBatch: 7 }));
    const s = await printer.status();
    expect(s.state).toBe('attention');
    expect(s.host).toMatchObject({ paperOut: true, paused: true, headOpen: true, ribbonOut: false, labelsRemainingInBatch: 7 });
    expect(s.problems).toEqual(['Print head is open', 'Out of labels', 'Printer is paused']);
  });

  it('a printer that stays silent (head open / media out firmware behaviour) needs attention, it is not offline', async () => {
    fake.setStatus(null);
    const silent = createZplPrinter({
      id: 'z',
      name: 'z',
      transport: createTcpTransport({ host: '127.0.0.1', port: fake.port, ioTimeoutMs: 300 }),
    });
    const s = await silent.status();
    expect(s.state).toBe('attention');
    expect(s.errorCode).toBe('PRINTER_NO_STATUS');
  });
});
