import { useCallback, useEffect, useRef, useState } from 'react';
import type { Input, MethodName, Output } from '../../../shared/api';
import type { ApiError } from '../../../shared/errors';
import { call, getStatus, onStatus } from '../api/client';

export interface ApiState<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
}

/**
 * Loads one read method and reloads it when its input changes, when reload() is called (e.g. on an event),
 * and when the connection comes back (events may have been missed while offline).
 * Pass input null to skip loading (e.g. until an id is known).
 */
export function useApi<M extends MethodName>(method: M, input: Input<M> | null): ApiState<Output<M>> {
  const key = input === null ? null : JSON.stringify(input);
  const [data, setData] = useState<Output<M>>();
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(key !== null);
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const latest = useRef(0);

  useEffect(() => {
    if (key === null) return;
    const ticket = ++latest.current;
    setLoading(true);
    void call(method, JSON.parse(key) as Input<M>).then((r) => {
      // A slow answer to an older input must not overwrite the answer to the newer one.
      if (ticket !== latest.current) return;
      setLoading(false);
      if (r.ok) {
        setData(r.value);
        setError(undefined);
      } else setError(r.error);
    });
  }, [method, key, version]);

  useEffect(() => {
    let last = getStatus().connection;
    return onStatus(() => {
      const now = getStatus().connection;
      if (now === 'online' && last !== 'online') reload();
      last = now;
    });
  }, [reload]);

  return { data, error, loading, reload };
}
