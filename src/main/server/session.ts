import type { IncomingMessage } from 'node:http';
import type { TokenInfo, TokenStore } from './tokens';

export const SESSION_COOKIE = 'stockroom_session';
/** Long enough that a handheld stays signed in between shifts; revocation, not expiry, is how access ends. */
const SESSION_MAX_AGE_S = 180 * 24 * 3600;

export function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (!out.has(name)) out.set(name, part.slice(eq + 1).trim());
  }
  return out;
}

/** The secret a request presents: `Authorization: Bearer` for API clients, else the session cookie of a browser. */
export function presentedToken(req: IncomingMessage): string | undefined {
  const auth = req.headers.authorization;
  if (auth) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    return m ? m[1] : undefined;
  }
  return parseCookies(req.headers.cookie).get(SESSION_COOKIE);
}

export const authenticate = (req: IncomingMessage, tokens: TokenStore): TokenInfo | null => tokens.verify(presentedToken(req));

/** HttpOnly: page scripts never see it; SameSite=Strict: no other site can make the browser send it. */
export const sessionCookie = (token: string): string =>
  `${SESSION_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${SESSION_MAX_AGE_S}`;
