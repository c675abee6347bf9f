import type { Locale } from '../domain/locale';
import type { Db } from './db';
import { hashKey } from './hashKey';

/** A channel's conversation reference (botbuilder's ConversationReference, kept opaque here) with who and which language. */
export interface StoredConversationRef {
  channelId: string;
  conversationId: string;
  personId: number | null;
  locale: Locale;
  reference: Record<string, unknown>;
  updatedAt: number;
}

function toRef(r: any): StoredConversationRef {
  return {
    channelId: r.channel_id,
    conversationId: r.conversation_id,
    personId: r.person_id === null ? null : Number(r.person_id),
    locale: r.locale,
    reference: JSON.parse(r.reference),
    updatedAt: Number(r.updated_at),
  };
}

export async function saveConversationRef(db: Db, ref: Omit<StoredConversationRef, 'updatedAt'>): Promise<void> {
  // Plain SQL: a new conversation's first turn writes it (see rawRows).
  const { sql, bindings } = conversationRefUpsert(ref);
  await db.raw(sql, bindings);
}

/** The write of saveConversationRef as one statement, for data/turns.ts to write it with the end of a turn. */
export function conversationRefUpsert(ref: Omit<StoredConversationRef, 'updatedAt'>): { sql: string; bindings: (string | number | null)[] } {
  return {
    sql: `insert into conversation_refs (key_hash, channel_id, conversation_id, person_id, locale, reference, updated_at) values (?, ?, ?, ?, ?, ?, ?)
     on conflict (key_hash) do update set person_id = excluded.person_id, locale = excluded.locale, reference = excluded.reference, updated_at = excluded.updated_at`,
    bindings: [hashKey(ref.channelId, ref.conversationId), ref.channelId, ref.conversationId, ref.personId, ref.locale, JSON.stringify(ref.reference), Date.now()],
  };
}

export async function getConversationRef(db: Db, channelId: string, conversationId: string): Promise<StoredConversationRef | null> {
  const row = await db('conversation_refs').where({ key_hash: hashKey(channelId, conversationId) }).first();
  return row ? toRef(row) : null;
}

/** Most recently used first: a proactive sender usually wants the conversation the person last talked in. */
export async function listConversationRefsForPerson(db: Db, personId: number): Promise<StoredConversationRef[]> {
  const rows = await db('conversation_refs').where({ person_id: personId }).orderBy('updated_at', 'desc');
  return rows.map(toRef);
}
