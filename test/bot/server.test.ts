import { ConnectorFactoryImpl } from 'botframework-connector/lib/auth/connectorFactoryImpl';
import { ParameterizedBotFrameworkAuthentication } from 'botframework-connector/lib/auth/parameterizedBotFrameworkAuthentication';
import { getConversationRef } from '../../data/conversationRefs';
import { createTestDatabase, describeEachDatabase, TestDatabase } from '../support/databases';
import { messageActivity, postActivity, startReplyCollector, startTestServer, TestServer } from '../support/server';
import { testDialogExtras } from './testDialogs';

describe('bot host over HTTP [sqlite]', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
  });
  afterAll(async () => {
    await database.close();
  });

  it('reports health 200, and 503 once the database is gone', async () => {
    const server = await startTestServer(database);
    try {
      const ok = await fetch(`${server.url}/healthz`);
      expect(ok.status).toBe(200);
      expect(await ok.json()).toEqual({ status: 'ok' });
      await server.app.db.destroy();
      const down = await fetch(`${server.url}/healthz`);
      expect(down.status).toBe(503);
      expect(await down.json()).toEqual({ status: 'unavailable' });
    } finally {
      await server.close();
    }
  });

  it('issues demo tokens only for linked demo ids', async () => {
    const server = await startTestServer(database);
    try {
      const post = (body: unknown) =>
        fetch(`${server.url}/api/demo/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const ok = await post({ user: 'demo-mueller', locale: 'de-DE' });
      expect(ok.status).toBe(200);
      const body = await ok.json();
      expect(body.userId).toBe('demo-mueller');
      expect(typeof body.token).toBe('string');
      expect(body.token.length).toBeGreaterThan(20);
      // The token opens a conversation on the local Direct Line channel.
      const conversation = await fetch(`${server.url}/v3/directline/conversations`, {
        method: 'POST',
        headers: { authorization: `Bearer ${body.token}` },
      });
      expect(conversation.status).toBe(201);

      expect((await post({ user: 'nobody' })).status).toBe(404);
      expect((await post({})).status).toBe(400);

      const people = (await (await fetch(`${server.url}/api/demo/people`)).json()) as Array<{ id: string; name: string; role: string; customer: unknown }>;
      expect(people.map((p) => p.id)).toEqual(['demo-mueller', 'demo-cafe', 'demo-schmidt', 'demo-sales', 'demo-accounting', 'demo-admin', 'demo-tom', 'demo-lena']);
      expect(people.slice(-2).map((p) => p.role)).toEqual(['technician', 'technician']);
      expect(people[0]).toEqual({ id: 'demo-mueller', name: 'Peter Müller', role: 'customer', customer: { name: 'Müller Bau GmbH', kind: 'b2b' } });
    } finally {
      await server.close();
    }
  });

  describe('with app credentials configured', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer(database, {
        env: { MicrosoftAppId: '11111111-2222-3333-4444-555555555555', MicrosoftAppPassword: 'not-a-real-secret', MicrosoftAppType: 'MultiTenant' },
      });
    });
    afterAll(async () => {
      await server.close();
    });

    it('refuses /api/messages without a channel token', async () => {
      const collector = await startReplyCollector();
      try {
        const res = await postActivity(server.url, messageActivity({ serviceUrl: collector.serviceUrl, conversationId: 'c-auth', text: 'hallo', id: 'a1' }));
        expect(res.status).toBe(401);
        expect(collector.replies).toHaveLength(0);
      } finally {
        await collector.close();
      }
    });

    it('offers neither demo tokens nor the demo channel', async () => {
      const token = await fetch(`${server.url}/api/demo/token`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: 'demo-mueller' }),
      });
      expect(token.status).toBe(404);
      expect((await fetch(`${server.url}/api/demo/people`)).status).toBe(404);
      expect((await fetch(`${server.url}/v3/directline/conversations`, { method: 'POST' })).status).toBe(404);
    });
  });
});

describeEachDatabase('turns over HTTP', ({ kind, get }) => {
  let collector: Awaited<ReturnType<typeof startReplyCollector>>;
  beforeAll(async () => {
    collector = await startReplyCollector();
  });
  afterAll(async () => {
    await collector.close();
  });

  const say = (url: string, conversationId: string, text: string, id: string, userId = 'demo-mueller') =>
    postActivity(url, messageActivity({ serviceUrl: collector.serviceUrl, conversationId, text, id, userId }));
  const texts = (conversationId: string) => collector.replies.filter((r) => r.conversationId === conversationId).map((r) => r.text);

  it('runs parallel messages of one conversation one after another', async () => {
    const server = await startTestServer(get(), { extras: testDialogExtras() });
    try {
      expect((await say(server.url, 'c-par', 'count', 'p0')).status).toBe(200);
      const results = await Promise.all(Array.from({ length: 8 }, (_, i) => say(server.url, 'c-par', 'again', `p${i + 1}`)));
      expect(results.map((r) => r.status)).toEqual(Array(8).fill(200));
      expect(texts('c-par').sort()).toEqual(Array.from({ length: 9 }, (_, i) => `count ${i + 1}`).sort());
    } finally {
      await server.close();
    }
  });

  it('takes a lease row per turn only on PostgreSQL (several instances), and leaves none behind', async () => {
    const server = await startTestServer(get(), { extras: testDialogExtras() });
    const leases: string[] = [];
    const watch = (q: { sql: string }) => { if (/conversation_leases/.test(q.sql)) leases.push(q.sql); };
    server.app.db.on('query', watch);
    try {
      await say(server.url, 'c-lease', 'count', 'l1');
      await say(server.url, 'c-lease', 'again', 'l2');
      expect(texts('c-lease')).toEqual(['count 1', 'count 2']);
      // PostgreSQL: acquire, and release in the statement that records the activity; SQLite: none.
      expect(leases).toHaveLength(kind === 'postgres' ? 4 : 0);
      expect(Number((await get().db('conversation_leases').count({ n: '*' }).first())!.n)).toBe(0);
    } finally {
      server.app.db.off('query', watch);
      await server.close();
    }
  });

  it('reads what a turn needs in one statement, and on PostgreSQL writes what it leaves (state, record, lease) in one', async () => {
    const server = await startTestServer(get(), { extras: testDialogExtras() });
    const reads: string[] = [];
    const writes: string[] = [];
    const watch = (q: { sql: string }) => {
      if (/\bfrom (bot_state|reference_version|processed_activities)\b/.test(q.sql)) reads.push(q.sql);
      if (/\b(insert into|delete from) \W?(bot_state|processed_activities|conversation_leases)\b/.test(q.sql)) writes.push(q.sql);
    };
    const references: string[] = [];
    const watchReferences = (q: { sql: string }) => { if (/insert into conversation_refs/.test(q.sql)) references.push(q.sql); };
    server.app.db.on('query', watchReferences);
    try {
      await say(server.url, 'c-open', 'count', 'o1');
      // A new conversation's reference: on PostgreSQL written in the statement that ends the turn.
      expect(references).toHaveLength(1);
      if (kind === 'postgres') expect(references[0]).toMatch(/delete from conversation_leases/);
      expect(await getConversationRef(get().db, 'directline', 'c-open')).toMatchObject({ personId: expect.any(Number) });
      server.app.db.on('query', watch);
      await say(server.url, 'c-open', 'again', 'o2');
      expect(texts('c-open')).toEqual(['count 1', 'count 2']); // the dialog state read at the opening carried on
      expect(reads).toHaveLength(1);
      for (const table of ['bot_state', 'reference_version', 'processed_activities']) expect(reads[0]).toContain(`from ${table}`);
      if (kind === 'postgres') {
        expect(writes).toHaveLength(2); // the lease taken, then the end
        for (const table of ['bot_state', 'processed_activities', 'conversation_leases']) expect(writes[1]).toMatch(new RegExp(`(insert into|delete from) ${table}`));
      } else {
        expect(writes.map((sql) => /bot_state/.test(sql) ? 'state' : 'record')).toEqual(['state', 'record']);
      }
      expect(Number((await get().db('conversation_leases').count({ n: '*' }).first())!.n)).toBe(0);
      await say(server.url, 'c-open', 'again', 'o3');
      expect(texts('c-open')).toEqual(['count 1', 'count 2', 'count 3']); // and the state written at the end carries on
    } finally {
      server.app.db.off('query', watchReferences);
      server.app.db.off('query', watch);
      await server.close();
    }
  });

  it('builds one Bot Connector client for many turns to the same service URL, and another for another', async () => {
    const second = await startReplyCollector();
    const server = await startTestServer(get(), { extras: testDialogExtras() });
    const created = jest.spyOn(ConnectorFactoryImpl.prototype, 'create');
    const tokenClients = jest.spyOn(ParameterizedBotFrameworkAuthentication.prototype, 'createUserTokenClient');
    try {
      for (const [i, conversation] of ['c-conn-1', 'c-conn-2', 'c-conn-1'].entries()) {
        expect((await say(server.url, conversation, i === 0 ? 'count' : 'again', `conn${i}`)).status).toBe(200);
      }
      await postActivity(server.url, messageActivity({ serviceUrl: second.serviceUrl, conversationId: 'c-conn-3', text: 'count', id: 'conn3', userId: 'demo-mueller' }));
      expect(created).toHaveBeenCalledTimes(2);
      // The user-token client (sign-in prompts) depends on the bot identity only: one for all four turns.
      expect(tokenClients).toHaveBeenCalledTimes(1);
      expect(texts('c-conn-1')).toEqual(['count 1', 'count 2']);
      expect(second.replies.map((r) => r.text)).toEqual(['count 1']);
    } finally {
      created.mockRestore();
      tokenClients.mockRestore();
      await server.close();
      await second.close();
    }
  });

  it('gives a re-delivered activity no second effect', async () => {
    const server = await startTestServer(get(), { extras: testDialogExtras() });
    try {
      await say(server.url, 'c-dup', 'count', 'd1');
      const twice = await Promise.all([say(server.url, 'c-dup', 'again', 'd2'), say(server.url, 'c-dup', 'again', 'd2')]);
      expect(twice.map((r) => r.status)).toEqual([200, 200]);
      expect((await say(server.url, 'c-dup', 'again', 'd2')).status).toBe(200);
      await say(server.url, 'c-dup', 'again', 'd3');
      expect(texts('c-dup')).toEqual(['count 1', 'count 2', 'count 3']);
    } finally {
      await server.close();
    }
  });

  it('answers a failed turn politely in the user language, and lets a re-delivery try again', async () => {
    const server = await startTestServer(get(), { extras: testDialogExtras() });
    try {
      expect((await say(server.url, 'c-boom', 'boom', 'b1')).status).toBe(200);
      expect((await say(server.url, 'c-boom', 'boom', 'b1')).status).toBe(200);
      const polite = 'Entschuldigung, da ist bei mir etwas schiefgegangen. Bitte versuchen Sie es gleich noch einmal.';
      expect(texts('c-boom')).toEqual([polite, polite]);
      await say(server.url, 'c-boom', 'hallo', 'b2');
      expect(texts('c-boom')[2]).toBe('Hallo Peter Müller! Wie kann ich Ihnen helfen?');
    } finally {
      await server.close();
    }
  });

  it('welcomes once per conversation even when membersAdded comes twice', async () => {
    const server = await startTestServer(get());
    try {
      const update = (id: string) =>
        postActivity(server.url, {
          type: 'conversationUpdate', id, channelId: 'directline', serviceUrl: collector.serviceUrl, locale: 'en-US',
          conversation: { id: 'c-welcome' }, from: { id: 'demo-cafe' }, recipient: { id: 'auftragsbot' },
          membersAdded: [{ id: 'demo-cafe', name: 'Aylin' }, { id: 'auftragsbot', name: 'Auftragsbot' }],
        });
      await update('w1');
      await update('w2');
      expect(texts('c-welcome')).toHaveLength(1);
      expect(texts('c-welcome')[0]).toMatch(/^Hello Aylin Demir, welcome to Auftragsbot!/);
    } finally {
      await server.close();
    }
  });

  it('continues a dialog after a restart in the middle of it', async () => {
    const first = await startTestServer(get(), { extras: testDialogExtras() });
    await say(first.url, 'c-restart', 'ask', 'r1');
    await first.close();
    const second = await startTestServer(get(), { extras: testDialogExtras() });
    try {
      await say(second.url, 'c-restart', 'Erika', 'r2');
      expect(texts('c-restart')).toEqual(['What is your name?', 'Thanks, Erika']);
    } finally {
      await second.close();
    }
  });

  if (kind === 'postgres') {
    it('serializes one conversation across two instances on the same database', async () => {
      const a = await startTestServer(get(), { extras: testDialogExtras() });
      const b = await startTestServer(get(), { extras: testDialogExtras() });
      try {
        await say(a.url, 'c-two', 'count', 't0');
        const results = await Promise.all(Array.from({ length: 10 }, (_, i) => say(i % 2 ? a.url : b.url, 'c-two', 'again', `t${i + 1}`)));
        expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
        // The same activity delivered to both instances at once still has one effect.
        await Promise.all([say(a.url, 'c-two', 'again', 't-dup'), say(b.url, 'c-two', 'again', 't-dup')]);
        expect(texts('c-two').sort()).toEqual(Array.from({ length: 12 }, (_, i) => `count ${i + 1}`).sort());
      } finally {
        await a.close();
        await b.close();
      }
    });
  }
});
