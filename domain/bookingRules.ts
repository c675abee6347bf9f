import { statusesWhere, type OrderStatus } from './lifecycle';

/** Statuses in which a booked appointment may still be moved (see the lifecycle table). */
export const reschedulableStatuses: readonly OrderStatus[] = statusesWhere('reschedulable');

export type RescheduleRefusal = 'not_before_execution' | 'already_started';

/** Whether an appointment of an order in this status, starting at `start`, may be moved at `now`. */
export function checkReschedule(status: OrderStatus, start: Date, now: Date): { ok: true } | { ok: false; code: RescheduleRefusal } {
  if (!reschedulableStatuses.includes(status)) return { ok: false, code: 'not_before_execution' };
  if (start.getTime() <= now.getTime()) return { ok: false, code: 'already_started' };
  return { ok: true };
}

/**
 * The promised date after an appointment moved: the latest of the dates that still hold. The old promised date
 * counts only when something other than the old appointment day had set it (a backorder or a requested date).
 */
export function promisedAfterMove(parts: {
  oldPromised: string | null;
  oldAppointmentDay: string;
  otherDates: readonly (string | null)[];
  newAppointmentDay: string;
}): string {
  const dates = [parts.newAppointmentDay, ...parts.otherDates];
  if (parts.oldPromised && parts.oldPromised !== parts.oldAppointmentDay) dates.push(parts.oldPromised);
  return dates.filter((d): d is string => !!d).reduce((a, b) => (a > b ? a : b));
}
