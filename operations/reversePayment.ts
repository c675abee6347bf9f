import type { Knex } from 'knex';
import type { Db } from '../data/db';
import { insertHistory } from '../data/history';
import type { Actor } from '../data/orders';
import { allocationsOf, customerCreditCents, findPaymentById, findPaymentByReference, insertAllocation, insertPayment, type StoredPayment } from '../data/payments';
import { berlinToday } from '../domain/calendar';
import { may } from '../domain/permissions';
import { runOperation } from './refusal';

export type ReversePaymentResult =
  | { ok: true; payment: StoredPayment; reversal: StoredPayment; customerCreditCents: number }
  | { ok: false; code: 'not_found' | 'forbidden' | 'reason_required' | 'already_reversed' | 'is_a_reversal' };

/**
 * Undoes a wrong booking or a returned transfer (never deletes it): a new payment with the opposite amount that
 * points to the original, with the reason, and one negative allocation per original allocation, so the invoices
 * are open again as before. A payment is reversed once (unique reverses_payment_id).
 */
export async function reverseIn(
  trx: Knex.Transaction, actor: Actor, original: StoredPayment, reason: string, reference: string, now: Date,
): Promise<number> {
  const id = await insertPayment(trx, {
    reference, customerId: original.customerId, source: original.source, amountCents: -original.amountCents, paymentDate: berlinToday(now),
    reversesPaymentId: original.id, reversalReason: reason, payerName: original.payerName, payerIban: original.payerIban, recordedBy: actor.personId,
  }, now);
  const orders = new Set<number>();
  for (const a of await allocationsOf(trx, original.id)) {
    await insertAllocation(trx, { paymentId: id, customerId: original.customerId, invoiceId: a.invoiceId, cents: -a.cents, reversesAllocationId: a.id }, now);
    if (a.invoiceId != null) orders.add(Number((await trx('invoices').where({ id: a.invoiceId }).first('order_id')).order_id));
  }
  for (const orderId of orders) {
    const order = await trx('orders').where({ id: orderId }).first('status');
    await insertHistory(trx, orderId, order.status, order.status, actor, now, reason, { event: 'payment_reversed', payment: original.reference, reversal: reference });
  }
  return id;
}

export async function reversePayment(
  db: Db, actor: Actor, which: { reference: string } | { id: number }, reason: string, now: Date = new Date(),
): Promise<ReversePaymentResult> {
  if (!may(actor, 'bookPayment')) return { ok: false, code: 'forbidden' };
  return runOperation<ReversePaymentResult>(db, async (trx, refuse) => {
    const found = 'id' in which ? await findPaymentById(trx, which.id, { lock: true }) : await findPaymentByReference(trx, which.reference);
    if (!found) return refuse({ ok: false, code: 'not_found' });
    if (!may(actor, 'bookPayment', { customerId: found.customerId })) return refuse({ ok: false, code: 'forbidden' });
    if (found.reversesPaymentId != null) return refuse({ ok: false, code: 'is_a_reversal' });
    if (found.reversedByPaymentId != null) return refuse({ ok: false, code: 'already_reversed' });
    const why = reason.trim();
    if (!why) return refuse({ ok: false, code: 'reason_required' });
    const id = await reverseIn(trx, actor, found, why, `reversal:${found.reference}`, now);
    return { ok: true, payment: found, reversal: (await findPaymentById(trx, id))!, customerCreditCents: await customerCreditCents(trx, found.customerId) };
  });
}
