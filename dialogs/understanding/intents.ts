import type { Intent } from './types';
import { has, type CueText } from './cues';

export interface Evidence {
  cues: CueText;
  goods: boolean;
  /** Goods with a quantity, or a quantity with an unknown product: clearly an order. */
  quantifiedGoods: boolean;
  service: boolean;
  orderNumber: boolean;
}

/**
 * Rules in a fixed order, from the most specific request to the least: a cancellation names what it cancels,
 * questions about money and deliveries win over the products they mention, then orders, bookings, and small talk.
 */
export function classify(e: Evidence): Intent {
  const c = e.cues;
  const aboutBooking = e.service || has(c, 'booking');
  const aboutOrder = e.orderNumber || has(c, 'orderThing') || e.goods;
  if (has(c, 'cancelThing') && (aboutBooking || aboutOrder)) {
    if (aboutBooking && !has(c, 'orderThing')) return 'cancel_booking';
    return 'cancel_order';
  }
  if (aboutBooking && has(c, 'reschedule') && !e.quantifiedGoods) return 'reschedule_booking';
  if (has(c, 'payment') && !e.quantifiedGoods) return 'payment_status';
  if (has(c, 'invoice') && !e.quantifiedGoods) return 'invoice_status';
  if (has(c, 'status') && !e.quantifiedGoods) return 'order_status';
  // "Was kann ich bestellen?" asks for the catalog rather than for help.
  if (has(c, 'catalog') && !e.quantifiedGoods) return 'order';
  if (has(c, 'help') && !e.quantifiedGoods) return 'help';
  if (e.goods) return 'order';
  if (e.service || has(c, 'booking')) return 'book_service';
  if (has(c, 'generalCancel') || has(c, 'cancelThing')) return 'cancel';
  if (e.orderNumber) return 'order_status';
  if (has(c, 'order')) return 'order';
  if (has(c, 'greeting')) return 'greeting';
  return 'other';
}
