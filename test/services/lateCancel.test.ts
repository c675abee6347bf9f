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

  it('more than 24 hours before it is free, as before', async () => {
    const a = await demoActors(t.db);
    const order = await bookService(t.db, a.cafe, a.customers.cafe, 'SVC-CONSULT', berlinDateTime('2026-03-05', '09:00').toISOString());
    const { say } = chat(t.db, 'demo-cafe', 'de-DE');
    expect(textsOf(await say(`Auftrag ${order.number} stornieren`))).not.toContain('Stornogebühr');
    expect(textsOf(await say('Ja, stornieren'))).toContain('ist storniert');
    expect((await getOrder(t.db, a.cafe, order.number))!.status).toBe('cancelled');
  });
});
