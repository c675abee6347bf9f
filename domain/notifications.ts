import type { OrderStatus } from './lifecycle';
import type { Role } from './parties';

export type CustomerNotificationKind = 'order_confirmed' | 'order_on_hold' | 'order_shipped' | 'order_delivered' | 'order_cancelled';

/** Statuses the customer hears about; the others are internal steps the customer need not follow. */
const customerNotifications: Partial<Record<OrderStatus, CustomerNotificationKind>> = {
  confirmed: 'order_confirmed',
  on_hold: 'order_on_hold',
  partially_shipped: 'order_shipped',
  shipped: 'order_shipped',
  delivered: 'order_delivered',
  cancelled: 'order_cancelled',
};

/** The message the customer's people get when an order reaches `to`, or null when they get none. */
export function customerNotificationFor(to: OrderStatus): CustomerNotificationKind | null {
  return customerNotifications[to] ?? null;
}

/** The message staff get when an order needs someone to decide on it. */
export const staffReviewKind = 'order_on_hold_review';

/** Who may release or cancel a held order, and so is told about it. */
export const staffReviewRoles: readonly Role[] = ['sales', 'admin'];

/** A held order waits for a person, so staff must hear of it. */
export function staffReviewWanted(to: OrderStatus): boolean {
  return to === 'on_hold';
}

/** Whoever put the order on hold already knows; everyone else of the staff is told. */
export function staffReviewRecipients(staffPersonIds: readonly number[], actorPersonId: number | null | undefined): number[] {
  return staffPersonIds.filter((id) => id !== actorPersonId);
}

/**
 * Whom an outbox row is for: one person, every person of a role (fanned out to one row per person when it is
 * queued, so each of them gets it once and a person added later does not get old news), or a conversation
 * (e.g. a Teams channel of the accounting team), which is read with the rights of the person it is linked to.
 */
export type Recipient =
  | { kind: 'person'; personId: number }
  | { kind: 'role'; role: Role }
  | { kind: 'conversation'; channelId: string; conversationId: string };

export type RecipientKind = Recipient['kind'];

/** Customers are not written to in the night; staff get their work messages whenever they are due. */
export function heldByQuietHours(recipientRole: Role | null): boolean {
  return recipientRole === 'customer';
}

/** The dedupe key of one person's row of a message to a whole role. */
export function fannedOutKey(dedupeKey: string, personId: number): string {
  return `${dedupeKey}:${personId}`;
}
