import type { Knex } from 'knex';
import { customerPersonIds } from '../data/history';
import { orderOrigin, withOrigin } from '../data/orderOrigin';
import { enqueueNotification } from '../data/outbox';
import { loadServiceSettings } from '../data/serviceSettings';
import { reminderDueAt, reminderKey } from '../domain/bookingRules';

/**
 * Queues the reminder of a booked appointment for the customer's people, due the day before at the reminder hour,
 * in the conversation the order came from. One per booking and day (dedupe key); the still-wanted check of the
 * `appointment_reminder` kind drops it when the booking was cancelled or moved to another day meanwhile.
 */
export async function scheduleReminder(
  trx: Knex.Transaction,
  order: { id: number; number: string; customer_id: number },
  appointment: { bookingId: number; sku: string; start: Date },
  now: Date,
  reminderHour?: number,
): Promise<void> {
  const dueAt = reminderDueAt(appointment.start, now, reminderHour ?? (await loadServiceSettings(trx)).reminderHour);
  if (!dueAt) return;
  const origin = await orderOrigin(trx, order.id);
  const key = reminderKey(appointment.bookingId, appointment.start);
  for (const personId of await customerPersonIds(trx, order.customer_id)) {
    const payload = withOrigin({
      orderNumber: order.number, sku: appointment.sku, bookingId: appointment.bookingId, start: appointment.start.toISOString(),
    }, origin, personId);
    await enqueueNotification(trx, { recipient: { kind: 'person', personId }, kind: 'appointment_reminder', payload, dedupeKey: `${key}:p${personId}`, dueAt }, now);
  }
}
