import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { migrations } from '../../../migrations';
import { createEventBus, type EventBus } from '../../shared/events';
import * as catalog from '../catalog/items';
import { openDatabase } from '../db/connection';
import type { OsPrintFn } from '../devices/printer';
import { createDeviceService, defaultDeviceFactories, deviceHandlers, type DeviceFactories, type DeviceService } from '../devices/service';
import { migrate, schemaVersion, type MigrateResult } from '../db/migrator';
import { Sql } from '../db/sql';
import { checkLedger } from '../ledger/check';
import type { LedgerEnv } from '../ledger/env';
import * as q from '../ledger/queries';
import * as ops from '../ledger/stock-ops';
import * as locations from '../locations/locations';
import { LocationCache } from '../locations/paths';
import { orderHandlers } from '../orders/handlers';
import { createScheduler, planningHandlers } from '../planning/service/handlers';
import type { PlanningScheduler } from '../planning/service/scheduler';
import { purchasingHandlers } from '../purchasing/handlers';
import { reportHandlers } from '../reports/handlers';
import { dashboard } from '../reports/dashboard';
import { returnHandlers } from '../returns/handlers';
import { countHandlers } from '../counts/handlers';
import { financeHandlers } from '../finance/handlers';
import type { ChannelConnector } from '../channels/connector';
import { createConnector, type ChannelConfig } from '../channels/connectors';
import { createChannelEngine, type ChannelEngine, type EngineOptions } from '../channels/engine';
import { createSecretBox } from '../channels/secrets';
import { channelHandlers } from '../channels/service';
import { systemClock, type Clock } from './context';
import { createRouter, type Handlers, type Router } from './router';
import { SettingsStore } from './settings';

export const VERSION = '0.1.0';

export interface CoreOptions {
  /** Database file, or ':memory:'. */
  file: string;
  clock?: Clock;
  host?: 'desktop' | 'hub' | 'test';
  demo?: boolean;
  nativeBinding?: string;
  log?: (msg: string, e?: unknown) => void;
  /** Replaces device drivers (tests inject fakes); the real ones load lazily, only for configured devices. */
  devices?: Partial<DeviceFactories>;
  /** OS printing, which only the desktop shell can do; the hub and tests have none. */
  osPrint?: OsPrintFn;
  /** Replaces the sales-channel connectors (tests inject in-memory ones); the real ones are built from each channel's kind. */
  channelConnectors?: (kind: ChannelConnector['kind'], config: ChannelConfig, credentials: Record<string, string>) => ChannelConnector;
  /** Sync engine knobs for tests and benches: manual timers, pinned jitter, debounce, overlap. */
  channelEngine?: Partial<Pick<EngineOptions, 'timers' | 'random' | 'overlapMs' | 'pushDebounceMs' | 'offlineAfter' | 'repullDays' | 'serverLagMs'>>;
}

export interface Core {
  router: Router;
  bus: EventBus;
  env: LedgerEnv;
  db: BetterSqlite3.Database;
  migration: MigrateResult;
  /** The ledger's proof of itself, run once at start-up; problems are logged and shown by system.check. */
  startupCheck: ReturnType<typeof checkLedger>;
  /** The station's scanner, scale and label printer. */
  devices: DeviceService;
  /** Nightly planning recompute: created stopped; the desktop and hub hosts start it. */
  planningScheduler: PlanningScheduler;
  /** Sales-channel sync: syncOnce/reconcile for tests and scripts; its scheduler is created stopped, the hosts start it. */
  channels: ChannelEngine;
  /** Stops the devices without waiting for ports to close, then closes the database. */
  close(): void;
  /** Stops the devices, waits for their ports to close, then closes the database. */
  dispose(): Promise<void>;
}

/** The composition root: one database, every service, one router. Hosted by Electron's utility process and by the hub. */
export function createCore(opts: CoreOptions): Core {
  const clock = opts.clock ?? systemClock;
  const log = opts.log ?? ((m, e) => console.error(m, e));
  const db = openDatabase(opts.file, { nativeBinding: opts.nativeBinding });
  let migration: MigrateResult;
  try {
    migration = migrate(db, migrations, { file: opts.file, now: () => clock.now() });
  } catch (e) {
    db.close();
    throw e;
  }
  const sql = new Sql(db);
  const bus = createEventBus();
  const locs = new LocationCache(sql);
  const settings = new SettingsStore(sql);
  const env: LedgerEnv = { sql, clock, bus, locs, settings };
  const catalogChanged = <T extends { id: number }>(item: T): T => (bus.emit('catalog.changed', { itemIds: [item.id] }), item);
  const locationsChanged = <T>(v: T): T => (bus.emit('locations.changed', {}), v);
  const devices = createDeviceService({
    env,
    log,
    factories: { ...defaultDeviceFactories({ dbFile: opts.file, log, ...(opts.osPrint && { osPrint: opts.osPrint }) }), ...opts.devices },
  });

  const planningScheduler = createScheduler(env, log);
  const secretBox = createSecretBox(opts.file);
  const channelsEnv = { ...env, prefixes: () => devices.config().internalPrefixes };
  const channelConnectors = opts.channelConnectors;
  const channels = createChannelEngine({
    env: channelsEnv,
    box: secretBox,
    connectors: channelConnectors ? (kind, config, credentials) => channelConnectors(kind, config, credentials) : createConnector,
    ...(opts.file !== ':memory:' && { dataDir: path.dirname(opts.file) }),
    log,
    ...opts.channelEngine,
  });

  const handlers: Handlers = {
    'system.info': () => ({ version: VERSION, schemaVersion: schemaVersion(db), dbPath: opts.file, host: opts.host ?? 'test', demo: opts.demo ?? false }),
    'system.check': () => checkLedger(env),
    'settings.get': () => settings.get(),
    'settings.update': (i) => settings.update(i),
    'catalog.search': (i) => catalog.searchItems(env, i),
    'catalog.get': (i) => catalog.getItem(env, i.id),
    'catalog.create': (i) => catalogChanged(catalog.createItem(env, i)),
    'catalog.update': (i) => catalogChanged(catalog.updateItem(env, i)),
    'catalog.addBarcode': (i) => catalog.addBarcode(env, i),
    'catalog.removeBarcode': (i) => catalog.removeBarcode(env, i.id),
    'catalog.lookup': (i) => catalog.lookupItem(env, i.code),
    'catalog.categories': () => catalog.categories(env),
    'locations.warehouses': () => locations.listWarehouses(env),
    'locations.createWarehouse': (i) => locationsChanged(locations.createWarehouse(env, locs, i)),
    'locations.updateWarehouse': (i) => locationsChanged(locations.updateWarehouse(env, i)),
    'locations.list': (i) => locations.listLocations(env, locs, i),
    'locations.create': (i) => locationsChanged(locations.createLocation(env, locs, i)),
    'locations.lookup': (i) => locations.lookupLocation(env, locs, i.code),
    'stock.receive': (i, c) => ops.receive(env, c, i),
    'stock.adjust': (i, c) => ops.adjust(env, c, i),
    'stock.transfer': (i, c) => ops.transfer(env, c, i),
    'stock.reserve': (i, c) => ops.reserve(env, c, i),
    'stock.release': (i, c) => ops.release(env, c, i),
    'stock.issue': (i, c) => ops.issue(env, c, i),
    'stock.balances': (i) => q.listBalances(env, i),
    'stock.movements': (i) => q.listMovements(env, i),
    'stock.layers': (i) => q.listLayers(env, i),
    'stock.reservations': (i) => q.listReservations(env, i.itemId),
    'stock.valuation': (i) => q.valuation(env, i),
    'stock.fefo': (i) => q.fefo(env, i),
    ...deviceHandlers(devices),
    ...purchasingHandlers(env),
    ...planningHandlers(env, planningScheduler),
    ...orderHandlers({ ...env, prefixes: () => devices.config().internalPrefixes }),
    ...reportHandlers(env),
    'reports.dashboard': (i) => dashboard(env, i),
    ...returnHandlers(env),
    ...countHandlers({ ...env, prefixes: () => devices.config().internalPrefixes }),
    ...financeHandlers(env),
    ...channelHandlers(channelsEnv, channels, secretBox),
  };

  const startupCheck = checkLedger(env);
  if (!startupCheck.ok) log(`Ledger check found ${startupCheck.problems.length} problem(s) at start-up`, startupCheck.problems);
  devices.start();
  let closed = false;
  const closeDb = (): void => {
    if (!closed) db.close();
    closed = true;
  };

  return {
    router: createRouter(handlers, log),
    startupCheck,
    bus,
    env,
    db,
    migration,
    devices,
    planningScheduler,
    channels,
    close: () => {
      planningScheduler.stop();
      channels.close();
      void devices.stop();
      closeDb();
    },
    dispose: async () => {
      planningScheduler.stop();
      channels.close();
      await devices.stop();
      closeDb();
    },
  };
}
