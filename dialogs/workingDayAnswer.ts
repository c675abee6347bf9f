import type { DayCheck } from '../domain/calendar';
import type { Locale } from '../domain/locale';
import { formatDay } from './format';
import { serviceTexts } from './texts/services';

/** "Samstag ist kein Arbeitstag …" with the nearest working days either side, instead of silently moving on. */
export function notWorkingDayText(date: string, check: DayCheck & { ok: false }, locale: Locale): string {
  const days = [check.before, check.after].filter((d): d is string => !!d).map((d) => formatDay(d, locale)).join(` ${serviceTexts(locale, 'and')} `);
  const day = formatDay(date, locale);
  return check.reason === 'holiday'
    ? serviceTexts(locale, 'notWorkingDayHoliday', { day, holiday: check.holiday?.[locale] ?? '', days })
    : serviceTexts(locale, 'notWorkingDayWeekend', { day, days });
}
