import type { Knex } from 'knex';
import type { Db } from './db';
import { isPostgres } from './db';

/**
 * The payment journal as stored: payments (one per received transfer, chat entry or REST call, once per
 * reference), their allocations to invoices or to the customer's credit, and invoices.paid_cents kept equal to the
 * sum of an invoice's allocations in the same transaction. Nothing here is ever updated or deleted except
 * paid_cents; a reversal is a new payment with negative allocations.
 */

type Conn = Db | Knex.Transaction;

export type PaymentSource = 'chat' | 'rest' | 'bank' | 'credit';

export interface StoredPayment {
  id: number;
  reference: string;
  customerId: number;
  customerNumber: string;
  customerName: string;
  source: PaymentSource;
  amountCents: number;
  paymentDate: string;
  payerName: string | null;
  payerIban: string | null;
  remittance: string | null;
  reversesPaymentId: number | null;
  reversedByPaymentId: number | null;
  reversalReason: string | null;
  createdAt: string;
  allocations: { invoiceNumber: string | null; cents: number }[];
}

export interface NewPayment {
  reference: string;
  customerId: number;
  source: PaymentSource;
  amountCents: number;
  paymentDate: string;
  payerName?: string | null;
  payerIban?: string | null;
  remittance?: string | null;
  reversesPaymentId?: number | null;
  reversalReason?: string | null;
  recordedBy: number | null;
}

export interface OpenInvoiceRow {
  id: number;
  number: string;
  orderId: number;
  customerId: number;
  customerNumber: string;
  dueDate: string;
  grossCents: number;
  paidCents: number;
  openCents: number;
}

const num = (v: unknown): number => Number(v);
const idOf = (row: any): number => (typeof row === 'object' ? num(row.id) : num(row));

/** Issued invoices with something still owed, oldest due first; locked for the booking transaction (PostgreSQL). */
export async function openInvoicesOf(trx: Conn, filter: { customerId?: number; numbers?: string[] }, options: { lock?: boolean } = {}): Promise<OpenInvoiceRow[]> {
  const q = trx('invoices')
    .join('customers', 'customers.id', 'invoices.customer_id')
    .where({ 'invoices.kind': 'invoice', 'invoices.status': 'issued' })
    .whereRaw('invoices.paid_cents < invoices.gross_cents')
    .orderBy([{ column: 'invoices.due_date' }, { column: 'invoices.number' }])
    .select('invoices.id', 'invoices.number', 'invoices.order_id', 'invoices.customer_id', 'customers.number as customer_number', 'invoices.due_date', 'invoices.gross_cents', 'invoices.paid_cents');
  if (filter.customerId != null) q.where('invoices.customer_id', filter.customerId);
  if (filter.numbers) q.whereIn('invoices.number', filter.numbers);
  if (options.lock && isPostgres(trx)) q.forUpdate('invoices');
  return (await q).map((r: any) => ({
    id: num(r.id), number: r.number, orderId: num(r.order_id), customerId: num(r.customer_id), customerNumber: r.customer_number,
    dueDate: r.due_date ?? r.issue_date, grossCents: num(r.gross_cents), paidCents: num(r.paid_cents), openCents: num(r.gross_cents) - num(r.paid_cents),
  }));
}

export async function insertPayment(trx: Knex.Transaction, p: NewPayment, now: Date): Promise<number> {
  const [row] = await trx('payments').insert({
    reference: p.reference, customer_id: p.customerId, source: p.source, amount_cents: p.amountCents, payment_date: p.paymentDate,
    payer_name: p.payerName ?? null, payer_iban: p.payerIban ?? null, remittance: p.remittance ?? null,
    reverses_payment_id: p.reversesPaymentId ?? null, reversal_reason: p.reversalReason ?? null, recorded_by_person_id: p.recordedBy,
    created_at: now.toISOString(),
  }).returning('id');
  return idOf(row);
}

const CHUNK = 500;

/** Many payments at once; answers each reference's new id. */
export async function insertPayments(trx: Knex.Transaction, payments: readonly NewPayment[], now: Date): Promise<Map<string, number>> {
  const at = now.toISOString();
  const rows = payments.map((p) => ({
    reference: p.reference, customer_id: p.customerId, source: p.source, amount_cents: p.amountCents, payment_date: p.paymentDate,
    payer_name: p.payerName ?? null, payer_iban: p.payerIban ?? null, remittance: p.remittance ?? null,
    reverses_payment_id: p.reversesPaymentId ?? null, reversal_reason: p.reversalReason ?? null, recorded_by_person_id: p.recordedBy,
    created_at: at,
  }));
  const ids = new Map<string, number>();
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    await trx('payments').insert(chunk);
    // Read back by the unique reference: the order of a multi-row RETURNING is not promised by SQLite.
    for (const r of await trx('payments').whereIn('reference', chunk.map((c) => c.reference)).select('id', 'reference')) ids.set(r.reference, num(r.id));
  }
  return ids;
}

export interface NewAllocation {
  paymentId: number;
  customerId: number;
  invoiceId: number | null;
  cents: number;
  reversesAllocationId?: number | null;
}

/** Many allocations at once, and each invoice's paid_cents moved by the sum of its allocations in one statement per batch. */
export async function insertAllocations(trx: Knex.Transaction, allocations: readonly NewAllocation[], now: Date): Promise<void> {
  const at = now.toISOString();
  const rows = allocations.map((a) => ({
    payment_id: a.paymentId, customer_id: a.customerId, invoice_id: a.invoiceId, cents: a.cents,
    reverses_allocation_id: a.reversesAllocationId ?? null, created_at: at,
  }));
  for (let i = 0; i < rows.length; i += CHUNK) await trx('payment_allocations').insert(rows.slice(i, i + CHUNK));
  const delta = new Map<number, number>();
  for (const a of allocations) if (a.invoiceId != null) delta.set(a.invoiceId, (delta.get(a.invoiceId) ?? 0) + a.cents);
  const moves = [...delta].filter(([, cents]) => cents !== 0).sort((a, b) => a[0] - b[0]);
  for (let i = 0; i < moves.length; i += CHUNK) {
    const chunk = moves.slice(i, i + CHUNK);
    // UPDATE … FROM (VALUES …) is understood by SQLite (3.33+) and PostgreSQL alike; the casts type the parameters.
    await trx.raw(
      `UPDATE invoices SET paid_cents = invoices.paid_cents + v.column2 FROM (VALUES ${chunk.map(() => '(CAST(? AS integer), CAST(? AS integer))').join(', ')}) AS v WHERE invoices.id = v.column1`,
      chunk.flat(),
    );
  }
}

/** One allocation: to an invoice (its paid_cents moves with it) or, without an invoice, to the customer's credit. */
export async function insertAllocation(
  trx: Knex.Transaction, a: { paymentId: number; customerId: number; invoiceId: number | null; cents: number; reversesAllocationId?: number | null }, now: Date,
): Promise<void> {
  await trx('payment_allocations').insert({
    payment_id: a.paymentId, customer_id: a.customerId, invoice_id: a.invoiceId, cents: a.cents,
    reverses_allocation_id: a.reversesAllocationId ?? null, created_at: now.toISOString(),
  });
  if (a.invoiceId != null) await trx('invoices').where({ id: a.invoiceId }).increment('paid_cents', a.cents);
}

function baseQuery(db: Conn): Knex.QueryBuilder {
  return db('payments')
    .join('customers', 'customers.id', 'payments.customer_id')
    .leftJoin('payments as reversal', 'reversal.reverses_payment_id', 'payments.id')
    .select('payments.*', 'customers.number as customer_number', 'customers.name as customer_name', 'reversal.id as reversed_by_id');
}

async function withAllocations(db: Conn, rows: any[]): Promise<StoredPayment[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => num(r.id));
  const allocations = await db('payment_allocations')
    .leftJoin('invoices', 'invoices.id', 'payment_allocations.invoice_id')
    .whereIn('payment_allocations.payment_id', ids)
    .orderBy('payment_allocations.id')
    .select('payment_allocations.payment_id', 'payment_allocations.cents', 'invoices.number as invoice_number');
  const byPayment = new Map<number, StoredPayment['allocations']>();
  for (const a of allocations) {
    const list = byPayment.get(num(a.payment_id)) ?? [];
    list.push({ invoiceNumber: a.invoice_number ?? null, cents: num(a.cents) });
    byPayment.set(num(a.payment_id), list);
  }
  return rows.map((r) => ({
    id: num(r.id), reference: r.reference, customerId: num(r.customer_id), customerNumber: r.customer_number, customerName: r.customer_name,
    source: r.source, amountCents: num(r.amount_cents), paymentDate: r.payment_date, payerName: r.payer_name, payerIban: r.payer_iban,
    remittance: r.remittance, reversesPaymentId: r.reverses_payment_id == null ? null : num(r.reverses_payment_id),
    reversedByPaymentId: r.reversed_by_id == null ? null : num(r.reversed_by_id), reversalReason: r.reversal_reason, createdAt: r.created_at,
    allocations: byPayment.get(num(r.id)) ?? [],
  }));
}

export async function findPaymentByReference(db: Conn, reference: string): Promise<StoredPayment | null> {
  const rows = await baseQuery(db).where('payments.reference', reference);
  return (await withAllocations(db, rows))[0] ?? null;
}

/** Several payments by reference (a statement's returns look up the transfers they undo). */
export async function findPaymentsByReferences(db: Conn, references: readonly string[]): Promise<Map<string, StoredPayment>> {
  const found = new Map<string, StoredPayment>();
  const unique = [...new Set(references)];
  for (let i = 0; i < unique.length; i += CHUNK) {
    for (const p of await withAllocations(db, await baseQuery(db).whereIn('payments.reference', unique.slice(i, i + CHUNK)))) found.set(p.reference, p);
  }
  return found;
}

export async function findPaymentById(db: Conn, id: number, options: { lock?: boolean } = {}): Promise<StoredPayment | null> {
  const q = baseQuery(db).where('payments.id', id);
  if (options.lock && isPostgres(db)) q.forUpdate('payments');
  return (await withAllocations(db, await q))[0] ?? null;
}

export interface PaymentFilter {
  customerId?: number;
  /** Created at or after this instant (ISO). */
  since?: string;
  limit?: number;
}

/** Payments newest first; the caller has checked who may see which account. */
export async function listPayments(db: Conn, filter: PaymentFilter): Promise<StoredPayment[]> {
  const q = baseQuery(db).orderBy('payments.id', 'desc').limit(filter.limit ?? 50);
  if (filter.customerId != null) q.where('payments.customer_id', filter.customerId);
  if (filter.since) q.where('payments.created_at', '>=', filter.since);
  return withAllocations(db, await q);
}

/** The allocations of one payment with their ids, to undo them one by one. */
export async function allocationsOf(db: Conn, paymentId: number): Promise<{ id: number; invoiceId: number | null; cents: number }[]> {
  const rows = await db('payment_allocations').where({ payment_id: paymentId }).orderBy('id');
  return rows.map((r: any) => ({ id: num(r.id), invoiceId: r.invoice_id == null ? null : num(r.invoice_id), cents: num(r.cents) }));
}

/** The allocations of several payments with their ids, by payment. */
export async function allocationsOfPayments(db: Conn, paymentIds: readonly number[]): Promise<Map<number, { id: number; invoiceId: number | null; cents: number }[]>> {
  const found = new Map<number, { id: number; invoiceId: number | null; cents: number }[]>();
  for (let i = 0; i < paymentIds.length; i += CHUNK) {
    for (const r of await db('payment_allocations').whereIn('payment_id', paymentIds.slice(i, i + CHUNK)).orderBy('id')) {
      const list = found.get(num(r.payment_id)) ?? [];
      list.push({ id: num(r.id), invoiceId: r.invoice_id == null ? null : num(r.invoice_id), cents: num(r.cents) });
      found.set(num(r.payment_id), list);
    }
  }
  return found;
}

/** The paid amounts of several invoices, locked for the transaction (PostgreSQL) in id order. */
export async function lockedPaidCents(trx: Knex.Transaction, invoiceIds: readonly number[]): Promise<Map<number, number>> {
  const found = new Map<number, number>();
  const sorted = [...new Set(invoiceIds)].sort((a, b) => a - b);
  for (let i = 0; i < sorted.length; i += CHUNK) {
    const q = trx('invoices').whereIn('id', sorted.slice(i, i + CHUNK)).orderBy('id').select('id', 'paid_cents');
    if (isPostgres(trx)) q.forUpdate();
    for (const r of await q) found.set(num(r.id), num(r.paid_cents));
  }
  return found;
}

/** The orders several invoices belong to. */
export async function orderIdsOfInvoices(db: Conn, invoiceIds: readonly number[]): Promise<Map<number, number>> {
  const found = new Map<number, number>();
  const unique = [...new Set(invoiceIds)];
  for (let i = 0; i < unique.length; i += CHUNK) {
    for (const r of await db('invoices').whereIn('id', unique.slice(i, i + CHUNK)).select('id', 'order_id')) found.set(num(r.id), num(r.order_id));
  }
  return found;
}

/** Of these orders, those whose issued invoices are all paid in full (and that have one). */
export async function fullyPaidOrders(db: Conn, orderIds: readonly number[]): Promise<Set<number>> {
  const unpaid = new Set<number>();
  const any = new Set<number>();
  const unique = [...new Set(orderIds)];
  for (let i = 0; i < unique.length; i += CHUNK) {
    const rows = await db('invoices').whereIn('order_id', unique.slice(i, i + CHUNK)).select('order_id', 'kind', 'status', 'paid_cents', 'gross_cents');
    for (const r of rows) {
      if (r.kind !== 'invoice' || r.status !== 'issued') continue;
      any.add(num(r.order_id));
      if (num(r.paid_cents) < num(r.gross_cents)) unpaid.add(num(r.order_id));
    }
  }
  return new Set([...any].filter((id) => !unpaid.has(id)));
}

/** A customer's credit: overpayments less credit used and reversed. */
export async function customerCreditCents(db: Conn, customerId: number): Promise<number> {
  const row = await db('payment_allocations').where({ customer_id: customerId }).whereNull('invoice_id').sum({ cents: 'cents' }).first();
  return num(row?.cents ?? 0);
}

/** Whether every issued invoice of the order is paid in full (and there is at least one). */
export async function orderFullyPaid(db: Conn, orderId: number): Promise<boolean> {
  // Only order_id in the WHERE: with kind and status there too, PostgreSQL without fresh statistics (right after a
  // bulk load) preferred the (status, kind, due_date) index and read every open invoice for each order asked.
  const rows = await db('invoices').where({ order_id: orderId }).select('kind', 'status', 'paid_cents', 'gross_cents');
  const issued = rows.filter((r: any) => r.kind === 'invoice' && r.status === 'issued');
  return issued.length > 0 && issued.every((r: any) => num(r.paid_cents) >= num(r.gross_cents));
}
