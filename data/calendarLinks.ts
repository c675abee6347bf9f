import type { Db } from './db';
import { secretSetting } from './settings';
import { signDocumentLink } from '../domain/documentLinks';

/** Calendar links stay valid this long (a customer adds the appointment when they get to it). */
const LINK_DAYS = 60;
/** The settings row of the secret that signs calendar links (created on first use, shared by all instances). */
export const CALENDAR_LINK_SECRET = 'calendar_link_secret';

/** The signed download path of a booking's .ics file for one person (served by bot/calendarFiles.ts). */
export async function calendarLink(db: Db, bookingId: number, personId: number, now: Date): Promise<string> {
  const secret = await secretSetting(db, CALENDAR_LINK_SECRET);
  const token = signDocumentLink({ documentId: `booking:${bookingId}`, recipient: String(personId), expiresAt: new Date(now.getTime() + LINK_DAYS * 86_400_000) }, secret);
  return `/calendar/${token}.ics`;
}

/** The first booking row of each booked appointment of an order (the row a calendar link names). */
export async function appointmentBookingIds(db: Db, orderId: number): Promise<{ id: number; sku: string; start: string }[]> {
  const rows = await db('service_bookings').where({ order_id: orderId, status: 'booked' }).orderBy('id').select('id', 'sku', 'starts_at');
  const seen = new Set<string>();
  return rows.filter((r: any) => !seen.has(`${r.sku}|${r.starts_at}`) && seen.add(`${r.sku}|${r.starts_at}`)).map((r: any) => ({ id: Number(r.id), sku: r.sku, start: r.starts_at }));
}

/** The row a calendar link names for one appointment of an order, whatever its status (a cancelled one reads as cancelled). */
export async function appointmentBookingId(db: Db, orderId: number, sku: string, start: string): Promise<number | null> {
  const row = await db('service_bookings').where({ order_id: orderId, sku, starts_at: start }).orderBy('id').first('id');
  return row ? Number(row.id) : null;
}
