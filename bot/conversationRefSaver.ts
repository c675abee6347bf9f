import type { TurnContext } from 'botbuilder';
import { saveConversationRef, type StoredConversationRef } from '../data/conversationRefs';
import type { Db } from '../data/db';
import { turnEndWritesOf } from './turnEnd';

/** How long a reference this process saved counts as current: past it the row is written again ("last used"). */
const REFRESH_MS = 60_000;
/** Conversations remembered; the oldest are forgotten first (they are then simply written again). */
const REMEMBERED = 2_000;

/**
 * Saves each turn's conversation reference only when something in it changed: a new conversation, another person
 * or language, another service URL. Unchanged, the row this process wrote less than a minute ago stands, as long
 * as this is still the person's last conversation here (the row's updated_at picks a person's most recent chat for
 * notifications). The activity id is left out of the comparison: every message has a new one, and proactive
 * messages do not reply to it. Another instance's writes in between can make "most recent" up to a minute old.
 */
export class ConversationRefSaver {
  private readonly saved = new Map<string, { value: string; at: number }>();
  private readonly lastOfPerson = new Map<number, string>();

  constructor(private readonly db: Db, private readonly clock: () => number = Date.now) {}

  /** `context`: the turn, whose end writes the reference with its other writes where it collects them (bot/turnEnd.ts). */
  async save(ref: Omit<StoredConversationRef, 'updatedAt'>, context?: TurnContext): Promise<void> {
    const key = `${ref.channelId}\n${ref.conversationId}`;
    const { activityId: _changesEveryTurn, ...stable } = ref.reference;
    const value = JSON.stringify([ref.personId, ref.locale, stable]);
    const now = this.clock();
    const before = this.saved.get(key);
    const stillLast = ref.personId === null || this.lastOfPerson.get(ref.personId) === key;
    if (before && before.value === value && now - before.at < REFRESH_MS && stillLast) return;
    const atTurnEnd = context && turnEndWritesOf(context);
    if (atTurnEnd) {
      atTurnEnd.conversationRef = ref;
      atTurnEnd.written.push(() => this.remember(key, value, now, ref.personId));
      return;
    }
    await saveConversationRef(this.db, ref);
    this.remember(key, value, now, ref.personId);
  }

  /** Only a reference that was written is remembered, so one whose write failed is written again next time. */
  private remember(key: string, value: string, at: number, personId: number | null): void {
    this.saved.delete(key); // re-inserted last: a Map iterates oldest first
    this.saved.set(key, { value, at });
    if (personId !== null) {
      this.lastOfPerson.delete(personId);
      this.lastOfPerson.set(personId, key);
    }
    for (const map of [this.saved, this.lastOfPerson] as Map<unknown, unknown>[]) {
      if (map.size > REMEMBERED) map.delete(map.keys().next().value);
    }
  }
}
