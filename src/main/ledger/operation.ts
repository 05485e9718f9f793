import { createHash } from 'node:crypto';
import type { OperationResult } from '../../shared/api';
import { fail } from '../../shared/errors';
import type { CallContext } from '../core/context';
import { qb } from '../db/sql';
import type { LedgerEnv } from './env';
import { movementsOfOperation } from './queries';

function stableJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${stableJson(o[k])}`)
    .join(',')}}`;
}

export const requestHash = (kind: string, input: Record<string, unknown>): string => {
  const { idempotencyKey: _ignored, ...rest } = input;
  return createHash('sha256').update(`${kind}\n${stableJson(rest)}`).digest('hex');
};

export interface OpBody {
  (operationId: number, at: string): { reservationIds?: number[] } | void;
}

const selectPrior = (key: string) => qb.selectFrom('operations').select(['id', 'kind', 'request_hash']).where('idempotency_key', '=', key);
const insertOperation = (kind: string, key: string | null, hash: string, actor: string, device: string, at: string) =>
  qb.insertInto('operations').values({ kind, idempotency_key: key, request_hash: hash, reservation_id: null, actor, device, created_at: at });
const reservationsMade = (operationId: number) => qb.selectFrom('reservations').select('id').where('operation_id', '=', operationId).orderBy('id');
const reservationReleased = (operationId: number) => qb.selectFrom('operations').select(['reservation_id']).where('id', '=', operationId);

function reservationIdsOf(env: LedgerEnv, operationId: number, kind: string): number[] {
  switch (kind) {
    case 'reserve':
      return env.sql.pAll(reservationsMade, operationId).map((r) => r.id);
    case 'release': {
      const id = env.sql.pOne(reservationReleased, operationId)?.reservation_id;
      return id ? [id] : [];
    }
    default:
      return [];
  }
}

function resultOf(env: LedgerEnv, operationId: number, kind: string, replayed: boolean): OperationResult {
  return { operationId, kind, replayed, movements: movementsOfOperation(env, operationId), reservationIds: reservationIdsOf(env, operationId, kind) };
}

/**
 * One ledger operation: a single transaction that records the request, runs the body and returns what it wrote.
 * With an idempotency key, a replay of the same request returns the first result and writes nothing; the same key
 * with a different request is refused.
 */
export function runOperation(
  env: LedgerEnv,
  ctx: CallContext,
  kind: string,
  input: Record<string, unknown> & { idempotencyKey?: string },
  itemId: number,
  body: OpBody,
): OperationResult {
  const key = input.idempotencyKey ?? null;
  const hash = requestHash(kind, input);
  const result = env.sql.tx(() => {
    if (key) {
      const prior = env.sql.pOne(selectPrior, key);
      if (prior) {
        if (prior.kind !== kind || prior.request_hash !== hash) {
          fail('IDEMPOTENCY_CONFLICT', `Idempotency key "${key}" was already used for a different ${prior.kind} request`, undefined, { operationId: prior.id });
        }
        return resultOf(env, prior.id, kind, true);
      }
    }
    const at = env.clock.now().toISOString();
    const op = env.sql.pRun(insertOperation, kind, key, hash, ctx.actor, ctx.device, at);
    const out = body(op.lastInsertRowid, at);
    if (out?.reservationIds?.length === 1 && kind === 'release') {
      env.sql.run(qb.updateTable('operations').set({ reservation_id: out.reservationIds[0] }).where('id', '=', op.lastInsertRowid));
    }
    return resultOf(env, op.lastInsertRowid, kind, false);
  });
  if (!result.replayed) {
    env.bus.emit('stock.changed', { itemIds: [itemId], operationId: result.operationId });
  }
  return result;
}
