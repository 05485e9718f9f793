import { useCallback, useEffect, useRef, useState } from 'react';
import type { PickList } from '../../../../shared/api/orders';
import { call } from '../../api/client';
import { useApi } from '../../hooks/use-api';
import { playBenchSound } from '../bench/bench-sounds';

export interface PickFeedback {
  ok: boolean;
  code: string | null;
  message: string;
  seq: number;
}

/** The scan pipeline shows GS (FNC1) as ␝ for display; the core parses the real character. */
const codeOf = (raw: string): string => raw.replace(/\u241d/g, '\u001d');

/**
 * One pick list being worked: loads it, sends scans (bin, then item) and shortages to the core one at a time, in the
 * order they came (a bin scan must be confirmed before the item scan right behind it is judged), and keeps the last
 * answer as feedback: the core's message, green when taken, red when refused.
 */
export function usePickSession(pickListId: number) {
  const loaded = useApi('orders.getPickList', { pickListId });
  const [list, setList] = useState<PickList | undefined>();
  const [feedback, setFeedback] = useState<PickFeedback | null>(null);
  const [busy, setBusy] = useState(false);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const seq = useRef(0);

  useEffect(() => {
    if (loaded.data) setList(loaded.data);
  }, [loaded.data]);

  const enqueue = useCallback(<T,>(job: () => Promise<T>): Promise<T> => {
    const next = queue.current.then(job, job);
    queue.current = next.catch(() => undefined);
    return next;
  }, []);

  const answer = useCallback((r: Awaited<ReturnType<typeof call<'orders.pickScan'>>>): boolean => {
    seq.current += 1;
    if (r.ok) {
      const { message, ...pl } = r.value;
      setList(pl);
      setFeedback({ ok: true, code: null, message, seq: seq.current });
      playBenchSound(r.value.status === 'done' ? 'done' : 'good');
      return true;
    }
    setFeedback({ ok: false, code: r.error.code, message: r.error.message, seq: seq.current });
    playBenchSound('refused');
    return false;
  }, []);

  const scan = useCallback(
    (raw: string, quantity?: number): Promise<boolean> =>
      enqueue(async () => {
        setBusy(true);
        try {
          return answer(await call('orders.pickScan', { pickListId, code: codeOf(raw), ...(quantity && quantity > 1 ? { quantity } : {}) }));
        } finally {
          setBusy(false);
        }
      }),
    [enqueue, answer, pickListId],
  );

  const short = useCallback(
    (lineId: number, found: number): Promise<boolean> =>
      enqueue(async () => {
        setBusy(true);
        try {
          return answer(await call('orders.pickShort', { pickListId, lineId, found }));
        } finally {
          setBusy(false);
        }
      }),
    [enqueue, answer, pickListId],
  );

  return { list, error: loaded.error, feedback, busy, scan, short };
}
