import type { Knex } from 'knex';
import type { Db } from '../data/db';
import { insertHistoryRows } from '../data/history';
import { lockOrdersById, type Actor } from '../data/orders';
import {
  customerCreditCents, findPaymentByReference, fullyPaidOrders, insertAllocations, insertPayments, openInvoicesOf,
  type NewAllocation, type OpenInvoiceRow, type PaymentSource, type StoredPayment,
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

/** One payment whose allocations are decided (by allocatePayment or by the bank matching). */
export interface AllocationBooking {
  payment: Omit<PaymentInput, 'invoiceNumbers' | 'customerNumber'> & { customerId: number; date: string };
  allocations: readonly Allocation[];
  creditCents: number;
}

/**
 * Books allocations already decided inside the caller's transaction: the payment row, one allocation per invoice
 * (its paid amount moves with it), the leftover as customer credit, a history row on every order it touches, and
 * orders whose invoices are now all paid move on to paid and closed.
 */
export async function bookAllocations(
  trx: Knex.Transaction, actor: Actor, now: Date,
  payment: AllocationBooking['payment'], allocations: readonly Allocation[], creditCents: number,
  invoices: readonly OpenInvoiceRow[] | ReadonlyMap<string, OpenInvoiceRow>,
): Promise<{ paymentId: number; settledOrders: string[] }> {
  const byNumber = invoices instanceof Map ? invoices : new Map((invoices as readonly OpenInvoiceRow[]).map((i) => [i.number, i]));
  return (await bookAllocationsOf(trx, actor, now, [{ payment, allocations, creditCents }], byNumber))[0];
}

/**
 * The same for many payments at once (a bank statement's thousands): each table written in batches rather than
 * row by row, the orders touched locked once, and only orders now fully paid stepped on, each through the
 * lifecycle. `invoices` holds every invoice the allocations name.
 */
export async function bookAllocationsOf(
  trx: Knex.Transaction, actor: Actor, now: Date, bookings: readonly AllocationBooking[], invoices: ReadonlyMap<string, OpenInvoiceRow>,
): Promise<{ paymentId: number; settledOrders: string[] }[]> {
  if (bookings.length === 0) return [];
  const ids = await insertPayments(trx, bookings.map(({ payment: p }) => ({
    reference: p.reference, customerId: p.customerId, source: p.source, amountCents: p.amountCents,
    paymentDate: p.date, payerName: p.payerName, payerIban: p.payerIban, remittance: p.remittance, recordedBy: actor.personId,
  })), now);
  const rows: NewAllocation[] = [];
  const perOrder = bookings.map(() => new Map<number, Allocation[]>());
  bookings.forEach((b, n) => {
    const paymentId = ids.get(b.payment.reference)!;
    for (const a of b.allocations) {
      const invoice = invoices.get(a.invoiceNumber)!;
      rows.push({ paymentId, customerId: b.payment.customerId, invoiceId: invoice.id, cents: a.cents });
      perOrder[n].set(invoice.orderId, [...(perOrder[n].get(invoice.orderId) ?? []), a]);
    }
    // Positive: an overpayment kept as credit; negative: credit used (a payment from credit, operations/applyCredit.ts).
    if (b.creditCents !== 0) rows.push({ paymentId, customerId: b.payment.customerId, invoiceId: null, cents: b.creditCents });
  });
  await insertAllocations(trx, rows, now);
  const orders = await lockOrdersById(trx, perOrder.flatMap((m) => [...m.keys()]));
  const lastBooking = new Map<number, number>();
  await insertHistoryRows(trx, bookings.flatMap((b, n) => [...perOrder[n]].map(([orderId, paid]) => {
    lastBooking.set(orderId, n);
    const status = orders.get(orderId)!.status;
    return { orderId, from: status, to: status, reason: null, details: { event: 'payment_booked', payment: b.payment.reference, allocations: paid.map((a) => ({ invoice: a.invoiceNumber, cents: a.cents })) } };
  })), actor, now);
  const results = bookings.map((b) => ({ paymentId: ids.get(b.payment.reference)!, settledOrders: [] as string[] }));
  const paid = await fullyPaidOrders(trx, [...orders.values()].filter((o) => o.status === 'invoiced').map((o) => o.id));
  for (const orderId of [...paid].sort((a, b) => a - b)) {
    const order = orders.get(orderId)!;
    if (await settleWhenPaid(trx, order, actor.channel, now)) results[lastBooking.get(orderId)!].settledOrders.push(order.number);
  }
  return results;
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
