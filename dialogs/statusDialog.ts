import { MessageFactory, TurnContext } from 'botbuilder';
import { ComponentDialog, DialogTurnResult, TextPrompt, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import type { Db } from '../data/db';
import { getOrder, getOrderSummary, listOrders, type Actor, type OrderSummary } from '../data/orders';
import { findCustomerByNumber } from '../data/parties';
import { berlinDateOf } from '../domain/calendar';
import { statusIs } from '../domain/lifecycle';
import type { Locale } from '../domain/locale';
import { formatMoney } from '../domain/money';
import { formatDate, orderLinesText } from './format';
import { matchStaffCommand } from './staffCommands';
import { isStaff } from '../domain/parties';
import { orderLabel } from './orderLabels';
import { orderCard } from './staff/orderCard';
import { replyCustomerOrders, replyOrderList } from './staff/orderLists';
import { actorOf } from './turnUser';
import { statusTexts } from './texts/status';
import { orderNumberIn } from './understanding';

export const STATUS_DIALOG_ID = 'statusDialog';
const FLOW = 'statusFlow';
const WHICH_ORDER = 'statusWhichOrder';

/**
 * What was asked: an order number, a customer (number from the recognizer or words from the staff matcher),
 * or late orders. All optional: "Wo bleibt meine Bestellung?" comes without any of them.
 */
export interface StatusDialogOptions {
  order?: string | null;
  customer?: string | null;
  customerQuery?: string | null;
  late?: boolean;
}

export interface StatusDialogDeps {
  db: Db;
  now?: () => Date;
}

const RECENT = 10;

/**
 * Status questions in plain language. Customers only ever see their own account's orders, and a number from
 * another account gets exactly the answer an unknown number gets. Staff get order cards and lists.
 */
export class StatusDialog extends ComponentDialog {
  private readonly now: () => Date;

  constructor(private readonly deps: StatusDialogDeps) {
    super(STATUS_DIALOG_ID);
    this.now = deps.now ?? (() => new Date());
    this.addDialog(new TextPrompt(WHICH_ORDER));
    this.addDialog(new WaterfallDialog(FLOW, [this.answerStep.bind(this), this.chosenStep.bind(this)]));
    this.initialDialogId = FLOW;
  }

  /**
   * Answers at once what needs no question back: whatever staff ask, and a customer's question that names the order.
   * The main dialog asks this first (IntentRoute.answer), so such a question begins no dialog. False: nothing was
   * said, and the question takes the dialog (a customer's "Wo bleibt meine Bestellung?").
   */
  async answerAtOnce(context: TurnContext, options: unknown): Promise<boolean> {
    const { actor, locale } = actorOf(context);
    if (!actor) return false;
    const request = requestOf(options, context.activity.text ?? '');
    if (isStaff(actor.role)) {
      await this.answerStaff(context, actor, locale, request);
      return true;
    }
    if (request.order) {
      await this.answerOne(context, actor, locale, request.order);
      return true;
    }
    return false;
  }

  private async answerStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { actor, locale } = actorOf(step.context);
    if (!actor || (await this.answerAtOnce(step.context, step.options))) return step.endDialog();
    const { orders } = await listOrders(this.deps.db, actor, { customerId: actor.customerId ?? undefined, limit: RECENT }, this.now());
    if (orders.length === 0) {
      await step.context.sendActivity(statusTexts(locale, 'noOrders'));
      return step.endDialog();
    }
    const pending = orders.filter((o) => statusIs(o.status, 'onTheWay'));
    if (pending.length <= 1) {
      await step.context.sendActivity(customerSummary(pending[0] ?? orders[0], locale));
      return step.endDialog();
    }
    const choices = pending.map((o) => ({
      value: o.number,
      title: statusTexts(locale, 'choiceLabel', { number: o.number, date: formatDate(berlinDateOf(new Date(o.createdAt)), locale) }),
    }));
    const question = MessageFactory.suggestedActions(
      choices.map((c) => ({ type: 'imBack', title: c.title, value: c.value })),
      statusTexts(locale, 'whichOrder'),
    );
    return step.prompt(WHICH_ORDER, { prompt: question });
  }

  private async chosenStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { actor, locale } = actorOf(step.context);
    const number = orderNumberIn(String(step.result ?? ''));
    if (!actor || !number) await step.context.sendActivity(statusTexts(locale, 'askNumber'));
    else await this.answerOne(step.context, actor, locale, number);
    return step.endDialog();
  }

  private async answerOne(context: TurnContext, actor: Actor, locale: Locale, number: string): Promise<void> {
    // getOrderSummary gives null both for unknown numbers and for other accounts' orders: one answer for both.
    const view = await getOrderSummary(this.deps.db, actor, number);
    await context.sendActivity(view ? customerSummary(view, locale) : statusTexts(locale, 'unknownOrder', { number }));
  }

  private async answerStaff(context: TurnContext, actor: Actor, locale: Locale, options: StatusDialogOptions): Promise<void> {
    const { db } = this.deps;
    if (options.order) {
      const view = await getOrder(db, actor, options.order);
      if (view) await context.sendActivity(MessageFactory.attachment(orderCard(view, actor, locale)));
      // Staff see every order, so a number they do not find is one that does not exist (no account to look in).
      else await context.sendActivity(statusTexts(locale, 'unknownOrderStaff', { number: options.order }));
    } else if (options.late) {
      await replyOrderList(context, db, actor, locale, { kind: 'late' }, 0, this.now());
    } else if (options.customer) {
      const customer = await findCustomerByNumber(db, options.customer);
      if (customer) await replyOrderList(context, db, actor, locale, { kind: 'customer', customerId: customer.id, name: customer.name }, 0, this.now());
      else await replyCustomerOrders(context, db, actor, locale, options.customer, this.now());
    } else if (options.customerQuery) {
      await replyCustomerOrders(context, db, actor, locale, options.customerQuery, this.now());
    } else {
      await context.sendActivity(statusTexts(locale, 'askNumber'));
    }
  }
}

/** What was asked: the recognizer's options, or read from the text when the dialog was started without them. */
function requestOf(given: unknown, text: string): StatusDialogOptions {
  const passed = (given ?? {}) as StatusDialogOptions & { understanding?: StatusDialogOptions };
  const options = passed.understanding ?? passed;
  if (options.order || options.customer || options.customerQuery || options.late) return options;
  const command = matchStaffCommand(text);
  if (command?.kind === 'order_status') return { order: command.order };
  if (command?.kind === 'late') return { late: true };
  if (command?.kind === 'customer_orders') return { customerQuery: command.customer };
  const number = orderNumberIn(text);
  return number ? { order: number } : {};
}

/** The plain-language answer a customer gets about one of their orders. */
export function customerSummary(view: OrderSummary, locale: Locale): string {
  const parts = [
    statusTexts(locale, 'summary', {
      number: view.number, date: formatDate(berlinDateOf(new Date(view.createdAt)), locale), status: orderLabel(view, locale),
    }),
    statusTexts(locale, 'summaryLines', { lines: orderLinesText(view.lines, locale), total: formatMoney(view.totals.grossCents, locale) }),
  ];
  if (view.status === 'on_hold') parts.push(statusTexts(locale, 'summaryHeld'));
  for (const s of view.shipments) {
    parts.push(statusTexts(locale, 'summaryShipment', {
      carrier: s.carrier, tracking: s.trackingNumber, note: s.deliveryNoteNumber, date: formatDate(berlinDateOf(new Date(s.createdAt)), locale),
    }));
  }
  if (view.status === 'partially_shipped') {
    const open = view.lines
      .filter((l) => l.kind !== 'service' && l.quantity > l.shippedQuantity)
      .map((l) => ({ ...l, quantity: l.quantity - l.shippedQuantity }));
    if (open.length) parts.push(statusTexts(locale, 'summaryPartial', { lines: orderLinesText(open, locale) }));
  }
  if (statusIs(view.status, 'promisePending') && view.promisedDate) parts.push(statusTexts(locale, 'summaryPromised', { date: formatDate(view.promisedDate, locale) }));
  return parts.join(' ');
}
