import type { Knex } from 'knex';
import type { PricedDocument } from '../domain/invoice';
import type { Locale } from '../domain/locale';
import type { QuoteStatus } from '../domain/quotes';
import { Db, isPostgres } from './db';
import type { ConversationAddress } from './orderOrigin';

/** Quotes as stored: the document column holds the computed quote as made, so its PDF is rendered from it again. */

type Conn = Db | Knex.Transaction;

export interface StoredQuote {
  id: number;
  number: string;
  customerId: number;
  customerName: string;
  status: QuoteStatus;
  version: number;
  issueDate: string;
  validUntil: string;
  locale: Locale;
  netCents: number;
  vatCents: number;
  grossCents: number;
  documentDiscountBasisPoints: number | null;
  document: PricedDocument;
  requestedBy: 'sales' | 'customer';
  createdByPersonId: number | null;
  rejectReason: string | null;
  orderId: number | null;
  orderNumber: string | null;
  origin: ConversationAddress | null;
  sentAt: string | null;
  decidedAt: string | null;
  createdAt: string;
}

export interface NewQuote {
  document: PricedDocument;
  customerId: number;
  status: QuoteStatus;
  documentDiscountBasisPoints: number | null;
  requestedBy: 'sales' | 'customer';
  requestKey: string | null;
  createdBy: number | null;
  origin: ConversationAddress | null;
}

const num = (v: unknown): number => Number(v);

function toQuote(r: any): StoredQuote {
  return {
    id: num(r.id), number: r.number, customerId: num(r.customer_id), customerName: r.customer_name, status: r.status, version: num(r.version),
    issueDate: r.issue_date, validUntil: r.valid_until, locale: r.locale, netCents: num(r.net_cents), vatCents: num(r.vat_cents),
    grossCents: num(r.gross_cents), documentDiscountBasisPoints: r.document_discount_basis_points == null ? null : num(r.document_discount_basis_points),
    document: JSON.parse(r.document), requestedBy: r.requested_by, createdByPersonId: r.created_by_person_id == null ? null : num(r.created_by_person_id),
    rejectReason: r.reject_reason ?? null, orderId: r.order_id == null ? null : num(r.order_id), orderNumber: r.order_number ?? null,
    origin: r.origin_channel_id && r.origin_conversation_id ? { channelId: r.origin_channel_id, conversationId: r.origin_conversation_id } : null,
    sentAt: r.sent_at ?? null, decidedAt: r.decided_at ?? null, createdAt: r.created_at,
  };
}

function baseQuery(db: Conn): Knex.QueryBuilder {
  return db('quotes')
    .join('customers', 'customers.id', 'quotes.customer_id')
    .leftJoin('orders', 'orders.id', 'quotes.order_id')
    .select('quotes.*', 'customers.name as customer_name', 'orders.number as order_number');
}

export async function insertQuote(trx: Knex.Transaction, q: NewQuote, now: Date): Promise<number> {
  const d = q.document;
  const at = now.toISOString();
  const [row] = await trx('quotes')
    .insert({
      number: d.number, customer_id: q.customerId, status: q.status, version: 1, issue_date: d.issueDate, valid_until: d.validUntil,
      locale: d.locale, net_cents: d.totals.netCents, vat_cents: d.totals.vatCents, gross_cents: d.totals.grossCents,
      document_discount_basis_points: q.documentDiscountBasisPoints, document: JSON.stringify(d), requested_by: q.requestedBy,
      request_key: q.requestKey, created_by_person_id: q.createdBy, origin_channel_id: q.origin?.channelId ?? null,
      origin_conversation_id: q.origin?.conversationId ?? null, created_at: at, updated_at: at,
    })
    .returning('id');
  return typeof row === 'object' ? num(row.id) : num(row);
}

/** The quote behind a number; `lock` holds its row for the transaction on PostgreSQL (SQLite's one writer serializes). */
export async function findQuote(db: Conn, number: string, options: { lock?: boolean } = {}): Promise<StoredQuote | null> {
  if (options.lock && isPostgres(db)) await db('quotes').where({ number }).forUpdate().first('id');
  const row = await baseQuery(db).where('quotes.number', number).first();
  return row ? toQuote(row) : null;
}

export async function findQuoteById(db: Conn, id: number): Promise<StoredQuote | null> {
  const row = await baseQuery(db).where('quotes.id', id).first();
  return row ? toQuote(row) : null;
}

export async function findQuoteByRequestKey(db: Conn, requestKey: string): Promise<StoredQuote | null> {
  const row = await baseQuery(db).where('quotes.request_key', requestKey).first();
  return row ? toQuote(row) : null;
}

export interface QuoteFilter {
  customerId?: number;
  statuses?: readonly QuoteStatus[];
  limit?: number;
}

/** Newest first. */
export async function listQuotes(db: Conn, filter: QuoteFilter = {}): Promise<StoredQuote[]> {
  const q = baseQuery(db).orderBy('quotes.id', 'desc').limit(filter.limit ?? 50);
  if (filter.customerId != null) q.where('quotes.customer_id', filter.customerId);
  if (filter.statuses) q.whereIn('quotes.status', [...filter.statuses]);
  return (await q).map(toQuote);
}

/** Moves a quote on, guarded by its version; false when someone else changed it first. */
export async function updateQuote(trx: Knex.Transaction, quote: Pick<StoredQuote, 'id' | 'version'>, set: Record<string, unknown>, now: Date): Promise<boolean> {
  const updated = await trx('quotes').where({ id: quote.id, version: quote.version }).update({ ...set, version: quote.version + 1, updated_at: now.toISOString() });
  return updated > 0;
}

/** The quotes an expiry run looks at: open ones whose last day is before `today`. */
export async function quotesPastValidity(db: Conn, statuses: readonly QuoteStatus[], today: string): Promise<{ id: number; number: string; version: number }[]> {
  const rows = await db('quotes').whereIn('status', [...statuses]).where('valid_until', '<', today).orderBy('id').select('id', 'number', 'version');
  return rows.map((r: any) => ({ id: num(r.id), number: r.number, version: num(r.version) }));
}
