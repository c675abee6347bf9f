import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, rawRows, type Db } from '../../data/db';

/** The SQLite client keeps prepared statements (data/db.ts): a cached one must still see the schema as it is now. */
describe('SQLite prepared statements kept per connection', () => {
  let dir: string;
  let db: Db;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'auftragsbot-stmt-'));
    db = openDatabase({ sqliteFile: path.join(dir, 'stmt.sqlite') });
  });
  afterAll(async () => {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers the same query again from the same statement, and after a schema change with the new schema', async () => {
    await db.schema.createTable('t', (t) => {
      t.integer('id').primary();
      t.text('a');
    });
    await db('t').insert({ id: 1, a: 'x' });
    expect(await db('t').select('*')).toEqual([{ id: 1, a: 'x' }]);
    expect(await db('t').select('*')).toEqual([{ id: 1, a: 'x' }]);
    await db.schema.alterTable('t', (t) => t.text('b').defaultTo('y'));
    expect(await db('t').select('*')).toEqual([{ id: 1, a: 'x', b: 'y' }]);
  });

  it('keeps transactions, rollbacks and inserted ids working', async () => {
    const [id] = await db('t').insert({ id: 2, a: 'z' });
    expect(Number(id)).toBe(2);
    await expect(db.transaction(async (trx) => {
      await trx('t').insert({ id: 3, a: 'gone' });
      throw new Error('rolled back');
    })).rejects.toThrow('rolled back');
    expect(await db('t').where({ id: 3 }).first()).toBeUndefined();
    expect(await db('t').where({ id: 2 }).update({ a: 'w' })).toBe(1);
  });

  it('runs plain statements straight on the driver, yet never inside a transaction that is open meanwhile', async () => {
    const statements: string[] = [];
    const count = (q: { sql: string }) => statements.push(q.sql);
    db.on('query', count);
    try {
      expect(await rawRows(db, 'select a from t where id = ?', [2])).toEqual([{ a: 'w' }]);
      expect(statements).toEqual(['select a from t where id = ?']);
    } finally {
      db.off('query', count);
    }
    // While a transaction holds the one connection, a plain read waits for it and sees only what it committed.
    let inside: unknown;
    const outside = new Promise<unknown>((resolve) => {
      void db.transaction(async (trx) => {
        await trx('t').insert({ id: 4, a: 'new' });
        inside = await rawRows(trx, 'select a from t where id = ?', [4]);
        resolve(rawRows(db, 'select a from t where id = ?', [4]));
        await new Promise((r) => setTimeout(r, 50));
        throw new Error('rolled back');
      }).catch(() => undefined);
    });
    expect(await outside).toEqual([]);
    expect(inside).toEqual([{ a: 'new' }]);
  });
});
