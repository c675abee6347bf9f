import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { stringify } from 'safe-stable-stringify';
import type { Db } from './db';

export interface StoredResponse {
  statusCode: number;
  body: unknown;
}

export type IdempotentResult =
  | (StoredResponse & { replayed: boolean })
  | { mismatch: true };

/** The same request hashes the same whatever its key order: keys are sorted at every depth. */
export function requestHash(request: unknown): string {
  return crypto.createHash('sha256').update(stringify(request) ?? 'null').digest('hex');
}

/** A unique index refused a second row (PostgreSQL 23505, SQLite SQLITE_CONSTRAINT). */
export function isUniqueViolation(err: any): boolean {
  return err?.code === '23505' || err?.code === 'SQLITE_CONSTRAINT' || /UNIQUE constraint failed/.test(String(err?.message));
}

async function stored(db: Db, scope: string, key: string, hash: string): Promise<IdempotentResult | null> {
  const row = await db('idempotency_keys').where({ scope, key }).first();
  if (!row) return null;
  if (row.request_hash !== hash) return { mismatch: true };
  return { statusCode: Number(row.status_code), body: JSON.parse(row.response), replayed: true };
}

/**
 * Runs `work` at most once per (scope, key): the key row is inserted in the same transaction as the work
 * and its response, so a retry gets the stored response, and a crash leaves neither. Concurrent requests
 * with the same key wait on the key row (PostgreSQL) or the single writer (SQLite) and then replay.
 * Exceptions are not stored: the transaction rolls back and the client may retry.
 */
export async function runIdempotent(
  db: Db,
  request: { scope: string; key: string; hash: string },
  work: (trx: Knex.Transaction) => Promise<StoredResponse>,
  now: () => Date = () => new Date(),
): Promise<IdempotentResult> {
  const { scope, key, hash } = request;
  try {
    return await db.transaction(async (trx) => {
      const earlier = await stored(trx, scope, key, hash);
      if (earlier) return earlier;
      await trx('idempotency_keys').insert({
        scope, key, request_hash: hash, status_code: 0, response: 'null', created_at: now().toISOString(),
      });
      const response = await work(trx);
      await trx('idempotency_keys')
        .where({ scope, key })
        .update({ status_code: response.statusCode, response: JSON.stringify(response.body ?? null) });
      return { ...response, replayed: false };
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const earlier = await stored(db, scope, key, hash);
    if (!earlier) throw err;
    return earlier;
  }
}
