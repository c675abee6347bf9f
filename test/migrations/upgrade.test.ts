import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { isPostgres, type Db } from '../../data/db';
import { migrationSource } from '../../data/migrations';
import { getOrder } from '../../data/orders';
import { placeOrder } from '../../operations/placeOrder';
import { KnexStorage } from '../../data/storage';
import { createTestDatabase, databaseKinds, type DbKind } from '../support/databases';
import { demoActors } from '../orders/actors';

/**
 * Upgrading a database of the previous release: the schema of its migrations (001–005) with the rows real use left
 * there (release-005.json, written by makeReleaseFixture.ts with that release's code), then every migration since.
 * Nothing is lost and the current code works on the result. New migrations are picked up by themselves; one that
 * renames or drops a column on purpose names that column here, where the value check would otherwise stop it.
 */
const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, 'release-005.json'), 'utf8')) as {
  schema: string[];
  tables: [string, Record<string, unknown>[]][];
};

const previousRelease: Knex.MigrationSource<string> = {
  getMigrations: async () => fixture.schema,
  getMigrationName: (name) => name,
  getMigration: (name) => migrationSource.getMigration(name),
};

async function loadRows(db: Db): Promise<void> {
  // The fixture holds whole tables, also the rows a migration put there itself (e.g. number ranges).
  for (const [table] of [...fixture.tables].reverse()) await db(table).del();
  for (const [table, rows] of fixture.tables) {
    for (let i = 0; i < rows.length; i += 100) await db(table).insert(rows.slice(i, i + 100));
  }
  if (!isPostgres(db)) return;
  // Rows came with their ids: move each id sequence past them, as the old database's own sequences would be.
  for (const [table, rows] of fixture.tables) {
    if (!rows.length || typeof rows[0].id !== 'number') continue;
    await db.raw(`select setval(pg_get_serial_sequence(?, 'id'), (select max(id) from ??))`, [table, table]);
  }
}

for (const kind of ['sqlite', 'postgres'] as DbKind[]) {
  (databaseKinds().includes(kind) ? describe : describe.skip)(`upgrade from the previous release [${kind}]`, () => {
    it('keeps every row of the old schema and lets today’s code work on it', async () => {
      const t = await createTestDatabase(kind, { seeded: false, migrated: false });
      try {
        const { db } = t;
        await db.migrate.latest({ migrationSource: previousRelease });
        await loadRows(db);

        await db.migrate.latest({ migrationSource });
        const applied = (await db('knex_migrations').orderBy('id').pluck('name')) as string[];
        expect(applied).toEqual(await migrationSource.getMigrations([]));

        for (const [table, rows] of fixture.tables) {
          const now = await db(table).select('*');
          expect({ table, count: now.length }).toEqual({ table, count: rows.length });
          const key = Object.keys(rows[0] ?? {}).find((k) => k === 'id' || k === 'key_hash' || k === 'name' || k === 'sku');
          for (const old of rows) {
            const match = key ? now.find((r: any) => String(r[key]) === String(old[key])) : undefined;
            if (key) expect(match).toBeDefined();
            // Every old column still holds its value (new columns may have been added next to them).
            for (const [column, value] of Object.entries(old)) {
              if (!match) break;
              const after = (match as any)[column];
              expect({ table, column, value: after == null ? null : String(after) }).toEqual({ table, column, value: value == null ? null : normalise(value, after) });
            }
          }
        }

        // Today's code on the upgraded data: an old order reads whole, a new one gets the next number, state loads.
        const a = await demoActors(db);
        const orders = fixture.tables.find(([table]) => table === 'orders')![1];
        const first = await getOrder(db, a.sales, String(orders[0].number));
        expect(first?.lines.length).toBeGreaterThan(0);
        expect(first?.history.length).toBeGreaterThan(0);
        const placed = await placeOrder(db, a.mueller, { customerId: a.customers.mueller, lines: [{ sku: 'PAPER-A4', quantity: 1 }] });
        expect(placed.ok).toBe(true);
        if (placed.ok) expect(Number(placed.order.number)).toBeGreaterThan(Math.max(...orders.map((o) => Number(o.number))));
        const state = await new KnexStorage(db).read(['directline/conversations/conv-1/']);
        expect(state['directline/conversations/conv-1/']).toMatchObject({ flags: { welcomed: true } });
      } finally {
        await t.close();
      }
    });
  });
}

/** SQLite stores booleans as 0/1 and PostgreSQL as true/false; both mean the same value. */
function normalise(value: unknown, after: unknown): string {
  if (typeof after === 'boolean' && (value === 0 || value === 1)) return String(value === 1);
  return String(value);
}
