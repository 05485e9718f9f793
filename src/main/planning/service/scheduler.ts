import type { PlanningSettings } from '../../../shared/api';
import type { Clock } from '../../core/context';

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    // A pending nightly run must not keep a process alive that is otherwise done (tests, the CLI).
    t.unref?.();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export interface PlanningScheduler {
  /** Hosts call this once the core is up; tests and one-off scripts simply never do. */
  start(): void;
  stop(): void;
  /** Settings changed: plan the next run again. */
  reschedule(): void;
  nextRunAt(): Date | null;
}

export interface SchedulerOptions {
  clock: Clock;
  timers?: Timers;
  schedule(): PlanningSettings['schedule'];
  lastRunAt(): Date | null;
  run(): void;
  log(msg: string, e?: unknown): void;
  /** When the last run is older than the interval (or there is none), run this soon after start rather than wait. */
  catchUpDelayMs?: number;
}

/**
 * The next slot strictly after `now` on the grid anchored at atHour:00 local time today, every intervalMinutes
 * (1440 = nightly at atHour). Anchoring keeps runs at predictable times however long the app has been running.
 */
export function nextSlot(now: Date, intervalMinutes: number, atHour: number): Date {
  const anchor = new Date(now);
  anchor.setHours(atHour, 0, 0, 0);
  const step = intervalMinutes * 60_000;
  const k = Math.floor((now.getTime() - anchor.getTime()) / step) + 1;
  return new Date(anchor.getTime() + k * step);
}

/** Runs the recompute on a schedule with injected clock and timers, so a test drives it without waiting. */
export function createPlanningScheduler(o: SchedulerOptions): PlanningScheduler {
  const timers = o.timers ?? realTimers;
  const catchUp = o.catchUpDelayMs ?? 60_000;
  let started = false;
  let handle: unknown = null;
  let next: Date | null = null;

  const clear = () => {
    if (handle !== null) timers.clearTimeout(handle);
    handle = null;
    next = null;
  };
  const plan = () => {
    clear();
    if (!started) return;
    const sched = o.schedule();
    if (!sched.enabled) return;
    const now = o.clock.now();
    let due = nextSlot(now, sched.intervalMinutes, sched.atHour);
    const last = o.lastRunAt();
    if (last === null || now.getTime() - last.getTime() > sched.intervalMinutes * 60_000) {
      const soon = new Date(now.getTime() + catchUp);
      if (soon < due) due = soon;
    }
    next = due;
    handle = timers.setTimeout(fire, Math.max(0, due.getTime() - now.getTime()));
  };
  const fire = () => {
    handle = null;
    try {
      o.run();
    } catch (e) {
      o.log('Scheduled planning recompute failed', e);
    }
    plan();
  };
  return {
    start() {
      started = true;
      plan();
    },
    stop() {
      started = false;
      clear();
    },
    reschedule: plan,
    nextRunAt: () => next,
  };
}
