import { Activity, MessageFactory } from 'botbuilder';
import {
  DialogContext,
  DialogTurnResult,
  DialogTurnStatus,
  PromptValidator,
  PromptValidatorContext,
  WaterfallDialog,
  WaterfallStepContext,
} from 'botbuilder-dialogs';
import { bindCard, boundCard, type UnboundCard } from '../cards/bind';
import { may } from '../domain/permissions';
import { addDays, berlinDateOf, berlinTimeOf, berlinToday, checkWorkingDay } from '../domain/calendar';
import type { Product } from '../domain/catalog';
import type { Locale } from '../domain/locale';
import { statusLabel } from '../domain/lifecycle';
import { formatMoney } from '../domain/money';
import { checkCredit } from '../domain/credit';
import { DEFAULT_ORDER_LIMITS, isValidQuantity, missingAddressFields, priceDraft, type AddressField, type OrderLimits } from '../domain/order';
import { promisedDate, receivableStatuses } from '../domain/orderChecks';
import type { Customer, Person } from '../domain/parties';
import { findProduct } from '../data/catalog';
import type { Db } from '../data/db';
import { checkLines, getOrder, listOrders, type Actor, type LineCheck, type OrderProblem } from '../data/orders';
import { chooseLanguage, placeOrder } from '../operations';
import { checkServiceSlot, findServiceSlots, serviceMinutes } from '../data/bookings';
import { getCustomer } from '../data/parties';
import { referenceDataOf } from '../data/referenceData';
import { InterruptibleDialog, type Interruption, type InterruptionText } from './interruptions';
import { AnswerPrompt, cardPrompt, type Answer } from './answerPrompt';
import { cardActionOf } from './cardActions';
import {
  readAddress, readCustomer, readDate, readProduct, readQuantity, readSlot, readStock, readSummary, summaryButton, type Parsed,
} from './order/answers';
import { parseAddress } from './order/address';
import { howManyOf, quantityWithUnit } from './order/grammar';
import { catalogCard, catalogPageOf, catalogQuantities, productTitle, summaryCard } from './order/cards';
import { formatDay, formatSlot, orderLinesText } from './format';
import {
  applyUnderstanding, askQuantityAgain, dropLine, resolveUnclear, setAddressInput, setDateProblem, setLineQuantity, setRequestedDate,
} from './order/changes';
import { hasContent, newSession, summaryVersion, type OrderSession } from './order/session';
import { orderTexts as tx } from './texts/order';
import { getTurnUser, type TurnUser } from './turnUser';
import { matchQuoteCommand } from './quoteCommands';
import { makeQuote } from './quoteDialog';
import { quoteTexts } from './texts/quotes';
import { understand, type Understanding } from './understanding';
import { withServiceWishes } from './understanding/serviceWishes';
import { notWorkingDayText } from './workingDayAnswer';
import { appointmentLines, durationText } from './appointmentDetails';
import { serviceTexts } from './texts/services';

export const ORDER_DIALOG = 'orderDialog';

/** How the main dialog starts this one. */
export interface OrderDialogOptions {
  person: Person;
  locale: Locale;
  channel: string;
  /** What the first message already said (the recognizer's result for it). */
  understanding: Understanding;
}

export interface OrderDialogResult {
  outcome: 'placed' | 'cancelled' | 'discarded' | 'refused';
  orderNumber?: string;
}

export interface OrderDialogDeps {
  db: Db;
  now?: () => Date;
  /** Bounds on quantities and the planning horizon (configured in bot/config.ts). */
  limits?: OrderLimits;
}

const MAIN = 'order.main';
const ITEMS = 'order.items';
const ADDRESS = 'order.address';
const DATE = 'order.date';
const SUMMARY = 'order.summary';
const P = {
  customer: 'order.ask.customer',
  what: 'order.ask.what',
  product: 'order.ask.product',
  quantity: 'order.ask.quantity',
  stock: 'order.ask.stock',
  slot: 'order.ask.slot',
  address: 'order.ask.address',
  date: 'order.ask.date',
  summary: 'order.ask.summary',
  change: 'order.ask.change',
} as const;

const TURN = Symbol('order.turn');
const SESSION = 'order';

/** What one turn needs from the database and the recognizer, loaded once per turn. */
interface TurnData {
  catalog: readonly Product[];
  customers: readonly Customer[];
  understanding: Understanding | null;
  /** checkLines answers of this turn by draft lines: planning and the summary ask the same within one turn. */
  checks?: Map<string, Promise<LineCheck[]>>;
}

/**
 * The ordering conversation: fills a draft from whatever the first message said, asks only for what is still
 * missing (product, quantity, stock decision, service slot, address, date), shows the summary card and places
 * the order. Corrections ("doch lieber 3 Stühle", "remove the coffee") are taken at any point: the draft is
 * changed and the conversation re-plans from the top, skipping everything already settled.
 */
export class OrderDialog extends InterruptibleDialog<OrderDialogOptions> {
  private readonly db: Db;
  private readonly limits: OrderLimits;

  constructor(deps: OrderDialogDeps) {
    super(ORDER_DIALOG, deps.now ?? (() => new Date()));
    this.db = deps.db;
    this.limits = deps.limits ?? DEFAULT_ORDER_LIMITS;

    this.addDialog(new AnswerPrompt(P.customer, this.reads((a, u, turn) => readCustomer(a, u, turn.customers))));
    this.addDialog(new AnswerPrompt(P.what, async () => false)); // items typed here arrive as corrections
    this.addDialog(new AnswerPrompt(P.product, this.reads((a, u, _, expected) => readProduct(a, u, expected.candidates))));
    this.addDialog(new AnswerPrompt(P.quantity, this.reads((_, u, __, expected) => readQuantity(u, expected.sku))));
    this.addDialog(new AnswerPrompt(P.stock, this.reads((a, u) => readStock(a, u))));
    this.addDialog(new AnswerPrompt(P.slot, this.reads((a, u, _, expected) => readSlot(a, u, expected.sku, expected.starts))));
    this.addDialog(new AnswerPrompt(P.address, this.reads((a) => readAddress(a))));
    this.addDialog(new AnswerPrompt(P.date, this.reads((a, u, _, expected) => readDate(a, u, expected?.nextYear ?? null))));
    this.addDialog(new AnswerPrompt(P.summary, this.reads((a, u) => readSummary(a, u))));
    this.addDialog(new AnswerPrompt(P.change, this.reads((a) => summaryButton(a) ?? { kind: 'change' })));

    this.addDialog(
      new WaterfallDialog(MAIN, [
        this.mayOrderStep.bind(this),
        this.customerStep.bind(this),
        (step) => step.beginDialog(ITEMS),
        // Address and date are begun only when there is something to ask: most orders have neither, and each dialog
        // begun costs the turn one more dialog context.
        async (step) => ((await this.addressQuestion(step)) ? step.beginDialog(ADDRESS) : step.next()),
        (step) => (this.session(step).badDate ? step.beginDialog(DATE) : step.next()),
        (step) => step.beginDialog(SUMMARY),
        this.placeStep.bind(this),
      ]),
    );
    this.addDialog(new WaterfallDialog(ITEMS, [this.askItemStep.bind(this), this.applyItemStep.bind(this)]));
    this.addDialog(new WaterfallDialog(ADDRESS, [this.askAddressStep.bind(this), this.applyAddressStep.bind(this)]));
    this.addDialog(new WaterfallDialog(DATE, [this.askDateStep.bind(this), this.applyDateStep.bind(this)]));
    this.addDialog(
      new WaterfallDialog(SUMMARY, [this.summaryStep.bind(this), this.summaryChoiceStep.bind(this), this.afterChangeStep.bind(this)]),
    );
    this.initialDialogId = MAIN;
  }

  // ------------------------------------------------------------------ start

  protected async onBeginDialog(innerDc: DialogContext, options?: OrderDialogOptions): Promise<DialogTurnResult> {
    const user = turnUser(innerDc);
    const person = options?.person ?? user?.person;
    if (!person) throw new Error('OrderDialog needs the person who orders');
    const session = newSession(person, options?.locale ?? user?.locale ?? 'de', options?.channel ?? innerDc.context.activity.channelId);
    this.componentState(innerDc)[SESSION] = session;
    // The recognizer's understanding of this message, when it came with one, is not worked out a second time.
    const turn = await this.turnData(innerDc, options?.understanding);
    const u = turn.understanding;
    if (u) await this.applyMessage(innerDc, session, u, innerDc.context.activity.text ?? '');
    if (u?.intent === 'reorder') await this.applyReorder(innerDc, session, u.reorder?.order ?? null);
    const value = innerDc.context.activity.value;
    if (value && typeof value === 'object' && value.action === 'order.catalog') {
      this.applyCatalog(session, value, turn.catalog);
      session.catalogPage = catalogPageOf(value) ?? 0;
    }
    return super.onBeginDialog(innerDc, options);
  }

  protected async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    await this.turnData(innerDc); // validators and texts read it from the turn state
    return super.onContinueDialog(innerDc);
  }

  /**
   * "dasselbe wie letztes Mal" / "nochmal wie bei Auftrag 1004": the lines of an earlier order of the same account
   * become the draft; prices, stock, slots and dates are checked afresh as for any draft. A customer only finds
   * the own account's orders (getOrder and listOrders check who is asking).
   */
  private async applyReorder(dc: DialogContext, s: OrderSession, number: string | null): Promise<void> {
    const actor = actorOf(s);
    const l = s.locale;
    const account = s.person.role === 'customer' ? s.person.customerId : s.draft.customerId;
    const previous = number
      ? await getOrder(this.db, actor, number)
      : account != null
      ? ((await listOrders(this.db, actor, { customerId: account, limit: 1 }, this.now())).orders[0] ?? null)
      : null;
    if (!previous) {
      await dc.context.sendActivity(number ? tx(l, 'statusUnknown', { number }) : tx(l, account == null ? 'reorderWhich' : 'reorderNone'));
      return;
    }
    if (s.person.role !== 'customer') s.draft = { ...s.draft, customerId: previous.customer.id };
    const { catalog } = await this.turnData(dc);
    for (const line of previous.lines) {
      if (catalog.some((p) => p.sku === line.sku)) setLineQuantity(s, line.sku, line.quantity);
      else await dc.context.sendActivity(tx(l, 'productGone', { name: line.name[l] }));
    }
    if (previous.deliveryAddress && !s.draft.deliveryAddress) s.draft = { ...s.draft, deliveryAddress: previous.deliveryAddress };
    await dc.context.sendActivity(tx(l, 'reorderTaken', { number: previous.number }));
  }

  // ------------------------------------------------------------------ main flow

  private async mayOrderStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const s = this.session(step);
    const refusal = may(s.person, 'placeOrder') ? null : s.person.role === 'customer' ? 'refusedNoAccount' : 'refusedAccountant';
    if (refusal) {
      await step.context.sendActivity(tx(s.locale, refusal));
      return step.endDialog({ outcome: 'refused' } satisfies OrderDialogResult);
    }
    if (s.draft.customerId != null) return step.next();
    const { customers } = await this.turnData(step);
    const card: UnboundCard = {
      name: 'customerChoice',
      data: { question: tx(s.locale, 'askCustomer'), customers: customers.map((c) => ({ title: `${c.name} (${c.number})`, number: c.number })) },
    };
    return step.prompt(P.customer, cardPrompt(card, undefined, tx(s.locale, 'retryCustomer')));
  }

  private async customerStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = step.result as Parsed | undefined;
    if (answer?.kind === 'customer') {
      const s = this.session(step);
      s.draft = { ...s.draft, customerId: answer.customerId };
    }
    return step.next();
  }

  private async placeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const s = this.session(step);
    const now = this.now();
    const result = await placeOrder(
      this.db,
      actorOf(s),
      {
        customerId: s.draft.customerId!,
        lines: s.draft.lines,
        deliveryAddress: s.draft.deliveryAddress,
        requestedDate: s.draft.requestedDate,
        backorderChoice: s.backorderChoice,
        serviceSlots: Object.entries(s.slots).map(([sku, start]) => ({ sku, start })),
        draftKey: s.draftKey,
        conversation: { channelId: step.context.activity.channelId, conversationId: step.context.activity.conversation.id },
        limits: this.limits,
      },
      now,
    );
    if (!result.ok) {
      // Usually a race or time passing: stock or a slot went to someone else, or the wished date came too close.
      const { catalog } = await this.turnData(step);
      const sentences = await Promise.all(result.problems.map((p) => this.resolveProblem(s, p, catalog)));
      await step.context.sendActivity(tx(s.locale, 'placeFailed', { problems: [...new Set(sentences)].join(' ') }));
      if (result.problems.some((p) => p.code === 'forbidden' || (p.code === 'unknown_customer' && s.person.role === 'customer'))) {
        return step.endDialog({ outcome: 'refused' } satisfies OrderDialogResult);
      }
      return step.replaceDialog(MAIN);
    }
    const order = result.order;
    s.placed = { number: order.number };
    const l = s.locale;
    const forCustomer = s.person.role !== 'customer';
    const placedMessage = !result.created
      ? tx(l, 'alreadyPlaced', { number: order.number })
      : forCustomer
      ? tx(l, 'placedForCustomer', { number: order.number, customer: order.customer.name })
      : tx(l, order.status === 'confirmed' ? 'placedConfirmed' : order.status === 'on_hold' ? 'placedOnHold' : 'placedReceived', { number: order.number });
    // s13 (services): the confirmation states each appointment's day, time, duration, place and who comes.
    const message = [placedMessage, ...(await appointmentLines(this.db, order, l, { personId: s.person.id, now: this.now() }))].join(' ');
    const card = bindCard('orderPlaced', {
      title: tx(l, 'placedTitle'),
      message,
      numberLabel: tx(l, 'orderNumber'),
      number: order.number,
      statusLabel: tx(l, 'status'),
      status: statusLabel(order.status, l),
      grossLabel: tx(l, 'gross'),
      gross: formatMoney(order.totals.grossCents, l),
    });
    await step.context.sendActivity(MessageFactory.attachment(card, message));
    return step.endDialog({ outcome: 'placed', orderNumber: order.number } satisfies OrderDialogResult);
  }

  /**
   * One reason placing failed, as a sentence for the customer; the session is set up so that the flow asks for
   * the fix (the date step for a date gone stale, the quantity question for a bad quantity, …) instead of showing
   * the same summary again.
   */
  private async resolveProblem(s: OrderSession, p: OrderProblem, catalog: readonly Product[]): Promise<string> {
    const l = s.locale;
    const name = async () => (p.sku ? (catalog.find((x) => x.sku === p.sku) ?? (await findProduct(this.db, p.sku)))?.name[l] ?? p.sku : '');
    switch (p.code) {
      case 'no_customer':
      case 'unknown_customer':
        if (s.person.role !== 'customer') s.draft = { ...s.draft, customerId: null };
        return tx(l, p.code === 'no_customer' ? 'problemNoCustomer' : 'problemUnknownCustomer');
      case 'forbidden':
        return tx(l, 'problemForbidden');
      case 'no_lines':
        return tx(l, 'problemNoLines');
      case 'unknown_sku':
        if (p.sku) dropLine(s, p.sku);
        return tx(l, 'productGone', { name: await name() });
      case 'bad_quantity':
        if (p.sku) askQuantityAgain(s, p.sku);
        return tx(l, 'problemBadQuantity', { name: await name() });
      case 'quantity_over_limit':
        if (p.sku) askQuantityAgain(s, p.sku);
        return tx(l, 'problemQuantityOverLimit', { name: await name(), max: this.limits.maxQuantityPerProduct.toLocaleString(l === 'de' ? 'de-DE' : 'en-GB') });
      case 'beyond_planning_horizon':
        if (!p.sku) {
          s.draft = { ...s.draft, requestedDate: null };
          return tx(l, 'problemDateBeyondHorizon', { days: String(this.limits.planningHorizonDays) });
        }
        askQuantityAgain(s, p.sku);
        return tx(l, 'problemBeyondHorizon', { name: await name(), days: String(this.limits.planningHorizonDays) });
      case 'address_incomplete':
      case 'postcode_invalid':
        s.addressInput = s.draft.deliveryAddress;
        s.draft = { ...s.draft, deliveryAddress: null };
        return tx(l, p.code === 'postcode_invalid' ? 'problemPostcode' : 'problemAddress');
      case 'date_invalid':
      case 'date_in_past':
      case 'date_too_soon':
      case 'date_not_working_day': {
        const date = s.draft.requestedDate;
        const reason = p.code === 'date_not_working_day' ? 'not_working_day' : p.code === 'date_invalid' ? 'invalid' : 'past';
        s.draft = { ...s.draft, requestedDate: null };
        s.badDate = date === null ? null : { date, reason };
        return tx(l, 'problemDate');
      }
      case 'out_of_stock':
        s.stockDecidedFor = [];
        return tx(l, 'problemStock', { name: await name() });
      case 'slot_taken':
      case 'slot_invalid':
        if (p.sku) delete s.slots[p.sku];
        return tx(l, 'problemSlot', { name: await name() });
      case 'slot_without_service':
        if (p.sku) delete s.slots[p.sku];
        return tx(l, 'problemSlotWithoutService');
    }
  }

  // ------------------------------------------------------------------ items: product, quantity, stock, slots

  private async askItemStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const s = this.session(step);
    const l = s.locale;
    const { catalog } = await this.turnData(step);
    await this.dropVanished(step, s, catalog);
    for (const line of s.draft.lines.filter((x) => !isValidQuantity(x.quantity))) askQuantityAgain(s, line.sku); // stored before the limit
    const product = (sku: string) => catalog.find((p) => p.sku === sku)!;

    // An unknown word with nothing similar in the catalog is named back, and the order goes on without it.
    while (s.unclear[0]?.kind === 'unknown' && !s.unclear[0].candidates.some((sku) => catalog.some((p) => p.sku === sku))) {
      await step.context.sendActivity(tx(l, 'notCarried', { text: s.unclear.shift()!.text }));
    }
    const unclear = s.unclear[0];
    if (unclear) {
      const known = unclear.candidates.filter((sku) => catalog.some((p) => p.sku === sku));
      const consumer = await this.isConsumer(step, s);
      const candidates = known.map((sku) => ({ title: productTitle(product(sku), l, consumer), sku }));
      if (unclear.kind === 'unknown') candidates.push({ title: tx(l, 'skipUnknown'), sku: '' });
      const question = tx(l, unclear.kind === 'ambiguous' ? 'askAmbiguous' : 'askUnknown', { text: unclear.text });
      const card: UnboundCard = { name: 'productChoice', data: { question, candidates } };
      return step.prompt(P.product, cardPrompt(card, undefined, tx(l, 'retryProduct'), { candidates: known }));
    }

    const missing = s.quantityMissing[0];
    if (missing) {
      const p = product(missing);
      const question = s.quantityRejected?.includes(missing)
        ? `${tx(l, 'quantityRejected', { name: p.name[l] })} ${tx(l, 'retryQuantity')}`
        : tx(l, 'askQuantity', { what: howManyOf(p, l) });
      return step.prompt(P.quantity, {
        prompt: MessageFactory.text(question) as Activity,
        retryPrompt: MessageFactory.text(tx(l, 'retryQuantity')) as Activity,
        validations: { sku: missing },
      });
    }

    if (s.draft.lines.length === 0) {
      const card = catalogCard(catalog, l, await this.isConsumer(step, s), s.catalogPage ?? 0);
      return step.prompt(P.what, cardPrompt(card, tx(l, 'askWhat'), tx(l, 'retryWhat')));
    }

    const checks = await this.checkLines(step, s);
    const short = checks.filter((c) => c.kind === 'goods' && !c.ok && !s.stockDecidedFor.includes(lineKey(c)));
    if (short.length) {
      // A partial delivery only means something when part of the order can ship now.
      const partialUseful = short.some((c) => (c.available ?? 0) > 0) || checks.some((c) => c.ok && c.kind !== 'service');
      return this.askStock(step, short, partialUseful);
    }

    for (const c of checks.filter((c) => c.completionDate && !s.madeToldFor.includes(lineKey(c)))) {
      s.madeToldFor.push(lineKey(c));
      await step.context.sendActivity(tx(l, 'madeToOrder', { name: product(c.sku).name[l], date: formatDay(c.completionDate!, l) }));
    }

    const service = s.draft.lines.find((line) => product(line.sku).kind === 'service' && !s.slots[line.sku]);
    if (service) return this.askSlot(step, product(service.sku), service.quantity);

    return step.endDialog();
  }

  private async askStock(step: WaterfallStepContext, short: LineCheck[], partialUseful: boolean): Promise<DialogTurnResult> {
    const s = this.session(step);
    const l = s.locale;
    const { catalog } = await this.turnData(step);
    const message = short
      .map((c) => {
        const p = catalog.find((x) => x.sku === c.sku)!;
        const what = c.available
          ? tx(l, 'stockShort', { name: p.name[l], available: quantityWithUnit(c.available, p.unit[l], l), requested: c.quantity })
          : tx(l, 'stockNone', { name: p.name[l] });
        const when = c.restockDate ? tx(l, 'restockOn', { date: formatDay(c.restockDate, l) }) : tx(l, 'restockUnknown');
        return `${what} ${when}`;
      })
      .join('\n\n');
    const card: UnboundCard = {
      name: 'stockChoice',
      data: {
        message,
        question: tx(l, 'askStock'),
        options: [
          { title: tx(l, 'stockBackorder'), choice: 'backorder' },
          ...(partialUseful ? [{ title: tx(l, 'stockPartial'), choice: 'partial' }] : []),
          ...(short.some((c) => (c.available ?? 0) > 0) ? [{ title: tx(l, 'stockAvailable'), choice: 'available' }] : []),
          { title: tx(l, 'stockRemove'), choice: 'remove' },
        ],
      },
    };
    return step.prompt(P.stock, cardPrompt(card, undefined, tx(l, 'retryStock')));
  }

  private async askSlot(step: WaterfallStepContext, product: Product, quantity: number): Promise<DialogTurnResult> {
    const s = this.session(step);
    const l = s.locale;
    const now = this.now();
    let fromDate = s.slotWish.date ?? addDays(berlinToday(now), 1);
    // s13 (services): a wished day that is no working day is said so, with the nearest working days.
    const day = s.slotWish.date ? checkWorkingDay(fromDate, berlinToday(now)) : ({ ok: true } as const);
    if (!day.ok) {
      await step.context.sendActivity(notWorkingDayText(fromDate, day, l));
      fromDate = day.before ?? day.after;
    }
    const preferredTime = s.slotWish.time ?? undefined;
    const slots = await findServiceSlots(this.db, product.sku, { fromDate, partOfDay: preferredTime ? null : s.slotWish.partOfDay, limit: 4, quantity, preferredTime, perDay: preferredTime ? 2 : undefined, days: day.ok ? 5 : 3 }, now);
    const name = product.name[l];
    const prompt = slots.length
      ? MessageFactory.attachment(
          bindCard('slotChoice', {
            question: tx(l, 'askSlot', { name }),
            slots: slots.map((slot) => ({ title: formatSlot(slot.start, l), start: slot.start })),
          }),
        )
      : MessageFactory.text(tx(l, 'noSlots', { name }));
    return step.prompt(P.slot, {
      prompt: prompt as Activity,
      retryPrompt: MessageFactory.text(tx(l, slots.length ? 'retrySlot' : 'noSlots', { name })) as Activity,
      validations: { sku: product.sku, starts: slots.map((slot) => slot.start) },
    });
  }

  private async applyItemStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const s = this.session(step);
    const answer = step.result as Parsed;
    const { catalog } = await this.turnData(step);
    switch (answer.kind) {
      case 'product':
        resolveUnclear(s, answer.sku ? catalog.find((p) => p.sku === answer.sku) ?? null : null);
        break;
      case 'quantity':
        setLineQuantity(s, answer.sku, answer.quantity);
        break;
      case 'stock': {
        const checks = await this.checkLines(step, s);
        const short = checks.filter((c) => c.kind === 'goods' && !c.ok);
        if (answer.choice === 'remove') {
          for (const c of short) dropLine(s, c.sku);
        } else if (answer.choice === 'available') {
          await this.takeAvailable(step, s);
        } else {
          s.backorderChoice = answer.choice;
          s.stockDecidedFor.push(...short.map(lineKey));
        }
        break;
      }
      case 'slot':
        if (answer.start) s.slots[answer.sku] = answer.start;
        else if (answer.wish) s.slotWish = answer.wish; // another day or part of day: look again there
        break;
      default:
        break;
    }
    return step.replaceDialog(ITEMS);
  }

  /** Only what is in stock: short lines take the quantity that can ship now; a line with nothing in stock goes. */
  private async takeAvailable(dc: DialogContext, s: OrderSession): Promise<void> {
    const checks = await this.checkLines(dc, s);
    for (const c of checks.filter((x) => x.kind === 'goods' && !x.ok && !x.badQuantity)) {
      if ((c.available ?? 0) > 0) setLineQuantity(s, c.sku, c.available!);
      else dropLine(s, c.sku);
    }
  }

  // ------------------------------------------------------------------ address and date

  /**
   * The fields the address question asks for: those missing from a typed address, or from the customer's own when
   * nothing was typed and the draft has no address; null when there is nothing to ask.
   */
  private async addressQuestion(dc: DialogContext): Promise<AddressField[] | null> {
    const s = this.session(dc);
    const typed = s.addressInput;
    if (typed) return missingAddressFields(typed);
    if (s.draft.deliveryAddress) return null;
    const own = missingAddressFields((await this.customer(dc)).address);
    return own.length ? own : null;
  }

  private async askAddressStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const s = this.session(step);
    const missing = await this.addressQuestion(step);
    if (!missing) return step.endDialog();
    const question = tx(s.locale, 'askAddressMissing', { fields: fieldNames(missing, s.locale) });
    return step.prompt(P.address, { prompt: MessageFactory.text(question) as Activity, retryPrompt: MessageFactory.text(question) as Activity });
  }

  private async applyAddressStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const s = this.session(step);
    const customer = await this.customer(step);
    const answer = step.result as Parsed;
    if (answer.kind === 'address') {
      setAddressInput(s, parseAddress(answer.text, customer.name), isComplete);
    }
    return step.replaceDialog(ADDRESS);
  }

  private async askDateStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const s = this.session(step);
    if (!s.badDate) return step.endDialog();
    const { date, reason, nextYear } = s.badDate;
    const l = s.locale;
    const text =
      reason === 'invalid' ? tx(l, 'retryDate')
      : reason === 'ambiguous' ? tx(l, 'askDateYear', { date: formatDay(date, l), next: formatDay(nextYear!, l) })
      : tx(l, reason === 'past' ? 'retryDatePast' : 'retryDateWeekend', { date: formatDay(date, l) });
    return step.prompt(P.date, {
      prompt: MessageFactory.text(text) as Activity,
      retryPrompt: MessageFactory.text(tx(l, reason === 'ambiguous' ? 'askDateOther' : 'retryDate')) as Activity,
      validations: { nextYear: reason === 'ambiguous' ? nextYear : null },
    });
  }

  private async applyDateStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const s = this.session(step);
    const answer = step.result as Parsed;
    if (answer.kind === 'date') setRequestedDate(s, answer.date, berlinToday(this.now()));
    if (answer.kind === 'dateProblem') setDateProblem(s, answer.problem);
    return step.replaceDialog(DATE);
  }

  // ------------------------------------------------------------------ summary

  private async summaryStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const s = this.session(step);
    const { catalog } = await this.turnData(step);
    const customer = await this.customer(step);
    const checks = await this.checkLines(step, s);
    const warnings = [dateWarning(s, checks), await this.creditWarning(s, customer, catalog)].filter((w): w is string => !!w);
    const card = summaryCard(s, catalog, customer, checks, { warning: warnings.join('\n\n') || null });
    const retry = (step.options as { retry?: boolean } | undefined)?.retry;
    return step.prompt(P.summary, cardPrompt(card, tx(s.locale, retry ? 'retrySummary' : 'summaryPrompt'), tx(s.locale, 'retrySummary')));
  }

  private async summaryChoiceStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const s = this.session(step);
    const answer = step.result as Parsed;
    if (answer.kind !== 'summary') return step.replaceDialog(SUMMARY);
    if (answer.choice === 'confirm') return step.endDialog();
    if (answer.choice === 'cancel') return this.handleInterruption(step, { kind: 'cancel' }); // as if typed
    return step.prompt(P.change, { prompt: MessageFactory.text(tx(s.locale, 'askChange')) as Activity });
  }

  /**
   * Reached when the answer to "what would you like to change?" changed nothing (changes re-plan before this):
   * a button of the summary card still on screen counts; anything else shows the summary again.
   */
  private async afterChangeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = step.result as Parsed | undefined;
    if (answer?.kind === 'summary' && answer.choice === 'confirm') return step.endDialog();
    if (answer?.kind === 'summary' && answer.choice === 'cancel') return this.handleInterruption(step, { kind: 'cancel' });
    return step.replaceDialog(SUMMARY, { retry: true });
  }

  /**
   * "No, do not cancel" goes back to where the order stood, shown afresh: the summary (not the change question
   * under it, and never the step after the summary, which would place the order).
   */
  protected async resumeAfterNo(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return this.replan(step);
  }

  /**
   * Staff entering an order learn before confirming that it would exceed the customer's credit limit and go on
   * hold (the same rule placeOrder applies); customers are told politely after placing, as before.
   */
  private async creditWarning(s: OrderSession, customer: Customer, catalog: readonly Product[]): Promise<string | null> {
    if (s.person.role === 'customer' || customer.creditLimitCents == null) return null;
    const { orders } = await listOrders(this.db, actorOf(s), { customerId: customer.id, statuses: [...receivableStatuses], limit: 200 }, this.now());
    const openCents = orders.reduce((sum, o) => sum + o.totals.grossCents, 0);
    const grossCents = priceDraft(s.draft, catalog).totals.grossCents;
    const credit = checkCredit({ creditLimitCents: customer.creditLimitCents, openReceivablesCents: openCents, orderGrossCents: grossCents, oldestOverdueDays: null });
    if (credit.ok || credit.reason !== 'credit_limit') return null;
    const money = (cents: number) => formatMoney(cents, s.locale);
    return tx(s.locale, 'creditWarning', {
      customer: customer.name, gross: money(grossCents), limit: money(credit.creditLimitCents), exceeded: money(credit.exceededByCents), open: money(openCents),
    });
  }

  // ------------------------------------------------------------------ answers

  /**
   * A prompt validator from a reader: the parsed answer replaces `recognized.value` (see AnswerPrompt), so the
   * step after the prompt receives it ready to use.
   */
  private reads(read: (answer: Answer, u: Understanding | null, turn: TurnData, expected: any) => Parsed | null): PromptValidator<unknown> {
    return async (p) => {
      const parsed = read(p.recognized.value as Answer, this.understood(p), this.turnOf(p), p.options.validations);
      if (parsed) p.recognized.value = parsed;
      return parsed !== null;
    };
  }

  // ------------------------------------------------------------------ corrections and interruptions

  /** Changes to the draft at any point: the draft is updated and the conversation re-plans from the top. */
  protected async onMessage(dc: DialogContext): Promise<DialogTurnResult | undefined> {
    const s = this.session(dc);
    const activity = dc.context.activity;
    const action = cardActionOf(activity.value);
    if (action === 'order.confirm' || action === 'order.change') {
      // A card confirms exactly what it showed: an older card, or one pressed while another question is open,
      // shows the current summary (or that question) instead of placing anything.
      const atSummary = pendingPrompt(dc) === P.summary || pendingPrompt(dc) === P.change;
      if (!atSummary || activity.value.version !== summaryVersion(s)) {
        await dc.context.sendActivity(tx(s.locale, 'cardOutdated'));
        return this.replan(dc);
      }
      return undefined;
    }
    if (action === 'order.catalog') {
      const { catalog } = await this.turnData(dc);
      const page = catalogPageOf(activity.value);
      if (page !== null) {
        // "More" / "back": the quantities of the page are taken as well, then the asked page comes.
        const took = this.applyCatalog(s, activity.value, catalog);
        s.catalogPage = page;
        if (pendingPrompt(dc) === P.what && !took) return this.replan(dc); // there the catalog is the question itself
        await dc.context.sendActivity(MessageFactory.attachment(boundCard(catalogCard(catalog, s.locale, await this.isConsumer(dc, s), page))));
        return took ? this.replan(dc) : this.askAgain(dc);
      }
      if (!this.applyCatalog(s, activity.value, catalog)) {
        await dc.context.sendActivity(tx(s.locale, 'catalogEmpty'));
        return this.askAgain(dc);
      }
      return this.replan(dc);
    }
    const text = (activity.text ?? '').trim();
    if (!text) return undefined;
    // "Können Sie mir dafür ein Angebot machen?": the draft becomes a quote instead of an order.
    if (matchQuoteCommand(text)?.kind === 'from_draft') return this.quoteFromDraft(dc, s);
    const { catalog, understanding } = await this.turnData(dc);
    const u = understanding!;
    if (u.switchLocale) {
      // Remembered per person, as the host does; the pending question was stored in the old language.
      s.locale = u.switchLocale;
      await chooseLanguage(this.db, s.person, u.switchLocale);
      const user = turnUser(dc);
      if (user) user.locale = u.switchLocale;
      return this.replan(dc);
    }
    if (u.catalog) {
      // The question "what would you like?" shows the catalog itself; anywhere else it comes on top of the question.
      s.catalogPage = 0;
      if (pendingPrompt(dc) !== P.what) await dc.context.sendActivity(MessageFactory.attachment(boundCard(catalogCard(catalog, s.locale, await this.isConsumer(dc, s)))));
      const { changed } = await this.applyMessage(dc, s, u, text);
      return changed ? this.replan(dc) : this.askAgain(dc);
    }
    if (this.answersPendingQuestion(dc, u)) return undefined;
    const { changed, removed, rejected, notInOrder, acceptAvailable } = await this.applyMessage(dc, s, u, text);
    if (acceptAvailable) await this.takeAvailable(dc, s);
    for (const miss of notInOrder) {
      const name = (miss.sku && catalog.find((x) => x.sku === miss.sku)?.name[s.locale]) || miss.text;
      await dc.context.sendActivity(tx(s.locale, 'notInOrder', { name }));
    }
    // Nothing changed: never "done"; what was not in the order was said, and the question comes again.
    if (!changed && !acceptAvailable) return notInOrder.length ? this.askAgain(dc) : undefined;
    for (const sku of removed) {
      const p = catalog.find((x) => x.sku === sku);
      if (p) await dc.context.sendActivity(tx(s.locale, 'removed', { name: p.name[s.locale] }));
    }
    // A rejected quantity is asked again right away; "done" would be wrong.
    if (removed.length === 0 && rejected.length === 0 && pendingPrompt(dc) !== P.summary && pendingPrompt(dc) !== P.change) {
      await dc.context.sendActivity(tx(s.locale, 'changed'));
    }
    return this.replan(dc);
  }

  /** The draft's complete lines as a quote (dialogs/quoteDialog.ts); the draft stays when nothing is quoted. */
  private async quoteFromDraft(dc: DialogContext, s: OrderSession): Promise<DialogTurnResult> {
    const actor = actorOf(s);
    if (s.draft.lines.length === 0 || s.draft.customerId == null) {
      await dc.context.sendActivity(quoteTexts(s.locale, actor.role === 'customer' ? 'whichItems' : 'whichCustomer'));
      return this.askAgain(dc);
    }
    const made = await makeQuote(this.db, this.now(), dc.context, actor, s.locale, {
      customerId: s.draft.customerId, lines: s.draft.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
    }, `quote-request:${s.draftKey}`);
    if (!made.ok) return this.askAgain(dc);
    await dc.cancelAllDialogs();
    return { status: DialogTurnStatus.complete };
  }

  /** Whether the message is the answer to the question on screen rather than a change of the draft. */
  private answersPendingQuestion(dc: DialogContext, u: Understanding): boolean {
    const pending = pendingPrompt(dc);
    const productWords = u.intent === 'order' && u.unknown.length > 0 && !parseAddress(dc.context.activity.text ?? '', '');
    const mentions = u.items.length > 0 || u.ambiguous.length > 0 || productWords || !!u.service;
    switch (pending) {
      case P.product: {
        const candidates = (dc.activeDialog?.state?.options?.validations?.candidates ?? []) as string[];
        if (u.items.length === 0) return (u.picks ?? []).some((sku) => candidates.includes(sku));
        return u.items.every((i) => candidates.includes(i.sku));
      }
      case P.quantity: {
        const sku = dc.activeDialog?.state?.options?.validations?.sku as string | undefined;
        return u.items.every((i) => i.sku === sku) && u.ambiguous.length === 0;
      }
      case P.stock:
        return readStock({ text: dc.context.activity.text ?? '', value: null }, u) !== null;
      case P.summary:
      case P.change:
      case P.what:
        return false;
      default:
        return !mentions;
    }
  }

  private async applyMessage(dc: DialogContext, s: OrderSession, message: Understanding, text: string) {
    const { catalog, customers } = await this.turnData(dc);
    const customer = customers.find((c) => c.id === s.draft.customerId);
    // s13 (services): durations ("2 Stunden") and wished times ("gegen halb drei") of service bookings.
    const serviceSkus = s.draft.lines.filter((l) => catalog.some((p) => p.sku === l.sku && p.kind === 'service')).map((l) => l.sku);
    const u = withServiceWishes(message, text, catalog, serviceSkus);
    const timeWish = (u.time && (u.service || serviceSkus.length) && u.time !== s.slotWish.time) ? u.time : null;
    const lengthBefore = new Map(serviceSkus.map((sku) => [sku, s.draft.lines.find((l) => l.sku === sku)?.quantity ?? 0]));
    const applied = applyUnderstanding(s, u, {
      catalog,
      customers,
      today: berlinToday(this.now()),
      text,
      addressComplete: isComplete,
      addressName: customer?.name ?? '',
    });
    if (timeWish) {
      s.slotWish = { ...s.slotWish, time: timeWish };
      s.slots = {};
      return { ...applied, changed: true };
    }
    // "make that 2 hours" after a time was chosen: the time stays if the longer appointment still fits there.
    if (await this.recheckLengths(dc, s, catalog, lengthBefore)) return { ...applied, changed: true };
    return applied;
  }

  /** Chosen times of services whose length changed are checked again; one that no longer fits is asked anew near it. */
  private async recheckLengths(dc: DialogContext, s: OrderSession, catalog: readonly Product[], before: Map<string, number>): Promise<boolean> {
    let cleared = false;
    for (const [sku, was] of before) {
      const start = s.slots[sku];
      const quantity = s.draft.lines.find((l) => l.sku === sku)?.quantity ?? 0;
      const product = catalog.find((p) => p.sku === sku);
      if (!start || !product || quantity === was || quantity === 0) continue;
      if ((await checkServiceSlot(this.db, product, quantity, start, [], this.now())).ok) continue;
      delete s.slots[sku];
      s.slotWish = { ...s.slotWish, date: berlinDateOf(new Date(start)), time: berlinTimeOf(new Date(start)) };
      await dc.context.sendActivity(serviceTexts(s.locale, 'slotTooShort', { slot: formatSlot(start, s.locale), duration: durationText(serviceMinutes(product, quantity), s.locale) }));
      cleared = true;
    }
    return cleared;
  }

  /** Adds the quantities of a submitted catalog card (unusable ones are asked again); false when it held none. */
  private applyCatalog(s: OrderSession, value: Record<string, unknown>, catalog: readonly Product[]): boolean {
    const { lines, invalid } = catalogQuantities(value, catalog);
    for (const { sku, quantity } of lines) {
      const existing = s.draft.lines.find((l) => l.sku === sku)?.quantity ?? 0;
      setLineQuantity(s, sku, existing + quantity);
    }
    for (const sku of invalid) askQuantityAgain(s, sku);
    return lines.length + invalid.length > 0;
  }

  /** Lines and open questions whose product left the catalog while the draft was open go, with a note. */
  private async dropVanished(dc: DialogContext, s: OrderSession, catalog: readonly Product[]): Promise<void> {
    const listed = (sku: string) => catalog.some((p) => p.sku === sku);
    const gone = [...new Set([...s.draft.lines.map((line) => line.sku), ...s.quantityMissing])].filter((sku) => !listed(sku));
    for (const sku of gone) {
      dropLine(s, sku);
      const name = (await findProduct(this.db, sku))?.name[s.locale] ?? sku;
      await dc.context.sendActivity(tx(s.locale, 'productGone', { name }));
    }
  }

  /** Starts the flow again from the top: every step skips what is already settled and asks the next open thing. */
  private async replan(dc: DialogContext): Promise<DialogTurnResult> {
    await dc.cancelAllDialogs();
    return dc.beginDialog(MAIN);
  }

  protected async recognizeInterruption(dc: DialogContext): Promise<Interruption | null> {
    // Cancel on any summary card still on screen is the same as typing "abbrechen": asked first, "no" goes back.
    if (cardActionOf(dc.context.activity.value) === 'order.cancel') return { kind: 'cancel' };
    if (!dc.context.activity.text) return null;
    const u = (await this.turnData(dc)).understanding;
    if (!u) return null;
    if (u.intent === 'help') return { kind: 'help' };
    if (u.intent === 'cancel') return { kind: 'cancel' };
    if (u.intent === 'order_status' && u.order) return { kind: 'status', reference: u.order };
    return null;
  }

  protected say(dc: DialogContext, text: InterruptionText): string {
    const s = this.session(dc);
    const keys: Record<InterruptionText, Parameters<typeof tx>[1]> = {
      help: 'help',
      askCancel: 'askCancel',
      cancelled: 'cancelled',
      notCancelled: 'notCancelled',
      askResume: 'askContinue',
      discarded: 'discarded',
      yes: 'yes',
      no: 'no',
    };
    return tx(s.locale, keys[text], { lines: this.linesSummary(dc, s) });
  }

  protected localeOf(dc: DialogContext): Locale {
    return this.session(dc).locale;
  }

  protected hasUnsavedWork(dc: DialogContext): boolean {
    return hasContent(this.session(dc));
  }

  protected async answerStatus(dc: DialogContext, reference: string): Promise<string> {
    const s = this.session(dc);
    const order = await getOrder(this.db, actorOf(s), reference);
    const answer = order
      ? tx(s.locale, 'statusAnswer', { number: order.number, status: statusLabel(order.status, s.locale) })
      : tx(s.locale, 'statusUnknown', { number: reference });
    return `${answer}\n\n${tx(s.locale, 'statusResume')}`;
  }

  // ------------------------------------------------------------------ helpers

  private session(dc: DialogContext): OrderSession {
    const s = this.componentState(dc)[SESSION] as OrderSession;
    // The host resolves the language every turn ("English please" may have switched it).
    const user = turnUser(dc);
    if (user && user.locale !== s.locale && user.person?.id === s.person.id) s.locale = user.locale;
    // Who orders is read fresh every turn too: a role changed meanwhile counts now, not when the draft began.
    if (user?.person && user.person.id === s.person.id) s.person = user.person;
    return s;
  }

  private linesSummary(dc: DialogContext, s: OrderSession): string {
    if (s.draft.lines.length === 0) return tx(s.locale, 'nothingYet');
    const catalog = (dc.context.turnState.get(TURN) as TurnData | undefined)?.catalog ?? [];
    const name = (sku: string) => catalog.find((p) => p.sku === sku)?.name ?? { de: sku, en: sku };
    return orderLinesText(s.draft.lines.map((l) => ({ quantity: l.quantity, name: name(l.sku) })), s.locale);
  }

  /** Catalog, customers and this message's understanding, loaded once per turn. */
  private async turnData(dc: DialogContext, given?: Understanding): Promise<TurnData> {
    const context = dc.context;
    let data = context.turnState.get(TURN) as TurnData | undefined;
    if (!data) {
      const { catalog, customers } = await referenceDataOf(this.db).current(context);
      data = { catalog, customers, understanding: given ?? null };
      context.turnState.set(TURN, data);
      const text = context.activity.text?.trim();
      if (text && !given) {
        const locale = this.componentState(dc)[SESSION] ? this.session(dc).locale : turnUser(dc)?.locale ?? 'de';
        data.understanding = await understand(text, { locale, catalog, customers, now: this.now() });
        // s13 (services): "make that 2 hours" names the draft's service, so it is a change, not an answer.
        if (this.componentState(dc)[SESSION]) {
          const lines = this.session(dc).draft.lines.filter((l) => catalog.some((p) => p.sku === l.sku && p.kind === 'service'));
          data.understanding = withServiceWishes(data.understanding, text, catalog, lines.map((l) => l.sku));
        }
      }
    }
    if (given) data.understanding = given;
    return data;
  }

  /** Stock and production answers for the draft's lines, once per turn for the same lines, on the turn's catalog. */
  private async checkLines(dc: DialogContext, s: OrderSession): Promise<LineCheck[]> {
    const turn = await this.turnData(dc);
    turn.checks ??= new Map();
    const key = JSON.stringify(s.draft.lines.map((l) => [l.sku, l.quantity]));
    let checks = turn.checks.get(key);
    if (!checks) {
      checks = checkLines(this.db, s.draft.lines, this.now(), turn.catalog);
      turn.checks.set(key, checks);
    }
    return checks;
  }

  /** The turn data inside a validator: the message always passed onContinueDialog first, which loaded it. */
  private turnOf(p: PromptValidatorContext<unknown>): TurnData {
    const data = p.context.turnState.get(TURN) as TurnData | undefined;
    if (!data) throw new Error('turn data not loaded before the prompt');
    return data;
  }

  private understood(p: PromptValidatorContext<unknown>): Understanding | null {
    return this.turnOf(p).understanding;
  }

  /** Whether the draft's customer is a private one, who reads prices including VAT (none chosen yet: net). */
  private async isConsumer(dc: DialogContext, s: OrderSession): Promise<boolean> {
    const { customers } = await this.turnData(dc);
    return customers.find((c) => c.id === s.draft.customerId)?.kind === 'b2c';
  }

  private async customer(dc: DialogContext): Promise<Customer> {
    const s = this.session(dc);
    // The turn's list has every customer already; a customer added during this turn is read by id.
    const customer = (await this.turnData(dc)).customers.find((c) => c.id === s.draft.customerId) ?? (await getCustomer(this.db, s.draft.customerId!));
    if (!customer) throw new Error(`customer ${s.draft.customerId} not found`);
    return customer;
  }
}

function turnUser(dc: { context: DialogContext['context'] }): TurnUser | null {
  try {
    return getTurnUser(dc.context);
  } catch {
    return null; // started without the bot's turn setup (tests, tools): the dialog options carry the user
  }
}

/**
 * A requested date the order cannot meet (made to order after it, stock arriving after it) is said plainly with
 * the earliest possible date before the customer confirms; placing keeps the same rule (promisedDate).
 */
function dateWarning(s: OrderSession, checks: readonly LineCheck[]): string | null {
  const requested = s.draft.requestedDate;
  if (!requested) return null;
  const earliest = promisedDate({
    requestedDate: null,
    completionDates: checks.flatMap((c) => (c.completionDate ? [c.completionDate] : [])),
    backorderRestockDates: s.backorderChoice ? checks.filter((c) => c.kind === 'goods' && !c.ok).map((c) => c.restockDate ?? null) : [],
    serviceDates: [],
  });
  if (!earliest || earliest <= requested) return null;
  return tx(s.locale, 'dateNotMet', { requested: formatDay(requested, s.locale), earliest: formatDay(earliest, s.locale) });
}

function actorOf(s: OrderSession): Actor {
  return { personId: s.person.id, role: s.person.role, customerId: s.person.customerId, channel: s.channel };
}

function lineKey(c: { sku: string; quantity: number }): string {
  return `${c.sku}:${c.quantity}`;
}

function isComplete(a: Parameters<typeof missingAddressFields>[0]): boolean {
  return missingAddressFields(a).length === 0;
}

function fieldNames(fields: AddressField[], locale: Locale): string {
  const key = { street: 'fieldStreet', postcode: 'fieldPostcode', city: 'fieldCity', country: 'fieldCountry' } as const;
  return fields.map((f) => tx(locale, key[f])).join(', ');
}

function pendingPrompt(dc: DialogContext): string | undefined {
  return dc.activeDialog?.id;
}
