import type { Knex } from 'knex';
import { customerDocumentFacts, getCompanyRecord, getInvoiceMode } from '../data/company';
import type { Db } from '../data/db';
import { customerPersonIds, insertHistory } from '../data/history';
import { findInvoiceById, insertInvoice, invoicedQuantities, type StoredInvoice } from '../data/invoices';
import { nextYearlyNumber } from '../data/numbering';
import { findOrderRow, orderFacts, type Actor, type OrderRow } from '../data/orders';
import { orderOrigin, withOrigin } from '../data/orderOrigin';
import { enqueueNotification } from '../data/outbox';
import { offerCreditFor } from './creditOffer';
import { getCustomer } from '../data/parties';
import { berlinDateOf, berlinToday } from '../domain/calendar';
import type { VatRate } from '../domain/catalog';
import { buyerFrom, unitCodeFor } from '../domain/documentInput';
import { formatYearlyNumber } from '../domain/documentNumbers';
import { checkInvoice, computeInvoice, type Discount, type Invoice, type InvoiceField, type LineInput, type ServiceDate } from '../domain/invoice';
import { billableLines, fullyInvoiced, invoicesOnStep, type BillingLine } from '../domain/invoicing';
import type { OrderStatus } from '../domain/lifecycle';
import { may } from '../domain/permissions';
import { runOperation } from './refusal';
import { automaticStep, type StepRefusal } from './steps';

export type IssueInvoiceResult =
  | { ok: true; invoice: StoredInvoice; orderStatus: OrderStatus }
  | { ok: false; code: 'not_found' | 'forbidden' | 'nothing_to_invoice' }
  | { ok: false; code: 'invoice_incomplete'; missing: InvoiceField[] };

/** Why issuing inside a step failed; the step refuses with it and everything rolls back. */
export type InvoiceRefusal = { code: 'invoice_incomplete'; missing: InvoiceField[] };

interface OrderLineRow {
  id: number;
  sku: string;
  kind: BillingLine['kind'];
  name: { de: string; en: string };
  unit: { de: string; en: string };
  quantity: number;
  shippedQuantity: number;
  unitPriceCents: number;
  vatRate: VatRate;
  /** A quoted line discount (orders from quotes). */
  discountBasisPoints: number | null;
}

async function orderLines(trx: Knex.Transaction, orderId: number): Promise<OrderLineRow[]> {
  const rows = await trx('order_lines').where({ order_id: orderId }).whereNot({ status: 'cancelled' }).orderBy('line_no');
  return rows.map((l: any) => ({
    id: Number(l.id), sku: l.sku, kind: l.kind, name: { de: l.name_de, en: l.name_en }, unit: { de: l.unit_de, en: l.unit_en },
    quantity: Number(l.quantity), shippedQuantity: Number(l.shipped_quantity), unitPriceCents: Number(l.unit_price_cents), vatRate: Number(l.vat_rate) as VatRate,
    discountBasisPoints: l.discount_basis_points == null ? null : Number(l.discount_basis_points),
  }));
}

/** Date of delivery or service (§14 (4) Nr. 6 UStG): the days goods left and services were done, else today. */
async function serviceDateOf(trx: Knex.Transaction, orderId: number, billsServices: boolean, shipmentId: number | null, today: string): Promise<ServiceDate> {
  const shipments = trx('shipments').where({ order_id: orderId });
  if (shipmentId != null) shipments.where({ id: shipmentId });
  const days = (await shipments.select('created_at')).map((r: any) => berlinDateOf(new Date(r.created_at)));
  if (billsServices) {
    const bookings = await trx('service_bookings').where({ order_id: orderId }).whereNot({ status: 'cancelled' }).select('starts_at');
    days.push(...bookings.map((r: any) => berlinDateOf(new Date(r.starts_at))).filter((d: string) => d <= today));
  }
  if (days.length === 0) return { kind: 'date', date: today };
  days.sort();
  const [from, to] = [days[0], days[days.length - 1]];
  return from === to ? { kind: 'date', date: from } : { kind: 'period', from, to };
}

async function billingLines(trx: Knex.Transaction, order: OrderRow): Promise<{ lines: OrderLineRow[]; billing: BillingLine[] }> {
  const lines = await orderLines(trx, order.id);
  const invoiced = await invoicedQuantities(trx, order.id);
  return {
    lines,
    billing: lines.map((l) => ({ lineId: l.id, kind: l.kind, quantity: l.quantity, shippedQuantity: l.shippedQuantity, invoicedQuantity: invoiced.get(l.id) ?? 0 })),
  };
}

/**
 * Issues one invoice over everything delivered or performed and not yet invoiced, inside the caller's transaction:
 * the number is drawn here (gapless per year: a rollback takes it back), the computed document is stored as issued,
 * the order's history records it and the customer's people are sent it. Null when there is nothing to bill.
 */
export async function issueInvoiceIn(
  trx: Knex.Transaction, order: OrderRow, actor: Actor, now: Date, options: { shipmentId?: number | null },
  onRefusal: (refusal: InvoiceRefusal) => never,
): Promise<StoredInvoice | null> {
  const { lines, billing } = await billingLines(trx, order);
  const billed = billableLines(billing, order.status);
  if (billed.length === 0) return null;

  const customer = (await getCustomer(trx, order.customer_id))!;
  const facts = await customerDocumentFacts(trx, customer.id);
  const today = berlinToday(now);
  const byId = new Map(lines.map((l) => [l.id, l]));
  const inputs: LineInput[] = billed.map((b) => {
    const l = byId.get(b.lineId)!;
    return {
      sku: l.sku, name: l.name[facts.locale], quantity: b.quantity, unit: { name: l.unit[facts.locale], code: unitCodeFor(l.unit) },
      unitPriceCents: l.unitPriceCents, vatRate: l.vatRate,
      discount: l.discountBasisPoints ? { kind: 'percent', basisPoints: l.discountBasisPoints } : null,
    };
  });
  const billsServices = billed.some((b) => byId.get(b.lineId)!.kind === 'service');
  const number = formatYearlyNumber('invoice', Number(today.slice(0, 4)), await nextYearlyNumber(trx, 'invoice', Number(today.slice(0, 4))));
  const computed = computeInvoice({
    number, issueDate: today, locale: facts.locale, seller: await getCompanyRecord(trx),
    buyer: buyerFrom(customer, { email: facts.email, publicSector: facts.publicSector, buyerReference: facts.leitwegId }),
    lines: inputs, documentDiscount: await quotedDocumentDiscount(trx, order.id), service: await serviceDateOf(trx, order.id, billsServices, options.shipmentId ?? null, today),
    paymentTermsDays: customer.paymentTermsDays, orderNumber: order.number,
  });
  if (!computed.ok) throw new Error(`invoice for order ${order.number} could not be computed: ${JSON.stringify(computed.problems)}`);
  const document = computed.document as Invoice;
  const check = checkInvoice(document);
  if (!check.ok) return onRefusal({ code: 'invoice_incomplete', missing: check.missing });

  const id = await insertInvoice(trx, {
    document, orderId: order.id, shipmentId: options.shipmentId ?? null, customerId: customer.id, refersToInvoiceId: null,
    orderLineIds: billed.map((b) => b.lineId), issuedBy: actor.personId,
  }, now);
  const historyId = await insertHistory(trx, order.id, order.status, order.status, actor, now, null, { event: 'invoice_issued', invoice: number, grossCents: document.totals.grossCents });
  await notifyInvoice(trx, 'invoice_issued', { id, number, orderId: order.id, orderNumber: order.number, historyId, customerId: customer.id }, now);
  await offerCreditFor(trx, { number, customerId: customer.id }, now);
  return (await findInvoiceById(trx, id))!;
}

/** An order from a quote bills the quote's document discount; a percentage, so every partial invoice bills its share. */
async function quotedDocumentDiscount(trx: Knex.Transaction, orderId: number): Promise<Discount | null> {
  const row = await trx('orders').where({ id: orderId }).first('document_discount_basis_points');
  const bp = row?.document_discount_basis_points == null ? 0 : Number(row.document_discount_basis_points);
  return bp > 0 ? { kind: 'percent', basisPoints: bp } : null;
}

/** The customer's people get the invoice (or its cancellation) with its link; each message once per person. */
export async function notifyInvoice(
  trx: Knex.Transaction, kind: 'invoice_issued' | 'invoice_cancelled',
  invoice: { id: number; number: string; orderId: number; orderNumber: string; historyId: number; customerId: number }, now: Date,
): Promise<void> {
  const origin = await orderOrigin(trx, invoice.orderId);
  for (const personId of await customerPersonIds(trx, invoice.customerId)) {
    await enqueueNotification(trx, {
      recipient: { kind: 'person', personId }, kind,
      payload: withOrigin({ invoiceId: invoice.id, invoiceNumber: invoice.number, orderId: invoice.orderId, orderNumber: invoice.orderNumber }, origin, personId),
      dedupeKey: `invoice:${invoice.id}:${kind}:p${personId}`,
    }, now);
  }
}

/** Moves a delivered or performed order on to `invoiced` once every line is invoiced in full. */
export async function invoicedWhenComplete(trx: Knex.Transaction, order: OrderRow, channel: string, now: Date, onRefusal: (refusal: StepRefusal) => never): Promise<void> {
  const { billing } = await billingLines(trx, order);
  if (fullyInvoiced(billing, order.status)) await automaticStep(trx, order, 'invoiced', channel, now, {}, onRefusal);
}

/** The effect 'issueInvoice' of a step (domain/effects.ts): per the invoice mode, then on to invoiced when complete. */
export async function invoiceAfterStep(
  trx: Knex.Transaction, order: OrderRow, to: OrderStatus, actor: Actor, now: Date, shipmentId: number | null,
  onRefusal: (refusal: StepRefusal) => never,
): Promise<void> {
  const mode = await getInvoiceMode(trx);
  if (invoicesOnStep(mode, to, await orderFacts(trx, order))) {
    const system: Actor = { personId: actor.personId, role: 'system', customerId: null, channel: actor.channel };
    await issueInvoiceIn(trx, order, system, now, { shipmentId }, onRefusal);
  }
  await invoicedWhenComplete(trx, order, actor.channel, now, onRefusal);
}

/**
 * An accountant's "Rechnung zu Auftrag 1004 erstellen": bills what is delivered or performed and not yet invoiced
 * (also after a cancellation), and moves the order to invoiced when that completes it.
 */
export async function issueInvoice(db: Db, actor: Actor, orderNumber: string, now: Date = new Date()): Promise<IssueInvoiceResult> {
  return runOperation<IssueInvoiceResult>(db, async (trx, refuse) => {
    const order = await findOrderRow(trx, orderNumber, { lock: true });
    if (!order || !may(actor, 'seeOrder', { customerId: order.customer_id })) return refuse({ ok: false, code: 'not_found' });
    if (!may(actor, 'issueInvoice', { customerId: order.customer_id })) return refuse({ ok: false, code: 'forbidden' });
    const invoice = await issueInvoiceIn(trx, order, actor, now, {}, (r) => refuse({ ok: false, ...r }));
    if (!invoice) return refuse({ ok: false, code: 'nothing_to_invoice' });
    await invoicedWhenComplete(trx, order, actor.channel, now, (r) => {
      throw new Error(`order ${order.number} could not move to invoiced: ${r.code}`);
    });
    return { ok: true, invoice, orderStatus: order.status };
  });
}
