import type { Knex } from 'knex';
import type { Db } from './db';

/** Repository of the local Direct Line channel: conversations and their ordered activity log. */

export type DirectLineActivityState = 'sending' | 'sent' | 'failed' | 'posted' | 'internal' | 'deleted';

/** States a client may see: the user's own activities (also while in flight) and everything the bot posted. */
export const VISIBLE_STATES: readonly DirectLineActivityState[] = ['sending', 'sent', 'posted'];

export interface DirectLineConversation {
  id: string;
  userId: string;
  locale?: string;
  createdAt: string;
}

export interface StoredActivity {
  conversationId: string;
  seq: number;
  id: string;
  state: DirectLineActivityState;
  activity: Record<string, any>;
}

type Executor = Db | Knex.Transaction;

export async function createConversation(db: Executor, conversation: DirectLineConversation): Promise<void> {
  await db('directline_conversations').insert({
    id: conversation.id,
    user_id: conversation.userId,
    locale: conversation.locale ?? null,
    last_seq: 0,
    created_at: conversation.createdAt,
  });
}

export async function getConversation(db: Executor, id: string): Promise<DirectLineConversation | undefined> {
  const row = await db('directline_conversations').where({ id }).first();
  if (!row) return undefined;
  return { id: row.id, userId: row.user_id, locale: row.locale ?? undefined, createdAt: row.created_at };
}

/** Activity ids carry the conversation and a zero-padded sequence number, like the Bot Framework Emulator's. */
export function activityIdFor(conversationId: string, seq: number): string {
  return `${conversationId}|${String(seq).padStart(7, '0')}`;
}

export interface AppendRequest {
  conversationId: string;
  state: DirectLineActivityState;
  fromId?: string;
  /**
   * The sender's own id for the activity: a client's clientActivityID, or the id a bot gives a proactive message
   * on every attempt. An activity the same sender (fromId) already logged with it, and not failed, is not appended again.
   */
  dedupeId?: string;
  /** Builds the stored activity once its id and sequence number are known. */
  build(id: string, seq: number): Record<string, any>;
}

export type AppendResult =
  | { appended: true; stored: StoredActivity }
  | { appended: false; existing: StoredActivity };

/**
 * Appends one activity under the next sequence number of its conversation. Incrementing the conversation's
 * counter first locks its row (PostgreSQL) or the database (SQLite), so concurrent appends get distinct numbers
 * and the duplicate check below sees every committed activity. A duplicate leaves a gap in the numbers, which
 * watermarks ("after seq N") do not mind.
 */
export async function appendUnlessDuplicate(db: Db, request: AppendRequest): Promise<AppendResult> {
  return db.transaction(async (trx): Promise<AppendResult> => {
    const updated = await trx('directline_conversations').where({ id: request.conversationId }).increment('last_seq', 1);
    if (!updated) throw new Error('unknown Direct Line conversation');
    if (request.dedupeId) {
      // Per sender, so nobody can suppress another party's activity by choosing its id.
      const row = await trx('directline_activities')
        .where({ conversation_id: request.conversationId, client_activity_id: request.dedupeId, from_id: request.fromId ?? null })
        .whereNot({ state: 'failed' })
        .first();
      if (row) return { appended: false, existing: fromRow(row) };
    }
    const { last_seq } = await trx('directline_conversations').where({ id: request.conversationId }).first('last_seq');
    const seq = Number(last_seq);
    const id = activityIdFor(request.conversationId, seq);
    const activity = request.build(id, seq);
    await trx('directline_activities').insert({
      conversation_id: request.conversationId,
      seq,
      activity_id: id,
      from_id: request.fromId ?? null,
      client_activity_id: request.dedupeId ?? null,
      state: request.state,
      activity: JSON.stringify(activity),
      created_at: new Date().toISOString(),
    });
    return { appended: true, stored: { conversationId: request.conversationId, seq, id, state: request.state, activity } };
  });
}

/** Appends without a duplicate check (activities the channel itself creates). */
export async function appendActivity(db: Db, request: Omit<AppendRequest, 'dedupeId'>): Promise<StoredActivity> {
  const result = await appendUnlessDuplicate(db, request);
  if (!result.appended) throw new Error('unexpected duplicate');
  return result.stored;
}

/** Visible activities after the given sequence number, oldest first. */
export async function listActivities(db: Executor, conversationId: string, afterSeq: number, limit = 100): Promise<StoredActivity[]> {
  const rows = await db('directline_activities')
    .where({ conversation_id: conversationId })
    .andWhere('seq', '>', afterSeq)
    .whereIn('state', VISIBLE_STATES as DirectLineActivityState[])
    .orderBy('seq', 'asc')
    .limit(limit);
  return rows.map(fromRow);
}

/** Activities in one state across all conversations, oldest first (e.g. user activities still 'sending' after a crash). */
export async function listActivitiesInState(db: Executor, state: DirectLineActivityState, limit = 1000): Promise<StoredActivity[]> {
  const rows = await db('directline_activities').where({ state }).orderBy([{ column: 'created_at' }, { column: 'seq' }]).limit(limit);
  return rows.map(fromRow);
}

export async function getActivity(db: Executor, conversationId: string, activityId: string): Promise<StoredActivity | undefined> {
  const row = await db('directline_activities').where({ conversation_id: conversationId, activity_id: activityId }).first();
  return row ? fromRow(row) : undefined;
}

export async function setActivityState(db: Executor, conversationId: string, activityId: string, state: DirectLineActivityState): Promise<boolean> {
  const n = await db('directline_activities').where({ conversation_id: conversationId, activity_id: activityId }).update({ state });
  return n > 0;
}

/** Replaces the stored content of an activity the bot posted earlier (an update). */
export async function replaceActivity(db: Db, conversationId: string, activityId: string, activity: Record<string, any>): Promise<boolean> {
  // The updated activity moves to the next sequence number under its old id, so a client that already read it gets
  // it again on its next poll and replaces it in place (Web Chat upserts by id); a fresh client reads it once.
  return db.transaction(async (trx) => {
    const updated = await trx('directline_conversations').where({ id: conversationId }).increment('last_seq', 1);
    if (!updated) return false;
    const { last_seq } = await trx('directline_conversations').where({ id: conversationId }).first('last_seq');
    const n = await trx('directline_activities')
      .where({ conversation_id: conversationId, activity_id: activityId })
      .whereNot({ state: 'deleted' })
      .update({ activity: JSON.stringify(activity), seq: Number(last_seq) });
    return n > 0;
  });
}

function fromRow(row: any): StoredActivity {
  return {
    conversationId: row.conversation_id,
    seq: Number(row.seq),
    id: row.activity_id,
    state: row.state,
    activity: JSON.parse(row.activity),
  };
}

export interface DirectLineAttachment {
  id: string;
  conversationId: string;
  name: string | null;
  contentType: string;
  content: Buffer;
}

/** A file a user uploaded into a conversation (the upload endpoint). */
export async function insertAttachment(db: Executor, a: DirectLineAttachment, now: Date = new Date()): Promise<void> {
  await db('directline_attachments').insert({
    id: a.id, conversation_id: a.conversationId, name: a.name, content_type: a.contentType, size: a.content.length, content: a.content, created_at: now.toISOString(),
  });
}

export async function findAttachment(db: Executor, conversationId: string, id: string): Promise<DirectLineAttachment | undefined> {
  const row = await db('directline_attachments').where({ id, conversation_id: conversationId }).first();
  if (!row) return undefined;
  return { id: row.id, conversationId: row.conversation_id, name: row.name, contentType: row.content_type, content: Buffer.from(row.content) };
}
