import type { Knex } from 'knex';
import { fannedOutKey, heldByQuietHours, type Recipient } from '../domain/notifications';
import type { Role } from '../domain/parties';
import { Db, isPostgres } from './db';

type Conn = Db | Knex.Transaction;

/** Where a row goes: a person (also each person's row of a role message) or a conversation. */
export type RowRecipient =
  | { kind: 'person'; personId: number }
  | { kind: 'role'; role: Role; personId: number }
  | { kind: 'conversation'; channelId: string; conversationId: string };

export interface OutboxRow {
  id: number;
  recipient: RowRecipient;
  /** The person the row is for; null for a conversation row. */
  personId: number | null;
  kind: string;
  payload: Record<string, unknown>;
  dedupeKey: string;
  /** dropped: its reason was gone at send time (the invoice was paid, the booking cancelled). */
  status: 'pending' | 'sent' | 'failed' | 'dropped';
  attempts: number;
  dueAt: string;
  /** Held by quiet hours (customer messages). */
  quiet: boolean;
  nextAttemptAt: string;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

export interface Notification {
  recipient: Recipient;
  kind: string;
  payload: object;
  /**
   * Chosen by the operation, e.g. `dunning:<invoice>:<level>` or `appointment-reminder:<booking>:<day>`: the same
   * key twice means the same message, and the second insert is ignored. A role message gets `<key>:<personId>` per person.
   */
  dedupeKey: string;
  /** Not before this time; now when unset. */
  dueAt?: Date;
  /** Whether quiet hours hold it; unset: the domain's rule for the recipient's role decides. */
  quiet?: boolean;
}

/** After this many failed attempts a notification is given up and stays 'failed' for a person to look at. */
export const maxAttempts = 8;
const baseDelaySeconds = 30;
const maxDelaySeconds = 6 * 60 * 60;

function recipientOf(r: any): RowRecipient {
  if (r.recipient_kind === 'conversation') return { kind: 'conversation', channelId: r.recipient_channel_id, conversationId: r.recipient_conversation_id };
  if (r.recipient_kind === 'role') return { kind: 'role', role: r.recipient_role, personId: Number(r.person_id) };
  return { kind: 'person', personId: Number(r.person_id) };
}

function toRow(r: any): OutboxRow {
  return {
    id: Number(r.id),
    recipient: recipientOf(r),
    personId: r.person_id == null ? null : Number(r.person_id),
    kind: r.kind,
    payload: JSON.parse(r.payload),
    dedupeKey: r.dedupe_key,
    status: r.status,
    attempts: Number(r.attempts),
    dueAt: r.due_at ?? r.created_at,
    quiet: r.quiet === true || Number(r.quiet) === 1,
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error,
    createdAt: r.created_at,
    sentAt: r.sent_at,
  };
}

async function rolesOf(conn: Conn, personIds: number[]): Promise<Map<number, Role>> {
  if (personIds.length === 0) return new Map();
  const rows = await conn('persons').whereIn('id', personIds).select('id', 'role');
  return new Map(rows.map((r: any) => [Number(r.id), r.role as Role]));
}

/**
 * Call it with the transaction of the state change, so the message exists exactly when the change does.
 * A role message becomes one row per person of that role now (see domain/notifications Recipient).
 */
export async function enqueueNotification(trx: Conn, n: Notification, now: Date = new Date()): Promise<void> {
  const at = now.toISOString();
  const due = (n.dueAt ?? now).toISOString();
  const base = { kind: n.kind, payload: JSON.stringify(n.payload), status: 'pending', attempts: 0, due_at: due, next_attempt_at: due, created_at: at };
  const rows: Record<string, unknown>[] = [];
  const r = n.recipient;
  if (r.kind === 'conversation') {
    const linked = await trx('conversation_refs').where({ channel_id: r.channelId, conversation_id: r.conversationId }).first('person_id');
    const role = linked?.person_id == null ? null : (await rolesOf(trx, [Number(linked.person_id)])).get(Number(linked.person_id)) ?? null;
    rows.push({
      ...base, recipient_kind: 'conversation', person_id: null, recipient_channel_id: r.channelId, recipient_conversation_id: r.conversationId,
      dedupe_key: n.dedupeKey, quiet: n.quiet ?? heldByQuietHours(role),
    });
  } else if (r.kind === 'role') {
    const persons = await trx('persons').where({ role: r.role }).orderBy('id').select('id');
    for (const p of persons) {
      rows.push({
        ...base, recipient_kind: 'role', recipient_role: r.role, person_id: Number(p.id),
        dedupe_key: fannedOutKey(n.dedupeKey, Number(p.id)), quiet: n.quiet ?? heldByQuietHours(r.role),
      });
    }
  } else {
    const role = (await rolesOf(trx, [r.personId])).get(r.personId) ?? null;
    rows.push({ ...base, recipient_kind: 'person', person_id: r.personId, dedupe_key: n.dedupeKey, quiet: n.quiet ?? heldByQuietHours(role) });
  }
  for (const row of rows) await trx('outbox').insert(row).onConflict('dedupe_key').ignore();
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

const claimed = (db: Conn, claim: Claim) =>
  db('outbox').where({ id: claim.id, status: 'pending', next_attempt_at: claim.nextAttemptAt });

/** false: the claim was lost (the lease ran out and another sender took the row), nothing was changed. */
export async function markSent(db: Db, claim: Claim, now: Date = new Date()): Promise<boolean> {
  return (await claimed(db, claim).update({ status: 'sent', sent_at: now.toISOString(), last_error: null })) > 0;
}

/** Hands a claimed row back unsent, due at once, for rows a sender will not get to within its lease. */
export async function releaseClaim(db: Db, claim: Claim, now: Date = new Date()): Promise<boolean> {
  return (await claimed(db, claim).update({ next_attempt_at: now.toISOString() })) > 0;
}

/** Hands a claimed row back unsent until `until` (quiet hours), without counting an attempt. */
export async function holdUntil(db: Db, claim: Claim, until: Date): Promise<boolean> {
  return (await claimed(db, claim).update({ next_attempt_at: until.toISOString() })) > 0;
}

/** Settles a row that is no longer wanted (its reason is gone) without sending it; `why` says so for people. */
export async function markDropped(db: Db, claim: Claim, why: string, now: Date = new Date()): Promise<boolean> {
  return (await claimed(db, claim).update({ status: 'dropped', sent_at: null, last_error: `dropped at ${now.toISOString()}: ${why}`.slice(0, 2000) })) > 0;
}

/** Settles every waiting row written before `before` unsent (a demo's back-dated past was told back then). */
export async function dropPendingWrittenBefore(db: Db, before: Date, why: string): Promise<number> {
  return db('outbox').where({ status: 'pending' }).where('created_at', '<', before.toISOString()).update({ status: 'dropped', last_error: `dropped: ${why}`.slice(0, 2000) });
}

/** Exponential backoff with "full jitter" between half and all of the delay, so retries of many rows spread out. */
export function retryDelaySeconds(attempts: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxDelaySeconds, baseDelaySeconds * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * Records a failed attempt and schedules the next; false: the claim was lost, nothing was changed. `retryAfterSeconds`
 * (a channel's Retry-After) puts the next attempt no earlier than it says, even when the backoff would be sooner.
 */
export async function markFailed(db: Db, claim: Claim, error: string, now: Date = new Date(), retryAfterSeconds?: number): Promise<boolean> {
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
      next_attempt_at: new Date(now.getTime() + Math.max(retryDelaySeconds(attempts), retryAfterSeconds ?? 0) * 1000).toISOString(),
    });
    return updated > 0;
  });
}
