import type { LabelPrinter, PrintPayload } from './label-printer';
import { PrinterError } from './printer-error';
import type { PrintJob, PrintJobStore } from './print-job-store';

/** Time source and timers, injected so tests drive backoff without waiting. */
export interface QueueScheduler {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemScheduler: QueueScheduler = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    // A pending retry must not keep a CLI or test process alive by itself.
    t.unref?.();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

export interface PrintQueueOptions {
  store: PrintJobStore;
  printers: (id: string) => LabelPrinter | undefined;
  scheduler?: QueueScheduler;
  newId?: () => string;
  /** Backoff after a retryable failure: base · 2^(attempts−1), capped. Defaults 1 s and 60 s. */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** Give up after this many attempts; by default an offline printer is waited for indefinitely. */
  maxAttempts?: number;
  /** Finished jobs kept for the jobs list; older ones are pruned from the store. */
  keepFinished?: number;
  onChange?: (job: PrintJob) => void;
}

export interface PrintQueue {
  enqueue(input: { printerId: string; payload: PrintPayload; title?: string }): PrintJob;
  /** Jobs in submission order. */
  list(filter?: { printerId?: string }): PrintJob[];
  get(id: string): PrintJob | undefined;
  /** Cancels a queued job; a job being sent cannot be recalled. Returns whether it was cancelled. */
  cancel(id: string): boolean;
  /** Puts a failed or cancelled job back at its place in the order. */
  retry(id: string): boolean;
  /** Tries every waiting job now, ignoring backoff (e.g. after the operator fixed the printer). */
  kick(): void;
  /** Resolves when nothing is being sent and nothing is due before the next timer. */
  whenIdle(): Promise<void>;
  stop(): void;
}

const FINISHED = new Set(['done', 'failed', 'cancelled']);

/**
 * Persistent FIFO print queue. Per printer, a job is sent only after every earlier job for that printer
 * has finished, so labels come out in the order they were asked for even across outages. A job that
 * fails with a retryable error (printer off, network) waits with exponential backoff and blocks the
 * jobs behind it; a permanent error fails that job and lets the next one go.
 *
 * Delivery is exactly once while the process lives. A crash in the middle of a send leaves a job in
 * `printing`; on restart it is sent again (at least once), because a duplicate label is cheaper than a
 * missing one.
 */
export function createPrintQueue(opts: PrintQueueOptions): PrintQueue {
  const sched = opts.scheduler ?? systemScheduler;
  const base = opts.backoffBaseMs ?? 1000;
  const cap = opts.backoffMaxMs ?? 60_000;
  const maxAttempts = opts.maxAttempts ?? Number.POSITIVE_INFINITY;
  const keepFinished = opts.keepFinished ?? 200;
  const newId = opts.newId ?? (() => crypto.randomUUID());
  const jobs = new Map<string, PrintJob>();
  for (const j of opts.store.load()) jobs.set(j.id, j);
  let seq = Math.max(0, ...[...jobs.values()].map((j) => j.seq));
  let timer: unknown;
  let pumping: Promise<void> | undefined;
  // `busy` flips synchronously at the loop's exit, so a pump() call can never slip between the loop's
  // last look at the jobs and the promise settling (which happens a microtask later).
  let busy = false;
  let again = false;
  let stopped = false;
  let kicks = 0;

  const iso = (): string => new Date(sched.now()).toISOString();
  const save = (job: PrintJob): void => {
    job.updatedAt = iso();
    opts.store.put(job);
    opts.onChange?.(structuredClone(job));
  };
  const ordered = (): PrintJob[] => [...jobs.values()].sort((a, b) => a.seq - b.seq);

  for (const j of jobs.values()) {
    if (j.status === 'printing') {
      j.status = 'queued';
      j.notBefore = undefined;
      save(j);
    }
  }

  /** The first unfinished job of each printer: the only ones allowed to go. */
  const heads = (): PrintJob[] => {
    const seen = new Set<string>();
    const out: PrintJob[] = [];
    for (const j of ordered()) {
      if (FINISHED.has(j.status) || seen.has(j.printerId)) continue;
      seen.add(j.printerId);
      out.push(j);
    }
    return out;
  };

  const prune = (): void => {
    const finished = ordered().filter((j) => FINISHED.has(j.status));
    for (const j of finished.slice(0, Math.max(0, finished.length - keepFinished))) {
      jobs.delete(j.id);
      opts.store.remove(j.id);
    }
  };

  async function attempt(job: PrintJob): Promise<void> {
    const printer = opts.printers(job.printerId);
    const kicksBefore = kicks;
    job.status = 'printing';
    job.attempts += 1;
    save(job);
    try {
      if (!printer) throw new PrinterError('PRINTER_OFFLINE', `Printer ${job.printerId} is not configured`);
      await printer.print(job.payload);
      job.status = 'done';
      job.lastError = undefined;
      job.notBefore = undefined;
    } catch (e) {
      const err = e instanceof PrinterError ? e : new PrinterError('PRINTER_WRITE_FAILED', e instanceof Error ? e.message : String(e), { cause: e });
      job.lastError = { code: err.code, message: err.message };
      if (err.retryable && job.attempts < maxAttempts) {
        job.status = 'queued';
        // An operator's "try now" that came in during this attempt gets one more immediate try.
        job.notBefore = kicks !== kicksBefore ? undefined : sched.now() + Math.min(cap, base * 2 ** (job.attempts - 1));
      } else job.status = 'failed';
    }
    save(job);
  }

  async function pumpLoop(): Promise<void> {
    try {
      do {
        again = false;
        for (;;) {
          if (stopped) return;
          const now = sched.now();
          const due = heads().find((j) => j.status === 'queued' && (j.notBefore ?? 0) <= now);
          if (!due) break;
          await attempt(due);
        }
      } while (again);
      prune();
      armTimer();
    } finally {
      busy = false;
    }
  }

  function armTimer(): void {
    if (timer !== undefined) sched.clearTimeout(timer);
    timer = undefined;
    if (stopped) return;
    const waits = heads()
      .filter((j) => j.status === 'queued')
      .map((j) => j.notBefore ?? 0);
    if (!waits.length) return;
    const delay = Math.max(0, Math.min(...waits) - sched.now());
    timer = sched.setTimeout(() => {
      timer = undefined;
      pump();
    }, delay);
  }

  function pump(): void {
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    const p = pumpLoop().finally(() => {
      if (pumping === p) pumping = undefined;
    });
    pumping = p;
  }

  const queue: PrintQueue = {
    enqueue({ printerId, payload, title }) {
      if (stopped) throw new PrinterError('PRINT_QUEUE_STOPPED', 'The print queue is stopped');
      const now = iso();
      const job: PrintJob = { id: newId(), printerId, title: title ?? '', payload, status: 'queued', attempts: 0, createdAt: now, updatedAt: now, seq: ++seq };
      jobs.set(job.id, job);
      save(job);
      pump();
      return structuredClone(job);
    },
    list(filter) {
      return ordered()
        .filter((j) => !filter?.printerId || j.printerId === filter.printerId)
        .map((j) => structuredClone(j));
    },
    get(id) {
      const j = jobs.get(id);
      return j && structuredClone(j);
    },
    cancel(id) {
      const j = jobs.get(id);
      if (!j || j.status !== 'queued') return false;
      j.status = 'cancelled';
      j.notBefore = undefined;
      save(j);
      pump();
      return true;
    },
    retry(id) {
      const j = jobs.get(id);
      if (!j || (j.status !== 'failed' && j.status !== 'cancelled')) return false;
      j.status = 'queued';
      j.notBefore = undefined;
      save(j);
      pump();
      return true;
    },
    kick() {
      kicks += 1;
      for (const j of jobs.values()) if (j.status === 'queued') j.notBefore = undefined;
      pump();
    },
    async whenIdle() {
      while (pumping) await pumping;
    },
    stop() {
      stopped = true;
      if (timer !== undefined) sched.clearTimeout(timer);
      timer = undefined;
    },
  };
  pump();
  return queue;
}
