import type { Db } from '../data/db';
import { findProduct } from '../data/catalog';
import { getCompany, getCustomer } from '../data/parties';
import { resourcesByIds } from '../data/resources';
import { appointmentBookingIds, calendarLink } from '../data/calendarLinks';
import type { OrderView, ServiceBookingView } from '../data/orders';
import type { Locale } from '../domain/locale';
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
  const service = view.lines.find((l) => l.sku === booking.sku)?.name[locale] ?? product?.name[locale] ?? booking.sku;
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

/**
 * One sentence per booked appointment of an order, for confirmations; with `calendarFor`, each with its signed
 * .ics download link for that person.
 */
export async function appointmentLines(db: Db, view: OrderView, locale: Locale, calendarFor?: { personId: number; now: Date }): Promise<string[]> {
  const lines: string[] = [];
  const rows = calendarFor ? await appointmentBookingIds(db, view.id) : [];
  for (const b of view.serviceBookings.filter((x) => x.status === 'booked')) {
    const d = await appointmentDetails(db, view, b, locale);
    let line = serviceTexts(locale, 'appointmentLine', { ...d });
    const row = rows.find((r) => r.sku === b.sku && r.start === b.start);
    if (calendarFor && row) line += ` ${serviceTexts(locale, 'calendarFile', { link: await calendarLink(db, row.id, calendarFor.personId, calendarFor.now) })}`;
    lines.push(line);
  }
  return lines;
}
