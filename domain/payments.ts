import { daysBetween, isValidDate } from './calendar';
import { assertCents } from './money';

/**
 * Payments against invoices: which invoices a payment pays, what an invoice's state is from its amounts, and how a
 * booking is undone. Bookings are never changed or deleted; a reversal is a new booking with the opposite sign.
 */

export interface OpenInvoice {
  number: string;
  dueDate: string;
  openCents: number;
}

export interface Allocation {
  invoiceNumber: string;
  cents: number;
}

export interface AllocationQuestion {
  amountCents: number;
  /** Invoice numbers the remittance names, in the order named (canonical spelling). */
  namedInvoiceNumbers: readonly string[];
  /** The payer's open invoices. */
  openInvoices: readonly OpenInvoice[];
}

export type AllocationAnswer =
  | {
      ok: true;
      allocations: Allocation[];
      /** What is left over after the invoices: kept as the customer's credit, never dropped. */
      creditCents: number;
      /** Named numbers that are not open (paid already, cancelled or unknown), for an accountant to look at. */
      notOpen: string[];
    }
  | { ok: false; reason: 'not_positive' | 'not_cents'; amountCents: number };

/**
 * §366 BGB: the payer decides which debts a payment pays – when the remittance names invoices, only those are
 * paid, in the order named, and the rest is credit. Without a name, the oldest due invoice is paid first
 * (§366 (2): the one due first), ties by number so the result never depends on input order.
 */
export function allocatePayment(q: AllocationQuestion): AllocationAnswer {
  if (!Number.isSafeInteger(q.amountCents)) return { ok: false, reason: 'not_cents', amountCents: q.amountCents };
  if (q.amountCents <= 0) return { ok: false, reason: 'not_positive', amountCents: q.amountCents };
  const byNumber = new Map(q.openInvoices.filter((i) => i.openCents > 0).map((i) => [i.number, i]));
  const notOpen: string[] = [];
  let order: OpenInvoice[];
  if (q.namedInvoiceNumbers.length > 0) {
    order = [];
    for (const n of new Set(q.namedInvoiceNumbers)) {
      const invoice = byNumber.get(n);
      if (invoice) order.push(invoice);
      else notOpen.push(n);
    }
  } else {
    // ISO dates (YYYY-MM-DD) sort as text.
    order = [...byNumber.values()].sort((a, b) => compareText(a.dueDate, b.dueDate) || compareText(a.number, b.number));
  }
  let rest = q.amountCents;
  const allocations: Allocation[] = [];
  for (const invoice of order) {
    if (rest === 0) break;
    const cents = Math.min(rest, invoice.openCents);
    allocations.push({ invoiceNumber: invoice.number, cents });
    rest -= cents;
  }
  return { ok: true, allocations, creditCents: rest, notOpen };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** An invoice's state from its amounts alone; "overdue" is not a state but a fact of the due date and today. */
export type PaymentStatus = 'open' | 'partially_paid' | 'paid';

export interface InvoiceAmounts {
  totalCents: number;
  /** Sum of its bookings, reversals included (they are negative). */
  paidCents: number;
  dueDate: string;
}

export interface InvoicePaymentState {
  status: PaymentStatus;
  openCents: number;
  overdue: boolean;
  /** Days past the due date while still open; 0 otherwise. */
  daysOverdue: number;
}

export function invoicePaymentState(invoice: InvoiceAmounts, today: string): InvoicePaymentState {
  assertCents(invoice.totalCents, 'totalCents');
  assertCents(invoice.paidCents, 'paidCents');
  const openCents = Math.max(0, invoice.totalCents - invoice.paidCents);
  const status: PaymentStatus = openCents === 0 ? 'paid' : invoice.paidCents > 0 ? 'partially_paid' : 'open';
  const late = openCents > 0 ? Math.max(0, daysBetween(invoice.dueDate, today)) : 0;
  return { status, openCents, overdue: late > 0, daysOverdue: late };
}

/**
 * One line of the payment journal. A payment (one bank entry, `paymentRef` = its entry reference) gives one booking
 * per invoice it pays, plus one without an invoice for the credit it leaves.
 */
export interface PaymentBooking {
  id: string;
  paymentRef: string;
  customerNumber: string;
  /** null: customer credit. */
  invoiceNumber: string | null;
  /** Positive for a payment, negative for its reversal. */
  cents: number;
  date: string;
  /** Set on a reversal: the booking it undoes. */
  reverses: string | null;
}

/** The bookings a payment's allocation results in; ids are derived from the payment so a retry makes the same ones. */
export function bookingsForPayment(
  payment: { paymentRef: string; customerNumber: string; date: string },
  allocation: { allocations: readonly Allocation[]; creditCents: number },
): PaymentBooking[] {
  const lines: PaymentBooking[] = allocation.allocations.map((a) => ({
    id: `${payment.paymentRef}/${a.invoiceNumber}`,
    paymentRef: payment.paymentRef,
    customerNumber: payment.customerNumber,
    invoiceNumber: a.invoiceNumber,
    cents: a.cents,
    date: payment.date,
    reverses: null,
  }));
  if (allocation.creditCents > 0) {
    lines.push({
      id: `${payment.paymentRef}/credit`,
      paymentRef: payment.paymentRef,
      customerNumber: payment.customerNumber,
      invoiceNumber: null,
      cents: allocation.creditCents,
      date: payment.date,
      reverses: null,
    });
  }
  return lines;
}

export type ReversalAnswer =
  | { ok: true; bookings: PaymentBooking[] }
  | { ok: false; reason: 'not_found' | 'already_reversed'; paymentRef: string }
  | { ok: false; reason: 'invalid_date'; date: string };

/**
 * Undoes every booking of a payment (a returned transfer, a charge-back) with new negative bookings that point to
 * the ones they undo. A payment is reversed once: a second reversal answers already_reversed instead of doubling.
 */
export function reversePayment(
  paymentRef: string,
  journal: readonly PaymentBooking[],
  reversal: { ref: string; date: string },
): ReversalAnswer {
  if (!isValidDate(reversal.date)) return { ok: false, reason: 'invalid_date', date: reversal.date };
  const originals = journal.filter((b) => b.paymentRef === paymentRef && b.reverses === null);
  if (originals.length === 0) return { ok: false, reason: 'not_found', paymentRef };
  if (isPaymentReversed(paymentRef, journal)) return { ok: false, reason: 'already_reversed', paymentRef };
  const undone = new Set(journal.map((b) => b.reverses));
  const bookings = originals
    .filter((b) => !undone.has(b.id))
    .map((b) => ({
      ...b,
      id: `${reversal.ref}/reverses/${b.id}`,
      paymentRef: reversal.ref,
      cents: -b.cents,
      date: reversal.date,
      reverses: b.id,
    }));
  return { ok: true, bookings };
}

/** What has been paid on an invoice, reversals included. */
export function paidOnInvoice(invoiceNumber: string, journal: readonly PaymentBooking[]): number {
  return journal.reduce((sum, b) => (b.invoiceNumber === invoiceNumber ? sum + b.cents : sum), 0);
}

/** A customer's credit: overpayments less their reversals (and less credit used, booked as negative credit lines). */
export function customerCredit(customerNumber: string, journal: readonly PaymentBooking[]): number {
  return journal.reduce((sum, b) => (b.customerNumber === customerNumber && b.invoiceNumber === null ? sum + b.cents : sum), 0);
}

/** Whether every booking of a payment has been undone (what a later debit can then no longer undo). */
export function isPaymentReversed(paymentRef: string, journal: readonly PaymentBooking[]): boolean {
  const originals = journal.filter((b) => b.paymentRef === paymentRef && b.reverses === null);
  const undone = new Set(journal.map((b) => b.reverses));
  return originals.length > 0 && originals.every((b) => undone.has(b.id));
}
