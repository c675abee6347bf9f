import { findServiceSlots } from '../data/bookings';
import type { Db } from '../data/db';
import type { Actor } from '../data/orders';
import { berlinToday, workingDayOnOrAfter, nextWorkingDay } from '../domain/calendar';
import { placeOrder } from './placeOrder';

/** One appointment of the demo: whose, which service, how many units, at (or nearest) which time. */
interface DemoAppointment {
  customerNumber: string;
  sku: string;
  quantity: number;
  time: string;
}

/** Tom Richter's two on-site jobs and Lena Wolf's consulting on the demo day, and one each the working day after. */
const firstDay: DemoAppointment[] = [
  { customerNumber: '10001', sku: 'SVC-PRINTER', quantity: 1, time: '09:00' },
  { customerNumber: '10003', sku: 'SVC-SETUP', quantity: 1, time: '13:30' },
  { customerNumber: '10002', sku: 'SVC-CONSULT', quantity: 2, time: '10:00' },
];
const secondDay: DemoAppointment[] = [
  { customerNumber: '10002', sku: 'SVC-SETUP', quantity: 1, time: '10:00' },
  { customerNumber: '10001', sku: 'SVC-CONSULT', quantity: 1, time: '14:00' },
];

/**
 * Books the demo's appointments through placeOrder, as the first sales person, relative to `now`: the demo day is
 * today when it is a working day with time left, else the next working day. Only into a database without orders
 * (a freshly seeded demo), so the technicians' "meine Termine heute" is not empty; returns the order numbers.
 */
export async function bookDemoAppointments(db: Db, now: Date): Promise<string[]> {
  const orders = await db('orders').count({ n: '*' }).first();
  if (Number(orders?.n ?? 0) > 0) return [];
  const seller = await db('persons').where({ role: 'sales' }).orderBy('id').first('id');
  if (!seller) return [];
  const actor: Actor = { personId: Number(seller.id), role: 'sales', customerId: null, channel: 'seed' };
  const today = workingDayOnOrAfter(berlinToday(now));
  // Late on a working day nothing fits any more: the demo day is then the next one.
  const fits = (await findServiceSlots(db, 'SVC-PRINTER', { fromDate: today, days: 1, limit: 1 }, now)).some((s) => berlinToday(new Date(s.start)) === today);
  const day1 = fits ? today : nextWorkingDay(today);
  const numbers: string[] = [];
  for (const [day, plan] of [[day1, firstDay], [nextWorkingDay(day1), secondDay]] as const) {
    for (const a of plan) {
      const customer = await db('customers').where({ number: a.customerNumber }).first('id');
      if (!customer) continue;
      const [slot] = await findServiceSlots(db, a.sku, { fromDate: day, days: 1, quantity: a.quantity, preferredTime: a.time, perDay: 1, limit: 1 }, now);
      if (!slot || berlinToday(new Date(slot.start)) !== day) continue;
      const placed = await placeOrder(db, actor, { customerId: Number(customer.id), lines: [{ sku: a.sku, quantity: a.quantity }], serviceSlots: [{ sku: a.sku, start: slot.start }] }, now);
      if (placed.ok) numbers.push(placed.order.number);
    }
  }
  return numbers;
}
