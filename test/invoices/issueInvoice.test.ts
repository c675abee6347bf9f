import type { Db } from '../../data/db';
import { findInvoice, listInvoices, openInvoiceExposure } from '../../data/invoices';
import type { Actor } from '../../data/orders';
import { cancelInvoice, issueInvoice, placeOrder, recordShipment, transitionOrder } from '../../operations';
import { setInvoiceMode } from '../../data/company';
import { describeEachDatabase } from '../support/databases';
import { demoActors, monday } from '../orders/actors';

async function readyToShip(db: Db, actor: Actor, customerId: number, lines: { sku: string; quantity: number }[]) {
  const placed = await placeOrder(db, actor, { customerId, lines }, monday);
  if (!placed.ok) throw new Error(JSON.stringify(placed.problems));
  const sales = (await demoActors(db)).sales;
  for (const to of ['in_preparation', 'in_execution', 'ready_to_ship'] as const) {
    const moved = await transitionOrder(db, sales, placed.order.number, { to }, monday);
    if (!moved.ok) throw new Error(`${to}: ${JSON.stringify(moved)}`);
  }
  return placed.order;
}

const ship = (db: Db, actor: Actor, number: string, lines: { lineNo: number; quantity: number }[], now = monday) =>
  recordShipment(db, actor, number, { carrier: 'DHL', trackingNumber: `T-${number}`, lines }, now);

function runningNumbers(numbers: string[]): number[] {
  return numbers.map((n) => Number(/^RE-2026-(\d{4})$/.exec(n)![1])).sort((x, y) => x - y);
}

/** The database's answer to a write: its error message, or 'written' (a knex builder runs when awaited). */
const refusal = (write: PromiseLike<unknown>): Promise<string> => Promise.resolve(write).then(() => 'written', (err: Error) => err.message);

describeEachDatabase('invoices', ({ get }) => {
  it('invoices each shipment, both VAT rates per rate in cents, due by the customer’s terms; the order is invoiced once delivered', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const order = await readyToShip(db, a.sales, a.customers.mueller, [{ sku: 'PAPER-A4', quantity: 10 }, { sku: 'COFFEE-1KG', quantity: 3 }]);

    const first = await ship(db, a.sales, order.number, [{ lineNo: 1, quantity: 4 }]);
    expect(first).toMatchObject({ ok: true, order: { status: 'partially_shipped' } });
    const [partial] = await listInvoices(db, { orderId: order.id });
    expect(partial).toMatchObject({ kind: 'invoice', status: 'issued', issueDate: '2026-03-02', dueDate: '2026-03-16', netCents: 1960, vatCents: 372, grossCents: 2332 });
    expect(partial.document.lines.map((l) => [l.sku, l.quantity])).toEqual([['PAPER-A4', 4]]);
    expect(partial.document.service).toEqual({ kind: 'date', date: '2026-03-02' });

    const second = await ship(db, a.sales, order.number, [{ lineNo: 1, quantity: 6 }, { lineNo: 2, quantity: 3 }]);
    expect(second).toMatchObject({ ok: true, order: { status: 'shipped' } });
    const [rest] = await listInvoices(db, { orderId: order.id });
    expect(rest.document.totals.byRate.map((r) => [r.rate, r.netCents, r.vatCents, r.grossCents])).toEqual([[19, 2940, 559, 3499], [7, 5670, 397, 6067]]);
    expect(rest.grossCents).toBe(9566);
    expect(runningNumbers([rest.number]) [0]).toBe(runningNumbers([partial.number])[0] + 1);

    // Everything left the house and is invoiced: delivering moves the order on to invoiced, through delivered.
    const delivered = await transitionOrder(db, a.sales, order.number, { to: 'delivered' }, monday);
    expect(delivered).toMatchObject({ ok: true, order: { status: 'invoiced' } });
    if (!delivered.ok) return;
    expect(delivered.order.history.filter((h) => h.from !== h.to).map((h) => h.to).slice(-3)).toEqual(['shipped', 'delivered', 'invoiced']);
    expect(delivered.order.history.filter((h) => h.details?.event === 'invoice_issued').map((h) => h.details!.invoice)).toEqual([partial.number, rest.number]);
    // Nothing is billed twice.
    expect(await issueInvoice(db, a.accounting, order.number, monday)).toEqual({ ok: false, code: 'nothing_to_invoice' });
    // The customer's people are sent each invoice once.
    const sent = await db('outbox').where({ kind: 'invoice_issued', person_id: a.mueller.personId });
    expect(sent.map((r: any) => JSON.parse(r.payload).invoiceNumber).sort()).toEqual([partial.number, rest.number].sort());
  });

  it('per order: one invoice when the order is complete, issued by the step that completes it', async () => {
    const { db } = get();
    const a = await demoActors(db);
    await setInvoiceMode(db, 'per_order');
    try {
      const order = await readyToShip(db, a.sales, a.customers.cafe, [{ sku: 'COFFEE-1KG', quantity: 2 }]);
      await ship(db, a.sales, order.number, [{ lineNo: 1, quantity: 2 }]);
      expect(await listInvoices(db, { orderId: order.id })).toEqual([]);
      const delivered = await transitionOrder(db, a.sales, order.number, { to: 'delivered' }, monday);
      expect(delivered).toMatchObject({ ok: true, order: { status: 'invoiced' } });
      const [invoice] = await listInvoices(db, { orderId: order.id });
      expect(invoice).toMatchObject({ grossCents: 4045, dueDate: '2026-04-01' }); // net 30
    } finally {
      await setInvoiceMode(db, 'per_shipment');
    }
  });

  it('only accounting issues and cancels; a cancellation mirrors the invoice, refers to it, and lets a corrected invoice bill again', async () => {
    const { db } = get();
    const a = await demoActors(db);
    await setInvoiceMode(db, 'per_order');
    let order;
    try {
      order = await readyToShip(db, a.sales, a.customers.mueller, [{ sku: 'TONER-BK', quantity: 1 }]);
      await ship(db, a.sales, order.number, [{ lineNo: 1, quantity: 1 }]);
    } finally {
      await setInvoiceMode(db, 'per_shipment');
    }
    expect(await issueInvoice(db, a.sales, order.number, monday)).toEqual({ ok: false, code: 'forbidden' });
    expect(await issueInvoice(db, a.mueller, order.number, monday)).toEqual({ ok: false, code: 'forbidden' });
    expect(await issueInvoice(db, a.cafe, order.number, monday)).toEqual({ ok: false, code: 'not_found' });
    const issued = await issueInvoice(db, a.accounting, order.number, monday);
    if (!issued.ok) throw new Error(JSON.stringify(issued));
    expect(issued.orderStatus).toBe('shipped'); // not delivered yet: not invoiced

    expect(await cancelInvoice(db, a.sales, issued.invoice.number, 'falsche Adresse', monday)).toEqual({ ok: false, code: 'forbidden' });
    expect(await cancelInvoice(db, a.accounting, issued.invoice.number, '  ', monday)).toEqual({ ok: false, code: 'reason_required' });
    const later = new Date('2026-03-05T10:00:00Z');
    const cancelled = await cancelInvoice(db, a.accounting, issued.invoice.number, 'falsche Adresse', later);
    if (!cancelled.ok) throw new Error(JSON.stringify(cancelled));
    expect(cancelled.original).toMatchObject({ status: 'cancelled', cancelledBy: cancelled.cancellation.number, openCents: 0 });
    expect(cancelled.cancellation.number).toMatch(/^ST-2026-\d{4}$/);
    expect(cancelled.cancellation).toMatchObject({
      kind: 'cancellation', refersTo: issued.invoice.number, issueDate: '2026-03-05',
      netCents: -issued.invoice.netCents, vatCents: -issued.invoice.vatCents, grossCents: -issued.invoice.grossCents,
    });
    expect(cancelled.cancellation.document.cancels).toEqual({ number: issued.invoice.number, issueDate: '2026-03-02' });
    expect(await cancelInvoice(db, a.accounting, issued.invoice.number, 'nochmal', later)).toEqual({ ok: false, code: 'already_cancelled' });
    expect(await cancelInvoice(db, a.accounting, cancelled.cancellation.number, 'x', later)).toEqual({ ok: false, code: 'not_an_invoice' });

    // The corrected invoice bills the toner again; delivering then completes the order.
    const corrected = await issueInvoice(db, a.accounting, order.number, later);
    expect(corrected).toMatchObject({ ok: true, invoice: { grossCents: issued.invoice.grossCents } });
    const delivered = await transitionOrder(db, a.sales, order.number, { to: 'delivered' }, later);
    expect(delivered).toMatchObject({ ok: true, order: { status: 'invoiced' } });
    const events = delivered.ok ? delivered.order.history.map((h) => h.details?.event).filter(Boolean) : [];
    expect(events).toEqual(['invoice_issued', 'invoice_cancelled', 'invoice_issued']);
  });

  it('numbers invoices gapless and unique under parallel issuing; a rolled-back issue leaves no gap', async () => {
    const { db } = get();
    const a = await demoActors(db);
    // A public-sector buyer without Leitweg-ID: its invoice is refused after the number was drawn, and rolls back.
    const [row] = await db('customers').insert({
      number: '10090', name: 'Bezirksamt Test', kind: 'b2b', address_name: 'Bezirksamt Test', street: 'Breite Straße 24', postcode: '13187',
      city: 'Berlin', country: 'DE', payment_terms_days: 30, credit_limit_cents: null, vat_id: null, email: 'rechnung@ba.example', public_sector: true,
    }).returning('id');
    const publicId = Number(typeof row === 'object' ? row.id : row);
    const before = await db('invoices').where({ kind: 'invoice' }).count({ n: '*' }).first();
    const orders = [];
    for (let i = 0; i < 6; i++) orders.push(await readyToShip(db, a.sales, a.customers.mueller, [{ sku: 'PAPER-A4', quantity: 1 }]));
    const refused = await readyToShip(db, a.sales, publicId, [{ sku: 'PAPER-A4', quantity: 1 }]);

    const results = await Promise.all([...orders, refused].map((o) => ship(db, a.sales, o.number, [{ lineNo: 1, quantity: 1 }])));
    expect(results.slice(0, 6).every((r) => r.ok)).toBe(true);
    expect(results[6]).toEqual({ ok: false, code: 'invoice_incomplete', missing: ['buyer_reference'] });
    expect((await db('shipments').where({ order_id: refused.id })).length).toBe(0);

    const all = (await db('invoices').where({ kind: 'invoice' }).select('number')).map((r: any) => r.number);
    expect(all.length).toBe(Number(before!.n) + 6);
    const running = runningNumbers(all);
    expect(new Set(running).size).toBe(running.length);
    expect(running).toEqual(running.map((_, i) => i + 1)); // 1..n: no gap, no duplicate

    // With the Leitweg-ID the same shipment goes through and takes the next number.
    await db('customers').where({ id: publicId }).update({ leitweg_id: '11001-12345-67' });
    const retried = await ship(db, a.sales, refused.number, [{ lineNo: 1, quantity: 1 }]);
    expect(retried.ok).toBe(true);
    const [publicInvoice] = await listInvoices(db, { orderId: refused.id });
    expect(runningNumbers([publicInvoice.number])[0]).toBe(running.length + 1);
    expect(publicInvoice.document.buyer).toMatchObject({ publicSector: true, buyerReference: '11001-12345-67' });
  });

  it('the database refuses to change or delete an issued invoice; status and payments may move', async () => {
    const { db } = get();
    const [invoice] = await listInvoices(db, { open: true, limit: 1 });
    expect(invoice).toBeDefined();
    expect(await refusal(db('invoices').where({ id: invoice.id }).update({ gross_cents: 1 }))).toMatch(/immutable/);
    expect(await refusal(db('invoices').where({ id: invoice.id }).update({ document: '{}' }))).toMatch(/immutable/);
    expect(await refusal(db('invoices').where({ id: invoice.id }).update({ number: 'RE-2026-9999' }))).toMatch(/immutable/);
    expect(await refusal(db('invoices').where({ id: invoice.id }).update({ due_date: '2027-01-01' }))).toMatch(/immutable/);
    expect(await refusal(db('invoices').where({ id: invoice.id }).delete())).toMatch(/immutable/);
    expect(await refusal(db('invoice_lines').where({ invoice_id: invoice.id }).update({ net_cents: 0 }))).toMatch(/immutable/);
    expect(await refusal(db('invoice_lines').where({ invoice_id: invoice.id }).delete())).toMatch(/immutable/);
    expect(await refusal(db('invoices').where({ id: invoice.id }).update({ status: 'paid' }))).toMatch(/immutable/);
    const cancelledOne = await db('invoices').where({ status: 'cancelled' }).first('id');
    expect(await refusal(db('invoices').where({ id: cancelledOne.id }).update({ status: 'issued' }))).toMatch(/immutable/);
    const cancellation = await db('invoices').where({ kind: 'cancellation' }).first('id');
    expect(await refusal(db('invoices').where({ id: cancellation.id }).update({ status: 'cancelled' }))).toMatch(/immutable/);
    const unchanged = await findInvoice(db, invoice.number);
    expect(unchanged).toEqual(invoice);
    // What later issues change (payments) is allowed.
    await db('invoices').where({ id: invoice.id }).update({ paid_cents: 100 });
    expect((await findInvoice(db, invoice.number))!.openCents).toBe(invoice.grossCents - 100);
    await db('invoices').where({ id: invoice.id }).update({ paid_cents: 0 });
  });

  it('open receivables are the issued, unpaid invoices of one account', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const open = await listInvoices(db, { customerId: a.customers.mueller, open: true, limit: 1000 });
    const exposure = await openInvoiceExposure(db, a.customers.mueller);
    expect(exposure.openCents).toBe(open.reduce((s, i) => s + i.openCents, 0));
    expect(exposure.oldestDueDate).toBe(open.map((i) => i.dueDate!).sort()[0]);
  });
});
