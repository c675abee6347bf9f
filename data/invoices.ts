import type { Knex } from 'knex';
import type { Invoice } from '../domain/invoice';
import type { Locale } from '../domain/locale';
import type { Db } from './db';

/**
 * Invoices and cancellation invoices as stored. The document column holds the computed PricedDocument exactly as
 * issued, so PDFs and e-invoices are rendered from it again without any arithmetic; the database refuses to change
 * it (migration 008's triggers). Only status (issued → cancelled) and paid_cents ever move.
 */

type Conn = Db | Knex.Transaction;

export type InvoiceStatus = 'issued' | 'cancelled';

export interface StoredInvoice {
  id: number;
  number: string;
  kind: 'invoice' | 'cancellation';
  status: InvoiceStatus;
  orderId: number;
  orderNumber: string;
  shipmentId: number | null;
  customerId: number;
  customerName: string;
  refersTo: string | null;
  /** Cancellations of this invoice (their numbers). */
  cancelledBy: string | null;
  issueDate: string;
  dueDate: string | null;
  locale: Locale;
  netCents: number;
  vatCents: number;
  grossCents: number;
  paidCents: number;
  /** What is still owed: gross - paid for an issued invoice, 0 otherwise. */
  openCents: number;
  document: Invoice;
  createdAt: string;
}

export interface NewInvoice {
  document: Invoice;
  orderId: number;
  shipmentId: number | null;
  customerId: number;
  refersToInvoiceId: number | null;
  /** Per document line (same order), the order line it bills; null for none. */
  orderLineIds: (number | null)[];
  issuedBy: number | null;
}

const num = (v: unknown): number => Number(v);

function toInvoice(r: any): StoredInvoice {
  const status = r.status as InvoiceStatus;
  const kind = r.kind as StoredInvoice['kind'];
  const gross = num(r.gross_cents);
  const paid = num(r.paid_cents);
  return {
    id: num(r.id), number: r.number, kind, status, orderId: num(r.order_id), orderNumber: r.order_number,
    shipmentId: r.shipment_id == null ? null : num(r.shipment_id), customerId: num(r.customer_id), customerName: r.customer_name,
    refersTo: r.refers_to_number ?? null, cancelledBy: r.cancelled_by_number ?? null,
    issueDate: r.issue_date, dueDate: r.due_date, locale: r.locale, netCents: num(r.net_cents), vatCents: num(r.vat_cents),
    grossCents: gross, paidCents: paid, openCents: kind === 'invoice' && status === 'issued' ? Math.max(0, gross - paid) : 0,
    document: JSON.parse(r.document), createdAt: r.created_at,
  };
}

function baseQuery(db: Conn): Knex.QueryBuilder {
  return db('invoices')
    .join('orders', 'orders.id', 'invoices.order_id')
    .join('customers', 'customers.id', 'invoices.customer_id')
    .leftJoin('invoices as original', 'original.id', 'invoices.refers_to_invoice_id')
    .select(
      'invoices.*', 'orders.number as order_number', 'customers.name as customer_name', 'original.number as refers_to_number',
      db('invoices as c').whereRaw('c.refers_to_invoice_id = invoices.id').max('c.number').as('cancelled_by_number'),
    );
}

/** Writes an issued invoice or cancellation with its lines and returns its id. */
export async function insertInvoice(trx: Knex.Transaction, n: NewInvoice, now: Date): Promise<number> {
  const d = n.document;
  const [row] = await trx('invoices')
    .insert({
      number: d.number, kind: d.kind, status: 'issued', order_id: n.orderId, shipment_id: n.shipmentId, customer_id: n.customerId,
      refers_to_invoice_id: n.refersToInvoiceId, issue_date: d.issueDate, due_date: d.dueDate, locale: d.locale,
      net_cents: d.totals.netCents, vat_cents: d.totals.vatCents, gross_cents: d.totals.grossCents, paid_cents: 0,
      document: JSON.stringify(d), issued_by_person_id: n.issuedBy, created_at: now.toISOString(),
    })
    .returning('id');
  const id = typeof row === 'object' ? num(row.id) : num(row);
  await trx('invoice_lines').insert(d.lines.map((l, i) => ({
    invoice_id: id, position: l.position, order_line_id: n.orderLineIds[i] ?? null, quantity: l.quantity, net_cents: l.netCents, vat_rate: l.vatRate,
  })));
  return id;
}

/** The one change an issued invoice allows besides payments: it was cancelled. False when it was not issued (any more). */
export async function markInvoiceCancelled(trx: Knex.Transaction, id: number): Promise<boolean> {
  return (await trx('invoices').where({ id, status: 'issued', kind: 'invoice' }).update({ status: 'cancelled' })) > 0;
}

/** How much of each order line the order's invoices bill (cancellations count negative), by order line id. */
export async function invoicedQuantities(db: Conn, orderId: number): Promise<Map<number, number>> {
  const rows = await db('invoice_lines')
    .join('invoices', 'invoices.id', 'invoice_lines.invoice_id')
    .where('invoices.order_id', orderId)
    .whereNotNull('invoice_lines.order_line_id')
    .groupBy('invoice_lines.order_line_id')
    .select('invoice_lines.order_line_id')
    .sum({ quantity: 'invoice_lines.quantity' });
  return new Map(rows.map((r: any) => [num(r.order_line_id), num(r.quantity)]));
}

export async function findInvoice(db: Conn, number: string, options: { lock?: boolean } = {}): Promise<StoredInvoice | null> {
  const q = baseQuery(db).where('invoices.number', number);
  if (options.lock && db.client.config.client === 'pg') q.forUpdate('invoices');
  const row = await q.first();
  return row ? toInvoice(row) : null;
}

export async function findInvoiceById(db: Conn, id: number): Promise<StoredInvoice | null> {
  const row = await baseQuery(db).where('invoices.id', id).first();
  return row ? toInvoice(row) : null;
}

export interface InvoiceFilter {
  customerId?: number;
  orderId?: number;
  /** Issued invoices with something still owed. */
  open?: boolean;
  /** Open and due before this day ('YYYY-MM-DD'). */
  dueBefore?: string;
  limit?: number;
}

/** Invoices and cancellations, newest first; the caller has checked who may see which account. */
export async function listInvoices(db: Conn, filter: InvoiceFilter): Promise<StoredInvoice[]> {
  const q = baseQuery(db).orderBy('invoices.id', 'desc');
  if (filter.customerId != null) q.where('invoices.customer_id', filter.customerId);
  if (filter.orderId != null) q.where('invoices.order_id', filter.orderId);
  if (filter.open || filter.dueBefore) {
    q.where('invoices.kind', 'invoice').where('invoices.status', 'issued').whereRaw('invoices.paid_cents < invoices.gross_cents');
  }
  if (filter.dueBefore) q.where('invoices.due_date', '<', filter.dueBefore);
  q.limit(filter.limit ?? 50);
  return (await q).map(toInvoice);
}

/**
 * A customer's open receivables from invoices and the due date of the oldest unpaid one: an indexed query over
 * that customer's issued invoices only (customer_id, status, due_date), never over past orders' lines.
 */
export async function openInvoiceExposure(db: Conn, customerId: number): Promise<{ openCents: number; oldestDueDate: string | null }> {
  const row = await db('invoices')
    .where({ customer_id: customerId, status: 'issued', kind: 'invoice' })
    .whereRaw('paid_cents < gross_cents')
    .first(db.raw('COALESCE(SUM(gross_cents - paid_cents), 0) as open_cents'), db.raw('MIN(due_date) as oldest_due'));
  return { openCents: num(row?.open_cents ?? 0), oldestDueDate: row?.oldest_due ?? null };
}

/** Per order, the gross its issued (not cancelled) invoices bill. */
export async function invoicedGrossByOrder(db: Conn, orderIds: number[]): Promise<Map<number, number>> {
  const rows = await db('invoices').whereIn('order_id', orderIds).where({ kind: 'invoice', status: 'issued' })
    .groupBy('order_id').select('order_id').sum({ gross: 'gross_cents' });
  return new Map(rows.map((r: any) => [num(r.order_id), num(r.gross)]));
}
