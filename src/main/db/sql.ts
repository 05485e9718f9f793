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

/** Stands for the i-th argument of a prepared query while Kysely compiles it once. */
class Param {
  constructor(readonly index: number) {}
}

interface Prepared {
  stmt: BetterSqlite3.Statement;
  /** For each SQL parameter: the argument index it takes, or a constant baked in by the builder. */
  binds: ({ arg: number } | { value: unknown })[];
}

type Build<A extends unknown[], R> = (...args: A) => Compilable<R>;

export class Sql {
  private readonly cache = new Map<string, BetterSqlite3.Statement>();
  private readonly prepared = new Map<Build<never[], unknown>, Prepared>();

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

  /**
   * Hot-path queries: \`build\` (a module-level function whose SQL shape must not depend on its arguments) is compiled
   * once with placeholders, then only the arguments are bound on each call. Saves Kysely's build and compile work,
   * which is most of the CPU time of a ledger operation.
   */
  private prep<A extends unknown[], R>(build: Build<A, R>): Prepared {
    let p = this.prepared.get(build as unknown as Build<never[], unknown>);
    if (!p) {
      const placeholders = Array.from({ length: build.length }, (_, i) => new Param(i)) as unknown as A;
      const q = build(...placeholders).compile();
      p = {
        stmt: this.raw.prepare(q.sql),
        binds: q.parameters.map((v) => (v instanceof Param ? { arg: v.index } : { value: v })),
      };
      this.prepared.set(build as unknown as Build<never[], unknown>, p);
    }
    return p;
  }

  private static bind(p: Prepared, args: unknown[]): unknown[] {
    return p.binds.map((b) => ('arg' in b ? args[b.arg] : b.value));
  }

  pAll<A extends unknown[], R>(build: Build<A, R>, ...args: A): R[] {
    const p = this.prep(build);
    return p.stmt.all(...Sql.bind(p, args)) as R[];
  }

  pOne<A extends unknown[], R>(build: Build<A, R>, ...args: A): R | undefined {
    const p = this.prep(build);
    return p.stmt.get(...Sql.bind(p, args)) as R | undefined;
  }

  *pIterate<A extends unknown[], R>(build: Build<A, R>, ...args: A): Generator<R> {
    const p = this.prep(build);
    yield* p.stmt.iterate(...Sql.bind(p, args)) as IterableIterator<R>;
  }

  pRun<A extends unknown[]>(build: Build<A, unknown>, ...args: A): { changes: number; lastInsertRowid: number } {
    const p = this.prep(build);
    const r = p.stmt.run(...Sql.bind(p, args));
    return { changes: r.changes, lastInsertRowid: Number(r.lastInsertRowid) };
  }

  /** Runs fn in one transaction (nested calls become savepoints); any throw rolls everything back. */
  tx<T>(fn: () => T): T {
    return this.raw.transaction(fn)();
  }
}
