import type { TurnContext } from 'botbuilder';
import type { Db } from '../data/db';
import { findPersonsByName, getPerson, linkChannelIdentity } from '../data/parties';
import { may } from '../domain/permissions';
import { identityTexts } from './texts/identities';
import { actorOf } from './turnUser';

/** "Teams-Nutzer 29:abc mit Peter Müller verknüpfen" / "link Teams user 29:abc to Peter Müller". */
export interface LinkCommand {
  /** The channel user id as typed, or the id of the person @mentioned in its place. */
  userId: string;
  personName: string;
}

const patterns = [
  /^\s*(?:den\s+|die\s+)?teams[- ]?nutzer(?:in)?\s+(.+?)\s+mit\s+(.+?)\s+verkn(?:ü|ue)pfen\s*[.!]?\s*$/i,
  /^\s*link\s+(?:the\s+)?teams\s+user\s+(.+?)\s+(?:to|with)\s+(.+?)\s*[.!]?\s*$/i,
];

/** Reads the command from the text, with mentions (`<at>Name</at>`) resolved to the mentioned user's id. */
export function parseLinkCommand(text: string, mentions: Array<{ text: string; id: string }> = []): LinkCommand | null {
  for (const pattern of patterns) {
    const match = pattern.exec(text);
    if (!match) continue;
    const who = match[1].trim();
    const mentioned = mentions.find((m) => m.text.trim() === who);
    const userId = mentioned ? mentioned.id : who.replace(/^["„“']|["“”']$/g, '');
    const personName = match[2].trim().replace(/^["„“']|["“”']$/g, '');
    if (!userId || !personName || /\s/.test(userId)) return null;
    return { userId, personName };
  }
  return null;
}

/** Other users @mentioned in the activity (the bot's own mention is removed before). */
function mentionsOf(context: TurnContext): Array<{ text: string; id: string }> {
  return (context.activity.entities ?? [])
    .filter((e: any) => e?.type === 'mention' && typeof e.text === 'string' && typeof e.mentioned?.id === 'string' && e.mentioned.id !== context.activity.recipient?.id)
    .map((e: any) => ({ text: e.text, id: e.mentioned.id }));
}

/**
 * Runs the link command when the message is one: only an admin may link, an identity is never moved from one person
 * to another, and linking the same again is answered as already done. Returns false when the text is no such command.
 */
export async function runLinkCommand(context: TurnContext, db: Db): Promise<boolean> {
  const command = parseLinkCommand(context.activity.text ?? '', mentionsOf(context));
  if (!command) return false;
  const { actor, locale } = actorOf(context);
  const say = (key: Parameters<typeof identityTexts>[1], params?: Record<string, string | number>) =>
    context.sendActivity(identityTexts(locale, key, params));
  if (!actor || !may(actor, 'linkIdentities')) {
    await say('notAllowed');
    return true;
  }
  const candidates = await findPersonsByName(db, command.personName);
  if (candidates.length === 0) {
    await say('noSuchPerson', { name: command.personName });
    return true;
  }
  if (candidates.length > 1) {
    await say('ambiguousPerson', { name: command.personName });
    return true;
  }
  const person = candidates[0];
  const tenantId = context.activity.channelId === 'msteams' ? (context.activity.conversation?.tenantId ?? (context.activity.channelData as any)?.tenant?.id ?? null) : null;
  const result = await linkChannelIdentity(db, { channelId: 'msteams', userId: command.userId, tenantId }, person.id, 'admin');
  if (result.linked) {
    await say(result.created ? 'linked' : 'alreadyLinked', { userId: command.userId, name: person.displayName });
  } else if (result.reason === 'linked_to_other') {
    const other = await getPerson(db, result.personId);
    await say('linkedToOther', { userId: command.userId, other: other?.displayName ?? String(result.personId) });
  } else {
    await say('noSuchPerson', { name: command.personName });
  }
  return true;
}
