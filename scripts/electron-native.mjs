#!/usr/bin/env node
// Makes an Electron-ABI build of better-sqlite3 in .electron-native/ for `npm start` and packaging, leaving
// node_modules on the Node ABI so `npm test` and the hub keep working. better-sqlite3 is not N-API; node-hid and
// serialport are, and need nothing. Needs the internet once (Electron headers or a prebuilt binary).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const outDir = path.join(root, '.electron-native');
const target = path.join(outDir, 'better_sqlite3.node');
const stampFile = path.join(outDir, 'stamp.json');

const electronVersion = require(path.join(root, 'node_modules/electron/package.json')).version;
const sqlitePkgDir = path.join(root, 'node_modules/better-sqlite3');
const sqliteVersion = require(path.join(sqlitePkgDir, 'package.json')).version;
const arch = process.env.npm_config_arch || process.arch;
const stamp = { electron: electronVersion, betterSqlite3: sqliteVersion, platform: process.platform, arch };

if (fs.existsSync(target) && fs.existsSync(stampFile) && JSON.stringify(JSON.parse(fs.readFileSync(stampFile, 'utf8'))) === JSON.stringify(stamp)) {
  process.exit(0);
}

console.log(`Building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (${process.platform}-${arch}) into .electron-native/ …`);
const work = path.join(outDir, 'work');
fs.rmSync(work, { recursive: true, force: true });
fs.mkdirSync(work, { recursive: true });
fs.cpSync(sqlitePkgDir, work, { recursive: true, filter: (src) => !src.startsWith(path.join(sqlitePkgDir, 'build')) });

// A machine-wide nodedir (set for Node addons) would silently build against Node's headers: Electron's are needed.
const env = { ...process.env };
for (const k of Object.keys(env)) if (k.toLowerCase() === 'npm_config_nodedir') delete env[k];
const run = (cmd, args) => spawnSync(cmd, args, { cwd: work, stdio: 'inherit', env, shell: process.platform === 'win32' }).status === 0;
const built = path.join(work, 'build', 'Release', 'better_sqlite3.node');

// node-gyp run directly, not through npm/npx, so no npmrc can point it at Node's own headers.
function nodeGyp() {
  try {
    return require.resolve('node-gyp/bin/node-gyp.js');
  } catch {
    return path.join(path.dirname(process.execPath), '../lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js');
  }
}

// A prebuilt binary for this Electron first (fast); compiling against Electron's headers otherwise.
const ok =
  run(process.execPath, [require.resolve('prebuild-install/bin.js'), '--runtime', 'electron', '--target', electronVersion, '--arch', arch, '--platform', process.platform]) ||
  run(process.execPath, [nodeGyp(), 'rebuild', '--release', `--target=${electronVersion}`, `--arch=${arch}`, '--dist-url=https://electronjs.org/headers', '--runtime=electron', `--devdir=${path.join(outDir, 'headers')}`]);

if (!ok || !fs.existsSync(built)) {
  console.error(
    'Could not make an Electron build of better-sqlite3 (no prebuilt binary could be downloaded and compiling failed).\n' +
      'The desktop app needs it; `npm test` and `npm run serve` do not. Check the internet connection and a C++ toolchain, then retry.',
  );
  process.exit(1);
}
fs.copyFileSync(built, target);
fs.writeFileSync(stampFile, JSON.stringify(stamp));
fs.rmSync(work, { recursive: true, force: true });
console.log(`Electron build of better-sqlite3 ready: ${path.relative(root, target)}`);
