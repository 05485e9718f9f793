import type { Result } from '../../../shared/errors';
import { transportError, type StatusSink, type Transport } from './transport';

const MIN_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 10_000;

function isResult(v: unknown): v is Result<unknown> {
  return typeof v === 'object' && v !== null && 'ok' in v && typeof (v as { ok: unknown }).ok === 'boolean';
}

/**
 * The hub transport: POST /api/<method> for calls, one WebSocket at /api/events for pushed events.
 * The hub answers the Result JSON whatever the HTTP status, so the body is trusted over the status code.
 */
export function hubTransport(status: StatusSink, base: Location = window.location): Transport {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let socket: WebSocket | null = null;
  let backoff = MIN_BACKOFF_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const connect = (): void => {
    if (stopped) return;
    status.setConnection('connecting');
    const url = `${base.protocol === 'https:' ? 'wss:' : 'ws:'}//${base.host}/api/events`;
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      backoff = MIN_BACKOFF_MS;
      status.setConnection('online');
    };
    ws.onmessage = (m) => {
      let msg: { event?: unknown; payload?: unknown };
      try {
        msg = JSON.parse(String(m.data)) as typeof msg;
      } catch {
        return; // A malformed frame must not take the UI down; the next change event will refresh anyway.
      }
      if (typeof msg.event !== 'string') return;
      for (const fn of listeners.get(msg.event) ?? []) fn(msg.payload);
    };
    ws.onclose = (e) => {
      if (socket !== ws) return;
      // 4401: the hub revoked this device's token; reconnecting cannot help until it signs in again.
      if (e.code === 4401) {
        socket = null;
        status.setUnauthorized();
        return;
      }
      socket = null;
      status.setConnection('offline');
      // Backoff keeps a restarting hub from being hammered by every handheld on the LAN at once.
      timer = setTimeout(connect, backoff + Math.random() * 250);
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
    };
  };
  connect();
  window.addEventListener('beforeunload', () => {
    stopped = true;
    clearTimeout(timer);
    socket?.close();
  });

  return {
    kind: 'hub',
    async call(method, input) {
      let res: Response;
      try {
        res = await fetch(`/api/${encodeURIComponent(method)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          credentials: 'same-origin',
          body: JSON.stringify(input ?? {}),
        });
      } catch {
        status.setConnection('offline');
        return transportError('Cannot reach the Stockroom hub. Check that it is running and that this device is on the same network.');
      }
      let body: unknown;
      try {
        body = await res.json();
      } catch {
        return transportError(`The hub answered ${res.status} ${res.statusText} without a result.`);
      }
      if (!isResult(body)) return transportError(`The hub answered ${res.status} with something that is not a result.`);
      if (!body.ok && body.error.code === 'UNAUTHORIZED') status.setUnauthorized();
      return body;
    },
    subscribe(event, fn) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(fn);
      return () => {
        set.delete(fn);
      };
    },
  };
}
