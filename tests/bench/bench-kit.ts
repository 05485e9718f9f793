import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

/** One line of the printed table. `target` is null for reference figures (e.g. raw SQLite) that have no target. */
export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  /** Higher is better for rates, lower for latencies. */
  target: { op: '>=' | '<='; value: number } | null;
  note?: string;
}

export interface Bench {
  name: string;
  run(ctx: BenchContext): Promise<BenchRow[]>;
}

export interface BenchContext {
  /** A fresh folder on the same disk as os.tmpdir(), removed after the run. */
  dir(prefix: string): string;
  log(msg: string): void;
  /** Figures other benches already produced, by row name (the ledger ratio needs the raw SQLite rate). */
  figures: Map<string, number>;
}

export function makeContext(): BenchContext & { cleanup(): void } {
  const dirs: string[] = [];
  return {
    dir(prefix) {
      const d = fs.mkdtempSync(path.join(os.tmpdir(), `stockroom-bench-${prefix}-`));
      dirs.push(d);
      return d;
    },
    log: (msg) => process.stderr.write(`  · ${msg}\n`),
    figures: new Map(),
    cleanup() {
      for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
    },
  };
}

/** Runs fn back to back for about `ms`; returns operations per second. Time-boxed so the whole run stays short on any disk. */
export function ratePerSecond(ms: number, fn: (i: number) => void): { ops: number; seconds: number; perSecond: number; cpuSeconds: number } {
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  let i = 0;
  let now = start;
  while (now - start < ms) {
    fn(i++);
    now = performance.now();
  }
  const seconds = (now - start) / 1000;
  const cpu = process.cpuUsage(cpu0);
  // Time on a CPU only: not waiting for fsync, nor for a core taken by other processes.
  return { ops: i, seconds, perSecond: i / seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

export async function ratePerSecondAsync(ms: number, workers: number, fn: (i: number) => Promise<void>): Promise<{ ops: number; perSecond: number }> {
  const start = performance.now();
  let i = 0;
  const worker = async () => {
    while (performance.now() - start < ms) await fn(i++);
  };
  await Promise.all(Array.from({ length: workers }, worker));
  return { ops: i, perSecond: i / ((performance.now() - start) / 1000) };
}

export function percentile(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return NaN;
  const idx = Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1);
  return sortedMs[Math.max(0, idx)];
}

export const passes = (r: BenchRow): boolean | null =>
  r.target === null ? null : r.target.op === '>=' ? r.value >= r.target.value : r.value <= r.target.value;

const fmt = (v: number, unit: string): string => {
  if (!Number.isFinite(v)) return String(v);
  const digits = unit === 'ms' ? (v < 10 ? 2 : 1) : unit === 'x' || unit === '%' ? 2 : 0;
  return v.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
};

export function formatTable(rows: BenchRow[]): string {
  const lines = rows.map((r) => {
    const p = passes(r);
    return [
      r.name,
      `${fmt(r.value, r.unit)} ${r.unit}`,
      r.target ? `${r.target.op} ${fmt(r.target.value, r.unit)} ${r.unit}` : '',
      p === null ? '' : p ? 'PASS' : 'MISS',
      r.note ?? '',
    ];
  });
  const head = ['benchmark', 'figure', 'target', '', 'note'];
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const row = (cells: string[]) => cells.map((c, i) => (i === 1 || i === 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [row(head), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(row)].join('\n');
}
