import { DirectLineTokens } from '../../bot/directline/tokens';
import { sendDueNotifications } from '../../bot/notifier';
import { saveConversationRef } from '../../data/conversationRefs';
import { openDatabase } from '../../data/db';
import { placeOrder } from '../../operations';
import { demoActors } from '../orders/actors';
import { describeEachDatabase } from '../support/databases';
import { connectDirectLine, DirectLineTestClient } from '../support/directlineClient';
import { DirectLineHarness, startDirectLineHarness, TEST_TOKEN_SECRET } from '../support/directlineHarness';

/** Raw HTTP against the channel, for what the Microsoft client would never send. */
async function call(base: string, method: string, path: string, token?: string, body?: unknown, rawBody?: string) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined || rawBody !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    body: rawBody ?? (body !== undefined ? JSON.stringify(body) : undefined),
  });
  const text = await response.text();
  let json: any;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, json, text };
}

async function startConversation(h: DirectLineHarness, userId: string, locale = 'de-DE') {
  const { token } = h.channel.issueToken({ id: userId, name: `Name ${userId}`, locale });
  const started = await call(h.baseUrl, 'POST', '/v3/directline/conversations', token, {});
  expect(started.status).toBe(201);
  return { userToken: token, conversationId: started.json.conversationId as string, token: started.json.token as string };
}

async function history(h: DirectLineHarness, conversationId: string, token: string, watermark = '') {
  const got = await call(h.baseUrl, 'GET', `/v3/directline/conversations/${conversationId}/activities?watermark=${watermark}`, token);
  expect(got.status).toBe(200);
  return got.json as { activities: any[]; watermark: string };
}

describeEachDatabase('local Direct Line channel', ({ get }) => {
  let h: DirectLineHarness;
  const clients: DirectLineTestClient[] = [];
  const connect = (options: Parameters<typeof connectDirectLine>[0]) => {
    const client = connectDirectLine(options);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    h = await startDirectLineHarness(get().db);
  });
  afterEach(() => {
    clients.splice(0).forEach((c) => c.end());
    h.bot.failing = false;
    h.bot.endpointOverride = undefined;
  });
  afterAll(async () => {
    await h?.close();
  });

  test('Microsoft client: greeting after start, echo round trip, own activity echoed with id and clientActivityID', async () => {
    const { token } = h.channel.issueToken({ id: 'demo-mueller', name: 'Frau Müller', locale: 'de-DE' });
    const chat = connect({ baseUrl: h.baseUrl, token, userId: 'demo-mueller', userName: 'Frau Müller' });
    const conversationId = await chat.connected();

    const greeting = await chat.nextBotMessage((a) => /^Willkommen/.test(a.text ?? ''));
    expect(greeting.text).toBe('Willkommen, demo-mueller!');
    expect(greeting.id).toMatch(new RegExp(`^${conversationId}\\|\\d{7}$`));
    expect(greeting.serviceUrl).toBeUndefined();

    const sentId = await chat.send('Hallo Bot', { locale: 'de-DE' });
    expect(sentId).toMatch(/\|\d{7}$/);
    const own = await chat.waitFor((a) => a.id === sentId);
    expect(own.from.id).toBe('demo-mueller');
    expect(own.text).toBe('Hallo Bot');
    expect(typeof own.channelData?.clientActivityID).toBe('string');
    expect(own.locale).toBe('de-DE');
    expect(own.serviceUrl).toBeUndefined();

    const reply = await chat.nextBotMessage((a) => a.text === 'Echo: Hallo Bot');
    expect(reply.replyToId).toBe(sentId);
    expect(reply.from.role).toBe('bot');
    expect(reply.recipient?.id).toBe('demo-mueller');
    expect(reply.conversation.id).toBe(conversationId);
  });

  test('the bot receives channel fields, a secret serviceUrl and the token locale', async () => {
    const { conversationId } = await startConversation(h, 'demo-cafe', 'en-US');
    const reference = h.bot.references.get(conversationId)!;
    expect(reference.channelId).toBe('directline');
    expect(reference.locale).toBe('en-US');
    expect(reference.user?.id).toBe('demo-cafe');
    expect(reference.serviceUrl).toMatch(new RegExp(`^${h.baseUrl}/connector/[A-Za-z0-9_-]{20,}$`));
  });

  test('an activity whose from.id is not the token user is refused with 403 and not delivered', async () => {
    const { conversationId, token } = await startConversation(h, 'demo-schmidt');
    const posted = await call(h.baseUrl, 'POST', `/v3/directline/conversations/${conversationId}/activities`, token, {
      type: 'message',
      from: { id: 'demo-admin' },
      text: 'I am the admin',
    });
    expect(posted.status).toBe(403);
    expect(posted.json.error.code).toBeDefined();
    const { activities } = await history(h, conversationId, token);
    expect(activities.map((a) => a.text)).toEqual(['Willkommen, demo-schmidt!']);
  });

  test("another user's token can neither read nor write a conversation", async () => {
    const victim = await startConversation(h, 'demo-accounting');
    const attacker = await startConversation(h, 'demo-cafe');
    const path = `/v3/directline/conversations/${victim.conversationId}/activities`;

    expect((await call(h.baseUrl, 'GET', path, attacker.token)).status).toBe(403); // bound to another conversation
    expect((await call(h.baseUrl, 'GET', path, attacker.userToken)).status).toBe(403); // unbound, not the owner
    expect((await call(h.baseUrl, 'GET', `/v3/directline/conversations/${victim.conversationId}`, attacker.userToken)).status).toBe(403);
    const write = await call(h.baseUrl, 'POST', path, attacker.userToken, { type: 'message', from: { id: 'demo-cafe' }, text: 'hi' });
    expect(write.status).toBe(403);
    expect((await call(h.baseUrl, 'GET', path)).status).toBe(401);

    // The owner's unbound token and the bound one both work.
    expect((await call(h.baseUrl, 'GET', path, victim.userToken)).status).toBe(200);
    const { activities } = await history(h, victim.conversationId, victim.token);
    expect(activities.map((a) => a.text)).toEqual(['Willkommen, demo-accounting!']);
  });

  test('reconnect (GET conversation) gives a token bound to the conversation', async () => {
    const started = await startConversation(h, 'demo-sales');
    const again = await call(h.baseUrl, 'GET', `/v3/directline/conversations/${started.conversationId}?watermark=`, started.token);
    expect(again.status).toBe(200);
    expect(again.json.conversationId).toBe(started.conversationId);
    expect((await history(h, started.conversationId, again.json.token)).activities).toHaveLength(1);
  });

  test('forged, tampered and expired tokens are refused', async () => {
    const { token } = h.channel.issueToken({ id: 'demo-sales' });
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...claims, sub: 'demo-admin' })).toString('base64url')}.${signature}`;
    const forged = new DirectLineTokens('not-the-server-secret', 3600).issue({ userId: 'demo-admin' }).token;
    const expired = new DirectLineTokens(TEST_TOKEN_SECRET, -5).issue({ userId: 'demo-sales' }).token;

    for (const bad of [tampered, forged, expired, 'garbage']) {
      const started = await call(h.baseUrl, 'POST', '/v3/directline/conversations', bad, {});
      expect(started.status).toBe(403);
      expect(started.json.error.code).toBe('TokenExpired');
      expect((await call(h.baseUrl, 'POST', '/v3/directline/tokens/refresh', bad)).status).toBe(403);
      expect((await call(h.baseUrl, 'POST', '/v3/directline/tokens/generate', bad)).status).toBe(403);
    }
  });

  test('token refresh keeps user and conversation with a new token; generate gives a fresh user token', async () => {
    const started = await startConversation(h, 'demo-mueller');
    const refreshed = await call(h.baseUrl, 'POST', '/v3/directline/tokens/refresh', started.token);
    expect(refreshed.status).toBe(200);
    expect(refreshed.json.token).not.toBe(started.token);
    expect(refreshed.json.expires_in).toBe(3600);
    expect(refreshed.json.conversationId).toBe(started.conversationId);
    expect((await history(h, started.conversationId, refreshed.json.token)).activities.length).toBeGreaterThan(0);

    const generated = await call(h.baseUrl, 'POST', '/v3/directline/tokens/generate', started.userToken);
    expect(generated.status).toBe(200);
    const next = await call(h.baseUrl, 'POST', '/v3/directline/conversations', generated.json.token, {});
    expect(next.status).toBe(201);
    expect(next.json.conversationId).not.toBe(started.conversationId);
    expect((await call(h.baseUrl, 'POST', '/v3/directline/tokens/refresh')).status).toBe(401);
  });

  test('a failing bot (error status or unreachable) answers 502; the failed activity is not shown', async () => {
    const { conversationId, token } = await startConversation(h, 'demo-schmidt');
    const path = `/v3/directline/conversations/${conversationId}/activities`;
    const send = (text: string) =>
      call(h.baseUrl, 'POST', path, token, { type: 'message', from: { id: 'demo-schmidt' }, text, channelData: { clientActivityID: text } });

    h.bot.failing = true;
    const failed = await send('first');
    expect(failed.status).toBe(502);
    expect(failed.json.error.code).toBe('BotError');

    h.bot.failing = false;
    h.bot.endpointOverride = 'http://127.0.0.1:1/api/messages';
    expect((await send('second')).status).toBe(502);

    h.bot.endpointOverride = undefined;
    // A retry of a failed send is delivered this time.
    const retried = await send('first');
    expect(retried.status).toBe(200);
    const { activities } = await history(h, conversationId, token);
    expect(activities.map((a) => a.text)).toEqual(['Willkommen, demo-schmidt!', 'first', 'Echo: first']);
  });

  test('the Microsoft client reports a send as failed when the bot is down', async () => {
    const { token } = h.channel.issueToken({ id: 'demo-cafe', locale: 'en-US' });
    const chat = connect({ baseUrl: h.baseUrl, token, userId: 'demo-cafe' });
    await chat.nextBotMessage((a) => a.text === 'Welcome, demo-cafe!');
    h.bot.failing = true;
    await expect(chat.send('anyone there?')).rejects.toThrow('send failed');
  });

  test('a repeated clientActivityID has no second effect', async () => {
    const { conversationId, token } = await startConversation(h, 'demo-mueller');
    const path = `/v3/directline/conversations/${conversationId}/activities`;
    const activity = { type: 'message', from: { id: 'demo-mueller' }, text: 'einmal', channelData: { clientActivityID: 'c-1' } };
    const first = await call(h.baseUrl, 'POST', path, token, activity);
    const second = await call(h.baseUrl, 'POST', path, token, activity);
    expect(first.status).toBe(200);
    expect(second.json.id).toBe(first.json.id);
    const { activities } = await history(h, conversationId, token);
    expect(activities.map((a) => a.text)).toEqual(['Willkommen, demo-mueller!', 'einmal', 'Echo: einmal']);
  });

  test('bad requests: malformed JSON, missing type, wrong watermark, oversized body', async () => {
    const { conversationId, token } = await startConversation(h, 'demo-admin');
    const path = `/v3/directline/conversations/${conversationId}/activities`;
    const malformed = await call(h.baseUrl, 'POST', path, token, undefined, '{"type": "message", ');
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.code).toBe('BadArgument');
    expect((await call(h.baseUrl, 'POST', path, token, { from: { id: 'demo-admin' }, text: 'no type' })).status).toBe(400);
    expect((await call(h.baseUrl, 'POST', path, token, [{ type: 'message' }])).status).toBe(400);
    expect((await call(h.baseUrl, 'POST', path, token, { type: 'message', text: 42 })).status).toBe(400);
    expect((await call(h.baseUrl, 'GET', `${path}?watermark=abc`, token)).status).toBe(400);
    const huge = await call(h.baseUrl, 'POST', path, token, { type: 'message', from: { id: 'demo-admin' }, text: 'x'.repeat(300 * 1024) });
    expect(huge.status).toBe(413);
    expect((await call(h.baseUrl, 'GET', '/v3/directline/conversations/does-not-exist/activities', h.channel.issueToken({ id: 'demo-admin' }).token)).status).toBe(404);
  });

  test('concurrent posts get distinct sequence numbers and all reach the log', async () => {
    const { conversationId, token } = await startConversation(h, 'demo-sales');
    const path = `/v3/directline/conversations/${conversationId}/activities`;
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => call(h.baseUrl, 'POST', path, token, { type: 'message', from: { id: 'demo-sales' }, text: `m${i}` })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(200));
    const ids = results.map((r) => r.json.id);
    expect(new Set(ids).size).toBe(8);
    const { activities, watermark } = await history(h, conversationId, token);
    expect(activities).toHaveLength(1 + 8 + 8);
    expect(new Set(activities.map((a) => a.id)).size).toBe(activities.length);
    // Polling from the returned watermark brings nothing new.
    expect((await history(h, conversationId, token, watermark)).activities).toEqual([]);
  });

  test('the connector side refuses callers without the secret', async () => {
    const { conversationId, token } = await startConversation(h, 'demo-mueller');
    const message = { type: 'message', text: 'injected' };
    expect((await call(h.baseUrl, 'POST', `/v3/conversations/${conversationId}/activities`, undefined, message)).status).toBe(404);
    const wrong = await call(h.baseUrl, 'POST', `/connector/not-the-secret/v3/conversations/${conversationId}/activities`, undefined, message);
    expect(wrong.status).toBe(403);
    const serviceUrl = h.bot.references.get(conversationId)!.serviceUrl!;
    const secret = serviceUrl.split('/connector/')[1];
    const almost = `${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`;
    expect((await call(h.baseUrl, 'POST', `/connector/${almost}/v3/conversations/${conversationId}/activities`, undefined, message)).status).toBe(403);
    expect((await call(h.baseUrl, 'PUT', `/connector/${almost}/v3/conversations/${conversationId}/activities/x`, undefined, message)).status).toBe(403);
    expect((await call(h.baseUrl, 'DELETE', `/connector/${almost}/v3/conversations/${conversationId}/activities/x`)).status).toBe(403);
    expect((await call(h.baseUrl, 'POST', `/connector/${secret}/v3/conversations`, undefined, {})).status).toBe(501);
    const { activities } = await history(h, conversationId, token);
    expect(activities.some((a) => a.text === 'injected')).toBe(false);
  });

  test('the bot sends, updates and deletes proactively through the connector', async () => {
    const { conversationId, token } = await startConversation(h, 'demo-accounting');
    const reference = h.bot.references.get(conversationId)!;
    let sentId = '';
    await h.adapter.continueConversationAsync('', reference, async (context) => {
      sentId = (await context.sendActivity('Rechnung 1 ist fällig'))!.id;
      const gone = await context.sendActivity('kurzlebig');
      await context.updateActivity({ type: 'message', id: sentId, text: 'Rechnung 1 ist bezahlt' });
      await context.deleteActivity(gone!.id);
    });
    const { activities } = await history(h, conversationId, token);
    expect(activities.map((a) => a.text)).toEqual(['Willkommen, demo-accounting!', 'Rechnung 1 ist bezahlt']);
    expect(activities[1].id).toBe(sentId);
  });

  test('a notification sent again after its confirmation was lost shows once in the conversation', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const { conversationId, token } = await startConversation(h, 'demo-mueller');
    const reference = h.bot.references.get(conversationId)!;
    await saveConversationRef(db, { channelId: 'directline', conversationId, personId: a.mueller.personId!, locale: 'de', reference: { ...reference } });
    const placed = await placeOrder(db, a.mueller, {
      customerId: a.customers.mueller, lines: [{ sku: 'TONER-BK', quantity: 1 }], conversation: { channelId: 'directline', conversationId },
    });
    if (!placed.ok) throw new Error(JSON.stringify(placed.problems));
    const rowQuery = () => db('outbox').where({ person_id: a.mueller.personId!, kind: 'order_confirmed' }).whereLike('payload', `%"${placed.order.number}"%`);
    const options = { db, adapter: h.adapter, appId: '' };

    await sendDueNotifications(options);
    expect(await rowQuery().first()).toMatchObject({ status: 'sent' });
    // The channel took the message but the sender never recorded it (a crash, a lease that ran out): it goes again.
    await rowQuery().update({ status: 'pending', sent_at: null, next_attempt_at: new Date(Date.now() - 1000).toISOString() });
    await sendDueNotifications(options);
    expect(await rowQuery().first()).toMatchObject({ status: 'sent' });

    const { activities } = await history(h, conversationId, token);
    expect(activities.map((x) => x.text)).toEqual(['Willkommen, demo-mueller!', expect.stringContaining(`Ihr Auftrag ${placed.order.number} ist bestätigt`)]);
  });

  test("the connector drops a bot activity repeated under its id, and a user's activity cannot claim that id", async () => {
    const { conversationId, token } = await startConversation(h, 'demo-schmidt');
    const secret = h.bot.references.get(conversationId)!.serviceUrl!.split('/connector/')[1];
    const path = `/connector/${secret}/v3/conversations/${conversationId}/activities`;
    const user = await call(h.baseUrl, 'POST', `/v3/directline/conversations/${conversationId}/activities`, token, {
      type: 'message', from: { id: 'demo-schmidt' }, text: 'Hallo', channelData: { clientActivityID: 'notification-4711' },
    });
    expect(user.status).toBe(200);
    const notice = { type: 'message', text: 'Ihr Auftrag wurde versendet', channelData: { notification: { kind: 'order_shipped', id: 'notification-4711' } } };
    const first = await call(h.baseUrl, 'POST', path, undefined, notice);
    const again = await call(h.baseUrl, 'POST', path, undefined, notice);
    expect(first.status).toBe(200);
    expect(again).toMatchObject({ status: 200, json: { id: first.json.id } });
    const { activities } = await history(h, conversationId, token);
    expect(activities.filter((x) => x.text === 'Ihr Auftrag wurde versendet').map((x) => x.id)).toEqual([first.json.id]);
    expect(activities.map((x) => x.text)).toContain('Hallo');
  });

  test('a restarted server on the same database serves the history and delivers to stored references', async () => {
    const first = await startDirectLineHarness(get().db);
    const { token } = first.channel.issueToken({ id: 'demo-cafe', locale: 'en-US' });
    const chat = connect({ baseUrl: first.baseUrl, token, userId: 'demo-cafe' });
    const conversationId = await chat.connected();
    await chat.nextBotMessage((a) => a.text === 'Welcome, demo-cafe!');
    await chat.send('before restart');
    await chat.nextBotMessage((a) => a.text === 'Echo: before restart');
    const conversationToken = (chat.directLine as any).token as string;
    chat.end();
    await first.close();

    const db = openDatabase(get().options);
    const second = await startDirectLineHarness(db, { port: first.port, references: first.bot.references, globalBodyParser: true });
    try {
      const { activities } = await history(second, conversationId, conversationToken);
      expect(activities.map((a) => a.text)).toEqual(['Welcome, demo-cafe!', 'before restart', 'Echo: before restart']);

      await second.adapter.continueConversationAsync('', first.bot.references.get(conversationId)!, async (context) => {
        await context.sendActivity('Your order has shipped');
      });
      const resumed = connect({ baseUrl: second.baseUrl, token: conversationToken, userId: 'demo-cafe', conversationId });
      const proactive = await resumed.nextBotMessage((a) => a.text === 'Your order has shipped');
      expect(proactive.conversation.id).toBe(conversationId);
      await resumed.send('after restart');
      await resumed.nextBotMessage((a) => a.text === 'Echo: after restart');
    } finally {
      clients.splice(0).forEach((c) => c.end());
      await second.close();
      await db.destroy();
    }
  });
});
