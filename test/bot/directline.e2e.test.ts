import { getConversationRef } from '../../data/conversationRefs';
import { findPersonByChannel } from '../../data/parties';
import { describeEachDatabase } from '../support/databases';
import { connectDirectLine, DirectLineTestClient } from '../support/directlineClient';
import { postActivity, startTestServer, TestServer } from '../support/server';

/** The whole path as Web Chat takes it: demo token → local Direct Line → /api/messages → bot → channel → client. */
describeEachDatabase('bot through the local Direct Line channel', ({ get }) => {
  let server: TestServer;
  let chat: DirectLineTestClient | undefined;

  beforeAll(async () => {
    server = await startTestServer(get());
  });
  afterEach(() => chat?.end());
  afterAll(async () => {
    await server.close();
  });

  async function signIn(user: string, locale: string): Promise<DirectLineTestClient> {
    const res = await fetch(`${server.url}/api/demo/token`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user, locale }),
    });
    const { token, userId } = await res.json();
    chat = connectDirectLine({ baseUrl: server.url, token, userId, locale });
    await chat.connected();
    return chat;
  }

  it('welcomes by name, greets and helps in German', async () => {
    const c = await signIn('demo-mueller', 'de-DE');
    expect((await c.nextBotMessage()).text).toMatch(/^Hallo Peter Müller, willkommen beim Auftragsbot!/);
    await c.send('Hallo');
    expect((await c.nextBotMessage()).text).toBe('Hallo Peter Müller! Wie kann ich Ihnen helfen?');
    await c.send('Hilfe');
    expect((await c.nextBotMessage()).text).toContain('Waren bestellen');
  });

  it('answers in English for an English session and stores the conversation reference', async () => {
    const c = await signIn('demo-sales', 'en-US');
    expect((await c.nextBotMessage()).text).toMatch(/^Hello Sabine Vogel, welcome/);
    await c.send('help');
    expect((await c.nextBotMessage()).text).toContain('Sales: “open orders”');
    const conversationId = await c.connected();
    const ref = await getConversationRef(get().db, 'directline', conversationId);
    const sales = await findPersonByChannel(get().db, 'directline', 'demo-sales');
    expect(ref).toMatchObject({ personId: sales!.id, locale: 'en' });
    expect(String(ref!.reference.serviceUrl)).toContain(server.url);
  });

  it('gives an activity the channel delivers again no second effect', async () => {
    const c = await signIn('demo-cafe', 'de-DE');
    await c.nextBotMessage(); // welcome
    const activityId = await c.send('hallo');
    expect((await c.nextBotMessage()).text).toBe('Hallo Aylin Demir! Wie kann ich Ihnen helfen?');

    // Deliver the same activity to the bot again, as a channel retry would, with the channel's own serviceUrl.
    const conversationId = await c.connected();
    const ref = (await getConversationRef(get().db, 'directline', conversationId))!;
    const again = await postActivity(server.url, {
      type: 'message', id: activityId, channelId: 'directline', serviceUrl: ref.reference.serviceUrl,
      conversation: { id: conversationId }, from: { id: 'demo-cafe', name: 'Aylin Demir' },
      recipient: ref.reference.bot, text: 'hallo', locale: 'de-DE',
    });
    expect(again.status).toBe(200);

    await c.send('was soll das');
    expect((await c.nextBotMessage()).text).toMatch(/nicht verstanden/);
    const greetings = c.received.filter((a) => a.text === 'Hallo Aylin Demir! Wie kann ich Ihnen helfen?');
    expect(greetings).toHaveLength(1);
  });

  it('refuses an activity that claims to come from another user with 403', async () => {
    const c = await signIn('demo-mueller', 'de-DE');
    await c.nextBotMessage(); // welcome
    const tokenRes = await fetch(`${server.url}/api/demo/token`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: 'demo-mueller' }),
    });
    const { token } = await tokenRes.json();
    const conversationId = await c.connected();
    const spoofed = await fetch(`${server.url}/v3/directline/conversations/${conversationId}/activities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ type: 'message', text: 'offene Aufträge', from: { id: 'demo-sales' } }),
    });
    expect(spoofed.status).toBe(403);
    const own = await fetch(`${server.url}/v3/directline/conversations/${conversationId}/activities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ type: 'message', text: 'hallo', from: { id: 'demo-mueller' } }),
    });
    expect(own.status).toBe(200);
  });

  it('switches the language on request and remembers it for the person', async () => {
    const c = await signIn('demo-schmidt', 'de-DE');
    expect((await c.nextBotMessage()).text).toMatch(/^Hallo Anna Schmidt/);
    await c.send('English please');
    expect((await c.nextBotMessage()).text).toBe('Sure, I will write to you in English from now on.');
    await c.send('hallo');
    expect((await c.nextBotMessage()).text).toBe('Hello Anna Schmidt! How can I help you?');
    const person = await findPersonByChannel(server.app.db, 'directline', 'demo-schmidt');
    expect(person!.locale).toBe('en');
    await c.send('bitte auf Deutsch');
    expect((await c.nextBotMessage()).text).toBe('Gern, ab jetzt schreibe ich Ihnen auf Deutsch.');
  });
});
