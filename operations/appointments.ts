import {
  bookedRows, checkServiceSlot, lockResources, orderedQuantity, otherPromiseDates, rebookAt, setAsideBookings, type Appointment,
} from '../data/bookings';
import { findProduct } from '../data/catalog';
import type { Db } from '../data/db';
import { isUniqueViolation } from '../data/idempotency';
import { findOrderRow, updateOrder, type Actor } from '../data/orders';
import { checkReschedule, promisedAfterMove, type RescheduleRefusal } from '../domain/bookingRules';
import { berlinDateOf } from '../domain/calendar';
import type { OrderStatus } from '../domain/lifecycle';
import { may } from '../domain/permissions';
import { runOperation } from './refusal';
import { scheduleReminder } from './reminders';
import { recordEvent } from './steps';

export type RescheduleResult =
  | { ok: true; orderNumber: string; sku: string; from: Appointment; to: Appointment; version: number; changed: boolean }
  | {
      ok: false;
      code: 'not_found' | 'no_booking' | 'several_bookings' | RescheduleRefusal | 'slot_invalid' | 'slot_taken' | 'conflict';
      /** The order's status, to explain a refusal. */
      status?: OrderStatus;
    };

/**
 * Moves an order's booked appointment to a new start, in one transaction: access check, lifecycle rule, every
 * resource of the service free at the new time, the booking rows moved, the promised date adjusted, and the
 * effects of the event (history, the customer's notification). Moving to the time it already has changes nothing
 * (a repeated click). `sku` picks the appointment when an order has several; `expectedVersion` refuses a stale choice.
 * (Appointments are booked by placeOrder and cancelled with their order: effects of those steps.)
 */
export async function rescheduleBooking(
  db: Db,
  actor: Actor,
  orderNumber: string,
  change: { start: string; sku?: string; expectedVersion?: number },
  now: Date = new Date(),
): Promise<RescheduleResult> {
  const number = String(orderNumber).trim();
  try {
    return await moveIt(db, actor, number, change, now);
  } catch (err) {
    // Another booking took one of the quarter hours at the same moment (the database's one-booking rule).
    if (isUniqueViolation(err)) return { ok: false, code: 'slot_taken' };
    throw err;
  }
}

async function moveIt(db: Db, actor: Actor, number: string, change: { start: string; sku?: string; expectedVersion?: number }, now: Date): Promise<RescheduleResult> {
  return runOperation<RescheduleResult>(db, async (trx, refuse) => {
    // Held while it is checked and changed.
    const order = await findOrderRow(trx, number, { lock: true });
    if (!order || !may(actor, 'moveAppointment', { customerId: order.customer_id })) return refuse({ ok: false, code: 'not_found' });
    const status = order.status;
    const version = order.version;
    if (change.expectedVersion != null && change.expectedVersion !== version) refuse({ ok: false, code: 'conflict', status });

    const booked = await bookedRows(trx, order.id);
    const rows = change.sku ? booked.filter((b) => b.sku === change.sku!.trim().toUpperCase()) : booked;
    const appointments = new Set(rows.map((b) => `${b.sku}|${b.start}`));
    if (appointments.size === 0) refuse({ ok: false, code: 'no_booking', status });
    if (appointments.size > 1) refuse({ ok: false, code: 'several_bookings', status });
    const sku = rows[0].sku;
    const from: Appointment = { start: rows[0].start, end: rows[0].end };
    const rule = checkReschedule(status, new Date(from.start), now);
    if (!rule.ok) refuse({ ok: false, code: rule.code, status });

    const product = await findProduct(trx, sku);
    if (!product) throw new Error(`booked service ${sku} is not in the catalog`);
    const requested = new Date(change.start);
    if (!Number.isNaN(requested.getTime()) && requested.getTime() === new Date(from.start).getTime()) {
      return { ok: true, orderNumber: number, sku, from, to: from, version, changed: false };
    }
    await lockResources(trx, product.resourceIds);

    // The appointment's own rows must not block its new time (moving by half an hour overlaps the old one).
    const rowIds = rows.map((r) => r.id);
    await setAsideBookings(trx, rowIds);
    const check = await checkServiceSlot(trx, product, await orderedQuantity(trx, order.id, sku), change.start, [], now);
    if (!check.ok) return refuse({ ok: false, code: check.code, status });
    const to: Appointment = { start: check.start.toISOString(), end: check.end.toISOString() };
    await rebookAt(trx, rowIds, to);
    // The moved appointment gets its own reminder; the old day's one is dropped by its still-wanted check.
    await scheduleReminder(trx, order, { bookingId: rowIds[0], sku, start: check.start }, now);

    const dates = await otherPromiseDates(trx, order.id, rowIds);
    const promised = promisedAfterMove({
      oldPromised: dates.promised,
      oldAppointmentDay: berlinDateOf(new Date(from.start)),
      otherDates: [dates.requested, dates.lastProductionDay, ...dates.appointmentStarts.map((s) => berlinDateOf(new Date(s)))],
      newAppointmentDay: berlinDateOf(check.start),
    });
    if (!(await updateOrder(trx, order, { promised_date: promised }, now))) refuse({ ok: false, code: 'conflict', status });

    await recordEvent(trx, order, 'appointment_moved', actor, now, {
      details: { event: 'booking_rescheduled', sku, from, to }, notice: { sku, from, to },
    }, () => refuse({ ok: false, code: 'conflict', status }));
    return { ok: true, orderNumber: number, sku, from, to, version: order.version, changed: true };
  });
}
