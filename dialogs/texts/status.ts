import { defineTexts } from '../i18n';

export const statusTexts = defineTexts('status', {
  unknownOrder: {
    de: 'Einen Auftrag mit der Nummer {number} finde ich in Ihrem Konto nicht. Bitte prüfen Sie die Nummer.',
    en: 'I cannot find an order with the number {number} in your account. Please check the number.',
  },
  unknownOrderStaff: {
    de: 'Einen Auftrag mit der Nummer {number} gibt es nicht. Bitte prüfen Sie die Nummer.',
    en: 'There is no order with the number {number}. Please check the number.',
  },
  noOrders: {
    de: 'Ich finde noch keine Aufträge in Ihrem Konto.',
    en: 'I cannot find any orders in your account yet.',
  },
  whichOrder: {
    de: 'Sie haben mehrere laufende Aufträge. Welchen meinen Sie?',
    en: 'You have several orders in progress. Which one do you mean?',
  },
  choiceLabel: { de: '{number} vom {date}', en: '{number} of {date}' },
  summary: {
    de: 'Auftrag {number} vom {date}: {status}.',
    en: 'Order {number} of {date}: {status}.',
  },
  summaryLines: { de: 'Inhalt: {lines}. Gesamt {total}.', en: 'Contents: {lines}. Total {total}.' },
  summaryPromised: { de: 'Zugesagt für {date}.', en: 'Promised for {date}.' },
  summaryHeld: {
    de: 'Wir prüfen Ihren Auftrag gerade noch und melden uns, sobald er freigegeben ist.',
    en: 'We are still checking your order and will get back to you as soon as it is released.',
  },
  summaryShipment: {
    de: 'Sendung mit {carrier}, Sendungsnummer {tracking} (Lieferschein {note}, {date}).',
    en: 'Shipped with {carrier}, tracking number {tracking} (delivery note {note}, {date}).',
  },
  summaryPartial: {
    de: 'Noch offen: {lines}.',
    en: 'Still to come: {lines}.',
  },
  askNumber: {
    de: 'Zu welchem Auftrag? Nennen Sie mir bitte die Auftragsnummer, z. B. „Status Auftrag 1003“.',
    en: 'Which order? Please give me the order number, e.g. “status order 1003”.',
  },
  noLate: { de: 'Keine überfälligen Aufträge – alles im Plan.', en: 'No late orders – everything is on schedule.' },
  noCustomerOrders: { de: '{customer} hat keine Aufträge.', en: '{customer} has no orders.' },
});
