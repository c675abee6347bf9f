import type { Knex } from 'knex';
import { Db, isPostgres } from './db';

export interface OutboxRow {
  id: number;
  personId: number;
  kind: string;
  payload: Record<string, unknown>;
  dedupeKey: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

export interface Notification {
  personId: number;
  kind: string;
  payload: object;
  /** The same key twice means the same message: the second insert is ignored. */
  dedupeKey: string;
}

/** After this many failed attempts a notification is given up and stays 'failed' for a person to look at. */
export const maxAttempts = 8;
const baseDelaySeconds = 30;
const maxDelaySeconds = 6 * 60 * 60;

function toRow(r: any): OutboxRow {
  return {
    id: Number(r.id),
    personId: Number(r.person_id),
    kind: r.kind,
    payload: JSON.parse(r.payload),
    dedupeKey: r.dedupe_key,
    status: r.status,
    attempts: Number(r.attempts),
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error,
    createdAt: r.created_at,
    sentAt: r.sent_at,
  };
}

/** Call it with the transaction of the state change, so the message exists exactly when the change does. */
export async function enqueueNotification(trx: Db | Knex.Transaction, n: Notification, now: Date = new Date()): Promise<void> {
  const at = now.toISOString();
  await trx('outbox')
    .insert({
      person_id: n.personId, kind: n.kind, payload: JSON.stringify(n.payload), dedupe_key: n.dedupeKey,
      status: 'pending', attempts: 0, next_attempt_at: at, created_at: at,
    })
    .onConflict('dedupe_key')
    .ignore();
}

/**
 * Claims due rows for one sender by pushing their next attempt a lease into the future: another sender
 * (or this one after a crash) only sees them again once the lease has run out without markSent/markFailed.
 * Each returned row is also the sender's Claim (its nextAttemptAt is the lease end).
 */
export async function claimDueNotifications(
  db: Db,
  options: { limit: number; now?: Date; leaseSeconds?: number },
): Promise<OutboxRow[]> {
  const now = options.now ?? new Date();
  const leaseUntil = new Date(now.getTime() + (options.leaseSeconds ?? 60) * 1000).toISOString();
  const due = now.toISOString();
  // PostgreSQL: rows another claimer has locked are skipped instead of waited for (no double claim, no blocking).
  // SQLite: one UPDATE statement under the single writer is already atomic.
  const lock = isPostgres(db) ? 'FOR UPDATE SKIP LOCKED' : '';
  const result = await db.raw(
    `UPDATE outbox SET next_attempt_at = ?
      WHERE id IN (SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ? ${lock})
      RETURNING *`,
    [leaseUntil, due, options.limit],
  );
  const rows: any[] = isPostgres(db) ? result.rows : result;
  return rows.map(toRow).sort((a, b) => a.id - b.id);
}

/**
 * A sender's hold on one row: the lease end its claim wrote. Every later claim of the row writes a later one, so a
 * sender whose lease ran out (and whose row another sender took) no longer matches and cannot overwrite that claim.
 */
export type Claim = Pick<OutboxRow, 'id' | 'nextAttemptAt'>;

const claimed = (db: Db | Knex.Transaction, claim: Claim) =>
  db('outbox').where({ id: claim.id, status: 'pending', next_attempt_at: claim.nextAttemptAt });

/** false: the claim was lost (the lease ran out and another sender took the row), nothing was changed. */
export async function markSent(db: Db, claim: Claim, now: Date = new Date()): Promise<boolean> {
  return (await claimed(db, claim).update({ status: 'sent', sent_at: now.toISOString(), last_error: null })) > 0;
}

/** Hands a claimed row back unsent, due at once, for rows a sender will not get to within its lease. */
export async function releaseClaim(db: Db, claim: Claim, now: Date = new Date()): Promise<boolean> {
  return (await claimed(db, claim).update({ next_attempt_at: now.toISOString() })) > 0;
}

/** Exponential backoff with "full jitter" between half and all of the delay, so retries of many rows spread out. */
export function retryDelaySeconds(attempts: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxDelaySeconds, baseDelaySeconds * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Records a failed attempt and schedules the next; false: the claim was lost, nothing was changed. */
export async function markFailed(db: Db, claim: Claim, error: string, now: Date = new Date()): Promise<boolean> {
  return db.transaction(async (trx) => {
    const row = await claimed(trx, claim).first('attempts');
    if (!row) return false;
    const attempts = Number(row.attempts) + 1;
    const giveUp = attempts >= maxAttempts;
    // Still guarded by the claim: in PostgreSQL another sender may take the row between the read and this write.
    const updated = await claimed(trx, claim).update({
      attempts,
      status: giveUp ? 'failed' : 'pending',
      last_error: error.slice(0, 2000),
      next_attempt_at: new Date(now.getTime() + retryDelaySeconds(attempts) * 1000).toISOString(),
    });
    return updated > 0;
  });
}
