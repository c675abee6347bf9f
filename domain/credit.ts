import { daysBetween } from './calendar';
import { statusesWhere, statusIs, type OrderStatus } from './lifecycle';

/** Invoices overdue longer than this put new orders on hold (§286 (3) BGB: default after 30 days). */
export const OVERDUE_HOLD_DAYS = 30;

export interface CreditQuestion {
  /** null: the customer has no credit limit. */
  creditLimitCents: number | null;
  openReceivablesCents: number;
  orderGrossCents: number;
  /** Days the oldest unpaid invoice is past its due date; null when nothing is overdue. */
  oldestOverdueDays: number | null;
}

export type CreditAnswer =
  | { ok: true }
  | { ok: false; reason: 'overdue_invoices'; oldestOverdueDays: number }
  | { ok: false; reason: 'credit_limit'; creditLimitCents: number; exposureCents: number; exceededByCents: number };

/**
 * Overdue invoices are checked first: they hold the order even when the limit would allow it.
 * Reaching the limit exactly is still fine; only exceeding it holds the order.
 */
export function checkCredit(q: CreditQuestion): CreditAnswer {
  if (q.oldestOverdueDays != null && q.oldestOverdueDays > OVERDUE_HOLD_DAYS) {
    return { ok: false, reason: 'overdue_invoices', oldestOverdueDays: q.oldestOverdueDays };
  }
  if (q.creditLimitCents != null) {
    const exposureCents = q.openReceivablesCents + q.orderGrossCents;
    if (exposureCents > q.creditLimitCents) {
      return {
        ok: false,
        reason: 'credit_limit',
        creditLimitCents: q.creditLimitCents,
        exposureCents,
        exceededByCents: exposureCents - q.creditLimitCents,
      };
    }
  }
  return { ok: true };
}

/**
 * What counts against the credit limit (issue 10): every open invoice (gross less what is paid; paid invoices stop
 * counting) plus the part of accepted orders that is not invoiced yet. Orders from `invoiced` on are represented by
 * their invoices alone.
 */
export const ordersCountedUntilInvoiced: readonly OrderStatus[] = statusesWhere('receivable').filter((s) => !statusIs(s, 'accountingStep'));

/** An accepted order's share of the exposure: its gross less what its issued invoices bill (never below zero). */
export function uninvoicedCents(orderGrossCents: number, invoicedGrossCents: number): number {
  return Math.max(0, orderGrossCents - invoicedGrossCents);
}

/** Days the oldest unpaid invoice is past its due date on `today`; null when none is overdue. */
export function overdueDays(oldestDueDate: string | null, today: string): number | null {
  if (!oldestDueDate) return null;
  const days = daysBetween(oldestDueDate, today);
  return days > 0 ? days : null;
}
