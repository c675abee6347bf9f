import { addDays, berlinDateTime, berlinTimeOf, berlinToday } from './calendar';

/**
 * Hours of the Berlin wall clock in which customers are not written to, e.g. 20:00 to 08:00. A window may run
 * over midnight (start > end) or lie within one day (start < end); start = end means none at all.
 */
export interface QuietHours {
  start: string; // 'HH:MM'
  end: string; // 'HH:MM'
}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** '20:00-08:00' → the window; 'off' or '' → null (no quiet hours); anything else → undefined (not readable). */
export function parseQuietHours(text: string): QuietHours | null | undefined {
  const value = text.trim();
  if (value === '' || /^(off|none|0)$/i.test(value)) return null;
  const m = /^(\d\d:\d\d)\s*-\s*(\d\d:\d\d)$/.exec(value);
  if (!m || !HHMM.test(m[1]) || !HHMM.test(m[2])) return undefined;
  return m[1] === m[2] ? null : { start: m[1], end: m[2] };
}

function insideWindow(time: string, q: QuietHours): boolean {
  // 'HH:MM' strings compare like times.
  return q.start < q.end ? time >= q.start && time < q.end : time >= q.start || time < q.end;
}

/**
 * When a message held by quiet hours may go out: null when `now` is outside them (send now), else the next
 * instant the window ends on the Berlin clock.
 */
export function quietUntil(now: Date, quiet: QuietHours | null): Date | null {
  if (!quiet || !insideWindow(berlinTimeOf(now), quiet)) return null;
  const today = berlinToday(now);
  const endToday = berlinDateTime(today, quiet.end);
  return endToday.getTime() > now.getTime() ? endToday : berlinDateTime(addDays(today, 1), quiet.end);
}
