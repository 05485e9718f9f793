import { useCallback, useEffect, useRef, useState } from 'react';
import type { DeviceInventory } from '../../../shared/api/devices';
import { call } from '../api/client';
import { useEvent } from './use-event';

/** Enumeration runs in the core's background after devices.list; ask again until it finished (the core bounds it). */
const POLL_MS = 500;
const POLLS = 20;

export interface Inventory {
  data: DeviceInventory | undefined;
  refreshing: boolean;
  refresh: () => void;
}

/**
 * Detected hardware. devices.list answers the last enumeration at once and enumerates again in the background, and
 * announces the result only when something changed, so a refresh polls until `scanning` is over.
 */
export function useInventory(): Inventory {
  const [data, setData] = useState<DeviceInventory>();
  const [refreshing, setRefreshing] = useState(false);
  const alive = useRef(true);

  const refresh = useCallback(() => {
    setRefreshing(true);
    void (async () => {
      let r = await call('devices.list', { refresh: true });
      for (let i = 0; alive.current && r.ok && r.value.scanning && i < POLLS; i++) {
        setData(r.value);
        await new Promise((ok) => setTimeout(ok, POLL_MS));
        r = await call('devices.list', { refresh: false });
      }
      if (!alive.current) return;
      if (r.ok) setData(r.value);
      setRefreshing(false);
    })();
  }, []);

  useEffect(() => {
    alive.current = true;
    refresh();
    return () => {
      alive.current = false;
    };
  }, [refresh]);

  useEvent('devices.changed', () => {
    void call('devices.list', { refresh: false }).then((r) => r.ok && alive.current && setData(r.value));
  });

  return { data, refreshing, refresh };
}
