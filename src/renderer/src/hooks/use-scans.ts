import { useEffect, useRef } from 'react';
import type { ScanResult } from '../../../shared/api/devices';
import { consumeScans } from '../lib/scan-bus';

/**
 * Makes the page a consumer of keyboard-wedge scans for its lifetime: scans are taken out of text fields and handed
 * here instead of being shown as a toast. The latest handler is used without re-registering on every render.
 */
export function useScans(fn: (scan: ScanResult) => void): void {
  const ref = useRef(fn);
  ref.current = fn;
  useEffect(() => consumeScans((s) => ref.current(s)), []);
}
