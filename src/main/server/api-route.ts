import type { IncomingMessage, ServerResponse } from 'node:http';
import { isMethodName } from '../../shared/api';
import type { CallContext } from '../core/context';
import type { Router } from '../core/router';
import { sendError, sendJson, statusOf } from './http-status';

export const MAX_BODY_BYTES = 1024 * 1024;
/** File imports carry the whole file (a year of sales history is tens of MB); every other call stays under 1 MB. */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;
const IMPORT_METHODS: ReadonlySet<string> = new Set(['planning.importHistory', 'planning.history.preview', 'orders.importCsv', 'channels.importOrdersCsv']);
const limitOf = (method: string): number => (IMPORT_METHODS.has(method) ? MAX_IMPORT_BYTES : MAX_BODY_BYTES);
const mb = (bytes: number): string => `${bytes / (1024 * 1024)} MB`;

type Body = { ok: true; text: string } | { ok: false; tooLarge: true };

/** Reads the body up to the limit; past it, stops reading so a huge upload cannot fill memory. */
function readBody(req: IncomingMessage, limit: number): Promise<Body> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (c: Buffer) => {
      if (done) return;
      size += c.length;
      if (size > limit) {
        done = true;
        req.pause();
        resolve({ ok: false, tooLarge: true });
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      if (done) return;
      done = true;
      resolve({ ok: true, text: Buffer.concat(chunks).toString('utf8') });
    });
    req.on('error', (e) => {
      if (done) return;
      done = true;
      reject(e);
    });
  });
}

const isJson = (contentType: string | undefined): boolean =>
  (contentType ?? '').split(';')[0].trim().toLowerCase() === 'application/json';

/** The connection is dropped after answering, since the rest of an oversized body was never read. */
const CLOSE = { Connection: 'close' };

/**
 * POST /api/<method>: JSON in, the core's Result out. The caller is already authenticated and same-origin; this
 * decides 404/405/413/415/400 before the core sees anything, so a refused request never reaches the ledger.
 */
export async function handleApiCall(req: IncomingMessage, res: ServerResponse, method: string, router: Router, ctx: CallContext): Promise<void> {
  if (!isMethodName(method)) return sendError(res, 'UNKNOWN_METHOD', `There is no method "${method}"`);
  if (req.method !== 'POST') {
    return sendError(res, 'METHOD_NOT_ALLOWED', `${method} is called with POST and a JSON body, not ${req.method}`, 405, { Allow: 'POST' });
  }
  // A form on another site can POST text/plain or urlencoded bodies without a preflight, never application/json.
  if (!isJson(req.headers['content-type'])) {
    return sendError(res, 'BAD_JSON', `Send the input as JSON with Content-Type: application/json (got "${req.headers['content-type'] ?? 'none'}")`, 415);
  }
  const limit = limitOf(method);
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) return sendError(res, 'VALIDATION', `The request body is over the ${mb(limit)} limit (${declared} bytes)`, 413, CLOSE);
  const body = await readBody(req, limit);
  if (!body.ok) return sendError(res, 'VALIDATION', `The request body is over the ${mb(limit)} limit`, 413, CLOSE);
  let input: unknown;
  if (body.text.trim() !== '') {
    try {
      input = JSON.parse(body.text);
    } catch (e) {
      return sendError(res, 'BAD_JSON', `The request body is not valid JSON: ${(e as Error).message}`);
    }
  }
  const result = router.call(method, input, ctx);
  sendJson(res, result.ok ? 200 : statusOf(result.error.code), result);
}
