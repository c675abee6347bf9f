import type { DocumentKind } from '../../domain/documentNumbers';
import type { Locale } from '../../domain/locale';
import type { OrderStatus } from '../../domain/lifecycle';

export type Intent =
  | 'order' | 'book_service' | 'reschedule_booking' | 'cancel_booking' | 'order_status' | 'cancel_order'
  | 'invoice_status' | 'payment_status' | 'help' | 'cancel' | 'greeting' | 'other'
  /** "dasselbe wie letztes Mal", "nochmal wie bei Auftrag 1004", "same as last time": see `reorder`. */
  | 'reorder'
  /** A staff phrase ("offene Aufträge", "1004 shipped with DHL, tracking …"): see `staff`. */
  | 'staff_command';

export type PartOfDay = 'morning' | 'afternoon' | 'evening';

/** Goods (and made-to-order) with the quantity written for them. */
export interface ItemMention {
  sku: string;
  quantity: number | null;
  text: string;
  /**
   * The product is named only to be taken off ("ohne Kaffee"): the removal is in `changes`. Kept in `items` (quantity
   * null) for dialogs that read removals from items and the wording; goods to order are the items without it.
   */
  removal?: true;
}

/** A word that fits several products ("Toner"), with the quantity written for it. */
export interface AmbiguousMention {
  text: string;
  candidates: string[];
  quantity: number | null;
  /** Named only to be taken off ("ohne Toner": whichever toner is on the draft); see ItemMention.removal. */
  removal?: true;
}

/**
 * Which draft line a change is about: the products the words can mean ("den Stuhl" → [CHAIR-ERGO], "ohne Toner" →
 * [TONER-BK, TONER-COLOR]: whichever of them is on the draft). null target: the line the dialog has open / the only line.
 */
export interface ItemTarget {
  skus: string[];
  /** The words as written ("den Stuhl", "Toner"). */
  text: string;
}

/**
 * A change to the draft the message asks for, as opposed to new goods:
 * - set_quantity: "ach nee, doch lieber 3" (target null: the open line), "make the paper 5"
 * - remove: "den Stuhl doch nicht", "ohne Toner", "actually drop the coffee"
 * - accept_available: "ok just send the 5 you have then" (quantity the customer repeats, if any)
 */
export type ItemChange =
  | { kind: 'set_quantity'; target: ItemTarget | null; quantity: number }
  | { kind: 'remove'; target: ItemTarget }
  | { kind: 'accept_available'; target: ItemTarget | null; quantity: number | null };

/** A delivery address given in the message ("liefern an: Baustraße 5, 12345 Berlin"). */
export interface DeliveryAddress {
  street: string;
  /** Five digits; null when the message gives only the street. */
  postcode: string | null;
  city: string | null;
  /** The address as written. */
  text: string;
}

/**
 * A date the message names that cannot be taken as is:
 * - past: "Lieferung am 30.11.2026" written after that day (the date is reported, not dropped)
 * - ambiguous: "am 20.11." after that day of this year (up to three months back): this year's (past) or next
 *   year's; further back ("am 4.1." in December) it is simply next year's
 */
export type DateProblem =
  | { kind: 'past'; date: string }
  | { kind: 'ambiguous'; thisYear: string; nextYear: string };

/** A business document named in the message ("Rechnung RE-2026-0004", "Lieferschein LS-1001", "Auftrag 1003"). */
export interface DocumentReference {
  kind: DocumentKind;
  /** Canonical number as stored ("RE-2026-0004", "LS-1001", "1003"). */
  number: string;
}

/** "same as last time" (order null: the customer's latest order) or "wie bei Auftrag 1004". */
export interface ReorderRequest {
  order: string | null;
}

export type QueueName = 'open' | 'on_hold' | 'ship_today';

/** What a staff member asked for in plain words, before anyone checks whether it is allowed. */
export type StaffCommand =
  | { kind: 'queue'; queue: QueueName }
  | { kind: 'late' }
  | { kind: 'customer_orders'; customer: string }
  | { kind: 'order_status'; order: string }
  | { kind: 'transition'; order: string; to: OrderStatus }
  /** carrier and tracking when the message gives them ("1004 shipped with DHL, tracking 0034…"). */
  | { kind: 'ship'; order: string; carrier?: string; tracking?: string };

export interface Understanding {
  intent: Intent;
  /** Goods (and made-to-order), corrections already applied. */
  items: ItemMention[];
  /** SKU of a service product mentioned. */
  service: string | null;
  /** YYYY-MM-DD, resolved in Europe/Berlin; null for a past date, next year's for an ambiguous one (see dateProblem). */
  date: string | null;
  partOfDay: PartOfDay | null;
  /** HH:MM if given. */
  time: string | null;
  /** Order number mentioned ("Auftrag 1003", "#1003", "order 1003"). */
  order: string | null;
  /** Customer number when staff order on behalf of a customer. */
  customer: string | null;
  /** Words that fit several products ("2 Toner" → TONER-BK, TONER-COLOR, quantity 2). */
  ambiguous: AmbiguousMention[];
  /** Product-like words that nothing in the catalog matched, most product-like first, at most three. */
  unknown: string[];
  switchLocale: Locale | null;
  /** Yes/no answers ("ja", "passt", "yes", "nope"). */
  confirm: boolean | null;
  /** A message that is only a quantity or corrects one without a product ("5", "lieber fünf", "make it 3"); always
   *  set by understand(), optional so that hand-built Understandings in tests and dialogs stay valid. */
  quantityOnly?: number | null;
  /** The customer asks what there is ("Katalog", "was habt ihr?", "what do you sell?"): intent is `order` and the
   *  order dialog shows the catalog card. Always set by understand(); optional like quantityOnly. */
  catalog?: boolean;
  // The fields below are always set by understand(); optional so that hand-built Understandings stay valid.
  /** Changes to the draft: set a quantity, remove a line, accept the available quantity. Empty when none. */
  changes?: ItemChange[];
  /** Delivery address given in the message, or null. */
  deliveryAddress?: DeliveryAddress | null;
  /** A named date that is past (`date` null) or could be this year's or next year's (`date` is next year's):
   *  the dialog asks rather than taking it. */
  dateProblem?: DateProblem | null;
  /** Set with intent `reorder`. */
  reorder?: ReorderRequest | null;
  /** Every document named, in the order written; `order` is the first order among them. */
  documents?: DocumentReference[];
  /** Set with intent `staff_command` (the dialogs decide whether the person may do it). */
  staff?: StaffCommand | null;
  /**
   * Products the words single out by an attribute or a name part, for answering a choice the bot offered
   * ("die farbigen", "farbe", "the black one" → TONER-COLOR / TONER-BK); the dialog keeps those among its options.
   */
  picks?: string[];
}
