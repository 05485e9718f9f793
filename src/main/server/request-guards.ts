import type { IncomingMessage } from 'node:http';
import net from 'node:net';
import os from 'node:os';

/** Brackets an IPv6 literal, as it appears in a URL or a Host header. */
export const hostForUrl = (host: string): string => (net.isIPv6(host) ? `[${host}]` : host);

const isWildcard = (host: string): boolean => host === '0.0.0.0' || host === '::' || host === '';

/**
 * The Host values this hub answers to. A browser on a page from a rebinding domain (evil.example resolving to
 * 127.0.0.1) sends Host: evil.example, so anything but our own names and addresses is refused. When listening on
 * every interface, the machine's own IP addresses are allowed: an IP literal cannot be rebound.
 */
export function allowedHosts(host: string, port: number): Set<string> {
  const names = new Set(['127.0.0.1', 'localhost', '::1', host]);
  if (isWildcard(host)) {
    for (const addrs of Object.values(os.networkInterfaces())) for (const a of addrs ?? []) names.add(a.address.split('%')[0]);
  }
  const out = new Set<string>();
  for (const n of names) {
    if (isWildcard(n)) continue;
    out.add(`${hostForUrl(n).toLowerCase()}:${port}`);
    // Browsers leave the default port out of Host and Origin.
    if (port === 80) out.add(hostForUrl(n).toLowerCase());
  }
  return out;
}

export interface GuardFailure {
  status: 403;
  message: string;
}

/** DNS rebinding: every request, static or API, must name us in Host. */
export function checkHost(req: IncomingMessage, allowed: Set<string>): GuardFailure | null {
  const host = (req.headers.host ?? '').toLowerCase();
  if (allowed.has(host)) return null;
  return { status: 403, message: `Host "${req.headers.host ?? ''}" is not this hub; open it at ${[...allowed][0]}` };
}

/**
 * CSRF: a request from another site's page is refused even if the browser would attach our cookie. Origin is
 * checked when present (browsers send it on POST and WebSocket), Sec-Fetch-Site when the browser sends it.
 * Non-browser clients send neither, and authenticate with a bearer token instead.
 */
export function checkSameOrigin(req: IncomingMessage, allowed: Set<string>): GuardFailure | null {
  if (req.headers['sec-fetch-site'] === 'cross-site') return { status: 403, message: 'Cross-site requests are refused' };
  const origin = req.headers.origin;
  if (origin === undefined) return null;
  let ok = false;
  try {
    const u = new URL(origin);
    ok = u.protocol === 'http:' && u.pathname === '/' && allowed.has(u.host.toLowerCase()) && origin === `${u.protocol}//${u.host}`;
  } catch {
    ok = false;
  }
  return ok ? null : { status: 403, message: `Requests from origin "${origin}" are refused` };
}
