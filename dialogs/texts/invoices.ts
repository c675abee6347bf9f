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
  // The invoice card and lists.
  titleMine: { de: 'Ihre offenen Rechnungen', en: 'Your open invoices' },
  titleLastOrder: { de: 'Rechnungen zu Auftrag {order}', en: 'Invoices for order {order}' },
  titleOpen: { de: 'Offene Rechnungen', en: 'Open invoices' },
  titleOverdue: { de: 'Überfällige Rechnungen', en: 'Overdue invoices' },
  titleCustomer: { de: 'Rechnungen von {customer}', en: 'Invoices of {customer}' },
  summaryOwed: { de: 'Offen insgesamt: {total}', en: 'Open in total: {total}' },
  noneOpenMine: { de: 'Sie haben keine offenen Rechnungen. Vielen Dank!', en: 'You have no open invoices. Thank you!' },
  noneList: { de: '{title}: keine.', en: '{title}: none.' },
  noOrderYet: { de: 'Zu Ihrer letzten Bestellung gibt es noch keine Rechnung.', en: 'There is no invoice for your last order yet.' },
  noOrders: { de: 'Ich finde keine Bestellung von Ihnen.', en: 'I cannot find an order of yours.' },
  itemTitle: { de: '{invoice} · Auftrag {order}', en: '{invoice} · order {order}' },
  itemCustomer: { de: '{customer}', en: '{customer}' },
  itemAmounts: { de: '{gross} · offen {open} · fällig {due}', en: '{gross} · open {open} · due {due}' },
  itemCancellation: { de: '{gross} · Storno zu {original}', en: '{gross} · cancels {original}' },
  statusIssued: { de: 'offen', en: 'open' },
  statusOverdue: { de: 'überfällig', en: 'overdue' },
  statusPaid: { de: 'bezahlt', en: 'paid' },
  statusCancelled: { de: 'storniert', en: 'cancelled' },
  statusCancellation: { de: 'Stornorechnung', en: 'cancellation' },
  download: { de: 'PDF herunterladen', en: 'Download PDF' },
  moreThan: { de: 'Die neuesten {shown} von {total}.', en: 'The latest {shown} of {total}.' },
  // Document cards with the order confirmation and delivery notes.
  docOrderConfirmation: { de: 'Auftragsbestätigung (PDF)', en: 'Order confirmation (PDF)' },
  docDeliveryNote: { de: 'Lieferschein (PDF)', en: 'Delivery note (PDF)' },
  docOrderNumber: { de: 'Auftrag {number}', en: 'Order {number}' },
  docValidUntil: { de: 'Der Link gilt bis {date}.', en: 'The link works until {date}.' },
  // On the order card.
  factInvoices: { de: 'Rechnungen', en: 'Invoices' },
  factCancelledBy: { de: '{invoice} (storniert durch {cancellation})', en: '{invoice} (cancelled by {cancellation})' },
  historyInvoice: { de: 'Rechnung {invoice} über {gross}', en: 'Invoice {invoice} of {gross}' },
  historyCancelled: { de: 'Rechnung {invoice} storniert durch {cancellation}', en: 'Invoice {invoice} cancelled by {cancellation}' },
  // Cancelling, with reason and confirmation.
  askReason: {
    de: 'Warum soll Rechnung {number} storniert werden? (Der Grund steht in der Auftragshistorie; „abbrechen“ lässt sie bestehen.)',
    en: 'Why should invoice {number} be cancelled? (The reason goes into the order history; “cancel” keeps it.)',
  },
  confirmCancel: {
    de: 'Rechnung {number} an {customer} über {gross} stornieren? Es wird eine Stornorechnung mit eigener Nummer erstellt. Grund: {reason}',
    en: 'Cancel invoice {number} to {customer} of {gross}? A cancellation invoice with its own number is issued. Reason: {reason}',
  },
  yesCancel: { de: 'Ja, stornieren', en: 'Yes, cancel it' },
  noKeep: { de: 'Nein, behalten', en: 'No, keep it' },
  kept: { de: 'In Ordnung, Rechnung {number} bleibt bestehen.', en: 'All right, invoice {number} stays as it is.' },
  customerAmbiguous: { de: '„{query}“ passt zu mehreren Kunden: {names}. Welchen meinen Sie?', en: '“{query}” fits several customers: {names}. Which one do you mean?' },
  customerNotFound: { de: 'Einen Kunden „{query}“ finde ich nicht.', en: 'I cannot find a customer “{query}”.' },
  staffOnly: {
    de: 'Diese Liste ist für unsere Mitarbeiter. Fragen Sie gern „Welche Rechnungen sind offen?“',
    en: 'This list is for our staff. You are welcome to ask “Which invoices are open?”',
  },
});
