import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knex from 'knex';
import { Db, migrate, openDatabase } from '../../data/db';
import { seed } from '../../data/seed';

export type DbKind = 'sqlite' | 'postgres';

/** SQLite always; PostgreSQL when globalSetup found it reachable. */
export function databaseKinds(): DbKind[] {
  return process.env.TEST_POSTGRES_URL ? ['sqlite', 'postgres'] : ['sqlite'];
}

export interface TestDatabase {
  kind: DbKind;
  db: Db;
  /** Options that open the same database again (a restarted server, a second instance). */
  options: Parameters<typeof openDatabase>[0];
  close(): Promise<void>;
}

/**
 * A fresh, migrated and seeded database: a temporary SQLite file, or a schema of its own in PostgreSQL.
 * `migrated: false` leaves it empty (a migration test runs its own), which implies no seed.
 */
export async function createTestDatabase(kind: DbKind = 'sqlite', { seeded = true, migrated = true } = {}): Promise<TestDatabase> {
  const id = crypto.randomBytes(6).toString('hex');
  if (kind === 'postgres') {
    const url = process.env.TEST_POSTGRES_URL!;
    const schema = `t_${id}`;
    const options = { databaseUrl: url, schema };
    const db = openDatabase(options);
    await db.raw(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    if (migrated) await migrate(db);
    if (migrated && seeded) await seed(db);
    return {
      kind, db, options,
      close: async () => {
        await db.destroy();
        const admin = knex({ client: 'pg', connection: url, pool: { min: 0, max: 1 } });
        await admin.raw(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await admin.destroy();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'auftragsbot-'));
  const options = { sqliteFile: path.join(dir, `test-${id}.sqlite`) };
  const db = openDatabase(options);
  if (migrated) await migrate(db);
  if (migrated && seeded) await seed(db);
  return {
    kind, db, options,
    close: async () => {
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs a describe block once per available database kind, with a fresh database for the block. */
export function describeEachDatabase(title: string, body: (ctx: { kind: DbKind; get: () => TestDatabase }) => void): void {
  for (const kind of ['sqlite', 'postgres'] as DbKind[]) {
    const available = databaseKinds().includes(kind);
    const run = available ? describe : describe.skip; // skipped only when PostgreSQL is unreachable, announced by globalSetup
    run(`${title} [${kind}]`, () => {
      let current: TestDatabase | undefined;
      beforeAll(async () => {
        current = await createTestDatabase(kind);
      });
      afterAll(async () => {
        await current?.close();
      });
      body({ kind, get: () => current! });
    });
  }
}
