import { sendDueNotifications } from '../../bot/notifier';
import { saveConversationRef } from '../../data/conversationRefs';
import { describeEachDatabase } from '../support/databases';
import { startTestServer, TestServer } from '../support/server';
import { demoActors } from '../orders/actors';
import { monday, place } from '../staff/helpers';
import { startRecordingConnector } from './connector';

/**
 * The notifier with the host's own adapter, whose onTurnError answers failed turns: a proactive send the channel
 * refused must count as failed (and be retried), not disappear into onTurnError as a success.
 */
describeEachDatabase('proactive sends through the host adapter', ({ get }) => {
  let server: TestServer;
  let connector: Awaited<ReturnType<typeof startRecordingConnector>>;
  beforeAll(async () => {
    connector = await startRecordingConnector();
    server = await startTestServer(get(), { env: { NOTIFY_INTERVAL_SECONDS: '3600' } });
  });
  afterAll(async () => {
    await server.close();
    await connector.close();
  });

  it('marks a notification the channel refused as failed with an attempt, and sends it once on the retry', async () => {
    const db = server.app.db;
    const a = await demoActors(db);
    const conversationId = `conv-host-${get().kind}`;
    await saveConversationRef(db, {
      channelId: 'directline', conversationId, personId: a.mueller.personId!, locale: 'de',
      reference: {
        channelId: 'directline', serviceUrl: connector.serviceUrl, conversation: { id: conversationId },
        bot: { id: 'auftragsbot', name: 'Auftragsbot' }, user: { id: 'demo-mueller' }, locale: 'de-DE',
      },
    });
    const order = await place(db, a.mueller, a.customers.mueller, [{ sku: 'PAPER-A4', quantity: 2 }]);
    const options = { db, adapter: server.app.adapter, appId: '' };
    const row = async () =>
      (await db('outbox').where({ person_id: a.mueller.personId!, kind: 'order_confirmed' }))
        .find((r) => JSON.parse(r.payload).orderNumber === order.number);

    connector.state.failuresLeft = 4; // the connector client's own retries all meet a 500
    const at = new Date(monday.getTime() + 60_000);
    const failedPass = await sendDueNotifications(options, at);
    expect(failedPass.sent).toBe(0);
    const failed = await row();
    expect(failed).toMatchObject({ status: 'pending', attempts: 1 });
    expect(failed.last_error).toMatch(/^send failed: /);
    expect(connector.delivered(conversationId)).toHaveLength(0);

    const retried = await sendDueNotifications(options, new Date(new Date(failed.next_attempt_at).getTime() + 1000));
    expect(retried.sent).toBeGreaterThanOrEqual(1);
    expect(await row()).toMatchObject({ status: 'sent', attempts: 1 });
    expect(connector.delivered(conversationId).filter((m) => m.text.includes(order.number))).toHaveLength(1);
  });
});
