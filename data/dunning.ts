import type { Knex } from 'knex';
import { berlinToday } from '../domain/calendar';
import type { DunningInvoice, DunningNoticeDue, DunningStop, SentNotice } from '../domain/dunning';
import type { Locale } from '../domain/locale';
import type { Db } from './db';

/**
 * Dunning notices as issued (MA-2026-0001, one per invoice and level: the unique key makes a level once, whoever
 * runs), dunning stops, and the open invoices the daily run reads: only issued invoices due before a day, through
 * the index invoices_open_due (status, kind, due_date), never the paid ones' history.
 */

type Conn = Db | Knex.Transaction;

export interface DunningCandidate extends DunningInvoice {
  id: number;
  customerId: number;
  issueDate: string;
}

/** Issued invoices with something owed and due on or before `dueOnOrBefore`. */
export async function dunningCandidates(db: Conn, dueOnOrBefore: string): Promise<DunningCandidate[]> {
  const rows = await db('invoices')
    .join('customers', 'customers.id', 'invoices.customer_id')
    .where({ 'invoices.status': 'issued', 'invoices.kind': 'invoice' })
    .where('invoices.due_date', '<=', dueOnOrBefore)
    .whereRaw('invoices.paid_cents < invoices.gross_cents')
    .orderBy('invoices.id')
    .select('invoices.id', 'invoices.number', 'invoices.customer_id', 'invoices.issue_date', 'invoices.due_date', 'invoices.gross_cents', 'invoices.paid_cents', 'customers.number as customer_number', 'customers.kind as customer_kind');
  return rows.map((r: any) => ({
    id: Number(r.id), number: r.number, customerId: Number(r.customer_id), customerNumber: r.customer_number, issueDate: r.issue_date, dueDate: r.due_date,
    openCents: Number(r.gross_cents) - Number(r.paid_cents), debtor: r.customer_kind === 'b2c' ? 'consumer' : 'business',
  }));
}

/** The notices sent on these invoices (all of them when no ids are given). */
export async function sentNotices(db: Conn, invoiceIds?: readonly number[]): Promise<SentNotice[]> {
  const select = (q: Knex.QueryBuilder) => q
    .join('invoices', 'invoices.id', 'dunning_notices.invoice_id')
    .select('invoices.number as invoice_number', 'dunning_notices.level', 'dunning_notices.notice_date', 'dunning_notices.fee_cents', 'dunning_notices.flat_fee_cents');
  let rows: any[] = [];
  if (!invoiceIds) rows = await select(db('dunning_notices'));
  else for (let i = 0; i < invoiceIds.length; i += 900) rows = rows.concat(await select(db('dunning_notices').whereIn('dunning_notices.invoice_id', invoiceIds.slice(i, i + 900))));
  return rows.map((r) => ({ invoiceNumber: r.invoice_number, level: Number(r.level), date: r.notice_date, feeCents: Number(r.fee_cents), flatFeeCents: Number(r.flat_fee_cents) }));
}

/** Stops in force on `day` or later. */
export async function dunningStops(db: Conn, day: string): Promise<(DunningStop & { id: number })[]> {
  const rows = await db('dunning_stops')
    .join('customers', 'customers.id', 'dunning_stops.customer_id')
    .leftJoin('invoices', 'invoices.id', 'dunning_stops.invoice_id')
    .where((q) => q.whereNull('dunning_stops.until_date').orWhere('dunning_stops.until_date', '>=', day))
    .select('dunning_stops.*', 'customers.number as customer_number', 'invoices.number as invoice_number');
  return rows.map((r: any) => (r.scope === 'invoice'
    ? { id: Number(r.id), scope: 'invoice' as const, invoiceNumber: r.invoice_number, from: r.from_date, until: r.until_date, reason: r.reason }
    : { id: Number(r.id), scope: 'customer' as const, customerNumber: r.customer_number, from: r.from_date, until: r.until_date, reason: r.reason }));
}

export async function insertDunningStop(
  trx: Knex.Transaction, s: { customerId: number; invoiceId: number | null; from: string; until: string | null; reason: string; by: number | null }, now: Date,
): Promise<number> {
  const [row] = await trx('dunning_stops').insert({
    scope: s.invoiceId == null ? 'customer' : 'invoice', customer_id: s.customerId, invoice_id: s.invoiceId, from_date: s.from,
    until_date: s.until, reason: s.reason, created_by_person_id: s.by, created_at: now.toISOString(),
  }).returning('id');
  return typeof row === 'object' ? Number(row.id) : Number(row);
}

/** What a notice says, stored as issued; its PDF is rendered from it. */
export interface NoticeDocument extends DunningNoticeDue {
  number: string;
  date: string;
  locale: Locale;
  invoiceIssueDate: string;
  invoiceDueDate: string;
  customer: { number: string; name: string; address: { name: string; street: string; postcode: string; city: string; country: string } };
}

export interface StoredNotice {
  id: number;
  number: string;
  invoiceId: number;
  invoiceNumber: string;
  customerId: number;
  level: number;
  date: string;
  document: NoticeDocument;
}

/** Which levels these invoices have notices for, as `<invoice id>:<level>`. */
export async function existingLevels(db: Conn, invoiceIds: readonly number[]): Promise<Set<string>> {
  const rows = await db('dunning_notices').whereIn('invoice_id', invoiceIds).select('invoice_id', 'level');
  return new Set(rows.map((r: any) => `${Number(r.invoice_id)}:${Number(r.level)}`));
}

export async function insertNotice(trx: Knex.Transaction, invoiceId: number, customerId: number, d: NoticeDocument, now: Date): Promise<number> {
  const [row] = await trx('dunning_notices').insert({
    number: d.number, invoice_id: invoiceId, customer_id: customerId, level: d.level, notice_date: d.date, open_cents: d.openCents,
    fee_cents: d.feeCents, earlier_fees_cents: d.earlierFeesCents, flat_fee_cents: d.flatFeeCents, interest_cents: d.interestCents,
    interest_from: d.interestFrom, interest_through: d.interestThrough, total_cents: d.totalCents, new_due_date: d.newDueDate,
    document: JSON.stringify(d), created_at: now.toISOString(),
  }).returning('id');
  return typeof row === 'object' ? Number(row.id) : Number(row);
}

function toNotice(r: any): StoredNotice {
  return {
    id: Number(r.id), number: r.number, invoiceId: Number(r.invoice_id), invoiceNumber: r.invoice_number, customerId: Number(r.customer_id),
    level: Number(r.level), date: r.notice_date, document: JSON.parse(r.document),
  };
}

const noticeQuery = (db: Conn) => db('dunning_notices').join('invoices', 'invoices.id', 'dunning_notices.invoice_id').select('dunning_notices.*', 'invoices.number as invoice_number');

export async function findNotice(db: Conn, number: string): Promise<StoredNotice | null> {
  const row = await noticeQuery(db).where('dunning_notices.number', number).first();
  return row ? toNotice(row) : null;
}

export async function findNoticeById(db: Conn, id: number): Promise<StoredNotice | null> {
  const row = await noticeQuery(db).where('dunning_notices.id', id).first();
  return row ? toNotice(row) : null;
}

export async function noticesOn(db: Conn, day: string): Promise<StoredNotice[]> {
  return (await noticeQuery(db).where('dunning_notices.notice_date', day).orderBy('dunning_notices.id')).map(toNotice);
}

/** Whether a stop holds this invoice (or its customer) today. */
export async function activeStopFor(db: Conn, invoiceId: number, now: Date): Promise<boolean> {
  const today = berlinToday(now);
  const invoice = await db('invoices').where({ id: invoiceId }).first('customer_id');
  if (!invoice) return false;
  const stop = await db('dunning_stops')
    .where((q) => q.where({ scope: 'invoice', invoice_id: invoiceId }).orWhere({ scope: 'customer', customer_id: invoice.customer_id }))
    .where('from_date', '<=', today)
    .where((q) => q.whereNull('until_date').orWhere('until_date', '>=', today))
    .first('id');
  return stop != null;
}
