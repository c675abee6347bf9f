import { placeOrder, recordShipment } from '../../operations';
import { describeEachDatabase } from '../support/databases';
import { demoChats } from '../support/directlineClient';
import { startTestServer, TestServer } from '../support/server';
import { demoActors } from '../orders/actors';

/**
 * The whole way of a notification: the real server and local Direct Line channel, a customer's conversation,
 * staff moving the order by text in their own chat, a shipment, and the host's sender writing into the customer's
 * conversation from the stored reference.
 */
describeEachDatabase('notifications through the local Direct Line channel', ({ get }) => {
  let server: TestServer;
  const demo = demoChats(() => server.url);

  beforeAll(async () => {
    server = await startTestServer(get(), { env: { NOTIFY_INTERVAL_SECONDS: '1' } });
  });
  afterAll(async () => {
    demo.end();
    await server.close();
  });


  it('tells Müller Bau in its conversation that the order was confirmed and then shipped with DHL', async () => {
    // The app's own connection: a second SQLite connection to the same file could meet a busy database mid-turn.
    const db = server.app.db;
    const a = await demoActors(db);
    const customer = await demo.signIn('demo-mueller', 'de-DE');
    await customer.send('Hallo'); // the conversation (and its reference) exists from here on
    await customer.nextBotMessage();

    const placed = await placeOrder(db, a.mueller, { customerId: a.customers.mueller, lines: [{ sku: 'TONER-BK', quantity: 2 }] });
    if (!placed.ok) throw new Error(JSON.stringify(placed.problems));
    const number = placed.order.number;

    const staff = await demo.signIn('demo-sales', 'de-DE');
    for (const [say, status] of [['in Vorbereitung', 'In Vorbereitung'], ['in Produktion', 'In Produktion'], ['versandbereit', 'Versandbereit']]) {
      await staff.send(`${number} ${say}`);
      expect((await staff.nextBotMessage((m) => /ist jetzt/.test(m.text ?? ''))).text).toBe(`Auftrag ${number} ist jetzt: ${status}.`);
    }
    const shipped = await recordShipment(db, a.sales, number, { carrier: 'DHL', trackingNumber: 'JJD1234567890', lines: [{ lineNo: 1, quantity: 2 }] });
    expect(shipped.ok).toBe(true);

    const confirmation = await customer.waitFor((m) => /Auftragsbestätigung/.test(m.text ?? ''), 15_000);
    expect(confirmation.text).toContain(`Ihr Auftrag ${number} ist bestätigt. 2 × Toner schwarz.`);
    const shipping = await customer.waitFor((m) => /versendet/.test(m.text ?? ''), 15_000);
    expect(shipping.text).toBe(`Ihr Auftrag ${number} wurde versendet: DHL, Sendungsnummer JJD1234567890.`);
    const rows = await db('outbox').where({ person_id: a.mueller.personId! }).whereIn('kind', ['order_confirmed', 'order_shipped']);
    expect(rows.filter((r) => JSON.parse(r.payload).orderNumber === number).map((r) => r.status)).toEqual(['sent', 'sent']);
    // Staff's own moves are not announced to the customer; nothing came twice.
    expect(customer.received.filter((m) => m.text === `Ihr Auftrag ${number} wurde versendet: DHL, Sendungsnummer JJD1234567890.`)).toHaveLength(1);
  });
});
