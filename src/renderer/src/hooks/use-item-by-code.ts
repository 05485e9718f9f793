import { useEffect, useState } from 'react';
import type { Item } from '../../../shared/api';
import { call } from '../api/client';

/**
 * Resolves an item code from the URL (…?item=SKU) once, so links from elsewhere open a form pre-filled.
 * ready is false while resolving, so the form mounts once with its final initial item.
 */
export function useItemByCode(code: string): { item: Item | null; ready: boolean } {
  const [state, setState] = useState<{ item: Item | null; ready: boolean }>({ item: null, ready: !code });
  useEffect(() => {
    if (!code) return setState({ item: null, ready: true });
    let live = true;
    void call('catalog.lookup', { code }).then((r) => {
      if (live) setState({ item: r.ok ? r.value.item : null, ready: true });
    });
    return () => {
      live = false;
    };
  }, [code]);
  return state;
}
