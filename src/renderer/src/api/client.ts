import type { Input, MethodName, Output } from '../../../shared/api';
import type { Result } from '../../../shared/errors';
import type { EventName, Events, Unsubscribe } from '../../../shared/events';
import { hubTransport } from './hub-transport';
import { preloadTransport } from './preload-transport';
import type { ConnectionState, Transport } from './transport';

export interface ClientStatus {
  transport: Transport['kind'];
  connection: ConnectionState;
  /** The hub refused us: no session cookie (or it was revoked). */
  unauthorized: boolean;
}

let status: ClientStatus = { transport: window.stockroom ? 'messageport' : 'hub', connection: 'connecting', unauthorized: false };
const statusListeners = new Set<() => void>();
const setStatus = (patch: Partial<ClientStatus>): void => {
  const next = { ...status, ...patch };
  if (next.connection === status.connection && next.unauthorized === status.unauthorized) return;
  status = next;
  for (const fn of statusListeners) fn();
};

// In Electron the preload bridge is the only way in; anywhere else we are a browser talking to the hub.
const transport: Transport = window.stockroom
  ? preloadTransport(window.stockroom)
  : hubTransport({
      setConnection: (connection) => setStatus({ connection }),
      setUnauthorized: () => setStatus({ unauthorized: true }),
    });
if (transport.kind === 'messageport') setStatus({ connection: 'online' });

/** Calls one API method; never throws, every failure is a Result with a stable code. */
export function call<M extends MethodName>(method: M, input: Input<M>): Promise<Result<Output<M>>> {
  return transport.call(method, input) as Promise<Result<Output<M>>>;
}

export function subscribe<E extends EventName>(event: E, fn: (payload: Events[E]) => void): Unsubscribe {
  return transport.subscribe(event, fn as (payload: unknown) => void);
}

export const getStatus = (): ClientStatus => status;
export function onStatus(fn: () => void): Unsubscribe {
  statusListeners.add(fn);
  return () => {
    statusListeners.delete(fn);
  };
}
