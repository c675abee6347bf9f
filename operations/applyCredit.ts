import type { Db } from '../data/db';
import { isPostgres } from '../data/db';
import type { Actor } from '../data/orders';
import { customerCreditCents, findPaymentByReference, openInvoicesOf } from '../data/payments';
import { berlinToday } from '../domain/calendar';
import { allocatePayment } from '../domain/payments';
import { may } from '../domain/permissions';
import { bookAllocations } from './bookPayment';
import { runOperation } from './refusal';

export type ApplyCreditResult =
  | {
      ok: true;
      /** The same reference (the offer's button, the chat message) was used before: nothing booked again. */
      duplicate: boolean;
      usedCents: number;
      customerName: string;
      invoices: { number: string; cents: number }[];
      creditLeftCents: number;
      settledOrders: string[];
    }
  | { ok: false; code: 'forbidden' | 'customer_unknown' | 'invoice_not_open' | 'no_credit' | 'nothing_open' };

/**
 * A customer's credit (overpayments kept, domain/payments.ts) set against their open invoices: the invoice named,
 * or the oldest due first, as far as the credit goes. Booked as a payment from credit (source 'credit') whose
 * allocations pay the invoices and take the same amount out of the credit, so the invoice's open amount and the
 * credit change in one transaction; the reference (the offer's button, the chat message) makes it happen once. A
 * reversal gives the credit back and reopens the invoice, like any payment's.
 */
export async function applyCredit(
  db: Db, actor: Actor, input: { reference: string; invoiceNumber?: string | null; customerNumber?: string | null }, now: Date = new Date(),
): Promise<ApplyCreditResult> {
  if (!may(actor, 'bookPayment')) return { ok: false, code: 'forbidden' };
  return runOperation<ApplyCreditResult>(db, async (trx, refuse) => {
    const earlier = await findPaymentByReference(trx, input.reference);
    if (earlier) {
      return {
        ok: true, duplicate: true, usedCents: earlier.amountCents, customerName: earlier.customerName,
        invoices: earlier.allocations.filter((a) => a.invoiceNumber !== null).map((a) => ({ number: a.invoiceNumber!, cents: a.cents })),
        creditLeftCents: await customerCreditCents(trx, earlier.customerId), settledOrders: [],
      };
    }
    let customer: { id: number; name: string } | undefined;
    if (input.invoiceNumber) {
      const row = await trx('invoices').join('customers', 'customers.id', 'invoices.customer_id').where({ 'invoices.number': input.invoiceNumber, 'invoices.kind': 'invoice' })
        .first('customers.id', 'customers.name');
      if (!row) return refuse({ ok: false, code: 'invoice_not_open' });
      customer = { id: Number(row.id), name: row.name };
    } else if (input.customerNumber) {
      const row = await trx('customers').where({ number: input.customerNumber }).first('id', 'name');
      if (row) customer = { id: Number(row.id), name: row.name };
    }
    if (!customer) return refuse({ ok: false, code: 'customer_unknown' });
    // The customer's row is the lock on their credit: two uses at once are taken one after the other (PostgreSQL;
    // SQLite writes one transaction at a time anyway), so a credit is never spent twice.
    if (isPostgres(trx)) await trx('customers').where({ id: customer.id }).forUpdate().first('id');
    const credit = await customerCreditCents(trx, customer.id);
    if (credit <= 0) return refuse({ ok: false, code: 'no_credit' });
    const open = await openInvoicesOf(trx, { customerId: customer.id }, { lock: true });
    const named = input.invoiceNumber ? [input.invoiceNumber] : [];
    if (named.length > 0 && !open.some((i) => i.number === input.invoiceNumber)) return refuse({ ok: false, code: 'invoice_not_open' });
    const payable = (named.length > 0 ? open.filter((i) => i.number === input.invoiceNumber) : open).reduce((s, i) => s + i.openCents, 0);
    if (payable <= 0) return refuse({ ok: false, code: 'nothing_open' });
    const used = Math.min(credit, payable);
    const allocation = allocatePayment({ amountCents: used, namedInvoiceNumbers: named, openInvoices: open });
    if (!allocation.ok || allocation.creditCents !== 0) return refuse({ ok: false, code: 'nothing_open' });
    const booked = await bookAllocations(trx, actor, now, {
      reference: input.reference, customerId: customer.id, amountCents: used, date: berlinToday(now), source: 'credit', remittance: 'Guthaben / credit',
    }, allocation.allocations, -used, open);
    return {
      ok: true, duplicate: false, usedCents: used, customerName: customer.name,
      invoices: allocation.allocations.map((a) => ({ number: a.invoiceNumber, cents: a.cents })),
      creditLeftCents: await customerCreditCents(trx, customer.id), settledOrders: booked.settledOrders,
    };
  });
}
