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
