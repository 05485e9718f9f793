import type { z } from 'zod';
import { api, isMethodName, type MethodName, type Output, type ParsedInput } from '../../shared/api';
import { DomainError, type ApiError, type Result } from '../../shared/errors';
import type { CallContext } from './context';

export type Handlers = { [M in MethodName]: (input: ParsedInput<M>, ctx: CallContext) => Output<M> };

/** zod issues → one message and a field map, so a form can show each error next to its field. */
export function validationError(issues: z.core.$ZodIssue[]): ApiError {
  const fields: Record<string, string> = {};
  for (const i of issues) {
    const key = i.path.join('.') || '_';
    if (!(key in fields)) fields[key] = i.message;
  }
  const gtin = issues.find((i) => i.code === 'custom' && (i as { params?: { code?: string } }).params?.code === 'BAD_GTIN');
  const first = issues[0];
  const where = first.path.length ? `${first.path.join('.')}: ` : '';
  return { code: gtin ? 'BAD_GTIN' : 'VALIDATION', message: gtin ? gtin.message : `${where}${first.message}`, fields };
}

/** SQLite constraint messages that reach here are bugs in our checks, but still get a stable code. */
function sqliteError(e: { code?: string; message: string }): ApiError | null {
  if (typeof e.code !== 'string' || !e.code.startsWith('SQLITE_')) return null;
  if (e.code === 'SQLITE_CONSTRAINT_UNIQUE') return { code: 'DUPLICATE', message: e.message };
  if (e.code.startsWith('SQLITE_CONSTRAINT')) return { code: 'VALIDATION', message: e.message };
  return { code: 'INTERNAL', message: `Database error: ${e.message}` };
}

export interface Router {
  call(method: string, input: unknown, ctx: CallContext): Result<unknown>;
}

/** The one entry point of the core, whatever the transport: validate, run, answer a Result. Nothing throws out. */
export function createRouter(handlers: Handlers, log: (msg: string, e: unknown) => void = () => {}): Router {
  return {
    call(method, input, ctx) {
      if (!isMethodName(method)) return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `There is no method "${method}"` } };
      const parsed = api[method].input.safeParse(input ?? {});
      if (!parsed.success) return { ok: false, error: validationError(parsed.error.issues) };
      try {
        const fn = handlers[method] as (i: unknown, c: CallContext) => unknown;
        return { ok: true, value: fn(parsed.data, ctx) };
      } catch (e) {
        if (e instanceof DomainError) return { ok: false, error: e.toApiError() };
        const sq = sqliteError(e as { code?: string; message: string });
        if (sq) return { ok: false, error: sq };
        log(`${method} failed`, e);
        return { ok: false, error: { code: 'INTERNAL', message: `Internal error in ${method}: ${(e as Error).message}` } };
      }
    },
  };
}
