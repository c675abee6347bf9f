import type { Knex } from 'knex';
import type { Db } from './db';

type Conn = Db | Knex.Transaction;

export interface ResourceRow {
  id: string;
  name: string;
  kind: string;
  /** The staff member this resource is (a technician or consultant), if linked. */
  personId: number | null;
}

const toResource = (r: any): ResourceRow => ({ id: r.id, name: r.name, kind: r.kind, personId: r.person_id == null ? null : Number(r.person_id) });

export async function resourcesByIds(conn: Conn, ids: readonly string[]): Promise<ResourceRow[]> {
  if (ids.length === 0) return [];
  return (await conn('resources').whereIn('id', ids).orderBy('id')).map(toResource);
}

/** Every person or vehicle resource services can book (not the machines), for the day plan. */
export async function serviceResources(conn: Conn): Promise<ResourceRow[]> {
  return (await conn('resources').whereNot({ kind: 'machine' }).orderBy('name')).map(toResource);
}

/** The resource a staff member is, or null. */
export async function resourceOfPerson(conn: Conn, personId: number): Promise<ResourceRow | null> {
  const row = await conn('resources').where({ person_id: personId }).first();
  return row ? toResource(row) : null;
}

/** A person resource by (part of) its name, as staff type it ("Tom", "Lena Wolf"); null when none or several match. */
export async function resourceByName(conn: Conn, name: string): Promise<ResourceRow | null> {
  const wanted = name.trim().toLowerCase();
  if (!wanted) return null;
  const people = (await conn('resources').where({ kind: 'person' })).map(toResource);
  const hits = people.filter((r) => r.name.toLowerCase() === wanted || r.name.toLowerCase().split(/\s+/).includes(wanted) || r.id === wanted);
  return hits.length === 1 ? hits[0] : null;
}

export interface DayPlanEntry {
  bookingId: number;
  resourceId: string;
  resourceName: string;
  orderNumber: string;
  orderId: number;
  sku: string;
  start: string;
  end: string;
  status: string;
  customerName: string;
  /** The delivery address of the order, else the customer's. */
  street: string;
  postcode: string;
  city: string;
  nameDe: string;
  nameEn: string;
  onSite: boolean;
  report: string | null;
}

/** Booked and performed appointments of these resources (all when null) that start in [from, to), by resource and time. */
export async function dayPlan(conn: Conn, from: Date, to: Date, resourceIds: readonly string[] | null): Promise<DayPlanEntry[]> {
  const q = conn('service_bookings as b')
    .join('orders as o', 'o.id', 'b.order_id')
    .join('customers as c', 'c.id', 'o.customer_id')
    .join('resources as r', 'r.id', 'b.resource_id')
    .join('products as p', 'p.sku', 'b.sku')
    .whereIn('b.status', ['booked', 'done'])
    .where('b.starts_at', '>=', from.toISOString())
    .where('b.starts_at', '<', to.toISOString())
    .orderBy([{ column: 'r.name' }, { column: 'b.starts_at' }])
    .select(
      'b.id', 'b.resource_id', 'r.name as resource_name', 'o.number', 'o.id as order_id', 'b.sku', 'b.starts_at', 'b.ends_at', 'b.status', 'b.report',
      'c.name as customer_name', 'c.street', 'c.postcode', 'c.city', 'o.delivery_street', 'o.delivery_postcode', 'o.delivery_city',
      'p.name_de', 'p.name_en', 'p.on_site',
    );
  if (resourceIds) q.whereIn('b.resource_id', resourceIds);
  return (await q).map((r: any) => ({
    bookingId: Number(r.id), resourceId: r.resource_id, resourceName: r.resource_name, orderNumber: r.number, orderId: Number(r.order_id),
    sku: r.sku, start: r.starts_at, end: r.ends_at, status: r.status, customerName: r.customer_name,
    street: r.delivery_street ?? r.street ?? '', postcode: r.delivery_street ? r.delivery_postcode : r.postcode ?? '', city: r.delivery_street ? r.delivery_city : r.city ?? '',
    nameDe: r.name_de, nameEn: r.name_en, onSite: r.on_site === true || Number(r.on_site) === 1, report: r.report ?? null,
  }));
}
