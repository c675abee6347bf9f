import type { Knex } from 'knex';
import type { Db } from '../data/db';
import { insertHistoryRows } from '../data/history';
import { lockOrdersById, type Actor } from '../data/orders';
import {
  allocationsOfPayments, customerCreditCents, findPaymentById, findPaymentByReference, fullyPaidOrders, insertAllocations, insertPayments,
  orderIdsOfInvoices, type NewAllocation, type StoredPayment,
} from '../data/payments';
import { berlinToday } from '../domain/calendar';
import { may } from '../domain/permissions';
import { runOperation } from './refusal';
import { automaticStep } from './steps';

export type ReversePaymentResult =
  | { ok: true; payment: StoredPayment; reversal: StoredPayment; customerCreditCents: number }
  | { ok: false; code: 'not_found' | 'forbidden' | 'reason_required' | 'already_reversed' | 'is_a_reversal' };

/** One reversal to book: the payment it undoes, why, and its own reference. */
export interface Reversal {
  original: StoredPayment;
  reason: string;
  reference: string;
}

/**
 * Undoes a wrong booking or a returned transfer (never deletes it): a new payment with the opposite amount that
 * points to the original, with the reason, and one negative allocation per original allocation, so the invoices
 * are open again as before. A payment is reversed once (unique reverses_payment_id). An order that was paid or
 * closed by it is reopened to invoiced through the lifecycle (recorded in its history).
 */
export async function reverseIn(
  trx: Knex.Transaction, actor: Actor, original: StoredPayment, reason: string, reference: string, now: Date,
): Promise<number> {
  return (await reverseAllIn(trx, actor, [{ original, reason, reference }], now))[0];
}

/** The same for many reversals at once (a statement's returns), each table written in batches. Answers the new ids. */
export async function reverseAllIn(trx: Knex.Transaction, actor: Actor, reversals: readonly Reversal[], now: Date): Promise<number[]> {
  if (reversals.length === 0) return [];
  const ids = await insertPayments(trx, reversals.map(({ original, reason, reference }) => ({
    reference, customerId: original.customerId, source: original.source, amountCents: -original.amountCents, paymentDate: berlinToday(now),
    reversesPaymentId: original.id, reversalReason: reason, payerName: original.payerName, payerIban: original.payerIban, recordedBy: actor.personId,
  })), now);
  const allocations = await allocationsOfPayments(trx, reversals.map((r) => r.original.id));
  const rows: NewAllocation[] = [];
  for (const r of reversals) {
    for (const a of allocations.get(r.original.id) ?? []) {
      rows.push({ paymentId: ids.get(r.reference)!, customerId: r.original.customerId, invoiceId: a.invoiceId, cents: -a.cents, reversesAllocationId: a.id });
    }
  }
  await insertAllocations(trx, rows, now);
  const orderOf = await orderIdsOfInvoices(trx, rows.flatMap((a) => (a.invoiceId == null ? [] : [a.invoiceId])));
  const touched = reversals.map((r) => [...new Set((allocations.get(r.original.id) ?? []).flatMap((a) => (a.invoiceId == null ? [] : [orderOf.get(a.invoiceId)!])))]);
  const orders = await lockOrdersById(trx, touched.flat());
  const reasonOf = new Map<number, Reversal>();
  await insertHistoryRows(trx, reversals.flatMap((r, n) => touched[n].map((orderId) => {
    reasonOf.set(orderId, r);
    const status = orders.get(orderId)!.status;
    return { orderId, from: status, to: status, reason: r.reason, details: { event: 'payment_reversed', payment: r.original.reference, reversal: r.reference } };
  })), actor, now);
  // Paid or closed, and now something is owed again: back to invoiced (dunned and counted against the credit limit).
  const settled = [...orders.values()].filter((o) => o.status === 'paid' || o.status === 'closed');
  const stillPaid = await fullyPaidOrders(trx, settled.map((o) => o.id));
  for (const order of settled.filter((o) => !stillPaid.has(o.id)).sort((a, b) => a.id - b.id)) {
    const r = reasonOf.get(order.id)!;
    await automaticStep(trx, order, 'invoiced', actor.channel, now, { reason: r.reason, details: { event: 'reopened_by_reversal', payment: r.original.reference, reversal: r.reference } }, (refusal) => {
      throw new Error(`order ${order.number} could not be reopened: ${refusal.code}`);
    });
  }
  return reversals.map((r) => ids.get(r.reference)!);
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
