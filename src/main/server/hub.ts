import fs from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { systemClock, type Clock } from '../core/context';
import { createCore, type Core } from '../core/core';
import { maybeSeedDemo } from '../demo';
import { handleApiCall } from './api-route';
import { createEventSockets, refuseUpgrade } from './event-socket';
import { sendError, sendJson } from './http-status';
import { openApiDocument } from './openapi';
import { allowedHosts, checkHost, checkSameOrigin, hostForUrl } from './request-guards';
import { setSecurityHeaders } from './security-headers';
import { authenticate, sessionCookie } from './session';
import { createSigninCodes } from './signin-codes';
import { invalidCodePage } from './signin-page';
import { serveStatic } from './static-files';
import { callContextOf, createTokenStore, type TokenInfo } from './tokens';

export const DEFAULT_PORT = 8417;
export const DEFAULT_HOST = '127.0.0.1';
export const DB_FILE = 'stockroom.db';
/** Where a running hub leaves its address, so `--print-signin` can print a link to it. */
export const HUB_FILE = 'hub.json';

export interface HubOptions {
  dataDir: string;
  /** 0 = any free port. */
  port?: number;
  host?: string;
  demo?: boolean;
  /** The built web UI (out/renderer). */
  rendererDir: string;
  clock?: Clock;
  log?: (msg: string, e?: unknown) => void;
  /** For tests; the WebSocket ping period. */
  heartbeatMs?: number;
}

export interface Hub {
  /** http://host:port, as a browser on this machine reaches it. */
  url: string;
  /** A one-time sign-in link (the code is consumed by its first use). */
  signinUrl: string;
  port: number;
  host: string;
  dbPath: string;
  core: Core;
  /** With --demo: whether the demo warehouse was seeded now, or why not. */
  demo: { seeded: boolean; reason?: string; items: number; movements: number; ms: number } | null;
  /** A new one-time sign-in link. */
  newSigninUrl(): string;
  /** A bearer token for a device or API client; shown once, stored hashed. */
  mintToken(name: string): string;
  revokeToken(token: string): boolean;
  listTokens(): TokenInfo[];
  revokeTokenId(id: string): boolean;
  close(): Promise<void>;
}

/** The URL host a browser should use: a wildcard listen address is reached through loopback on this machine. */
const browserHost = (host: string): string => (host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host);

/** The hub: the core behind HTTP + WebSocket, with the web UI. Used by the CLI, the tests and the bench alike. */
export async function startHub(opts: HubOptions): Promise<Hub> {
  const clock = opts.clock ?? systemClock;
  const log = opts.log ?? ((m, e) => console.error(m, e ?? ''));
  const host = opts.host ?? DEFAULT_HOST;
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const dbPath = path.join(opts.dataDir, DB_FILE);
  // Read before the database opens, so a garbled tokens.json stops the start without leaving the ledger open.
  const tokens = createTokenStore(opts.dataDir, clock);
  const codes = createSigninCodes(opts.dataDir, clock);
  const core = createCore({ file: dbPath, clock, host: 'hub', demo: opts.demo ?? false, log });
  // Seeds an empty database only; one with data is left alone (the summary says why), so --demo is safe to repeat.
  const demo = opts.demo ? maybeSeedDemo(core) : null;
  // Forecasts, safety stock and reorder points recompute themselves (nightly by default); people see the exceptions.
  core.planningScheduler.start();
  core.channels.scheduler.start();
  const demoResult = demo ? { seeded: demo.seeded, reason: demo.reason, items: demo.items, movements: demo.movements, ms: demo.ms } : null;
  const sockets = createEventSockets(core.bus, opts.heartbeatMs);
  const stopDropping = tokens.onRevoke((t) => sockets.dropToken(t.id));
  // Set once listening, when the port is known.
  let allowed = new Set<string>();
  let openapiJson = '';

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const hostFail = checkHost(req, allowed);
    if (hostFail) return sendError(res, 'FORBIDDEN', hostFail.message, 403);
    setSecurityHeaders(res, (req.headers.host ?? '').toLowerCase());
    const url = new URL(req.url ?? '/', 'http://hub.invalid');
    const p = url.pathname;

    if (p === '/signin') {
      // GET only: a HEAD from a link previewer must not use up the one-time code.
      if (req.method !== 'GET') return sendError(res, 'METHOD_NOT_ALLOWED', 'Open the sign-in link with GET', 405, { Allow: 'GET' });
      if (!codes.consume(url.searchParams.get('code') ?? '')) {
        const page = invalidCodePage();
        res.writeHead(403, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(page), 'Cache-Control': 'no-store' });
        res.end(page);
        return;
      }
      const { token } = tokens.mint('session', 'browser');
      // 303: the browser follows with a GET of / and drops the code from the address bar and history.
      res.writeHead(303, { Location: '/', 'Set-Cookie': sessionCookie(token), 'Cache-Control': 'no-store' });
      res.end();
      return;
    }

    if (p === '/api' || p.startsWith('/api/')) {
      const originFail = checkSameOrigin(req, allowed);
      if (originFail) return sendError(res, 'FORBIDDEN', originFail.message, 403);
      const who = authenticate(req, tokens);
      if (!who) return sendError(res, 'UNAUTHORIZED', 'Sign in first: open the sign-in link the hub printed, or send Authorization: Bearer <token>');
      const name = p.slice('/api/'.length);
      if (name === 'openapi.json') {
        if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 'METHOD_NOT_ALLOWED', 'GET the OpenAPI document', 405, { Allow: 'GET' });
        res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-cache' });
        res.end(req.method === 'HEAD' ? undefined : openapiJson);
        return;
      }
      if (name === 'events') return sendJson(res, 426, { ok: false, error: { code: 'METHOD_NOT_ALLOWED', message: 'Open /api/events as a WebSocket' } }, { Upgrade: 'websocket' });
      return handleApiCall(req, res, name, core.router, callContextOf(who));
    }

    serveStatic(req, res, opts.rendererDir, p);
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e) => {
      log('hub request failed', e);
      if (!res.headersSent) sendError(res, 'INTERNAL', `Internal error: ${(e as Error).message}`);
      else res.destroy();
    });
  });
  // Keep-alive connections from handhelds are cheap; long enough that a scanning session reuses one.
  server.keepAliveTimeout = 65_000;

  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', 'http://hub.invalid');
    const fail = checkHost(req, allowed) ?? checkSameOrigin(req, allowed);
    if (fail) return refuseUpgrade(socket, 403, fail.message);
    if (url.pathname !== '/api/events') return refuseUpgrade(socket, 404, 'WebSocket is only at /api/events');
    // Tokens in the query string end up in logs and history, so only the cookie or the Authorization header count.
    const who = authenticate(req, tokens);
    if (!who) return refuseUpgrade(socket, 401, 'Sign in first');
    sockets.accept(req, socket, head, who);
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? DEFAULT_PORT, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (e) {
    await sockets.close();
    core.close();
    throw e;
  }

  const port = (server.address() as AddressInfo).port;
  allowed = allowedHosts(host, port);
  const url = `http://${hostForUrl(browserHost(host))}:${port}`;
  openapiJson = JSON.stringify(openApiDocument(url));
  const hubFile = path.join(opts.dataDir, HUB_FILE);
  fs.writeFileSync(hubFile, JSON.stringify({ url, pid: process.pid, startedAt: clock.now().toISOString() }));
  const newSigninUrl = () => `${url}/signin?code=${codes.issue()}`;

  let closing: Promise<void> | null = null;
  return {
    url,
    signinUrl: newSigninUrl(),
    port,
    host,
    dbPath,
    core,
    demo: demoResult,
    newSigninUrl,
    mintToken: (name) => tokens.mint('device', name).token,
    revokeToken: (token) => tokens.revokeToken(token),
    listTokens: () => tokens.list(),
    revokeTokenId: (id) => tokens.revoke(id),
    close() {
      closing ??= (async () => {
        stopDropping();
        await sockets.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        try {
          fs.rmSync(hubFile, { force: true });
        } catch {
          // Only a hint for --print-signin; a stale one is harmless.
        }
        // Last: an in-flight request has finished (the router is synchronous), so the WAL is checkpointed cleanly.
        core.close();
      })();
      return closing;
    },
  };
}
