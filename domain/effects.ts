import { followUpSteps } from './acceptance';
import { statusIs, type OrderStatus } from './lifecycle';
import { customerNotificationFor, staffReviewWanted } from './notifications';

/**
 * What a business step does besides recording itself (every step writes its history row). Operations
 * (operations/) read this table and run the effect of each name, in the transaction of the step, in this order.
 */
export type Effect =
  /** Placed: hold the goods the checks found in stock. */
  | 'reserveStock'
  /** Placed: book the machine days of made-to-order lines. */
  | 'planCapacity'
  /** Placed: book the service appointments. */
  | 'bookAppointments'
  /** Cancelled: give reserved goods back. */
  | 'releaseStock'
  /** Cancelled: free machine days and appointments. */
  | 'releaseBookings'
  /** Shipped (partly): the shipment's goods leave the warehouse; too few on hand refuses the step. */
  | 'consumeStock'
  /** The customer's people hear of it (domain/notifications says which message). */
  | 'notifyCustomer'
  /** Sales and admin are asked to decide (a held order). */
  | 'notifyStaffReview'
  /** The system takes the next step by itself (a released hold is confirmed). */
  | 'continueAutomatically'
  /**
   * Shipped, delivered or performed: an invoice over what left the house or was done and is not invoiced yet
   * (per the invoice mode, domain/invoicing.ts), and on to invoiced once every line is.
   */
  | 'issueInvoice'
  /**
   * Invoiced: on to paid when its invoices were already paid in full; paid: on to closed (nothing is left to do).
   * A payment that pays an invoiced order's last invoice takes the step to paid itself.
   */
  | 'closeWhenPaid';

/** A step of an order: a move in the lifecycle (from null: the order was placed), or an event that keeps the status. */
export type OrderStep =
  | { from: OrderStatus | null; to: OrderStatus }
  | { event: 'appointment_moved' };

/**
 * The effects of each step: the one place that says what happens when an order is placed, held, released,
 * cancelled or shipped. The invoice, payment and dunning steps get their rows here too.
 */
export function effectsOf(step: OrderStep): Effect[] {
  if ('event' in step) return step.event === 'appointment_moved' ? ['notifyCustomer'] : [];
  const { from, to } = step;
  const effects: Effect[] = [];
  if (from === null) effects.push('reserveStock', 'planCapacity', 'bookAppointments');
  if (to === 'cancelled') effects.push('releaseStock', 'releaseBookings');
  if (statusIs(to, 'shipmentStep')) effects.push('consumeStock');
  if (customerNotificationFor(to)) effects.push('notifyCustomer');
  if (staffReviewWanted(to)) effects.push('notifyStaffReview');
  if (from !== null && followUpSteps(from, to).length > 0) effects.push('continueAutomatically');
  if (statusIs(to, 'shipmentStep') || to === 'delivered' || to === 'performed') effects.push('issueInvoice');
  if (to === 'invoiced' || to === 'paid') effects.push('closeWhenPaid');
  return effects;
}
