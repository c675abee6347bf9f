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

const LOCAL_POSTGRES = 'postgres://postgres@127.0.0.1:5432/test';

/**
 * SQLite always; PostgreSQL too when BENCH_DATABASE_URL names one, or else when the local test PostgreSQL answers
 * (BENCH_DATABASE_URL=off skips it). Sets BENCH_DATABASE_URL to the one found. BENCH_ONLY=sqlite|postgres keeps one.
 */
export async function benchDatabaseKinds(): Promise<DbKind[]> {
  const only = process.env.BENCH_ONLY;
  return (await availableKinds()).filter((k) => !only || k === only);
}

async function availableKinds(): Promise<DbKind[]> {
  if (process.env.BENCH_DATABASE_URL === 'off') return ['sqlite'];
  if (process.env.BENCH_DATABASE_URL) return ['sqlite', 'postgres'];
  const probe = knex({ client: 'pg', connection: { connectionString: LOCAL_POSTGRES, connectionTimeoutMillis: 2000 }, pool: { min: 0, max: 1 } });
  try {
    await probe.raw('select 1');
    process.env.BENCH_DATABASE_URL = LOCAL_POSTGRES;
    return ['sqlite', 'postgres'];
  } catch {
    console.error(`[bench] no PostgreSQL at ${LOCAL_POSTGRES} and no BENCH_DATABASE_URL: SQLite only`);
    return ['sqlite'];
  } finally {
    await probe.destroy();
  }
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
