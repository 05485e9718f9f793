import { m0010 } from './0010_foundation';
import { m0020 } from './0020_purchasing';
import { m0030 } from './0030_orders';
import { m0040 } from './0040_planning';
import { m0050 } from './0050_returns_counts';
import { m0060 } from './0060_channels';
import { m0070 } from './0070_finance';
import { m0080 } from './0080_channels_item_active';
import type { Migration } from './types';

export type { Migration, MigrationDb } from './types';

/** Every migration, oldest first. Append only; never edit one that has shipped. */
export const migrations: readonly Migration[] = [m0010, m0020, m0030, m0040, m0050, m0060, m0070, m0080];
