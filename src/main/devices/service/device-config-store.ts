import { deviceConfig, type DeviceConfig } from '../../../shared/api/devices';
import { DEFAULT_INTERNAL_PREFIXES } from '../../../shared/scan';
import { DEFAULT_WEDGE } from '../../../shared/wedge-detector';
import { qb, type Sql } from '../../db/sql';

/** The settings-table key; SettingsStore only reads its own keys, so this one is ours alone. */
export const DEVICES_KEY = 'devices';

export function defaultDeviceConfig(): DeviceConfig {
  return {
    // A keyboard-wedge scanner needs no setup, so a fresh station scans out of the box.
    scanner: { kind: 'wedge', maxGapMs: DEFAULT_WEDGE.maxGapMs, minLength: DEFAULT_WEDGE.minLength, terminator: 'Enter' },
    scale: { kind: 'none' },
    printer: { kind: 'none' },
    internalPrefixes: DEFAULT_INTERNAL_PREFIXES.map((p) => ({ ...p })),
  };
}

/**
 * Loads the station's device assignment. A value that no longer validates (written by an older version, or edited by
 * hand) must not stop the core from starting: it is reported and the defaults are used until the user saves again.
 */
export function loadDeviceConfig(sql: Sql, log: (msg: string, e?: unknown) => void): DeviceConfig {
  const row = sql.one(qb.selectFrom('settings').select('value').where('key', '=', DEVICES_KEY));
  if (!row) return defaultDeviceConfig();
  let json: unknown;
  try {
    json = JSON.parse(row.value);
  } catch (e) {
    log('Saved device configuration is not JSON; using defaults', e);
    return defaultDeviceConfig();
  }
  const parsed = deviceConfig.safeParse(json);
  if (!parsed.success) {
    log('Saved device configuration is invalid; using defaults', parsed.error.issues);
    return defaultDeviceConfig();
  }
  return parsed.data;
}

export function saveDeviceConfig(sql: Sql, config: DeviceConfig): void {
  const value = JSON.stringify(config);
  sql.run(
    qb
      .insertInto('settings')
      .values({ key: DEVICES_KEY, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value })),
  );
}
