import { describeEachDatabase } from '../support/databases';
import { buttonData, cardsOf, demoChats, hasButton } from '../support/directlineClient';
import { startTestServer, TestServer } from '../support/server';

/**
 * In Web Chat a used card is updated too: the bot's updateActivity goes to the local Direct Line channel (PUT of the
 * activity), which hands the updated activity to the client again under its old id (Web Chat replaces it in place).
 */
describeEachDatabase('a used card in Web Chat', ({ get }) => {
  let server: TestServer;
  const demo = demoChats(() => server.url);

  beforeAll(async () => {
    server = await startTestServer(get(), { env: { NOTIFY_INTERVAL_SECONDS: '3600' } });
  });
  afterAll(async () => {
    demo.end();
    await server.close();
  });

  it('shows the outcome in place of the buttons, and an old button gets an answer but no second order', async () => {
    const customer = await demo.signIn('demo-mueller', 'de-DE');
    await customer.send('4 Pakete Kopierpapier');
    const summary = await customer.nextBotMessage(hasButton('order.confirm'));
    const confirm = buttonData(summary, 'order.confirm');
    await customer.sendActivity({ type: 'message', value: confirm });
    await customer.nextBotMessage((m) => /1001/.test(cardsOf(m) + (m.text ?? '')) && m.id !== summary.id);

    const updated = await customer.waitFor((m) => m.id === summary.id && /Erledigt/.test(cardsOf(m)));
    expect(cardsOf(updated)).toContain('1001');
    expect(JSON.stringify(updated.attachments)).not.toContain('Action.Submit');

    await customer.sendActivity({ type: 'message', value: confirm });
    const answer = await customer.nextBotMessage();
    expect((answer.text ?? '') + cardsOf(answer)).not.toMatch(/1002/);
    expect(Number((await server.app.db('orders').count({ n: '*' }).first())!.n)).toBe(1);
  });
});
