import type { Settings } from '../../shared/api';
import { qb, type Sql } from '../db/sql';

const DEFAULTS: Settings = { costingMethod: 'fifo', currency: 'GBP', companyName: 'My warehouse' };

/** Settings live in the database (one JSON value per key) and are cached in memory. */
export class SettingsStore {
  private cached: Settings | null = null;

  constructor(private readonly sql: Sql) {}

  get(): Settings {
    if (!this.cached) {
      const s: Record<string, unknown> = { ...DEFAULTS };
      for (const r of this.sql.all(qb.selectFrom('settings').selectAll())) if (r.key in DEFAULTS) s[r.key] = JSON.parse(r.value);
      this.cached = s as unknown as Settings;
    }
    return this.cached;
  }

  update(patch: Partial<Settings>): Settings {
    this.sql.tx(() => {
      for (const [key, value] of Object.entries(patch)) {
        if (value === undefined) continue;
        this.sql.run(
          qb
            .insertInto('settings')
            .values({ key, value: JSON.stringify(value) })
            .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value) })),
        );
      }
    });
    this.cached = null;
    return this.get();
  }
}
