import type { DocumentKind } from '../../domain/documentNumbers';
import type { Intent } from './types';
import { has, type CueText } from './cues';

export interface Evidence {
  cues: CueText;
  goods: boolean;
  /** Goods with a quantity, or a quantity with an unknown product: clearly an order. */
  quantifiedGoods: boolean;
  service: boolean;
  orderNumber: boolean;
  /** The message takes products off the draft ("ohne Toner") or accepts the available quantity. */
  draftChange: boolean;
  reorder: boolean;
  /** The first document named other than an order ("Lieferschein LS-1002 fehlt", "Mahnung MA-2026-0001"). */
  document: DocumentKind | null;
}

/**
 * Rules in a fixed order, from the most specific request to the least: a cancellation names what it cancels,
 * questions about money and deliveries win over the products they mention, then orders, bookings, and small talk.
 */
export function classify(e: Evidence): Intent {
  const c = e.cues;
  const aboutBooking = e.service || has(c, 'booking');
  const aboutOrder = e.orderNumber || has(c, 'orderThing') || e.goods;
  // A removal of products is a change to the order, not its cancellation ("den Stuhl doch nicht", "drop the coffee").
  if (e.draftChange && !e.orderNumber && !(has(c, 'cancelThing') && has(c, 'orderThing'))) return 'order';
  const cancels = has(c, 'cancelThing') || (has(c, 'cancelWeak') && (e.orderNumber || aboutBooking || has(c, 'ownOrder')));
  if (cancels && (aboutBooking || aboutOrder)) {
    if (aboutBooking && !has(c, 'orderThing')) return 'cancel_booking';
    return 'cancel_order';
  }
  if (aboutBooking && has(c, 'reschedule') && !e.quantifiedGoods) return 'reschedule_booking';
  if (has(c, 'payment') && !e.quantifiedGoods) return 'payment_status';
  if (has(c, 'invoice') && !e.quantifiedGoods) return 'invoice_status';
  if (has(c, 'status') && !e.quantifiedGoods) return 'order_status';
  if (e.reorder && !e.quantifiedGoods) return 'reorder';
  // A document named without a question word says what it is about: a delivery note the delivery, a dunning
  // notice a payment, an invoice or cancellation invoice itself.
  if (e.document === 'delivery_note' && !e.goods) return 'order_status';
  if (e.document === 'dunning_notice' && !e.goods) return 'payment_status';
  if ((e.document === 'invoice' || e.document === 'cancellation') && !e.goods) return 'invoice_status';
  // "Was kann ich bestellen?" asks for the catalog rather than for help.
  if (has(c, 'catalog') && !e.quantifiedGoods) return 'order';
  if (has(c, 'help') && !e.quantifiedGoods) return 'help';
  // "Can someone set up our desks?": a service asked for on goods the customer has.
  if (e.service && !e.quantifiedGoods && has(c, 'book')) return 'book_service';
  if (e.goods) return 'order';
  if (e.service || has(c, 'booking')) return 'book_service';
  if (has(c, 'generalCancel') || has(c, 'cancelThing')) return 'cancel';
  if (e.orderNumber) return 'order_status';
  if (has(c, 'order')) return 'order';
  if (has(c, 'greeting')) return 'greeting';
  return 'other';
}
