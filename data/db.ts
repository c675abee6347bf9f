import fs from 'node:fs';
import path from 'node:path';
import knex, { Knex } from 'knex';
import { remembered } from '../domain/remembered';
import { migrationSource } from './migrations';

export type Db = Knex;

export interface DbOptions {
  /** postgres://… switches to PostgreSQL; otherwise the embedded SQLite file is used. */
  databaseUrl?: string;
  /** Folder of the SQLite file (default ./var). */
  dataDir?: string;
  /** SQLite only: ':memory:' or a file path, overriding dataDir. */
  sqliteFile?: string;
  /** PostgreSQL only: schema to work in (tests use one schema each). */
  schema?: string;
  /**
   * SQLite only: the driver. better-sqlite3 (default) took 15–20 % less CPU per turn and gave 1.5–2× the turns/s of
   * sqlite3 in `npm run bench` (sqlite3 hops to a thread for every statement while the one connection waits);
   * sqlite3 stays selectable so the bench can keep comparing.
   */
  sqliteDriver?: 'sqlite3' | 'better-sqlite3';
}

/**
 * knex's better-sqlite3 client with its prepared statements kept per connection: knex prepares every statement anew,
 * and SQLite compiling the SQL was the largest single cost of a turn's queries (`npm run bench:profile`). Statements
 * are recompiled by SQLite itself after a schema change, so a cached one never runs against an old schema.
 */
const BetterSqliteClient = require('knex/lib/dialects/better-sqlite3') as new (config: Knex.Config) => Knex.Client;
const STATEMENT_CACHE_SIZE = 500;

// Per connection, outside the client: knex's transaction clients are copies of its prototype, not of the instance.
const statementsOf = new WeakMap<object, Map<string, any>>();

function cachedStatement(connection: any, sql: string): any {
  let cache = statementsOf.get(connection);
  if (!cache) statementsOf.set(connection, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) {
    statement = connection.prepare(sql);
    // Oldest first out; a Map iterates in insertion order.
    if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    cache.set(sql, statement);
  }
  return statement;
}

class CachingBetterSqliteClient extends BetterSqliteClient {
  async _query(connection: any, obj: any): Promise<any> {
    if (!obj.sql) throw new Error('The query is empty');
    const statement = cachedStatement(connection, obj.sql);
    const bindings = (this as any)._formatBindings(obj.bindings);
    if (statement.reader) {
      obj.response = statement.all(bindings);
      return obj;
    }
    const response = statement.run(bindings);
    obj.response = response;
    obj.context = { lastID: response.lastInsertRowid, changes: response.changes };
    return obj;
  }

  /**
   * One plain statement on the one connection, taken from the pool like any query (so never inside someone else's
   * transaction), without knex's Raw, runner and formatter around it: for the statements every turn runs, where that
   * machinery cost more CPU than better-sqlite3 running them. Announced as knex announces its queries.
   */
  async runPlain(sql: string, bindings: readonly unknown[]): Promise<any[]> {
    const connection = await (this as any).acquireConnection();
    try {
      (this as any).emit('query', { sql, bindings, method: 'raw' });
      const statement = cachedStatement(connection, sql);
      const values = (this as any)._formatBindings(bindings);
      if (statement.reader) return statement.all(values);
      statement.run(values);
      return [];
    } finally {
      await (this as any).releaseConnection(connection);
    }
  }

  /**
   * Writes in one transaction of better-sqlite3's own: synchronous on the one connection, so nothing can come between
   * them, and without knex's transaction object, which cost more CPU (about 80 µs) than the three writes that end a
   * turn. Each statement is announced as knex announces its queries, so counting them stays true.
   */
  async runTogether(writes: readonly SqlWrite[]): Promise<void> {
    const connection = await (this as any).acquireConnection();
    try {
      connection.transaction(() => {
        for (const { sql, bindings } of writes) {
          (this as any).emit('query', { sql, bindings, method: 'raw' });
          cachedStatement(connection, sql).run((this as any)._formatBindings(bindings));
        }
      })();
    } finally {
      await (this as any).releaseConnection(connection);
    }
  }
}

/** A plain SQL write: text with `?` placeholders and its values. */
export interface SqlWrite {
  sql: string;
  bindings: readonly (string | number | null)[];
}

/** Writes that happen all or none, in order, as one transaction (no statement of anyone else's comes between them). */
export async function writeTogether(db: Db, writes: readonly SqlWrite[]): Promise<void> {
  if (writes.length === 0) return;
  if (db.client instanceof CachingBetterSqliteClient) return db.client.runTogether(writes);
  if (writes.length === 1) {
    await db.raw(writes[0].sql, writes[0].bindings as Knex.RawBinding[]);
    return;
  }
  await db.transaction(async (trx) => {
    for (const { sql, bindings } of writes) await trx.raw(sql, bindings as Knex.RawBinding[]);
  });
}

const SQLITE_PRAGMAS = 'PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000;';

export function isPostgres(db: Db): boolean {
  return db.client.config.client === 'pg';
}

/**
 * The rows of a plain SQL statement on either database (knex hands back pg's result object but better-sqlite3's rows).
 * The statements every turn runs are written so: knex's query builder cost more CPU than the database did
 * for them (about 60 µs a statement on PostgreSQL, 17 on SQLite, in `npm run bench`). `?` binds one value.
 */
export async function rawRows<T = Record<string, any>>(db: Db, sql: string, bindings: readonly unknown[] = []): Promise<T[]> {
  // Outside a transaction straight to the driver: knex's Raw, runner and formatter cost more CPU than the statement.
  if (!(db as Knex.Transaction).isTransaction) {
    if (bindings.includes(undefined)) throw new Error(`Undefined binding in: ${sql}`); // as knex refuses them
    if (db.client instanceof CachingBetterSqliteClient) return db.client.runPlain(sql, bindings);
    if (isPostgres(db)) return plainPostgres<T>(db, sql, bindings);
  }
  const result = await db.raw(sql, bindings as Knex.RawBinding[]);
  return isPostgres(db) ? result.rows : result;
}

const PgClient = require('knex/lib/dialects/postgres') as { prototype: { positionBindings(sql: string): string } };
/** `?` placeholders as pg's `$1, $2, …`, by knex's own rule, per statement text (the few every turn runs). */
const positioned = remembered((sql: string) => PgClient.prototype.positionBindings(sql), 500);

/**
 * One plain statement on a pooled pg connection, as knex would run it (its placeholders, its pool, its 'query'
 * event) without the machinery around it.
 */
async function plainPostgres<T>(db: Db, sql: string, bindings: readonly unknown[]): Promise<T[]> {
  const client = db.client as any;
  const text = positioned(sql);
  const connection = await client.acquireConnection();
  try {
    client.emit('query', { sql, bindings, method: 'raw' });
    const result = await connection.query(text, bindings);
    return result.rows;
  } finally {
    await client.releaseConnection(connection);
  }
}

/**
 * A select-list expression holding the rows of a child table as one JSON array of objects, `fields` naming each
 * property's SQL expression and `from` the correlated `table where …`: a view reads its parent row and every child
 * table in one statement instead of one per table (json_agg on PostgreSQL, json_group_array on SQLite). A field may
 * itself be such an array, made with `{ nested: true }`. Read the column with jsonArrayOf. The array is in no
 * particular order: the reader sorts it (an ORDER BY inside SQLite's aggregate builds a temporary B-tree per array,
 * a third of a whole order's read).
 */
export function jsonRowsSql(db: Db, fields: Record<string, string>, from: string, options: { nested?: boolean } = {}): string {
  const pairs = Object.entries(fields).map(([name, expression]) => `'${name}', ${expression}`).join(', ');
  if (isPostgres(db)) return `(select coalesce(json_agg(json_build_object(${pairs})), '[]'::json) from ${from})`;
  const array = `(select json_group_array(json_object(${pairs})) from ${from})`;
  // json(): a nested array stays an array inside json_object instead of becoming a string. Only there: it parses
  // the array's text once more.
  return options.nested ? `json(${array})` : array;
}

/** A jsonRowsSql column as read back: pg parses json itself, SQLite hands back the text. */
export function jsonArrayOf<T = Record<string, any>>(value: unknown): T[] {
  if (typeof value === 'string') return JSON.parse(value) as T[];
  return (value as T[] | null) ?? [];
}

export function openDatabase(options: DbOptions = {}): Db {
  if (options.databaseUrl && /^postgres(ql)?:\/\//.test(options.databaseUrl)) {
    const schema = options.schema;
    return knex({
      client: 'pg',
      connection: options.databaseUrl,
      searchPath: schema ? [schema] : undefined,
      pool: {
        min: 0,
        max: 10,
        afterCreate: (conn: any, done: (err: Error | null, conn: any) => void) => {
          if (!schema) return done(null, conn);
          conn.query(`CREATE SCHEMA IF NOT EXISTS "${schema.replace(/"/g, '')}"`, (err: Error | null) => done(err, conn));
        },
      },
    });
  }
  let filename = options.sqliteFile;
  if (!filename) {
    const dir = path.resolve(options.dataDir ?? 'var');
    fs.mkdirSync(dir, { recursive: true });
    filename = path.join(dir, 'auftragsbot.sqlite');
  }
  if ((options.sqliteDriver ?? 'better-sqlite3') === 'better-sqlite3') {
    return knex({
      client: CachingBetterSqliteClient as unknown as typeof Knex.Client,
      connection: { filename },
      useNullAsDefault: true,
      pool: {
        min: 1,
        max: 1,
        // better-sqlite3 is synchronous: exec runs the pragmas before the callback.
        afterCreate: (conn: any, done: (err: Error | null, conn: any) => void) => {
          try {
            conn.exec(SQLITE_PRAGMAS);
            done(null, conn);
          } catch (err) {
            done(err as Error, conn);
          }
        },
      },
    });
  }
  return knex({
    client: 'sqlite3',
    connection: { filename },
    useNullAsDefault: true,
    // One connection: SQLite has a single writer anyway, and this serializes our transactions.
    pool: {
      min: 1,
      max: 1,
      afterCreate: (conn: any, done: (err: Error | null, conn: any) => void) => {
        conn.exec(SQLITE_PRAGMAS, (err: Error | null) => done(err, conn));
      },
    },
  });
}

export async function migrate(db: Db): Promise<void> {
  await db.migrate.latest({ migrationSource });
}
