import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { EventBus } from '../../shared/events';
import type { TokenInfo } from './tokens';

export const HEARTBEAT_MS = 30_000;
/** A client that cannot keep up (a handheld asleep on Wi-Fi) is dropped rather than buffered without bound; it reconnects and reloads. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

export interface EventSockets {
  /** Completes an upgrade the caller has already authorised. */
  accept(req: IncomingMessage, socket: Duplex, head: Buffer, who: TokenInfo): void;
  /** Closes the sockets opened with a token that was just revoked. */
  dropToken(tokenId: string): void;
  close(): Promise<void>;
}

interface Client {
  ws: WebSocket;
  tokenId: string;
  alive: boolean;
}

/** Refuses an upgrade with a plain HTTP answer, before any WebSocket exists. */
export function refuseUpgrade(socket: Duplex, status: 401 | 403 | 404, message: string): void {
  const reason = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' }[status];
  const body = JSON.stringify({ ok: false, error: { code: status === 401 ? 'UNAUTHORIZED' : status === 403 ? 'FORBIDDEN' : 'NOT_FOUND', message } });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/** /api/events: every core event, as `{event, payload}` JSON text frames, to every signed-in client. */
export function createEventSockets(bus: EventBus, heartbeatMs = HEARTBEAT_MS): EventSockets {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const clients = new Set<Client>();

  const unsubscribe = bus.onAny((event, payload) => {
    if (clients.size === 0) return;
    const frame = JSON.stringify({ event, payload });
    for (const c of clients) {
      if (c.ws.readyState !== c.ws.OPEN) continue;
      if (c.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
        c.ws.terminate();
        continue;
      }
      c.ws.send(frame);
    }
  });

  // A ping each period; a client that did not answer the previous one is gone (cable pulled, laptop asleep).
  const timer = setInterval(() => {
    for (const c of clients) {
      if (!c.alive) {
        c.ws.terminate();
        continue;
      }
      c.alive = false;
      c.ws.ping();
    }
  }, heartbeatMs);
  timer.unref();

  return {
    accept(req, socket, head, who) {
      wss.handleUpgrade(req, socket, head, (ws) => {
        const c: Client = { ws, tokenId: who.id, alive: true };
        clients.add(c);
        ws.on('pong', () => (c.alive = true));
        ws.on('close', () => clients.delete(c));
        ws.on('error', () => ws.terminate());
        // Clients only listen; calls go over HTTP so every call has one status and one body.
        ws.on('message', () => {});
      });
    },
    dropToken(tokenId) {
      for (const c of clients) if (c.tokenId === tokenId) c.ws.close(4401, 'Token revoked');
    },
    close() {
      clearInterval(timer);
      unsubscribe();
      for (const c of clients) c.ws.terminate();
      clients.clear();
      return new Promise((resolve) => wss.close(() => resolve()));
    },
  };
}
