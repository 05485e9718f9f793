import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';

export interface OpenOptions {
  /** Path to an Electron-ABI build of better-sqlite3, when hosted by Electron. */
  nativeBinding?: string;
  readonly?: boolean;
}

/** Opens the ledger file with the settings an acknowledged movement relies on. */
export function openDatabase(file: string, opts: OpenOptions = {}): Database.Database {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const options: Database.Options = {};
  if (opts.nativeBinding) options.nativeBinding = opts.nativeBinding;
  if (opts.readonly) options.readonly = true;
  const db = new Database(file, options);
  db.pragma('journal_mode = WAL');
  // FULL: a commit is on disk before it is acknowledged, even if the OS crashes right after.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  return db;
}
