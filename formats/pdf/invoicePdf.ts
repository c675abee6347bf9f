import type { PricedDocument } from '../../domain/invoice';
import { documentTexts, formatDocumentDate } from '../documentTexts';
import { renderLayout } from './layout';
import { baseInfo, buyerInfo, paymentBox, pricedLayout, serviceInfo } from './pricedDocument';

/** The invoice (Rechnung) as PDF: §14 (4) UStG fields, totals per rate, due date, bank details and GiroCode. */
export async function renderInvoicePdf(invoice: PricedDocument): Promise<Buffer> {
  if (invoice.kind !== 'invoice') throw new TypeError(`renderInvoicePdf needs an invoice, got ${invoice.kind}`);
  const t = documentTexts[invoice.locale];
  const due = invoice.dueDate ? formatDocumentDate(invoice.dueDate, invoice.locale) : null;
  const info = [...baseInfo(invoice, 'invoice'), ...serviceInfo(invoice, 'service'), ...(due ? [[t.dueDate, due] as [string, string]] : []), ...buyerInfo(invoice)];
  const terms = due && invoice.paymentTermsDays !== null
    ? invoice.paymentTermsDays > 0 ? t.paymentTerms(invoice.paymentTermsDays, due) : t.paymentOnReceipt(due)
    : null;
  return renderLayout(pricedLayout(invoice, 'invoice', {
    info,
    paragraphs: [...(terms ? [terms] : []), t.closing.invoice],
    payment: paymentBox(invoice, invoice.totals.grossCents > 0 ? invoice.totals.grossCents : null),
  }));
}
