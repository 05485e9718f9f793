import fs from 'node:fs';
import path from 'node:path';
import type { Clock } from '../core/context';
import { randomSecret, sha256, writeFileAtomic } from './tokens';

export const SIGNIN_CODES_FILE = 'signin-codes.json';
/** A code printed by `--print-signin` is meant to be used right away; an old one lying in a terminal scrollback should not work. */
export const PRINTED_CODE_TTL_MS = 15 * 60_000;

interface StoredCode {
  hash: string;
  /** ISO time, or null for the code printed at start (valid until used or the hub stops). */
  expiresAt: string | null;
}

export interface SigninCodes {
  /** A new one-time code, kept in memory only (the one printed at start). */
  issue(): string;
  /** True once per code: the code is consumed by this call. */
  consume(code: string): boolean;
}

function readFileCodes(file: string): StoredCode[] {
  try {
    const data = JSON.parse(fs.readFileSync(file, 'utf8')) as { codes?: StoredCode[] };
    return Array.isArray(data.codes) ? data.codes : [];
  } catch {
    // Missing or garbled: no printed codes, which only means a sign-in link fails and can be printed again.
    return [];
  }
}

/**
 * One-time sign-in codes of a running hub. Codes issued by another process (`--print-signin`) arrive through
 * DATA/signin-codes.json, read only when an unknown code is presented, so the file costs nothing otherwise.
 */
export function createSigninCodes(dataDir: string, clock: Clock): SigninCodes {
  const file = path.join(dataDir, SIGNIN_CODES_FILE);
  const inMemory = new Set<string>();
  return {
    issue() {
      const code = randomSecret(24);
      inMemory.add(sha256(code));
      return code;
    },
    consume(code) {
      if (!code) return false;
      const h = sha256(code);
      if (inMemory.delete(h)) return true;
      const now = clock.now().getTime();
      const codes = readFileCodes(file);
      const live = codes.filter((c) => c.expiresAt === null || Date.parse(c.expiresAt) > now);
      const hit = live.find((c) => c.hash === h);
      const rest = live.filter((c) => c.hash !== h);
      if (rest.length !== codes.length) writeFileAtomic(file, JSON.stringify({ codes: rest }));
      return hit !== undefined;
    },
  };
}

/** For `--print-signin`: adds a code a running hub on the same data folder will accept once within 15 minutes. */
export function printSigninCode(dataDir: string, clock: Clock): string {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, SIGNIN_CODES_FILE);
  const now = clock.now().getTime();
  const code = randomSecret(24);
  const codes = readFileCodes(file).filter((c) => c.expiresAt === null || Date.parse(c.expiresAt) > now);
  codes.push({ hash: sha256(code), expiresAt: new Date(now + PRINTED_CODE_TTL_MS).toISOString() });
  writeFileAtomic(file, JSON.stringify({ codes }));
  return code;
}
