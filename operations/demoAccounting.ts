import type { Db } from '../data/db';
import type { Actor } from '../data/orders';
import { dropPendingWrittenBefore } from '../data/outbox';
import { berlinToday } from '../domain/calendar';
import { bookPayment } from './bookPayment';
import { transitionOrder } from './moveOrder';
import { placeOrder } from './placeOrder';
import { recordShipment } from './recordShipment';

/** One goods order of the demo's past: whose, what, shipped how many days before the demo starts, and whether paid. */
interface DemoDelivery {
  customerNumber: string;
  lines: { sku: string; quantity: number }[];
  shippedDaysAgo: number;
  paid: boolean;
}

/** An overdue invoice (Müller Bau), one still within its terms (Café Sonnenschein) and a paid one (Anna Schmidt). */
const deliveries: DemoDelivery[] = [
  { customerNumber: '10001', lines: [{ sku: 'PAPER-A4', quantity: 20 }, { sku: 'COFFEE-1KG', quantity: 4 }], shippedDaysAgo: 45, paid: false },
  { customerNumber: '10002', lines: [{ sku: 'COFFEE-1KG', quantity: 6 }], shippedDaysAgo: 5, paid: false },
  { customerNumber: '10003', lines: [{ sku: 'PAPER-A4', quantity: 5 }], shippedDaysAgo: 20, paid: true },
];

const DAY = 86_400_000;

/**
 * Gives a fresh demo a past the accountant can work with: goods orders placed, shipped and so invoiced days or
 * weeks before `now` (through the same operations as every order, dated back), one of them paid. Only once: when
 * the database holds no invoice yet; the messages those operations queued are dropped as long told. Returns the
 * invoice numbers.
 */
export async function bookDemoAccounting(db: Db, now: Date): Promise<string[]> {
  const invoices = await db('invoices').count({ n: '*' }).first();
  if (Number(invoices?.n ?? 0) > 0) return [];
  const staff = async (role: string): Promise<Actor | null> => {
    const person = await db('persons').where({ role }).orderBy('id').first('id');
    return person ? { personId: Number(person.id), role: role as Actor['role'], customerId: null, channel: 'seed' } : null;
  };
  const [sales, accounting] = [await staff('sales'), await staff('accountant')];
  if (!sales || !accounting) return [];
  const numbers: string[] = [];
  for (const d of deliveries) {
    const customer = await db('customers').where({ number: d.customerNumber }).first('id');
    if (!customer) continue;
    const shippedAt = new Date(now.getTime() - d.shippedDaysAgo * DAY);
    const placed = await placeOrder(db, sales, { customerId: Number(customer.id), lines: d.lines }, new Date(shippedAt.getTime() - 2 * DAY));
    if (!placed.ok) continue;
    for (const to of ['in_preparation', 'in_execution', 'ready_to_ship'] as const) await transitionOrder(db, sales, placed.order.number, { to }, shippedAt);
    const shipped = await recordShipment(db, sales, placed.order.number, {
      carrier: 'DHL', trackingNumber: `00340434161094${String(numbers.length + 1).padStart(6, '0')}`,
      lines: d.lines.map((l, i) => ({ lineNo: i + 1, quantity: l.quantity })),
    }, shippedAt);
    if (!shipped.ok) continue;
    await transitionOrder(db, sales, placed.order.number, { to: 'delivered' }, new Date(shippedAt.getTime() + DAY));
    const invoice = await db('invoices').where({ order_id: placed.order.id }).first('number', 'gross_cents');
    if (!invoice) continue;
    numbers.push(invoice.number);
    if (d.paid) {
      const paidAt = new Date(shippedAt.getTime() + 7 * DAY);
      await bookPayment(db, accounting, {
        reference: `demo:${invoice.number}`, amountCents: Number(invoice.gross_cents), invoiceNumbers: [invoice.number],
        date: berlinToday(paidAt), source: 'rest',
      }, paidAt);
    }
  }
  // Its messages (confirmations, shipped, invoices with links long expired) belong to that past, not to today's chat.
  await dropPendingWrittenBefore(db, new Date(now.getTime() - DAY), 'demo history');
  return numbers;
}
