import { useCallback, useEffect, useReducer, useRef } from 'react';
import { countsApi } from '../../../../shared/api/counts';
import { call } from '../../api/client';
import { useApi } from '../../hooks/use-api';
import { playBenchSound } from '../bench/bench-sounds';

/** One item being counted in the open bin: the counter's own tally, never the expected quantity. */
export interface Tally {
  key: string;
  itemId: number;
  sku: string;
  name: string;
  lot: string | null;
  qty: number;
  /** The core asked for this line to be counted again. */
  recount: boolean;
  /** What the counter entered for it earlier in this session (a new count replaces it). */
  before: number | null;
}

export interface CountFeedback {
  tone: 'good' | 'warn' | 'bad' | 'idle';
  title: string;
  message: string;
  code: string | null;
  seq: number;
}

export interface OpenBin {
  id: number;
  path: string;
}

const TITLES: Record<string, string> = {
  NOT_IN_BIN: 'Not in this bin',
  NOT_IN_COUNT: 'Not in this count',
  SCAN_BIN_FIRST: 'Scan the bin first',
  BAD_SCAN: 'Not a bin or an item',
  LOT_REQUIRED: 'Lot needed',
  LOT_NOT_ALLOWED: 'No lot for this item',
  UNKNOWN_LOT: 'Unknown lot',
  COUNT_STATUS: 'Cannot count now',
  NOT_A_BIN: 'Not a bin',
  VALIDATION: 'Not a count',
};

/** The scanner shows GS (FNC1) as ␝; the core parses the real character. */
const codeOf = (raw: string): string => raw.replace(/\u241d/g, '\u001d');
const keyOf = (itemId: number, lot: string | null): string => `${itemId}|${lot ?? ''}`;
const countedSchema = countsApi['counts.enter'].input.shape.counted;

/** A typed quantity checked by the contract's own rule, so the counter reads the same words the core would send. */
export function checkCount(text: string): { ok: true; value: number } | { ok: false; message: string } {
  const t = text.trim();
  if (!/^[-+]?\d+(\.\d+)?$/.test(t)) return { ok: false, message: `“${t}” is not a number of units` };
  const r = countedSchema.safeParse(Number(t));
  return r.success ? { ok: true, value: r.data } : { ok: false, message: r.error.issues[0]?.message ?? 'Not a count' };
}

/**
 * The blind counting screen's state: the open bin, a tally per item scanned in it (each scan +1, or a typed
 * quantity), and the loud feedback of the last action. Scans go to the core one at a time, in the order they came
 * (a bin scan must be answered before the item scans right behind it are judged); a bin's tallies are entered when the
 * counter closes it (another bin, Bin done, Finish), so a recount is asked for only once per count.
 */
export function useCountScreen(sessionId: number) {
  const sheet = useApi('counts.sheet', { sessionId });
  const st = useRef<{ bin: OpenBin | null; tallies: Tally[]; current: string | null; feedback: CountFeedback; busy: boolean }>({
    bin: null,
    tallies: [],
    current: null,
    feedback: { tone: 'idle', title: 'Ready', message: 'Scan a bin label to start counting it', code: null, seq: 0 },
    busy: false,
  });
  const [, rerender] = useReducer((x: number) => x + 1, 0);
  const queue = useRef<Promise<unknown>>(Promise.resolve());

  const say = useCallback((tone: CountFeedback['tone'], title: string, message: string, code: string | null = null) => {
    st.current.feedback = { tone, title, message, code, seq: st.current.feedback.seq + 1 };
    if (tone === 'bad') playBenchSound('refused');
    else if (tone === 'good') playBenchSound('good');
    rerender();
  }, []);

  const enqueue = useCallback(<T,>(job: () => Promise<T>): Promise<T> => {
    const run = async () => {
      st.current.busy = true;
      rerender();
      try {
        return await job();
      } finally {
        st.current.busy = false;
        rerender();
      }
    };
    const next = queue.current.then(run, run);
    queue.current = next.catch(() => undefined);
    return next;
  }, []);

  /** Enters every tally of the open bin. True when all were taken and none needs a recount. */
  const commit = useCallback(async (): Promise<boolean> => {
    const s = st.current;
    if (!s.bin || !s.tallies.length) return true;
    const recounts: Tally[] = [];
    const kept: Tally[] = [];
    let refused: string | null = null;
    let refusedCode: string | null = null;
    for (const t of s.tallies) {
      const r = await call('counts.enter', { sessionId, locationId: s.bin.id, itemId: t.itemId, counted: t.qty, ...(t.lot !== null && { lot: t.lot }) });
      if (!r.ok) {
        refused ??= r.error.message;
        refusedCode ??= r.error.code;
        kept.push(t);
      } else if (r.value.status === 'recount') recounts.push({ ...t, qty: 0, recount: true, before: t.qty });
    }
    sheet.reload();
    if (refused) {
      s.tallies = kept;
      say('bad', TITLES[refusedCode ?? ''] ?? 'Refused', refused, refusedCode);
      return false;
    }
    // A recount starts again from zero: the counter scans every unit once more.
    s.tallies = recounts;
    s.current = recounts[0]?.key ?? null;
    if (recounts.length) {
      say('warn', 'Recount', `Count ${recounts.map((t) => t.sku).join(', ')} in ${s.bin.path} again: scan every unit once more, then Bin done`, 'RECOUNT');
      return false;
    }
    return true;
  }, [sessionId, sheet, say]);

  const scan = useCallback(
    (raw: string): Promise<void> =>
      enqueue(async () => {
        const s = st.current;
        const r = await call('counts.scan', { sessionId, code: codeOf(raw), ...(s.bin && { locationId: s.bin.id }) });
        if (!r.ok) return say('bad', TITLES[r.error.code] ?? 'Refused', r.error.message, r.error.code);
        const v = r.value;
        if (v.kind === 'bin') {
          if (s.bin?.id === v.locationId) return say('good', 'Same bin', `Still counting ${v.path}: scan the items in it`);
          const left = s.bin;
          if (!(await commit())) return;
          s.bin = { id: v.locationId, path: v.path };
          s.tallies = [];
          s.current = null;
          return say('good', left ? `${left.path} entered · bin open` : 'Bin open', v.message);
        }
        const key = keyOf(v.itemId, v.lot);
        const t = s.tallies.find((x) => x.key === key);
        if (t) t.qty += v.quantity;
        else s.tallies.push({ key, itemId: v.itemId, sku: v.sku, name: v.name, lot: v.lot, qty: v.quantity, recount: v.recount, before: v.counted });
        s.current = key;
        const now = s.tallies.find((x) => x.key === key)!;
        say('good', `+${v.quantity} ${v.sku}${v.lot ? ` lot ${v.lot}` : ''}`, `${now.qty} counted · ${v.name}`);
      }),
    [enqueue, sessionId, commit, say],
  );

  /** A typed quantity replaces the current item's tally (a case of 24 is not 24 scans). */
  const setQuantity = useCallback(
    (text: string): { ok: boolean; message?: string } => {
      const s = st.current;
      const t = s.tallies.find((x) => x.key === s.current);
      const c = checkCount(text);
      if (!c.ok) {
        say('bad', 'Not a count', c.message, 'VALIDATION');
        return { ok: false, message: c.message };
      }
      if (!s.bin || !t) {
        const message = s.bin ? 'Scan an item first, then type how many' : 'Scan a bin, then an item, then type how many';
        say('bad', 'Nothing to count yet', message, 'SCAN_BIN_FIRST');
        return { ok: false, message };
      }
      t.qty = c.value;
      say('good', `${t.sku} set to ${c.value}`, `${c.value} counted · ${t.name}`);
      return { ok: true };
    },
    [say],
  );

  /** Takes one unit off the current item: a unit scanned twice by mistake. */
  const minusOne = useCallback(() => {
    const s = st.current;
    const t = s.tallies.find((x) => x.key === s.current);
    if (!t || t.qty === 0) return say('bad', 'Nothing to take off', 'Scan an item first');
    t.qty -= 1;
    say('good', `−1 ${t.sku}`, `${t.qty} counted · ${t.name}`);
  }, [say]);

  const binDone = useCallback(
    (): Promise<void> =>
      enqueue(async () => {
        const s = st.current;
        if (!s.bin) return say('bad', 'No bin open', 'Scan a bin label to start counting it', 'SCAN_BIN_FIRST');
        const path = s.bin.path;
        const n = s.tallies.length;
        if (!(await commit())) return;
        s.bin = null;
        s.current = null;
        say('good', 'Bin entered', `${path}: ${n} item${n === 1 ? '' : 's'} entered. Scan the next bin, or Finish count`);
      }),
    [enqueue, commit, say],
  );

  const finish = useCallback(
    (): Promise<boolean> =>
      enqueue(async () => {
        if (!(await commit())) return false;
        const r = await call('counts.submit', { sessionId });
        if (!r.ok) {
          say('bad', 'Cannot finish', r.error.message, r.error.code);
          return false;
        }
        st.current.bin = null;
        st.current.tallies = [];
        return true;
      }),
    [enqueue, commit, sessionId, say],
  );

  /** Enters what is tallied in the open bin (recounts in review), keeping the bin open. */
  const enterAll = useCallback((): Promise<boolean> => enqueue(commit), [enqueue, commit]);

  useEffect(() => {
    if (sheet.error) say('bad', 'Cannot load the count', sheet.error.message, sheet.error.code);
  }, [sheet.error, say]);

  const s = st.current;
  return { sheet: sheet.data, reloadSheet: sheet.reload, bin: s.bin, tallies: s.tallies, current: s.current, feedback: s.feedback, busy: s.busy, scan, setQuantity, minusOne, binDone, finish, enterAll };
}
