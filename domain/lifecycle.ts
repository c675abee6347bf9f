import type { Role } from './parties';
import type { Locale } from './locale';
import type { ProductKind } from './catalog';

/** Drafts are not a status: they live in dialog state until the order is placed ("received"). */
export const orderStatuses = [
  'received',
  'checked',
  'on_hold',
  'confirmed',
  'in_preparation',
  'in_execution',
  'ready_to_ship',
  'partially_shipped',
  'shipped',
  'delivered',
  'performed',
  'invoiced',
  'paid',
  'closed',
  'cancelled',
] as const;

export type OrderStatus = (typeof orderStatuses)[number];

/**
 * What a status means for the rest of the code, so that every list of statuses is derived from one table:
 * - open: still needs work or money (all but closed and cancelled)
 * - beforeShipping: nothing has left the house yet, so the order may still be cancelled
 * - inHouse: accepted or waiting and not fully out of the house yet (the staff "open" queue)
 * - onTheWay: not yet with the customer ("where is my order?")
 * - promisePending: not out yet and not held, so the promised date is what the customer waits for
 * - undelivered: accepted and still to leave the house, so late once the promised date has passed
 * - receivable: accepted but not paid (until invoiced its uninvoiced total counts against the credit limit, then its invoices do: domain/credit.ts)
 * - customerMayCancel: the customer may withdraw their own order (work has not started)
 * - reschedulable: a booked appointment may still be moved (the technician is not on the way yet)
 * - shippable: a shipment may be recorded
 * - shipmentStep: reached only by recording a shipment, not by a plain status change
 * - accountingStep: reached with invoices and payments, by accounting
 */
export type StatusProperty =
  | 'open' | 'beforeShipping' | 'inHouse' | 'onTheWay' | 'promisePending' | 'undelivered' | 'receivable'
  | 'customerMayCancel' | 'reschedulable' | 'shippable' | 'shipmentStep' | 'accountingStep';

interface StatusRow {
  /** Where the order may go from here; guards below refine each step. */
  next: readonly OrderStatus[];
  is: readonly StatusProperty[];
}

/**
 * The whole lifecycle in one table, in the style of Vendure's order state machine. After invoicing an order is
 * never cancelled: a wrong invoice is reversed by a cancellation invoice (GoBD), not by this status.
 */
const lifecycle: Record<OrderStatus, StatusRow> = {
  received: {
    next: ['checked', 'on_hold', 'cancelled'],
    is: ['open', 'beforeShipping', 'inHouse', 'onTheWay', 'promisePending', 'customerMayCancel', 'reschedulable'],
  },
  checked: {
    next: ['confirmed', 'on_hold', 'cancelled'],
    is: ['open', 'beforeShipping', 'inHouse', 'onTheWay', 'promisePending', 'customerMayCancel', 'reschedulable'],
  },
  on_hold: {
    next: ['checked', 'cancelled'],
    is: ['open', 'beforeShipping', 'inHouse', 'onTheWay', 'customerMayCancel', 'reschedulable'],
  },
  confirmed: {
    next: ['in_preparation', 'cancelled'],
    is: ['open', 'beforeShipping', 'inHouse', 'onTheWay', 'promisePending', 'undelivered', 'receivable', 'customerMayCancel', 'reschedulable'],
  },
  in_preparation: {
    next: ['in_execution', 'cancelled'],
    is: ['open', 'beforeShipping', 'inHouse', 'onTheWay', 'promisePending', 'undelivered', 'receivable', 'reschedulable'],
  },
  in_execution: {
    next: ['ready_to_ship', 'performed', 'cancelled'],
    is: ['open', 'beforeShipping', 'inHouse', 'onTheWay', 'promisePending', 'undelivered', 'receivable'],
  },
  ready_to_ship: {
    next: ['partially_shipped', 'shipped', 'cancelled'],
    is: ['open', 'beforeShipping', 'inHouse', 'onTheWay', 'promisePending', 'undelivered', 'receivable', 'shippable'],
  },
  // A second partial shipment keeps the order where it is.
  partially_shipped: {
    next: ['partially_shipped', 'shipped'],
    is: ['open', 'inHouse', 'onTheWay', 'undelivered', 'receivable', 'shippable', 'shipmentStep'],
  },
  shipped: { next: ['delivered'], is: ['open', 'onTheWay', 'receivable', 'shipmentStep'] },
  // A mixed order (goods + e.g. on-site setup) is delivered first, then the service is performed.
  delivered: { next: ['performed', 'invoiced'], is: ['open', 'receivable'] },
  performed: { next: ['invoiced'], is: ['open', 'receivable'] },
  invoiced: { next: ['paid'], is: ['open', 'receivable', 'accountingStep'] },
  // A reversed payment reopens a paid or closed order (back to invoiced: something is owed again).
  paid: { next: ['closed', 'invoiced'], is: ['open', 'accountingStep'] },
  closed: { next: ['invoiced'], is: ['accountingStep'] },
  cancelled: { next: [], is: [] },
};

export const transitions: Record<OrderStatus, readonly OrderStatus[]> = Object.fromEntries(
  orderStatuses.map((s) => [s, lifecycle[s].next]),
) as Record<OrderStatus, readonly OrderStatus[]>;

export function isOrderStatus(value: unknown): value is OrderStatus {
  return typeof value === 'string' && (orderStatuses as readonly string[]).includes(value);
}

export function allowedTransitions(from: OrderStatus): OrderStatus[] {
  return [...lifecycle[from].next];
}

export function statusIs(status: OrderStatus, property: StatusProperty): boolean {
  return lifecycle[status].is.includes(property);
}

/** The statuses with a property, in lifecycle order (a fresh array: callers may pass it on to a query). */
export function statusesWhere(property: StatusProperty): OrderStatus[] {
  return orderStatuses.filter((s) => statusIs(s, property));
}

export function isBeforeShipping(status: OrderStatus): boolean {
  return statusIs(status, 'beforeShipping');
}

export function isOpen(status: OrderStatus): boolean {
  return statusIs(status, 'open');
}

/**
 * What a step asks of the person taking it: holding and cancelling cannot go without a reason; releasing a
 * hold asks for a comment the history keeps, but the lifecycle does not insist on it.
 */
export function askedStatement(from: OrderStatus, to: OrderStatus): 'reason' | 'comment' | null {
  if (to === 'on_hold' || to === 'cancelled') return 'reason';
  if (from === 'on_hold' && to === 'checked') return 'comment';
  return null;
}

export function needsReason(from: OrderStatus, to: OrderStatus): boolean {
  return askedStatement(from, to) === 'reason';
}

export interface OrderLineFacts {
  quantity: number;
  shippedQuantity: number;
  /** Service lines are never shipped and are ignored by the shipping guards. Default: goods. */
  kind?: ProductKind;
}

export interface OrderFacts {
  /** The customer account the order belongs to (checked when a customer acts). */
  customerId: number | null;
  hasGoods: boolean;
  hasServices: boolean;
  lines: readonly OrderLineFacts[];
}

/** The facts the guards need, from an order's lines: anything that is not a service is goods. */
export function orderFactsOf(customerId: number | null, lines: readonly OrderLineFacts[]): OrderFacts {
  return {
    customerId,
    hasGoods: lines.some((l) => l.kind !== 'service'),
    hasServices: lines.some((l) => l.kind === 'service'),
    lines: lines.map((l) => ({ quantity: l.quantity, shippedQuantity: l.shippedQuantity, kind: l.kind })),
  };
}

export interface TransitionContext {
  from: OrderStatus;
  to: OrderStatus;
  role: Role;
  /** For role 'customer': the account the acting person belongs to. */
  actorCustomerId?: number | null;
  reason?: string | null;
  /** Check everything but the reason, which will be asked for before the step is taken. */
  reasonPending?: boolean;
  order: OrderFacts;
}

export type TransitionRefusal =
  | 'not_allowed' // the table has no such step
  | 'role_not_permitted' // this role may not take this step
  | 'not_own_order' // a customer acting on another account's order
  | 'reason_required' // hold and cancel need a reason
  | 'nothing_shipped' // partially_shipped without any shipped quantity
  | 'all_shipped' // partially_shipped although everything is shipped (use shipped)
  | 'not_all_shipped' // shipped while some goods are still in the warehouse
  | 'no_goods' // shipping steps for an order without goods
  | 'no_services' // performed for an order without services
  | 'has_goods' // performed straight from execution although goods must be shipped first
  | 'services_pending'; // invoicing a mixed order whose service is not performed yet

export type TransitionCheck =
  | { ok: true }
  | { ok: false; code: TransitionRefusal; allowed: OrderStatus[] };

const operations: readonly Role[] = ['sales', 'admin', 'system'];
const accounting: readonly Role[] = ['accountant', 'admin', 'system'];
const holdAndRelease: readonly Role[] = ['sales', 'accountant', 'admin', 'system'];
function permittedRoles(from: OrderStatus, to: OrderStatus): readonly Role[] {
  if (to === 'on_hold' || (from === 'on_hold' && to === 'checked')) return holdAndRelease;
  if (to === 'cancelled') {
    // Accounting may reject a credit hold; customers their own early orders (checked separately).
    const staff = from === 'on_hold' ? holdAndRelease : operations;
    return statusIs(from, 'customerMayCancel') ? [...staff, 'customer'] : staff;
  }
  // Reopening follows a reversed payment by itself; nobody moves a paid order back by hand.
  if (to === 'invoiced' && (from === 'paid' || from === 'closed')) return ['system'];
  if (statusIs(to, 'accountingStep')) return accounting;
  return operations;
}

/** Service lines are never shipped and are ignored by the shipping guards. */
export function goodsLines(order: OrderFacts): OrderLineFacts[] {
  return order.lines.filter((line) => line.kind !== 'service');
}

function guard(ctx: TransitionContext): TransitionRefusal | null {
  const { from, to, order } = ctx;
  if (needsReason(from, to) && !ctx.reasonPending && !ctx.reason?.trim()) return 'reason_required';
  switch (to) {
    case 'ready_to_ship':
      return order.hasGoods ? null : 'no_goods';
    case 'partially_shipped': {
      if (!order.hasGoods) return 'no_goods';
      const lines = goodsLines(order);
      if (!lines.some((l) => l.shippedQuantity > 0)) return 'nothing_shipped';
      if (lines.every((l) => l.shippedQuantity >= l.quantity)) return 'all_shipped';
      return null;
    }
    case 'shipped':
      if (!order.hasGoods) return 'no_goods';
      return goodsLines(order).every((l) => l.shippedQuantity >= l.quantity) ? null : 'not_all_shipped';
    case 'delivered':
      return order.hasGoods ? null : 'no_goods';
    case 'performed':
      if (!order.hasServices) return 'no_services';
      return from === 'in_execution' && order.hasGoods ? 'has_goods' : null;
    case 'invoiced':
      return from === 'delivered' && order.hasServices ? 'services_pending' : null;
    default:
      return null;
  }
}

/**
 * Decides whether one step is allowed: first the table, then who may take it, then the facts.
 * On refusal, `allowed` lists the steps the table offers from `from`, for a helpful answer.
 */
export function checkTransition(ctx: TransitionContext): TransitionCheck {
  const allowed = allowedTransitions(ctx.from);
  const refuse = (code: TransitionRefusal): TransitionCheck => ({ ok: false, code, allowed });
  if (!allowed.includes(ctx.to)) return refuse('not_allowed');
  if (!permittedRoles(ctx.from, ctx.to).includes(ctx.role)) return refuse('role_not_permitted');
  if (ctx.role === 'customer' && (ctx.actorCustomerId == null || ctx.actorCustomerId !== ctx.order.customerId)) {
    return refuse('not_own_order');
  }
  const problem = guard(ctx);
  return problem ? refuse(problem) : { ok: true };
}

const labels: Record<OrderStatus, Record<Locale, string>> = {
  received: { de: 'Eingegangen', en: 'Received' },
  checked: { de: 'Geprüft', en: 'Checked' },
  on_hold: { de: 'Angehalten', en: 'On hold' },
  confirmed: { de: 'Bestätigt', en: 'Confirmed' },
  in_preparation: { de: 'In Vorbereitung', en: 'In preparation' },
  in_execution: { de: 'In Produktion', en: 'In production' },
  ready_to_ship: { de: 'Versandbereit', en: 'Ready to ship' },
  partially_shipped: { de: 'Teilweise versandt', en: 'Partially shipped' },
  shipped: { de: 'Versandt', en: 'Shipped' },
  delivered: { de: 'Zugestellt', en: 'Delivered' },
  performed: { de: 'Leistung erbracht', en: 'Service performed' },
  invoiced: { de: 'In Rechnung gestellt', en: 'Invoiced' },
  paid: { de: 'Bezahlt', en: 'Paid' },
  closed: { de: 'Abgeschlossen', en: 'Closed' },
  cancelled: { de: 'Storniert', en: 'Cancelled' },
};

/** A service order is not "in production" but being carried out. */
const serviceExecution: Record<Locale, string> = { de: 'In Ausführung', en: 'In progress' };

export function statusLabel(status: OrderStatus, locale: Locale, options: { serviceOnly?: boolean } = {}): string {
  if (status === 'in_execution' && options.serviceOnly) return serviceExecution[locale];
  return labels[status][locale];
}
