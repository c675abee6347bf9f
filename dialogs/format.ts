import type { Locale, Localized } from '../domain/locale';
import type { Address } from '../domain/parties';
import { remembered } from '../domain/remembered';
import { staffTexts } from './texts/staff';

// Calendar dates have no time of day, so they are formatted in UTC; instants are shown on the Berlin wall clock.
/**
 * One kind of date per locale, remembering what it formatted lately: Intl's format costs some microseconds a call
 * (1 % of a status turn), and the texts of a turn show the same few dates.
 */
function dates(de: Intl.DateTimeFormat, en: Intl.DateTimeFormat, toDate: (value: string) => Date): Record<Locale, (value: string) => string> {
  return { de: remembered((value: string) => de.format(toDate(value)), 2_000), en: remembered((value: string) => en.format(toDate(value)), 2_000) };
}
const calendarDate = (date: string) => new Date(`${date}T00:00:00Z`);
const instant = (at: string) => new Date(at);

const days = dates(
  new Intl.DateTimeFormat('de-DE', { weekday: 'short', day: 'numeric', month: 'numeric', year: 'numeric', timeZone: 'UTC' }),
  new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }),
  calendarDate,
);
const plainDates = dates(
  new Intl.DateTimeFormat('de-DE', { timeZone: 'UTC', day: '2-digit', month: '2-digit', year: 'numeric' }),
  new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' }),
  calendarDate,
);
const dateTimes = dates(
  new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', dateStyle: 'medium', timeStyle: 'short' }),
  new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', dateStyle: 'medium', timeStyle: 'short' }),
  instant,
);
const slots = dates(
  new Intl.DateTimeFormat('de-DE', { weekday: 'short', day: 'numeric', month: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Berlin' }),
  new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Berlin' }),
  instant,
);

/**
 * A calendar date ('YYYY-MM-DD') with its weekday: "Fr., 4.12.2026" / "Fri, 4 Dec 2026". Used while an order is
 * being placed, where the weekday matters (no delivery on weekends); records of past orders use formatDate.
 */
export function formatDay(date: string, locale: Locale): string {
  return days[locale](date);
}

/** A calendar date ('YYYY-MM-DD') in lists, statuses and notifications: "04.12.2026" / "4 Dec 2026"; "offen" when unset. */
export function formatDate(date: string | null | undefined, locale: Locale): string {
  if (!date) return staffTexts(locale, 'noDate');
  return plainDates[locale](date);
}

/** An instant (ISO string) on the Berlin wall clock: "04.12.2026, 08:00" / "4 Dec 2026, 08:00". */
export function formatDateTime(at: string, locale: Locale): string {
  return dateTimes[locale](at);
}

/** A service start (ISO instant) as a slot to pick: weekday, day and time on the Berlin wall clock. */
export function formatSlot(start: string, locale: Locale): string {
  return slots[locale](start);
}

/** "Name, Street 1, 12345 City", leaving out parts that are still empty. */
export function formatAddress(a: Address): string {
  return [a.name, a.street, `${a.postcode} ${a.city}`.trim()].filter((s) => s && s.trim()).join(', ');
}

/** Order lines in one sentence, as the summary card writes them: "5 × Kopierpapier A4 …, 1 × Toner schwarz". */
export function orderLinesText(lines: ReadonlyArray<{ quantity: number; name: Localized }>, locale: Locale): string {
  return lines.map((l) => `${l.quantity} × ${l.name[locale]}`).join(', ');
}
