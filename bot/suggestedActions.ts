import type { Activity, CardAction, TurnContext } from 'botbuilder';
import { bindCard } from '../cards/bind';

/** Teams shows at most three suggested actions. */
export const TEAMS_MAX_SUGGESTED_ACTIONS = 3;

/**
 * In Teams a message with more than three suggested actions becomes a card with one button per choice; each button
 * sends its choice as if typed (imBack), so the dialogs' prompts read it as before.
 */
export function fitSuggestedActions(activity: Partial<Activity>, channelId: string): Partial<Activity> {
  const actions = activity.suggestedActions?.actions ?? [];
  if (channelId !== 'msteams' || actions.length <= TEAMS_MAX_SUGGESTED_ACTIONS) return activity;
  const choices = actions.map((a: CardAction) => ({ title: a.title ?? String(a.value), value: String(a.value ?? a.title) }));
  const card = bindCard('choices', { text: activity.text ?? '', choices });
  const { suggestedActions: _dropped, ...rest } = activity;
  return { ...rest, text: undefined, attachments: [...(activity.attachments ?? []), card] };
}

export function watchSuggestedActions(context: TurnContext): void {
  context.onSendActivities(async (ctx, activities, next) => {
    activities.forEach((a, i) => (activities[i] = fitSuggestedActions(a, ctx.activity.channelId)));
    return next();
  });
}
