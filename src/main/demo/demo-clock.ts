import { systemClock, type Clock } from '../core/context';

/**
 * A clock the demo seed can pin to a moment in the past, so a year of history is stamped with the days it
 * happened on; released, it follows the clock it wraps. The ledger reads the time of each operation from
 * `core.env.clock`, so this is how history is written through the public API rather than into the tables.
 */
export class DemoClock implements Clock {
  private pinned: Date | null = null;

  constructor(private readonly base: Clock = systemClock) {}

  now(): Date {
    return this.pinned ? new Date(this.pinned.getTime()) : this.base.now();
  }

  set(at: Date): void {
    this.pinned = new Date(at.getTime());
  }

  release(): void {
    this.pinned = null;
  }
}
