import { defineTexts } from '../i18n';

/** Cancelling orders and appointments, and moving appointments. */
export const cancelTexts = defineTexts('cancel', {
  unknownOrder: {
    de: 'Einen Auftrag mit der Nummer {number} finde ich in Ihrem Konto nicht. Bitte prüfen Sie die Nummer.',
    en: 'I cannot find an order with the number {number} in your account. Please check the number.',
  },
  askNumberCancel: {
    de: 'Welchen Auftrag möchten Sie stornieren? Nennen Sie mir bitte die Nummer, z. B. „Auftrag 1003 stornieren“.',
    en: 'Which order would you like to cancel? Please give me the number, e.g. “cancel order 1003”.',
  },
  moveNotAllowed: {
    de: 'Termine verschieben kann der Vertrieb oder der Kunde selbst. Bitte wenden Sie sich an den Vertrieb.',
    en: 'Appointments are moved by sales or by the customer. Please ask the sales team.',
  },
  askNumberMove: {
    de: 'Zu welchem Auftrag gehört der Termin? Nennen Sie mir bitte die Nummer, z. B. „Termin 1003 auf Freitag verschieben“.',
    en: 'Which order is the appointment for? Please give me the number, e.g. “move the appointment of order 1003 to Friday”.',
  },
  whichOrder: { de: 'Welchen Auftrag möchten Sie stornieren?', en: 'Which order would you like to cancel?' },
  whichBookingCancel: { de: 'Welchen Termin möchten Sie absagen?', en: 'Which appointment would you like to cancel?' },
  whichBookingMove: { de: 'Welchen Termin möchten Sie verschieben?', en: 'Which appointment would you like to move?' },
  orderChoice: { de: '{number} vom {date}: {lines}', en: '{number} of {date}: {lines}' },
  bookingChoice: { de: '{number}: {service}, {when}', en: '{number}: {service}, {when}' },
  nothingToCancel: {
    de: 'Sie haben keine offenen Aufträge, die sich noch stornieren lassen.',
    en: 'You have no open orders that can still be cancelled.',
  },
  noBookingsToCancel: {
    de: 'Sie haben keine gebuchten Termine, die sich noch absagen lassen.',
    en: 'You have no booked appointments that can still be cancelled.',
  },
  noBookingsToMove: {
    de: 'Sie haben keine anstehenden Termine, die sich noch verschieben lassen.',
    en: 'You have no upcoming appointments that can still be moved.',
  },
  confirmCancel: {
    de: 'Soll ich Auftrag {number} wirklich stornieren? {lines} – Gesamtbetrag {total}.',
    en: 'Shall I really cancel order {number}? {lines} – total {total}.',
  },
  appointmentNote: { de: 'Der Termin ({service}, {when}) wird dabei abgesagt.', en: 'The appointment ({service}, {when}) will be cancelled with it.' },
  yesCancel: { de: 'Ja, stornieren', en: 'Yes, cancel it' },
  noKeep: { de: 'Nein, behalten', en: 'No, keep it' },
  askReason: {
    de: 'Mit welchem Grund soll Auftrag {number} storniert werden? Der Kunde bekommt den Grund mitgeteilt.',
    en: 'What is the reason for cancelling order {number}? The customer will be told.',
  },
  customerReason: { de: 'Storniert durch den Kunden im Chat', en: 'Cancelled by the customer in the chat' },
  cancelled: {
    de: 'Auftrag {number} ist storniert. Reservierte Ware und Termine sind wieder freigegeben.',
    en: 'Order {number} has been cancelled. Reserved goods and appointments have been released.',
  },
  kept: { de: 'In Ordnung, Auftrag {number} bleibt bestehen.', en: 'All right, order {number} stays as it is.' },
  cannotCancel: {
    de: 'Auftrag {number} lässt sich leider nicht mehr stornieren – er hat bereits den Status „{status}“.',
    en: 'I am sorry, order {number} can no longer be cancelled – its status is already “{status}”.',
  },
  cannotCancelYourself: {
    de: 'Auftrag {number} ist bereits in Arbeit (Status „{status}“) und lässt sich im Chat nicht mehr stornieren. Bitte rufen Sie uns kurz an, dann finden wir eine Lösung.',
    en: 'Order {number} is already being worked on (status “{status}”) and can no longer be cancelled in the chat. Please give us a call and we will find a solution.',
  },
  changedMeanwhile: {
    de: 'Auftrag {number} wurde inzwischen geändert. Bitte versuchen Sie es noch einmal.',
    en: 'Order {number} has changed in the meantime. Please try again.',
  },
  noBooking: { de: 'Zu Auftrag {number} ist kein Termin gebucht.', en: 'There is no appointment booked for order {number}.' },
  cannotMove: {
    de: 'Der Termin zu Auftrag {number} lässt sich leider nicht mehr verschieben – der Auftrag hat bereits den Status „{status}“.',
    en: 'I am sorry, the appointment for order {number} can no longer be moved – the order’s status is already “{status}”.',
  },
  alreadyStarted: {
    de: 'Der Termin zu Auftrag {number} hat bereits begonnen und lässt sich nicht mehr verschieben.',
    en: 'The appointment for order {number} has already begun and can no longer be moved.',
  },
  offerSlots: {
    de: 'Ihr Termin „{service}“ ist bisher am {when}. Diese Zeiten sind frei – bitte wählen Sie, oder nennen Sie einen anderen Tag:',
    en: 'Your appointment “{service}” is currently on {when}. These times are free – please pick one, or name another day:',
  },
  slotTaken: {
    de: 'Diese Zeit ist leider inzwischen vergeben. Diese Zeiten sind noch frei:',
    en: 'I am sorry, that time has just been taken. These times are still free:',
  },
  noSlots: {
    de: 'Um den gewünschten Tag herum ist leider nichts frei. Nennen Sie mir gern einen anderen Tag, z. B. „nächste Woche Dienstag“.',
    en: 'Sorry, nothing is free around that day. Just name another day, e.g. “next Tuesday”.',
  },
  moved: {
    de: 'Erledigt: Der Termin zu Auftrag {number} ist jetzt am {when}.',
    en: 'Done: the appointment for order {number} is now on {when}.',
  },
  keptAppointment: { de: 'In Ordnung, der Termin bleibt am {when}.', en: 'All right, the appointment stays on {when}.' },
});
