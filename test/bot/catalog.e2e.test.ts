import { describeEachDatabase } from '../support/databases';
import { buttonsOf, cardsOf, demoChats, hasButton } from '../support/directlineClient';
import { startTestServer, TestServer } from '../support/server';

/** A customer who asks for the catalog in the real bot picks from the card and ends in the same summary and order. */
describeEachDatabase('ordering from the catalog card through the local Direct Line channel', ({ get }) => {
  let server: TestServer;
  const demo = demoChats(() => server.url);

  beforeAll(async () => {
    server = await startTestServer(get());
  });
  afterAll(async () => {
    demo.end();
    await server.close();
  });

  it.each([
    ['demo-mueller', 'de-DE', 'Katalog zeigen', 'Büromöbel', 'Bürostuhl Ergo Pro'],
    ['demo-schmidt', 'en-GB', 'what do you sell?', 'Office furniture', 'Ergo Pro office chair'],
  ])('%s (%s): "%s" shows the catalog card, its quantities become the order', async (user, locale, text, category, chair) => {
    const db = server.app.db;
    const customer = await demo.signIn(user, locale);
    await customer.send(text);
    const catalog = await customer.nextBotMessage(hasButton('order.catalog'));
    expect(cardsOf(catalog)).toContain(category);
    expect(cardsOf(catalog)).toContain('qty_CHAIR-ERGO');

    await customer.sendActivity({ type: 'message', value: { action: 'order.catalog', 'qty_CHAIR-ERGO': '2', 'qty_PAPER-A4': '' } });
    const summary = await customer.nextBotMessage(hasButton('order.confirm'));
    expect(cardsOf(summary)).toContain(chair);
    const confirm = buttonsOf(summary).find((b) => b.data?.action === 'order.confirm').data;
    await customer.sendActivity({ type: 'message', value: confirm });
    const placed = await customer.nextBotMessage((m) => /\b10\d\d\b/.test(cardsOf(m) + (m.text ?? '')));
    const number = /\b(10\d\d)\b/.exec(cardsOf(placed) + (placed.text ?? ''))![1];
    const order = await db('orders').where({ number }).first();
    expect(await db('order_lines').where({ order_id: order.id })).toEqual([expect.objectContaining({ sku: 'CHAIR-ERGO', quantity: 2 })]);
  });
});
