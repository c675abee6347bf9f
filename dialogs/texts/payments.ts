import { defineTexts } from '../i18n';

/** Payments, bank statements, dunning notices and the accountants' digest: German and English. */
export const paymentTexts = defineTexts('payments', {
  booked: {
    de: 'Zahlung über {amount} von {customer} gebucht: {allocations}.',
    en: 'Payment of {amount} from {customer} booked: {allocations}.',
  },
  allocation: { de: '{amount} auf {invoice}', en: '{amount} to {invoice}' },
  allocationCredit: { de: '{amount} als Guthaben', en: '{amount} as credit' },
  creditNow: { de: 'Guthaben des Kunden jetzt: {amount} (wird mit der nächsten Rechnung verrechnet).', en: 'The customer’s credit is now {amount} (set against the next invoice).' },
  settled: { de: 'Damit ist Auftrag {orders} bezahlt und abgeschlossen.', en: 'Order {orders} is now paid and closed.' },
  duplicate: { de: 'Diese Zahlung ist schon gebucht; es wurde nichts doppelt gebucht.', en: 'This payment is booked already; nothing was booked twice.' },
  notOpen: { de: 'Nicht offen (schon bezahlt oder storniert): {numbers}.', en: 'Not open (paid already or cancelled): {numbers}.' },
  forbidden: { de: 'Zahlungen bucht die Buchhaltung.', en: 'Payments are booked by accounting.' },
  customerUnknown: {
    de: 'Von wem ist die Zahlung? Nennen Sie bitte die Rechnungsnummer oder den Kunden, z. B. „Zahlung 238,00 € für RE-2026-0004“.',
    en: 'Who paid? Please name the invoice number or the customer, e.g. “payment of €238.00 for RE-2026-0004”.',
  },
  invoiceUnknown: { de: 'Diese Rechnung finde ich nicht.', en: 'I cannot find that invoice.' },
  severalCustomers: { de: 'Die Rechnungen gehören verschiedenen Kunden; bitte einzeln buchen.', en: 'The invoices belong to different customers; please book them one by one.' },
  notPositive: { de: 'Der Betrag muss größer als 0 € sein.', en: 'The amount must be more than €0.' },
  referenceReused: { de: 'Unter diesem Schlüssel ist schon eine andere Zahlung gebucht.', en: 'Another payment is booked under this key already.' },
  invalidDate: { de: 'Das Datum verstehe ich nicht.', en: 'I do not understand the date.' },
  reversed: { de: 'Zahlung {reference} über {amount} ist storniert ({reason}); die Rechnungen sind wieder offen.', en: 'Payment {reference} of {amount} is reversed ({reason}); the invoices are open again.' },
  reverseNotFound: { de: 'Diese Zahlung finde ich nicht.', en: 'I cannot find that payment.' },
  alreadyReversed: { de: 'Diese Zahlung ist schon storniert.', en: 'This payment is reversed already.' },
  reasonRequired: { de: 'Bitte nennen Sie einen Grund für die Stornierung der Zahlung.', en: 'Please give a reason for reversing the payment.' },
  // Customers: "Habt ihr meine Zahlung erhalten?"
  customerNone: {
    de: 'Für Ihr Kundenkonto ist bisher keine Zahlung eingegangen. Überweisungen sind meist nach 1–2 Bankarbeitstagen bei uns.',
    en: 'No payment has come in for your account yet. Transfers usually reach us within 1–2 bank working days.',
  },
  customerLast: {
    de: 'Ja, zuletzt ist am {date} Ihre Zahlung über {amount} eingegangen ({allocations}).',
    en: 'Yes, your payment of {amount} came in on {date} ({allocations}).',
  },
  customerOpen: { de: 'Offen sind noch {amount}.', en: 'Still open: {amount}.' },
  customerNothingOpen: { de: 'Damit ist alles bezahlt – vielen Dank!', en: 'Everything is paid – thank you!' },
  customerCredit: { de: 'Sie haben ein Guthaben von {amount}.', en: 'You have a credit of {amount}.' },
  // Bank statements
  imported: {
    de: 'Kontoauszug eingelesen: {booked} Zahlungen gebucht ({amount}), {reversed} Rückbuchungen, {doubtful} zur Prüfung, {open} ohne Zuordnung, {skipped} schon bekannt.',
    en: 'Statement imported: {booked} payments booked ({amount}), {reversed} returns, {doubtful} to check, {open} unmatched, {skipped} known already.',
  },
  entryTitle: { de: 'Bankeingang prüfen', en: 'Check a bank entry' },
  entryFacts: { de: '{amount} von {payer} am {date}', en: '{amount} from {payer} on {date}' },
  entryText: { de: 'Verwendungszweck: {text}', en: 'Remittance: {text}' },
  entryCandidate: { de: 'Buchen auf {invoices}', en: 'Book to {invoices}' },
  entryUndo: { de: 'Rückbuchung von {payment}', en: 'Return of {payment}' },
  entryAssign: { de: 'Andere Rechnung', en: 'Another invoice' },
  entryAssignPlaceholder: { de: 'RE-2026-0001', en: 'RE-2026-0001' },
  entryLeave: { de: 'Offen lassen', en: 'Leave open' },
  entryBooked: { de: 'Gebucht.', en: 'Booked.' },
  entryLeft: { de: 'Der Eingang bleibt offen.', en: 'The entry stays open.' },
  entryDecided: { de: 'Über diesen Eingang ist schon entschieden.', en: 'This entry is decided already.' },
  entryNotOpen: { de: 'Diese Rechnung ist nicht offen.', en: 'That invoice is not open.' },
  uploadHint: {
    de: 'Kontoauszüge (camt.053) laden Sie über POST /api/bank-statements hoch; der Chat nimmt noch keine Dateien an.',
    en: 'Upload bank statements (camt.053) with POST /api/bank-statements; the chat does not take files yet.',
  },
  // Dunning notices to customers
  noticeTitle: { de: '{name} zu Rechnung {invoice}', en: '{name} for invoice {invoice}' },
  noticeIntro: {
    de: 'Sicher ist es nur übersehen worden: Rechnung {invoice} war am {due} fällig und ist noch offen. Bitte überweisen Sie den Betrag bis {newDue}.',
    en: 'Perhaps it was overlooked: invoice {invoice} was due on {due} and is still open. Please transfer the amount by {newDue}.',
  },
  noticeOpen: { de: 'Offener Betrag', en: 'Amount open' },
  noticeFees: { de: 'Mahngebühren', en: 'Dunning fees' },
  noticeInterest: { de: 'Verzugszinsen (§ 288 BGB)', en: 'Default interest (§ 288 BGB)' },
  noticeTotal: { de: 'Zu zahlen', en: 'To pay' },
  noticeDue: { de: 'Zahlbar bis', en: 'Payable by' },
  noticePdf: { de: 'Mahnung {number} (PDF)', en: 'Notice {number} (PDF)' },
  noticeAlreadyPaid: { de: 'Ich habe schon bezahlt', en: 'I have already paid' },
  noticeText: {
    de: '{name} {number} zu Rechnung {invoice}: {total} zahlbar bis {newDue}.',
    en: '{name} {number} for invoice {invoice}: {total} payable by {newDue}.',
  },
  alreadyPaidThanks: {
    de: 'Danke für den Hinweis! Die Buchhaltung prüft den Zahlungseingang zu {invoice} und meldet sich bei Ihnen.',
    en: 'Thank you for letting us know! Accounting will check the payment for {invoice} and get back to you.',
  },
  alreadyPaidStaff: {
    de: '{customer} sagt, Rechnung {invoice} sei schon bezahlt (Mahnung {notice}). Bitte Zahlungseingang prüfen.',
    en: '{customer} says invoice {invoice} is paid already (notice {notice}). Please check the payment.',
  },
  // Digest
  digestTitle: { de: 'Buchhaltung am {date}', en: 'Accounting on {date}' },
  digestOverdue: { de: 'Neu überfällig', en: 'Newly overdue' },
  digestSent: { de: 'Heute gemahnt', en: 'Dunned today' },
  digestPayments: { de: 'Zahlungseingänge', en: 'Payments received' },
  digestDoubtful: { de: 'Bankeingänge zur Prüfung', en: 'Bank entries to check' },
  digestHeld: { de: 'Aufträge im Kredit-Halt', en: 'Orders held for credit' },
  digestNone: { de: 'keine', en: 'none' },
  digestShowOverdue: { de: 'Überfällige Rechnungen', en: 'Overdue invoices' },
  digestShowDoubtful: { de: 'Bankeingänge prüfen', en: 'Check bank entries' },
  digestShowHeld: { de: 'Aufträge auf Halt', en: 'Orders on hold' },
  digestText: {
    de: 'Buchhaltung am {date}: {overdue} neu überfällig, {sent} Mahnungen, {payments} Zahlungen, {doubtful} Bankeingänge zur Prüfung, {held} Aufträge im Kredit-Halt.',
    en: 'Accounting on {date}: {overdue} newly overdue, {sent} notices, {payments} payments, {doubtful} bank entries to check, {held} orders held for credit.',
  },
  noDoubtful: { de: 'Keine Bankeingänge warten auf eine Entscheidung.', en: 'No bank entries are waiting for a decision.' },
  stopSet: { de: 'Mahnstopp gesetzt ({reason}).', en: 'Dunning stop set ({reason}).' },
});
