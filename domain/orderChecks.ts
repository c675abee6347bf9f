import { addDays, addWorkingDays } from './calendar';
import { checkTransition, goodsLines, statusesWhere, type OrderStatus, type TransitionCheck, type TransitionContext } from './lifecycle';
import type { Problem, ProblemCode } from './order';
import type { Actor } from './permissions';

/** Who is acting on orders (the one actor type of domain/permissions). */
export type OrderActor = Actor;

/** The draft problems of domain/order.ts plus those only the store can find out. */
export type OrderProblemCode =
  | ProblemCode
  | 'unknown_customer'
  | 'forbidden'
  | 'out_of_stock'
  | 'slot_taken'
  | 'slot_invalid'
  | 'slot_without_service';

export interface OrderProblem extends Omit<Problem, 'code'> {
  code: OrderProblemCode;
  /** out_of_stock: what can be had now and when more is expected, so the customer can choose. */
  available?: number;
  shortBy?: number;
  restockDate?: string | null;
  /** slot problems: the requested start (ISO). */
  start?: string;
}

/** Orders whose gross total counts against the credit limit until invoices exist. */
export const receivableStatuses: readonly OrderStatus[] = statusesWhere('receivable');

/** Orders that still have to leave the house: late when their promised date has passed. */
export const undeliveredStatuses: readonly OrderStatus[] = statusesWhere('undelivered');

/**
 * A date rule for order lists, applied by the store in SQL so paging and totals stay right: an order matches
 * when its status is in `always`, or in `statuses` with a promised date before `promisedBefore`.
 */
export interface PromisedDateRule {
  always: readonly OrderStatus[];
  statuses: readonly OrderStatus[];
  promisedBefore: string;
}

/** Late: not out of the house and promised for a day before today. */
export function lateRule(today: string): PromisedDateRule {
  return { always: [], statuses: undeliveredStatuses, promisedBefore: today };
}

/** To ship today: ready to ship, or promised for today or earlier and not yet (fully) shipped. */
export function dueToShipRule(today: string): PromisedDateRule {
  return { always: ['ready_to_ship'], statuses: undeliveredStatuses, promisedBefore: addDays(today, 1) };
}

/** Made-to-order work starts on the next working day: today's machine plan is already running. */
export function productionStart(today: string): string {
  return addWorkingDays(today, 1);
}

/**
 * The date the customer is promised: the latest of what they asked for, when production is done, when
 * backordered stock arrives, and the day of a booked service. null when nothing fixes a date.
 */
export function promisedDate(parts: {
  requestedDate: string | null;
  completionDates: readonly string[];
  backorderRestockDates: readonly (string | null)[];
  serviceDates: readonly string[];
}): string | null {
  const dates = [
    parts.requestedDate,
    ...parts.completionDates,
    ...parts.backorderRestockDates,
    ...parts.serviceDates,
  ].filter((d): d is string => !!d);
  return dates.length ? dates.reduce((a, b) => (a > b ? a : b)) : null;
}

/** Quantities a shipment may take: at least one unit, no line more than is still open. */
export type ShipmentProblem =
  | { code: 'no_lines' }
  | { code: 'unknown_line'; lineNo: number }
  | { code: 'duplicate_line'; lineNo: number }
  | { code: 'not_shippable'; lineNo: number }
  | { code: 'bad_quantity'; lineNo: number }
  | { code: 'exceeds_remaining'; lineNo: number; remaining: number };

export function checkShipmentLines(
  orderLines: readonly { lineNo: number; quantity: number; shippedQuantity: number; kind: string }[],
  shipment: readonly { lineNo: number; quantity: number }[],
): ShipmentProblem[] {
  if (shipment.length === 0) return [{ code: 'no_lines' }];
  const problems: ShipmentProblem[] = [];
  const seen = new Set<number>();
  for (const s of shipment) {
    const line = orderLines.find((l) => l.lineNo === s.lineNo);
    if (!line) { problems.push({ code: 'unknown_line', lineNo: s.lineNo }); continue; }
    if (seen.has(s.lineNo)) { problems.push({ code: 'duplicate_line', lineNo: s.lineNo }); continue; }
    seen.add(s.lineNo);
    if (line.kind === 'service') { problems.push({ code: 'not_shippable', lineNo: s.lineNo }); continue; }
    if (!Number.isInteger(s.quantity) || s.quantity < 1) { problems.push({ code: 'bad_quantity', lineNo: s.lineNo }); continue; }
    const remaining = line.quantity - line.shippedQuantity;
    if (s.quantity > remaining) problems.push({ code: 'exceeds_remaining', lineNo: s.lineNo, remaining });
  }
  return problems;
}

/** The status a shipment leads to, checked like a lifecycle step with the shipped quantities it leaves behind. */
export function checkShipmentStep(ctx: Omit<TransitionContext, 'to'>): { ok: true; to: OrderStatus } | (TransitionCheck & { ok: false }) {
  const to: OrderStatus = goodsLines(ctx.order).every((l) => l.shippedQuantity >= l.quantity) ? 'shipped' : 'partially_shipped';
  const check = checkTransition({ ...ctx, to });
  return check.ok ? { ok: true, to } : check;
}
