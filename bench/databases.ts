import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knex from 'knex';
import type { DbOptions } from '../data/db';

export type DbKind = 'sqlite' | 'postgres';

/** A fresh, empty place for a database: a temporary SQLite folder, or a PostgreSQL schema of its own. */
export interface BenchDatabase {
  kind: DbKind;
  options: DbOptions;
  /** Removes the folder or drops the schema; call it once every connection to it is closed. */
  drop(): Promise<void>;
}

/** SQLite always; PostgreSQL too when BENCH_DATABASE_URL names one. */
export function benchDatabaseKinds(): DbKind[] {
  return process.env.BENCH_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
}

export async function freshDatabase(kind: DbKind): Promise<BenchDatabase> {
  const id = crypto.randomBytes(6).toString('hex');
  if (kind === 'postgres') {
    const url = process.env.BENCH_DATABASE_URL!;
    const schema = `bench_${id}`;
    return {
      kind,
      // openDatabase creates the schema on its first connection.
      options: { databaseUrl: url, schema },
      drop: async () => {
        const admin = knex({ client: 'pg', connection: url, pool: { min: 0, max: 1 } });
        try {
          await admin.raw(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        } finally {
          await admin.destroy();
        }
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `auftragsbot-bench-${id}-`));
  return { kind, options: { dataDir: dir }, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}
