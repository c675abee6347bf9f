import { MessageFactory, type TurnContext } from 'botbuilder';
import { ComponentDialog, DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import type { Db } from '../data/db';
import { findCustomerByNumber } from '../data/parties';
import { referenceDataOf } from '../data/referenceData';
import { findQuote, listQuotes, type StoredQuote } from '../data/quotes';
import { statusLabel } from '../domain/lifecycle';
import type { Locale } from '../domain/locale';
import { formatMoney } from '../domain/money';
import { may, type Actor } from '../domain/permissions';
import { quoteStatusesWhere, quoteStatusLabel } from '../domain/quotes';
import { acceptQuote, createQuote, rejectQuote, sendQuote, type CreateQuoteResult, type QuoteInput } from '../operations';
import { cardActionOf } from './cardActions';
import { formatDate } from './format';
import { quoteCard } from './quoteCard';
import type { QuoteCommand } from './quoteCommands';
import { quoteRefusalText } from './resultTexts';
import { commonTexts } from './texts/common';
import { quoteTexts as tx } from './texts/quotes';
import { actorOf } from './turnUser';
import { understand } from './understanding';

export const QUOTE_DIALOG_ID = 'quoteDialog';
const FLOW = 'quoteFlow';
/** How many quotes a list shows. */
const SHOWN = 15;

/** The quote card's buttons. */
export const quoteCardActions: ReadonlySet<string> = new Set(['quote.accept', 'quote.reject']);

export interface QuoteDialogOptions {
  quoteCommand?: QuoteCommand;
  /** A card button: { action, quote }. */
  value?: Record<string, unknown>;
}

export interface QuoteDialogDeps {
  db: Db;
  now?: () => Date;
}

/**
 * Quotes in the chat. Sales: "Angebot für Café Sonnenschein: 2 Stühle, 10 % Rabatt, gültig 14 Tage" drafts one,
 * "Angebot AN-2026-0001 senden" sends it, "offene Angebote" and "Angebot AN-…" show them. Customers: "Angebot für 3
 * Stühle" (or, while putting an order together, "Können Sie mir dafür ein Angebot machen?", see quoteFromDraft) gets
 * a quote at catalog prices at once; "meine Angebote"; the card's Annehmen / Ablehnen decide it.
 */
export class QuoteDialog extends ComponentDialog {
  private readonly now: () => Date;

  constructor(private readonly deps: QuoteDialogDeps) {
    super(QUOTE_DIALOG_ID);
    this.now = deps.now ?? (() => new Date());
    this.addDialog(new WaterfallDialog(FLOW, [this.startStep.bind(this)]));
    this.initialDialogId = FLOW;
  }

  private async startStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { actor, locale } = actorOf(step.context);
    if (!actor) return step.endDialog();
    const options = (step.options ?? {}) as QuoteDialogOptions;
    const command = options.quoteCommand ?? commandFromCard(options.value ?? step.context.activity.value);
    const context = step.context;
    if (!command) {
      // A quote button without its quote (a damaged or foreign card): answered like any stale card.
      await context.sendActivity(commonTexts(locale, 'staleCard', {}));
      return step.endDialog();
    }
    switch (command.kind) {
      case 'create':
        await this.replyCreate(context, actor, locale, command);
        break;
      case 'from_draft':
        // Outside an order conversation there is no draft to quote.
        await context.sendActivity(tx(locale, actor.role === 'customer' ? 'whichItems' : 'whichCustomer'));
        break;
      case 'mine':
      case 'open':
        await this.replyList(context, actor, locale);
        break;
      case 'show': {
        const quote = await findQuote(this.deps.db, command.number);
        if (!quote || !visibleTo(quote, actor)) await context.sendActivity(tx(locale, 'notFound', { number: command.number }));
        else await context.sendActivity({ attachments: [await quoteCard(this.deps.db, quote, actor, locale, this.now())] });
        break;
      }
      case 'send': {
        const result = await sendQuote(this.deps.db, actor, command.number, this.now());
        await context.sendActivity(result.ok
          ? tx(locale, 'sent', { number: result.quote.number, customer: result.quote.customerName })
          : quoteRefusalText(result, command.number, locale));
        break;
      }
      case 'accept': {
        const conversation = { channelId: context.activity.channelId, conversationId: context.activity.conversation.id };
        const result = await acceptQuote(this.deps.db, actor, command.number, this.now(), { conversation });
        if (result.ok) {
          await context.sendActivity(tx(locale, 'accepted', {
            number: result.quote.number, order: result.order.number, gross: formatMoney(result.quote.grossCents, locale),
            status: statusLabel(result.order.status, locale),
          }));
        } else {
          await context.sendActivity(quoteRefusalText(result, command.number, locale));
        }
        break;
      }
      case 'reject': {
        const result = await rejectQuote(this.deps.db, actor, command.number, null, this.now());
        await context.sendActivity(result.ok ? tx(locale, 'rejected', { number: result.quote.number }) : quoteRefusalText(result, command.number, locale));
        break;
      }
    }
    return step.endDialog();
  }

  private async replyCreate(context: TurnContext, actor: Actor, locale: Locale, command: Extract<QuoteCommand, { kind: 'create' }>): Promise<void> {
    if (command.badDiscount) {
      await context.sendActivity(tx(locale, 'badDiscount'));
      return;
    }
    const db = this.deps.db;
    const { catalog, customers } = await referenceDataOf(db).current(context);
    // "für Café Sonnenschein: 2 Stühle" is the staff order phrase the understanding reads customer and goods from.
    const u = understand(`${locale === 'de' ? 'für' : 'for'} ${command.items}`, { locale, catalog, customers, now: this.now() });
    let customerId = actor.customerId;
    if (actor.role !== 'customer') {
      const customer = u.customer ? await findCustomerByNumber(db, u.customer) : null;
      if (!customer) {
        await context.sendActivity(tx(locale, 'whichCustomer'));
        return;
      }
      customerId = customer.id;
    }
    if (u.service) {
      const name = catalog.find((p) => p.sku === u.service)?.name[locale] ?? u.service;
      await context.sendActivity(tx(locale, 'servicesNotQuoted', { names: name }));
      return;
    }
    const goods = u.items.filter((i) => !i.removal);
    const unclear = [...u.ambiguous.map((a) => a.text), ...u.unknown, ...goods.filter((i) => i.quantity == null).map((i) => i.text)];
    if (goods.length === 0 || unclear.length) {
      await context.sendActivity(goods.length === 0 && unclear.length === 0 ? tx(locale, 'whichItems') : tx(locale, 'problems', { problems: unclear.join(', ') }));
      return;
    }
    await makeQuote(this.deps.db, this.now(), context, actor, locale, {
      customerId: customerId!, lines: goods.map((i) => ({ sku: i.sku, quantity: i.quantity! })),
      documentDiscountBasisPoints: command.documentDiscountBasisPoints, validDays: command.validDays,
    });
  }

  private async replyList(context: TurnContext, actor: Actor, locale: Locale): Promise<void> {
    const customerId = actor.role === 'customer' ? actor.customerId ?? -1 : undefined;
    if (customerId === undefined && !may(actor, 'seeQuote')) {
      await context.sendActivity(tx(locale, 'forbidden'));
      return;
    }
    const statuses = actor.role === 'customer' ? undefined : quoteStatusesWhere('open');
    const quotes = (await listQuotes(this.deps.db, { customerId, statuses, limit: SHOWN }))
      .filter((q) => visibleTo(q, actor));
    // Staff asking for "my quotes" get the open ones of every account, as with invoices.
    const title = tx(locale, actor.role === 'customer' ? 'listMine' : 'listOpen');
    if (quotes.length === 0) {
      await context.sendActivity(`${title}: ${tx(locale, 'listNone')}`);
      return;
    }
    const lines = quotes.map((q) => `- ${lineOf(q, actor, locale)}`);
    await context.sendActivity(`**${title}**\n\n${lines.join('\n')}`);
  }
}

/**
 * Makes a quote and answers: a customer gets their card right away (and the account's other people through the
 * outbox), sales the draft card with a send button. The request key makes a repeated message or draft one quote.
 */
export async function makeQuote(
  db: Db, now: Date, context: TurnContext, actor: Actor, locale: Locale, input: Omit<QuoteInput, 'requestKey' | 'conversation'>, requestKey?: string,
): Promise<CreateQuoteResult> {
  const conversation = { channelId: context.activity.channelId, conversationId: context.activity.conversation.id };
  const key = requestKey ?? (context.activity.id ? `chat:${context.activity.channelId}:${context.activity.conversation.id}:${context.activity.id}` : undefined);
  const result = await createQuote(db, actor, { ...input, requestKey: key, conversation }, now);
  if (!result.ok) {
    await context.sendActivity(createRefusalText(result, locale, actor));
    return result;
  }
  const q = result.quote;
  const params = { number: q.number, customer: q.customerName, gross: formatMoney(q.grossCents, locale), date: formatDate(q.validUntil, locale) };
  const card = await quoteCard(db, q, actor, locale, now);
  if (actor.role === 'customer') {
    await context.sendActivity({ text: tx(locale, 'madeCustomer', params), attachments: [card] });
  } else {
    await context.sendActivity({ attachments: [card] });
    const message = q.status === 'draft'
      ? MessageFactory.suggestedActions([tx(locale, 'sendButton', { number: q.number })], tx(locale, 'madeSales', params))
      : MessageFactory.text(tx(locale, 'sent', params));
    await context.sendActivity(message);
  }
  return result;
}

/** Customers see their own account's quotes once sent; drafts are sales' work. */
function visibleTo(quote: StoredQuote, actor: Actor): boolean {
  return may(actor, 'seeQuote', { customerId: quote.customerId }) && (actor.role !== 'customer' || quote.status !== 'draft');
}

function lineOf(q: StoredQuote, actor: Actor, locale: Locale): string {
  const params = { number: q.number, customer: q.customerName, gross: formatMoney(q.grossCents, locale), status: quoteStatusLabel(q.status, locale), date: formatDate(q.validUntil, locale) };
  return tx(locale, actor.role === 'customer' ? 'listLineMine' : 'listLine', params);
}

function commandFromCard(value: unknown): QuoteCommand | null {
  const action = cardActionOf(value);
  const number = (value as { quote?: unknown } | null)?.quote;
  if (typeof number !== 'string') return null;
  if (action === 'quote.accept') return { kind: 'accept', number };
  if (action === 'quote.reject') return { kind: 'reject', number };
  return null;
}

export function createRefusalText(result: Extract<CreateQuoteResult, { ok: false }>, locale: Locale, actor: Actor): string {
  switch (result.code) {
    case 'forbidden':
      return tx(locale, 'forbiddenCreate');
    case 'unknown_customer':
      return tx(locale, 'whichCustomer');
    case 'services_not_quoted':
      return tx(locale, 'servicesNotQuoted', { names: result.skus.join(', ') });
    case 'problems':
      return tx(locale, 'problems', { problems: [...new Set(result.problems.map((p) => ('sku' in p && p.sku) || p.code))].join(', ') });
    default:
      return quoteRefusalText(result, '', locale) || (actor.role === 'customer' ? tx(locale, 'whichItems') : tx(locale, 'whichCustomer'));
  }
}
