import type { Db } from '../../data/db';
import { listInvoices, type StoredInvoice } from '../../data/invoices';
import type { Actor } from '../../data/orders';
import { placeOrder, recordShipment, transitionOrder } from '../../operations';

/** Places an order, ships all of it and marks it delivered: the order is invoiced, its invoice issued. */
export async function invoicedOrder(
  db: Db, customer: Actor, sales: Actor, lines: { sku: string; quantity: number }[], now: Date,
): Promise<{ orderNumber: string; orderId: number; invoices: StoredInvoice[] }> {
  const placed = await placeOrder(db, customer, { customerId: customer.customerId!, lines }, now);
  if (!placed.ok) throw new Error(JSON.stringify(placed.problems));
  const number = placed.order.number;
  for (const to of ['in_preparation', 'in_execution', 'ready_to_ship'] as const) {
    const moved = await transitionOrder(db, sales, number, { to }, now);
    if (!moved.ok) throw new Error(`${number} → ${to}: ${JSON.stringify(moved)}`);
  }
  const shipped = await recordShipment(db, sales, number, { carrier: 'DHL', trackingNumber: 'T', lines: lines.map((l, i) => ({ lineNo: i + 1, quantity: l.quantity })) }, now);
  if (!shipped.ok) throw new Error(JSON.stringify(shipped));
  const delivered = await transitionOrder(db, sales, number, { to: 'delivered' }, now);
  if (!delivered.ok) throw new Error(JSON.stringify(delivered));
  return { orderNumber: number, orderId: placed.order.id, invoices: await listInvoices(db, { orderId: placed.order.id }) };
}

export async function orderStatus(db: Db, number: string): Promise<string> {
  return (await db('orders').where({ number }).first('status')).status;
}
