import Holidays from 'date-holidays';
import type { Locale, Localized } from './locale';
import { remembered } from './remembered';

/** Calendar dates are 'YYYY-MM-DD' strings; arithmetic runs on UTC midnights so no zone can shift a day. */
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DAY_MS = 86_400_000;
const ZONE = 'Europe/Berlin';

export function isValidDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

function toUtcMs(date: string): number {
  if (!isValidDate(date)) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${date}`);
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y, m - 1, d);
}

function fromUtcMs(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(date: string, n: number): string {
  return fromUtcMs(toUtcMs(date) + n * DAY_MS);
}

/** Whole days from a to b (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  return Math.round((toUtcMs(b) - toUtcMs(a)) / DAY_MS);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function dayOfWeek(date: string): number {
  return new Date(toUtcMs(date)).getUTCDay() || 7;
}

/** Easter Sunday (Gregorian), by the anonymous algorithm published by Meeus. */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return fromUtcMs(Date.UTC(year, month - 1, day));
}

export interface Holiday {
  date: string;
  name: Localized;
}

// The maintained rule set of date-holidays (state BE: Frauentag since 2019, one-off days such as 8 May 2025).
const berlinDe = new Holidays('DE', 'BE', { types: ['public'], languages: ['de'] });
const berlinEn = new Holidays('DE', 'BE', { types: ['public'], languages: ['en'] });

/** Public holidays in Berlin for one year, in date order. */
export function berlinHolidays(year: number): Holiday[] {
  const en = new Map(berlinEn.getHolidays(year).map((h) => [h.date.slice(0, 10), h.name]));
  return berlinDe
    .getHolidays(year)
    .map((h) => ({ date: h.date.slice(0, 10), name: { de: h.name, en: en.get(h.date.slice(0, 10)) ?? h.name } }))
    .sort((a, b) => a.date.localeCompare(b.date));
}

const holidayCache = new Map<number, Map<string, Holiday>>();

function holidayOn(date: string): Holiday | undefined {
  const year = Number(date.slice(0, 4));
  let byDate = holidayCache.get(year);
  if (!byDate) {
    byDate = new Map(berlinHolidays(year).map((h) => [h.date, h]));
    holidayCache.set(year, byDate);
  }
  return byDate.get(date);
}

/** The holiday's name in the user's language, or null on an ordinary day. */
export function holidayName(date: string, locale: Locale): string | null {
  toUtcMs(date);
  return holidayOn(date)?.name[locale] ?? null;
}

/** Monday to Friday and not a public holiday in Berlin. */
export function isWorkingDay(date: string): boolean {
  return dayOfWeek(date) <= 5 && !holidayOn(date);
}

/** The first working day strictly after date. */
export function nextWorkingDay(date: string): string {
  let day = addDays(date, 1);
  while (!isWorkingDay(day)) day = addDays(day, 1);
  return day;
}

/** date itself when it is a working day, else the next one. */
export function workingDayOnOrAfter(date: string): string {
  return isWorkingDay(date) ? date : nextWorkingDay(date);
}

/**
 * Moves n working days forward (backward when negative): Friday + 1 = Monday.
 * With n = 0 the result is date itself when it is a working day, else the next working day.
 */
export function addWorkingDays(date: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`working days must be whole, got ${n}`);
  if (n === 0) return workingDayOnOrAfter(date);
  const step = n > 0 ? 1 : -1;
  let day = date;
  for (let left = Math.abs(n); left > 0; ) {
    day = addDays(day, step);
    if (isWorkingDay(day)) left--;
  }
  return day;
}

const berlinParts = new Intl.DateTimeFormat('en-US', {
  timeZone: ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

function formattedWallClock(instant: Date): { date: string; hour: number; minute: number; second: number } {
  const part: Record<string, string> = {};
  for (const p of berlinParts.formatToParts(instant)) part[p.type] = p.value;
  return {
    date: `${part.year}-${part.month}-${part.day}`,
    hour: Number(part.hour),
    minute: Number(part.minute),
    second: Number(part.second),
  };
}

const HOUR_MS = 3_600_000;
/** Berlin's offset per UTC hour: it changes only on a full UTC hour (01:00 UTC), and formatToParts costs per call. */
const offsetOfHour = remembered((hour: number): number => {
  const w = formattedWallClock(new Date(hour * HOUR_MS));
  const [y, m, d] = w.date.split('-').map(Number);
  return Date.UTC(y, m - 1, d, w.hour, w.minute, w.second) - hour * HOUR_MS;
}, 256);

/** Berlin's offset from UTC in milliseconds at that instant (+1 h in winter, +2 h in summer). */
function berlinOffsetMs(utcMs: number): number {
  return offsetOfHour(Math.floor(utcMs / HOUR_MS));
}

function wallClock(instant: Date): { date: string; hour: number; minute: number; second: number } {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError('invalid Date');
  const wall = new Date(ms + berlinOffsetMs(ms));
  return {
    date: wall.toISOString().slice(0, 10),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
  };
}

/** The Berlin calendar date of an instant: the business "today" regardless of the server's zone. */
export function berlinToday(now: Date): string {
  return wallClock(now).date;
}

/** Same as berlinToday, named for instants that are not "now" (e.g. the day a slot starts). */
export const berlinDateOf = berlinToday;

/** 'HH:MM' on the Berlin wall clock. */
export function berlinTimeOf(instant: Date): string {
  const { hour, minute } = wallClock(instant);
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/**
 * The instant at which Berlin's wall clock shows date + time, correct on both sides of a DST switch.
 * A time skipped in spring (02:30 on the last Sunday of March) maps to the same moment as 03:30;
 * a time that occurs twice in autumn maps to its first (summer time) occurrence.
 */
export function berlinDateTime(date: string, time: string): Date {
  const m = TIME.exec(time);
  if (!m) throw new RangeError(`not a time (HH:MM): ${time}`);
  const wallAsUtc = toUtcMs(date) + (Number(m[1]) * 60 + Number(m[2])) * 60_000;
  // Offsets three hours either side cover both sides of a switch; the earlier instant wins a tie.
  const candidates = [berlinOffsetMs(wallAsUtc - 3 * 3_600_000), berlinOffsetMs(wallAsUtc + 3 * 3_600_000)]
    .map((offset) => wallAsUtc - offset)
    .sort((a, b) => a - b);
  for (const instant of candidates) {
    if (wallAsUtc - berlinOffsetMs(instant) === instant) return new Date(instant);
  }
  // Skipped in spring: neither offset reproduces the wall time; the winter offset moves it forward.
  return new Date(candidates[candidates.length - 1]);
}

export type DayCheck =
  | { ok: true }
  | { ok: false; reason: 'weekend' | 'holiday'; holiday: Localized | null; before: string | null; after: string };

/**
 * Whether a wished day is a working day; if not, why (weekend or the holiday's name) and the nearest working days
 * either side, the earlier one only when it is not before `today`.
 */
export function checkWorkingDay(date: string, today: string): DayCheck {
  if (isWorkingDay(date)) return { ok: true };
  const holiday = holidayOn(date);
  let before: string | null = addDays(date, -1);
  while (!isWorkingDay(before)) before = addDays(before, -1);
  if (before < today) before = null;
  return { ok: false, reason: holiday ? 'holiday' : 'weekend', holiday: holiday?.name ?? null, before, after: nextWorkingDay(date) };
}
