import { findServiceSlots, lockResources, orderedQuantity } from '../data/bookings';
import { customerPersonIds } from '../data/history';
import { orderOrigin, withOrigin } from '../data/orderOrigin';
import type { Db } from '../data/db';
import type { Actor } from '../data/orders';
import { enqueueNotification } from '../data/outbox';
import { resourcesByIds } from '../data/resources';
import { absencePeriod } from '../domain/slots';
import { berlinTimeOf, berlinToday, isValidDate } from '../domain/calendar';
import { may } from '../domain/permissions';
import { runOperation } from './refusal';

export type AbsenceReason = 'sick' | 'vacation' | 'other';
export const absenceReasons: readonly AbsenceReason[] = ['sick', 'vacation', 'other'];

export interface AffectedBooking {
  orderNumber: string;
  sku: string;
  start: string;
  end: string;
  customerName: string;
}

export type RecordAbsenceResult =
  | { ok: true; absenceId: number; created: boolean; resourceId: string; resourceName: string; from: string; to: string; affected: AffectedBooking[] }
  | { ok: false; code: 'forbidden' | 'unknown_resource' | 'date_invalid' | 'range_invalid' | 'reason_invalid' };

/** Kind of the message to sales listing the appointments an absence hits. */
export const ABSENCE_CONFLICTS_KIND = 'absence_conflicts';

/**
 * Records that a resource (a technician, a consultant) is away from `from` to `to` (inclusive Berlin days), in
 * one transaction: the absence (entered twice it stays one), and, when it hits booked appointments, one message to
 * every person of role sales listing them with a button per customer to offer new slots.
 */
export async function recordAbsence(
  db: Db,
  actor: Actor,
  input: { resourceId: string; from: string; to?: string | null; reason: AbsenceReason },
  now: Date = new Date(),
): Promise<RecordAbsenceResult> {
  if (!may(actor, 'recordAbsence')) return { ok: false, code: 'forbidden' };
  const from = input.from;
  const to = input.to ?? input.from;
  if (!isValidDate(from) || !isValidDate(to)) return { ok: false, code: 'date_invalid' };
  if (to < from) return { ok: false, code: 'range_invalid' };
  if (!absenceReasons.includes(input.reason)) return { ok: false, code: 'reason_invalid' };
  return runOperation<RecordAbsenceResult>(db, async (trx, refuse) => {
    const [resource] = await resourcesByIds(trx, [input.resourceId]);
    if (!resource) return refuse({ ok: false, code: 'unknown_resource' });
    // No booking may slip in while the absence is written (PostgreSQL; SQLite serializes writers).
    await lockResources(trx, [resource.id]);
    const inserted = await trx('absences')
      .insert({ resource_id: resource.id, starts_on: from, ends_on: to, reason: input.reason, created_by_person_id: actor.personId, created_at: now.toISOString() })
      .onConflict(['resource_id', 'starts_on', 'ends_on'])
      .ignore()
      .returning('id');
    const created = inserted.length > 0;
    const row = await trx('absences').where({ resource_id: resource.id, starts_on: from, ends_on: to }).first('id');
    const absenceId = Number(row.id);

    const period = absencePeriod(resource.id, from, to);
    const hits = await trx('service_bookings as b')
      .join('orders as o', 'o.id', 'b.order_id')
      .join('customers as c', 'c.id', 'o.customer_id')
      .where({ 'b.resource_id': resource.id, 'b.status': 'booked' })
      .where('b.starts_at', '<', period.end.toISOString())
      .where('b.ends_at', '>', period.start.toISOString())
      .orderBy('b.starts_at')
      .select('o.number', 'b.sku', 'b.starts_at', 'b.ends_at', 'c.name as customer_name');
    const affected: AffectedBooking[] = hits.map((h: any) => ({ orderNumber: h.number, sku: h.sku, start: h.starts_at, end: h.ends_at, customerName: h.customer_name }));
    if (affected.length) {
      await enqueueNotification(trx, {
        recipient: { kind: 'role', role: 'sales' },
        kind: ABSENCE_CONFLICTS_KIND,
        payload: { absenceId, resourceId: resource.id, resourceName: resource.name, from, to, reason: input.reason, bookings: affected },
        dedupeKey: `absence:${absenceId}:conflicts`,
      }, now);
    }
    return { ok: true, absenceId, created, resourceId: resource.id, resourceName: resource.name, from, to, affected };
  });
}

/** Kind of the customer's message offering new slots for an appointment an absence hit. */
export const NEW_SLOTS_KIND = 'appointment_new_slots';

export type OfferNewSlotsResult =
  | { ok: true; orderNumber: string; sku: string; slots: string[] }
  | { ok: false; code: 'forbidden' | 'not_found' | 'no_booking' | 'no_slots' };

/**
 * Sales' one click under an absence: the customer of an affected appointment gets a message with the next free
 * slots to move it to (their click goes through rescheduleBooking). Clicking twice sends one message.
 */
export async function offerNewSlots(db: Db, actor: Actor, input: { orderNumber: string; sku: string }, now: Date = new Date()): Promise<OfferNewSlotsResult> {
  if (!may(actor, 'recordAbsence')) return { ok: false, code: 'forbidden' };
  const number = String(input.orderNumber).trim();
  const sku = String(input.sku).trim().toUpperCase();
  const order = await db('orders').where({ number }).first('id', 'number', 'customer_id');
  if (!order) return { ok: false, code: 'not_found' };
  const booking = await db('service_bookings').where({ order_id: order.id, sku, status: 'booked' }).orderBy('id').first('id', 'starts_at');
  if (!booking) return { ok: false, code: 'no_booking' };
  const slots = (await findServiceSlots(db, sku, {
    fromDate: berlinToday(now), days: 10, limit: 4, quantity: await orderedQuantity(db, order.id, sku), preferredTime: berlinTimeOf(new Date(booking.starts_at)), perDay: 1,
  }, now)).map((s) => s.start);
  if (slots.length === 0) return { ok: false, code: 'no_slots' };
  await db.transaction(async (trx) => {
    const origin = await orderOrigin(trx, Number(order.id));
    for (const personId of await customerPersonIds(trx, Number(order.customer_id))) {
      await enqueueNotification(trx, {
        recipient: { kind: 'person', personId }, kind: NEW_SLOTS_KIND,
        payload: withOrigin({ orderNumber: number, sku, start: booking.starts_at, slots }, origin, personId),
        dedupeKey: `new-slots:${booking.id}:${booking.starts_at}:p${personId}`,
      }, now);
    }
  });
  return { ok: true, orderNumber: number, sku, slots };
}
