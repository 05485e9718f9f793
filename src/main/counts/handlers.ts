import type { countsApi } from '../../shared/api/counts';
import type { Handlers } from '../core/router';
import type { CountsEnv } from './counts';
import { countAccuracy } from './accuracy';
import { stockAging } from './aging';
import { approveLines, scanForCount, countSheet, createSession, enterCount, getSession, listSessions, postSession, submitSession } from './counts';
import { countSchedule } from './schedule';

export type CountHandlers = Pick<Handlers, keyof typeof countsApi>;

export function countHandlers(env: CountsEnv): CountHandlers {
  return {
    'counts.create': (i, c) => createSession(env, c, i),
    'counts.enter': (i, c) => enterCount(env, c, i),
    'counts.sheet': (i) => countSheet(env, i.sessionId),
    'counts.scan': (i) => scanForCount(env, i),
    'counts.list': (i) => listSessions(env, i),
    'counts.submit': (i, c) => submitSession(env, c, i.sessionId),
    'counts.review': (i) => getSession(env, i.sessionId),
    'counts.approve': (i, c) => approveLines(env, c, i),
    'counts.post': (i, c) => postSession(env, c, i.sessionId),
    'counts.schedule': (i) => countSchedule(env, i),
    'counts.accuracy': (i) => countAccuracy(env, i),
    'counts.aging': (i) => stockAging(env, i),
  };
}
