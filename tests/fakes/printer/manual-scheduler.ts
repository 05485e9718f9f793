import type { QueueScheduler } from '../../../src/main/devices/printer/print-queue';

/** Timers that fire only when the test moves the clock: backoff is tested without sleeping. */
export class ManualScheduler implements QueueScheduler {
  private nextId = 1;
  private timers = new Map<number, { at: number; fn: () => void }>();
  constructor(public t = Date.parse('2026-01-05T09:00:00.000Z')) {}
  now(): number {
    return this.t;
  }
  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.set(id, { at: this.t + ms, fn });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  pending(): number[] {
    return [...this.timers.values()].map((t) => t.at - this.t).sort((a, b) => a - b);
  }
  /** Moves time forward and fires every timer that became due, earliest first. */
  advance(ms: number): void {
    this.t += ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, v]) => v.at <= this.t).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) return;
      this.timers.delete(due[0]);
      due[1].fn();
    }
  }
}
