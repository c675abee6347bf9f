import { sendDueNotifications } from '../../bot/notifier';
import { offerNewSlots } from '../../operations';
import { demoActors } from '../orders/actors';
import { describeEachDatabase } from '../support/databases';
import { postActivity, startTestServer, TestServer } from '../support/server';
import { buttonsIn, startTeamsConnector, TeamsConnector, teamsActivity } from './support/teamsConnector';

/**
 * Proactive messages into Teams: new messages (no replyToId), and a channel that answers 429 or 503 with Retry-After
 * is not asked again before that time; the outbox retries, not the SDK in the background.
 */
describeEachDatabase('proactive messages to Teams', ({ get }) => {
  let server: TestServer;
  let teams: TeamsConnector;
  const peter = { id: '29:peter', aadObjectId: 'aad-peter', name: 'Peter Müller' };

  beforeAll(async () => {
    teams = await startTeamsConnector();
    teams.members.set(peter.id, { ...peter, email: 'peter.mueller@mueller-bau.example' });
    server = await startTestServer(get(), { env: { NOTIFY_INTERVAL_SECONDS: '3600' } });
  });
  afterAll(async () => {
    await server?.close();
    await teams?.close();
  });

  it('waits as long as Retry-After says after a 429 and a 503, then sends once, as a new message', async () => {
    const chat = (extra: Record<string, unknown>) =>
      postActivity(server.url, teamsActivity({ serviceUrl: teams.serviceUrl, conversationId: 'a:peter-personal', conversationType: 'personal', user: peter, ...extra }));
    await chat({ text: '5 Pakete Papier' });
    const summary = teams.sent.find((s) => buttonsIn(s.activity).some((b) => b.action === 'order.confirm'))!;
    await chat({ value: buttonsIn(summary.activity).find((b) => b.action === 'order.confirm'), replyToId: summary.id });
    const row = async () => (await server.app.db('outbox').where({ kind: 'order_confirmed' }).first());
    expect(await row()).toMatchObject({ status: 'pending' });

    const options = { db: server.app.db, adapter: server.app.adapter, appId: '' };
    const t0 = new Date();
    teams.failNext({ status: 429, retryAfter: '120' });
    expect((await sendDueNotifications(options, t0)).failed).toBe(1);
    expect(teams.refused).toHaveLength(1); // one request: the SDK did not retry on its own
    const afterThrottle = await row();
    expect(afterThrottle).toMatchObject({ status: 'pending', attempts: 1 });
    expect(new Date(afterThrottle.next_attempt_at).getTime()).toBeGreaterThanOrEqual(t0.getTime() + 120_000);
    expect(afterThrottle.last_error).toMatch(/retry after 120 s/);

    // Not before: nothing is asked of the channel.
    expect((await sendDueNotifications(options, new Date(t0.getTime() + 119_000))).sent).toBe(0);
    expect(teams.refused).toHaveLength(1);

    const t1 = new Date(t0.getTime() + 120_000);
    teams.failNext({ status: 503, retryAfter: new Date(t1.getTime() + 600_000).toUTCString() });
    expect((await sendDueNotifications(options, t1)).failed).toBe(1);
    expect(teams.refused).toHaveLength(2);
    const afterUnavailable = await row();
    expect(new Date(afterUnavailable.next_attempt_at).getTime()).toBeGreaterThanOrEqual(t1.getTime() + 599_000);

    const before = teams.sent.length;
    expect((await sendDueNotifications(options, new Date(t1.getTime() + 600_000))).sent).toBe(1);
    const delivered = teams.sent.slice(before);
    expect(delivered).toHaveLength(1);
    expect(delivered[0].pathActivityId).toBeUndefined(); // POST …/activities, not a reply to an old activity
    expect(delivered[0].activity.replyToId).toBeUndefined();
    expect(delivered[0].activity.text).toMatch(/Auftragsbestätigung/);
    expect(await row()).toMatchObject({ status: 'sent' });
  });

  it('sends a proactive card with buttons with Universal Actions (Action.Execute, Action.Submit fallback), and its press is answered', async () => {
    const conversationId = 'a:peter-personal-service';
    const chat = (extra: Record<string, unknown>) =>
      postActivity(server.url, teamsActivity({ serviceUrl: teams.serviceUrl, conversationId, conversationType: 'personal', user: peter, ...extra }));
    const sentSince = (n: number) => teams.sent.slice(n);
    let mark = teams.sent.length;
    await chat({ text: 'Druckerwartung nächsten Donnerstag vormittag' });
    const slotCard = sentSince(mark).find((s) => buttonsIn(s.activity).some((b) => b.action === 'order.slot'))!;
    mark = teams.sent.length;
    await chat({ value: buttonsIn(slotCard.activity).find((b) => b.action === 'order.slot'), replyToId: slotCard.id });
    const summary = sentSince(mark).find((s) => buttonsIn(s.activity).some((b) => b.action === 'order.confirm'))!;
    await chat({ value: buttonsIn(summary.activity).find((b) => b.action === 'order.confirm'), replyToId: summary.id });
    const order = await server.app.db('orders').orderBy('id', 'desc').first();
    const options = { db: server.app.db, adapter: server.app.adapter, appId: '' };
    await sendDueNotifications(options, new Date()); // the confirmation

    const a = await demoActors(server.app.db);
    const offered = await offerNewSlots(server.app.db, a.sales, { orderNumber: order.number, sku: 'SVC-PRINTER' }, new Date());
    expect(offered.ok).toBe(true);
    mark = teams.sent.length;
    expect((await sendDueNotifications(options, new Date())).sent).toBeGreaterThan(0);
    const offer = sentSince(mark).find((s) => s.conversationId === conversationId && buttonsIn(s.activity).length > 0)!;
    const content = offer.activity.attachments[0].content;
    const slotButtons = JSON.stringify(content);
    expect(slotButtons).toContain('"type":"Action.Execute"');
    const execute = (function find(n: any): any {
      if (!n || typeof n !== 'object') return undefined;
      if (n.type === 'Action.Execute') return n;
      for (const v of Object.values(n)) { const hit = find(v); if (hit) return hit; }
      return undefined;
    })(content);
    expect(execute).toMatchObject({ verb: execute.data.action, fallback: { type: 'Action.Submit', data: execute.data } });
    expect(content.refresh).toBeUndefined(); // a proactive card is not kept, so it asks for no refresh

    // Its press in Teams (the invoke) reaches the dialogs like any card press and is answered with the card to show.
    const res = await postActivity(server.url, {
      ...teamsActivity({ serviceUrl: teams.serviceUrl, conversationId, conversationType: 'personal', user: peter }),
      type: 'invoke', name: 'adaptiveCard/action', replyToId: offer.id, value: { action: { type: 'Action.Execute', verb: execute.verb, data: execute.data } },
    });
    expect(res.status).toBe(200);
    const answer = await res.json();
    expect(answer).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(JSON.stringify(answer.value)).toMatch(/Erledigt/);
    expect(JSON.stringify(answer.value)).not.toContain('Action.');
    const booking = await server.app.db('service_bookings').where({ order_id: order.id, status: 'booked' }).first();
    expect(new Date(booking.starts_at).toISOString()).toBe(new Date(execute.data.start).toISOString());
  });
});
