import type { EventBus } from '../../shared/events';
import type { Sql } from '../db/sql';

export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

/** Who did it: every ledger row is attributed to a user and a station/device. */
export interface CallContext {
  actor: string;
  device: string;
}

export interface CoreDeps {
  sql: Sql;
  clock: Clock;
  bus: EventBus;
}
