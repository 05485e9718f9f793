import os from 'node:os';
import path from 'node:path';
import { DEFAULT_HOST, DEFAULT_PORT } from './hub';

export const APP_DIR_NAME = 'Stockroom';

/** The folder Electron's app.getPath('userData') gives the desktop app, so hub and desktop share one ledger by default. */
export function userDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env, home = os.homedir()): string {
  switch (platform) {
    case 'win32':
      return path.win32.join(env.APPDATA ?? path.win32.join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
    case 'darwin':
      return path.posix.join(home, 'Library', 'Application Support', APP_DIR_NAME);
    default:
      return path.posix.join(env.XDG_CONFIG_HOME || path.posix.join(home, '.config'), APP_DIR_NAME);
  }
}

export interface CliOptions {
  dataDir: string;
  port: number;
  host: string;
  demo: boolean;
  printSignin: boolean;
  help: boolean;
}

export const USAGE = `Usage: npm run serve -- [options]   (or: node out/main/server.js [options])
  --data DIR        data folder (default: ${userDataDir()})
  --port N          port (default ${DEFAULT_PORT}; 0 = any free port)
  --host ADDR       address to listen on (default ${DEFAULT_HOST}; 0.0.0.0 for handhelds on the LAN)
  --demo            start with the demo warehouse
  --print-signin    print a new one-time sign-in link for the hub running on --data, and exit
  --help            this text`;

export type ParsedArgs = { ok: true; options: CliOptions } | { ok: false; message: string };

/** Accepts `--opt value` and `--opt=value`; anything unknown is an error rather than silently ignored. */
export function parseCliArgs(argv: string[]): ParsedArgs {
  const o: CliOptions = { dataDir: userDataDir(), port: DEFAULT_PORT, host: DEFAULT_HOST, demo: false, printSignin: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.indexOf('=');
    const name = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    const inline = a.startsWith('--') && eq > 0 ? a.slice(eq + 1) : undefined;
    const value = (): string | undefined => inline ?? argv[++i];
    switch (name) {
      case '--data': {
        const v = value();
        if (!v) return { ok: false, message: '--data needs a folder' };
        o.dataDir = path.resolve(v);
        break;
      }
      case '--port': {
        const v = value();
        const n = Number(v);
        if (!v || !Number.isInteger(n) || n < 0 || n > 65535) return { ok: false, message: `--port needs a number from 0 to 65535 (got "${v ?? ''}")` };
        o.port = n;
        break;
      }
      case '--host': {
        const v = value();
        if (!v) return { ok: false, message: '--host needs an address' };
        o.host = v.replace(/^\[(.*)\]$/, '$1');
        break;
      }
      case '--demo':
        o.demo = true;
        break;
      case '--print-signin':
        o.printSignin = true;
        break;
      case '--help':
      case '-h':
        o.help = true;
        break;
      default:
        return { ok: false, message: `Unknown option "${a}"` };
    }
  }
  return { ok: true, options: o };
}
