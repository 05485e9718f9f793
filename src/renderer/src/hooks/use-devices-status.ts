import { useEffect, useState } from 'react';
import type { DevicesStatus, ScaleWeight } from '../../../shared/api/devices';
import { useApi } from './use-api';
import { useEvent } from './use-event';

export interface LiveDevices {
  status: DevicesStatus | undefined;
  /** The newest reading: from scale.weight events, else the last weight the status knew. */
  weight: ScaleWeight | null;
  reload: () => void;
}

/** Scanner, scale and printer status, kept live by their events (a full reload when the configuration changes). */
export function useDevicesStatus(): LiveDevices {
  const api = useApi('devices.status', {});
  const [status, setStatus] = useState<DevicesStatus>();
  const [weight, setWeight] = useState<ScaleWeight | null>(null);
  useEffect(() => {
    if (!api.data) return;
    setStatus(api.data);
    setWeight((w) => w ?? api.data?.scale.lastWeight ?? null);
  }, [api.data]);
  useEvent('scanner.status', (scanner) => setStatus((s) => (s ? { ...s, scanner } : s)));
  useEvent('scale.status', (scale) => {
    setStatus((s) => (s ? { ...s, scale } : s));
    // A scale that went away or was replaced has no current weight.
    if (scale.state !== 'connected') setWeight(scale.lastWeight);
  });
  useEvent('printer.status', (printer) => setStatus((s) => (s ? { ...s, printer } : s)));
  useEvent('scale.weight', setWeight);
  // The status carries the queue counts, which only job events announce.
  useEvent('printer.job', () => api.reload());
  useEvent('devices.changed', (e) => {
    if (e.reason === 'config') {
      setWeight(null);
      api.reload();
    }
  });
  return { status, weight, reload: api.reload };
}
