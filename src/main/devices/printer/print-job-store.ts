import fs from 'node:fs';
import path from 'node:path';
import type { PrintJobStatus } from '../../../shared/api/devices';
import type { PrintPayload } from './label-printer';

// Job states cross into events and the API: defined once in src/shared/api/devices.ts.
export type { PrintJobStatus };

export interface PrintJob {
  id: string;
  printerId: string;
  /** What the operator printed, e.g. "bin A-01-03", for the jobs list. */
  title: string;
  payload: PrintPayload;
  status: PrintJobStatus;
  attempts: number;
  lastError?: { code: string; message: string } | undefined;
  /** ISO times from the injected clock. */
  createdAt: string;
  updatedAt: string;
  /** Epoch ms before which a queued job is not tried again (backoff). */
  notBefore?: number | undefined;
  /** Insertion order; ids need not sort. */
  seq: number;
}

/**
 * Where jobs live between restarts. Synchronous on purpose: a JSON file and better-sqlite3 are both
 * synchronous, and the queue must not print a job whose state change was not yet written.
 */
export interface PrintJobStore {
  /** All jobs kept, any order. */
  load(): PrintJob[];
  put(job: PrintJob): void;
  remove(id: string): void;
}

export function createMemoryJobStore(initial: PrintJob[] = []): PrintJobStore & { jobs: Map<string, PrintJob> } {
  const jobs = new Map(initial.map((j) => [j.id, structuredClone(j)]));
  return {
    jobs,
    load: () => [...jobs.values()].map((j) => structuredClone(j)),
    put: (job) => void jobs.set(job.id, structuredClone(job)),
    remove: (id) => void jobs.delete(id),
  };
}

/**
 * Jobs in one JSON file (e.g. `<userData>/print-jobs.json`). Written whole through a temp file and a
 * rename, so a crash leaves the old or the new file, never half of one. Fine for tens of jobs; the
 * queue prunes finished ones.
 */
export function createJsonFileJobStore(file: string): PrintJobStore {
  const jobs = new Map<string, PrintJob>();
  if (fs.existsSync(file)) {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { version: number; jobs: PrintJob[] };
    if (parsed.version !== 1 || !Array.isArray(parsed.jobs)) throw new Error(`${file} is not a version 1 print job file`);
    for (const j of parsed.jobs) jobs.set(j.id, j);
  }
  const flush = (): void => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify({ version: 1, jobs: [...jobs.values()] }));
    fs.renameSync(tmp, file);
  };
  return {
    load: () => [...jobs.values()].map((j) => structuredClone(j)),
    put(job) {
      jobs.set(job.id, structuredClone(job));
      flush();
    },
    remove(id) {
      if (jobs.delete(id)) flush();
    },
  };
}
