import { documentPath } from '../../data/documentLinks';
import { findInvoiceById } from '../../data/invoices';
import { formatMoney } from '../../domain/money';
import { may } from '../../domain/permissions';
import { formatDate } from '../format';
import { invoiceTexts } from '../texts/invoices';
import type { NotificationKind, RenderedMessage, Unrenderable } from './kind';

/**
 * An invoice or cancellation invoice sent to the customer's people, with a signed download link for that reader
 * (valid DOCUMENT_LINK_DAYS from when the row was written). Payload: invoiceId, invoiceNumber, orderNumber.
 */
function aboutInvoice(kind: 'invoice_issued' | 'invoice_cancelled'): NotificationKind {
  return {
    async render({ db, row, viewer, locale }): Promise<RenderedMessage | Unrenderable> {
      const invoice = await findInvoiceById(db, Number(row.payload.invoiceId));
      if (!invoice) return { unrenderable: `invoice ${String(row.payload.invoiceNumber)} does not exist` };
      if (!viewer || !may({ role: viewer.role, customerId: viewer.customerId }, 'seeOrder', { customerId: invoice.customerId })) {
        return { unrenderable: `invoice ${invoice.number} is not visible to this reader` };
      }
      const link = await documentPath(db, invoice.number, viewer.id, new Date(row.createdAt));
      if (kind === 'invoice_cancelled') {
        return { text: invoiceTexts(locale, 'notifyCancelled', { original: invoice.refersTo ?? '', invoice: invoice.number, order: invoice.orderNumber, link }) };
      }
      const due = invoice.dueDate && invoice.dueDate > invoice.issueDate ? formatDate(invoice.dueDate, locale) : invoiceTexts(locale, 'dueOnReceipt');
      return { text: invoiceTexts(locale, 'notifyIssued', { invoice: invoice.number, order: invoice.orderNumber, gross: formatMoney(invoice.grossCents, locale), due, link }) };
    },
  };
}

export const invoiceMessages: Record<string, NotificationKind> = {
  invoice_issued: aboutInvoice('invoice_issued'),
  invoice_cancelled: aboutInvoice('invoice_cancelled'),
};
