import { useEffect, useRef } from 'react';
import type { EventName, Events } from '../../../shared/events';
import { subscribe } from '../api/client';

/** Subscribes for the component's lifetime; the latest handler is used without resubscribing on every render. */
export function useEvent<E extends EventName>(event: E, fn: (payload: Events[E]) => void): void {
  const ref = useRef(fn);
  ref.current = fn;
  useEffect(() => subscribe(event, (p) => ref.current(p)), [event]);
}
