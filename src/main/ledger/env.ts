import type { CoreDeps } from '../core/context';
import type { SettingsStore } from '../core/settings';
import type { LocationCache } from '../locations/paths';

/** What ledger functions need: the database, clock and bus, plus location paths and settings. */
export interface LedgerEnv extends CoreDeps {
  locs: LocationCache;
  settings: SettingsStore;
}

export const lotKey = (lotId: number | null): number => lotId ?? 0;
