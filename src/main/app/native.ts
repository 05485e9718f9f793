import fs from 'node:fs';
import path from 'node:path';

/**
 * better-sqlite3 is not N-API: node_modules keeps the Node build (for tests and the hub), and Electron loads its
 * own build made by scripts/electron-native.mjs (dev) or shipped in resources/native (packaged).
 */
export function electronSqliteBinding(opts: { packaged: boolean; resourcesPath: string; appPath: string }): string | undefined {
  const candidates = opts.packaged
    ? [path.join(opts.resourcesPath, 'native', 'better_sqlite3.node')]
    : [path.join(opts.appPath, '.electron-native', 'better_sqlite3.node')];
  return candidates.find((p) => fs.existsSync(p));
}
