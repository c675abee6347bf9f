import type { Db } from './db';
import { isPostgres, rawRows } from './db';
import { hashKey } from './hashKey';

/**
 * Processed activities (one effect per delivered activity id) and conversation leases (one turn at a time per
 * conversation across instances).
 *
 * A lease is a row with an owner and an expiry instead of a lock held on a connection: a turn then ties up no
 * pooled connection while it waits or runs (SQLite has exactly one), a crashed instance's lease simply runs out,
 * and the same SQL works on SQLite and PostgreSQL. The holder renews it while the turn runs.
 */

export interface ActivityKey {
  channelId: string;
  conversationId: string;
  activityId: string;
}

function activityHash(k: ActivityKey): string {
  return hashKey('activity', k.channelId, k.conversationId, k.activityId);
}

export function conversationLockKey(channelId: string, conversationId: string): string {
  return hashKey('conversation', channelId, conversationId);
}

/** The stored outcome of an activity handled before, or null when it is new. */
export async function findProcessedActivity(db: Db, key: ActivityKey): Promise<{ invokeResponse: unknown } | null> {
  const [row] = await rawRows(db, 'select invoke_response from processed_activities where key_hash = ?', [activityHash(key)]);
  if (!row) return null;
  return { invokeResponse: row.invoke_response == null ? undefined : JSON.parse(row.invoke_response) };
}

const INSERT_PROCESSED = `insert into processed_activities (key_hash, channel_id, conversation_id, activity_id, invoke_response, processed_at)
  values (?, ?, ?, ?, ?, ?) on conflict (key_hash) do nothing`;

function processedValues(key: ActivityKey, invokeResponse: unknown): (string | number | null)[] {
  const response = invokeResponse === undefined ? null : JSON.stringify(invokeResponse);
  return [activityHash(key), key.channelId, key.conversationId, key.activityId, response, Date.now()];
}

export async function recordProcessedActivity(db: Db, key: ActivityKey, invokeResponse?: unknown): Promise<void> {
  await db.raw(INSERT_PROCESSED, processedValues(key, invokeResponse));
}

/**
 * The end of a turn under a lease: the activity recorded as processed and the lease given back in one statement (a
 * data-modifying WITH on PostgreSQL), so both happen or neither does.
 */
export async function recordProcessedAndRelease(db: Db, key: ActivityKey, invokeResponse: unknown, lockKey: string, owner: string): Promise<void> {
  if (!isPostgres(db)) {
    await recordProcessedActivity(db, key, invokeResponse);
    await releaseLease(db, lockKey, owner);
    return;
  }
  await db.raw(`with recorded as (${INSERT_PROCESSED}) delete from conversation_leases where key_hash = ? and owner = ?`, [
    ...processedValues(key, invokeResponse), lockKey, owner,
  ]);
}

/** Channels re-deliver within minutes; keeping a week of ids is generous. */
export async function pruneProcessedActivities(db: Db, olderThanMs = 7 * 24 * 3600 * 1000): Promise<number> {
  return db('processed_activities').where('processed_at', '<', Date.now() - olderThanMs).del();
}

/** Takes the lease when it is free or expired. Returns whether `owner` holds it now. */
export async function tryAcquireLease(db: Db, lockKey: string, owner: string, leaseMs: number): Promise<boolean> {
  const now = Date.now();
  const rows = await rawRows<{ owner: string }>(
    db,
    `insert into conversation_leases (key_hash, owner, expires_at) values (?, ?, ?)
     on conflict (key_hash) do update set owner = excluded.owner, expires_at = excluded.expires_at
     where conversation_leases.expires_at < ? or conversation_leases.owner = excluded.owner
     returning owner`,
    [lockKey, owner, now + leaseMs, now],
  );
  return rows.length === 1 && rows[0].owner === owner;
}

/** Extends a held lease; false when it was lost (expired and taken by someone else). */
export async function renewLease(db: Db, lockKey: string, owner: string, leaseMs: number): Promise<boolean> {
  const n = await db('conversation_leases').where({ key_hash: lockKey, owner }).update({ expires_at: Date.now() + leaseMs });
  return n > 0;
}

export async function releaseLease(db: Db, lockKey: string, owner: string): Promise<void> {
  await db('conversation_leases').where({ key_hash: lockKey, owner }).del();
}
