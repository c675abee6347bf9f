import { bindCard } from '../../cards/bind';
import { isAppointmentBooked } from '../../data/bookings';
import { getOrder } from '../../data/orders';
import { formatDateTime } from '../format';
import { notificationTexts } from '../texts/notifications';
import type { NotificationKind } from './kind';

/**
 * A reminder of a booked appointment, queued for a later due time (dedupe key `appointment-reminder:<order>:<sku>:<day>`).
 * Payload: orderNumber, sku, start (ISO). Dropped at send time when the appointment was cancelled or moved.
 */
export const appointmentReminder: NotificationKind = {
  async render({ db, row, viewer, locale }) {
    const { orderNumber, sku, start } = row.payload as { orderNumber?: unknown; sku?: unknown; start?: unknown };
    if (!viewer) return { unrenderable: `appointment reminder ${row.id}: the conversation is linked to nobody who may read it` };
    const view = await getOrder(db, { personId: viewer.id, role: viewer.role, customerId: viewer.customerId, channel: 'notifier' }, String(orderNumber ?? ''));
    if (!view) return { unrenderable: `order ${String(orderNumber)} is not visible to person ${viewer.id}` };
    const service = view.lines.find((l) => l.sku === sku)?.name[locale] ?? String(sku ?? '');
    const when = formatDateTime(String(start ?? ''), locale);
    const card = bindCard('appointmentReminder', {
      title: notificationTexts(locale, 'reminderTitle'),
      serviceLabel: notificationTexts(locale, 'reminderService'), service,
      whenLabel: notificationTexts(locale, 'reminderWhen'), when,
      orderLabel: notificationTexts(locale, 'reminderOrder'), number: view.number,
      hint: notificationTexts(locale, 'reminderHint', { number: view.number }),
    });
    return { text: notificationTexts(locale, 'appointment_reminder', { number: view.number, service, when }), card };
  },
  async obsolete(db, row) {
    const { orderNumber, sku, start } = row.payload as { orderNumber?: unknown; sku?: unknown; start?: unknown };
    const booked = await isAppointmentBooked(db, String(orderNumber ?? ''), String(sku ?? ''), String(start ?? ''));
    return booked ? null : 'the appointment is no longer booked at that time';
  },
};
