import type { returnsApi } from '../../shared/api/returns';
import type { Handlers } from '../core/router';
import type { LedgerEnv } from '../ledger/env';
import { authoriseReturn, getReturn, inspectReturn, limboStock, listReturns, receiveReturn, refundReturn, restockRefurbished } from './returns';

export type ReturnHandlers = Pick<Handlers, keyof typeof returnsApi>;

export function returnHandlers(env: LedgerEnv): ReturnHandlers {
  return {
    'returns.authorise': (i, c) => authoriseReturn(env, c, i),
    'returns.receive': (i, c) => receiveReturn(env, c, i),
    'returns.inspect': (i, c) => inspectReturn(env, c, i),
    'returns.restockRefurbished': (i, c) => restockRefurbished(env, c, i),
    'returns.refund': (i, c) => refundReturn(env, c, i),
    'returns.get': (i) => getReturn(env, i.id),
    'returns.list': (i) => listReturns(env, i),
    'returns.limbo': () => limboStock(env),
  };
}
