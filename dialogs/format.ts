import type { Locale, Localized } from '../domain/locale';
import type { Address } from '../domain/parties';
import { staffTexts } from './texts/staff';

// Calendar dates have no time of day, so they are formatted in UTC; instants are shown on the Berlin wall clock.
const dayFormats: Record<Locale, Intl.DateTimeFormat> = {
  de: new Intl.DateTimeFormat('de-DE', { weekday: 'short', day: 'numeric', month: 'numeric', year: 'numeric', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }),
};
const dateFormats: Record<Locale, Intl.DateTimeFormat> = {
  de: new Intl.DateTimeFormat('de-DE', { timeZone: 'UTC', day: '2-digit', month: '2-digit', year: 'numeric' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' }),
};
const dateTimeFormats: Record<Locale, Intl.DateTimeFormat> = {
  de: new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', dateStyle: 'medium', timeStyle: 'short' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', dateStyle: 'medium', timeStyle: 'short' }),
};
const slotFormats: Record<Locale, Intl.DateTimeFormat> = {
  de: new Intl.DateTimeFormat('de-DE', { weekday: 'short', day: 'numeric', month: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Berlin' }),
  en: new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Berlin' }),
};

/**
 * A calendar date ('YYYY-MM-DD') with its weekday: "Fr., 4.12.2026" / "Fri, 4 Dec 2026". Used while an order is
 * being placed, where the weekday matters (no delivery on weekends); records of past orders use formatDate.
 */
export function formatDay(date: string, locale: Locale): string {
  return dayFormats[locale].format(new Date(`${date}T00:00:00Z`));
}

/** A calendar date ('YYYY-MM-DD') in lists, statuses and notifications: "04.12.2026" / "4 Dec 2026"; "offen" when unset. */
export function formatDate(date: string | null | undefined, locale: Locale): string {
  if (!date) return staffTexts(locale, 'noDate');
  return dateFormats[locale].format(new Date(`${date}T00:00:00Z`));
}

/** An instant (ISO string) on the Berlin wall clock: "04.12.2026, 08:00" / "4 Dec 2026, 08:00". */
export function formatDateTime(at: string, locale: Locale): string {
  return dateTimeFormats[locale].format(new Date(at));
}

/** A service start (ISO instant) as a slot to pick: weekday, day and time on the Berlin wall clock. */
export function formatSlot(start: string, locale: Locale): string {
  return slotFormats[locale].format(new Date(start));
}

/** "Name, Street 1, 12345 City", leaving out parts that are still empty. */
export function formatAddress(a: Address): string {
  return [a.name, a.street, `${a.postcode} ${a.city}`.trim()].filter((s) => s && s.trim()).join(', ');
}

/** Order lines in one sentence, as the summary card writes them: "5 × Kopierpapier A4 …, 1 × Toner schwarz". */
export function orderLinesText(lines: ReadonlyArray<{ quantity: number; name: Localized }>, locale: Locale): string {
  return lines.map((l) => `${l.quantity} × ${l.name[locale]}`).join(', ');
}
