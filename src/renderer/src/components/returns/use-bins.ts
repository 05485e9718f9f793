import { useMemo } from 'react';
import { useApi } from '../../hooks/use-api';

/** Bins as Select options (value = id), for the returns forms. */
export function useBinOptions(): { value: string; label: string }[] {
  const locs = useApi('locations.list', {});
  return useMemo(() => (locs.data ?? []).filter((l) => l.kind === 'bin').map((l) => ({ value: String(l.id), label: l.path })), [locs.data]);
}
