/** Shaping activities as they enter and leave the channel. */

export const CHANNEL_ID = 'directline';

export interface ChannelAccount {
  id: string;
  name?: string;
  role?: string;
}

type Activity = Record<string, any>;

/** Why a client's activity is refused (400), or undefined when it is acceptable. */
export function invalidActivity(body: unknown): string | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return 'An activity object is required';
  const activity = body as Activity;
  if (typeof activity.type !== 'string' || !activity.type.trim() || activity.type.length > 64) return 'Activity type is required';
  if (activity.text !== undefined && activity.text !== null && typeof activity.text !== 'string') return 'Activity text must be a string';
  if (activity.from !== undefined && (typeof activity.from !== 'object' || activity.from === null)) return 'Activity from must be an object';
  if (activity.from && activity.from.id !== undefined && typeof activity.from.id !== 'string') return 'Activity from.id must be a string';
  if (activity.locale !== undefined && activity.locale !== null && (typeof activity.locale !== 'string' || activity.locale.length > 35)) {
    return 'Activity locale must be a language tag';
  }
  if (activity.channelData !== undefined && activity.channelData !== null && typeof activity.channelData !== 'object') {
    return 'Activity channelData must be an object';
  }
  return undefined;
}

/** The client activity's clientActivityID, which Web Chat matches its echo against. */
export function clientActivityIdOf(activity: Activity): string | undefined {
  const value = activity.channelData?.clientActivityID;
  return typeof value === 'string' && value.length <= 255 ? value : undefined;
}

/**
 * The id a bot's proactive message keeps on every attempt (bot/notifier.ts sets channelData.notification.id), so a
 * resend after a send that only seemed lost is not shown twice. The Bot Connector client drops activity.id itself.
 */
export function botActivityDedupeIdOf(activity: Activity): string | undefined {
  const value = activity.channelData?.notification?.id;
  return typeof value === 'string' && value.length > 0 && value.length <= 255 ? value : undefined;
}

/**
 * Fields a sender may not choose: the channel stamps them. serviceUrl is never stored, because the one handed
 * to the bot carries the connector secret.
 */
function withoutChannelFields(activity: Activity): Activity {
  const { id: _id, serviceUrl: _serviceUrl, channelId: _channelId, conversation: _conversation, timestamp: _timestamp, ...rest } = activity;
  return rest;
}

export function stampUserActivity(
  body: Activity,
  stamp: { id: string; conversationId: string; user: ChannelAccount; bot: ChannelAccount; locale?: string },
): Activity {
  const rest = withoutChannelFields(body);
  return {
    ...rest,
    id: stamp.id,
    timestamp: new Date().toISOString(),
    channelId: CHANNEL_ID,
    conversation: { id: stamp.conversationId },
    from: { ...(rest.from ?? {}), id: stamp.user.id, name: rest.from?.name ?? stamp.user.name, role: 'user' },
    recipient: { ...stamp.bot, role: 'bot' },
    locale: rest.locale ?? stamp.locale,
  };
}

export function stampBotActivity(
  body: Activity,
  stamp: { id: string; conversationId: string; bot: ChannelAccount; user: ChannelAccount; replyToId?: string },
): Activity {
  const rest = withoutChannelFields(body);
  return {
    ...rest,
    id: stamp.id,
    timestamp: new Date().toISOString(),
    channelId: CHANNEL_ID,
    conversation: { id: stamp.conversationId },
    from: rest.from?.id ? { ...rest.from, role: 'bot' } : { ...stamp.bot, role: 'bot' },
    recipient: rest.recipient?.id ? rest.recipient : { ...stamp.user, role: 'user' },
    ...(rest.replyToId || stamp.replyToId ? { replyToId: rest.replyToId ?? stamp.replyToId } : {}),
  };
}

export function conversationUpdate(stamp: { id: string; conversationId: string; user: ChannelAccount; bot: ChannelAccount; locale?: string }): Activity {
  const user = { ...stamp.user, role: 'user' };
  const bot = { ...stamp.bot, role: 'bot' };
  return {
    type: 'conversationUpdate',
    id: stamp.id,
    timestamp: new Date().toISOString(),
    channelId: CHANNEL_ID,
    conversation: { id: stamp.conversationId },
    from: user,
    recipient: bot,
    membersAdded: [user, bot],
    ...(stamp.locale ? { locale: stamp.locale } : {}),
  };
}

/** What a client gets to see of a stored activity. */
export function forClient(activity: Activity): Activity {
  const { serviceUrl: _serviceUrl, ...visible } = activity;
  return visible;
}
