import { parseDocumentNumber } from '../domain/documentNumbers';
import type { Recognized } from './recognizer';

/** What someone asked about invoices in plain words, before anyone checks whether they may. */
export type InvoiceCommand =
  /** Staff: a list. Customers asking the same see their own account's invoices. */
  | { kind: 'list'; filter: 'open' | 'overdue' | 'all'; customer?: string }
  /** A customer: "what do we owe", "which invoices are open". */
  | { kind: 'mine' }
  /** A customer: "send me the invoice for my last order". */
  | { kind: 'last_order' }
  /** Accounting: "Rechnung zu Auftrag 1004 erstellen". */
  | { kind: 'issue'; order: string }
  /** Accounting: "Rechnung RE-2026-0007 stornieren[, Grund: …]". */
  | { kind: 'cancel'; number: string; reason: string | null };

/** The intent the invoice conversation is routed for; the understanding's invoice_status and payment_status go there too. */
export const InvoiceIntents = { invoices: 'invoices' } as const;

const INVOICE = String.raw`(?:rechnung(?:snummer)?|invoice(?:\s+number)?)`;
const NUMBER = String.raw`([a-z]{2}[\s\-./]*\d{4}[\s\-./]*\d{1,6}|[a-z]{2}\d{5,})`;
const ORDER = String.raw`(?:(?:auftrag|auftragsnummer|bestellung|order)\s*)?(?:nr\.?\s*|no\.?\s*|#\s*)?(\d{4,})`;

const lists: Array<[RegExp, 'open' | 'overdue' | 'all']> = [
  [/^(?:zeige?\s+|show\s+)?(?:mir\s+|me\s+)?(?:alle\s+|all\s+)?(?:offene[nr]?\s+rechnungen|unbezahlte[nr]?\s+rechnungen|open\s+invoices|unpaid\s+invoices|outstanding\s+invoices)$/, 'open'],
  [/^(?:zeige?\s+|show\s+)?(?:mir\s+|me\s+)?(?:alle\s+|all\s+)?(?:(?:überfällige|ueberfaellige|fällige|faellige)[nr]?\s+rechnungen|overdue\s+invoices|late\s+invoices)$/, 'overdue'],
  [/^(?:zeige?\s+|show\s+)?(?:mir\s+|me\s+)?(?:alle\s+|all\s+)?(?:rechnungen|invoices)$/, 'all'],
];

// Case-insensitive on the original text, so the customer's name is echoed as written.
const byCustomer = /^(?:zeige?\s+|show\s+)?(?:alle\s+|all\s+)?(?:(offene|open|überfällige|ueberfaellige|overdue)\s+)?(?:rechnungen|invoices)\s+(?:von|für|fuer|der|des|of|from|for)\s+(.+)$/iu;

const issue = [
  new RegExp(String.raw`^(?:bitte\s+)?${INVOICE}\s+(?:zu|zum|für|fuer|for|zur)\s+${ORDER}\s+(?:erstellen|ausstellen|schreiben|stellen)(?:\s+bitte)?$`),
  new RegExp(String.raw`^(?:bitte\s+)?(?:erstelle|stelle|schreibe)\s+(?:die\s+|eine\s+)?${INVOICE}\s+(?:zu|zum|für|fuer|zur)\s+${ORDER}(?:\s+aus)?$`),
  new RegExp(String.raw`^(?:please\s+)?(?:create|issue|make|raise)\s+(?:the\s+|an\s+)?${INVOICE}\s+for\s+${ORDER}$`),
  new RegExp(String.raw`^(?:please\s+)?invoice\s+${ORDER}$`),
  new RegExp(String.raw`^${ORDER}\s+(?:abrechnen|in\s+rechnung\s+stellen|berechnen)$`),
];

const cancel = [
  new RegExp(String.raw`^(?:bitte\s+)?(?:${INVOICE}\s+)?${NUMBER}\s+(?:stornieren|storniere|stornieren\s+bitte)(?:\s*[,:;]\s*(?:grund\s*[:\-]?\s*|weil\s+)?(.+))?$`),
  new RegExp(String.raw`^(?:bitte\s+)?(?:storniere|stornieren)\s+(?:die\s+)?(?:${INVOICE}\s+)?${NUMBER}(?:\s*[,:;]\s*(?:grund\s*[:\-]?\s*|weil\s+)?(.+))?$`),
  new RegExp(String.raw`^(?:please\s+)?(?:cancel|void|reverse)\s+(?:the\s+)?(?:${INVOICE}\s+)?${NUMBER}(?:\s*[,:;]\s*(?:reason\s*[:\-]?\s*|because\s+)?(.+))?$`),
];

const mine = [
  /^(?:welche|was\s+für)\s+rechnungen\s+(?:sind|haben\s+wir)\s+(?:noch\s+)?(?:offen|unbezahlt)$/,
  /^(?:wie\s*viel|was)\s+(?:schulden|schuldet)\s+(?:wir|ich)\s+(?:euch|ihnen|dir)\s+(?:noch|eigentlich)?\s*(?:noch)?$/,
  /^(?:wie\s*viel|was)\s+(?:haben\s+wir|habe\s+ich)\s+(?:noch\s+)?(?:offen|zu\s+zahlen|zu\s+bezahlen)$/,
  /^(?:meine|unsere)\s+(?:offenen\s+)?rechnungen$/,
  /^how\s+much\s+do\s+(?:we|i)\s+(?:still\s+)?owe\s+(?:you|u)(?:\s+still)?$/,
  /^(?:which|what)\s+invoices\s+are\s+(?:still\s+)?(?:open|unpaid|outstanding)$/,
  /^(?:my|our)\s+(?:open\s+)?invoices$/,
  /^what\s+do\s+(?:we|i)\s+(?:still\s+)?owe(?:\s+you)?$/,
];

const lastOrder = [
  /^(?:bitte\s+)?(?:schick|schicke|sende|senden\s+sie)\s+(?:mir|uns)\s+(?:bitte\s+)?(?:die\s+)?rechnung\s+(?:zur|zu\s+der|für\s+die|fuer\s+die|von\s+der)\s+letzten\s+(?:bestellung|lieferung|auftrag)(?:\s+bitte)?$/,
  /^(?:please\s+)?send\s+(?:me|us)\s+(?:the\s+)?invoice\s+(?:for|of)\s+(?:my|our|the)\s+last\s+order(?:\s+please)?$/,
  /^(?:rechnung\s+(?:zur|der)\s+letzten\s+bestellung|invoice\s+for\s+(?:my|our|the)\s+last\s+order)$/,
];

function tidy(text: string): string {
  return text.trim().replace(/[.!?]+$/, '').replace(/\s+/g, ' ');
}

/** Invoice phrases in German and English; null when nothing fits (then the general understanding decides). */
export function matchInvoiceCommand(text: string): InvoiceCommand | null {
  const original = tidy(text);
  const s = original.toLowerCase();
  if (!s) return null;
  for (const pattern of cancel) {
    const m = pattern.exec(s);
    const parsed = m ? parseDocumentNumber(m[1]) : null;
    if (m && parsed && (parsed.kind === 'invoice' || parsed.kind === 'cancellation')) {
      // The reason as written (not lower-cased): it goes into the history.
      const reason = m[2] ? original.slice(original.length - m[2].length).trim() : null;
      return { kind: 'cancel', number: parsed.number, reason: reason || null };
    }
  }
  for (const pattern of issue) {
    const m = pattern.exec(s);
    if (m) return { kind: 'issue', order: m[1] };
  }
  for (const [pattern, filter] of lists) if (pattern.test(s)) return { kind: 'list', filter };
  if (lastOrder.some((p) => p.test(s))) return { kind: 'last_order' };
  if (mine.some((p) => p.test(s))) return { kind: 'mine' };
  const c = byCustomer.exec(original);
  if (c) {
    const filter = !c[1] ? 'all' : /^(offene|open)$/i.test(c[1]) ? 'open' : 'overdue';
    return { kind: 'list', filter, customer: c[2].trim() };
  }
  return null;
}

/** The recognizer's answer for an invoice phrase, or null. */
export function recognizeInvoiceCommand(text: string): Recognized | null {
  const command = matchInvoiceCommand(text);
  return command ? { intent: InvoiceIntents.invoices, details: { invoiceCommand: command } } : null;
}
