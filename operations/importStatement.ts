import type { Knex } from 'knex';
import { findBankEntry, importedReferences, insertBankEntries, reversibleBankPayments, settleBankEntry, type NewBankEntry } from '../data/bankEntries';
import type { Db } from '../data/db';
import type { Actor } from '../data/orders';
import { findPaymentByReference, findPaymentsByReferences, lockedPaidCents, openInvoicesOf } from '../data/payments';
import { paymentsOf, readCamt053, type StatementReading } from '../formats/camt053';
import { berlinToday } from '../domain/calendar';
import { matchPayments, type BankPayment, type MatchCustomer } from '../domain/paymentMatching';
import { allocatePayment } from '../domain/payments';
import { may } from '../domain/permissions';
import { bookAllocations, bookAllocationsOf, type AllocationBooking } from './bookPayment';
import { runOperation } from './refusal';
import { reverseAllIn, reverseIn } from './reversePayment';

export type StatementRefusal = Extract<StatementReading, { ok: false }>;

export interface ImportSummary {
  booked: number;
  bookedCents: number;
  reversed: number;
  doubtful: number;
  /** Credits nobody could be found for: they wait as open entries. */
  open: number;
  /** Debits that are not returns of a payment (fees, our own transfers). */
  ignored: number;
  /** Imported before (the same statement again): nothing booked. */
  alreadyImported: number;
  /** Not booked by the bank yet (pending): read again with the next statement. */
  notBooked: number;
  /** Ids of the entries waiting for an accountant. */
  doubtfulEntryIds: number[];
}

export type ImportStatementResult =
  | { ok: true; summary: ImportSummary }
  | { ok: false; code: 'forbidden' }
  | { ok: false; code: 'unreadable'; refusal: StatementRefusal };

/** The payment reference of a bank entry in the journal. */
export const bankPaymentReference = (paymentRef: string): string => `bank:${paymentRef}`;

function paymentFields(p: BankPayment, today: string) {
  return {
    reference: bankPaymentReference(p.paymentRef), amountCents: p.amountCents, date: p.bookingDate ?? today, source: 'bank' as const,
    payerName: p.counterpartyName, payerIban: p.counterpartyIban, remittance: p.remittance.join(' ') || null,
  };
}

/**
 * An uploaded camt.053 statement: read (a malformed file, another format or a foreign currency refuses the whole
 * file, nothing booked), each payment matched (domain/paymentMatching.ts), sure ones booked, returns and debits that
 * undo a payment reversed, doubtful ones kept with their candidates for an accountant, in one transaction. Every
 * entry is stored by its reference, so the same statement twice books nothing twice.
 */
export async function importStatement(db: Db, actor: Actor, file: string, now: Date = new Date()): Promise<ImportStatementResult> {
  if (!may(actor, 'bookPayment')) return { ok: false, code: 'forbidden' };
  const reading = readCamt053(file);
  if (!reading.ok) return { ok: false, code: 'unreadable', refusal: reading };
  const payments = paymentsOf(reading.entries);
  const statementOf = new Map<string, string | null>();
  for (const s of reading.statements) for (const e of s.entries) statementOf.set(e.reference, s.id);
  const today = berlinToday(now);

  const attempt = () => runOperation<ImportStatementResult>(db, async (trx) => {
    const alreadyImported = await importedReferences(trx, payments.map((p) => p.paymentRef));
    // Read without locking all open invoices (100,000 row locks take longer than the matching); the ones booked are
    // locked below and checked against what was read.
    // The same statement again (every entry imported or still pending at the bank): nothing to match against.
    const anythingNew = payments.some((p) => p.booked && !alreadyImported.has(p.paymentRef));
    const open = anythingNew ? await openInvoicesOf(trx, {}) : [];
    const customers = anythingNew ? await matchCustomers(trx) : [];
    const earlierPayments = anythingNew ? await reversibleBankPayments(trx) : [];
    const matches = matchPayments({ payments, openInvoices: open, customers, earlierPayments, alreadyImported });
    const openByNumber = new Map(open.map((i) => [i.number, i]));
    const customerIds = new Map((await trx('customers').select('id', 'number')).map((c: any) => [c.number as string, Number(c.id)]));
    const summary: ImportSummary = { booked: 0, bookedCents: 0, reversed: 0, doubtful: 0, open: 0, ignored: 0, alreadyImported: 0, notBooked: 0, doubtfulEntryIds: [] };
    const entries: NewBankEntry[] = [];
    const doubtfulRefs: string[] = [];
    // Booked in batches after matching (a statement of thousands is a few statements per table, not thousands):
    // the credits first, then the returns, which may undo a credit of this same statement.
    const bookings: { entry: NewBankEntry; booking: AllocationBooking }[] = [];
    const returns: { entry: NewBankEntry; undoes: string; remittance: string; reference: string }[] = [];
    for (const m of matches) {
      const statementId = statementOf.get(m.payment.entryReference) ?? null;
      switch (m.kind) {
        case 'sure': {
          const entry: NewBankEntry = { payment: m.payment, statementId, status: 'booked', reasons: m.reasons };
          entries.push(entry);
          bookings.push({ entry, booking: { payment: { ...paymentFields(m.payment, today), customerId: customerIds.get(m.customerNumber)! }, allocations: m.allocations, creditCents: m.creditCents } });
          summary.booked++;
          summary.bookedCents += m.payment.amountCents;
          break;
        }
        case 'reversal': {
          const entry: NewBankEntry = { payment: m.payment, statementId, status: 'booked', reasons: m.reasons };
          entries.push(entry);
          returns.push({ entry, undoes: bankPaymentReference(m.undoes), remittance: m.payment.remittance.join(' '), reference: bankPaymentReference(m.payment.paymentRef) });
          break;
        }
        case 'doubtful':
          entries.push({ payment: m.payment, statementId, status: 'doubtful', reasons: m.reasons, candidates: m.candidates });
          doubtfulRefs.push(m.payment.paymentRef);
          summary.doubtful++;
          break;
        case 'none':
          entries.push({ payment: m.payment, statementId, status: m.reason === 'debit_not_a_payment' ? 'ignored' : 'open' });
          if (m.reason === 'debit_not_a_payment') summary.ignored++;
          else summary.open++;
          break;
        case 'skipped':
          if (m.reason === 'not_booked') summary.notBooked++;
          else summary.alreadyImported++;
          break;
      }
    }
    const touched = [...new Set(bookings.flatMap((b) => b.booking.allocations.map((a) => openByNumber.get(a.invoiceNumber)!)))];
    const paidNow = await lockedPaidCents(trx, touched.map((i) => i.id));
    // A payment booked meanwhile moved one of them: roll back and match again with fresh figures.
    if (touched.some((i) => paidNow.get(i.id) !== i.paidCents)) throw new StaleRead();
    const booked = await bookAllocationsOf(trx, actor, now, bookings.map((b) => b.booking), openByNumber);
    bookings.forEach((b, n) => (b.entry.paymentId = booked[n].paymentId));
    const originals = await findPaymentsByReferences(trx, returns.map((r) => r.undoes));
    const reversible = returns.filter((r) => {
      const original = originals.get(r.undoes);
      if (original && original.reversedByPaymentId == null) return true;
      r.entry.status = 'open';
      summary.open++;
      return false;
    });
    const reversalIds = await reverseAllIn(trx, actor, reversible.map((r) => ({ original: originals.get(r.undoes)!, reason: r.remittance || 'Rücklastschrift / return', reference: r.reference })), now);
    reversible.forEach((r, n) => (r.entry.paymentId = reversalIds[n]));
    summary.reversed += reversible.length;
    await insertBankEntries(trx, entries, now);
    if (doubtfulRefs.length > 0) {
      const rows = await trx('bank_entries').whereIn('reference', doubtfulRefs.slice(0, 500)).orderBy('id').select('id');
      summary.doubtfulEntryIds = rows.map((r: any) => Number(r.id));
    }
    return { ok: true, summary };
  });
  try {
    for (let round = 1; ; round++) {
      try {
        return await attempt();
      } catch (err) {
        if (!(err instanceof StaleRead) || round >= 3) throw err;
      }
    }
  } catch (err) {
    // The same statement uploaded twice at once: the second meets the first at the unique entry and payment
    // references and rolls back whole; once more, it finds every entry imported and books nothing.
    if ((await importedReferences(db, payments.map((p) => p.paymentRef))).size === 0) throw err;
    return attempt();
  }
}

/** The open invoices read for matching changed before they were locked. */
class StaleRead extends Error {
  constructor() {
    super('open invoices changed while the statement was matched');
  }
}

async function matchCustomers(trx: Knex.Transaction): Promise<MatchCustomer[]> {
  const rows = await trx('customers').select('number', 'name', 'iban');
  const paidFrom = await trx('payments').join('customers', 'customers.id', 'payments.customer_id').whereNotNull('payments.payer_iban').distinct('customers.number', 'payments.payer_iban');
  const ibans = new Map<string, Set<string>>();
  for (const r of rows) ibans.set(r.number, new Set(r.iban ? [String(r.iban).replace(/\s+/g, '')] : []));
  for (const p of paidFrom) ibans.get(p.number)?.add(p.payer_iban);
  return rows.map((r: any) => ({ number: r.number, name: r.name, ibans: [...(ibans.get(r.number) ?? [])] }));
}

export type BankEntryDecision =
  | { kind: 'confirm'; candidate: number }
  | { kind: 'assign'; invoiceNumber: string }
  | { kind: 'leave' };

export type DecideBankEntryResult =
  | { ok: true; status: 'booked' | 'open'; paymentId: number | null }
  | { ok: false; code: 'forbidden' | 'not_found' | 'already_decided' | 'no_such_candidate' | 'invoice_not_open' };

/** An accountant's answer to a doubtful entry's card: book it as the candidate says, to another invoice, or leave it open. */
export async function decideBankEntry(db: Db, actor: Actor, entryId: number, decision: BankEntryDecision, now: Date = new Date()): Promise<DecideBankEntryResult> {
  if (!may(actor, 'bookPayment')) return { ok: false, code: 'forbidden' };
  return runOperation<DecideBankEntryResult>(db, async (trx, refuse) => {
    const entry = await findBankEntry(trx, entryId, { lock: true });
    if (!entry) return refuse({ ok: false, code: 'not_found' });
    if (entry.status !== 'doubtful' && !(entry.status === 'open' && decision.kind === 'assign')) return refuse({ ok: false, code: 'already_decided' });
    if (decision.kind === 'leave') {
      await settleBankEntry(trx, entry.id, entry.status, 'open', null, actor.personId, now);
      return { ok: true, status: 'open', paymentId: null };
    }
    const p = entry.payment;
    let invoiceNumbers: string[];
    if (decision.kind === 'confirm') {
      const candidate = entry.candidates[decision.candidate];
      if (!candidate) return refuse({ ok: false, code: 'no_such_candidate' });
      if (candidate.undoes) {
        const original = await findPaymentByReference(trx, bankPaymentReference(candidate.undoes));
        if (!original || original.reversedByPaymentId != null) return refuse({ ok: false, code: 'no_such_candidate' });
        const id = await reverseIn(trx, actor, original, p.remittance.join(' ') || 'Rücklastschrift / return', bankPaymentReference(p.paymentRef), now);
        await settleBankEntry(trx, entry.id, entry.status, 'booked', id, actor.personId, now);
        return { ok: true, status: 'booked', paymentId: id };
      }
      invoiceNumbers = candidate.invoiceNumbers;
    } else {
      invoiceNumbers = [decision.invoiceNumber];
    }
    const open = await openInvoicesOf(trx, { numbers: invoiceNumbers }, { lock: true });
    if (open.length === 0 || new Set(open.map((i) => i.customerId)).size > 1) return refuse({ ok: false, code: 'invoice_not_open' });
    const allocation = allocatePayment({ amountCents: p.amountCents, namedInvoiceNumbers: open.map((i) => i.number), openInvoices: open });
    if (!allocation.ok) return refuse({ ok: false, code: 'invoice_not_open' });
    const booked = await bookAllocations(trx, actor, now, { ...paymentFields(p, berlinToday(now)), customerId: open[0].customerId }, allocation.allocations, allocation.creditCents, open);
    await settleBankEntry(trx, entry.id, entry.status, 'booked', booked.paymentId, actor.personId, now);
    return { ok: true, status: 'booked', paymentId: booked.paymentId };
  });
}
