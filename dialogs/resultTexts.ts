import type { Actor, OrderView } from '../data/orders';
import { checkTransition, orderFactsOf, type TransitionRefusal } from '../domain/lifecycle';
import type { Locale } from '../domain/locale';
import type { RecordShipmentResult, RescheduleResult, TransitionResult } from '../operations';
import { cancelTexts } from './texts/cancel';
import { staffTexts } from './texts/staff';
import { invoiceFieldNames } from '../domain/invoiceFieldNames';
import { invoiceTexts } from './texts/invoices';
import { quoteStatusLabel, type QuoteStatus } from '../domain/quotes';
import { formatDate } from './format';
import { quoteTexts } from './texts/quotes';

/**
 * Each answer of an operation in words, once: every conversation and the REST error messages use these.
 * `status` is the order's status as the reader knows it (orderLabel), for refusals that name it.
 */

type StaffTextKey = Parameters<typeof staffTexts>[1];

/** Why the lifecycle refused a step; codes it may add later fall back to a general sentence. */
const refusalTexts: Record<TransitionRefusal, StaffTextKey> = {
  not_allowed: 'reason_not_allowed',
  role_not_permitted: 'reason_role_not_permitted',
  not_own_order: 'reason_not_own_order',
  reason_required: 'reason_reason_required',
  nothing_shipped: 'reason_nothing_shipped',
  all_shipped: 'reason_all_shipped',
  not_all_shipped: 'reason_not_all_shipped',
  no_goods: 'reason_no_goods',
  no_services: 'reason_no_services',
  has_goods: 'reason_has_goods',
  services_pending: 'reason_services_pending',
};

/** A refused lifecycle step (transitionOrder's reasonCode, or checkTransition's code) as a sentence. */
export function transitionRefusalText(code: string | undefined, locale: Locale, status: string): string {
  return staffTexts(locale, refusalTexts[code as TransitionRefusal] ?? 'reason_other', { status });
}

/** Someone else changed the order first: nothing was written. */
export function changedMeanwhileText(number: string, locale: Locale): string {
  return cancelTexts(locale, 'changedMeanwhile', { number });
}

/** What transitionOrder's refusals mean for whoever asked. */
export function transitionResultText(result: TransitionResult & { ok: false }, number: string, locale: Locale, status: string): string {
  if (result.code === 'not_found') return staffTexts(locale, 'orderNotFound', { number });
  if (result.code === 'conflict') return changedMeanwhileText(number, locale);
  return transitionRefusalText(result.reasonCode, locale, status);
}

/** What recordShipment's refusals mean; lifecycle refusals read as transitionRefusalText. */
export function shipmentResultText(result: RecordShipmentResult & { ok: false }, number: string, locale: Locale, status: string): string {
  switch (result.code) {
    case 'not_found':
    case 'forbidden':
      return staffTexts(locale, 'orderNotFound', { number });
    case 'conflict':
      return changedMeanwhileText(number, locale);
    case 'illegal':
      return transitionRefusalText(result.reasonCode, locale, status);
    case 'insufficient_stock':
      return staffTexts(locale, 'shipStock', { lineNo: result.lineNo, sku: result.sku, available: result.available });
    case 'invalid_lines':
      return staffTexts(locale, 'shipTooMuch');
    case 'invoice_incomplete':
      return invoiceIncompleteText(result.missing, locale);
  }
}

/** An invoice that would lack §14 (4) UStG fields is not issued; the step that would issue it waits. */
export function invoiceIncompleteText(missing: readonly (keyof (typeof invoiceFieldNames)['de'])[], locale: Locale): string {
  return invoiceTexts(locale, 'incomplete', { fields: missing.map((f) => invoiceFieldNames[locale][f]).join(', ') });
}

/** What rescheduleBooking's refusals mean (slot problems are answered with new offers, not with this). */
export function rescheduleResultText(result: RescheduleResult & { ok: false }, number: string, locale: Locale, status: string | null): string {
  switch (result.code) {
    case 'not_found':
      return cancelTexts(locale, 'unknownOrder', { number });
    case 'conflict':
      return changedMeanwhileText(number, locale);
    case 'already_started':
      return cancelTexts(locale, 'alreadyStarted', { number });
    case 'no_booking':
      return cancelTexts(locale, 'noBooking', { number });
    default:
      return status ? cancelTexts(locale, 'cannotMove', { number, status }) : cancelTexts(locale, 'unknownOrder', { number });
  }
}

/** Why a cancellation is refused: too late for anyone, or a step only staff may take now. */
export type CancelRefusal = 'too_late' | 'not_yourself';

/** Why this actor may not cancel the order now, or null when they may (the same table transitionOrder applies). */
export function cancelRefusal(view: OrderView, actor: Actor): CancelRefusal | null {
  const check = checkTransition({
    from: view.status, to: 'cancelled', role: actor.role, actorCustomerId: actor.customerId, reasonPending: true,
    order: orderFactsOf(view.customer.id, view.lines),
  });
  if (check.ok) return null;
  return check.code === 'role_not_permitted' && check.allowed.includes('cancelled') && actor.role === 'customer' ? 'not_yourself' : 'too_late';
}

export function cancelRefusalText(refusal: CancelRefusal, number: string, locale: Locale, status: string): string {
  return cancelTexts(locale, refusal === 'not_yourself' ? 'cannotCancelYourself' : 'cannotCancel', { number, status });
}

/** A refused quote step (operations/quotes.ts) as a sentence; `quote` is the quote as it stands, when known. */
export function quoteRefusalText(
  result: { code: string; quote?: { number: string; validUntil: string; orderNumber: string | null; status: QuoteStatus }; problems?: { code: string }[] },
  number: string, locale: Locale,
): string {
  const q = result.quote;
  const t = (key: Parameters<typeof quoteTexts>[1], params: Record<string, string> = {}) => quoteTexts(locale, key, { number: q?.number ?? number, ...params });
  switch (result.code) {
    case 'not_found': return t('notFound');
    case 'forbidden': return t('forbidden');
    case 'not_sent': return t('notSent');
    case 'already_sent': return t('alreadySent');
    case 'already_accepted': return t('alreadyAccepted', { order: q?.orderNumber ?? '–' });
    case 'already_rejected': return t('alreadyRejected');
    case 'expired': return t('expired', { date: q ? formatDate(q.validUntil, locale) : '–' });
    case 'order_problems': return t('orderProblems', { problems: [...new Set((result.problems ?? []).map((p) => p.code))].join(', ') });
    case 'discount_not_allowed': return t('discountNotAllowed');
    case 'bad_discount': return t('badDiscount');
    case 'bad_validity': return t('badValidity');
    default: return t('notAllowed', { status: q ? quoteStatusLabel(q.status, locale) : '–' });
  }
}
