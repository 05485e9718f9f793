import type BetterSqlite3 from 'better-sqlite3';
import fs from 'node:fs';
import type { Migration } from '../../../migrations';
import { DomainError } from '../../shared/errors';

export interface MigrateResult {
  from: number;
  to: number;
  applied: string[];
  backup: string | null;
}

export const schemaVersion = (db: BetterSqlite3.Database): number => db.pragma('user_version', { simple: true }) as number;

/**
 * Brings the database up to the newest migration: a copy of the file is taken first, each migration runs in
 * its own transaction and sets user_version with it, so a failing one leaves the database as the previous
 * one left it. A database written by a newer Stockroom is refused rather than guessed at.
 */
export function migrate(db: BetterSqlite3.Database, migrations: readonly Migration[], opts: { file?: string; now?: () => Date } = {}): MigrateResult {
  const current = schemaVersion(db);
  const latest = migrations.length ? migrations[migrations.length - 1].version : 0;
  if (current > latest) {
    throw new DomainError(
      'DB_TOO_NEW',
      `This database was written by a newer version of Stockroom (schema ${current}; this version knows up to ${latest}). Install the newer version, or restore a backup.`,
      undefined,
      { current, latest },
    );
  }
  const pending = migrations.filter((m) => m.version > current);
  let backup: string | null = null;
  if (pending.length && current > 0 && opts.file && opts.file !== ':memory:' && fs.existsSync(opts.file)) {
    const stamp = (opts.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-');
    backup = `${opts.file}.v${current}.${stamp}.bak`;
    db.pragma('wal_checkpoint(TRUNCATE)');
    // VACUUM INTO writes a consistent copy even with WAL.
    db.exec(`VACUUM INTO '${backup.replace(/'/g, "''")}'`);
  }
  const applied: string[] = [];
  for (const m of pending) {
    try {
      db.transaction(() => {
        m.up(db);
        db.pragma(`user_version = ${m.version}`);
      })();
    } catch (e) {
      throw new DomainError('MIGRATION_FAILED', `Migration ${m.version} (${m.name}) failed and was rolled back: ${(e as Error).message}`, undefined, {
        version: m.version,
        backup,
      });
    }
    applied.push(`${m.version}_${m.name}`);
  }
  return { from: current, to: schemaVersion(db), applied, backup };
}
