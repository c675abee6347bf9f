import { addDays, berlinDateTime, dayOfWeek, isValidDate, workingDayOnOrAfter } from './calendar';

/** Service hours on the Berlin wall clock, Monday to Friday except public holidays (a resource without its own). */
export const WORKING_HOURS = { start: '08:00', end: '17:00' } as const;
/** Where "morning" ends and "afternoon" begins. */
export const NOON = '12:00';
/** Default gap a technician needs between two on-site jobs (configurable: TRAVEL_BUFFER_MINUTES). */
export const DEFAULT_TRAVEL_MINUTES = 30;

export type PartOfDay = 'morning' | 'afternoon';

/** When one resource works, on the Berlin wall clock; `days` are ISO weekdays (1 = Monday), default Monday to Friday. */
export interface WorkingHours {
  start: string;
  end: string;
  days?: readonly number[];
}

export interface BusyPeriod {
  resourceId: string;
  start: Date;
  end: Date;
  /**
   * Minutes the resource stays taken after `end` (travel after an on-site job); 0 or unset otherwise.
   * Absences are busy periods too (whole Berlin days, see `absencePeriod`).
   */
  travelAfterMinutes?: number;
}

export interface Slot {
  start: Date;
  end: Date;
}

export interface SlotQuery {
  durationMinutes: number;
  /** Every one of these (people, vehicle, equipment) must be free for the whole slot. */
  resourceIds: readonly string[];
  busy: readonly BusyPeriod[];
  /** First day to look at (YYYY-MM-DD); a weekend or holiday moves to the next working day. */
  fromDate: string;
  /** How many working days to look at, starting with the first. */
  days: number;
  /** 'morning': starts before 12:00; 'afternoon': starts at 12:00 or later. */
  partOfDay?: PartOfDay;
  /** Per resource; a resource missing here works WORKING_HOURS Monday to Friday. */
  workingHours?: Readonly<Record<string, WorkingHours>>;
  /**
   * On-site services: the slot keeps its resources this many minutes after its end as well (travel), and must
   * not run into another job's travel. Two on-site jobs of one technician are thus at least this far apart.
   */
  travelAfterMinutes?: number;
  /** 'HH:MM': per day, the slots at or nearest that start time come first (ties: the earlier one). */
  preferredTime?: string;
  /** With preferredTime: how many of the nearest slots to keep per day (default 3). */
  perDay?: number;
  /** Grid of possible start times from opening, in minutes. */
  step?: number;
  /** Slots starting before this instant are left out (pass the current time). */
  notBefore?: Date;
  /** Stop after this many slots. */
  limit?: number;
}

const MINUTE = 60_000;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** The busy period an absence from `fromDate` to `toDate` (inclusive, Berlin days) makes of a resource. */
export function absencePeriod(resourceId: string, fromDate: string, toDate: string): BusyPeriod {
  return { resourceId, start: berlinDateTime(fromDate, '00:00'), end: berlinDateTime(addDays(toDate, 1), '00:00') };
}

/** The instant a period stops blocking its resource: its end plus its travel. */
export function occupiedUntil(period: { end: Date; travelAfterMinutes?: number }): number {
  return period.end.getTime() + (period.travelAfterMinutes ?? 0) * MINUTE;
}

/** When all the resources work on that day: the latest opening and the earliest closing; null if one is off. */
export function sharedHours(date: string, resourceIds: readonly string[], hours: Readonly<Record<string, WorkingHours>> = {}): { start: string; end: string } | null {
  let start = WORKING_HOURS.start as string;
  let end = WORKING_HOURS.end as string;
  const weekday = dayOfWeek(date);
  for (const id of resourceIds) {
    const own = hours[id] ?? { ...WORKING_HOURS };
    if (!(own.days ?? [1, 2, 3, 4, 5]).includes(weekday)) return null;
    if (own.start > start) start = own.start;
    if (own.end < end) end = own.end;
  }
  return start < end ? { start, end } : null;
}

/** Free slots in time order (with preferredTime: per day, nearest first); never outside working hours or on a non-working day. */
export function findSlots(query: SlotQuery): Slot[] {
  const { durationMinutes, days, step = 30, limit = Infinity, travelAfterMinutes = 0 } = query;
  if (!Number.isInteger(durationMinutes) || durationMinutes < 1) throw new RangeError(`durationMinutes must be a positive integer, got ${durationMinutes}`);
  if (!Number.isInteger(step) || step < 1) throw new RangeError(`step must be a positive integer of minutes, got ${step}`);
  if (!Number.isInteger(travelAfterMinutes) || travelAfterMinutes < 0) throw new RangeError(`travelAfterMinutes must be a whole number of minutes, got ${travelAfterMinutes}`);
  if (!isValidDate(query.fromDate)) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${query.fromDate}`);
  if (query.preferredTime !== undefined && !TIME.test(query.preferredTime)) throw new RangeError(`not a time (HH:MM): ${query.preferredTime}`);
  const relevant = query.busy.filter((b) => query.resourceIds.includes(b.resourceId));
  // The request and each booking occupy [start, end + travel); two occupations must not overlap.
  const isFree = (start: number, end: number) =>
    relevant.every((b) => occupiedUntil(b) <= start || b.start.getTime() >= end + travelAfterMinutes * MINUTE);
  const slots: Slot[] = [];
  let date = workingDayOnOrAfter(query.fromDate);
  for (let day = 0; day < days && slots.length < limit; day++) {
    const hours = sharedHours(date, query.resourceIds, query.workingHours);
    if (hours) {
      const opens = berlinDateTime(date, hours.start).getTime();
      const noon = berlinDateTime(date, NOON).getTime();
      const openMinutes = minutesOf(hours.start);
      const closeMinutes = minutesOf(hours.end);
      const daySlots: Slot[] = [];
      // Walk the wall clock, not the instants: the grid stays at :00/:30 on the days the clock changes.
      for (let m = openMinutes; m + durationMinutes <= closeMinutes; m += step) {
        const start = berlinDateTime(date, clock(m)).getTime();
        const end = start + durationMinutes * MINUTE;
        if (start < opens || end > berlinDateTime(date, clock(closeMinutes)).getTime()) continue;
        if (query.partOfDay === 'morning' && start >= noon) break;
        if (query.partOfDay === 'afternoon' && start < noon) continue;
        if (query.notBefore && start < query.notBefore.getTime()) continue;
        if (isFree(start, end)) daySlots.push({ start: new Date(start), end: new Date(end) });
      }
      if (query.preferredTime !== undefined) {
        const wanted = berlinDateTime(date, query.preferredTime).getTime();
        const distance = (s: Slot) => Math.abs(s.start.getTime() - wanted);
        daySlots.sort((a, b) => distance(a) - distance(b) || a.start.getTime() - b.start.getTime());
        daySlots.splice(query.perDay ?? 3);
      }
      for (const slot of daySlots) if (slots.length < limit) slots.push(slot);
    }
    date = workingDayOnOrAfter(addDays(date, 1));
  }
  return slots;
}

function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
