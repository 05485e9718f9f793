import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';

/**
 * Channel credentials at rest: AES-256-GCM under a 32-byte key kept in a file beside the database
 * (`<db file>.key`, mode 0600, created on first use). A copy of the database alone does not reveal the secrets.
 * For ':memory:' databases the key is random and lives only in memory.
 *
 * Blob layout: version byte (1) | 12-byte IV | 16-byte tag | ciphertext of the JSON credentials.
 */
export interface SecretBox {
  seal(credentials: Record<string, string>): Buffer;
  open(blob: Buffer | Uint8Array): Record<string, string>;
}

const VERSION = 1;

export function keyFileOf(dbFile: string): string | null {
  return dbFile === ':memory:' || dbFile === '' ? null : `${dbFile}.key`;
}

function loadKey(dbFile: string): Buffer {
  const file = keyFileOf(dbFile);
  if (!file) return randomBytes(32);
  try {
    const k = fs.readFileSync(file);
    if (k.length !== 32) throw new Error(`The channel key file ${file} is damaged (${k.length} bytes, not 32)`);
    return k;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const k = randomBytes(32);
  try {
    // 'wx': never overwrite a key another process wrote a moment ago.
    fs.writeFileSync(file, k, { mode: 0o600, flag: 'wx' });
    return k;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return fs.readFileSync(file);
    throw e;
  }
}

/** The key is read (or created) lazily, on the first seal/open: a database without channels never gets a key file. */
export function createSecretBox(dbFile: string): SecretBox {
  let key: Buffer | null = null;
  const k = (): Buffer => (key ??= loadKey(dbFile));
  return {
    seal(credentials) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', k(), iv);
      const body = Buffer.concat([c.update(JSON.stringify(credentials), 'utf8'), c.final()]);
      return Buffer.concat([Buffer.from([VERSION]), iv, c.getAuthTag(), body]);
    },
    open(blob) {
      const b = Buffer.from(blob);
      if (b.length < 29 || b[0] !== VERSION) throw new Error('The stored channel credentials are not readable (unknown format)');
      const d = createDecipheriv('aes-256-gcm', k(), b.subarray(1, 13));
      d.setAuthTag(b.subarray(13, 29));
      try {
        return JSON.parse(Buffer.concat([d.update(b.subarray(29)), d.final()]).toString('utf8')) as Record<string, string>;
      } catch {
        throw new Error('The stored channel credentials cannot be decrypted with this key file: enter them again');
      }
    },
  };
}

/** A non-secret hint of stored credentials: the names and at most the first 4 characters of long values. */
export function credentialsHint(credentials: Record<string, string>): string | null {
  const keys = Object.keys(credentials).filter((k) => credentials[k] !== '');
  if (!keys.length) return null;
  return keys.map((k) => (credentials[k].length >= 16 ? `${k} ${credentials[k].slice(0, 4)}…` : `${k} set`)).join(', ');
}

/** Removes every credential value (and Basic/Bearer authorization values) from a message before it is stored or logged. */
export function redact(message: string, credentials: Record<string, string> | null): string {
  let out = message.replace(/\b(Basic|Bearer)\s+[A-Za-z0-9+/=._~-]{6,}/gi, '$1 [redacted]');
  for (const v of Object.values(credentials ?? {})) {
    if (v.length < 4) continue;
    out = out.split(v).join('[redacted]');
    // Base64 of user:secret (Basic auth) and the like.
    const b64 = Buffer.from(v).toString('base64').replace(/=+$/, '');
    if (b64.length >= 8) out = out.split(b64).join('[redacted]');
  }
  return out;
}
