import { useCallback, useRef, useState } from 'react';
import type { ApiError, Result } from '../../../shared/errors';
import { newIdempotencyKey } from '../lib/idempotency';

export interface SubmitState {
  submitting: boolean;
  /** The refused call's error (message and code), shown above the form. */
  error: ApiError | undefined;
  /** Field path → message, from the API's error.fields and from checks made before sending. */
  fieldErrors: Record<string, string>;
  setFieldErrors: (f: Record<string, string>) => void;
  clearFieldError: (path: string) => void;
  reset: () => void;
  /**
   * Runs one submission. The idempotency key stays the same until a submission succeeds, so a double-click or a
   * retry after a lost answer replays instead of posting twice; after success the next submission gets a new key.
   */
  submit<T>(send: (idempotencyKey: string) => Promise<Result<T>>): Promise<T | undefined>;
}

export function useSubmit(): SubmitState {
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const key = useRef(newIdempotencyKey());
  // A ref, not state: two clicks in the same frame both see submitting === false in their closure.
  const inFlight = useRef(false);

  const submit = useCallback(async <T,>(send: (k: string) => Promise<Result<T>>): Promise<T | undefined> => {
    if (inFlight.current) return undefined;
    inFlight.current = true;
    setSubmitting(true);
    try {
      const r = await send(key.current);
      if (r.ok) {
        key.current = newIdempotencyKey();
        setError(undefined);
        setFieldErrors({});
        return r.value;
      }
      setError(r.error);
      setFieldErrors(r.error.fields ?? {});
      return undefined;
    } finally {
      inFlight.current = false;
      setSubmitting(false);
    }
  }, []);

  const clearFieldError = useCallback((path: string) => {
    setFieldErrors((f) => {
      if (!(path in f)) return f;
      const next = { ...f };
      delete next[path];
      return next;
    });
  }, []);

  const reset = useCallback(() => {
    setError(undefined);
    setFieldErrors({});
  }, []);

  return { submitting, error, fieldErrors, setFieldErrors, clearFieldError, reset, submit };
}
