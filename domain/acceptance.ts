import type { CreditAnswer } from './credit';
import type { OrderStatus } from './lifecycle';

/** One automatic step of accepting a placed order. */
export interface AcceptanceStep {
  to: OrderStatus;
  /** Why the order is held; it is also what the order shows as its hold reason. */
  reason?: string;
}

/**
 * What happens to an order right after it was received: a credit refusal holds it for a person to decide,
 * anything else passes the check and is confirmed without anyone having to look at it.
 */
export function acceptanceSteps(credit: CreditAnswer): AcceptanceStep[] {
  if (!credit.ok) return [{ to: 'on_hold', reason: credit.reason }];
  return [{ to: 'checked' }, { to: 'confirmed' }];
}

/**
 * Steps the system takes by itself after a person moved an order: a released hold has now passed its
 * check, so nobody needs to confirm it by hand.
 */
export function followUpSteps(from: OrderStatus, to: OrderStatus): OrderStatus[] {
  return from === 'on_hold' && to === 'checked' ? ['confirmed'] : [];
}

/**
 * The order's hold reason after a step: leaving a hold clears it, going on hold records why;
 * undefined means the step leaves it as it is.
 */
export function holdReasonAfter(from: OrderStatus | null, to: OrderStatus, reason: string | null | undefined): string | null | undefined {
  if (from === 'on_hold') return null;
  if (to === 'on_hold') return reason ?? null;
  return undefined;
}
