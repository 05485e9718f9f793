import type { ApiError, Result } from '../../../shared/errors';
import type { Unsubscribe } from '../../../shared/events';

/** How the renderer reaches the core; the rest of the UI never knows which one it got. */
export interface Transport {
  readonly kind: 'messageport' | 'hub';
  call(method: string, input: unknown): Promise<Result<unknown>>;
  subscribe(event: string, fn: (payload: unknown) => void): Unsubscribe;
}

/** online: calls and events flow; connecting: first contact or reconnecting; offline: the last attempt failed. */
export type ConnectionState = 'online' | 'connecting' | 'offline';

export interface StatusSink {
  setConnection(state: ConnectionState): void;
  setUnauthorized(): void;
}

/** A failure that never reached the core still answers a Result, so callers have one shape to handle. */
export const transportError = (message: string): { ok: false; error: ApiError } => ({
  ok: false,
  error: { code: 'INTERNAL', message },
});
