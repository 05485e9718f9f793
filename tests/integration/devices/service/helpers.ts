import type { EventBus, EventName, Events } from '../../../../src/shared/events';

const LONG = 15_000;

/** The next event of that name matching pred (events before the call are not seen). */
export function nextEvent<E extends EventName>(bus: EventBus, name: E, pred: (p: Events[E]) => boolean = () => true, timeoutMs = LONG): Promise<Events[E]> {
  return new Promise((resolve, reject) => {
    const seen: Events[E][] = [];
    const t = setTimeout(() => {
      off();
      reject(new Error(`no matching ${name} event within ${timeoutMs} ms; saw ${JSON.stringify(seen.slice(-3))}`));
    }, timeoutMs);
    const off = bus.on(name, (p) => {
      seen.push(p);
      if (!pred(p)) return;
      clearTimeout(t);
      off();
      resolve(p);
    });
  });
}

/** Every event of that name from now on. */
export function record<E extends EventName>(bus: EventBus, name: E): Events[E][] {
  const out: Events[E][] = [];
  bus.on(name, (p) => out.push(p));
  return out;
}

/** Polls a condition until it holds; the deadline is generous because it only bounds a failure, not a pass. */
export async function until(cond: () => boolean, what: string, timeoutMs = LONG): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
