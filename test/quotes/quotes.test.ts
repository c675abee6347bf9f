import { listInvoices } from '../../data/invoices';
import { findQuote, listQuotes } from '../../data/quotes';
import { acceptQuote, createQuote, expireQuotes, recordShipment, rejectQuote, sendQuote, transitionOrder } from '../../operations';
import { runDailyAccounting } from '../../operations/dailyRun';
import { describeEachDatabase } from '../support/databases';
import { demoActors, monday } from '../orders/actors';

const runningOf = (n: string) => Number(/^AN-2026-(\d{4})$/.exec(n)![1]);

describeEachDatabase('quotes', ({ get }) => {
  it('sales quote with line and document discounts: draft, sent, accepted into an order at the quoted prices that its invoice bills', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const made = await createQuote(db, a.sales, {
      customerId: a.customers.mueller, validDays: 14, documentDiscountBasisPoints: 1000,
      lines: [{ sku: 'CHAIR-ERGO', quantity: 2 }, { sku: 'DESK-160', quantity: 1, discountBasisPoints: 500 }, { sku: 'COFFEE-1KG', quantity: 2 }],
    }, monday);
    expect(made.ok).toBe(true);
    if (!made.ok) return;
    const q = made.quote;
    expect(q).toMatchObject({ status: 'draft', issueDate: '2026-03-02', validUntil: '2026-03-16', requestedBy: 'sales' });
    expect(q.number).toMatch(/^AN-2026-\d{4}$/);
    // 2 × 349,00 + (589,00 − 5 %) = 1.257,55 € at 19 %, less 10 % = 1.131,79 €; coffee 2 × 18,90 at 7 %, less 10 % = 34,02 €.
    expect(q.document.totals.byRate.map((r) => [r.rate, r.linesNetCents, r.discountCents, r.netCents, r.vatCents])).toEqual([[19, 125755, 12576, 113179, 21504], [7, 3780, 378, 3402, 238]]);
    expect(q.grossCents).toBe(113179 + 21504 + 3402 + 238);
    expect(await db('outbox').where({ kind: 'quote_sent' })).toHaveLength(0);

    // The customer cannot decide a draft; only sales send it.
    expect(await acceptQuote(db, a.mueller, q.number, monday)).toMatchObject({ ok: false, code: 'not_sent' });
    expect(await sendQuote(db, a.mueller, q.number, monday)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await sendQuote(db, a.sales, q.number, monday)).toMatchObject({ ok: true, quote: { status: 'sent' } });
    expect(await sendQuote(db, a.sales, q.number, monday)).toMatchObject({ ok: false, code: 'already_sent' });
    expect((await db('outbox').where({ kind: 'quote_sent', person_id: a.mueller.personId })).length).toBe(1);

    // Someone else's account sees no such quote.
    expect(await acceptQuote(db, a.cafe, q.number, monday)).toEqual({ ok: false, code: 'not_found' });

    // Catalog prices rise after the quote: the quoted prices win.
    await db('products').where({ sku: 'CHAIR-ERGO' }).update({ price_cents: 39_900 });
    try {
      const accepted = await acceptQuote(db, a.mueller, q.number, new Date('2026-03-10T09:00:00Z'));
      expect(accepted.ok).toBe(true);
      if (!accepted.ok) return;
      expect(accepted.quote).toMatchObject({ status: 'accepted', orderNumber: accepted.order.number });
      expect(accepted.order.lines.map((l) => [l.sku, l.quantity, l.unitPriceCents, l.netCents])).toEqual([
        ['CHAIR-ERGO', 2, 34900, 69800], ['DESK-160', 1, 58900, 55955], ['COFFEE-1KG', 2, 1890, 3780],
      ]);
      expect(accepted.order.status).toBe('confirmed');
      // The order's totals are the quote's, document discount included.
      expect(accepted.order.totals).toMatchObject({ netCents: q.netCents, vatCents: q.vatCents, grossCents: q.grossCents });
      expect(accepted.order.history.find((h) => h.details?.event === 'from_quote')?.details).toEqual({ event: 'from_quote', quote: q.number });
      expect((await db('outbox').where({ kind: 'quote_decided' })).length).toBeGreaterThan(0);

      // A second press, a rejection after it: clear answers, still one order.
      expect(await acceptQuote(db, a.mueller, q.number, monday)).toMatchObject({ ok: false, code: 'already_accepted', quote: { orderNumber: accepted.order.number } });
      expect(await rejectQuote(db, a.mueller, q.number, null, monday)).toMatchObject({ ok: false, code: 'already_accepted' });
      expect(await db('orders').where({ quote_id: q.id })).toHaveLength(1);

      // The invoice bills the quoted discounts: the same figures as the quote.
      const number = accepted.order.number;
      for (const to of ['in_preparation', 'in_execution', 'ready_to_ship'] as const) expect((await transitionOrder(db, a.sales, number, { to }, monday)).ok).toBe(true);
      const shipped = await recordShipment(db, a.sales, number, { carrier: 'DHL', trackingNumber: 'Q1', lines: [{ lineNo: 1, quantity: 2 }, { lineNo: 2, quantity: 1 }, { lineNo: 3, quantity: 2 }] }, monday);
      expect(shipped.ok).toBe(true);
      const [invoice] = await listInvoices(db, { orderId: accepted.order.id });
      expect(invoice.document.totals.byRate.map((r) => [r.rate, r.netCents, r.vatCents])).toEqual([[19, 113179, 21504], [7, 3402, 238]]);
      expect(invoice.grossCents).toBe(q.grossCents);
    } finally {
      await db('products').where({ sku: 'CHAIR-ERGO' }).update({ price_cents: 34_900 });
    }
  });

  it('a customer asks for a quote: catalog prices, no discounts of their own, sent to them at once and sales told; rejecting it', async () => {
    const { db } = get();
    const a = await demoActors(db);
    expect(await createQuote(db, a.mueller, { customerId: a.customers.mueller, lines: [{ sku: 'PAPER-A4', quantity: 3 }], documentDiscountBasisPoints: 2000 }, monday))
      .toEqual({ ok: false, code: 'discount_not_allowed' });
    expect(await createQuote(db, a.mueller, { customerId: a.customers.cafe, lines: [{ sku: 'PAPER-A4', quantity: 3 }] }, monday)).toEqual({ ok: false, code: 'forbidden' });
    expect(await createQuote(db, a.accounting, { customerId: a.customers.cafe, lines: [{ sku: 'PAPER-A4', quantity: 3 }] }, monday)).toEqual({ ok: false, code: 'forbidden' });
    expect(await createQuote(db, a.mueller, { customerId: a.customers.mueller, lines: [{ sku: 'SVC-CONSULT', quantity: 2 }] }, monday))
      .toEqual({ ok: false, code: 'services_not_quoted', skus: ['SVC-CONSULT'] });
    const made = await createQuote(db, a.mueller, { customerId: a.customers.mueller, lines: [{ sku: 'PAPER-A4', quantity: 3 }], requestKey: 'test:req-1' }, monday);
    expect(made).toMatchObject({ ok: true, created: true, quote: { status: 'sent', requestedBy: 'customer', validUntil: '2026-03-16' } });
    // The same request again gives the same quote.
    const again = await createQuote(db, a.mueller, { customerId: a.customers.mueller, lines: [{ sku: 'PAPER-A4', quantity: 3 }], requestKey: 'test:req-1' }, monday);
    expect(again).toMatchObject({ ok: true, created: false });
    if (!made.ok || !again.ok) return;
    expect(again.quote.number).toBe(made.quote.number);
    expect((await db('outbox').where({ kind: 'quote_requested' })).length).toBeGreaterThan(0);
    const sentRows = (await db('outbox').where({ kind: 'quote_sent', person_id: a.mueller.personId })).filter((r: any) => JSON.parse(r.payload).number === made.quote.number);
    expect(sentRows).toHaveLength(1);

    expect(await rejectQuote(db, a.mueller, made.quote.number, 'zu teuer', monday)).toMatchObject({ ok: true, quote: { status: 'rejected', rejectReason: 'zu teuer' } });
    expect(await rejectQuote(db, a.mueller, made.quote.number, null, monday)).toMatchObject({ ok: false, code: 'already_rejected' });
    expect(await acceptQuote(db, a.mueller, made.quote.number, monday)).toMatchObject({ ok: false, code: 'already_rejected' });
    expect(await db('orders').where({ draft_key: `quote:${made.quote.number}` })).toHaveLength(0);
  });

  it('expiry: acceptance after the last day is refused; the daily run expires open quotes, and no order comes of them', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const made = await createQuote(db, a.cafe, { customerId: a.customers.cafe, lines: [{ sku: 'COFFEE-1KG', quantity: 1 }] }, monday);
    if (!made.ok) throw new Error(JSON.stringify(made));
    const lastDay = new Date('2026-03-16T20:00:00Z'); // 21:00 in Berlin on the last day
    const dayAfter = new Date('2026-03-17T07:00:00Z');
    expect(await expireQuotes(db, lastDay)).not.toContain(made.quote.number);
    expect(await acceptQuote(db, a.cafe, made.quote.number, dayAfter)).toMatchObject({ ok: false, code: 'expired' });
    const run = await runDailyAccounting(db, dayAfter);
    expect(run.expiredQuotes).toContain(made.quote.number);
    expect((await findQuote(db, made.quote.number))!.status).toBe('expired');
    expect(await acceptQuote(db, a.cafe, made.quote.number, lastDay)).toMatchObject({ ok: false, code: 'expired' });
    expect(await expireQuotes(db, dayAfter)).toEqual([]);
    expect(await db('orders').where({ draft_key: `quote:${made.quote.number}` })).toHaveLength(0);
  });

  it('accepting runs the normal checks: over the credit limit the order is held, not refused', async () => {
    const { db } = get();
    const a = await demoActors(db);
    // Café's limit is 1.000 €: 4 desks are over it.
    const made = await createQuote(db, a.sales, { customerId: a.customers.cafe, lines: [{ sku: 'DESK-160', quantity: 4 }] }, monday);
    if (!made.ok) throw new Error(JSON.stringify(made));
    await sendQuote(db, a.sales, made.quote.number, monday);
    const accepted = await acceptQuote(db, a.sales, made.quote.number, monday);
    expect(accepted).toMatchObject({ ok: true, order: { status: 'on_hold' } });
  });

  it('numbers quotes gapless and unique under parallel making; a refused quote leaves no gap', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const before = (await listQuotes(db, { limit: 1000 })).length;
    const inputs = Array.from({ length: 8 }, (_, i) => ({ customerId: i % 2 ? a.customers.cafe : a.customers.mueller, lines: [{ sku: 'PAPER-A4', quantity: i + 1 }] }));
    // Refused: a product that does not exist; and one request made twice at once, whose second copy draws a number
    // and then meets the first at the request key, rolls back and answers with the first quote.
    const refused = { customerId: a.customers.cafe, lines: [{ sku: 'NOPE', quantity: 1 }] };
    const twice = { customerId: a.customers.cafe, lines: [{ sku: 'COFFEE-1KG', quantity: 1 }], requestKey: 'test:twice' };
    const results = await Promise.all([...inputs, refused, twice, twice].map((input) => createQuote(db, a.sales, input, monday)));
    expect(results.slice(0, 8).every((r) => r.ok)).toBe(true);
    expect(results[8].ok).toBe(false);
    const [x, y] = results.slice(9);
    expect(x.ok && y.ok && x.quote.number === y.quote.number).toBe(true);
    const all = (await db('quotes').select('number')).map((r: any) => runningOf(r.number)).sort((x, y) => x - y);
    expect(all.length).toBe(before + 9);
    expect(all).toEqual(all.map((_, i) => i + 1));
  });
});
