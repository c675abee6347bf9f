import type { Knex } from 'knex';
import { planProduction } from '../domain/capacity';
import { productionStart } from '../domain/orderChecks';
import type { Db } from './db';

type Conn = Db | Knex.Transaction;

/** Units already booked on a machine per date, from a date on. */
export async function bookedMachineUnits(db: Conn, resourceId: string, fromDate: string): Promise<Record<string, number>> {
  const rows = await db('capacity_bookings')
    .where({ resource_id: resourceId })
    .where('date', '>=', fromDate)
    .groupBy('date')
    .select('date')
    .sum({ units: 'units' });
  return Object.fromEntries(rows.map((r: any) => [r.date, Number(r.units)]));
}

async function machineCapacity(db: Conn, resourceId: string): Promise<number> {
  const row = await db('resources').where({ id: resourceId }).first('units_per_day');
  if (!row || row.units_per_day == null) throw new Error(`resource ${resourceId} has no daily capacity`);
  return Number(row.units_per_day);
}

export interface ProductionPlan {
  resourceId: string;
  allocations: { date: string; units: number }[];
  completionDate: string;
}

/**
 * Plans made-to-order lines into the earliest free machine days, one after the other, so later lines of the same
 * draft see the days earlier ones took. The one planning loop of drafting and placing.
 */
export async function planMachineDays(
  db: Conn,
  lines: readonly { resourceId: string; quantity: number }[],
  today: string,
): Promise<ProductionPlan[]> {
  const from = productionStart(today);
  const booked = new Map<string, Record<string, number>>();
  const plans: ProductionPlan[] = [];
  for (const line of lines) {
    const already = booked.get(line.resourceId) ?? (await bookedMachineUnits(db, line.resourceId, from));
    const plan = planProduction({ quantity: line.quantity, unitsPerDay: await machineCapacity(db, line.resourceId), booked: already, from });
    const next = { ...already };
    for (const a of plan.allocations) next[a.date] = (next[a.date] ?? 0) + a.units;
    booked.set(line.resourceId, next);
    plans.push({ resourceId: line.resourceId, ...plan });
  }
  return plans;
}

export async function insertCapacityBookings(trx: Knex.Transaction, orderId: number, plan: ProductionPlan): Promise<void> {
  await trx('capacity_bookings').insert(plan.allocations.map((a) => ({ resource_id: plan.resourceId, date: a.date, units: a.units, order_id: orderId })));
}
