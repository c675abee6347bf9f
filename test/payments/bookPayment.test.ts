import { findInvoice } from '../../data/invoices';
import { customerCreditCents } from '../../data/payments';
import { bookPayment } from '../../operations/bookPayment';
import { reversePayment } from '../../operations/reversePayment';
import { demoActors, monday } from '../orders/actors';
import { describeEachDatabase } from '../support/databases';
import { invoicedOrder, orderStatus } from './helpers';

describeEachDatabase('booking payments', ({ get }) => {
  it('partial payment, then the rest: open → partially paid → paid, the order moves to paid and closed', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const { orderNumber, invoices } = await invoicedOrder(db, a.mueller, a.sales, [{ sku: 'PAPER-A4', quantity: 10 }], monday);
    expect(await orderStatus(db, orderNumber)).toBe('invoiced');
    const [invoice] = invoices;
    const part = await bookPayment(db, a.accounting, { reference: 'chat:1', amountCents: 1000, invoiceNumbers: [invoice.number], source: 'chat' }, monday);
    expect(part).toMatchObject({ ok: true, duplicate: false, creditCents: 0 });
    expect((await findInvoice(db, invoice.number))!.paidCents).toBe(1000);
    expect(await orderStatus(db, orderNumber)).toBe('invoiced');

    // A retry of the same reference books nothing again.
    const again = await bookPayment(db, a.accounting, { reference: 'chat:1', amountCents: 1000, invoiceNumbers: [invoice.number], source: 'chat' }, monday);
    expect(again).toMatchObject({ ok: true, duplicate: true });
    expect((await findInvoice(db, invoice.number))!.paidCents).toBe(1000);

    const rest = await bookPayment(db, a.accounting, { reference: 'chat:2', amountCents: invoice.grossCents - 1000, customerNumber: '10001', source: 'chat' }, monday);
    expect(rest).toMatchObject({ ok: true, settledOrders: [orderNumber] });
    expect((await findInvoice(db, invoice.number))!.openCents).toBe(0);
    expect(await orderStatus(db, orderNumber)).toBe('closed');
    const history = await db('order_history').join('orders', 'orders.id', 'order_history.order_id').where('orders.number', orderNumber).orderBy('order_history.id').select('to_status');
    expect(history.map((h: any) => h.to_status).slice(-2)).toEqual(['paid', 'closed']);
  });

  it('one transfer pays several invoices oldest first, the rest becomes credit; a reversal reopens them, never deletes', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const first = await invoicedOrder(db, a.schmidt, a.sales, [{ sku: 'PAPER-A4', quantity: 2 }], new Date('2026-02-02T09:00:00Z'));
    const second = await invoicedOrder(db, a.schmidt, a.sales, [{ sku: 'PAPER-A4', quantity: 3 }], new Date('2026-02-09T09:00:00Z'));
    const [i1, i2] = [first.invoices[0], second.invoices[0]];
    const amount = i1.grossCents + i2.grossCents + 500;
    const paid = await bookPayment(db, a.accounting, { reference: 'rest:abc', amountCents: amount, customerNumber: '10003', source: 'rest' }, monday);
    if (!paid.ok) throw new Error(paid.code);
    expect(paid.payment.allocations).toEqual([
      { invoiceNumber: i1.number, cents: i1.grossCents }, { invoiceNumber: i2.number, cents: i2.grossCents }, { invoiceNumber: null, cents: 500 },
    ]);
    expect(paid.customerCreditCents).toBe(500);
    expect(paid.settledOrders.sort()).toEqual([first.orderNumber, second.orderNumber].sort());

    expect(await reversePayment(db, a.accounting, { reference: 'rest:abc' }, '  ')).toEqual({ ok: false, code: 'reason_required' });
    const reversed = await reversePayment(db, a.accounting, { reference: 'rest:abc' }, 'Rücklastschrift', monday);
    if (!reversed.ok) throw new Error(reversed.code);
    expect(reversed.reversal.amountCents).toBe(-amount);
    expect(reversed.customerCreditCents).toBe(0);
    expect((await findInvoice(db, i1.number))!.openCents).toBe(i1.grossCents);
    expect(await reversePayment(db, a.accounting, { reference: 'rest:abc' }, 'again', monday)).toEqual({ ok: false, code: 'already_reversed' });
    expect(await db('payments').where('reference', 'rest:abc').first()).toBeTruthy();
    expect(await customerCreditCents(db, a.customers.schmidt)).toBe(0);
  });

  it('reversing the payment of a closed order reopens it to invoiced through the lifecycle, recorded in its history', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const { orderNumber, invoices } = await invoicedOrder(db, a.mueller, a.sales, [{ sku: 'PAPER-A4', quantity: 4 }], monday);
    const [invoice] = invoices;
    const part = await bookPayment(db, a.accounting, { reference: 'chat:part', amountCents: 500, invoiceNumbers: [invoice.number], source: 'chat' }, monday);
    const rest = await bookPayment(db, a.accounting, { reference: 'chat:rest', amountCents: invoice.grossCents - 500, invoiceNumbers: [invoice.number], source: 'chat' }, monday);
    expect(part.ok && rest.ok).toBe(true);
    expect(await orderStatus(db, orderNumber)).toBe('closed');

    const later = new Date(monday.getTime() + 3_600_000);
    const reversed = await reversePayment(db, a.accounting, { reference: 'chat:rest' }, 'Falsch gebucht', later);
    expect(reversed.ok).toBe(true);
    expect(await orderStatus(db, orderNumber)).toBe('invoiced');
    const after = (await findInvoice(db, invoice.number))!;
    expect(after.paidCents).toBe(500);
    expect(after.openCents).toBe(invoice.grossCents - 500);
    const history = await db('order_history').join('orders', 'orders.id', 'order_history.order_id').where('orders.number', orderNumber)
      .orderBy('order_history.id').select('from_status', 'to_status', 'actor_role', 'reason', 'details');
    const last = history.at(-1);
    expect(last).toMatchObject({ from_status: 'closed', to_status: 'invoiced', actor_role: 'system', reason: 'Falsch gebucht' });
    expect(JSON.parse(last.details)).toMatchObject({ event: 'reopened_by_reversal', payment: 'chat:rest', reversal: 'reversal:chat:rest' });
    expect(history.at(-2)).toMatchObject({ from_status: 'closed', to_status: 'closed' });

    // Reversing the other part too keeps it invoiced (one step back, not two); paying again settles it again.
    expect((await reversePayment(db, a.accounting, { reference: 'chat:part' }, 'Auch falsch', later)).ok).toBe(true);
    expect(await orderStatus(db, orderNumber)).toBe('invoiced');
    expect((await findInvoice(db, invoice.number))!.paidCents).toBe(0);
    const again = await bookPayment(db, a.accounting, { reference: 'chat:again', amountCents: invoice.grossCents, invoiceNumbers: [invoice.number], source: 'chat' }, later);
    expect(again).toMatchObject({ ok: true, settledOrders: [orderNumber] });
    expect(await orderStatus(db, orderNumber)).toBe('closed');
  });

  it('reversing a payment of an order that stays paid by other payments does not reopen it', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const { orderNumber, invoices } = await invoicedOrder(db, a.mueller, a.sales, [{ sku: 'PAPER-A4', quantity: 2 }], monday);
    const [invoice] = invoices;
    expect((await bookPayment(db, a.accounting, { reference: 'chat:full', amountCents: invoice.grossCents, invoiceNumbers: [invoice.number], source: 'chat' }, monday)).ok).toBe(true);
    // Paid once more by mistake: the second transfer is credit; reversing it leaves the order closed.
    expect((await bookPayment(db, a.accounting, { reference: 'chat:twice', amountCents: 700, invoiceNumbers: [invoice.number], source: 'chat' }, monday)).ok).toBe(true);
    expect((await reversePayment(db, a.accounting, { reference: 'chat:twice' }, 'Doppelt', monday)).ok).toBe(true);
    expect(await orderStatus(db, orderNumber)).toBe('closed');
  });

  it('names only the invoices the remittance names (§366 BGB) and checks who books', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const older = await invoicedOrder(db, a.cafe, a.sales, [{ sku: 'PAPER-A4', quantity: 1 }], new Date('2026-02-02T09:00:00Z'));
    const newer = await invoicedOrder(db, a.cafe, a.sales, [{ sku: 'PAPER-A4', quantity: 1 }], new Date('2026-02-16T09:00:00Z'));
    const named = await bookPayment(db, a.accounting, { reference: 'n1', amountCents: newer.invoices[0].grossCents, invoiceNumbers: [newer.invoices[0].number], source: 'chat' }, monday);
    expect(named.ok && named.payment.allocations).toEqual([{ invoiceNumber: newer.invoices[0].number, cents: newer.invoices[0].grossCents }]);
    expect((await findInvoice(db, older.invoices[0].number))!.paidCents).toBe(0);
    expect(await bookPayment(db, a.sales, { reference: 'n2', amountCents: 100, customerNumber: '10002', source: 'chat' }, monday)).toEqual({ ok: false, code: 'forbidden' });
    expect(await bookPayment(db, a.cafe, { reference: 'n3', amountCents: 100, customerNumber: '10002', source: 'chat' }, monday)).toEqual({ ok: false, code: 'forbidden' });
    expect(await bookPayment(db, a.accounting, { reference: 'n4', amountCents: 0, customerNumber: '10002', source: 'chat' }, monday)).toMatchObject({ ok: false, code: 'not_positive' });
    expect(await bookPayment(db, a.accounting, { reference: 'n5', amountCents: 100, customerNumber: '99999', source: 'chat' }, monday)).toEqual({ ok: false, code: 'customer_unknown' });
  });
});
