import { defineTexts } from '../i18n';

export const notificationTexts = defineTexts('notifications', {
  order_confirmed: {
    de: 'Auftragsbestätigung: Ihr Auftrag {number} ist bestätigt. {lines}. Gesamtbetrag {total}.',
    en: 'Order confirmation: your order {number} is confirmed. {lines}. Total {total}.',
  },
  promised: { de: 'Voraussichtlich fertig bzw. geliefert am {date}.', en: 'Expected to be ready or delivered on {date}.' },
  order_on_hold: {
    de: 'Vielen Dank für Ihren Auftrag {number}. Wir prüfen ihn gerade noch und melden uns, sobald er freigegeben ist.',
    en: 'Thank you for your order {number}. We are still checking it and will get back to you as soon as it is released.',
  },
  order_on_hold_review: {
    de: 'Auftrag {number} ({customer}, {total}) ist angehalten: {reason} – bitte freigeben oder ablehnen („Status Auftrag {number}“).',
    en: 'Order {number} ({customer}, {total}) is on hold: {reason} – please release or reject it (“status order {number}”).',
  },
  order_shipped: {
    de: 'Ihr Auftrag {number} wurde versendet: {carrier}, Sendungsnummer {tracking}.',
    en: 'Your order {number} has been shipped: {carrier}, tracking number {tracking}.',
  },
  order_partially_shipped: {
    de: 'Ein Teil Ihres Auftrags {number} wurde versendet: {carrier}, Sendungsnummer {tracking}. Der Rest folgt.',
    en: 'Part of your order {number} has been shipped: {carrier}, tracking number {tracking}. The rest will follow.',
  },
  order_delivered: {
    de: 'Ihr Auftrag {number} wurde zugestellt. Vielen Dank für Ihre Bestellung!',
    en: 'Your order {number} has been delivered. Thank you for your order!',
  },
  order_cancelled: {
    de: 'Ihr Auftrag {number} wurde storniert.',
    en: 'Your order {number} has been cancelled.',
  },
  booking_rescheduled: {
    de: 'Ihr Termin zu Auftrag {number} ({service}) wurde verschoben: neu am {when} (bisher {before}).',
    en: 'Your appointment for order {number} ({service}) has been moved: now on {when} (previously {before}).',
  },
  appointment_reminder: {
    de: 'Erinnerung: Ihr Termin zu Auftrag {number} ({service}) ist am {when}.',
    en: 'Reminder: your appointment for order {number} ({service}) is on {when}.',
  },
  reminderTitle: { de: 'Terminerinnerung', en: 'Appointment reminder' },
  reminderService: { de: 'Leistung', en: 'Service' },
  reminderWhen: { de: 'Wann', en: 'When' },
  reminderOrder: { de: 'Auftrag', en: 'Order' },
  reminderHint: {
    de: 'Passt es nicht? Schreiben Sie „Termin von Auftrag {number} verschieben“.',
    en: 'Does it not suit you? Write “move the appointment of order {number}”.',
  },
  cancelledReason: { de: 'Grund: {reason}', en: 'Reason: {reason}' },
  order_status_changed: {
    de: 'Ihr Auftrag {number} hat einen neuen Status: {status}.',
    en: 'Your order {number} has a new status: {status}.',
  },
  hold_credit_limit: { de: 'Kreditlimit überschritten', en: 'credit limit exceeded' },
  hold_overdue_invoices: { de: 'überfällige Rechnungen', en: 'overdue invoices' },
  hold_other: { de: 'manuelle Prüfung', en: 'manual review' },
});
