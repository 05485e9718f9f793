import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { CallContext, Clock } from '../core/context';

/** A browser session (from a sign-in code) or a paired device (handheld, another system on the LAN). */
export type TokenKind = 'session' | 'device';

export interface TokenInfo {
  /** Stable id to list and revoke a token without knowing the secret. */
  id: string;
  kind: TokenKind;
  /** Shown as the `device` of every ledger row made with this token. */
  name: string;
  createdAt: string;
}

interface StoredToken extends TokenInfo {
  /** sha256 of the secret: a copied tokens.json does not let anyone in. */
  hash: string;
}

export interface TokenStore {
  /** Creates a token and returns its secret; the secret is never stored, so this is the only time it is seen. */
  mint(kind: TokenKind, name: string): { token: string; info: TokenInfo };
  verify(token: string | undefined): TokenInfo | null;
  list(): TokenInfo[];
  /** Revokes by id; true if it existed. */
  revoke(id: string): boolean;
  /** Revokes by secret (a "sign out" from the client that holds it). */
  revokeToken(token: string): boolean;
  /** Called after a revocation so live connections (WebSockets) of that token can be closed. */
  onRevoke(fn: (info: TokenInfo) => void): () => void;
}

export const TOKENS_FILE = 'tokens.json';

export const sha256 = (s: string): string => crypto.createHash('sha256').update(s).digest('hex');

/** 32 random bytes, URL-safe: unguessable and fits in a header or cookie as is. */
export const randomSecret = (bytes = 32): string => crypto.randomBytes(bytes).toString('base64url');

function load(file: string): StoredToken[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  let data: { tokens?: StoredToken[] };
  try {
    data = JSON.parse(text) as { tokens?: StoredToken[] };
  } catch (e) {
    // Not silently reset: that would sign out every paired device without anyone knowing why.
    throw new Error(`${file} is not valid JSON (${(e as Error).message}). Move it away to sign out all devices and browsers, then start again.`);
  }
  return Array.isArray(data.tokens) ? data.tokens.filter((t) => typeof t.hash === 'string' && typeof t.id === 'string') : [];
}

/** Writes to a temp file then renames, so a crash mid-write never leaves a half file that locks everyone out. */
export function writeFileAtomic(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text, { mode: 0o600 });
  fs.renameSync(tmp, file);
}

/** Tokens in memory, persisted hashed to DATA/tokens.json so sessions and paired devices survive a restart of the hub. */
export function createTokenStore(dataDir: string, clock: Clock): TokenStore {
  const file = path.join(dataDir, TOKENS_FILE);
  const byHash = new Map<string, StoredToken>(load(file).map((t) => [t.hash, t]));
  const listeners = new Set<(info: TokenInfo) => void>();
  const save = () => writeFileAtomic(file, JSON.stringify({ version: 1, tokens: [...byHash.values()] }, null, 2));
  const info = ({ hash: _h, ...rest }: StoredToken): TokenInfo => rest;
  const remove = (t: StoredToken) => {
    byHash.delete(t.hash);
    save();
    for (const fn of listeners) fn(info(t));
    return true;
  };
  return {
    mint(kind, name) {
      const token = randomSecret();
      const t: StoredToken = { id: randomSecret(9), kind, name, createdAt: clock.now().toISOString(), hash: sha256(token) };
      byHash.set(t.hash, t);
      save();
      return { token, info: info(t) };
    },
    verify(token) {
      if (!token) return null;
      const t = byHash.get(sha256(token));
      return t ? info(t) : null;
    },
    list: () => [...byHash.values()].map(info),
    revoke(id) {
      const t = [...byHash.values()].find((x) => x.id === id);
      return t ? remove(t) : false;
    },
    revokeToken(token) {
      const t = byHash.get(sha256(token));
      return t ? remove(t) : false;
    },
    onRevoke(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  };
}

/** Who the ledger says did it: a browser session is "browser", a paired device is known by its name. */
export function callContextOf(t: TokenInfo): CallContext {
  switch (t.kind) {
    case 'session':
      return { actor: 'hub-user', device: 'browser' };
    case 'device':
      return { actor: 'hub-user', device: t.name };
  }
}
