import { addDays, isValidDate } from './calendar';
import type { Locale } from './locale';
import type { Role } from './parties';

/**
 * Quotes (Angebote): their states as one table, from which every status list is derived, and the rules of a
 * quote's steps. A quote is numbered (AN-2026-0001) when it is made; `draft` means it has not gone to the customer
 * yet. Acceptance creates the order at the quoted prices (operations/quotes.ts).
 */
export const quoteStatuses = ['draft', 'sent', 'accepted', 'rejected', 'expired'] as const;
export type QuoteStatus = (typeof quoteStatuses)[number];

/**
 * - open: still in play (may be sent, decided or expire)
 * - awaitingCustomer: with the customer, who may accept or reject it
 * - expirable: the scheduler expires it once its validity has passed
 * - final: nothing happens to it any more
 */
export type QuoteProperty = 'open' | 'awaitingCustomer' | 'expirable' | 'final';

interface QuoteStatusRow {
  next: readonly QuoteStatus[];
  is: readonly QuoteProperty[];
  label: Record<Locale, string>;
}

const quoteLifecycle: Record<QuoteStatus, QuoteStatusRow> = {
  draft: { next: ['sent', 'expired'], is: ['open', 'expirable'], label: { de: 'Entwurf', en: 'Draft' } },
  sent: { next: ['accepted', 'rejected', 'expired'], is: ['open', 'awaitingCustomer', 'expirable'], label: { de: 'Versendet', en: 'Sent' } },
  accepted: { next: [], is: ['final'], label: { de: 'Angenommen', en: 'Accepted' } },
  rejected: { next: [], is: ['final'], label: { de: 'Abgelehnt', en: 'Rejected' } },
  expired: { next: [], is: ['final'], label: { de: 'Abgelaufen', en: 'Expired' } },
};

export function isQuoteStatus(value: unknown): value is QuoteStatus {
  return typeof value === 'string' && (quoteStatuses as readonly string[]).includes(value);
}

export function quoteStatusIs(status: QuoteStatus, property: QuoteProperty): boolean {
  return quoteLifecycle[status].is.includes(property);
}

/** The statuses with a property, in table order (a fresh array: callers may pass it on to a query). */
export function quoteStatusesWhere(property: QuoteProperty): QuoteStatus[] {
  return quoteStatuses.filter((s) => quoteStatusIs(s, property));
}

export function quoteTransitions(from: QuoteStatus): QuoteStatus[] {
  return [...quoteLifecycle[from].next];
}

export function quoteStatusLabel(status: QuoteStatus, locale: Locale): string {
  return quoteLifecycle[status].label[locale];
}

/** How long a quote holds when nobody says otherwise. */
export const DEFAULT_QUOTE_VALIDITY_DAYS = 14;
export const MAX_QUOTE_VALIDITY_DAYS = 365;

/** The last day a quote made `today` holds for `days` days ("gültig 14 Tage": made 2 March, holds to 16 March). */
export function quoteValidUntil(today: string, days: number = DEFAULT_QUOTE_VALIDITY_DAYS): string {
  return addDays(today, days);
}

/** Whether the offer has run out on `today` (it holds through its last day). */
export function validityPassed(validUntil: string, today: string): boolean {
  return isValidDate(validUntil) && validUntil < today;
}

export type QuoteDecision = 'accepted' | 'rejected';

export type QuoteStepRefusal =
  | 'not_sent' // a draft cannot be decided yet
  | 'already_accepted'
  | 'already_rejected'
  | 'expired' // its status, or its validity has passed and the scheduler has not got to it yet
  | 'already_sent'
  | 'not_allowed';

/**
 * Whether a quote in `status` valid until `validUntil` may take the step to `to` on `today`. Answers of a decided
 * quote say how it was decided, so a second press of a button is told what happened and causes nothing.
 */
export function checkQuoteStep(status: QuoteStatus, to: QuoteStatus, validUntil: string, today: string): { ok: true } | { ok: false; code: QuoteStepRefusal } {
  if (status === 'accepted') return { ok: false, code: 'already_accepted' };
  if (status === 'rejected') return { ok: false, code: 'already_rejected' };
  if (status === 'expired') return { ok: false, code: 'expired' };
  if (to === 'sent' && status === 'sent') return { ok: false, code: 'already_sent' };
  if ((to === 'accepted' || to === 'rejected') && status === 'draft') return { ok: false, code: 'not_sent' };
  if (!quoteTransitions(status).includes(to)) return { ok: false, code: 'not_allowed' };
  if (to !== 'expired' && validityPassed(validUntil, today)) return { ok: false, code: 'expired' };
  return { ok: true };
}

/** Sales may give discounts and set the validity; a customer's own request is at catalog prices. */
export function mayDiscount(role: Role): boolean {
  return role === 'sales' || role === 'admin' || role === 'system';
}

/** "10 %", "10,5%", "12.5" as basis points (10 % = 1000), or null when it is not a percentage from 0 to 100. */
export function percentToBasisPoints(text: string): number | null {
  const m = /^\s*(\d{1,3})(?:[.,](\d{1,2}))?\s*%?\s*$/.exec(text);
  if (!m) return null;
  const bp = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0') || 0);
  return bp >= 0 && bp <= 10_000 ? bp : null;
}
