import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createJsonFileJobStore,
  createMemoryJobStore,
  createOsPrinter,
  createPrintQueue,
  createTcpTransport,
  createZplPrinter,
  osPrintUnavailable,
  type LabelPrinter,
  type PrintJobStore,
  type PrintQueue,
} from '../../../../src/main/devices/printer';
import { startFakeZplPrinter, type FakeZplPrinter } from '../../../fakes/printer/fake-zpl-printer';
import { ManualScheduler } from '../../../fakes/printer/manual-scheduler';

const zplFor = (n: number): string => `^XA\n^FO20,20^A0N,40,40^FDJob ${n}^FS\n^XZ\n`;

let fake: FakeZplPrinter;
let zebra: LabelPrinter;
let sched: ManualScheduler;
let queues: PrintQueue[];
let ids: number;

beforeEach(async () => {
  fake = await startFakeZplPrinter();
  zebra = createZplPrinter({ id: 'zebra', name: 'Zebra', transport: createTcpTransport({ host: '127.0.0.1', port: fake.port, connectTimeoutMs: 2000, ioTimeoutMs: 2000 }) });
  sched = new ManualScheduler();
  queues = [];
  ids = 0;
});
afterEach(async () => {
  for (const q of queues) q.stop();
  await fake.stop();
});

function makeQueue(store: PrintJobStore = createMemoryJobStore(), printers: Record<string, LabelPrinter> = { zebra }): PrintQueue {
  const q = createPrintQueue({ store, printers: (id) => printers[id], scheduler: sched, newId: () => `job-${++ids}`, backoffBaseMs: 1000, backoffMaxMs: 8000 });
  queues.push(q);
  return q;
}

describe('print queue', () => {
  it('retries with backoff while the printer is down and then delivers every job exactly once, in order', async () => {
    await fake.stop();
    const q = makeQueue();
    const jobs = [1, 2, 3].map((n) => q.enqueue({ printerId: 'zebra', payload: { type: 'zpl', zpl: zplFor(n) }, title: `label ${n}` }));
    await q.whenIdle();

    // Only the head job is tried; the others wait behind it so the order cannot change.
    expect(q.list().map((j) => [j.status, j.attempts])).toEqual([['queued', 1], ['queued', 0], ['queued', 0]]);
    expect(q.get(jobs[0]!.id)!.lastError?.code).toBe('PRINTER_OFFLINE');
    expect(sched.pending()).toEqual([1000]);

    sched.advance(1000);
    await q.whenIdle();
    expect(q.get(jobs[0]!.id)!.attempts).toBe(2);
    expect(sched.pending()).toEqual([2000]); // exponential: 1 s, 2 s, 4 s…

    sched.advance(1999);
    await q.whenIdle();
    expect(q.get(jobs[0]!.id)!.attempts).toBe(2); // not due yet

    await fake.start();
    sched.advance(1);
    await q.whenIdle();
    await fake.waitForConnections(3);

    expect(q.list().map((j) => j.status)).toEqual(['done', 'done', 'done']);
    expect(q.list().map((j) => j.attempts)).toEqual([3, 1, 1]);
    expect(q.get(jobs[0]!.id)!.lastError).toBeUndefined();
    expect(fake.connections().map((c) => c.toString())).toEqual([zplFor(1), zplFor(2), zplFor(3)]);
    expect(sched.pending()).toEqual([]);
  });

  it('backoff is capped', async () => {
    await fake.stop();
    const q = makeQueue();
    q.enqueue({ printerId: 'zebra', payload: { type: 'zpl', zpl: zplFor(1) } });
    await q.whenIdle();
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      const [next] = sched.pending();
      waits.push(next!);
      sched.advance(next!);
      await q.whenIdle();
    }
    expect(waits).toEqual([1000, 2000, 4000, 8000, 8000, 8000]);
  });

  it('survives a restart: jobs persisted in the JSON file are delivered by the next process', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stockroom-printq-'));
    const file = path.join(dir, 'print-jobs.json');
    await fake.stop();
    const first = makeQueue(createJsonFileJobStore(file));
    first.enqueue({ printerId: 'zebra', payload: { type: 'zpl', zpl: zplFor(1) } });
    first.enqueue({ printerId: 'zebra', payload: { type: 'zpl', zpl: zplFor(2) } });
    await first.whenIdle();
    first.stop();
    const onDisk = JSON.parse(fs.readFileSync(file, 'utf8')) as { jobs: Array<{ status: string }> };
    expect(onDisk.jobs.map((j) => j.status)).toEqual(['queued', 'queued']);

    await fake.start();
    const second = makeQueue(createJsonFileJobStore(file));
    // Backoff from the previous run still applies, so nothing is sent until it is due.
    await second.whenIdle();
    expect(fake.connections()).toHaveLength(0);
    sched.advance(1000);
    await second.whenIdle();
    await fake.waitForConnections(2);
    expect(fake.connections().map((c) => c.toString())).toEqual([zplFor(1), zplFor(2)]);
    expect(second.list().map((j) => j.status)).toEqual(['done', 'done']);
  });

  it('a job interrupted mid-send by a crash is sent again after restart', async () => {
    const store = createMemoryJobStore([
      {
        id: 'crashed',
        printerId: 'zebra',
        title: '',
        payload: { type: 'zpl', zpl: zplFor(9) },
        status: 'printing',
        attempts: 1,
        createdAt: '2026-01-05T08:00:00.000Z',
        updatedAt: '2026-01-05T08:00:00.000Z',
        seq: 1,
      },
    ]);
    const q = makeQueue(store);
    await q.whenIdle();
    await fake.waitForConnections(1);
    expect(q.get('crashed')).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('a cancelled job is never printed and does not hold up the jobs behind it', async () => {
    await fake.stop();
    const q = makeQueue();
    const a = q.enqueue({ printerId: 'zebra', payload: { type: 'zpl', zpl: zplFor(1) } });
    const b = q.enqueue({ printerId: 'zebra', payload: { type: 'zpl', zpl: zplFor(2) } });
    await q.whenIdle();
    expect(q.cancel(a.id)).toBe(true);
    expect(q.cancel(a.id)).toBe(false);
    await q.whenIdle();
    // With `a` out of the way, `b` became the head and was tried against the still-stopped printer.
    expect(q.get(b.id)).toMatchObject({ status: 'queued', attempts: 1 });
    await fake.start();
    q.kick();
    await q.whenIdle();
    await fake.waitForConnections(1);
    expect(q.get(a.id)!.status).toBe('cancelled');
    expect(q.get(b.id)!.status).toBe('done');
    expect(fake.connections().map((c) => c.toString())).toEqual([zplFor(2)]);
  });

  it('a permanent error fails the job at once, and the next job still prints', async () => {
    const dymo = createOsPrinter({ id: 'dymo', name: 'DYMO', deviceName: 'DYMO_LabelWriter_550', osPrint: osPrintUnavailable });
    const q = makeQueue(createMemoryJobStore(), { zebra, dymo });
    const bad = q.enqueue({ printerId: 'dymo', payload: { type: 'html', html: '<p>x</p>', widthMicrons: 54_000, heightMicrons: 25_000 } });
    const wrong = q.enqueue({ printerId: 'zebra', payload: { type: 'html', html: '<p>x</p>', widthMicrons: 54_000, heightMicrons: 25_000 } });
    const good = q.enqueue({ printerId: 'zebra', payload: { type: 'zpl', zpl: zplFor(1) } });
    await q.whenIdle();
    await fake.waitForConnections(1);
    expect(q.get(bad.id)).toMatchObject({ status: 'failed', attempts: 1, lastError: { code: 'OS_PRINT_UNAVAILABLE' } });
    expect(q.get(wrong.id)).toMatchObject({ status: 'failed', attempts: 1, lastError: { code: 'PRINTER_WRONG_PAYLOAD' } });
    expect(q.get(good.id)!.status).toBe('done');
    expect(sched.pending()).toEqual([]);

    expect(q.retry(bad.id)).toBe(true);
    await q.whenIdle();
    expect(q.get(bad.id)).toMatchObject({ status: 'failed', attempts: 2 });
  });

  it('a down printer does not hold up another printer', async () => {
    const other = await startFakeZplPrinter();
    try {
      const zebra2 = createZplPrinter({ id: 'zebra2', name: 'Zebra 2', transport: createTcpTransport({ host: '127.0.0.1', port: other.port }) });
      await fake.stop();
      const q = makeQueue(createMemoryJobStore(), { zebra, zebra2 });
      q.enqueue({ printerId: 'zebra', payload: { type: 'zpl', zpl: zplFor(1) } });
      q.enqueue({ printerId: 'zebra2', payload: { type: 'zpl', zpl: zplFor(2) } });
      await q.whenIdle();
      await other.waitForConnections(1);
      expect(q.list().map((j) => j.status)).toEqual(['queued', 'done']);
      expect(other.connections().map((c) => c.toString())).toEqual([zplFor(2)]);
    } finally {
      await other.stop();
    }
  });
});
