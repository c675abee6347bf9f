import type { Db } from '../../data/db';
import { listInvoices } from '../../data/invoices';
import { creditExposure, type Actor } from '../../data/orders';
import { placeOrder, recordShipment, transitionOrder } from '../../operations';
import { describeEachDatabase } from '../support/databases';
import { demoActors, monday } from '../orders/actors';

async function place(db: Db, actor: Actor, customerId: number, lines: { sku: string; quantity: number }[], now = monday) {
  const placed = await placeOrder(db, actor, { customerId, lines }, now);
  if (!placed.ok) throw new Error(JSON.stringify(placed.problems));
  return placed.order;
}

async function shipAll(db: Db, sales: Actor, number: string, lines: { lineNo: number; quantity: number }[], now = monday) {
  for (const to of ['in_preparation', 'in_execution', 'ready_to_ship'] as const) await transitionOrder(db, sales, number, { to }, now);
  const shipped = await recordShipment(db, sales, number, { carrier: 'DHL', trackingNumber: 'T', lines }, now);
  if (!shipped.ok) throw new Error(JSON.stringify(shipped));
}

describeEachDatabase('credit exposure with invoices', ({ get }) => {
  it('counts accepted orders until invoiced and open invoices after, once each; a paid invoice stops counting', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const cafe = a.customers.cafe; // credit limit 1,000 €
    const first = await place(db, a.cafe, cafe, [{ sku: 'CHAIR-ERGO', quantity: 2 }]); // 830.62 € gross
    expect(first.status).toBe('confirmed');
    expect((await creditExposure(db, cafe)).openReceivablesCents).toBe(83062);
    expect((await place(db, a.cafe, cafe, [{ sku: 'CHAIR-ERGO', quantity: 1 }])).holdReason).toBe('credit_limit');

    // Shipped half: the invoice counts for what left, the order for the rest, together still the order's total.
    await shipAll(db, a.sales, first.number, [{ lineNo: 1, quantity: 1 }]);
    expect((await creditExposure(db, cafe)).openReceivablesCents).toBe(83062);
    await recordShipment(db, a.sales, first.number, { carrier: 'DHL', trackingNumber: 'T2', lines: [{ lineNo: 1, quantity: 1 }] }, monday);
    const invoices = await listInvoices(db, { orderId: first.id });
    expect(invoices.map((i) => i.grossCents)).toEqual([41531, 41531]);
    expect((await creditExposure(db, cafe)).openReceivablesCents).toBe(83062);
    expect((await place(db, a.cafe, cafe, [{ sku: 'CHAIR-ERGO', quantity: 1 }])).holdReason).toBe('credit_limit');

    // Payments are the next issue's; here the paid amount is set directly to show that paid invoices stop counting.
    for (const i of invoices) await db('invoices').where({ id: i.id }).update({ paid_cents: i.grossCents });
    expect((await creditExposure(db, cafe)).openReceivablesCents).toBe(0);
    expect((await place(db, a.cafe, cafe, [{ sku: 'CHAIR-ERGO', quantity: 1 }])).status).toBe('confirmed');
  });

  it('an invoice overdue by more than 30 days puts new orders on hold, also without a credit limit', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const january = new Date('2026-01-05T09:00:00Z');
    const old = await place(db, a.schmidt, a.customers.schmidt, [{ sku: 'PAPER-A4', quantity: 1 }], january);
    await shipAll(db, a.sales, old.number, [{ lineNo: 1, quantity: 1 }], january);
    const [invoice] = await listInvoices(db, { orderId: old.id });
    expect(invoice.dueDate).toBe('2026-01-19'); // net 14

    // 30 days after the due date is still fine; 31 is not.
    expect((await place(db, a.schmidt, a.customers.schmidt, [{ sku: 'PAPER-A4', quantity: 1 }], new Date('2026-02-18T09:00:00Z'))).status).toBe('confirmed');
    const held = await place(db, a.schmidt, a.customers.schmidt, [{ sku: 'PAPER-A4', quantity: 1 }], new Date('2026-02-19T09:00:00Z'));
    expect(held).toMatchObject({ status: 'on_hold', holdReason: 'overdue_invoices' });
  });
});
