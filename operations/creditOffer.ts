import type { Knex } from 'knex';
import { enqueueNotification } from '../data/outbox';
import { customerCreditCents } from '../data/payments';

/** The outbox kind of the offer to set a customer's credit against a new invoice. */
export const CREDIT_OFFER_KIND = 'credit_offer';

/**
 * When an invoice is issued to a customer who has credit, the accountants are offered to set it against that
 * invoice (a card with a button; operations/applyCredit.ts books it). Offered, not applied by itself: the credit
 * may be meant for a refund. One offer per invoice (dedupe key), queued in the invoice's transaction.
 */
export async function offerCreditFor(
  trx: Knex.Transaction, invoice: { number: string; customerId: number }, now: Date,
): Promise<void> {
  if ((await customerCreditCents(trx, invoice.customerId)) <= 0) return;
  await enqueueNotification(trx, {
    recipient: { kind: 'role', role: 'accountant' }, kind: CREDIT_OFFER_KIND,
    payload: { invoiceNumber: invoice.number, customerId: invoice.customerId },
    dedupeKey: `credit-offer:${invoice.number}`,
  }, now);
}
