import crypto from 'node:crypto';
import { type Activity, type ConversationState, type StatePropertyAccessor, type Storage, TurnContext } from 'botbuilder';
import { ADAPTIVE_CARD, bindCard, type CardAttachment } from '../cards/bind';
import { teamsTexts } from '../dialogs/texts/teams';
import { getTurnUser } from '../dialogs/turnUser';
import type { Logger } from './logger';
import { isSharedConversation } from './sharedConversationState';
import { usesUniversalActions, withUniversalActions } from './universalActions';

/**
 * Which sent activity each card reference belongs to, whom it was sent to, and whether a button of it was used
 * already (the newest few per conversation).
 */
type CardRefs = Record<string, { id: string | null; userId: string; settled?: boolean }>;

/** A card as it is now (in Teams, for the refresh): as sent, or its outcome once used. */
interface CardSnapshot {
  userId: string;
  card: Record<string, unknown>;
}
const KEEP_REFS = 100;

/**
 * Buttons whose press settles their card: a decision (confirm, cancel, change, a choice, a transition, a shipment).
 * Opening, paging and the catalog's "add" leave their card usable (a wrong quantity there is corrected in the card).
 */
const SETTLING_ACTIONS = new Set([
  'order.confirm', 'order.cancel', 'order.change', 'order.customer', 'order.product', 'order.slot', 'order.stock',
  'reschedule.slot', 'staff.transition', 'staff.ship', 'quote.accept', 'quote.reject',
]);

function isCardValue(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value) && typeof (value as any).action === 'string';
}

function textBlocks(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => textBlocks(n, found));
  else if (node && typeof node === 'object') {
    const element = node as Record<string, any>;
    if (element.type === 'TextBlock' && typeof element.text === 'string' && element.text.trim()) found.push(element.text.trim());
    for (const key of ['items', 'columns']) if (element[key]) textBlocks(element[key], found);
  }
  return found;
}

/** Adds `cardRef` to the data of every Action.Submit / Action.Execute of a card (nested containers included). */
function stampActions(node: unknown, ref: string): boolean {
  if (!node || typeof node !== 'object') return false;
  if (Array.isArray(node)) return node.map((n) => stampActions(n, ref)).some(Boolean);
  const element = node as Record<string, any>;
  let stamped = false;
  if ((element.type === 'Action.Submit' || element.type === 'Action.Execute') && element.data && typeof element.data === 'object') {
    element.data = { ...element.data, cardRef: ref };
    stamped = true;
  }
  for (const value of Object.values(element)) if (value && typeof value === 'object') stamped = stampActions(value, ref) || stamped;
  return stamped;
}

/**
 * Cards that show what happened: every card the bot sends gets a reference in its buttons' data; when one of them is
 * used, the card is replaced by an outcome card with the bot's answer and no buttons (updateActivity, or for Teams'
 * Action.Execute the invoke response). A button of an old card still reaches the dialogs, which answer it (a stale
 * card, a version check), and that card is then updated as well.
 */
export class CardOutcomes {
  private readonly refs: StatePropertyAccessor<CardRefs>;

  /**
   * `storage` keeps the current card per reference for Teams' refresh, one item per card (cards are up to 28 KB,
   * too much for the conversation state read on every turn); without it a refresh is answered without a card.
   */
  constructor(conversationState: ConversationState, private readonly logger: Logger, private readonly storage?: Storage) {
    this.refs = conversationState.createProperty<CardRefs>('cardRefs');
  }

  private snapshotKey(context: TurnContext, ref: string): string {
    return `${context.activity.channelId}/conversations/${context.activity.conversation?.id}/cards/${ref}`;
  }

  private async keepSnapshots(context: TurnContext, cards: Record<string, CardSnapshot>, dropped: string[]): Promise<void> {
    if (!this.storage) return;
    try {
      if (Object.keys(cards).length) {
        await this.storage.write(Object.fromEntries(Object.entries(cards).map(([ref, snap]) => [this.snapshotKey(context, ref), { ...snap, eTag: '*' }])));
      }
      if (dropped.length) await this.storage.delete(dropped.map((ref) => this.snapshotKey(context, ref)));
    } catch (err: any) {
      // Only the refresh needs it; the card itself was sent.
      this.logger.warn({ error: err?.message }, 'card snapshot not stored');
    }
  }

  /** The current card of a reference for the one it was sent to (Teams' refresh), or null when it is not known. */
  async current(context: TurnContext, ref: unknown): Promise<CardAttachment | null> {
    if (!this.storage || typeof ref !== 'string' || !ref) return null;
    const key = this.snapshotKey(context, ref);
    const snap = (await this.storage.read([key]))[key] as CardSnapshot | undefined;
    if (!snap?.card || snap.userId !== context.activity.from?.id) return null;
    return { contentType: ADAPTIVE_CARD, content: snap.card };
  }

  /** Stamps the cards sent in this turn and remembers the ids the channel gave them. */
  async watchSentCards(context: TurnContext): Promise<void> {
    const refs = await this.refs.get(context, {});
    context.onSendActivities(async (_ctx, activities, next) => {
      const userId = context.activity.from?.id ?? '';
      const universal = usesUniversalActions(context.activity.channelId);
      const snapshots: Record<string, CardSnapshot> = {};
      const stamped = activities.map((a) => {
        if (a.type !== 'message' || !a.attachments?.length) return null;
        const ref = crypto.randomUUID().slice(0, 12);
        const cards = a.attachments.filter((att) => att.contentType === ADAPTIVE_CARD);
        const hit = cards.map((att) => stampActions(att.content, ref)).some(Boolean);
        if (!hit) return null;
        if (universal) {
          for (const att of cards) att.content = withUniversalActions(att.content, { cardRef: ref, userId });
          // The refresh answers with the card the message holds (one card per message is what the bot sends).
          snapshots[ref] = { userId, card: cards[0].content };
        }
        return ref;
      });
      const responses = await next();
      stamped.forEach((ref, i) => {
        const id = responses?.[i]?.id;
        // Some channels answer without an id (the Agents Playground does); the pressed card's replyToId names it then.
        if (ref) refs[ref] = { id: id ?? null, userId };
      });
      const keys = Object.keys(refs);
      const dropped = keys.slice(0, Math.max(0, keys.length - KEEP_REFS));
      for (const old of dropped) delete refs[old];
      if (universal) await this.keepSnapshots(context, snapshots, dropped);
      return responses;
    });
  }

  /** Runs a turn of a pressed Action.Submit and then replaces the pressed card with its outcome. */
  async around(context: TurnContext, run: () => Promise<void>): Promise<void> {
    const value = context.activity.value;
    if (context.activity.type !== 'message' || !isCardValue(value)) return run();
    const target = await this.ownCard(context);
    const said = this.capture(context);
    await run();
    if (!target) return;
    const outcome = this.outcomeCard(context, said);
    await this.settled(context, outcome);
    try {
      await context.updateActivity({ id: target, type: 'message', attachments: [outcome] } as Partial<Activity>);
    } catch (err: any) {
      // The card may be gone (deleted, a channel without updates); the answer itself was sent.
      this.logger.info({ error: err?.message }, 'used card not updated');
    }
  }

  /** Runs an Action.Execute turn and gives the outcome card for the invoke response. */
  async collect(context: TurnContext, run: () => Promise<void>): Promise<CardAttachment | null> {
    const own = await this.ownCard(context);
    const said = this.capture(context);
    await run();
    if (!own) return null;
    const outcome = this.outcomeCard(context, said);
    await this.settled(context, outcome);
    return outcome;
  }

  /** In Teams the pressed card's snapshot becomes its outcome, so a refresh shows what happened. */
  private async settled(context: TurnContext, outcome: CardAttachment): Promise<void> {
    const ref = (context.activity.value as Record<string, unknown> | undefined)?.cardRef;
    if (typeof ref !== 'string' || !usesUniversalActions(context.activity.channelId)) return;
    await this.keepSnapshots(context, { [ref]: { userId: context.activity.from?.id ?? '', card: outcome.content } }, []);
  }

  /**
   * The card whose button was pressed, when it was sent to the one who pressed it (in a group chat a second person's
   * press on someone else's card is answered, but the card stays as it is for its owner). Only the first use counts.
   */
  private async ownCard(context: TurnContext): Promise<string | undefined> {
    const refs = await this.refs.get(context, {});
    const value = context.activity.value as Record<string, unknown>;
    if (!SETTLING_ACTIONS.has(String(value?.action))) return undefined;
    const ref = typeof value.cardRef === 'string' ? value.cardRef : undefined;
    const known = ref ? refs[ref] : undefined;
    if (known) {
      // Someone else's card, or one already used (it shows its outcome): the dialogs answer, the card stays.
      if (known.userId !== context.activity.from?.id || known.settled) return undefined;
      known.settled = true;
      return known.id ?? (context.activity.replyToId || undefined);
    }
    // A card from before references (or from a channel that lost them): its own reply id, in a personal chat only.
    return isSharedConversation(context.activity) ? undefined : context.activity.replyToId || undefined;
  }

  /** The texts the bot answers with in this turn, in order. */
  private capture(context: TurnContext): string[] {
    const said: string[] = [];
    context.onSendActivities(async (_ctx, activities, next) => {
      for (const a of activities) {
        if (a.type !== 'message') continue;
        if (typeof a.text === 'string' && a.text.trim()) said.push(a.text.trim());
        // A card answer (e.g. the order placed) reads as its first text blocks: title and message.
        for (const att of a.attachments ?? []) if (att.contentType === ADAPTIVE_CARD) {
          const texts = textBlocks((att.content as any)?.body).slice(0, 2);
          if (texts.length) said.push(texts.join(' – '));
        }
      }
      return next();
    });
    return said;
  }

  private outcomeCard(context: TurnContext, said: string[]): CardAttachment {
    const { locale } = getTurnUser(context);
    const lines = said.length ? [...new Set(said)].slice(0, 3).map((s) => (s.length > 600 ? `${s.slice(0, 597)}…` : s)) : [teamsTexts(locale, 'outcomeNoText')];
    return bindCard('outcome', { title: teamsTexts(locale, 'outcomeTitle'), lines });
  }
}
