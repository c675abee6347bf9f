import type { Knex } from 'knex';
import type { Db } from './db';

/** A chat conversation on one channel, as botbuilder names it (activity.channelId, activity.conversation.id). */
export interface ConversationAddress {
  channelId: string;
  conversationId: string;
}

/** Who placed an order and from which chat conversation (none for orders that came in over REST). */
export interface OrderOrigin {
  personId: number | null;
  conversation: ConversationAddress | null;
}

export async function orderOrigin(conn: Db | Knex.Transaction, orderId: number): Promise<OrderOrigin> {
  const row = await conn('orders').where({ id: orderId }).first('entered_by_person_id', 'origin_channel_id', 'origin_conversation_id');
  const personId = row?.entered_by_person_id == null ? null : Number(row.entered_by_person_id);
  const conversation = row?.origin_channel_id && row?.origin_conversation_id
    ? { channelId: String(row.origin_channel_id), conversationId: String(row.origin_conversation_id) }
    : null;
  return { personId, conversation };
}

/**
 * A notification payload for one recipient: the person who placed the order hears about it in the conversation
 * they ordered from; everyone else (and REST orders) in the conversation they used last.
 */
export function withOrigin<P extends Record<string, unknown>>(payload: P, origin: OrderOrigin, personId: number): P & { conversation?: ConversationAddress } {
  return origin.conversation && origin.personId === personId ? { ...payload, conversation: origin.conversation } : payload;
}
