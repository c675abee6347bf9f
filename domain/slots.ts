import { addDays, berlinDateTime, isValidDate, workingDayOnOrAfter } from './calendar';

/** Service hours on the Berlin wall clock, Monday to Friday except public holidays. */
export const WORKING_HOURS = { start: '08:00', end: '17:00' } as const;
/** Where "morning" ends and "afternoon" begins. */
export const NOON = '12:00';

export type PartOfDay = 'morning' | 'afternoon';

export interface BusyPeriod {
  resourceId: string;
  start: Date;
  end: Date;
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
  /** Grid of possible start times from 08:00, in minutes. */
  step?: number;
  /** Slots starting before this instant are left out (pass the current time). */
  notBefore?: Date;
  /** Stop after this many slots. */
  limit?: number;
}

const MINUTE = 60_000;

/** Free slots in time order; a slot never runs past 17:00 and never falls on a non-working day. */
export function findSlots(query: SlotQuery): Slot[] {
  const { durationMinutes, days, step = 30, limit = Infinity } = query;
  if (!Number.isInteger(durationMinutes) || durationMinutes < 1) throw new RangeError(`durationMinutes must be a positive integer, got ${durationMinutes}`);
  if (!Number.isInteger(step) || step < 1) throw new RangeError(`step must be a positive integer of minutes, got ${step}`);
  if (!isValidDate(query.fromDate)) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${query.fromDate}`);
  const relevant = query.busy.filter((b) => query.resourceIds.includes(b.resourceId));
  const isFree = (start: number, end: number) => relevant.every((b) => b.end.getTime() <= start || b.start.getTime() >= end);
  const slots: Slot[] = [];
  let date = workingDayOnOrAfter(query.fromDate);
  for (let day = 0; day < days && slots.length < limit; day++) {
    const opens = berlinDateTime(date, WORKING_HOURS.start).getTime();
    const closes = berlinDateTime(date, WORKING_HOURS.end).getTime();
    const noon = berlinDateTime(date, NOON).getTime();
    for (let start = opens; start + durationMinutes * MINUTE <= closes && slots.length < limit; start += step * MINUTE) {
      const end = start + durationMinutes * MINUTE;
      if (query.partOfDay === 'morning' && start >= noon) break;
      if (query.partOfDay === 'afternoon' && start < noon) continue;
      if (query.notBefore && start < query.notBefore.getTime()) continue;
      if (isFree(start, end)) slots.push({ start: new Date(start), end: new Date(end) });
    }
    date = workingDayOnOrAfter(addDays(date, 1));
  }
  return slots;
}
