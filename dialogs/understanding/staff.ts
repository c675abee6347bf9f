import type { OrderStatus } from '../../domain/lifecycle';
import { findBareOrderNumber, findDocuments } from './references';
import type { QueueName, StaffCommand } from './types';

/**
 * Staff phrases: work queues, late orders, a customer's orders, "Status Auftrag 1003", and moves of one order
 * ("1004 ist geliefert", "release 1014", "put 1006 on hold", "1004 shipped with DHL, tracking 0034…"). The order is
 * read by the one document reader; what is left around it must be a known status phrase, so that an order for goods
 * or a question never becomes a command.
 */
const queues: Array<[RegExp, QueueName]> = [
  [/^(?:zeige?\s+|zeig\s+|show\s+|list\s+)?(?:mir\s+|me\s+)?(?:die\s+|the\s+)?(?:alle\s+|all\s+)?(?:offene[nr]?\s+(?:auftr(?:ä|ae)ge|bestellungen)|open\s+orders)$/, 'open'],
  [/^(?:zeige?\s+|zeig\s+|show\s+|list\s+)?(?:mir\s+|me\s+)?(?:die\s+|the\s+)?(?:alle\s+|all\s+)?(?:auftr(?:ä|ae)ge\s+(?:auf|im)\s+halt|angehaltene\s+auftr(?:ä|ae)ge|orders\s+on\s+hold|on[-\s]hold\s+orders|held\s+orders)$/, 'on_hold'],
  [/^(?:was\s+ist\s+|was\s+muss\s+|what\s+is\s+|what\s+has\s+to\s+|what\s+needs\s+to\s+)?(?:heute\s+zu\s+versenden|heute\s+versenden|heute\s+raus|was\s+geht\s+heute\s+raus|(?:orders\s+)?to\s+ship\s+today|ships?\s+today|go\s+out\s+today|what\s+ships\s+today)$/, 'ship_today'],
];

const late = /^(?:(?:and\s+|und\s+)?(?:what\s+is|what'?s|anything|is\s+anything|gibt\s+es\s+was|ist\s+was|was\s+ist)\s+)?(?:late|overdue|(?:late|overdue)\s+orders|überfällig|ueberfaellig|verspätet|verspaetet|im\s+verzug|(?:überfällige|ueberfaellige|verspätete|verspaetete)\s+auftr(?:ä|ae)ge)$/;

// Case-insensitive, because it runs on the original text: the customer's name is echoed back as written.
const customerOrders =
  /^(?:zeige?\s+|zeig\s+|show\s+|list\s+)?(?:mir\s+|me\s+)?(?:die\s+|the\s+)?(?:alle\s+|all\s+)?(?:offene[nr]?\s+|open\s+)?(?:auftr(?:ä|ae)ge|bestellungen|orders)\s+(?:von|für|fuer|der|des|of|from|for|by)\s+(.+)$/iu;

const statusWords = /^(?:wie\s+ist\s+der\s+)?(?:status|stand|state|where\s+is|wo\s+ist|wo\s+bleibt)\s+(?:von\s+|der\s+|des\s+|of\s+)?$/;

/** Words for a target status, longest first so "in production" wins over "production". */
const targets: Array<[RegExp, OrderStatus | 'ship']> = [
  [/^(?:versendet|versandt|verschickt|raus|rausgegangen|shipped|sent|dispatched|versenden|verschicken|ship|send\s+out|sent\s+out)$/, 'ship'],
  [/^(?:geliefert|zugestellt|angekommen|delivered)$/, 'delivered'],
  [/^(?:in\s+produktion|in\s+ausführung|in\s+ausfuehrung|in\s+arbeit|in\s+production|in\s+execution|in\s+progress)$/, 'in_execution'],
  [/^(?:in\s+vorbereitung|in\s+preparation)$/, 'in_preparation'],
  [/^(?:versandbereit|versandfertig|ready\s+to\s+ship|ready\s+for\s+shipping|ready\s+for\s+shipment)$/, 'ready_to_ship'],
  [/^(?:bestätigt|bestaetigt|bestätigen|bestaetigen|confirmed|confirm)$/, 'confirmed'],
  [/^(?:geprüft|geprueft|prüfen|pruefen|checked|check|freigeben|freigegeben|release|released|approve|approved)$/, 'checked'],
  [/^(?:storniert|stornieren|ablehnen|abgelehnt|cancelled|canceled|cancel|rejected|reject)$/, 'cancelled'],
  [/^(?:anhalten|angehalten|halt|auf\s+halt|on\s+hold|hold)$/, 'on_hold'],
  [/^(?:erbracht|erledigt|durchgeführt|durchgefuehrt|performed|done)$/, 'performed'],
];

/** Words around the status phrase that carry no meaning of their own ("mark … as", "setze … auf", "bitte"). */
const fillers = /\b(?:mark|set|put|move|setze|setzen|setz|stelle|stellen|stell|mach|mache|machen|markieren|markiert|markiere|ist|is|as|to|auf|als|now|jetzt|bitte|please|wurde|worden|has\s+been|was|been|der|die|den|the|schon|heute|today)\b/g;

/** A question about an order ("ist 1004 schon versendet?", "is 1006 delivered?") is no command to move it. */
const questionStart = /^(?:ist|is|sind|are|wurde|wurden|was|were|wird|will|hat|has|have|did|does|do|wann|when|wo|where|schon|already)\b/;

/** Parcel carriers, as written in the command and stored with the shipment. */
const carriers = ['DHL Express', 'DHL', 'Deutsche Post', 'DPD', 'GLS', 'UPS', 'Hermes', 'FedEx', 'TNT'];
// "with DHL", "per DPD", or the carrier's name alone ("versendet, DHL 0034…"); a long code right after it is its tracking.
const carrierPattern = new RegExp(
  String.raw`(?:\b(?:with|via|by|per|mit|über|ueber|durch)\s+)?\b(${carriers.map((c) => c.replace(/\s+/g, '\\s+')).join('|')})(?![\p{L}])(?:\s*[:#]?\s*(?=[a-z0-9]{10,40}\b)([a-z]*\d[a-z0-9]*)\b)?`,
  'iu',
);
const trackingPattern =
  /[,;]?\s*(?:(?:with\s+|mit\s+)?(?:tracking|sendungs|paket|tracking-?)\s*(?:-?\s*(?:nummer|number|no\.?|nr\.?|id|code|#))?|sendungsverfolgung|tracking)\s*[:#]?\s*(?=[a-z0-9]{8,40}\b)([a-z]*\d[a-z0-9]*)\b/iu;

function tidy(text: string): string {
  return text.trim().replace(/[.!?]+$/, '').replace(/\s+/g, ' ');
}

/** The status the words around the order name: with the filler words taken out everywhere, or only at the edges
 *  ("mark 1012 as ready to ship" keeps the "to" of "ready to ship"). */
function targetOf(words: string): OrderStatus | 'ship' | null {
  const plain = words.replace(/[,;:]/g, ' ').replace(/\s+/g, ' ').trim();
  const edge = new RegExp(`^(?:${fillers.source}\\s*)+|(?:\\s*${fillers.source})+$`, 'g');
  for (const rest of [plain.replace(fillers, ' ').replace(/\s+/g, ' ').trim(), plain.replace(edge, '').trim()]) {
    const hit = targets.find(([pattern]) => pattern.test(rest));
    if (hit) return hit[1];
  }
  return null;
}

/** The one order a command is about: a document reference of kind order, or a bare number from 1000 on. */
function orderIn(s: string): { number: string; start: number; end: number } | null {
  const documents = findDocuments(s);
  const order = documents.find((d) => d.kind === 'order');
  if (order) return { number: order.number, start: order.start, end: order.end };
  if (documents.length > 0) return null;
  const bare = findBareOrderNumber(s, 9);
  return bare ? { number: bare.value, start: bare.start, end: bare.end } : null;
}

/**
 * The last text that was no staff command. A turn asks twice (the staff wrapper in dialogs/staffCommands.ts, then
 * understand), and for a customer's message the answer is always none; only that answer is kept, so no caller
 * shares a command object with another.
 */
let lastNoCommand: string | null = null;

export function matchStaffCommand(text: string): StaffCommand | null {
  if (text === lastNoCommand) return null;
  const command = readStaffCommand(text);
  if (!command) lastNoCommand = text;
  return command;
}

function readStaffCommand(text: string): StaffCommand | null {
  const original = tidy(text);
  let s = original.toLowerCase();
  if (!s) return null;
  for (const [pattern, queue] of queues) if (pattern.test(s)) return { kind: 'queue', queue };
  if (late.test(s)) return { kind: 'late' };

  const carrier = carrierPattern.exec(original);
  const tracking = trackingPattern.exec(original) ?? (carrier?.[2] ? carrier : null);
  const trackingNumber = tracking === carrier ? carrier?.[2] : tracking?.[1];
  for (const m of [tracking, carrier].filter((x, i, all): x is RegExpExecArray => x !== null && all.indexOf(x) === i).sort((a, b) => b.index - a.index)) {
    s = s.slice(0, m.index) + ' ' + s.slice(m.index + m[0].length);
  }
  const order = orderIn(s);
  if (order) {
    const before = s.slice(0, order.start);
    const after = s.slice(order.end);
    if (statusWords.test(before) && !after.trim() && !carrier && !tracking) return { kind: 'order_status', order: order.number };
    const asks = text.includes('?') || questionStart.test(before.trim());
    const to = asks ? null : targetOf(`${before} ${after}`);
    if (to === 'ship') {
      const command: StaffCommand = { kind: 'ship', order: order.number };
      if (carrier) command.carrier = carriers.find((c) => c.toLowerCase() === carrier[1].toLowerCase()) ?? carrier[1];
      if (trackingNumber) command.tracking = trackingNumber.toUpperCase();
      return command;
    }
    if (to && !carrier && !tracking) return { kind: 'transition', order: order.number, to };
    // "Auftrag 1003": an order named and nothing else asks for it.
    if (!before.trim() && !after.trim() && /^(?:auftrag|bestellung|order)/.test(s.slice(order.start))) return { kind: 'order_status', order: order.number };
  }
  const co = customerOrders.exec(original);
  // "Aufträge von Kunde 10002": the customer number stands for the customer.
  const customer = co?.[1].trim().replace(/^(?:kunden?|customer)\s*(?:nr\.?|no\.?|nummer|number)?\s*[:#]?\s*(?=\d+$)/iu, '');
  if (customer && (!/\d/.test(customer) || /^\d{4,}$/.test(customer))) return { kind: 'customer_orders', customer };
  return null;
}
