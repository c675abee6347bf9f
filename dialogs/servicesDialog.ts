import { MessageFactory, type Activity } from 'botbuilder';
import { ComponentDialog, DialogTurnResult, TextPrompt, WaterfallDialog, WaterfallStepContext, type PromptValidatorContext } from 'botbuilder-dialogs';
import { bindCard, pageOf } from '../cards/bind';
import type { Db } from '../data/db';
import { visitBookings } from '../data/bookings';
import { dayPlan, resourceByName, resourceOfPerson, serviceResources, type DayPlanEntry } from '../data/resources';
import { addDays, berlinDateTime, berlinTimeOf } from '../domain/calendar';
import type { Locale } from '../domain/locale';
import { isValidActualMinutes } from '../domain/bookingRules';
import { isResourceOwnPerson, may, type Actor } from '../domain/permissions';
import { offerNewSlots, recordAbsence, reportVisit } from '../operations';
import { durationText } from './appointmentDetails';
import { cardActionOf } from './cardActions';
import { formatDate, formatDay, formatSlot } from './format';
import { serviceTexts as tx } from './texts/services';
import { actorOf } from './turnUser';
import { findDuration } from './understanding/durations';
import { readServicePhrase, type ServicePhrase } from './understanding/servicePhrases';
import { understand } from './understanding';

export const SERVICES_DIALOG = 'servicesDialog';
export { SERVICES_INTENT } from './recognizer';
export const OFFER_SLOTS_ACTION = 'services.offerSlots';
/** The next page of a long day plan card. */
export const DAY_PLAN_ACTION = 'services.dayPlan';

const FLOW = 'servicesFlow';
const MINUTES = 'servicesMinutes';
const REPORT = 'servicesReport';
const CONFIRM = 'servicesConfirmVisit';

/** The visit being reported; `asked`: something was asked, so the whole report is confirmed before it counts. */
interface VisitState { order: string; report: string; minutes: number | null; asked: boolean }

/** A duration the report may carry: whole minutes between 1 and 24 hours ("90 Minuten", "1,5 h", "2 Stunden"). */
function durationIn(text: string): number | null {
  const found = findDuration(text);
  return found && isValidActualMinutes(found.minutes) ? found.minutes : null;
}

/**
 * The service day of staff: "meine Termine heute" / "Einsatzplan morgen" (day plan card), "Tom ist am 3.12. krank"
 * (absence, affected bookings to sales), "1004 erledigt: …, 90 Minuten" (visit report; asks for what is missing),
 * and sales' click "offer new slots" under an absence.
 */
export class ServicesDialog extends ComponentDialog {
  constructor(private readonly deps: { db: Db; now?: () => Date }) {
    super(SERVICES_DIALOG);
    this.addDialog(new TextPrompt(MINUTES, async (p: PromptValidatorContext<string>) => durationIn(p.recognized.value ?? '') != null));
    // A report is a few words of what was done, not a bare duration.
    this.addDialog(new TextPrompt(REPORT, async (p: PromptValidatorContext<string>) => reportOf(p.recognized.value ?? '').report.length >= 2));
    this.addDialog(new TextPrompt(CONFIRM, async (p: PromptValidatorContext<string>) => yesOrNo(p.recognized.value ?? '', actorOf(p.context).locale) != null));
    this.addDialog(new WaterfallDialog(FLOW, [
      this.readStep.bind(this), this.reportStep.bind(this), this.minutesStep.bind(this), this.confirmStep.bind(this), this.visitStep.bind(this),
    ]));
    this.initialDialogId = FLOW;
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  private async readStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { actor, locale } = actorOf(step.context);
    if (!actor || actor.role === 'customer') {
      await step.context.sendActivity(tx(locale, 'staffOnly'));
      return step.endDialog();
    }
    const value = step.context.activity.value;
    if (cardActionOf(value) === OFFER_SLOTS_ACTION) {
      await step.context.sendActivity(await this.offerSlots(actor, locale, value as Record<string, unknown>));
      return step.endDialog();
    }
    if (cardActionOf(value) === DAY_PLAN_ACTION) {
      const v = value as Record<string, unknown>;
      const date = String(v.date ?? '');
      if (/^\d{4}-\d{2}-\d{2}$/.test(date)) {
        const scope = v.scope === 'mine' ? 'mine' : 'all';
        await step.context.sendActivity(await this.dayPlanMessage(actor, locale, { kind: 'dayPlan', scope, date }, Number(v.page) || 0));
      }
      return step.endDialog();
    }
    const phrase = readServicePhrase(step.context.activity.text ?? '', this.now());
    if (!phrase) return step.endDialog();
    if (phrase.kind === 'dayPlan') {
      await step.context.sendActivity(await this.dayPlanMessage(actor, locale, phrase));
      return step.endDialog();
    }
    if (phrase.kind === 'absence') {
      await step.context.sendActivity(await this.absence(actor, locale, phrase));
      return step.endDialog();
    }
    const visit: VisitState = { order: phrase.order, report: phrase.report, minutes: phrase.minutes, asked: false };
    (step.values as { visit: VisitState }).visit = visit;
    // Only the technician booked for it (or sales and admin) reports a visit: refused before anything is asked.
    const bookings = await visitBookings(this.deps.db, visit.order);
    if (!bookings.length || !(may(actor, 'reportVisit') || isResourceOwnPerson(actor, bookings.map((b) => b.personId)))) {
      await step.context.sendActivity(tx(locale, 'visitNotFound', { number: visit.order }));
      return step.endDialog();
    }
    if (bookings.every((b) => b.status === 'done')) {
      await step.context.sendActivity(tx(locale, 'visitAlready', { number: visit.order }));
      return step.endDialog();
    }
    if (!visit.report) {
      visit.asked = true;
      return step.prompt(REPORT, { prompt: tx(locale, 'askReport', { number: visit.order }), retryPrompt: tx(locale, 'retryReport') });
    }
    return step.next();
  }

  private async reportStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { locale } = actorOf(step.context);
    const visit = (step.values as { visit: VisitState }).visit;
    if (typeof step.result === 'string') {
      // "Router getauscht, 2 Stunden" answers both questions at once.
      const answer = reportOf(step.result);
      visit.report = answer.report;
      visit.minutes ??= answer.minutes;
    }
    if (visit.minutes == null) {
      visit.asked = true;
      return step.prompt(MINUTES, { prompt: tx(locale, 'askMinutes', { number: visit.order }), retryPrompt: tx(locale, 'retryMinutes') });
    }
    return step.next();
  }

  private async minutesStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { locale } = actorOf(step.context);
    const visit = (step.values as { visit: VisitState }).visit;
    if (typeof step.result === 'string') visit.minutes = durationIn(step.result);
    // Pieced together over several messages: the whole report once more before it is invoiced.
    if (visit.asked) {
      const summary = tx(locale, 'confirmVisit', { number: visit.order, report: visit.report, duration: durationText(visit.minutes!, locale) });
      return step.prompt(CONFIRM, {
        prompt: MessageFactory.suggestedActions([tx(locale, 'yesReport'), tx(locale, 'noReport')], summary),
        retryPrompt: MessageFactory.suggestedActions([tx(locale, 'yesReport'), tx(locale, 'noReport')], tx(locale, 'retryConfirmVisit')),
      });
    }
    return step.next(true);
  }

  private async confirmStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { locale } = actorOf(step.context);
    const visit = (step.values as { visit: VisitState }).visit;
    const yes = typeof step.result === 'string' ? yesOrNo(step.result, locale) : step.result === true;
    if (!yes) {
      await step.context.sendActivity(tx(locale, 'visitNotReported', { number: visit.order }));
      return step.endDialog();
    }
    return step.next();
  }

  private async visitStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { actor, locale } = actorOf(step.context);
    const visit = (step.values as { visit: VisitState }).visit;
    const result = await reportVisit(this.deps.db, actor!, { orderNumber: visit.order, report: visit.report, actualMinutes: visit.minutes! }, this.now());
    let text: string;
    if (result.ok) {
      const service = await this.deps.db('products').where({ sku: result.sku }).first('name_de', 'name_en');
      text = result.changed
        ? tx(locale, 'visitReported', { number: result.orderNumber, service: locale === 'de' ? service?.name_de : service?.name_en, duration: durationText(visit.minutes!, locale) })
        : tx(locale, 'visitAlready', { number: result.orderNumber });
    } else if (result.code === 'several_bookings') {
      text = tx(locale, 'visitSeveral', { number: visit.order });
    } else if (result.code === 'minutes_invalid') {
      text = tx(locale, 'retryMinutes');
    } else {
      text = tx(locale, 'visitNotFound', { number: visit.order });
    }
    await step.context.sendActivity(text);
    return step.endDialog();
  }

  /** The day plan as a card, a page of visits at a time (cards/bind.ts `cardListLimits`), and as text. */
  private async dayPlanMessage(actor: Actor, locale: Locale, phrase: ServicePhrase & { kind: 'dayPlan' }, page = 0): Promise<Partial<Activity>> {
    let resourceIds: string[] | null;
    // A technician asking for the whole plan sees their own day (the plan of all is for sales and admin).
    if (phrase.scope === 'all' && !may(actor, 'seeDayPlan') && actor.personId != null && (await resourceOfPerson(this.deps.db, actor.personId))) phrase = { ...phrase, scope: 'mine' };
    if (phrase.scope === 'mine') {
      const own = actor.personId == null ? null : await resourceOfPerson(this.deps.db, actor.personId);
      if (!own) return MessageFactory.text(tx(locale, 'noResource'));
      resourceIds = [own.id];
    } else {
      if (!may(actor, 'seeDayPlan')) return MessageFactory.text(tx(locale, 'salesOnlyPlan'));
      resourceIds = null;
    }
    const from = berlinDateTime(phrase.date, '00:00');
    const to = berlinDateTime(addDays(phrase.date, 1), '00:00');
    const entries = await dayPlan(this.deps.db, from, to, resourceIds);
    const title = tx(locale, phrase.scope === 'mine' ? 'dayPlanTitleMine' : 'dayPlanTitleAll', { day: formatDay(phrase.date, locale) });
    const shown = pageOf('dayPlan', 'entries', entries, page);
    const next = shown.page + 1;
    const card = bindCard('dayPlan', {
      title: shown.pages > 1 ? `${title} (${tx(locale, 'dayPlanPage', { page: next, pages: shown.pages })})` : title,
      empty: tx(locale, 'dayPlanEmpty'),
      resources: groupByResource(shown.items, locale),
      rest: shown.rest > 0 ? tx(locale, 'dayPlanRest', { count: shown.rest }) : '',
      moreTitle: shown.rest > 0 ? tx(locale, 'dayPlanMore', { page: next + 1, pages: shown.pages }) : '',
      moreData: { action: DAY_PLAN_ACTION, scope: phrase.scope, date: phrase.date, page: next },
    });
    const text = entries.length
      ? [title, ...entries.map((e) => `${e.resourceName} ${berlinTimeOf(new Date(e.start))}–${berlinTimeOf(new Date(e.end))} ${locale === 'de' ? e.nameDe : e.nameEn}, ${e.customerName}, ${[e.street, `${e.postcode} ${e.city}`.trim()].filter(Boolean).join(', ')} (${e.orderNumber})`)].join('\n')
      : `${title}: ${tx(locale, 'dayPlanEmpty')}`;
    return MessageFactory.attachment(card, text);
  }

  private async absence(actor: Actor, locale: Locale, phrase: ServicePhrase & { kind: 'absence' }): Promise<string> {
    if (!may(actor, 'recordAbsence')) return tx(locale, 'salesOnlyAbsence');
    const resource = await resourceByName(this.deps.db, phrase.name);
    if (!resource) {
      const names = (await serviceResources(this.deps.db)).filter((r) => r.kind === 'person').map((r) => r.name).join(', ');
      return tx(locale, 'unknownResource', { name: phrase.name, names });
    }
    const result = await recordAbsence(this.deps.db, actor, { resourceId: resource.id, from: phrase.from, to: phrase.to, reason: phrase.reason }, this.now());
    if (!result.ok) return result.code === 'range_invalid' ? tx(locale, 'absenceRange') : tx(locale, 'staffOnly');
    const params = { resource: result.resourceName, from: formatDate(result.from, locale), to: formatDate(result.to, locale), reason: tx(locale, `reason_${phrase.reason}`) };
    const head = tx(locale, result.created ? 'absenceRecorded' : 'absenceAgain', params);
    const list = result.affected.map((b) => tx(locale, 'absenceBooking', { number: b.orderNumber, customer: b.customerName, when: formatSlot(b.start, locale) })).join('; ');
    return `${head} ${result.affected.length ? tx(locale, 'absenceConflictsHint', { list }) : tx(locale, 'absenceNoConflicts')}`;
  }

  private async offerSlots(actor: Actor, locale: Locale, value: Record<string, unknown>): Promise<string> {
    const order = String(value.order ?? '');
    const result = await offerNewSlots(this.deps.db, actor, { orderNumber: order, sku: String(value.sku ?? '') }, this.now());
    if (result.ok) return tx(locale, 'slotsOffered', { number: order, slots: result.slots.map((s) => formatSlot(s, locale)).join(', ') });
    if (result.code === 'forbidden') return tx(locale, 'staffOnly');
    return tx(locale, 'noSlotsToOffer', { number: order });
  }
}

/** The report in an answer, with a duration in it taken out ("Router getauscht, 2 Stunden"). */
function reportOf(text: string): { report: string; minutes: number | null } {
  const found = findDuration(text);
  const minutes = found && isValidActualMinutes(found.minutes) ? found.minutes : null;
  const rest = found ? text.slice(0, found.span[0]) + text.slice(found.span[1]) : text;
  return { report: rest.replace(/^[\s,;.:-]+|[\s,;.:-]+$/g, '').trim().slice(0, 2000), minutes };
}

/** A yes or a no, typed or from the buttons; null when neither. */
function yesOrNo(text: string, locale: Locale): boolean | null {
  const confirm = understand(text, { locale, catalog: [] }).confirm;
  return typeof confirm === 'boolean' ? confirm : null;
}

function groupByResource(entries: DayPlanEntry[], locale: Locale) {
  const groups = new Map<string, { name: string; entries: object[] }>();
  for (const e of entries) {
    const group = groups.get(e.resourceId) ?? { name: e.resourceName, entries: [] };
    group.entries.push({
      time: `${berlinTimeOf(new Date(e.start))}–${berlinTimeOf(new Date(e.end))}`, service: locale === 'de' ? e.nameDe : e.nameEn,
      customerLabel: tx(locale, 'customerLabel'), customer: e.customerName,
      addressLabel: tx(locale, 'addressLabel'), address: [e.street, `${e.postcode} ${e.city}`.trim()].filter(Boolean).join(', '),
      orderLabel: tx(locale, 'orderLabel'), order: e.orderNumber,
      notesLabel: tx(locale, 'notesLabel'), notes: e.report ?? '',
    });
    groups.set(e.resourceId, group);
  }
  return [...groups.values()];
}
