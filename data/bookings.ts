import type { Knex } from 'knex';
import { checkReschedule, promisedAfterMove, type RescheduleRefusal } from '../domain/bookingRules';
import { berlinDateOf, berlinToday } from '../domain/calendar';
import type { Product } from '../domain/catalog';
import type { OrderStatus } from '../domain/lifecycle';
import { mayMoveAppointment, type OrderActor } from '../domain/orderChecks';
import { findSlots, type BusyPeriod, type PartOfDay } from '../domain/slots';
import { findProduct } from './catalog';
import { isPostgres, type Db } from './db';
import { customerPersonIds, insertHistory, notifyAboutHistory } from './history';

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

/** Units already booked on a machine per date, from a date on. */
export async function bookedMachineUnits(db: Db, resourceId: string, fromDate: string): Promise<Record<string, number>> {
  const rows = await db('capacity_bookings')
    .where({ resource_id: resourceId })
    .where('date', '>=', fromDate)
    .groupBy('date')
    .select('date')
    .sum({ units: 'units' });
  return Object.fromEntries(rows.map((r: any) => [r.date, Number(r.units)]));
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

export type RescheduleResult =
  | { ok: true; orderNumber: string; sku: string; from: Appointment; to: Appointment; version: number; changed: boolean }
  | {
      ok: false;
      code: 'not_found' | 'no_booking' | 'several_bookings' | RescheduleRefusal | 'slot_invalid' | 'slot_taken' | 'conflict';
      /** The order's status, to explain a refusal. */
      status?: OrderStatus;
    };

/** Carries a refusal out of the transaction so that everything done inside it is rolled back. */
class RescheduleRefused extends Error {
  constructor(readonly result: RescheduleResult) {
    super(`reschedule refused: ${result.ok ? 'ok' : result.code}`);
  }
}

/**
 * Moves an order's booked appointment to a new start, in one transaction: access check, lifecycle rule, every
 * resource of the service free at the new time, the booking rows moved, the promised date adjusted, a history
 * row and the customer's notification. Moving to the time it already has changes nothing (a repeated click).
 * `sku` picks the appointment when an order has several; `expectedVersion` refuses a stale choice.
 */
export async function rescheduleBooking(
  db: Db,
  actor: OrderActor,
  orderNumber: string,
  change: { start: string; sku?: string; expectedVersion?: number },
  now: Date = new Date(),
): Promise<RescheduleResult> {
  try {
    return await db.transaction((trx) => rescheduleInTransaction(trx, actor, String(orderNumber).trim(), change, now));
  } catch (err) {
    if (err instanceof RescheduleRefused) return err.result;
    throw err;
  }
}

async function rescheduleInTransaction(
  trx: Knex.Transaction,
  actor: OrderActor,
  number: string,
  change: { start: string; sku?: string; expectedVersion?: number },
  now: Date,
): Promise<RescheduleResult> {
  const orderQuery = trx('orders').where({ number });
  // PostgreSQL: hold the order while it is checked and changed; SQLite's single writer already serializes.
  if (isPostgres(trx)) orderQuery.forUpdate();
  const order = await orderQuery.first('id', 'customer_id', 'status', 'version', 'requested_date', 'promised_date');
  if (!order || !mayMoveAppointment(actor, Number(order.customer_id))) return { ok: false, code: 'not_found' };
  const orderId = Number(order.id);
  const version = Number(order.version);
  const status = order.status as OrderStatus;
  if (change.expectedVersion != null && change.expectedVersion !== version) return { ok: false, code: 'conflict', status };

  const booked = await trx('service_bookings').where({ order_id: orderId, status: 'booked' }).orderBy('id');
  const wanted = change.sku ? booked.filter((b: any) => b.sku === change.sku!.trim().toUpperCase()) : booked;
  const appointments = new Set(wanted.map((b: any) => `${b.sku}|${b.starts_at}`));
  if (appointments.size === 0) return { ok: false, code: 'no_booking', status };
  if (appointments.size > 1) return { ok: false, code: 'several_bookings', status };
  const rows = wanted as any[];
  const sku: string = rows[0].sku;
  const from: Appointment = { start: rows[0].starts_at, end: rows[0].ends_at };
  const rule = checkReschedule(status, new Date(from.start), now);
  if (!rule.ok) return { ok: false, code: rule.code, status };

  const product = await findProduct(trx, sku);
  if (!product) throw new Error(`booked service ${sku} is not in the catalog`);
  const requested = new Date(change.start);
  if (!Number.isNaN(requested.getTime()) && requested.getTime() === new Date(from.start).getTime()) {
    return { ok: true, orderNumber: number, sku, from, to: from, version, changed: false };
  }
  if (isPostgres(trx)) await trx('resources').whereIn('id', [...product.resourceIds].sort()).orderBy('id').forUpdate().select('id');

  // The appointment's own rows must not block its new time (moving by half an hour overlaps the old one).
  const rowIds = rows.map((r) => Number(r.id));
  await trx('service_bookings').whereIn('id', rowIds).update({ status: 'cancelled' });
  const line = await trx('order_lines').where({ order_id: orderId, sku }).sum({ quantity: 'quantity' }).first();
  const check = await checkServiceSlot(trx, product, Number(line?.quantity ?? 1), change.start, [], now);
  if (!check.ok) throw new RescheduleRefused({ ok: false, code: check.code, status });
  const to: Appointment = { start: check.start.toISOString(), end: check.end.toISOString() };
  await trx('service_bookings').whereIn('id', rowIds).update({ status: 'booked', starts_at: to.start, ends_at: to.end });

  const others = await trx('service_bookings').where({ order_id: orderId, status: 'booked' }).whereNotIn('id', rowIds).select('starts_at');
  const production = await trx('capacity_bookings').where({ order_id: orderId }).max({ last: 'date' }).first();
  const promised = promisedAfterMove({
    oldPromised: order.promised_date ?? null,
    oldAppointmentDay: berlinDateOf(new Date(from.start)),
    otherDates: [order.requested_date ?? null, production?.last ?? null, ...others.map((o: any) => berlinDateOf(new Date(o.starts_at)))],
    newAppointmentDay: berlinDateOf(check.start),
  });
  const at = now.toISOString();
  const updated = await trx('orders').where({ id: orderId, version }).update({ version: version + 1, promised_date: promised, updated_at: at });
  if (updated === 0) throw new RescheduleRefused({ ok: false, code: 'conflict', status });

  const historyId = await insertHistory(trx, orderId, status, status, actor, now, null, { event: 'booking_rescheduled', sku, from, to });
  await notifyAboutHistory(
    trx, { orderId, historyId }, await customerPersonIds(trx, Number(order.customer_id)),
    { kind: 'booking_rescheduled', payload: { orderNumber: number, orderId, sku, from, to } }, now,
  );
  return { ok: true, orderNumber: number, sku, from, to, version: version + 1, changed: true };
}

/** Whether an order still has this appointment booked (a reminder is only wanted while it has). */
export async function isAppointmentBooked(db: Db, orderNumber: string, sku: string, start: string): Promise<boolean> {
  const row = await db('service_bookings')
    .join('orders', 'orders.id', 'service_bookings.order_id')
    .where({ 'orders.number': String(orderNumber), 'service_bookings.sku': sku, 'service_bookings.starts_at': start, 'service_bookings.status': 'booked' })
    .first('service_bookings.id');
  return !!row;
}
