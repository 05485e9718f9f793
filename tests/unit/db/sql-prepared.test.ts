import Database from 'better-sqlite3';
import { sql as raw } from 'kysely';
import { describe, expect, it } from 'vitest';
import { qb, Sql } from '../../../src/main/db/sql';

const setup = () => {
  const db = new Database(':memory:');
  db.exec("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL); INSERT INTO settings VALUES ('a', '1'), ('b', '2'), ('c', '3')");
  return new Sql(db);
};

const byKey = (key: string) => qb.selectFrom('settings').select('value').where('key', '=', key);
const byKeyOrConst = (key: string) => qb.selectFrom('settings').select('value').where((eb) => eb.or([eb('key', '=', key), eb('key', '=', 'c')])).orderBy('key');
const bump = (delta: number, key: string) => qb.updateTable('settings').set({ value: raw`value + ${delta}` }).where('key', '=', key);

describe('prepared queries', () => {
  it('binds each call’s arguments, not the first call’s', () => {
    const s = setup();
    expect(s.pOne(byKey, 'a')).toEqual({ value: '1' });
    expect(s.pOne(byKey, 'b')).toEqual({ value: '2' });
    expect(s.pOne(byKey, 'zz')).toBeUndefined();
  });

  it('keeps constants the builder baked in, beside the arguments', () => {
    const s = setup();
    expect(s.pAll(byKeyOrConst, 'a')).toEqual([{ value: '1' }, { value: '3' }]);
    expect(s.pAll(byKeyOrConst, 'b')).toEqual([{ value: '2' }, { value: '3' }]);
  });

  it('binds arguments used inside raw fragments, in order', () => {
    const s = setup();
    expect(s.pRun(bump, 10, 'b').changes).toBe(1);
    expect(s.pRun(bump, 5, 'a').changes).toBe(1);
    // TEXT affinity: the sums come back as text; what matters is which row got which delta.
    expect(s.all(qb.selectFrom('settings').select(['key', 'value']).orderBy('key')).map((r) => [r.key, Number(r.value)])).toEqual([
      ['a', 6],
      ['b', 12],
      ['c', 3],
    ]);
  });
});
