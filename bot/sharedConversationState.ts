import type { TurnContext } from 'botbuilder';
import { JsonConversationState } from './jsonConversationState';

/**
 * Whether several people write in this conversation (a Teams group chat or channel, any channel's group): there each
 * person has their own dialog state, so nobody reads or continues someone else's draft or question.
 */
export function isSharedConversation(activity: TurnContext['activity']): boolean {
  const conversation = activity.conversation ?? ({} as TurnContext['activity']['conversation']);
  const type = conversation.conversationType;
  return conversation.isGroup === true || type === 'groupChat' || type === 'channel';
}

/**
 * Dialog state keyed by conversation and, where the conversation is shared, by the user too (botbuilder's
 * ConversationState keys by conversation only, which in a group chat would let a second person continue the
 * first person's order under the first person's name).
 */
export class DialogStateByPerson extends JsonConversationState {
  getStorageKey(context: TurnContext): string | undefined {
    const key = super.getStorageKey(context);
    if (!key || !isSharedConversation(context.activity)) return key;
    const userId = context.activity.from?.aadObjectId || context.activity.from?.id;
    return userId ? `${key}/users/${userId}` : undefined;
  }
}
