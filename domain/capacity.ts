import { addDays, isValidDate, workingDayOnOrAfter } from './calendar';
import { MAX_LINE_QUANTITY, planningHorizonEnd, type OrderLimits } from './order';

/** Whether a plan ends within the planning horizon. */
export function withinPlanningHorizon(completionDate: string, today: string, limits: Pick<OrderLimits, 'planningHorizonDays'>): boolean {
  return completionDate <= planningHorizonEnd(today, limits);
}

export interface ProductionRequest {
  quantity: number;
  unitsPerDay: number;
  /** Units already booked on the machine per date (YYYY-MM-DD). */
  booked: Readonly<Record<string, number>>;
  /** First day production may start; a weekend or holiday moves it to the next working day. */
  from: string;
}

export interface ProductionPlan {
  allocations: { date: string; units: number }[];
  completionDate: string;
}

/**
 * Fills the earliest working days that still have free machine capacity until the quantity is made.
 * The walk goes one day at a time, so quantities above a line's maximum are refused rather than planned for years.
 */
export function planProduction({ quantity, unitsPerDay, booked, from }: ProductionRequest): ProductionPlan {
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_LINE_QUANTITY) {
    throw new RangeError(`quantity must be an integer from 1 to ${MAX_LINE_QUANTITY}, got ${quantity}`);
  }
  if (!Number.isInteger(unitsPerDay) || unitsPerDay < 1) throw new RangeError(`unitsPerDay must be a positive integer, got ${unitsPerDay}`);
  if (!isValidDate(from)) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${from}`);
  const allocations: { date: string; units: number }[] = [];
  let left = quantity;
  let day = workingDayOnOrAfter(from);
  while (left > 0) {
    const free = Math.max(0, unitsPerDay - (booked[day] ?? 0));
    const units = Math.min(free, left);
    if (units > 0) {
      allocations.push({ date: day, units });
      left -= units;
    }
    if (left > 0) day = workingDayOnOrAfter(addDays(day, 1));
  }
  return { allocations, completionDate: day };
}
