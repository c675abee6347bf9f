import type { Db } from './db';
import { conversationRefUpsert, type StoredConversationRef } from './conversationRefs';
import { isPostgres, rawRows, writeTogether, type SqlWrite } from './db';
import { hashKey } from './hashKey';
import { storedItemsOf, storedTextsOf, unconditionalUpsert, type StateWrite } from './storage';

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

/** What a turn reads before it runs (openTurn). */
export interface TurnOpening {
  /** The stored outcome when the activity was handled before; null when it is new (or has no id). */
  processed: { invokeResponse: unknown } | null;
  /** The reference version (data/referenceData.ts) as the turn opened. */
  referenceVersion: number;
  /** The bot state stored under each of the keys asked for, in their order (undefined: none yet). */
  states: (Record<string, unknown> | undefined)[];
  /** Each state's stored JSON (without its eTag), which is what JSON.stringify of it gives back unchanged. */
  stateTexts: (string | undefined)[];
}

/**
 * Everything a turn reads before it runs, in one statement: whether its activity was processed before, the reference
 * version, and its bot state. Each is a plain read of committed rows, so one statement reads what three would;
 * under a lease it must come after the lease is taken (a processed record or state written by the turn before, on
 * another instance, is only certain to be seen then), or be checked as acquireLeaseAndOpenTurn checks it. Columns are
 * text on both databases so the parts can be one union.
 */
export async function openTurn(db: Db, key: ActivityKey | null, stateKeys: string[]): Promise<TurnOpening> {
  const reads = openingReads(key, stateKeys);
  return openingOf(await rawRows<OpeningRow>(db, reads.sql, reads.bindings), stateKeys);
}

interface OpeningRow {
  part: string;
  a: string | null;
  b: string | null;
  c: string | null;
  d: string | null;
}

function openingReads(key: ActivityKey | null, stateKeys: string[]): { sql: string; bindings: string[] } {
  const parts = [`select 'v' as part, cast(version as text) as a, null as b, null as c, null as d from reference_version where id = 1`];
  const bindings: string[] = [];
  if (key) {
    parts.push(`select 'p', invoke_response, null, null, null from processed_activities where key_hash = ?`);
    bindings.push(activityHash(key));
  }
  if (stateKeys.length > 0) {
    parts.push(`select 's', key_hash, "key", etag, data from bot_state where key_hash in (${stateKeys.map(() => '?').join(', ')})`);
    bindings.push(...stateKeys.map((k) => hashKey(k)));
  }
  return { sql: parts.join(' union all '), bindings };
}

function openingOf(rows: OpeningRow[], stateKeys: string[]): TurnOpening {
  const processedRow = rows.find((r) => r.part === 'p');
  const stateRows = rows.filter((r) => r.part === 's').map((r) => ({ key_hash: r.a!, key: r.b!, etag: r.c!, data: r.d! }));
  return {
    processed: processedRow ? { invokeResponse: processedRow.a == null ? undefined : JSON.parse(processedRow.a) } : null,
    referenceVersion: Number(rows.find((r) => r.part === 'v')?.a ?? 0),
    states: stateKeys.map(storedItemsOf(stateRows)),
    stateTexts: stateKeys.map(storedTextsOf(stateRows)),
  };
}

/** Takes the lease when it is free, expired or already the owner's; returns the owner when it does. */
const LEASE_UPSERT = `insert into conversation_leases (key_hash, owner, expires_at) values (?, ?, ?)
  on conflict (key_hash) do update set owner = excluded.owner, expires_at = excluded.expires_at
  where conversation_leases.expires_at < ? or conversation_leases.owner = excluded.owner
  returning owner`;

/**
 * PostgreSQL: takes the lease and opens the turn in one statement where what it read can be trusted. The reads see
 * the statement's snapshot, which can be older than the lease: taking it may have waited for the turn before to end
 * (its state, record and release commit together, finishTurn) and then read what was there before that end.
 * So the statement also reads the lease row as its snapshot has it: none there means no turn was under way when the
 * snapshot was taken, every earlier turn's end is in it, and the reads stand. Otherwise (the lease was busy, expired,
 * or taken over) `opening` is null and the turn opens with openTurn once it holds the lease.
 */
export async function acquireLeaseAndOpenTurn(
  db: Db, lockKey: string, owner: string, leaseMs: number, key: ActivityKey | null, stateKeys: string[],
): Promise<{ acquired: boolean; opening: TurnOpening | null }> {
  const now = Date.now();
  const reads = openingReads(key, stateKeys);
  const rows = await rawRows<OpeningRow>(
    db,
    `with lease as (${LEASE_UPSERT}) ${reads.sql}
     union all select 'l', owner, null, null, null from lease
     union all select 'h', owner, null, null, null from conversation_leases where key_hash = ?`,
    [lockKey, owner, now + leaseMs, now, ...reads.bindings, lockKey],
  );
  const acquired = rows.some((r) => r.part === 'l' && r.a === owner);
  const leaseSeenBefore = rows.some((r) => r.part === 'h');
  return { acquired, opening: acquired && !leaseSeenBefore ? openingOf(rows, stateKeys) : null };
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

const RELEASE_LEASE = 'delete from conversation_leases where key_hash = ? and owner = ?';

/** What a turn leaves to write as it ends (finishTurn). */
export interface TurnEnd {
  /** The activity to record as processed (null: it has no id, or it was processed before and did not run). */
  processed: { key: ActivityKey; invokeResponse: unknown } | null;
  /** Bot state the turn saved (written unconditionally, as BotState.saveChanges does). */
  states: StateWrite[];
  /** The conversation reference, when the turn changed it. */
  conversationRef: Omit<StoredConversationRef, 'updatedAt'> | null;
  /** The lease the turn holds (PostgreSQL), given back with the rest; null where there is none (SQLite). */
  lease: { lockKey: string; owner: string } | null;
}

/**
 * The end of a turn, all of it or none: the turn's bot state and conversation reference, the activity recorded as
 * processed, and its lease given back. A re-delivery after a failure here finds neither the record nor the state of a
 * turn that did not finish. On PostgreSQL that is one statement, a data-modifying WITH; SQLite has no writing WITH,
 * so there it is one transaction (writeTogether), which also makes it one commit, one sync of the log to disk.
 */
export async function finishTurn(db: Db, end: TurnEnd): Promise<void> {
  const writes: SqlWrite[] = [];
  if (end.states.length > 0) writes.push(unconditionalUpsert(end.states));
  if (end.conversationRef) writes.push(conversationRefUpsert(end.conversationRef));
  if (end.processed) writes.push({ sql: INSERT_PROCESSED, bindings: processedValues(end.processed.key, end.processed.invokeResponse) });
  if (end.lease) writes.push({ sql: RELEASE_LEASE, bindings: [end.lease.lockKey, end.lease.owner] });
  if (!isPostgres(db)) return writeTogether(db, writes);
  if (writes.length === 0) return;
  // Every write but the last as a part of the WITH, the last as its statement.
  const last = writes[writes.length - 1];
  const parts = writes.slice(0, -1);
  const sql = parts.length > 0 ? `with ${parts.map((w, i) => `w${i} as (${w.sql})`).join(', ')} ${last.sql}` : last.sql;
  await rawRows(db, sql, [...parts.flatMap((w) => w.bindings), ...last.bindings]);
}

/** Channels re-deliver within minutes; keeping a week of ids is generous. */
export async function pruneProcessedActivities(db: Db, olderThanMs = 7 * 24 * 3600 * 1000): Promise<number> {
  return db('processed_activities').where('processed_at', '<', Date.now() - olderThanMs).del();
}

/** Takes the lease when it is free or expired. Returns whether `owner` holds it now. */
export async function tryAcquireLease(db: Db, lockKey: string, owner: string, leaseMs: number): Promise<boolean> {
  const now = Date.now();
  const rows = await rawRows<{ owner: string }>(db, LEASE_UPSERT, [lockKey, owner, now + leaseMs, now]);
  return rows.length === 1 && rows[0].owner === owner;
}

/** Extends a held lease; false when it was lost (expired and taken by someone else). */
export async function renewLease(db: Db, lockKey: string, owner: string, leaseMs: number): Promise<boolean> {
  const n = await db('conversation_leases').where({ key_hash: lockKey, owner }).update({ expires_at: Date.now() + leaseMs });
  return n > 0;
}

export async function releaseLease(db: Db, lockKey: string, owner: string): Promise<void> {
  await rawRows(db, RELEASE_LEASE, [lockKey, owner]);
}
