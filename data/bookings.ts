import type { Knex } from 'knex';
import { addDays, berlinDateOf, berlinToday } from '../domain/calendar';
import type { Product } from '../domain/catalog';
import { absencePeriod, DEFAULT_TRAVEL_MINUTES, findSlots, type BusyPeriod, type PartOfDay, type WorkingHours } from '../domain/slots';
import { findProduct } from './catalog';
import { loadServiceSettings } from './serviceSettings';
import { isPostgres, type Db } from './db';

/** How long a service line occupies its resources: one visit or hour per unit ordered. */
export function serviceMinutes(product: Product, quantity: number): number {
  return (product.durationMinutes ?? 60) * quantity;
}

/** Booked service periods (with their travel) and absences of these resources that overlap [from, to). */
export async function busyPeriods(db: Db, resourceIds: readonly string[], from: Date, to: Date): Promise<BusyPeriod[]> {
  if (resourceIds.length === 0) return [];
  // A booking's travel runs past its end: look back far enough to see it.
  const rows = await db('service_bookings')
    .whereIn('resource_id', resourceIds)
    .where({ status: 'booked' })
    .where('starts_at', '<', to.toISOString())
    .where('ends_at', '>', new Date(from.getTime() - 4 * 3_600_000).toISOString());
  const booked: BusyPeriod[] = rows.map((r: any) => ({
    resourceId: r.resource_id, start: new Date(r.starts_at), end: new Date(r.ends_at), travelAfterMinutes: Number(r.travel_minutes ?? 0),
  }));
  const absences = await db('absences')
    .whereIn('resource_id', resourceIds)
    .where('starts_on', '<=', addDays(berlinDateOf(to), 1))
    .where('ends_on', '>=', addDays(berlinDateOf(from), -1));
  return [...booked, ...absences.map((a: any) => absencePeriod(a.resource_id, a.starts_on, a.ends_on))];
}

/** The working hours of resources that have their own (others work the company's hours). */
export async function workingHoursOf(db: Db, resourceIds: readonly string[]): Promise<Record<string, WorkingHours>> {
  if (resourceIds.length === 0) return {};
  const rows = await db('resources').whereIn('id', resourceIds).whereNotNull('work_start').whereNotNull('work_end');
  return Object.fromEntries(rows.map((r: any) => [r.id, {
    start: r.work_start, end: r.work_end, ...(r.work_days ? { days: String(r.work_days).split(',').map(Number) } : {}),
  }]));
}

/** Minutes a service keeps its resources after a visit: travel for on-site services. */
export function travelMinutesOf(product: Product, travelBufferMinutes: number = DEFAULT_TRAVEL_MINUTES): number {
  return product.onSite ? travelBufferMinutes : 0;
}

/** Free start times for a service, for the chat to offer; [] for an unknown SKU or one that is not a service. */
export async function findServiceSlots(
  db: Db,
  sku: string,
  options: { fromDate: string; days?: number; partOfDay?: PartOfDay | null; limit?: number; quantity?: number; preferredTime?: string | null; perDay?: number },
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
    preferredTime: options.preferredTime ?? undefined,
    perDay: options.perDay,
    workingHours: await workingHoursOf(db, product.resourceIds),
    travelAfterMinutes: travelMinutesOf(product, (await loadServiceSettings(db)).travelBufferMinutes),
    notBefore: now,
    limit: options.limit ?? 10,
  });
  return slots.map((s) => ({ start: s.start.toISOString(), end: s.end.toISOString() }));
}

export type SlotCheck = { ok: true; start: Date; end: Date; travelMinutes: number } | { ok: false; code: 'slot_invalid' | 'slot_taken' };

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
    workingHours: await workingHoursOf(db, product.resourceIds),
    travelAfterMinutes: travelMinutesOf(product, (await loadServiceSettings(db)).travelBufferMinutes),
  };
  const startsHere = (slots: { start: Date }[]) => slots.find((s) => s.start.getTime() === at.getTime());
  const possible = startsHere(findSlots({ ...query, busy: [] }));
  if (!possible) return { ok: false, code: 'slot_invalid' };
  const end = new Date(at.getTime() + query.durationMinutes * 60_000);
  const busyUntil = new Date(end.getTime() + query.travelAfterMinutes * 60_000);
  const busy = [...(await busyPeriods(db, product.resourceIds, at, busyUntil)), ...alsoBusy];
  if (!startsHere(findSlots({ ...query, busy }))) return { ok: false, code: 'slot_taken' };
  return { ok: true, start: at, end, travelMinutes: query.travelAfterMinutes };
}

/** Frees the machine days and service appointments of a cancelled order. */
export async function releaseOrderBookings(db: Db, orderId: number): Promise<void> {
  await db('capacity_bookings').where({ order_id: orderId }).delete();
  const ids = (await db('service_bookings').where({ order_id: orderId, status: 'booked' }).select('id')).map((r: any) => Number(r.id));
  await freeUnits(db, ids);
  await db('service_bookings').whereIn('id', ids).update({ status: 'cancelled' });
}

export interface Appointment {
  start: string;
  end: string;
}

const QUARTER = 15 * 60_000;

/** The quarter hours a booking occupies: from its start (rounded down) to its end plus travel (rounded up). */
export function unitStarts(start: Date, end: Date, travelMinutes: number): string[] {
  const from = Math.floor(start.getTime() / QUARTER) * QUARTER;
  const to = Math.ceil((end.getTime() + travelMinutes * 60_000) / QUARTER) * QUARTER;
  const units: string[] = [];
  for (let t = from; t < to; t += QUARTER) units.push(new Date(t).toISOString());
  return units;
}

/**
 * Claims a booking's quarter hours. Their primary key (resource, quarter hour) is what makes a double booking
 * impossible even when two transactions passed the slot check at the same moment: the second insert fails.
 */
async function claimUnits(trx: Knex.Transaction, bookingId: number, resourceId: string, start: Date, end: Date, travelMinutes: number): Promise<void> {
  const rows = unitStarts(start, end, travelMinutes).map((unit) => ({ resource_id: resourceId, unit_start: unit, booking_id: bookingId }));
  if (rows.length) await trx('service_booking_units').insert(rows);
}

async function freeUnits(db: Db | Knex.Transaction, bookingIds: number[]): Promise<void> {
  if (bookingIds.length) await db('service_booking_units').whereIn('booking_id', bookingIds).delete();
}

/** Books a service appointment: one row per resource it occupies, with its quarter hours. */
export async function insertServiceBookings(
  trx: Knex.Transaction, orderId: number,
  appointment: { sku: string; resourceIds: readonly string[]; start: Date; end: Date; travelMinutes?: number },
): Promise<number[]> {
  const ids: number[] = [];
  const travel = appointment.travelMinutes ?? 0;
  for (const resourceId of appointment.resourceIds) {
    const [inserted] = await trx('service_bookings').insert({
      order_id: orderId, sku: appointment.sku, resource_id: resourceId, starts_at: appointment.start.toISOString(),
      ends_at: appointment.end.toISOString(), status: 'booked', travel_minutes: travel,
    }).returning('id');
    const id = Number(typeof inserted === 'object' ? inserted.id : inserted);
    await claimUnits(trx, id, resourceId, appointment.start, appointment.end, travel);
    ids.push(id);
  }
  return ids;
}

/** The booked appointment rows of an order, oldest first. */
export async function bookedRows(trx: Knex.Transaction, orderId: number): Promise<{ id: number; sku: string; start: string; end: string }[]> {
  const rows = await trx('service_bookings').where({ order_id: orderId, status: 'booked' }).orderBy('id');
  return rows.map((r: any) => ({ id: Number(r.id), sku: r.sku, start: r.starts_at, end: r.ends_at }));
}

/** Takes an appointment's rows off the calendar while its new time is checked (they must not block it). */
export async function setAsideBookings(trx: Knex.Transaction, rowIds: number[]): Promise<void> {
  await freeUnits(trx, rowIds);
  await trx('service_bookings').whereIn('id', rowIds).update({ status: 'cancelled' });
}

export async function rebookAt(trx: Knex.Transaction, rowIds: number[], to: Appointment): Promise<void> {
  await trx('service_bookings').whereIn('id', rowIds).update({ status: 'booked', starts_at: to.start, ends_at: to.end });
  const rows = await trx('service_bookings').whereIn('id', rowIds);
  for (const r of rows) await claimUnits(trx, Number(r.id), r.resource_id, new Date(to.start), new Date(to.end), Number(r.travel_minutes ?? 0));
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
export async function orderedQuantity(trx: Db | Knex.Transaction, orderId: number, sku: string): Promise<number> {
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

/** Whether a booking row is still booked on that Berlin day (a reminder of it is wanted only then), and its current start. */
export async function bookingOnDay(db: Db, bookingId: number, day: string): Promise<{ start: string } | null> {
  const row = await db('service_bookings').where({ id: bookingId, status: 'booked' }).first('starts_at');
  return row && berlinDateOf(new Date(row.starts_at)) === day ? { start: row.starts_at } : null;
}

/** The appointments of an order for a visit report: their status and the people (resources.person_id) booked for them. */
export async function visitBookings(db: Db, orderNumber: string): Promise<{ sku: string; start: string; status: string; personId: number | null }[]> {
  const rows = await db('service_bookings as b')
    .join('orders as o', 'o.id', 'b.order_id')
    .join('resources as r', 'r.id', 'b.resource_id')
    .where('o.number', String(orderNumber).trim())
    .whereIn('b.status', ['booked', 'done'])
    .select('b.sku', 'b.starts_at', 'b.status', 'r.person_id');
  return rows.map((r: any) => ({ sku: r.sku, start: r.starts_at, status: r.status, personId: r.person_id == null ? null : Number(r.person_id) }));
}
