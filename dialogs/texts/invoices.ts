import { defineTexts } from '../i18n';

/** Invoices in the chat and in notifications: German and English. */
export const invoiceTexts = defineTexts('invoices', {
  incomplete: {
    de: 'Die Rechnung kann noch nicht ausgestellt werden, es fehlt: {fields}. Bitte ergänzen Sie die Stammdaten.',
    en: 'The invoice cannot be issued yet, it lacks: {fields}. Please complete the master data.',
  },
  nothingToInvoice: {
    de: 'Zu Auftrag {number} gibt es nichts zu berechnen: alles Gelieferte oder Erbrachte ist schon in Rechnung gestellt.',
    en: 'There is nothing to invoice for order {number}: everything delivered or performed is invoiced already.',
  },
  orderNotFound: { de: 'Einen Auftrag {number} finde ich nicht.', en: 'I cannot find an order {number}.' },
  invoiceNotFound: { de: 'Eine Rechnung {number} finde ich nicht.', en: 'I cannot find an invoice {number}.' },
  forbidden: {
    de: 'Rechnungen stellt die Buchhaltung aus und storniert sie.',
    en: 'Invoices are issued and cancelled by accounting.',
  },
  issued: {
    de: 'Rechnung {invoice} zu Auftrag {order} über {gross} ist ausgestellt, fällig am {due}.',
    en: 'Invoice {invoice} for order {order} of {gross} is issued, due on {due}.',
  },
  cancelled: {
    de: 'Rechnung {invoice} ist storniert: Stornorechnung {cancellation} über {gross}.',
    en: 'Invoice {invoice} is cancelled: cancellation invoice {cancellation} of {gross}.',
  },
  alreadyCancelled: { de: 'Rechnung {number} ist bereits storniert.', en: 'Invoice {number} is cancelled already.' },
  notAnInvoice: {
    de: '{number} ist eine Stornorechnung; sie selbst wird nicht storniert.',
    en: '{number} is a cancellation invoice; it is not cancelled itself.',
  },
  hasPayments: {
    de: 'Auf Rechnung {number} sind schon Zahlungen gebucht; sie kann erst nach deren Klärung storniert werden.',
    en: 'Payments are booked on invoice {number}; it can be cancelled only once they are settled.',
  },
  reasonRequired: { de: 'Bitte nennen Sie einen Grund für die Stornierung.', en: 'Please give a reason for the cancellation.' },
  notifyIssued: {
    de: 'Ihre Rechnung {invoice} zu Auftrag {order}: {gross}, zahlbar bis {due}. [Rechnung herunterladen (PDF)]({link})',
    en: 'Your invoice {invoice} for order {order}: {gross}, payable by {due}. [Download the invoice (PDF)]({link})',
  },
  notifyCancelled: {
    de: 'Rechnung {original} zu Auftrag {order} wurde storniert (Stornorechnung {invoice}). [Stornorechnung herunterladen (PDF)]({link})',
    en: 'Invoice {original} for order {order} was cancelled (cancellation invoice {invoice}). [Download the cancellation invoice (PDF)]({link})',
  },
  dueOnReceipt: { de: 'sofort', en: 'on receipt' },
});
