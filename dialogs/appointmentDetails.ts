import type { Db } from '../data/db';
import { findProduct } from '../data/catalog';
import { getCompany, getCustomer } from '../data/parties';
import { resourcesByIds } from '../data/resources';
import { appointmentBookingId, calendarLink } from '../data/calendarLinks';
import type { OrderView, ServiceBookingView } from '../data/orders';
import type { Locale } from '../domain/locale';
import { formatMoney } from '../domain/money';
import { formatAddress, formatSlot } from './format';
import { serviceTexts } from './texts/services';

/** An appointment in words: day and time, duration, place and who comes, as confirmations and messages state it. */
export interface AppointmentDetails {
  service: string;
  when: string;
  duration: string;
  place: string;
  who: string;
}

/** "2 Stunden", "90 Minuten", "1 Std. 45 Min." */
export function durationText(minutes: number, locale: Locale): string {
  if (minutes % 60 === 0) return minutes === 60 ? serviceTexts(locale, 'oneHour') : serviceTexts(locale, 'hours', { n: minutes / 60 });
  if (minutes < 120) return serviceTexts(locale, 'minutes', { n: minutes });
  return serviceTexts(locale, 'hoursMinutes', { h: Math.floor(minutes / 60), m: minutes % 60 });
}

export async function appointmentDetails(db: Db, view: OrderView, booking: Pick<ServiceBookingView, 'sku' | 'start' | 'end' | 'resourceIds'>, locale: Locale): Promise<AppointmentDetails> {
  const product = await findProduct(db, booking.sku);
  // The product's name: the line may have become the fee line of a late cancellation ("Stornogebühr: …").
  const service = product?.name[locale] ?? view.lines.find((l) => l.sku === booking.sku)?.name[locale] ?? booking.sku;
  const minutes = Math.round((Date.parse(booking.end) - Date.parse(booking.start)) / 60_000);
  let place: string;
  if (product?.onSite) {
    const address = view.deliveryAddress ?? (await getCustomer(db, view.customer.id))?.address ?? null;
    place = address ? formatAddress(address) : view.customer.name;
  } else {
    place = serviceTexts(locale, 'atOurOffice', { address: formatAddress((await getCompany(db)).address) });
  }
  const people = (await resourcesByIds(db, booking.resourceIds)).filter((r) => r.kind === 'person').map((r) => r.name);
  return { service, when: formatSlot(booking.start, locale), duration: durationText(minutes, locale), place, who: people.join(', ') };
}

/** For whom a message's calendar link is signed, and from when it counts (the message's time). */
export interface CalendarFor {
  personId: number;
  now: Date;
}

type BookingRef = Pick<ServiceBookingView, 'sku' | 'start' | 'end' | 'resourceIds'>;

/** "[Termin in den Kalender (.ics)](/calendar/….ics)": the appointment's signed .ics link for the reader, or null. */
export async function calendarFileText(db: Db, view: Pick<OrderView, 'id'>, booking: Pick<BookingRef, 'sku' | 'start'>, locale: Locale, calendarFor: CalendarFor): Promise<string | null> {
  const id = await appointmentBookingId(db, view.id, booking.sku, booking.start);
  return id == null ? null : serviceTexts(locale, 'calendarFile', { link: await calendarLink(db, id, calendarFor.personId, calendarFor.now) });
}

/**
 * One appointment in words, the sentence every confirmation, change, cancellation and reminder uses: service, day
 * and time, duration, place and who comes ("Termin Druckerwartung vor Ort: Do., 03.12.2026 10:00, 2 Stunden, …"),
 * with `calendarFor` followed by its signed .ics link for that person.
 */
export async function appointmentSentence(
  db: Db, view: OrderView, booking: BookingRef, locale: Locale, calendarFor?: CalendarFor, key: 'appointmentLine' | 'cancelledLine' = 'appointmentLine',
): Promise<string> {
  const line = serviceTexts(locale, key, { ...(await appointmentDetails(db, view, booking, locale)) });
  const link = calendarFor ? await calendarFileText(db, view, booking, locale, calendarFor) : null;
  return link ? `${line} ${link}` : line;
}

/** One sentence per booked appointment of an order, for confirmations; with `calendarFor`, each with its .ics link. */
export async function appointmentLines(db: Db, view: OrderView, locale: Locale, calendarFor?: CalendarFor): Promise<string[]> {
  const lines: string[] = [];
  for (const b of view.serviceBookings.filter((x) => x.status === 'booked')) lines.push(await appointmentSentence(db, view, b, locale, calendarFor));
  return lines;
}

/** What a move confirmation adds to "now on {when}": duration, place and who comes, then the .ics link for the reader. */
export async function movedAppointmentText(db: Db, view: OrderView, booking: BookingRef, locale: Locale, calendarFor?: CalendarFor): Promise<string> {
  const details = await appointmentDetails(db, view, booking, locale);
  const text = serviceTexts(locale, 'movedDetails', { ...details });
  const link = calendarFor ? await calendarFileText(db, view, booking, locale, calendarFor) : null;
  return link ? `${text} ${link}` : text;
}

/** The late appointments of a cancellation with their fees: "IT-Beratung am Mi., 4.3., 09:00 (60,00 € netto); …". */
export async function lateFeeList(db: Db, appointments: readonly { sku: string; start: string; late: boolean; feeCents: number }[], locale: Locale): Promise<string> {
  const items: string[] = [];
  for (const a of appointments.filter((x) => x.late)) {
    const service = (await findProduct(db, a.sku))?.name[locale] ?? a.sku;
    items.push(serviceTexts(locale, 'lateFeeItem', { service, when: formatSlot(a.start, locale), fee: formatMoney(a.feeCents, locale) }));
  }
  return items.join('; ');
}
