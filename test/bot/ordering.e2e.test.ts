import { describeEachDatabase } from '../support/databases';
import { buttonData, cardsOf, demoChats, hasButton } from '../support/directlineClient';
import { startTestServer, TestServer } from '../support/server';

/**
 * A whole order as customers and staff take it through Web Chat: free text, the summary card's Confirm button,
 * the order number at once, the confirmation proactively; staff ship it with the shipping form card; the customer
 * hears of it in their own conversation.
 */
describeEachDatabase('an order from first message to shipment through the local Direct Line channel', ({ get }) => {
  let server: TestServer;
  const demo = demoChats(() => server.url);

  beforeAll(async () => {
    server = await startTestServer(get(), { env: { NOTIFY_INTERVAL_SECONDS: '1' } });
  });
  afterAll(async () => {
    demo.end();
    await server.close();
  });

  it('takes a complete German order in two turns, confirms it proactively and announces the shipment', async () => {
    const db = server.app.db;
    const customer = await demo.signIn('demo-mueller', 'de-DE');
    await customer.send('Hallo, wir brauchen 10 Pakete Kopierpapier und zwei schwarze Toner');
    const summary = await customer.nextBotMessage(hasButton('order.confirm'));
    expect(cardsOf(summary)).toContain('Kopierpapier A4');
    expect(cardsOf(summary)).toContain('270,13'); // 10 × 4,90 € + 2 × 89,00 € = 227,00 € net, 43,13 € VAT
    await customer.sendActivity({ type: 'message', value: buttonData(summary, 'order.confirm') });
    const placed = await customer.nextBotMessage((m) => /1001/.test(cardsOf(m) + (m.text ?? '')));
    expect(cardsOf(placed) + (placed.text ?? '')).toMatch(/bestätigt|eingegangen/);

    const order = await db('orders').where({ number: '1001' }).first();
    expect(order).toMatchObject({ status: 'confirmed', channel: 'directline' });
    expect(Number((await db('orders').count({ n: '*' }).first())!.n)).toBe(1);

    const confirmation = await customer.waitFor((m) => /Auftragsbestätigung/.test(m.text ?? ''), 15_000);
    expect(confirmation.text).toContain('1001');

    const staff = await demo.signIn('demo-sales', 'de-DE');
    for (const say of ['1001 in Vorbereitung', '1001 in Produktion', '1001 versandbereit']) {
      await staff.send(say);
      await staff.nextBotMessage((m) => /ist jetzt/.test(m.text ?? ''));
    }
    await staff.send('1001 versendet');
    const form = await staff.nextBotMessage(hasButton('staff.ship'));
    await staff.sendActivity({
      type: 'message',
      value: { ...buttonData(form, 'staff.ship'), carrier: 'DHL', trackingNumber: 'JJD000111222', qty_1: '10', qty_2: '2' },
    });
    const note = await staff.nextBotMessage((m) => /LS-/.test(m.text ?? '') || /LS-/.test(cardsOf(m)));
    expect((note.text ?? '') + cardsOf(note)).toMatch(/LS-1001/);

    const shipped = await customer.waitFor((m) => /versendet/.test(m.text ?? ''), 15_000);
    expect(shipped.text).toBe('Ihr Auftrag 1001 wurde versendet: DHL, Sendungsnummer JJD000111222.');
    expect((await db('orders').where({ number: '1001' }).first()).status).toBe('shipped');
  });

  it('takes an English order with a self-correction and refuses a second click on Confirm', async () => {
    const db = server.app.db;
    const customer = await demo.signIn('demo-schmidt', 'en-GB');
    await customer.send('three reams of paper, actually make that five');
    const summary = await customer.nextBotMessage(hasButton('order.confirm'));
    const confirm = buttonData(summary, 'order.confirm');
    const first = await customer.sendActivity({ type: 'message', value: confirm });
    expect(cardsOf(await customer.nextBotMessage((m) => m.replyToId === first))).toMatch(/confirmed/);
    const second = await customer.sendActivity({ type: 'message', value: confirm });
    expect((await customer.nextBotMessage((m) => m.replyToId === second)).text).toMatch(/already/);
    const orders = await db('orders').join('customers', 'customers.id', 'orders.customer_id').where('customers.number', '10003').select('orders.id');
    expect(orders).toHaveLength(1);
    expect(await db('order_lines').where({ order_id: orders[0].id })).toEqual([expect.objectContaining({ sku: 'PAPER-A4', quantity: 5 })]);
  });
});
