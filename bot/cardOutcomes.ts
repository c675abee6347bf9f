import crypto from 'node:crypto';
import { type Activity, type ConversationState, type StatePropertyAccessor, TurnContext } from 'botbuilder';
import { ADAPTIVE_CARD, bindCard, type CardAttachment } from '../cards/bind';
import { teamsTexts } from '../dialogs/texts/teams';
import { getTurnUser } from '../dialogs/turnUser';
import type { Logger } from './logger';
import { isSharedConversation } from './sharedConversationState';

/** Which sent activity each card reference belongs to and whom it was sent to (the newest few per conversation). */
type CardRefs = Record<string, { id: string | null; userId: string }>;
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

  constructor(conversationState: ConversationState, private readonly logger: Logger) {
    this.refs = conversationState.createProperty<CardRefs>('cardRefs');
  }

  /** Stamps the cards sent in this turn and remembers the ids the channel gave them. */
  async watchSentCards(context: TurnContext): Promise<void> {
    const refs = await this.refs.get(context, {});
    context.onSendActivities(async (_ctx, activities, next) => {
      const stamped = activities.map((a) => {
        if (a.type !== 'message' || !a.attachments?.length) return null;
        const ref = crypto.randomUUID().slice(0, 12);
        const hit = a.attachments.filter((att) => att.contentType === ADAPTIVE_CARD).map((att) => stampActions(att.content, ref)).some(Boolean);
        return hit ? ref : null;
      });
      const responses = await next();
      stamped.forEach((ref, i) => {
        const id = responses?.[i]?.id;
        // Some channels answer without an id (the Agents Playground does); the pressed card's replyToId names it then.
        if (ref) refs[ref] = { id: id ?? null, userId: context.activity.from?.id ?? '' };
      });
      const keys = Object.keys(refs);
      for (const old of keys.slice(0, Math.max(0, keys.length - KEEP_REFS))) delete refs[old];
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
    try {
      await context.updateActivity({ id: target, type: 'message', attachments: [this.outcomeCard(context, said)] } as Partial<Activity>);
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
    return own ? this.outcomeCard(context, said) : null;
  }

  /**
   * The card whose button was pressed, when it was sent to the one who pressed it (in a group chat a second person's
   * press on someone else's card is answered, but the card stays as it is for its owner). Forgotten once used.
   */
  private async ownCard(context: TurnContext): Promise<string | undefined> {
    const refs = await this.refs.get(context, {});
    const value = context.activity.value as Record<string, unknown>;
    if (!SETTLING_ACTIONS.has(String(value?.action))) return undefined;
    const ref = typeof value.cardRef === 'string' ? value.cardRef : undefined;
    const known = ref ? refs[ref] : undefined;
    if (known) {
      if (known.userId !== context.activity.from?.id) return undefined;
      delete refs[ref!];
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
