import { findInvoice } from '../../data/invoices';
import { customerCreditCents } from '../../data/payments';
import { applyCredit } from '../../operations/applyCredit';
import { bookPayment } from '../../operations/bookPayment';
import { reversePayment } from '../../operations/reversePayment';
import { matchPaymentCommand } from '../../dialogs/paymentCommands';
import { demoActors, monday } from '../orders/actors';
import { describeEachDatabase } from '../support/databases';
import { invoicedOrder, orderStatus } from './helpers';

const later = (hours: number) => new Date(monday.getTime() + hours * 3_600_000);

describeEachDatabase('customer credit against the next invoice', ({ get }) => {
  it('an overpayment is credit; the next invoice offers it to the accountants; the offer books it once, in one transaction', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const first = await invoicedOrder(db, a.mueller, a.sales, [{ sku: 'PAPER-A4', quantity: 2 }], monday);
    const paid = await bookPayment(db, a.accounting, { reference: 'rest:over', amountCents: first.invoices[0].grossCents + 1200, invoiceNumbers: [first.invoices[0].number], source: 'rest' }, monday);
    expect(paid).toMatchObject({ ok: true, creditCents: 1200, customerCreditCents: 1200 });

    const second = await invoicedOrder(db, a.mueller, a.sales, [{ sku: 'PAPER-A4', quantity: 5 }], later(1));
    const invoice = second.invoices[0];
    // Every accountant (and only they) is offered it, once per invoice.
    const offers = await db('outbox').where({ kind: 'credit_offer' }).select('dedupe_key', 'recipient_role', 'payload');
    const accountants = await db('persons').where({ role: 'accountant' }).count({ n: '*' }).first();
    expect(offers).toHaveLength(Number(accountants!.n));
    for (const o of offers) {
      expect(o.recipient_role).toBe('accountant');
      expect(o.dedupe_key).toMatch(new RegExp(`^credit-offer:${invoice.number}:\\d+$`));
      expect(JSON.parse(o.payload)).toMatchObject({ invoiceNumber: invoice.number });
    }

    const applied = await applyCredit(db, a.accounting, { reference: `credit-offer:${invoice.number}`, invoiceNumber: invoice.number }, later(2));
    expect(applied).toMatchObject({ ok: true, duplicate: false, usedCents: 1200, customerName: 'Müller Bau GmbH', invoices: [{ number: invoice.number, cents: 1200 }], creditLeftCents: 0 });
    expect((await findInvoice(db, invoice.number))!.openCents).toBe(invoice.grossCents - 1200);
    expect(await customerCreditCents(db, a.customers.mueller)).toBe(0);

    // The button pressed again, or the chat command after it: nothing twice.
    expect(await applyCredit(db, a.accounting, { reference: `credit-offer:${invoice.number}`, invoiceNumber: invoice.number }, later(3))).toMatchObject({ ok: true, duplicate: true, usedCents: 1200 });
    expect(await applyCredit(db, a.accounting, { reference: 'chat:x:1', customerNumber: '10001' }, later(3))).toEqual({ ok: false, code: 'no_credit' });
    expect((await findInvoice(db, invoice.number))!.openCents).toBe(invoice.grossCents - 1200);

    // A payment from credit is a payment like the others: reversed, the credit is back and the invoice open again.
    const credit = await db('payments').where({ reference: `credit-offer:${invoice.number}` }).first('source', 'amount_cents');
    expect(credit).toMatchObject({ source: 'credit' });
    expect(Number(credit.amount_cents)).toBe(1200);
    expect((await reversePayment(db, a.accounting, { reference: `credit-offer:${invoice.number}` }, 'Guthaben wird ausgezahlt', later(4))).ok).toBe(true);
    expect(await customerCreditCents(db, a.customers.mueller)).toBe(1200);
    expect((await findInvoice(db, invoice.number))!.openCents).toBe(invoice.grossCents);
    // And it can be set against the invoice anew (another reference), which leaves the account without credit.
    expect(await applyCredit(db, a.accounting, { reference: 'chat:x:2', customerNumber: '10001' }, later(5))).toMatchObject({ ok: true, usedCents: 1200, creditLeftCents: 0 });
  });

  it('credit larger than the invoice pays it and settles the order; the rest stays; others may not; nothing open is said', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const first = await invoicedOrder(db, a.cafe, a.sales, [{ sku: 'PAPER-A4', quantity: 1 }], monday);
    const big = first.invoices[0].grossCents + 100_000;
    expect((await bookPayment(db, a.accounting, { reference: 'rest:big', amountCents: big, customerNumber: '10002', source: 'rest' }, monday)).ok).toBe(true);
    expect(await applyCredit(db, a.accounting, { reference: 'chat:c:1', customerNumber: '10002' }, monday)).toEqual({ ok: false, code: 'nothing_open' });

    const second = await invoicedOrder(db, a.cafe, a.sales, [{ sku: 'PAPER-A4', quantity: 2 }], later(1));
    const invoice = second.invoices[0];
    expect(await applyCredit(db, a.sales, { reference: 'chat:s:1', customerNumber: '10002' }, later(2))).toEqual({ ok: false, code: 'forbidden' });
    expect(await applyCredit(db, a.mueller, { reference: 'chat:m:1', customerNumber: '10002' }, later(2))).toEqual({ ok: false, code: 'forbidden' });
    const applied = await applyCredit(db, a.accounting, { reference: 'chat:c:2', customerNumber: '10002' }, later(2));
    expect(applied).toMatchObject({ ok: true, usedCents: invoice.grossCents, creditLeftCents: 100_000 - invoice.grossCents, settledOrders: [second.orderNumber] });
    expect((await findInvoice(db, invoice.number))!.openCents).toBe(0);
    expect(await orderStatus(db, second.orderNumber)).toBe('closed');
    expect(await applyCredit(db, a.accounting, { reference: 'chat:c:3', invoiceNumber: invoice.number }, later(3))).toEqual({ ok: false, code: 'invoice_not_open' });
  });

  it('two uses of one credit at once spend it once', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const first = await invoicedOrder(db, a.mueller, a.sales, [{ sku: 'PAPER-A4', quantity: 1 }], monday);
    expect((await bookPayment(db, a.accounting, { reference: 'rest:c', amountCents: first.invoices[0].grossCents + 500, invoiceNumbers: [first.invoices[0].number], source: 'rest' }, monday)).ok).toBe(true);
    const second = await invoicedOrder(db, a.mueller, a.sales, [{ sku: 'PAPER-A4', quantity: 3 }], later(1));
    const results = await Promise.all([
      applyCredit(db, a.accounting, { reference: 'chat:race:1', customerNumber: '10001' }, later(2)),
      applyCredit(db, a.accounting, { reference: 'chat:race:2', invoiceNumber: second.invoices[0].number }, later(2)),
    ]);
    expect(results.filter((r) => r.ok).map((r) => (r.ok ? r.usedCents : 0))).toEqual([500]);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, code: 'no_credit' }]);
    expect(await customerCreditCents(db, a.customers.mueller)).toBe(0);
    const booked = await db('payments').whereLike('reference', 'chat:race:%').select('amount_cents');
    expect(booked.map((p: any) => Number(p.amount_cents))).toEqual([500]);
  });
});

describe('credit phrases', () => {
  it.each([
    ['Guthaben von Müller Bau verrechnen', { customer: 'Müller Bau', invoiceNumbers: [] }],
    ['Guthaben 12,00 € von Müller Bau mit RE-2026-0009 verrechnen', { customer: 'Müller Bau', invoiceNumbers: ['RE-2026-0009'] }],
    ['Guthaben mit RE-2026-0009 verrechnen', { customer: null, invoiceNumbers: ['RE-2026-0009'] }],
    ['apply credit of Café Sonnenschein', { customer: 'Café Sonnenschein', invoiceNumbers: [] }],
    ['apply the credit of Müller Bau to RE-2026-0009', { customer: 'Müller Bau', invoiceNumbers: ['RE-2026-0009'] }],
    ['use credit against RE-2026-0009', { customer: null, invoiceNumbers: ['RE-2026-0009'] }],
  ])('%s', (text, expected) => {
    expect(matchPaymentCommand(text)).toEqual({ kind: 'apply_credit', ...expected });
  });
});
