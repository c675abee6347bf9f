import type { Knex } from 'knex';
import type { Db } from '../data/db';
import { insertHistory } from '../data/history';
import { findOrderRow, type Actor, type OrderRow } from '../data/orders';
import {
  customerCreditCents, findPaymentByReference, insertAllocation, insertPayment, openInvoicesOf,
  type OpenInvoiceRow, type PaymentSource, type StoredPayment,
} from '../data/payments';
import { berlinToday, isValidDate } from '../domain/calendar';
import { allocatePayment, type Allocation } from '../domain/payments';
import { may } from '../domain/permissions';
import { runOperation } from './refusal';
import { settleWhenPaid } from './steps';

export interface PaymentInput {
  /** Makes a retry harmless: the Idempotency-Key, the bank entry reference, the chat activity id. */
  reference: string;
  amountCents: number;
  /** The customer, when no invoice is named (customer number). */
  customerNumber?: string | null;
  /** Invoices the payer named, in the order named (§366 BGB: only these are paid). */
  invoiceNumbers?: readonly string[];
  /** 'YYYY-MM-DD'; today (Berlin) when unset. */
  date?: string;
  source: PaymentSource;
  payerName?: string | null;
  payerIban?: string | null;
  remittance?: string | null;
}

export type BookPaymentResult =
  | {
      ok: true;
      payment: StoredPayment;
      /** The same reference was booked before: nothing was booked again. */
      duplicate: boolean;
      creditCents: number;
      /** The customer's credit after the booking. */
      customerCreditCents: number;
      notOpen: string[];
      /** Orders this payment settled (moved to paid and closed). */
      settledOrders: string[];
    }
  | { ok: false; code: 'forbidden' | 'customer_unknown' | 'invoice_unknown' | 'several_customers' | 'reference_required' | 'invalid_date' }
  | { ok: false; code: 'not_positive' | 'not_cents'; amountCents: number }
  | { ok: false; code: 'reference_reused'; reference: string };

/**
 * Books allocations already decided (by allocatePayment or by the bank matching) inside the caller's transaction:
 * the payment row, one allocation per invoice (its paid amount moves with it), the leftover as customer credit,
 * a history row on every order it touches, and orders whose invoices are now all paid move on to paid and closed.
 */
export async function bookAllocations(
  trx: Knex.Transaction, actor: Actor, now: Date,
  payment: Omit<PaymentInput, 'invoiceNumbers' | 'customerNumber'> & { customerId: number; date: string },
  allocations: readonly Allocation[], creditCents: number, invoices: readonly OpenInvoiceRow[],
): Promise<{ paymentId: number; settledOrders: string[] }> {
  const paymentId = await insertPayment(trx, {
    reference: payment.reference, customerId: payment.customerId, source: payment.source, amountCents: payment.amountCents,
    paymentDate: payment.date, payerName: payment.payerName, payerIban: payment.payerIban, remittance: payment.remittance, recordedBy: actor.personId,
  }, now);
  const byNumber = new Map(invoices.map((i) => [i.number, i]));
  const orders = new Map<number, Allocation[]>();
  for (const a of allocations) {
    const invoice = byNumber.get(a.invoiceNumber)!;
    await insertAllocation(trx, { paymentId, customerId: payment.customerId, invoiceId: invoice.id, cents: a.cents }, now);
    orders.set(invoice.orderId, [...(orders.get(invoice.orderId) ?? []), a]);
  }
  if (creditCents > 0) await insertAllocation(trx, { paymentId, customerId: payment.customerId, invoiceId: null, cents: creditCents }, now);
  const settledOrders: string[] = [];
  for (const [orderId, paid] of orders) {
    const order = await lockedOrder(trx, orderId);
    await insertHistory(trx, order.id, order.status, order.status, actor, now, null, {
      event: 'payment_booked', payment: payment.reference, allocations: paid.map((a) => ({ invoice: a.invoiceNumber, cents: a.cents })),
    });
    if (await settleWhenPaid(trx, order, actor.channel, now)) settledOrders.push(order.number);
  }
  return { paymentId, settledOrders };
}

async function lockedOrder(trx: Knex.Transaction, orderId: number): Promise<OrderRow> {
  const number = (await trx('orders').where({ id: orderId }).first('number')).number;
  return (await findOrderRow(trx, number, { lock: true }))!;
}

/**
 * "Zahlung 238,00 € für RE-2026-0004 eingegangen", POST /api/payments: a payment allocated per §366 BGB (the named
 * invoices in the order named, else the oldest due first), the rest kept as the customer's credit. The same
 * reference twice books once and answers the first booking again.
 */
export async function bookPayment(db: Db, actor: Actor, input: PaymentInput, now: Date = new Date()): Promise<BookPaymentResult> {
  if (!may(actor, 'bookPayment')) return { ok: false, code: 'forbidden' };
  if (!input.reference?.trim()) return { ok: false, code: 'reference_required' };
  if (!Number.isSafeInteger(input.amountCents)) return { ok: false, code: 'not_cents', amountCents: input.amountCents };
  if (input.amountCents <= 0) return { ok: false, code: 'not_positive', amountCents: input.amountCents };
  const date = input.date ?? berlinToday(now);
  if (!isValidDate(date)) return { ok: false, code: 'invalid_date' };
  const attempt = () => runOperation<BookPaymentResult>(db, async (trx, refuse) => {
    const earlier = await findPaymentByReference(trx, input.reference);
    if (earlier) return answerAgain(trx, earlier, input);
    const named = [...new Set(input.invoiceNumbers ?? [])];
    let customerId: number;
    if (named.length > 0) {
      const rows = await trx('invoices').whereIn('number', named).where({ kind: 'invoice' }).select('number', 'customer_id');
      if (rows.length === 0) return refuse({ ok: false, code: 'invoice_unknown' });
      const customers = new Set(rows.map((r: any) => Number(r.customer_id)));
      if (customers.size > 1) return refuse({ ok: false, code: 'several_customers' });
      customerId = [...customers][0];
    } else {
      const row = input.customerNumber ? await trx('customers').where({ number: input.customerNumber }).first('id') : null;
      if (!row) return refuse({ ok: false, code: 'customer_unknown' });
      customerId = Number(row.id);
    }
    if (!may(actor, 'bookPayment', { customerId })) return refuse({ ok: false, code: 'forbidden' });
    const open = await openInvoicesOf(trx, { customerId }, { lock: true });
    const allocation = allocatePayment({ amountCents: input.amountCents, namedInvoiceNumbers: named, openInvoices: open });
    if (!allocation.ok) return refuse({ ok: false, code: allocation.reason, amountCents: input.amountCents });
    const booked = await bookAllocations(trx, actor, now, { ...input, customerId, date }, allocation.allocations, allocation.creditCents, open);
    const payment = (await findPaymentByReference(trx, input.reference))!;
    return {
      ok: true, payment, duplicate: false, creditCents: allocation.creditCents, customerCreditCents: await customerCreditCents(trx, customerId),
      notOpen: allocation.notOpen, settledOrders: booked.settledOrders,
    };
  });
  try {
    return await attempt();
  } catch (err) {
    // Two retries of one reference at once: the second meets the first at the unique reference; answer it again.
    if (await findPaymentByReference(db, input.reference)) return attempt();
    throw err;
  }
}

async function answerAgain(trx: Knex.Transaction, earlier: StoredPayment, input: PaymentInput): Promise<BookPaymentResult> {
  if (earlier.amountCents !== input.amountCents || earlier.source !== input.source) return { ok: false, code: 'reference_reused', reference: input.reference };
  const credit = earlier.allocations.filter((a) => a.invoiceNumber === null).reduce((s, a) => s + a.cents, 0);
  return {
    ok: true, payment: earlier, duplicate: true, creditCents: credit, customerCreditCents: await customerCreditCents(trx, earlier.customerId),
    notOpen: [], settledOrders: [],
  };
}
