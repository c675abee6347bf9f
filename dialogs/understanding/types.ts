export type Intent =
  | 'order' | 'book_service' | 'reschedule_booking' | 'cancel_booking' | 'order_status' | 'cancel_order'
  | 'invoice_status' | 'payment_status' | 'help' | 'cancel' | 'greeting' | 'other';
