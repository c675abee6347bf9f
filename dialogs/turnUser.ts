import type { TurnContext } from 'botbuilder';
import type { Locale } from '../domain/locale';
import type { Person } from '../domain/parties';

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
