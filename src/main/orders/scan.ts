import type { ScanResult } from '../../shared/api/devices';
import { runScan } from '../devices/service/scan-pipeline';
import type { OrdersEnv } from './env';

/**
 * Classifies and resolves a code with the station's scan pipeline (GS1 with lot, GTIN, SKU, bin, SO-/TOTE- documents).
 * Read-only; the order workflow decides what the scan means.
 */
export function readScan(env: OrdersEnv, code: string): ScanResult {
  return runScan(env, { raw: code, source: 'manual' }, env.prefixes(), { id: 'orders', at: env.clock.now() });
}

export const isBadScan = (s: ScanResult): boolean => s.kind === 'error' || s.kind === 'unknown';
