import { rawRows } from '../../data/db';
import { describeEachDatabase } from '../support/databases';

/** rawRows runs plain SQL straight on the driver outside a transaction, and through knex inside one (data/db.ts). */
describeEachDatabase('plain statements (rawRows)', ({ get }) => {
  it('binds each ? in order, announces the statement, refuses an undefined value and keeps to a transaction', async () => {
    const { db } = get();
    const statements: string[] = [];
    const count = (q: { sql: string }) => statements.push(q.sql);
    db.on('query', count);
    try {
      const rows = await rawRows<{ a: string; b: number }>(db, `select cast(? as text) as a, cast(? as integer) + 1 as b`, ['x?', 41]);
      expect(rows.map((r) => [r.a, Number(r.b)])).toEqual([['x?', 42]]);
      expect(statements).toEqual(['select cast(? as text) as a, cast(? as integer) + 1 as b']);
    } finally {
      db.off('query', count);
    }
    await expect(rawRows(db, 'select ? as a', [undefined])).rejects.toThrow(/Undefined binding/);

    const key = `raw-${Date.now()}`;
    await db.transaction(async (trx) => {
      await trx('settings').insert({ name: key, value: 'inside' });
      expect(await rawRows(trx, 'select value from settings where name = ?', [key])).toEqual([{ value: 'inside' }]);
      await trx.rollback();
    }).catch(() => undefined);
    expect(await rawRows(db, 'select value from settings where name = ?', [key])).toEqual([]);
  });
});
