import type { Knex } from 'knex';
import { berlinDateOf, berlinToday } from '../domain/calendar';
import type { Product } from '../domain/catalog';
import { findSlots, type BusyPeriod, type PartOfDay } from '../domain/slots';
import { findProduct } from './catalog';
import { isPostgres, type Db } from './db';

/** How long a service line occupies its resources: one visit or hour per unit ordered. */
export function serviceMinutes(product: Product, quantity: number): number {
  return (product.durationMinutes ?? 60) * quantity;
}

/** Booked service periods of these resources that overlap [from, to). */
export async function busyPeriods(db: Db, resourceIds: readonly string[], from: Date, to: Date): Promise<BusyPeriod[]> {
  if (resourceIds.length === 0) return [];
  const rows = await db('service_bookings')
    .whereIn('resource_id', resourceIds)
    .where({ status: 'booked' })
    .where('starts_at', '<', to.toISOString())
    .where('ends_at', '>', from.toISOString());
  return rows.map((r: any) => ({ resourceId: r.resource_id, start: new Date(r.starts_at), end: new Date(r.ends_at) }));
}

/** Free start times for a service, for the chat to offer; [] for an unknown SKU or one that is not a service. */
export async function findServiceSlots(
  db: Db,
  sku: string,
  options: { fromDate: string; days?: number; partOfDay?: PartOfDay | null; limit?: number; quantity?: number },
  now: Date = new Date(),
): Promise<{ start: string; end: string }[]> {
  const product = await findProduct(db, sku.trim().toUpperCase());
  if (!product || product.kind !== 'service') return [];
  const today = berlinToday(now);
  const fromDate = options.fromDate < today ? today : options.fromDate;
  const days = options.days ?? 5;
  // Working days skip weekends and holidays, so the calendar window is wider than `days`.
  const windowEnd = new Date(new Date(`${fromDate}T00:00:00Z`).getTime() + (days * 2 + 7) * 86_400_000);
  const busy = await busyPeriods(db, product.resourceIds, new Date(`${fromDate}T00:00:00Z`), windowEnd);
  const slots = findSlots({
    durationMinutes: serviceMinutes(product, options.quantity ?? 1),
    resourceIds: product.resourceIds,
    busy,
    fromDate,
    days,
    partOfDay: options.partOfDay ?? undefined,
    notBefore: now,
    limit: options.limit ?? 10,
  });
  return slots.map((s) => ({ start: s.start.toISOString(), end: s.end.toISOString() }));
}

export type SlotCheck = { ok: true; start: Date; end: Date } | { ok: false; code: 'slot_invalid' | 'slot_taken' };

/**
 * Whether a service can start exactly at `start`: it must be one of the slots the domain offers on that day
 * (working hours, grid, not in the past) and every resource must be free, including periods this same order
 * is about to book (`alsoBusy`).
 */
export async function checkServiceSlot(
  db: Db,
  product: Product,
  quantity: number,
  start: string,
  alsoBusy: readonly BusyPeriod[],
  now: Date,
): Promise<SlotCheck> {
  const at = new Date(start);
  if (Number.isNaN(at.getTime())) return { ok: false, code: 'slot_invalid' };
  const query = {
    durationMinutes: serviceMinutes(product, quantity),
    resourceIds: product.resourceIds,
    fromDate: berlinDateOf(at),
    days: 1,
    notBefore: now,
  };
  const startsHere = (slots: { start: Date }[]) => slots.find((s) => s.start.getTime() === at.getTime());
  const possible = startsHere(findSlots({ ...query, busy: [] }));
  if (!possible) return { ok: false, code: 'slot_invalid' };
  const end = new Date(at.getTime() + query.durationMinutes * 60_000);
  const busy = [...(await busyPeriods(db, product.resourceIds, at, end)), ...alsoBusy];
  if (!startsHere(findSlots({ ...query, busy }))) return { ok: false, code: 'slot_taken' };
  return { ok: true, start: at, end };
}

/** Frees the machine days and service appointments of a cancelled order. */
export async function releaseOrderBookings(db: Db, orderId: number): Promise<void> {
  await db('capacity_bookings').where({ order_id: orderId }).delete();
  await db('service_bookings').where({ order_id: orderId, status: 'booked' }).update({ status: 'cancelled' });
}

export interface Appointment {
  start: string;
  end: string;
}

/** Books a service appointment: one row per resource it occupies. */
export async function insertServiceBookings(
  trx: Knex.Transaction, orderId: number, appointment: { sku: string; resourceIds: readonly string[]; start: Date; end: Date },
): Promise<void> {
  await trx('service_bookings').insert(appointment.resourceIds.map((resourceId) => ({
    order_id: orderId, sku: appointment.sku, resource_id: resourceId, starts_at: appointment.start.toISOString(), ends_at: appointment.end.toISOString(), status: 'booked',
  })));
}

/** The booked appointment rows of an order, oldest first. */
export async function bookedRows(trx: Knex.Transaction, orderId: number): Promise<{ id: number; sku: string; start: string; end: string }[]> {
  const rows = await trx('service_bookings').where({ order_id: orderId, status: 'booked' }).orderBy('id');
  return rows.map((r: any) => ({ id: Number(r.id), sku: r.sku, start: r.starts_at, end: r.ends_at }));
}

/** Takes an appointment's rows off the calendar while its new time is checked (they must not block it). */
export async function setAsideBookings(trx: Knex.Transaction, rowIds: number[]): Promise<void> {
  await trx('service_bookings').whereIn('id', rowIds).update({ status: 'cancelled' });
}

export async function rebookAt(trx: Knex.Transaction, rowIds: number[], to: Appointment): Promise<void> {
  await trx('service_bookings').whereIn('id', rowIds).update({ status: 'booked', starts_at: to.start, ends_at: to.end });
}

/** What fixes an order's promised date besides one appointment: wished date, production end, its other appointments. */
export async function otherPromiseDates(
  trx: Knex.Transaction, orderId: number, exceptRowIds: number[],
): Promise<{ promised: string | null; requested: string | null; lastProductionDay: string | null; appointmentStarts: string[] }> {
  const order = await trx('orders').where({ id: orderId }).first('requested_date', 'promised_date');
  const others = await trx('service_bookings').where({ order_id: orderId, status: 'booked' }).whereNotIn('id', exceptRowIds).select('starts_at');
  const production = await trx('capacity_bookings').where({ order_id: orderId }).max({ last: 'date' }).first();
  return { promised: order?.promised_date ?? null, requested: order?.requested_date ?? null, lastProductionDay: production?.last ?? null, appointmentStarts: others.map((o: any) => o.starts_at) };
}

/** Holds the resources of a service while its calendar is checked and changed (PostgreSQL; SQLite serializes writers). */
export async function lockResources(trx: Knex.Transaction, resourceIds: readonly string[]): Promise<void> {
  if (isPostgres(trx) && resourceIds.length) await trx('resources').whereIn('id', [...resourceIds].sort()).orderBy('id').forUpdate().select('id');
}

/** Quantity ordered of a SKU on an order (the length of a service visit depends on it). */
export async function orderedQuantity(trx: Knex.Transaction, orderId: number, sku: string): Promise<number> {
  const line = await trx('order_lines').where({ order_id: orderId, sku }).sum({ quantity: 'quantity' }).first();
  return Number(line?.quantity ?? 1);
}

/** Whether an order still has this appointment booked (a reminder is only wanted while it has). */
export async function isAppointmentBooked(db: Db, orderNumber: string, sku: string, start: string): Promise<boolean> {
  const row = await db('service_bookings')
    .join('orders', 'orders.id', 'service_bookings.order_id')
    .where({ 'orders.number': String(orderNumber), 'service_bookings.sku': sku, 'service_bookings.starts_at': start, 'service_bookings.status': 'booked' })
    .first('service_bookings.id');
  return !!row;
}
