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

export type ActorRole = 'customer' | 'sales' | 'accountant' | 'admin' | 'system';

/**
 * The whole lifecycle in one table (each status lists where it may go), in the style of Vendure's
 * order state machine. Guards below refine it per transition. After invoicing an order is never
 * cancelled: a wrong invoice is reversed by a cancellation invoice (GoBD), not by this status.
 */
export const transitions: Record<OrderStatus, readonly OrderStatus[]> = {
  received: ['checked', 'on_hold', 'cancelled'],
  checked: ['confirmed', 'on_hold', 'cancelled'],
  on_hold: ['checked', 'cancelled'],
  confirmed: ['in_preparation', 'cancelled'],
  in_preparation: ['in_execution', 'cancelled'],
  in_execution: ['ready_to_ship', 'performed', 'cancelled'],
  ready_to_ship: ['partially_shipped', 'shipped', 'cancelled'],
  partially_shipped: ['shipped'],
  shipped: ['delivered'],
  // A mixed order (goods + e.g. on-site setup) is delivered first, then the service is performed.
  delivered: ['performed', 'invoiced'],
  performed: ['invoiced'],
  invoiced: ['paid'],
  paid: ['closed'],
  closed: [],
  cancelled: [],
};

export function isOrderStatus(value: unknown): value is OrderStatus {
  return typeof value === 'string' && (orderStatuses as readonly string[]).includes(value);
}

export function allowedTransitions(from: OrderStatus): OrderStatus[] {
  return [...transitions[from]];
}

const beforeShipping: readonly OrderStatus[] = [
  'received',
  'checked',
  'on_hold',
  'confirmed',
  'in_preparation',
  'in_execution',
  'ready_to_ship',
];

/** Nothing has left the house yet, so the order may still be cancelled. */
export function isBeforeShipping(status: OrderStatus): boolean {
  return beforeShipping.includes(status);
}

/** Still needs work or money: everything except closed and cancelled. */
export function isOpen(status: OrderStatus): boolean {
  return status !== 'closed' && status !== 'cancelled';
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

export interface TransitionContext {
  from: OrderStatus;
  to: OrderStatus;
  role: ActorRole;
  /** For role 'customer': the account the acting person belongs to. */
  actorCustomerId?: number | null;
  reason?: string | null;
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

const operations: readonly ActorRole[] = ['sales', 'admin', 'system'];
const accounting: readonly ActorRole[] = ['accountant', 'admin', 'system'];
const holdAndRelease: readonly ActorRole[] = ['sales', 'accountant', 'admin', 'system'];
/** Customers may withdraw their own order only until work on it starts. */
const customerMayCancelFrom: readonly OrderStatus[] = ['received', 'checked', 'confirmed', 'on_hold'];

function permittedRoles(from: OrderStatus, to: OrderStatus): readonly ActorRole[] {
  if (to === 'on_hold' || (from === 'on_hold' && to === 'checked')) return holdAndRelease;
  if (to === 'cancelled') {
    // Accounting may reject a credit hold; customers their own early orders (checked separately).
    const staff = from === 'on_hold' ? holdAndRelease : operations;
    return customerMayCancelFrom.includes(from) ? [...staff, 'customer'] : staff;
  }
  if (to === 'invoiced' || to === 'paid' || to === 'closed') return accounting;
  return operations;
}

function shippable(order: OrderFacts): OrderLineFacts[] {
  return order.lines.filter((line) => line.kind !== 'service');
}

function guard(ctx: TransitionContext): TransitionRefusal | null {
  const { from, to, order } = ctx;
  if ((to === 'on_hold' || to === 'cancelled') && !ctx.reason?.trim()) return 'reason_required';
  switch (to) {
    case 'ready_to_ship':
      return order.hasGoods ? null : 'no_goods';
    case 'partially_shipped': {
      if (!order.hasGoods) return 'no_goods';
      const lines = shippable(order);
      if (!lines.some((l) => l.shippedQuantity > 0)) return 'nothing_shipped';
      if (lines.every((l) => l.shippedQuantity >= l.quantity)) return 'all_shipped';
      return null;
    }
    case 'shipped':
      if (!order.hasGoods) return 'no_goods';
      return shippable(order).every((l) => l.shippedQuantity >= l.quantity) ? null : 'not_all_shipped';
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
