import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatHostStatus } from '../../../../src/main/devices/printer/zpl-host-status';
import { startFakeZplPrinter, type FakeZplPrinter } from '../../../fakes/printer/fake-zpl-printer';
import { makeCore, type TestCore } from '../../../helpers/core';
import { nextEvent } from './helpers';

describe('label printing through the API to a raw 9100 printer', () => {
  let c: TestCore | undefined;
  let printer: FakeZplPrinter | undefined;
  afterEach(async () => {
    await c?.dispose();
    await printer?.stop();
    c = undefined;
    printer = undefined;
  });

  async function setup(status?: string | null): Promise<TestCore> {
    printer = await startFakeZplPrinter(status === undefined ? {} : { status });
    c = makeCore();
    const ready = nextEvent(c.bus, 'printer.status', (s) => s.checkedAt !== null);
    c.ok('devices.configure', { printer: { kind: 'zpl-tcp', host: '127.0.0.1', port: printer.port, dpi: 300, sizes: { bin: { preset: '4x2in' } } } });
    await ready;
    return c;
  }

  it('prints exactly the ZPL that labels.preview showed, at the printer\'s dpi and stock', async () => {
    const core = await setup();
    const data = { code: 'A-01-03', description: 'Small parts' };
    const preview = core.ok('labels.preview', { template: 'bin', data });
    // 4 x 2 in at 300 dpi: the configured stock, not the template default.
    expect(preview).toMatchObject({ template: 'bin', dpi: 300, widthDots: 1200, heightDots: 600 });
    expect(preview.svg).toMatch(/^<svg/);
    expect(preview.zpl).toContain('^XA');

    const done = nextEvent(core.bus, 'printer.job', (j) => j.status === 'done');
    const job = core.ok('labels.print', { template: 'bin', data, copies: 1 });
    expect(job).toMatchObject({ title: 'Bin A-01-03', payloadType: 'zpl', printerId: 'station' });
    expect(await done).toMatchObject({ id: job.id, attempts: 1, lastError: null });
    const jobs = printer!.connections().map((b) => b.toString('utf8')).filter((t) => t.includes('^XA'));
    expect(jobs).toEqual([preview.zpl]);

    // The queue survives a restart: it lives next to the database.
    expect(fs.existsSync(path.join(core.dir, 'print-jobs.json'))).toBe(true);
    expect(core.ok('printer.jobs', {}).map((j) => [j.id, j.status])).toEqual([[job.id, 'done']]);

    // A different size asked for in the preview changes the layout, which is why print uses the configured one.
    expect(core.ok('labels.preview', { template: 'bin', data, dpi: 203, size: { widthMm: 50, heightMm: 25 } })).toMatchObject({ dpi: 203, widthDots: 400, heightDots: 200 });
  });

  it('parses ~HS into printer.status and prints a test label', async () => {
    const core = await setup(formatHostStatus({ paperOut: true, headOpen: true }));
    const st = core.ok('printer.status', { refresh: false });
    expect(st).toMatchObject({ kind: 'zpl-tcp', state: 'attention', problems: ['Print head is open', 'Out of labels'], host: { paperOut: true, headOpen: true, ready: false } });

    printer!.setStatus(formatHostStatus());
    const fixed = nextEvent(core.bus, 'printer.status', (s) => s.state === 'ready');
    expect(core.ok('printer.status', {}).checking).toBe(true);
    expect(await fixed).toMatchObject({ problems: [], host: { ready: true }, checking: false });

    const done = nextEvent(core.bus, 'printer.job', (j) => j.status === 'done');
    const test = core.ok('printer.test', {});
    expect(test.title).toBe('Test label');
    await done;
    expect(printer!.formats().some((f) => f.includes('TEST'))).toBe(true);
  });

  it('keeps a job waiting while the printer is off, and lets it be cancelled and retried', async () => {
    const core = await setup();
    await printer!.stop();
    const waiting = nextEvent(core.bus, 'printer.job', (j) => j.status === 'queued' && j.lastError !== null);
    const job = core.ok('labels.print', { template: 'item', data: { sku: 'MUG-1', name: 'Enamel mug', gtin: '4006381333931' }, copies: 2 });
    expect(job.title).toBe('Item MUG-1 ×2');
    const w = await waiting;
    expect(w).toMatchObject({ lastError: { code: 'PRINTER_OFFLINE' }, retryAt: expect.any(String) });
    expect(core.ok('devices.status', {}).printer).toMatchObject({ lastError: { code: 'PRINTER_OFFLINE' }, queue: { queued: 1 } });

    expect(core.ok('printer.cancel', { jobId: job.id }).status).toBe('cancelled');
    expect(core.call('printer.cancel', { jobId: job.id })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(core.call('printer.cancel', { jobId: 'nope' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    await printer!.start();
    const done = nextEvent(core.bus, 'printer.job', (j) => j.id === job.id && j.status === 'done');
    core.ok('printer.retry', { jobId: job.id });
    await done;
    expect(printer!.formats()).toHaveLength(1);
    expect(printer!.formats()[0]).toContain('^PQ2');
  });

  it('turns bad label data into field errors and refuses to print without a printer', () => {
    c = makeCore();
    const noPrinter = c.call('labels.print', { template: 'bin', data: { code: 'A-01' } });
    expect(noPrinter).toMatchObject({ ok: false, error: { code: 'DEVICE_NOT_CONFIGURED' } });
    expect(c.call('printer.test', {})).toMatchObject({ ok: false, error: { code: 'DEVICE_NOT_CONFIGURED' } });
    expect(c.ok('printer.status', {})).toMatchObject({ state: 'not-configured', checkedAt: null });

    // Preview works without a printer, at the template's defaults.
    expect(c.ok('labels.preview', { template: 'item', data: { sku: 'MUG-1', name: 'Enamel mug' } })).toMatchObject({ dpi: 203, widthDots: 406, heightDots: 203 });

    const badGtin = c.call('labels.preview', { template: 'item', data: { sku: 'MUG-1', name: 'Enamel mug', gtin: '4006381333932' } });
    expect(badGtin).toMatchObject({ ok: false, error: { code: 'LABEL_INVALID', fields: { 'data.gtin': 'Check digit of 4006381333932 should be 1, not 2' }, details: { rule: 'BAD_GTIN' } } });

    const missing = c.call('labels.preview', { template: 'shipping', data: { orderNumber: 'SO-1' } });
    expect(missing.ok).toBe(false);
    if (!missing.ok) {
      expect(missing.error.code).toBe('LABEL_INVALID');
      expect(Object.keys(missing.error.fields ?? {})).toEqual(expect.arrayContaining(['data.shipTo', 'data.carrier', 'data.trackingNumber', 'data.weight']));
    }

    const badCode = c.call('labels.preview', { template: 'bin', data: { code: 'A^01' } });
    expect(badCode).toMatchObject({ ok: false, error: { code: 'LABEL_INVALID', fields: { 'data.code': expect.any(String) } } });
    expect(c.call('labels.preview', { template: 'bin', data: { code: 'A-01' }, size: { widthMm: 0, heightMm: 10 } })).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: { 'size.widthMm': expect.any(String) } } });

    const templates = c.ok('labels.templates', {});
    expect(templates.map((t) => t.id)).toEqual(['item', 'bin', 'gs1-128', 'gs1-datamatrix', 'shipping', 'sscc', 'packing-slip']);
    expect(templates[0]).toMatchObject({ defaultSize: { width: 2, height: 1, unit: 'in' }, fields: expect.arrayContaining([{ name: 'gtin', label: 'GTIN', type: 'gtin', required: false }]) });
  });
});
