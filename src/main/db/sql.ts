import type BetterSqlite3 from 'better-sqlite3';
import {
  DummyDriver,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type Compilable,
  type CompiledQuery,
} from 'kysely';
import type { DB } from './schema';

/**
 * Kysely builds the SQL (typed, portable across dialects); better-sqlite3 runs it synchronously, so a ledger
 * operation is one synchronous transaction that nothing else can interleave with. Moving to PostgreSQL means
 * giving this module an async executor, not rewriting queries.
 */
export const qb = new Kysely<DB>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
});

export class Sql {
  private readonly cache = new Map<string, BetterSqlite3.Statement>();

  constructor(readonly raw: BetterSqlite3.Database) {}

  private stmt(q: CompiledQuery): BetterSqlite3.Statement {
    let s = this.cache.get(q.sql);
    if (!s) {
      s = this.raw.prepare(q.sql);
      this.cache.set(q.sql, s);
    }
    return s;
  }

  all<R>(query: Compilable<R>): R[] {
    const q = query.compile();
    return this.stmt(q).all(...(q.parameters as unknown[])) as R[];
  }

  /** Rows one at a time, so a caller that needs only the first few stops reading there. */
  *iterate<R>(query: Compilable<R>): Generator<R> {
    const q = query.compile();
    yield* this.stmt(q).iterate(...(q.parameters as unknown[])) as IterableIterator<R>;
  }

  one<R>(query: Compilable<R>): R | undefined {
    const q = query.compile();
    return this.stmt(q).get(...(q.parameters as unknown[])) as R | undefined;
  }

  run(query: Compilable<unknown>): { changes: number; lastInsertRowid: number } {
    const q = query.compile();
    const s = this.stmt(q);
    if (s.reader) {
      // INSERT … RETURNING and friends
      s.all(...(q.parameters as unknown[]));
      return { changes: 1, lastInsertRowid: 0 };
    }
    const r = s.run(...(q.parameters as unknown[]));
    return { changes: r.changes, lastInsertRowid: Number(r.lastInsertRowid) };
  }

  /** Runs fn in one transaction (nested calls become savepoints); any throw rolls everything back. */
  tx<T>(fn: () => T): T {
    return this.raw.transaction(fn)();
  }
}
