import { bindCard } from '../../cards/bind';
import { bookingOnDay, findServiceSlots, isAppointmentBooked } from '../../data/bookings';
import { getOrder } from '../../data/orders';
import { berlinDateOf, berlinTimeOf } from '../../domain/calendar';
import { appointmentDetails, calendarFileText } from '../appointmentDetails';
import { formatDateTime, formatSlot } from '../format';
import type { OrderView } from '../../data/orders';
import type { Locale } from '../../domain/locale';
import { notificationTexts } from '../texts/notifications';
import { serviceTexts } from '../texts/services';
import { calendarForReader, type NotificationKind } from './kind';

interface ReminderPayload {
  orderNumber?: unknown;
  sku?: unknown;
  start?: unknown;
  /** Rows queued since 009: the booking row, whose current start is shown (a move on the same day keeps the row). */
  bookingId?: unknown;
}

/**
 * A reminder of a booked appointment, queued for the day before (dedupe key `appointment-reminder:<booking>:<day>`).
 * Payload: orderNumber, sku, start (ISO) and bookingId. It states time, duration, place and who comes, offers
 * buttons to move it, and is dropped at send time when the appointment was cancelled or moved to another day.
 */
export const appointmentReminder: NotificationKind = {
  async render({ db, row, viewer, locale }) {
    const p = row.payload as ReminderPayload;
    if (!viewer) return { unrenderable: `appointment reminder ${row.id}: the conversation is linked to nobody who may read it` };
    const view = await getOrder(db, { personId: viewer.id, role: viewer.role, customerId: viewer.customerId, channel: 'notifier' }, String(p.orderNumber ?? ''));
    if (!view) return { unrenderable: `order ${String(p.orderNumber)} is not visible to person ${viewer.id}` };
    // Rows queued before bookings carried their reminder (no bookingId) read as they always did.
    if (typeof p.bookingId !== 'number') return legacyReminder(view, p, locale);
    const current = await bookingOnDay(db, p.bookingId, berlinDateOf(new Date(String(p.start))));
    const start = current?.start ?? String(p.start ?? '');
    const booking = view.serviceBookings.find((b) => b.sku === p.sku && b.start === start && b.status === 'booked');
    const details = booking ? await appointmentDetails(db, view, booking, locale) : null;
    const service = details?.service ?? view.lines.find((l) => l.sku === p.sku)?.name[locale] ?? String(p.sku ?? '');
    const when = formatSlot(start, locale);
    // Other times near this one, one click each (the reschedule dialog takes the click).
    const near = booking
      ? await findServiceSlots(db, booking.sku, { fromDate: berlinDateOf(new Date(start)), days: 3, preferredTime: berlinTimeOf(new Date(start)), perDay: 1, limit: 3 }, new Date())
      : [];
    const moves = near.filter((s) => s.start !== start).map((s) => ({
      title: serviceTexts(locale, 'moveTo', { slot: formatSlot(s.start, locale) }), order: view.number, sku: booking!.sku, start: s.start,
    }));
    const card = bindCard('appointmentReminder', {
      title: notificationTexts(locale, 'reminderTitle'),
      serviceLabel: notificationTexts(locale, 'reminderService'), service,
      whenLabel: notificationTexts(locale, 'reminderWhen'), when,
      durationLabel: serviceTexts(locale, 'durationLabel'), duration: details?.duration ?? null,
      placeLabel: serviceTexts(locale, 'placeLabel'), place: details?.place ?? null,
      whoLabel: serviceTexts(locale, 'whoLabel'), who: details?.who || null,
      orderLabel: notificationTexts(locale, 'reminderOrder'), number: view.number,
      hint: moves.length ? serviceTexts(locale, 'reminderMove') : notificationTexts(locale, 'reminderHint', { number: view.number }),
      moves,
    });
    const text = details
      ? serviceTexts(locale, 'reminderText', { when: berlinTimeOf(new Date(start)), service, duration: details.duration, place: details.place, who: details.who, number: view.number })
      : notificationTexts(locale, 'appointment_reminder', { number: view.number, service, when });
    const calendarFor = calendarForReader({ db, row, viewer, locale });
    const link = booking && calendarFor ? await calendarFileText(db, view, booking, locale, calendarFor) : null;
    return { text: link ? `${text} ${link}` : text, card };
  },
  async obsolete(db, row) {
    const p = row.payload as ReminderPayload;
    if (typeof p.bookingId === 'number') {
      const still = await bookingOnDay(db, p.bookingId, berlinDateOf(new Date(String(p.start))));
      return still ? null : 'the appointment is no longer booked on that day';
    }
    const booked = await isAppointmentBooked(db, String(p.orderNumber ?? ''), String(p.sku ?? ''), String(p.start ?? ''));
    return booked ? null : 'the appointment is no longer booked at that time';
  },
};

function legacyReminder(view: OrderView, p: ReminderPayload, locale: Locale) {
  const service = view.lines.find((l) => l.sku === p.sku)?.name[locale] ?? String(p.sku ?? '');
  const when = formatDateTime(String(p.start ?? ''), locale);
  const card = bindCard('appointmentReminder', {
    title: notificationTexts(locale, 'reminderTitle'),
    serviceLabel: notificationTexts(locale, 'reminderService'), service,
    whenLabel: notificationTexts(locale, 'reminderWhen'), when,
    orderLabel: notificationTexts(locale, 'reminderOrder'), number: view.number,
    hint: notificationTexts(locale, 'reminderHint', { number: view.number }),
    duration: null, place: null, who: null, moves: [],
  });
  return { text: notificationTexts(locale, 'appointment_reminder', { number: view.number, service, when }), card };
}
