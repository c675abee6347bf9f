import { berlinDateOf, berlinToday } from '../domain/calendar';
import type { Product } from '../domain/catalog';
import { findSlots, type BusyPeriod, type PartOfDay } from '../domain/slots';
import { findProduct } from './catalog';
import type { Db } from './db';

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
