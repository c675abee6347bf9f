import { customerDocumentFacts, getCompanyRecord } from '../data/company';
import type { Db } from '../data/db';
import { findInvoice } from '../data/invoices';
import { getCustomer } from '../data/parties';
import { berlinDateOf } from '../domain/calendar';
import type { DeliveryNote } from '../domain/deliveryNote';
import { buyerFrom, unitCodeFor } from '../domain/documentInput';
import { parseDocumentNumber } from '../domain/documentNumbers';
import { computeDocument, type Invoice } from '../domain/invoice';
import type { VatRate } from '../domain/catalog';
import { eInvoiceFormatFor, renderFacturX, renderXRechnung } from '../formats/eInvoice';
import { renderCancellationPdf } from '../formats/pdf/cancellationPdf';
import { renderDeliveryNotePdf } from '../formats/pdf/deliveryNotePdf';
import { renderInvoicePdf } from '../formats/pdf/invoicePdf';
import { renderOrderConfirmationPdf } from '../formats/pdf/orderConfirmationPdf';
import { renderQuotePdf } from '../formats/pdf/quotePdf';
import { findQuote } from '../data/quotes';
import { dunningNoticeFile } from './dunningNoticeFile';

/**
 * A business document as a file, found by its number: an invoice (RE-…) or cancellation invoice (ST-…) as issued,
 * a delivery note (LS-…) of one shipment, or the order confirmation of an order (its plain number). Rendered on
 * demand from stored facts (invoices from their stored document, so the file is what was issued).
 */
export type FileFormat = 'pdf' | 'zugferd' | 'xrechnung';

export interface DocumentFile {
  number: string;
  kind: 'invoice' | 'cancellation' | 'delivery_note' | 'order_confirmation' | 'dunning_notice' | 'quote';
  /** The account it belongs to: who may fetch it is asked against this. */
  customerId: number;
  /** The formats it comes in; the first is what its buyer gets (B2C: plain PDF, public sector: XRechnung, else ZUGFeRD). */
  formats: FileFormat[];
  render(format: FileFormat): Promise<{ body: Buffer; contentType: string; fileName: string }>;
}

/** Which file an invoice's buyer gets: private buyers a plain PDF, public buyers XRechnung, businesses ZUGFeRD. */
export function buyersFormat(invoice: Invoice): FileFormat {
  if (invoice.buyer.kind === 'b2c') return 'pdf';
  return eInvoiceFormatFor(invoice) === 'xrechnung-cii' ? 'xrechnung' : 'zugferd';
}

const pdf = (body: Buffer, number: string) => ({ body, contentType: 'application/pdf', fileName: `${number}.pdf` });

function invoiceFile(invoice: Invoice, customerId: number): DocumentFile {
  const visual = () => (invoice.kind === 'cancellation' ? renderCancellationPdf(invoice) : renderInvoicePdf(invoice));
  const first = buyersFormat(invoice);
  return {
    number: invoice.number, kind: invoice.kind, customerId,
    formats: [first, ...(['pdf', 'zugferd', 'xrechnung'] as FileFormat[]).filter((f) => f !== first)],
    async render(format) {
      if (format === 'xrechnung') return { body: await renderXRechnung(invoice), contentType: 'application/xml', fileName: `${invoice.number}.xml` };
      if (format === 'zugferd') return pdf(await renderFacturX(invoice, await visual()), invoice.number);
      return pdf(await visual(), invoice.number);
    },
  };
}

export async function findDocumentFile(db: Db, number: string): Promise<DocumentFile | null> {
  const parsed = parseDocumentNumber(number);
  if (!parsed) return null;
  if (parsed.kind === 'invoice' || parsed.kind === 'cancellation') {
    const invoice = await findInvoice(db, parsed.number);
    return invoice ? invoiceFile(invoice.document, invoice.customerId) : null;
  }
  if (parsed.kind === 'delivery_note') return deliveryNoteFile(db, parsed.number);
  if (parsed.kind === 'order') return orderConfirmationFile(db, parsed.number);
  if (parsed.kind === 'dunning_notice') return dunningNoticeFile(db, parsed.number);
  if (parsed.kind === 'quote') return quoteFile(db, parsed.number);
  return null;
}

async function buyerOf(db: Db, customerId: number) {
  const customer = (await getCustomer(db, customerId))!;
  const facts = await customerDocumentFacts(db, customerId);
  return { customer, facts, buyer: buyerFrom(customer, { email: facts.email, publicSector: facts.publicSector, buyerReference: facts.leitwegId }) };
}

async function deliveryNoteFile(db: Db, number: string): Promise<DocumentFile | null> {
  const shipment = await db('shipments').join('orders', 'orders.id', 'shipments.order_id').where('shipments.delivery_note_number', number)
    .first('shipments.*', 'orders.number as order_number', 'orders.customer_id', 'orders.delivery_name', 'orders.delivery_street',
      'orders.delivery_postcode', 'orders.delivery_city', 'orders.delivery_country');
  if (!shipment) return null;
  const customerId = Number(shipment.customer_id);
  return {
    number, kind: 'delivery_note', customerId, formats: ['pdf'],
    async render() {
      const { buyer, facts } = await buyerOf(db, customerId);
      const lines = await db('shipment_lines')
        .join('order_lines', function () { this.on('order_lines.line_no', 'shipment_lines.line_no').andOn('order_lines.order_id', db.raw('?', [shipment.order_id])); })
        .where('shipment_lines.shipment_id', shipment.id).orderBy('shipment_lines.line_no')
        .select('order_lines.sku', 'order_lines.name_de', 'order_lines.name_en', 'order_lines.unit_de', 'order_lines.unit_en', 'shipment_lines.quantity');
      const day = berlinDateOf(new Date(shipment.created_at));
      const note: DeliveryNote = {
        number, orderNumber: shipment.order_number, issueDate: day, deliveryDate: day, locale: facts.locale, seller: await getCompanyRecord(db), buyer,
        deliveryAddress: shipment.delivery_street ? {
          name: shipment.delivery_name ?? buyer.name, street: shipment.delivery_street, postcode: shipment.delivery_postcode, city: shipment.delivery_city, country: shipment.delivery_country,
        } : null,
        carrier: shipment.carrier, trackingNumber: shipment.tracking_number,
        lines: lines.map((l: any, i: number) => ({
          position: i + 1, sku: l.sku, name: facts.locale === 'en' ? l.name_en : l.name_de, quantity: Number(l.quantity),
          unit: { name: facts.locale === 'en' ? l.unit_en : l.unit_de, code: unitCodeFor({ de: l.unit_de, en: l.unit_en }) },
        })),
      };
      return pdf(await renderDeliveryNotePdf(note), number);
    },
  };
}

/** Orders that were confirmed (or went further) have a confirmation; received, checked and held ones do not. */
const unconfirmed = new Set(['received', 'checked', 'on_hold']);

async function orderConfirmationFile(db: Db, number: string): Promise<DocumentFile | null> {
  const order = await db('orders').where({ number }).first();
  if (!order || unconfirmed.has(order.status)) return null;
  if (order.status === 'cancelled' && !(await db('order_history').where({ order_id: order.id, to_status: 'confirmed' }).first('id'))) return null;
  const customerId = Number(order.customer_id);
  return {
    number, kind: 'order_confirmation', customerId, formats: ['pdf'],
    async render() {
      const { buyer, facts, customer } = await buyerOf(db, customerId);
      const confirmed = await db('order_history').where({ order_id: order.id, to_status: 'confirmed' }).orderBy('id').first('at');
      const lines = await db('order_lines').where({ order_id: order.id }).orderBy('line_no');
      const computed = computeDocument({
        kind: 'order_confirmation', number, issueDate: berlinDateOf(new Date(confirmed?.at ?? order.created_at)), locale: facts.locale,
        seller: await getCompanyRecord(db), buyer,
        lines: lines.map((l: any) => ({
          sku: l.sku, name: facts.locale === 'en' ? l.name_en : l.name_de, quantity: Number(l.quantity),
          unit: { name: facts.locale === 'en' ? l.unit_en : l.unit_de, code: unitCodeFor({ de: l.unit_de, en: l.unit_en }) },
          unitPriceCents: Number(l.unit_price_cents), vatRate: Number(l.vat_rate) as VatRate,
          discount: l.discount_basis_points ? { kind: 'percent' as const, basisPoints: Number(l.discount_basis_points) } : null,
        })),
        documentDiscount: order.document_discount_basis_points ? { kind: 'percent', basisPoints: Number(order.document_discount_basis_points) } : null, service: order.promised_date ? { kind: 'date', date: order.promised_date } : null,
        paymentTermsDays: customer.paymentTermsDays, orderNumber: number, validUntil: null,
      });
      if (!computed.ok) throw new Error(`order confirmation ${number}: ${JSON.stringify(computed.problems)}`);
      return pdf(await renderOrderConfirmationPdf(computed.document), `AB-${number}`);
    },
  };
}

/** A quote (AN-…) as made: rendered from its stored document. */
async function quoteFile(db: Db, number: string): Promise<DocumentFile | null> {
  const quote = await findQuote(db, number);
  if (!quote) return null;
  return {
    number, kind: 'quote', customerId: quote.customerId, formats: ['pdf'],
    async render() {
      return pdf(await renderQuotePdf(quote.document), number);
    },
  };
}
