import { useCallback, useEffect, useRef, useState } from 'react';
import type { ItemRow } from '../../../shared/api';
import type { ApiError } from '../../../shared/errors';
import { call } from '../api/client';

export const ITEM_PAGE_SIZE = 100;

export interface ItemPages {
  /** Matching items in all; undefined until the first page answers. */
  total: number | undefined;
  row(index: number): ItemRow | undefined;
  /** Asks for the pages covering [first, last]; pages already cached or in flight are not asked again. */
  ensure(first: number, last: number): void;
  error: ApiError | undefined;
}

/**
 * Pages of catalog.search for a query, fetched as the list scrolls, so 100,000 items cost a few requests.
 * A refresh (stock or catalog changed) keeps the old rows on screen until the new ones arrive, to avoid flicker.
 */
export function useItemPages(query: string, refreshVersion: number): ItemPages {
  const pages = useRef(new Map<number, ItemRow[]>());
  const requested = useRef(new Set<number>());
  const generation = useRef(0);
  const visible = useRef<[number, number]>([0, 0]);
  const [total, setTotal] = useState<number>();
  const [error, setError] = useState<ApiError>();
  const [, setTick] = useState(0);

  const fetchPage = useCallback(
    (page: number) => {
      const gen = generation.current;
      requested.current.add(page);
      void call('catalog.search', { query, offset: page * ITEM_PAGE_SIZE, limit: ITEM_PAGE_SIZE }).then((r) => {
        // Answers for an older query or refresh are dropped: their rows may not match what is typed now.
        if (gen !== generation.current) return;
        if (!r.ok) {
          requested.current.delete(page);
          setError(r.error);
          return;
        }
        setError(undefined);
        pages.current.set(page, r.value.rows);
        setTotal(r.value.total);
        setTick((t) => t + 1);
      });
    },
    [query],
  );

  const ensure = useCallback(
    (first: number, last: number) => {
      visible.current = [first, last];
      const from = Math.floor(Math.max(0, first) / ITEM_PAGE_SIZE);
      const to = Math.floor(Math.max(0, last) / ITEM_PAGE_SIZE);
      for (let p = from; p <= to; p++) if (!requested.current.has(p)) fetchPage(p);
    },
    [fetchPage],
  );

  // A new query starts from nothing.
  useEffect(() => {
    generation.current++;
    pages.current = new Map();
    requested.current = new Set();
    visible.current = [0, 0];
    setTotal(undefined);
    fetchPage(0);
  }, [query, fetchPage]);

  // A refresh refetches only what is on screen; other cached pages are forgotten and fetched when scrolled to.
  const firstRefresh = useRef(true);
  useEffect(() => {
    if (firstRefresh.current) {
      firstRefresh.current = false;
      return;
    }
    generation.current++;
    const keep = new Map<number, ItemRow[]>();
    const [first, last] = visible.current;
    for (let p = Math.floor(first / ITEM_PAGE_SIZE); p <= Math.floor(last / ITEM_PAGE_SIZE); p++) {
      const rows = pages.current.get(p);
      if (rows) keep.set(p, rows);
    }
    pages.current = keep;
    requested.current = new Set();
    ensure(first, last);
  }, [refreshVersion, ensure]);

  const row = useCallback((index: number) => pages.current.get(Math.floor(index / ITEM_PAGE_SIZE))?.[index % ITEM_PAGE_SIZE], []);

  return { total, row, ensure, error };
}
