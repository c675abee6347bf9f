import type { OrderStatus } from '../domain/lifecycle';
import type { Recognizer } from './recognizer';

import type { QueueName, StaffCommand } from './understanding/types';

export type { QueueName, StaffCommand } from './understanding/types';

const ORDER = String.raw`(?:(?:auftrag|auftragsnummer|bestellung|order)\s*)?(?:nr\.?\s*|no\.?\s*|#\s*)?(\d{4,})`;

const queues: Array<[RegExp, QueueName]> = [
  [/^(?:zeige?\s+|show\s+)?(?:mir\s+|me\s+)?(?:alle\s+|all\s+)?(?:offene[nr]?\s+(?:auftr(?:ä|ae)ge|bestellungen)|open\s+orders)$/, 'open'],
  [/^(?:zeige?\s+|show\s+)?(?:auftr(?:ä|ae)ge\s+(?:auf|im)\s+halt|angehaltene\s+auftr(?:ä|ae)ge|orders\s+on\s+hold|on[-\s]hold\s+orders|held\s+orders)$/, 'on_hold'],
  [/^(?:was\s+ist\s+)?(?:heute\s+zu\s+versenden|heute\s+versenden|was\s+geht\s+heute\s+raus|(?:orders\s+)?to\s+ship\s+today|what\s+ships\s+today)$/, 'ship_today'],
];

const late = /^(?:what\s+is\s+late|what'?s\s+late|late\s+orders|overdue\s+orders|was\s+ist\s+(?:überfällig|ueberfaellig|verspätet|verspaetet|im\s+verzug)|(?:überfällige|ueberfaellige|verspätete|verspaetete)\s+auftr(?:ä|ae)ge)$/;

// Case-insensitive, because it runs on the original text: the customer's name is echoed back as written.
const customerOrders = /^(?:zeige?\s+|show\s+)?(?:alle\s+|all\s+)?(?:auftr(?:ä|ae)ge|bestellungen|orders)\s+(?:von|für|fuer|der|des|of|from|for|by)\s+(.+)$/iu;

const status = new RegExp(String.raw`^(?:wie\s+ist\s+der\s+)?(?:status|stand|state|where\s+is|wo\s+ist|wo\s+bleibt)\s+(?:von\s+|der\s+|des\s+|of\s+)?${ORDER}$`);

/** Words for a target status, longest first so "in production" wins over "production". */
const targets: Array<[RegExp, OrderStatus | 'ship']> = [
  [/^(?:ist\s+|is\s+)?(?:versendet|versandt|verschickt|raus|shipped|sent|dispatched|versenden|ship)$/, 'ship'],
  [/^(?:ist\s+|is\s+)?(?:geliefert|zugestellt|angekommen|delivered)$/, 'delivered'],
  [/^(?:ist\s+|is\s+)?(?:in\s+produktion|in\s+ausführung|in\s+ausfuehrung|in\s+arbeit|in\s+production|in\s+execution|in\s+progress)$/, 'in_execution'],
  [/^(?:ist\s+|is\s+)?(?:in\s+vorbereitung|in\s+preparation)$/, 'in_preparation'],
  [/^(?:ist\s+|is\s+)?(?:versandbereit|versandfertig|ready\s+to\s+ship|ready\s+for\s+shipping)$/, 'ready_to_ship'],
  [/^(?:ist\s+|is\s+)?(?:bestätigt|bestaetigt|bestätigen|confirmed|confirm)$/, 'confirmed'],
  [/^(?:ist\s+|is\s+)?(?:geprüft|geprueft|prüfen|checked|freigeben|freigegeben|release|released)$/, 'checked'],
  [/^(?:ist\s+|is\s+)?(?:storniert|stornieren|ablehnen|abgelehnt|cancelled|canceled|cancel|rejected|reject)$/, 'cancelled'],
  [/^(?:ist\s+|is\s+)?(?:anhalten|angehalten|auf\s+halt|on\s+hold|hold)$/, 'on_hold'],
  [/^(?:ist\s+|is\s+)?(?:erbracht|erledigt|durchgeführt|performed|done)$/, 'performed'],
];

function tidy(text: string): string {
  return text.trim().replace(/[.!?]+$/, '').replace(/\s+/g, ' ');
}

function target(words: string): OrderStatus | 'ship' | null {
  const hit = targets.find(([pattern]) => pattern.test(words));
  return hit ? hit[1] : null;
}

/**
 * Staff phrases the general recognizer does not know: work queues, late orders, a customer's orders,
 * "Status Auftrag 1003", and "1004 ist geliefert" / "mark 1004 as shipped". null when nothing fits.
 */
export function matchStaffCommand(text: string): StaffCommand | null {
  const s = tidy(text).toLowerCase();
  if (!s) return null;
  for (const [pattern, queue] of queues) if (pattern.test(s)) return { kind: 'queue', queue };
  if (late.test(s)) return { kind: 'late' };

  const st = status.exec(s);
  if (st) return { kind: 'order_status', order: st[1] };

  // "1004 ist geliefert", "auftrag 1004 versendet", "mark order 1004 as delivered", "set 1004 to ready to ship"
  const move = new RegExp(String.raw`^(?:mark\s+|set\s+|setze\s+)?${ORDER}\s+(?:as\s+|to\s+|auf\s+)?(.+)$`).exec(s);
  if (move) {
    const to = target(move[2]);
    if (to === 'ship') return { kind: 'ship', order: move[1] };
    if (to) return { kind: 'transition', order: move[1], to };
  }

  const bare = new RegExp(`^${ORDER}$`).exec(s);
  if (bare && /^(?:auftrag|bestellung|order)/.test(s)) return { kind: 'order_status', order: bare[1] };

  const co = customerOrders.exec(tidy(text));
  if (co) return { kind: 'customer_orders', customer: co[1].trim() };
  return null;
}

/** Intents this file produces; the main dialog routes them to the staff and the status dialog. */
export const StaffIntents = { work: 'staff_work', status: 'order_status' } as const;

/**
 * Puts the staff phrases in front of another recognizer: work (queues, status changes, shipping) goes to the
 * staff dialog with `{ command }`, status questions to the status dialog with its options.
 */
export function withStaffCommands(inner: Recognizer): Recognizer {
  return async (text, locale) => {
    const command = matchStaffCommand(text);
    if (!command) return inner(text, locale);
    switch (command.kind) {
      case 'order_status':
        return { intent: StaffIntents.status, details: { order: command.order } };
      case 'late':
        return { intent: StaffIntents.status, details: { late: true } };
      case 'customer_orders':
        return { intent: StaffIntents.status, details: { customerQuery: command.customer } };
      default:
        return { intent: StaffIntents.work, details: { command } };
    }
  };
}
