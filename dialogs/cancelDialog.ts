import { MessageFactory } from 'botbuilder';
import { ComponentDialog, DialogTurnResult, TextPrompt, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import type { Db } from '../data/db';
import { getOrder, listOrders, type OrderView } from '../data/orders';
import { cancelAppointment, quoteCancellation, transitionOrder } from '../operations';
import { appointmentSentence, lateFeeList } from './appointmentDetails';
import { serviceTexts } from './texts/services';
import { berlinDateOf } from '../domain/calendar';
import { statusesWhere } from '../domain/lifecycle';
import type { Locale } from '../domain/locale';
import { formatMoney } from '../domain/money';
import { formatDate, formatDateTime, orderLinesText } from './format';
import { orderLabel } from './orderLabels';
import { cancelRefusal, cancelRefusalText, changedMeanwhileText } from './resultTexts';
import { actorOf } from './turnUser';
import { cancelTexts as tx } from './texts/cancel';
import { orderNumberIn, understand, type Understanding } from './understanding';

export const CANCEL_DIALOG_ID = 'cancelDialog';
const FLOW = 'cancelFlow';
const WHICH = 'cancelWhich';
const CONFIRM = 'cancelConfirm';
const REASON = 'cancelReason';

/** What the recognizer passes: the whole understanding of the first message. */
export interface CancelDialogOptions {
  understanding?: Partial<Pick<Understanding, 'intent' | 'order'>>;
}

export interface CancelDialogDeps {
  db: Db;
  now?: () => Date;
}

/** Orders offered for cancelling: nothing has left the house yet (the lifecycle decides in the end). */
const cancellableStatuses = statusesWhere('beforeShipping');
const CHOICES = 10;
/** A staff member stopping at the reason question instead of giving one. */
const STOP = /^\W*(abbrechen|abbruch|stopp?|cancel|stop|never ?mind)\W*$/i;

interface Pending {
  number: string;
  version: number;
  /** A late cancellation of an appointment: the net fee the customer was told before saying yes. */
  feeCents?: number;
}

/**
 * "Auftrag 1003 stornieren", "cancel my appointment": finds the order, shows what would be cancelled, asks
 * for a yes, then takes the lifecycle step to cancelled, which releases stock, machine days and appointments
 * and tells the customer. Another account's order number gets the answer an unknown number gets.
 */
export class CancelDialog extends ComponentDialog {
  private readonly now: () => Date;

  constructor(private readonly deps: CancelDialogDeps) {
    super(CANCEL_DIALOG_ID);
    this.now = deps.now ?? (() => new Date());
    this.addDialog(new TextPrompt(WHICH));
    this.addDialog(new TextPrompt(CONFIRM));
    this.addDialog(new TextPrompt(REASON));
    this.addDialog(
      new WaterfallDialog(FLOW, [this.findStep.bind(this), this.showStep.bind(this), this.confirmStep.bind(this), this.cancelStep.bind(this)]),
    );
    this.initialDialogId = FLOW;
  }

  private async findStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { actor, locale } = actorOf(step.context);
    if (!actor) return step.endDialog();
    const understanding = (step.options as CancelDialogOptions | undefined)?.understanding ?? {};
    const bookingsOnly = understanding.intent === 'cancel_booking';
    const number = understanding.order ?? orderNumberIn(step.context.activity.text);
    if (number) return step.next(number);
    if (actor.role !== 'customer') {
      await step.context.sendActivity(tx(locale, 'askNumberCancel'));
      return step.endDialog();
    }
    const { orders } = await listOrders(this.deps.db, actor, { statuses: cancellableStatuses, limit: CHOICES }, this.now());
    const candidates = orders.filter((o) => !cancelRefusal(o, actor) && (!bookingsOnly || bookedAppointments(o).length > 0));
    if (candidates.length === 0) {
      await step.context.sendActivity(tx(locale, bookingsOnly ? 'noBookingsToCancel' : 'nothingToCancel'));
      return step.endDialog();
    }
    if (candidates.length === 1) return step.next(candidates[0].number);
    const question = MessageFactory.suggestedActions(
      candidates.map((o) => ({ type: 'imBack', title: choiceTitle(o, locale, bookingsOnly), value: o.number })),
      tx(locale, bookingsOnly ? 'whichBookingCancel' : 'whichOrder'),
    );
    return step.prompt(WHICH, { prompt: question });
  }

  private async showStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { actor, locale } = actorOf(step.context);
    const number = orderNumberIn(String(step.result ?? ''));
    if (!actor || !number) {
      await step.context.sendActivity(tx(locale, 'askNumberCancel'));
      return step.endDialog();
    }
    const view = await getOrder(this.deps.db, actor, number);
    if (!view) {
      await step.context.sendActivity(tx(locale, 'unknownOrder', { number }));
      return step.endDialog();
    }
    const refusal = cancelRefusal(view, actor);
    if (refusal) {
      await step.context.sendActivity(cancelRefusalText(refusal, view.number, locale, orderLabel(view, locale)));
      return step.endDialog();
    }
    pendingOf(step).pending = { number: view.number, version: view.version };
    const yes = tx(locale, 'yesCancel');
    const no = tx(locale, 'noKeep');
    // Within 24 hours of an appointment the fee is told before the yes (goods of a mixed order are cancelled as always).
    let question = whatWouldBeCancelled(view, locale);
    if (bookedAppointments(view).length) {
      const quote = await quoteCancellation(this.deps.db, actor, view.number, undefined, this.now());
      if (quote.ok && quote.quote.late) {
        pendingOf(step).pending!.feeCents = quote.quote.feeCents;
        const params = { fee: formatMoney(quote.quote.feeCents, locale), service: serviceName(view, quote.quote.sku, locale) };
        // Several appointments: which ones carry the fee, each with its own, and the total.
        question += ` ${quote.quote.appointments.length > 1
          ? serviceTexts(locale, 'lateFeeNoticeSeveral', { ...params, list: await lateFeeList(this.deps.db, quote.quote.appointments, locale) })
          : serviceTexts(locale, quote.quote.otherLines ? 'lateFeeNoticeMixed' : 'lateFeeNotice', params)}`;
      }
    }
    return step.prompt(CONFIRM, { prompt: MessageFactory.suggestedActions([yes, no], question) });
  }

  private async confirmStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { actor, locale } = actorOf(step.context);
    const { pending } = pendingOf(step) as Required<PendingState>;
    if (!actor || !saidYes(String(step.result ?? ''), locale)) {
      await step.context.sendActivity(tx(locale, 'kept', { number: pending.number }));
      return step.endDialog();
    }
    // Staff cancel for a reason the customer is told; a customer's own cancellation says so itself.
    // Anyone but the customer gives their own reason, so the customer is never told they cancelled it themselves.
    if (actor.role !== 'customer') return step.prompt(REASON, { prompt: MessageFactory.text(tx(locale, 'askReason', { number: pending.number })) });
    return step.next(tx(locale, 'customerReason'));
  }

  private async cancelStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { actor, locale } = actorOf(step.context);
    const { pending } = pendingOf(step) as Required<PendingState>;
    const reason = String(step.result ?? '').trim();
    if (!actor || !reason || STOP.test(reason) || understand(reason, { locale, catalog: [] }).confirm === false) {
      await step.context.sendActivity(tx(locale, 'kept', { number: pending.number }));
      return step.endDialog();
    }
    // The appointments as they were, to say which one is cancelled (with its .ics link, which now reads as cancelled).
    const before = await getOrder(this.deps.db, actor, pending.number);
    const cancelledAppointments = async () => {
      if (!before || actor.personId == null) return '';
      const calendarFor = { personId: actor.personId, now: this.now() };
      const lines = await Promise.all(bookedAppointments(before).map((b) => appointmentSentence(this.deps.db, before, b, locale, calendarFor, 'cancelledLine')));
      return lines.length ? ` ${lines.join(' ')}` : '';
    };
    if (pending.feeCents != null) {
      const late = await cancelAppointment(this.deps.db, actor, { orderNumber: pending.number, acceptedFeeCents: pending.feeCents, reason }, this.now());
      if (late.ok) {
        const key = late.quote.appointments.length > 1 ? 'lateCancelledSeveral' : late.quote.otherLines ? 'lateCancelledMixed' : 'lateCancelled';
        await step.context.sendActivity((late.quote.late
          ? serviceTexts(locale, key, { number: pending.number, fee: formatMoney(late.quote.feeCents, locale) })
          : tx(locale, 'cancelled', { number: pending.number })) + (await cancelledAppointments()));
      } else {
        await step.context.sendActivity(late.code === 'fee_not_accepted' ? serviceTexts(locale, 'lateFeeChanged', { number: pending.number }) : changedMeanwhileText(pending.number, locale));
      }
      return step.endDialog();
    }
    const result = await transitionOrder(
      this.deps.db, actor, pending.number, { to: 'cancelled', reason, expectedVersion: pending.version }, this.now(),
    );
    if (result.ok) {
      await step.context.sendActivity(tx(locale, 'cancelled', { number: pending.number }) + (await cancelledAppointments()));
    } else if (result.code === 'conflict') {
      await step.context.sendActivity(changedMeanwhileText(pending.number, locale));
    } else {
      // Refused although it looked possible a moment ago: explain with the status it has now.
      const view = await getOrder(this.deps.db, actor, pending.number);
      const refusal = view && cancelRefusal(view, actor);
      await step.context.sendActivity(
        view && refusal ? cancelRefusalText(refusal, view.number, locale, orderLabel(view, locale)) : tx(locale, 'unknownOrder', { number: pending.number }),
      );
    }
    return step.endDialog();
  }
}

interface PendingState {
  pending?: Pending;
}

/** The order being cancelled, kept in the waterfall's values across turns. */
function pendingOf(step: WaterfallStepContext): PendingState {
  return step.values as PendingState;
}

function bookedAppointments(view: OrderView) {
  return view.serviceBookings.filter((b) => b.status === 'booked');
}

function serviceName(view: OrderView, sku: string, locale: Locale): string {
  return view.lines.find((l) => l.sku === sku)?.name[locale] ?? sku;
}

function choiceTitle(view: OrderView, locale: Locale, bookingsOnly: boolean): string {
  const [appointment] = bookedAppointments(view);
  if (bookingsOnly && appointment) {
    return tx(locale, 'bookingChoice', {
      number: view.number, service: serviceName(view, appointment.sku, locale), when: formatDateTime(appointment.start, locale),
    });
  }
  const date = formatDate(berlinDateOf(new Date(view.createdAt)), locale);
  return tx(locale, 'orderChoice', { number: view.number, date, lines: orderLinesText(view.lines, locale) });
}

function whatWouldBeCancelled(view: OrderView, locale: Locale): string {
  const parts = [tx(locale, 'confirmCancel', { number: view.number, lines: orderLinesText(view.lines, locale), total: formatMoney(view.totals.grossCents, locale) })];
  for (const b of bookedAppointments(view)) {
    parts.push(tx(locale, 'appointmentNote', { service: serviceName(view, b.sku, locale), when: formatDateTime(b.start, locale) }));
  }
  return parts.join(' ');
}

/** A yes to the question, typed or from the button; anything unclear keeps the order. */
function saidYes(text: string, locale: Locale): boolean {
  return understand(text, { locale, catalog: [] }).confirm === true;
}
