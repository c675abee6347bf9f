import { MessageFactory, TurnContext } from 'botbuilder';
import { ComponentDialog, Dialog, DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import type { Db } from '../data/db';
import { getOrder, type Actor, type OrderView } from '../data/orders';
import { transitionOrder, recordShipment } from '../operations';
import { askedStatement, checkTransition, isOrderStatus, orderFactsOf, statusIs, statusLabel, type OrderStatus } from '../domain/lifecycle';
import type { Locale } from '../domain/locale';
import { matchStaffCommand, type StaffCommand } from './staffCommands';
import { orderLabel } from './orderLabels';
import { shipmentResultText, transitionRefusalText } from './resultTexts';
import { isStaffCardAction, type ListSpec, type StaffAction } from './staff/actions';
import { offeredSteps, orderCard } from './staff/orderCard';
import { replyCustomerOrders, replyOrderList } from './staff/orderLists';
import { openShippingLines, shippingFormCard } from './staff/shippingForm';
import { staffTexts } from './texts/staff';
import { actorOf, isStaffActor } from './turnUser';
import { may } from '../domain/permissions';

export const STAFF_DIALOG_ID = 'staffDialog';
const FLOW = 'staffFlow';

/** Either a recognized text command or the data of a clicked card button; both may be left out (read from the turn). */
export interface StaffDialogOptions {
  command?: StaffCommand;
  value?: StaffAction;
}

export interface StaffDialogDeps {
  db: Db;
  /** The clock, so tests can pin "today". */
  now?: () => Date;
}

interface StepRequest {
  order: string;
  to: OrderStatus;
  version: number;
}

/** A step waiting for what it asks of the person taking it. */
interface PendingStep extends StepRequest {
  asks: 'reason' | 'comment';
}

const abort = /^(abbrechen|abbruch|stopp?|nichts|cancel|abort|never ?mind)$/i;

/**
 * Sales work in the chat: work queues, the order card and its buttons, status changes by text, shipping.
 * Each button carries everything it needs (order, target, version), so the dialog only waits when it asks for
 * a reason; a stale card is answered with "changed meanwhile" by the version check in the repository.
 */
export class StaffDialog extends ComponentDialog {
  private readonly now: () => Date;

  constructor(private readonly deps: StaffDialogDeps) {
    super(STAFF_DIALOG_ID);
    this.now = deps.now ?? (() => new Date());
    this.addDialog(new WaterfallDialog(FLOW, [this.dispatchStep.bind(this), this.reasonStep.bind(this)]));
    this.initialDialogId = FLOW;
  }

  private async dispatchStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { actor, locale } = actorOf(step.context);
    const options = (step.options ?? {}) as StaffDialogOptions;
    const activity = step.context.activity;
    const value = options.value ?? (isStaffCardAction(activity.value) ? activity.value : undefined);
    const command = value ? undefined : (options.command ?? matchStaffCommand(activity.text ?? ''));
    // Accounting works the held-order queue too (releasing or rejecting; the lifecycle table checks each step).
    if (!actor || !(isStaffActor(actor) || (may(actor, 'reviewHolds') && isHoldWork(command, value)))) {
      await step.context.sendActivity(staffTexts(locale, 'staffOnly'));
      return step.endDialog();
    }
    let pending: PendingStep | null = null;
    if (value) pending = await this.onAction(step.context, actor, locale, value);
    else if (command) pending = await this.onCommand(step.context, actor, locale, command);
    else await step.context.sendActivity(staffTexts(locale, 'notUnderstood'));
    if (!pending) return step.endDialog();
    (step.values as { pending?: PendingStep }).pending = pending;
    const key = pending.asks === 'comment' ? 'askComment' : 'askReason';
    await step.context.sendActivity(staffTexts(locale, key, { number: pending.order, status: statusLabel(pending.to, locale) }));
    return Dialog.EndOfTurn;
  }

  /** The answer to "please give a reason": a reason, "cancel", or something else entirely (a click, a new command). */
  private async reasonStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { actor, locale } = actorOf(step.context);
    const activity = step.context.activity;
    if (isStaffCardAction(activity.value)) return step.replaceDialog(FLOW, { value: activity.value });
    const text = (activity.text ?? '').trim();
    const command = matchStaffCommand(text);
    if (command) return step.replaceDialog(FLOW, { command });
    if (!text || abort.test(text) || !actor || !may(actor, 'reviewHolds')) {
      await step.context.sendActivity(staffTexts(locale, 'aborted'));
      return step.endDialog();
    }
    const pending = (step.values as { pending: PendingStep }).pending;
    await this.transition(step.context, actor, locale, pending, text);
    return step.endDialog();
  }

  private async onCommand(context: TurnContext, actor: Actor, locale: Locale, command: StaffCommand): Promise<PendingStep | null> {
    switch (command.kind) {
      case 'queue':
        await this.list(context, actor, locale, { kind: 'queue', queue: command.queue }, 0);
        return null;
      case 'late':
        await this.list(context, actor, locale, { kind: 'late' }, 0);
        return null;
      case 'customer_orders':
        await replyCustomerOrders(context, this.deps.db, actor, locale, command.customer, this.now());
        return null;
      case 'order_status':
        await this.showOrder(context, actor, locale, command.order);
        return null;
      case 'ship':
        await this.shipForm(context, actor, locale, command.order, null);
        return null;
      case 'transition':
        return this.request(context, actor, locale, { order: command.order, to: command.to, version: null });
    }
  }

  private async onAction(context: TurnContext, actor: Actor, locale: Locale, value: StaffAction): Promise<PendingStep | null> {
    switch (value.action) {
      case 'staff.page':
        await this.list(context, actor, locale, value.list, Number(value.offset) || 0);
        return null;
      case 'staff.open':
        await this.showOrder(context, actor, locale, String(value.order), Number(value.page) || 0);
        return null;
      case 'staff.shipForm':
        await this.shipForm(context, actor, locale, String(value.order), Number(value.version));
        return null;
      case 'staff.ship':
        await this.ship(context, actor, locale, value);
        return null;
      case 'staff.transition':
        if (!isOrderStatus(value.to)) return null;
        return this.request(context, actor, locale, { order: String(value.order), to: value.to, version: Number(value.version) });
      default:
        await context.sendActivity(staffTexts(locale, 'notUnderstood'));
        return null;
    }
  }

  private async list(context: TurnContext, actor: Actor, locale: Locale, list: ListSpec, offset: number): Promise<void> {
    await replyOrderList(context, this.deps.db, actor, locale, list, offset, this.now());
  }

  private async showOrder(context: TurnContext, actor: Actor, locale: Locale, number: string, page = 0): Promise<void> {
    const view = await getOrder(this.deps.db, actor, number);
    if (!view) await context.sendActivity(staffTexts(locale, 'orderNotFound', { number }));
    else await context.sendActivity(MessageFactory.attachment(orderCard(view, actor, locale, page)));
  }

  private async conflict(context: TurnContext, actor: Actor, locale: Locale, view: OrderView): Promise<void> {
    await context.sendActivity(staffTexts(locale, 'conflict', { number: view.number }));
    await context.sendActivity(MessageFactory.attachment(orderCard(view, actor, locale)));
  }

  /**
   * A requested step, checked before asking anything: an illegal one is refused with the reason and what is
   * possible now; one that needs a reason is returned as pending; anything else is taken at once.
   */
  private async request(
    context: TurnContext, actor: Actor, locale: Locale, req: { order: string; to: OrderStatus; version: number | null },
  ): Promise<PendingStep | null> {
    const view = await getOrder(this.deps.db, actor, req.order);
    if (!view) {
      await context.sendActivity(staffTexts(locale, 'orderNotFound', { number: req.order }));
      return null;
    }
    if (req.version !== null && req.version !== view.version) {
      await this.conflict(context, actor, locale, view);
      return null;
    }
    if (statusIs(req.to, 'shipmentStep')) {
      await this.shipForm(context, actor, locale, view.number, req.version);
      return null;
    }
    const check = checkTransition({
      from: view.status, to: req.to, role: actor.role, actorCustomerId: actor.customerId, reasonPending: true,
      order: orderFactsOf(view.customer.id, view.lines),
    });
    if (!check.ok) {
      await this.refuse(context, actor, locale, view, req.to, check.code);
      return null;
    }
    const request = { order: view.number, to: req.to, version: view.version };
    const asks = askedStatement(view.status, req.to);
    if (asks) return { ...request, asks };
    await this.transition(context, actor, locale, request, null);
    return null;
  }

  private async transition(context: TurnContext, actor: Actor, locale: Locale, step: StepRequest, reason: string | null): Promise<void> {
    const result = await transitionOrder(
      this.deps.db, actor, step.order, { to: step.to, reason: reason ?? undefined, expectedVersion: step.version }, this.now(),
    );
    if (result.ok) {
      await context.sendActivity(staffTexts(locale, 'transitioned', { number: result.order.number, status: orderLabel(result.order, locale) }));
      await context.sendActivity(MessageFactory.attachment(orderCard(result.order, actor, locale)));
      return;
    }
    const view = await getOrder(this.deps.db, actor, step.order);
    if (!view || result.code === 'not_found' || result.code === 'forbidden') {
      await context.sendActivity(staffTexts(locale, 'orderNotFound', { number: step.order }));
    } else if (result.code === 'conflict') {
      await this.conflict(context, actor, locale, view);
    } else {
      await this.refuse(context, actor, locale, view, step.to, result.reasonCode);
    }
  }

  private async refuse(context: TurnContext, actor: Actor, locale: Locale, view: OrderView, to: OrderStatus, code?: string): Promise<void> {
    const reason = transitionRefusalText(code, locale, orderLabel(view, locale));
    const steps = offeredSteps(view, actor, locale).map((s) => s.title.replace(/…$/, ''));
    const next = steps.length ? staffTexts(locale, 'allowedNext', { steps: steps.join(', ') }) : staffTexts(locale, 'allowedNone');
    await context.sendActivity(`${staffTexts(locale, 'refused', { number: view.number, target: statusLabel(to, locale), reason })} ${next}`);
  }

  private async shipForm(context: TurnContext, actor: Actor, locale: Locale, number: string, version: number | null): Promise<void> {
    const view = await getOrder(this.deps.db, actor, number);
    if (!view) {
      await context.sendActivity(staffTexts(locale, 'orderNotFound', { number }));
    } else if (version !== null && version !== view.version) {
      await this.conflict(context, actor, locale, view);
    } else if (!statusIs(view.status, 'shippable')) {
      await this.refuse(context, actor, locale, view, 'shipped', view.status === 'shipped' ? 'all_shipped' : 'not_allowed');
    } else if (openShippingLines(view).length === 0) {
      await context.sendActivity(staffTexts(locale, 'shipNothingOpen', { number: view.number }));
    } else {
      await context.sendActivity(MessageFactory.attachment(shippingFormCard(view, locale)));
    }
  }

  private async ship(context: TurnContext, actor: Actor, locale: Locale, value: StaffAction & { action: 'staff.ship' }): Promise<void> {
    const number = String(value.order);
    const view = await getOrder(this.deps.db, actor, number);
    if (!view) {
      await context.sendActivity(staffTexts(locale, 'orderNotFound', { number }));
      return;
    }
    const carrier = String(value.carrier ?? '').trim();
    const trackingNumber = String(value.trackingNumber ?? '').trim();
    const lines: Array<{ lineNo: number; quantity: number }> = [];
    let fits = true;
    for (const { line, remaining } of openShippingLines(view)) {
      const raw = String(value[`qty_${line.lineNo}`] ?? '').trim();
      const quantity = raw === '' ? 0 : Number(raw);
      if (!Number.isInteger(quantity) || quantity < 0 || quantity > remaining) fits = false;
      else if (quantity > 0) lines.push({ lineNo: line.lineNo, quantity });
    }
    if (!fits || !carrier || !trackingNumber || lines.length === 0) {
      await context.sendActivity(staffTexts(locale, fits ? 'shipMissing' : 'shipTooMuch'));
      await context.sendActivity(MessageFactory.attachment(shippingFormCard(view, locale)));
      return;
    }
    // The version is also what makes a double-clicked or re-delivered form harmless: the first shipment changed it.
    const expectedVersion = Number(value.version);
    const result = await recordShipment(this.deps.db, actor, number, { carrier, trackingNumber, lines, expectedVersion }, this.now());
    if (!result.ok) {
      const current = await getOrder(this.deps.db, actor, number);
      if (!current || result.code === 'not_found' || result.code === 'forbidden') {
        await context.sendActivity(staffTexts(locale, 'orderNotFound', { number }));
      } else if (result.code === 'conflict') {
        await this.conflict(context, actor, locale, current);
      } else if (result.code === 'illegal') {
        await this.refuse(context, actor, locale, current, 'shipped', result.reasonCode);
      } else {
        await context.sendActivity(shipmentResultText(result, number, locale, orderLabel(current, locale)));
      }
      return;
    }
    await context.sendActivity(
      staffTexts(locale, 'shipDone', {
        note: result.deliveryNote.number, number, carrier, tracking: trackingNumber, status: orderLabel(result.order, locale),
      }),
    );
    await context.sendActivity(MessageFactory.attachment(orderCard(result.order, actor, locale)));
  }
}

/** What of the staff work belongs to the held-order queue: the queue itself, an order card, a step (checked by the lifecycle). */
function isHoldWork(command: StaffCommand | null | undefined, value: StaffAction | undefined): boolean {
  if (value) {
    if (value.action === 'staff.page') return value.list.kind === 'queue' && value.list.queue === 'on_hold';
    return value.action === 'staff.open' || value.action === 'staff.transition';
  }
  if (!command) return false;
  return (command.kind === 'queue' && command.queue === 'on_hold') || command.kind === 'transition' || command.kind === 'order_status';
}
