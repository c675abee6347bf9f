import type { Knex } from 'knex';
import type { BankPayment, MatchCandidate, MatchReason } from '../domain/paymentMatching';
import type { Db } from './db';
import { isPostgres } from './db';

/**
 * Bank statement entries as imported, one row per payment (a batch entry's transactions each), unique by its
 * reference: importing a statement again finds every entry here and books nothing twice. Doubtful entries wait
 * here with their candidates until an accountant decides.
 */

type Conn = Db | Knex.Transaction;

export type BankEntryStatus = 'booked' | 'doubtful' | 'open' | 'ignored';

export interface StoredBankEntry {
  id: number;
  reference: string;
  status: BankEntryStatus;
  payment: BankPayment;
  reasons: MatchReason[];
  candidates: MatchCandidate[];
  paymentId: number | null;
  createdAt: string;
}

export interface NewBankEntry {
  payment: BankPayment;
  statementId: string | null;
  status: BankEntryStatus;
  reasons?: readonly MatchReason[];
  candidates?: readonly MatchCandidate[];
  paymentId?: number | null;
}

function toEntry(r: any): StoredBankEntry {
  return {
    id: Number(r.id), reference: r.reference, status: r.status, payment: JSON.parse(r.entry), reasons: JSON.parse(r.reasons ?? '[]'),
    candidates: JSON.parse(r.candidates ?? '[]'), paymentId: r.payment_id == null ? null : Number(r.payment_id), createdAt: r.created_at,
  };
}

/** Writes entries in batches (a statement of 10,000 entries is a few statements, not 10,000). */
export async function insertBankEntries(trx: Knex.Transaction, entries: readonly NewBankEntry[], now: Date): Promise<void> {
  const rows = entries.map((e) => ({
    reference: e.payment.paymentRef, statement_id: e.statementId, direction: e.payment.direction, reversal: e.payment.reversal,
    amount_cents: e.payment.amountCents, booking_date: e.payment.bookingDate, payer_name: e.payment.counterpartyName,
    payer_iban: e.payment.counterpartyIban, remittance: e.payment.remittance.join(' ') || null, status: e.status,
    reasons: JSON.stringify(e.reasons ?? []), candidates: JSON.stringify(e.candidates ?? []), entry: JSON.stringify(e.payment),
    payment_id: e.paymentId ?? null, created_at: now.toISOString(),
  }));
  // SQLite allows at most 32766 bound parameters per statement; 17 columns a row.
  for (let i = 0; i < rows.length; i += 500) await trx('bank_entries').insert(rows.slice(i, i + 500));
}

/** Which of these references were imported before. */
export async function importedReferences(db: Conn, references: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < references.length; i += 500) {
    const rows = await db('bank_entries').whereIn('reference', references.slice(i, i + 500)).select('reference');
    for (const r of rows) found.add(r.reference);
  }
  return found;
}

export async function findBankEntry(db: Conn, id: number, options: { lock?: boolean } = {}): Promise<StoredBankEntry | null> {
  const q = db('bank_entries').where({ id });
  if (options.lock && isPostgres(db)) q.forUpdate();
  const row = await q.first();
  return row ? toEntry(row) : null;
}

export async function listBankEntries(db: Conn, filter: { status?: BankEntryStatus; limit?: number }): Promise<StoredBankEntry[]> {
  const q = db('bank_entries').orderBy('id').limit(filter.limit ?? 50);
  if (filter.status) q.where({ status: filter.status });
  return (await q).map(toEntry);
}

export async function countBankEntries(db: Conn, status: BankEntryStatus): Promise<number> {
  const row = await db('bank_entries').where({ status }).count({ n: '*' }).first();
  return Number(row?.n ?? 0);
}

/** The one change an entry allows: an accountant's decision (or the booking it led to). */
export async function settleBankEntry(trx: Knex.Transaction, id: number, from: BankEntryStatus, to: BankEntryStatus, paymentId: number | null, by: number | null, now: Date): Promise<boolean> {
  return (await trx('bank_entries').where({ id, status: from }).update({ status: to, payment_id: paymentId, decided_by_person_id: by, decided_at: now.toISOString() })) > 0;
}

/** Bank payments booked and not reversed, which a later debit or return may undo. */
export async function reversibleBankPayments(db: Conn): Promise<{ paymentRef: string; customerNumber: string; amountCents: number; endToEndId: string | null; payerIban: string | null }[]> {
  const rows = await db('bank_entries')
    .join('payments', 'payments.id', 'bank_entries.payment_id')
    .join('customers', 'customers.id', 'payments.customer_id')
    .leftJoin('payments as reversal', 'reversal.reverses_payment_id', 'payments.id')
    .where('bank_entries.direction', 'credit').where('payments.amount_cents', '>', 0).whereNull('reversal.id')
    .select('bank_entries.reference', 'bank_entries.entry', 'customers.number as customer_number', 'payments.amount_cents', 'payments.payer_iban');
  return rows.map((r: any) => ({
    paymentRef: r.reference, customerNumber: r.customer_number, amountCents: Number(r.amount_cents),
    endToEndId: JSON.parse(r.entry).endToEndId ?? null, payerIban: r.payer_iban,
  }));
}
