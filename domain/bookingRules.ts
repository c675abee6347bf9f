import { statusesWhere, type OrderStatus } from './lifecycle';
import { addDays, berlinDateOf, berlinDateTime } from './calendar';
import { assertCents, roundHalfUp } from './money';

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

/** Hour (Berlin) of the day before an appointment at which the customer is reminded (configurable: REMINDER_HOUR). */
export const DEFAULT_REMINDER_HOUR = 18;

/**
 * When the reminder of an appointment is due: the day before at the reminder hour, or at once when that has
 * passed (booked late the evening before); null when the appointment itself has begun.
 */
export function reminderDueAt(start: Date, now: Date, hour: number = DEFAULT_REMINDER_HOUR): Date | null {
  if (start.getTime() <= now.getTime()) return null;
  const due = berlinDateTime(addDays(berlinDateOf(start), -1), `${String(hour).padStart(2, '0')}:00`);
  return due.getTime() > now.getTime() ? due : now;
}

/** The dedupe key of an appointment's reminder: one per booking and appointment day. */
export function reminderKey(bookingId: number, start: Date): string {
  return `appointment-reminder:${bookingId}:${berlinDateOf(start)}`;
}

/** Cancelling at least this long before the start is free. */
export const FREE_CANCELLATION_HOURS = 24;
/** Share of the service's price charged for a later cancellation (configurable: LATE_CANCELLATION_FEE_PERCENT). */
export const DEFAULT_LATE_FEE_PERCENT = 50;

/**
 * What cancelling an appointment costs at `now`: nothing until 24 hours before its start, later the fee share of
 * the service line's net price, rounded half up to the cent (the one rounding rule of domain/money).
 */
export function cancellationFee(start: Date, now: Date, lineNetCents: number, percent: number = DEFAULT_LATE_FEE_PERCENT): { late: boolean; feeCents: number } {
  const late = start.getTime() - now.getTime() < FREE_CANCELLATION_HOURS * 3_600_000;
  assertCents(lineNetCents, 'lineNetCents');
  return { late, feeCents: late ? roundHalfUp(lineNetCents * percent, 100) : 0 };
}

/**
 * The steps that take an order whose services are all performed to 'performed', following the lifecycle table:
 * a technician reporting the visit implies preparation and execution. null: the order cannot be performed now
 * (goods still to be delivered, or cancelled, held, already invoiced).
 */
export function stepsToPerformed(status: OrderStatus, hasGoods: boolean): OrderStatus[] | null {
  if (status === 'delivered') return ['performed'];
  if (hasGoods) return null;
  const path: Partial<Record<OrderStatus, OrderStatus[]>> = {
    confirmed: ['in_preparation', 'in_execution', 'performed'],
    in_preparation: ['in_execution', 'performed'],
    in_execution: ['performed'],
  };
  return path[status] ?? null;
}

/** A visit's actual length must be a whole number of minutes between 1 and 24 hours. */
export function isValidActualMinutes(minutes: unknown): minutes is number {
  return typeof minutes === 'number' && Number.isInteger(minutes) && minutes >= 1 && minutes <= 24 * 60;
}
