import type { TurnContext } from 'botbuilder';
import type { Locale } from '../domain/locale';
import type { Person } from '../domain/parties';
import { may, type Actor } from '../domain/permissions';

/** Who is asking in this turn and in which language; resolved by the bot each turn, read by every dialog. */
export interface TurnUser {
  person: Person | null;
  locale: Locale;
  /** The channel's user id, e.g. to quote it when asking staff to link an account. */
  userId: string;
}

const TURN_USER = Symbol('turnUser');

export function setTurnUser(context: TurnContext, user: TurnUser): void {
  context.turnState.set(TURN_USER, user);
}

export function getTurnUser(context: TurnContext): TurnUser {
  const user = context.turnState.get(TURN_USER) as TurnUser | undefined;
  if (!user) throw new Error('No turn user: the bot sets it before running a dialog');
  return user;
}

/** Who acts in this turn, as the operations want it; null for someone not linked to a person. Read fresh every turn. */
export function actorOf(context: TurnContext): { actor: Actor; locale: Locale } | { actor: null; locale: Locale } {
  const { person, locale } = getTurnUser(context);
  if (!person) return { actor: null, locale };
  return {
    actor: { personId: person.id, role: person.role, customerId: person.customerId, channel: context.activity.channelId },
    locale,
  };
}

/** Someone who works on orders in the chat (queues, order cards, shipping). */
export function isStaffActor(actor: Actor | null): actor is Actor {
  return !!actor && may(actor, 'workOrders');
}
