import type { Knex } from 'knex';
import { insertServiceBookings, releaseOrderBookings } from '../data/bookings';
import { customerPersonIds, insertHistory, notifyAboutHistory, personIdsWithRoles } from '../data/history';
import { applyStatus, orderFacts, type Actor, type OrderRow } from '../data/orders';
import { orderOrigin } from '../data/orderOrigin';
import { scheduleReminder } from './reminders';
import { orderFullyPaid } from '../data/payments';
import { insertCapacityBookings, type ProductionPlan } from '../data/production';
import { consumeStock, releaseReservations, reserveStock } from '../data/stock';
import { followUpSteps, holdReasonAfter } from '../domain/acceptance';
import { effectsOf, type Effect, type OrderStep } from '../domain/effects';
import { checkTransition, type OrderStatus } from '../domain/lifecycle';
import type { InvoiceField } from '../domain/invoice';
import { customerNotificationFor, staffReviewKind, staffReviewRecipients, staffReviewRoles } from '../domain/notifications';
import { invoiceAfterStep } from './issueInvoice';

/** What placing found and now books: per order line its reservation and machine plan, and the appointments. */
export interface Placement {
  lines: { lineId: number; sku: string; reserve: number; plan?: ProductionPlan }[];
  appointments: { sku: string; resourceIds: readonly string[]; start: Date; end: Date; travelMinutes?: number }[];
}

/** The goods a shipment takes out of the warehouse. */
export interface ShipmentGoods {
  lines: { lineId: number; lineNo: number; sku: string; quantity: number }[];
}

/** Why a step could not be taken; the operation turns it into its own answer and rolls back. */
export type StepRefusal =
  | { code: 'conflict' }
  | { code: 'invoice_incomplete'; missing: InvoiceField[] }
  | { code: 'insufficient_stock'; lineNo: number; sku: string; available: number };

export interface StepInput {
  reason?: string | null;
  details?: Record<string, unknown> | null;
  /** What the step's messages say besides the order (carrier, reason, …). */
  notice?: Record<string, unknown>;
  /** The person who took the step knows of it: no review request for them. */
  takenBy?: number | null;
  placement?: Placement;
  shipment?: ShipmentGoods;
  /** The shipment a shipping step recorded (its invoice refers to it). */
  shipmentId?: number;
}

interface EffectContext extends StepInput {
  trx: Knex.Transaction;
  order: OrderRow;
  step: OrderStep;
  actor: Actor;
  now: Date;
  historyId: number;
  onRefusal: (refusal: StepRefusal) => never;
}

const systemActor = (channel: string): Actor => ({ personId: null, role: 'system', customerId: null, channel });

function messagePayload(c: EffectContext): Record<string, unknown> {
  const base = { orderNumber: c.order.number, orderId: c.order.id };
  return 'event' in c.step ? { ...base, ...c.notice } : { ...base, status: c.order.status, ...c.notice };
}

/** How each effect of domain/effects.ts is carried out, through data/, in the step's transaction. */
const effects: Record<Effect, (c: EffectContext) => Promise<void>> = {
  async reserveStock(c) {
    for (const line of c.placement?.lines ?? []) if (line.reserve > 0) await reserveStock(c.trx, line.lineId, line.sku, line.reserve, c.now);
  },
  async planCapacity(c) {
    for (const line of c.placement?.lines ?? []) if (line.plan) await insertCapacityBookings(c.trx, c.order.id, line.plan);
  },
  async bookAppointments(c) {
    for (const appointment of c.placement?.appointments ?? []) {
      const [bookingId] = await insertServiceBookings(c.trx, c.order.id, appointment);
      // Booking an appointment queues its reminder for the day before (dropped if it is cancelled or moved).
      await scheduleReminder(c.trx, c.order, { bookingId, sku: appointment.sku, start: appointment.start }, c.now);
    }
  },
  async releaseStock(c) {
    await releaseReservations(c.trx, c.order.id);
  },
  async releaseBookings(c) {
    await releaseOrderBookings(c.trx, c.order.id);
  },
  async consumeStock(c) {
    for (const line of c.shipment?.lines ?? []) {
      const taken = await consumeStock(c.trx, line.lineId, line.sku, line.quantity);
      if (!taken.ok) c.onRefusal({ code: 'insufficient_stock', lineNo: line.lineNo, sku: line.sku, available: taken.available });
    }
  },
  async notifyCustomer(c) {
    const kind = 'event' in c.step ? 'booking_rescheduled' : customerNotificationFor(c.step.to);
    if (!kind) return;
    const people = await customerPersonIds(c.trx, c.order.customer_id);
    await notifyAboutHistory(c.trx, { orderId: c.order.id, historyId: c.historyId }, people, { kind, payload: messagePayload(c) }, c.now, await orderOrigin(c.trx, c.order.id));
  },
  async notifyStaffReview(c) {
    const staff = staffReviewRecipients(await personIdsWithRoles(c.trx, staffReviewRoles), c.takenBy);
    await notifyAboutHistory(c.trx, { orderId: c.order.id, historyId: c.historyId }, staff, { kind: staffReviewKind, payload: messagePayload(c), keyTag: 'review' }, c.now, await orderOrigin(c.trx, c.order.id));
  },
  async continueAutomatically(c) {
    if ('event' in c.step || c.step.from === null) return;
    for (const to of followUpSteps(c.step.from, c.step.to)) {
      await automaticStep(c.trx, c.order, to, c.actor.channel, c.now, { notice: { releasedBy: c.actor.personId } }, c.onRefusal);
    }
  },
  async issueInvoice(c) {
    if ('event' in c.step) return;
    await invoiceAfterStep(c.trx, c.order, c.step.to, c.actor, c.now, c.shipmentId ?? null, c.onRefusal);
  },
  async closeWhenPaid(c) {
    if ('event' in c.step) return;
    if (c.step.to === 'paid') await automaticStep(c.trx, c.order, 'closed', c.actor.channel, c.now, {}, c.onRefusal);
    else await settleWhenPaid(c.trx, c.order, c.actor.channel, c.now);
  },
};

/**
 * An invoiced order whose invoices are all paid moves to paid, and on to closed (effect closeWhenPaid); asked
 * after every payment and when an order becomes invoiced (its invoices may have been paid before the last one).
 */
export async function settleWhenPaid(trx: Knex.Transaction, order: OrderRow, channel: string, now: Date): Promise<boolean> {
  if (order.status !== 'invoiced' || !(await orderFullyPaid(trx, order.id))) return false;
  await automaticStep(trx, order, 'paid', channel, now, {}, (r) => {
    throw new Error(`order ${order.number} could not move to paid: ${r.code}`);
  });
  return true;
}

async function runEffects(c: EffectContext): Promise<void> {
  for (const effect of effectsOf(c.step)) await effects[effect](c);
}

/** The order columns a step changes besides its status, as the domain decides them. */
function holdReasonSet(from: OrderStatus, to: OrderStatus, reason: string | null | undefined): Record<string, unknown> {
  const holdReason = holdReasonAfter(from, to, reason);
  return holdReason === undefined ? {} : { hold_reason: holdReason };
}

/**
 * One lifecycle step the caller has checked: the status moves (guarded by the order's version), its history row
 * is written, and the effects the domain lists for it run in the same transaction.
 */
export async function takeStep(
  trx: Knex.Transaction, order: OrderRow, to: OrderStatus, actor: Actor, now: Date, input: StepInput,
  onRefusal: (refusal: StepRefusal) => never,
): Promise<{ historyId: number }> {
  const from = order.status;
  const applied = await applyStatus(trx, order, to, actor, now, { reason: input.reason ?? null, details: input.details ?? null, set: holdReasonSet(from, to, input.reason) });
  if (!applied) onRefusal({ code: 'conflict' });
  await runEffects({ ...input, trx, order, step: { from, to }, actor, now, historyId: applied!.historyId, onRefusal });
  return { historyId: applied!.historyId };
}

/** A step the system takes by itself; the lifecycle table must allow it, or the code is wrong. */
export async function automaticStep(
  trx: Knex.Transaction, order: OrderRow, to: OrderStatus, channel: string, now: Date, input: StepInput,
  onRefusal: (refusal: StepRefusal) => never,
): Promise<{ historyId: number }> {
  const check = checkTransition({ from: order.status, to, role: 'system', reason: input.reason, order: await orderFacts(trx, order) });
  if (!check.ok) throw new Error(`automatic step ${order.status} → ${to} refused: ${check.code}`);
  return takeStep(trx, order, to, systemActor(channel), now, input, (refusal) => {
    if (refusal.code === 'conflict') throw new Error(`order ${order.number} changed during its automatic steps`);
    return onRefusal(refusal);
  });
}

/** The first step of an order: it was received. Books what the checks found (effects of null → received). */
export async function recordPlacement(trx: Knex.Transaction, order: OrderRow, actor: Actor, now: Date, input: StepInput, onRefusal: (refusal: StepRefusal) => never): Promise<void> {
  const historyId = await insertHistory(trx, order.id, null, 'received', actor, now, null, null);
  await runEffects({ ...input, trx, order, step: { from: null, to: 'received' }, actor, now, historyId, onRefusal });
}

/** An event that keeps the status (an appointment moved): its history row and the effects listed for it. */
export async function recordEvent(
  trx: Knex.Transaction, order: OrderRow, event: 'appointment_moved', actor: Actor, now: Date, input: StepInput,
  onRefusal: (refusal: StepRefusal) => never,
): Promise<void> {
  const historyId = await insertHistory(trx, order.id, order.status, order.status, actor, now, input.reason ?? null, input.details ?? null);
  await runEffects({ ...input, trx, order, step: { event }, actor, now, historyId, onRefusal });
}
