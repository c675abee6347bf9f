import { getOrder } from '../../data/orders';
import { berlinDateTime } from '../../domain/calendar';
import { bookService, chat } from '../cancel/harness';
import { demoActors } from '../orders/actors';
import { createTestDatabase, type TestDatabase } from '../support/databases';
import { textsOf } from '../staff/helpers';

let t: TestDatabase;
beforeEach(async () => {
  t = await createTestDatabase('sqlite');
});
afterEach(() => t.close());

describe('cancelling an appointment in the chat', () => {
  it.each([
    ['de', 'Auftrag {n} stornieren', 'Ja, stornieren', 'Die Stornogebühr beträgt 60,00 € netto.', 'Die Stornogebühr von 60,00 € netto wird in Rechnung gestellt.'],
    ['en', 'cancel order {n}', 'yes', 'the cancellation fee is €60.00 net.', 'The cancellation fee of €60.00 net will be invoiced.'],
  ] as const)('%s: within 24 hours the customer is told the fee before confirming, and it becomes the order line', async (locale, ask, yes, notice, done) => {
    const a = await demoActors(t.db);
    const order = await bookService(t.db, a.cafe, a.customers.cafe, 'SVC-CONSULT', berlinDateTime('2026-03-04', '09:00').toISOString());
    const clock = { now: new Date(berlinDateTime('2026-03-03', '15:00')) };
    const { say } = chat(t.db, 'demo-cafe', locale === 'de' ? 'de-DE' : 'en-US', clock);
    expect(textsOf(await say(ask.replace('{n}', order.number)))).toContain(notice);
    expect(textsOf(await say(yes))).toContain(done);
    const view = (await getOrder(t.db, a.cafe, order.number))!;
    // The fee line is performed and, invoiced per shipment, billed at once.
    expect(view.status).toBe('invoiced');
    expect(view.history.map((h) => h.to)).toContain('performed');
    expect(view.lines).toMatchObject([{ quantity: 1, netCents: 6000 }]);
  });

  it.each([
    ['de', 'Auftrag {n} stornieren', 'Ja, stornieren', 'Für IT-Beratung fällt eine Stornogebühr von 60,00 € netto an; die übrigen Positionen werden kostenlos storniert.', 'Für den Termin wird die Stornogebühr von 60,00 € netto in Rechnung gestellt.', 'Abgesagter Termin IT-Beratung: Mi., 4.3., 09:00, 1 Stunde, bei uns: Bürowerk GmbH'],
    ['en', 'cancel order {n}', 'yes', 'IT consulting carries a cancellation fee of €60.00 net; the other items are cancelled free of charge.', 'The cancellation fee of €60.00 net for the appointment will be invoiced.', 'Cancelled appointment IT consulting: Wed 4 Mar, 09:00, 1 hour, at our office: Bürowerk GmbH'],
  ] as const)('%s: an order of goods and a service cancelled late carries the fee for the service; the goods are cancelled as always', async (locale, ask, yes, notice, done, appointment) => {
    const a = await demoActors(t.db);
    const order = await bookService(t.db, a.cafe, a.customers.cafe, 'SVC-CONSULT', berlinDateTime('2026-03-04', '09:00').toISOString(), [{ sku: 'COFFEE-1KG', quantity: 3 }]);
    const reserved = () => t.db('stock_reservations').where({ sku: 'COFFEE-1KG', status: 'reserved' }).sum({ n: 'quantity' }).first();
    expect(Number((await reserved())?.n)).toBe(3);
    const clock = { now: new Date(berlinDateTime('2026-03-03', '15:00')) };
    const { say } = chat(t.db, 'demo-cafe', locale === 'de' ? 'de-DE' : 'en-US', clock);
    expect(textsOf(await say(ask.replace('{n}', order.number)))).toContain(notice);
    const answer = textsOf(await say(yes));
    expect(answer).toContain(done);
    expect(answer).toContain(appointment);
    expect(answer).toMatch(/\(\/calendar\/[\w.-]+\.ics\)/);
    const view = (await getOrder(t.db, a.cafe, order.number))!;
    // Only the fee is left on the order: performed and invoiced; the coffee is released and never invoiced.
    expect(view.lines).toMatchObject([{ sku: 'SVC-CONSULT', quantity: 1, netCents: 6000 }]);
    expect(view.status).toBe('invoiced');
    expect(Number((await reserved())?.n ?? 0)).toBe(0);
    expect(await t.db('order_lines').where({ order_id: view.id, sku: 'COFFEE-1KG' }).first('status', 'quantity')).toMatchObject({ status: 'cancelled', quantity: 3 });
    const invoiced = await t.db('invoice_lines').whereIn('invoice_id', t.db('invoices').where({ order_id: view.id }).select('id')).select('net_cents');
    expect(invoiced.map((l: any) => Number(l.net_cents))).toEqual([6000]);
    // The customer's message says so, with the appointment in full and its .ics link.
    const raw = await t.db('outbox').where({ kind: 'appointment_cancelled' }).first();
    expect(JSON.parse(raw.payload)).toMatchObject({ otherLines: true, feeCents: 6000 });
  });

  it('more than 24 hours before it is free, as before', async () => {
    const a = await demoActors(t.db);
    const order = await bookService(t.db, a.cafe, a.customers.cafe, 'SVC-CONSULT', berlinDateTime('2026-03-05', '09:00').toISOString());
    const { say } = chat(t.db, 'demo-cafe', 'de-DE');
    expect(textsOf(await say(`Auftrag ${order.number} stornieren`))).not.toContain('Stornogebühr');
    expect(textsOf(await say('Ja, stornieren'))).toContain('ist storniert');
    expect((await getOrder(t.db, a.cafe, order.number))!.status).toBe('cancelled');
  });
});
