import type { InternalPrefix } from '../../shared/scan';
import type { LedgerEnv } from '../ledger/env';

/** What order functions need: the ledger's environment plus the station's scan prefixes (SO-, TOTE-, BIN:…). */
export interface OrdersEnv extends LedgerEnv {
  prefixes(): readonly InternalPrefix[];
}
