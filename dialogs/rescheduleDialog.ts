import { MessageFactory, type Activity } from 'botbuilder';
import { ComponentDialog, DialogTurnResult, TextPrompt, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { bindCard } from '../cards/bind';
import { findServiceSlots } from '../data/bookings';
import { rescheduleBooking, type RescheduleResult } from '../operations';
import type { Db } from '../data/db';
import { getOrder, listOrders, type Actor, type OrderView, type ServiceBookingView } from '../data/orders';
import { checkReschedule, reschedulableStatuses } from '../domain/bookingRules';
import { addDays, berlinToday } from '../domain/calendar';
import type { Locale } from '../domain/locale';
import type { PartOfDay } from '../domain/slots';
import { movedAppointmentText } from './appointmentDetails';
import { cardActionOf } from './cardActions';
import { AnswerPrompt, type Answer } from './answerPrompt';
import { isStaff } from '../domain/parties';
import { may } from '../domain/permissions';
import { formatDateTime, formatSlot } from './format';
import { slotPartOfDay } from './order/changes';
import { orderLabel } from './orderLabels';
import { rescheduleResultText } from './resultTexts';
import { actorOf } from './turnUser';
import { cancelTexts as tx } from './texts/cancel';
import { orderNumberIn, understand, type Understanding } from './understanding';

export const RESCHEDULE_DIALOG_ID = 'rescheduleDialog';
/** The submit action of the slot buttons; routed to this dialog even when no conversation is open. */
export const RESCHEDULE_SLOT_ACTION = 'reschedule.slot';
const FLOW = 'rescheduleFlow';
const SLOTS = 'rescheduleSlots';
const WHICH = 'rescheduleWhich';
const SLOT_ANSWER = 'rescheduleSlotAnswer';
const OFFERED = 6;

export interface RescheduleDialogOptions {
  understanding?: Partial<Pick<Understanding, 'order' | 'service' | 'date' | 'partOfDay'>>;
  /** A slot button clicked after its conversation had ended. */
  value?: unknown;
}

export interface RescheduleDialogDeps {
  db: Db;
  now?: () => Date;
}

interface Wish {
  date: string | null;
  partOfDay: PartOfDay | null;
}

/** One appointment being moved, carried through the slot loop. */
interface Moving extends Wish {
  number: string;
  sku: string;
  service: string;
  currentStart: string;
  quantity: number;
  taken?: boolean;
}

/** What the first turn found out, for the step after the appointment is chosen. */
interface FlowValues {
  wish?: Wish;
  service?: string | null;
}

interface SlotClick {
  order: string;
  sku: string;
  start: string;
}

/**
 * "Termin auf Donnerstag verschieben", "move my printer maintenance to next Tuesday morning": finds the booked
 * appointment, offers free times on or after the wished day as card buttons, and moves the booking. Another
 * day named instead of a click looks again there; a time taken in the meantime is said so, with fresh offers.
 */
export class RescheduleDialog extends ComponentDialog {
  private readonly now: () => Date;

  constructor(private readonly deps: RescheduleDialogDeps) {
    super(RESCHEDULE_DIALOG_ID);
    this.now = deps.now ?? (() => new Date());
    this.addDialog(new TextPrompt(WHICH));
    this.addDialog(new AnswerPrompt(SLOT_ANSWER, async () => true));
    this.addDialog(new WaterfallDialog(FLOW, [this.findStep.bind(this), this.chosenStep.bind(this)]));
    this.addDialog(new WaterfallDialog(SLOTS, [this.offerStep.bind(this), this.answerStep.bind(this)]));
    this.initialDialogId = FLOW;
  }

  private async findStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { actor, locale } = actorOf(step.context);
    if (!actor) return step.endDialog();
    // A customer without an account has no appointments to move (answered below); everyone else asks the rule.
    if (actor.role !== 'customer' && !may(actor, 'moveAppointment')) {
      await step.context.sendActivity(tx(locale, 'moveNotAllowed'));
      return step.endDialog();
    }
    const options = (step.options ?? {}) as RescheduleDialogOptions;
    const click = slotClickOf(options.value);
    if (click) return this.move(step, actor, locale, click, null);

    const understanding = options.understanding ?? {};
    const values = step.values as FlowValues;
    values.wish = { date: understanding.date ?? null, partOfDay: slotPartOfDay(understanding.partOfDay) };
    values.service = understanding.service ?? null;
    const number = understanding.order ?? orderNumberIn(step.context.activity.text);
    if (number) return step.next(number);
    if (isStaff(actor.role)) {
      await step.context.sendActivity(tx(locale, 'askNumberMove'));
      return step.endDialog();
    }
    const now = this.now();
    const { orders } = await listOrders(this.deps.db, actor, { statuses: [...reschedulableStatuses], limit: 20 }, now);
    const upcoming = orders.filter((o) => movableAppointment(o, understanding.service ?? null, now));
    // "move my printer maintenance": only that service's appointments, unless there is none of it.
    const candidates = upcoming.length ? upcoming : orders.filter((o) => movableAppointment(o, null, now));
    if (candidates.length === 0) {
      await step.context.sendActivity(tx(locale, 'noBookingsToMove'));
      return step.endDialog();
    }
    if (candidates.length === 1) return step.next(candidates[0].number);
    const titles = candidates.map((o) => {
      const b = movableAppointment(o, understanding.service ?? null, now) ?? movableAppointment(o, null, now)!;
      return { type: 'imBack', title: tx(locale, 'bookingChoice', { number: o.number, service: serviceName(o, b.sku, locale), when: formatDateTime(b.start, locale) }), value: o.number };
    });
    return step.prompt(WHICH, { prompt: MessageFactory.suggestedActions(titles, tx(locale, 'whichBookingMove')) });
  }

  private async chosenStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { actor, locale } = actorOf(step.context);
    const number = orderNumberIn(String(step.result ?? ''));
    if (!actor || !number) {
      await step.context.sendActivity(tx(locale, 'askNumberMove'));
      return step.endDialog();
    }
    const view = await getOrder(this.deps.db, actor, number);
    if (!view) {
      await step.context.sendActivity(tx(locale, 'unknownOrder', { number }));
      return step.endDialog();
    }
    const { service, wish } = step.values as FlowValues;
    const moving = this.movingOf(view, service ?? null, wish ?? { date: null, partOfDay: null }, locale);
    if (typeof moving === 'string') {
      await step.context.sendActivity(moving);
      return step.endDialog();
    }
    return step.replaceDialog(SLOTS, moving);
  }

  /** The appointment to move, or the polite reason why there is none that may be moved. */
  private movingOf(view: OrderView, service: string | null, wish: Wish, locale: Locale): Moving | string {
    const booked = view.serviceBookings.filter((b) => b.status === 'booked');
    const appointment = booked.find((b) => b.sku === service) ?? booked.find((b) => new Date(b.start) > this.now()) ?? booked[0];
    if (!appointment) return tx(locale, 'noBooking', { number: view.number });
    const rule = checkReschedule(view.status, new Date(appointment.start), this.now());
    if (!rule.ok) {
      return rule.code === 'already_started'
        ? tx(locale, 'alreadyStarted', { number: view.number })
        : tx(locale, 'cannotMove', { number: view.number, status: orderLabel(view, locale) });
    }
    return {
      ...wish,
      number: view.number,
      sku: appointment.sku,
      service: serviceName(view, appointment.sku, locale),
      currentStart: appointment.start,
      quantity: view.lines.find((l) => l.sku === appointment.sku)?.quantity ?? 1,
    };
  }

  private async offerStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { locale } = actorOf(step.context);
    const moving = step.options as Moving;
    const now = this.now();
    const fromDate = moving.date ?? addDays(berlinToday(now), 1);
    const slots = await findServiceSlots(
      this.deps.db, moving.sku, { fromDate, partOfDay: moving.partOfDay, limit: OFFERED, quantity: moving.quantity }, now,
    );
    if (slots.length === 0) return step.prompt(SLOT_ANSWER, { prompt: MessageFactory.text(tx(locale, 'noSlots')) as Activity });
    const question = moving.taken
      ? tx(locale, 'slotTaken')
      : tx(locale, 'offerSlots', { service: moving.service, when: formatDateTime(moving.currentStart, locale) });
    const card = bindCard('rescheduleSlots', {
      question,
      slots: slots.map((s) => ({ title: formatSlot(s.start, locale), order: moving.number, sku: moving.sku, start: s.start })),
    });
    return step.prompt(SLOT_ANSWER, { prompt: MessageFactory.attachment(card) as Activity });
  }

  private async answerStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { actor, locale } = actorOf(step.context);
    const moving = step.options as Moving;
    const answer = step.result as Answer;
    if (!actor) return step.endDialog();
    const click = slotClickOf(answer.value);
    if (click) return this.move(step, actor, locale, click, moving);
    // Another day or part of day instead of a click: look again there.
    const wish = answer.text ? understand(answer.text, { locale, catalog: [], now: this.now() }) : null;
    if (wish?.date || wish?.partOfDay) {
      return step.replaceDialog(SLOTS, { ...moving, date: wish.date ?? moving.date, partOfDay: slotPartOfDay(wish.partOfDay), taken: false });
    }
    await step.context.sendActivity(tx(locale, 'keptAppointment', { when: formatDateTime(moving.currentStart, locale) }));
    return step.endDialog();
  }

  /** Moves the booking the button names; a time taken meanwhile leads back to fresh offers around it. */
  private async move(step: WaterfallStepContext, actor: Actor, locale: Locale, click: SlotClick, moving: Moving | null): Promise<DialogTurnResult> {
    const result = await rescheduleBooking(this.deps.db, actor, click.order, { start: click.start, sku: click.sku }, this.now());
    if (result.ok) {
      // Day and time, then duration, place, who comes and the .ics link of the moved appointment.
      const view = await getOrder(this.deps.db, actor, result.orderNumber);
      const booking = view?.serviceBookings.find((b) => b.sku === result.sku && b.start === result.to.start && b.status === 'booked');
      const calendarFor = actor.personId == null ? undefined : { personId: actor.personId, now: this.now() };
      const details = view && booking ? ` ${await movedAppointmentText(this.deps.db, view, booking, locale, calendarFor)}` : '';
      await step.context.sendActivity(tx(locale, 'moved', { number: result.orderNumber, when: formatDateTime(result.to.start, locale) }) + details);
      return step.endDialog(result);
    }
    if (result.code === 'slot_taken' || result.code === 'slot_invalid') {
      const again = moving ?? (await this.movingAfterClick(actor, locale, click));
      if (typeof again === 'string') {
        await step.context.sendActivity(again);
        return step.endDialog();
      }
      const wishedDay = click.start && !Number.isNaN(Date.parse(click.start)) ? berlinToday(new Date(click.start)) : again.date;
      return step.replaceDialog(SLOTS, { ...again, date: wishedDay, taken: true });
    }
    await step.context.sendActivity(await this.refusalText(actor, locale, click.order, result));
    return step.endDialog(result);
  }

  private async movingAfterClick(actor: Actor, locale: Locale, click: SlotClick): Promise<Moving | string> {
    const view = await getOrder(this.deps.db, actor, click.order);
    if (!view) return tx(locale, 'unknownOrder', { number: click.order });
    return this.movingOf(view, click.sku, { date: null, partOfDay: null }, locale);
  }

  private async refusalText(actor: Actor, locale: Locale, number: string, result: RescheduleResult & { ok: false }): Promise<string> {
    const needsStatus = !['not_found', 'conflict', 'already_started', 'no_booking'].includes(result.code);
    const view = needsStatus ? await getOrder(this.deps.db, actor, number) : null;
    return rescheduleResultText(result, number, locale, view ? orderLabel(view, locale) : null);
  }
}

function slotClickOf(value: unknown): SlotClick | null {
  if (cardActionOf(value) !== RESCHEDULE_SLOT_ACTION) return null;
  const v = value as Record<string, unknown>;
  const [order, sku, start] = [v.order, v.sku, v.start].map((x) => (typeof x === 'string' ? x : ''));
  return order && start ? { order, sku, start } : null;
}

/** The appointment of an order that may still be moved (of the named service, if one is named). */
function movableAppointment(view: OrderView, service: string | null, now: Date): ServiceBookingView | undefined {
  return view.serviceBookings.find(
    (b) => b.status === 'booked' && (!service || b.sku === service) && checkReschedule(view.status, new Date(b.start), now).ok,
  );
}

function serviceName(view: OrderView, sku: string, locale: Locale): string {
  return view.lines.find((l) => l.sku === sku)?.name[locale] ?? sku;
}
