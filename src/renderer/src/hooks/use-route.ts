import { useCallback, useSyncExternalStore } from 'react';

/**
 * Hash routing: the same build is served by the hub at "/" and by Electron's app:// protocol from index.html,
 * and only the hash survives both without server-side rewrites.
 */
export interface Route {
  path: string;
  params: URLSearchParams;
}

const read = (): string => window.location.hash.replace(/^#/, '') || '/';
const subscribe = (fn: () => void) => {
  window.addEventListener('hashchange', fn);
  return () => window.removeEventListener('hashchange', fn);
};

export function parseRoute(raw: string): Route {
  const [path = '/', query = ''] = raw.split('?');
  return { path: path || '/', params: new URLSearchParams(query) };
}

export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  const hash = `#${to}`;
  if (opts.replace) window.history.replaceState(null, '', hash);
  else window.location.hash = to;
  if (opts.replace) window.dispatchEvent(new HashChangeEvent('hashchange'));
}

export function useRoute(): Route & { navigate: typeof navigate } {
  const raw = useSyncExternalStore(subscribe, read);
  const nav = useCallback(navigate, []);
  return { ...parseRoute(raw), navigate: nav };
}

/** href for an anchor, so links open in a new tab and show in the status bar like any link. */
export const href = (to: string): string => `#${to}`;
