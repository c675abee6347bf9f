import type { Db } from './db';
import { countBankEntries } from './bankEntries';

/** What the accountants' morning digest lists, read when it is sent (so it is current, and read by an accountant). */
export interface DigestFacts {
  newlyOverdue: { number: string; customer: string; openCents: number; dueDate: string }[];
  noticesSent: { number: string; invoiceNumber: string; level: number; customer: string; totalCents: number }[];
  payments: { reference: string; customer: string; amountCents: number; date: string }[];
  doubtfulEntries: number;
  heldForCredit: { number: string; customer: string; reason: string }[];
}

const LIMIT = 10;

/** `since`: the day after the previous working day's digest; `today`: the digest's day (both 'YYYY-MM-DD'). */
export async function digestFacts(db: Db, since: string, today: string): Promise<DigestFacts> {
  const overdue = await db('invoices').join('customers', 'customers.id', 'invoices.customer_id')
    .where({ 'invoices.status': 'issued', 'invoices.kind': 'invoice' }).whereRaw('invoices.paid_cents < invoices.gross_cents')
    .where('invoices.due_date', '>=', since).where('invoices.due_date', '<', today).orderBy('invoices.due_date').limit(LIMIT)
    .select('invoices.number', 'customers.name', 'invoices.gross_cents', 'invoices.paid_cents', 'invoices.due_date');
  const notices = await db('dunning_notices').join('invoices', 'invoices.id', 'dunning_notices.invoice_id').join('customers', 'customers.id', 'dunning_notices.customer_id')
    .where('dunning_notices.notice_date', today).orderBy('dunning_notices.id').limit(LIMIT)
    .select('dunning_notices.number', 'invoices.number as invoice_number', 'dunning_notices.level', 'customers.name', 'dunning_notices.total_cents');
  const payments = await db('payments').join('customers', 'customers.id', 'payments.customer_id')
    .where('payments.payment_date', '>=', since).where('payments.payment_date', '<=', today).where('payments.amount_cents', '>', 0).whereNot('payments.source', 'credit')
    .orderBy('payments.id', 'desc').limit(LIMIT).select('payments.reference', 'customers.name', 'payments.amount_cents', 'payments.payment_date');
  const held = await db('orders').join('customers', 'customers.id', 'orders.customer_id').where('orders.status', 'on_hold')
    .whereIn('orders.hold_reason', ['credit_limit', 'overdue_invoices']).orderBy('orders.id').limit(LIMIT)
    .select('orders.number', 'customers.name', 'orders.hold_reason');
  return {
    newlyOverdue: overdue.map((r: any) => ({ number: r.number, customer: r.name, openCents: Number(r.gross_cents) - Number(r.paid_cents), dueDate: r.due_date })),
    noticesSent: notices.map((r: any) => ({ number: r.number, invoiceNumber: r.invoice_number, level: Number(r.level), customer: r.name, totalCents: Number(r.total_cents) })),
    payments: payments.map((r: any) => ({ reference: r.reference, customer: r.name, amountCents: Number(r.amount_cents), date: r.payment_date })),
    doubtfulEntries: await countBankEntries(db, 'doubtful'),
    heldForCredit: held.map((r: any) => ({ number: r.number, customer: r.name, reason: r.hold_reason })),
  };
}
