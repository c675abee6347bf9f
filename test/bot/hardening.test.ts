import http from 'node:http';
import { Writable } from 'node:stream';
import zlib from 'node:zlib';
import { Dialog, type DialogTurnResult } from 'botbuilder-dialogs';
import pino from 'pino';
import { findPersonByChannel, setPersonLocale } from '../../data/parties';
import { describeEachDatabase } from '../support/databases';
import { messageActivity, startReplyCollector, startTestServer, TestServer } from '../support/server';

/** Findings of the outside probe (issue 8) against the real host on loopback. */

const json = { 'content-type': 'application/json' };
const notGzip = Buffer.from('this is not gzip at all, just text pretending');

function capturingLogger(): { logger: pino.Logger; lines: () => any[] } {
  const lines: any[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: pino({ level: 'info' }, sink), lines: () => lines };
}

/**
 * Posts `chunks` × `size` bytes without a Content-Length and resolves with the status of the answer, which may come
 * before the upload is done (fetch reports that as a reset; the answer is what counts here).
 */
function chunkedPost(url: string, chunks: number, size: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
    });
    req.on('error', (err) => reject(err));
    let sent = 0;
    const write = () => {
      while (sent < chunks) {
        sent += 1;
        if (!req.write(Buffer.alloc(size, 0x20))) return void req.once('drain', write);
      }
      req.end();
    };
    write();
  });
}

async function alive(server: TestServer): Promise<void> {
  const res = await fetch(`${server.url}/healthz`);
  expect(res.status).toBe(200);
}

async function demoToken(server: TestServer): Promise<string> {
  const res = await fetch(`${server.url}/api/demo/token`, { method: 'POST', headers: json, body: JSON.stringify({ user: 'demo-mueller' }) });
  return ((await res.json()) as { token: string }).token;
}

describeEachDatabase('hardening at the HTTP edge', ({ get }) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(get());
  });
  afterAll(async () => {
    await server.close();
  });

  it('survives a gzip body that is not gzip on every body-reading route, refusing it with 4xx', async () => {
    const token = await demoToken(server);
    const started = await (await fetch(`${server.url}/v3/directline/conversations`, { method: 'POST', headers: { authorization: `Bearer ${token}` } })).json() as any;
    const routes: [string, Record<string, string>][] = [
      ['/api/messages', {}],
      ['/api/orders', { authorization: 'Bearer demo-shop-key' }],
      ['/api/orders/1001/transitions', { authorization: 'Bearer demo-staff-key' }],
      ['/api/orders/1001/shipments', { authorization: 'Bearer demo-staff-key' }],
      ['/api/demo/token', {}],
      ['/v3/directline/conversations', { authorization: `Bearer ${token}` }],
      [`/v3/directline/conversations/${started.conversationId}/activities`, { authorization: `Bearer ${started.token}` }],
    ];
    for (const [path, headers] of routes) {
      for (const encoding of ['gzip', 'deflate', 'br']) {
        const res = await fetch(server.url + path, { method: 'POST', headers: { ...json, ...headers, 'content-encoding': encoding }, body: notGzip });
        expect({ path, encoding, status: res.status }).toEqual({ path, encoding, status: path === '/api/messages' && encoding === 'gzip' ? 400 : 415 });
        await res.arrayBuffer();
      }
    }
    await alive(server);
  });

  it('counts the body limit of /api/messages after inflating, so a gzip bomb answers 413 without growing memory', async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20)); // 64 MiB of spaces in about 64 KB
    expect(bomb.length).toBeLessThan(200 * 1024);
    const before = process.memoryUsage().rss;
    const res = await fetch(`${server.url}/api/messages`, { method: 'POST', headers: { ...json, 'content-encoding': 'gzip' }, body: bomb });
    expect(res.status).toBe(413);
    expect(process.memoryUsage().rss - before).toBeLessThan(48 * 1024 * 1024);
    // Uncompressed: refused by its Content-Length, and without one (chunked) by counting.
    const big = Buffer.alloc(2 * 1024 * 1024, 0x20);
    expect((await fetch(`${server.url}/api/messages`, { method: 'POST', headers: json, body: big })).status).toBe(413);
    expect(await chunkedPost(`${server.url}/api/messages`, 4, 512 * 1024)).toBe(413);
    expect((await fetch(`${server.url}/api/messages`, { method: 'POST', headers: json, body: '{"type": ' })).status).toBe(400);
    await alive(server);
  });

  it('still takes a small gzip body on /api/messages', async () => {
    const collector = await startReplyCollector();
    try {
      const activity = messageActivity({ serviceUrl: collector.serviceUrl, conversationId: `gz-${get().kind}`, text: 'hilfe', id: 'gz-1' });
      const res = await fetch(`${server.url}/api/messages`, { method: 'POST', headers: { ...json, 'content-encoding': 'gzip' }, body: zlib.gzipSync(JSON.stringify(activity)) });
      expect(res.status).toBe(200);
      expect(collector.replies.length).toBeGreaterThan(0);
    } finally {
      await collector.close();
    }
  });

  it('answers malformed activities politely without a turn, and runs an Action.Execute like a button', async () => {
    const collector = await startReplyCollector();
    try {
      const conversationId = `edge-${get().kind}`;
      const post = (fields: Record<string, unknown>) => fetch(`${server.url}/api/messages`, {
        method: 'POST', headers: json,
        body: JSON.stringify({ ...messageActivity({ serviceUrl: collector.serviceUrl, conversationId, text: '', id: `e-${Math.random()}` }), ...fields }),
      });
      expect((await post({ text: 42 })).status).toBe(200);
      const unreadable = 'Diese Nachricht konnte ich leider nicht lesen. Bitte schreiben Sie mir noch einmal – Ihre bisherigen Angaben bleiben erhalten.';
      expect(collector.replies.map((r) => r.text)).toEqual([unreadable]);
      // A NUL byte in a typed address never reaches a dialog (nor PostgreSQL); in English for an English user.
      expect((await post({ text: 'Hauptstr.\u0000 1', locale: 'en-US', from: { id: 'stranger-en' } })).status).toBe(200);
      expect(collector.replies.map((r) => r.text)).toEqual([unreadable, 'Sorry, I could not read that message. Please write to me again – nothing you entered so far is lost.']);
      // A person's own language wins over the activity's.
      const cafe = (await findPersonByChannel(get().db, 'directline', 'demo-cafe'))!;
      await setPersonLocale(get().db, cafe.id, 'en');
      try {
        await post({ text: ['not', 'text'], locale: 'de-DE', from: { id: 'demo-cafe' } });
        expect(collector.replies.at(-1)?.text).toBe('Sorry, I could not read that message. Please write to me again – nothing you entered so far is lost.');
      } finally {
        await get().db('persons').where({ id: cafe.id }).update({ locale: cafe.locale ?? null });
      }
      collector.replies.splice(1);
      const broken = await post({ type: 'invoke', name: 'adaptiveCard/action', value: {} });
      expect(broken.status).toBe(200);
      expect(await broken.json()).toMatchObject({ statusCode: 400, type: 'application/vnd.microsoft.error' });
      expect((await post({ type: 'conversationUpdate', membersAdded: [null] })).status).toBe(200);
      expect((await post({ conversation: 'nope' })).status).toBe(400);
      expect(collector.replies).toHaveLength(1);

      const execute = await post({ type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'catalog', data: { action: 'order.catalog' } } } });
      expect(execute.status).toBe(200);
      expect(await execute.json()).toMatchObject({ statusCode: 200 });
      expect(collector.replies.length).toBeGreaterThan(1);
      const unknown = await post({ type: 'invoke', name: 'composeExtension/query', value: {} });
      expect(unknown.status).toBe(400);
    } finally {
      await collector.close();
    }
  });

  it('refuses control characters in REST text fields with 400, writing nothing', async () => {
    const count = async () => Number((await get().db('orders').count({ n: '*' }).first())!.n);
    const before = await count();
    const post = (body: unknown, path = '/api/orders', key = 'demo-shop-key') =>
      fetch(server.url + path, { method: 'POST', headers: { ...json, authorization: `Bearer ${key}` }, body: JSON.stringify(body) });
    const nul = await post({ customerNumber: '10001\u0000', lines: [{ sku: 'PAPER-A4', quantity: 1 }] });
    expect(nul.status).toBe(400);
    expect((await nul.json()).details).toEqual([{ field: 'customerNumber', message: 'must not contain control characters' }]);
    const address = { name: 'Müller Bau', street: 'Hauptstr.\u0000 1', postcode: '10115', city: 'Berlin', country: 'DE' };
    expect((await post({ customerNumber: '10001', lines: [{ sku: 'PAPER-A4', quantity: 1 }], deliveryAddress: address })).status).toBe(400);
    expect((await post({ to: 'cancelled', reason: 'weil\u0000' }, '/api/orders/1001/transitions', 'demo-staff-key')).status).toBe(400);
    expect(await count()).toBe(before);
    // Line breaks in a reason are still fine (the order need not exist for the body to pass validation).
    expect((await post({ to: 'cancelled', reason: 'Kunde\nruft an' }, '/api/orders/999999/transitions', 'demo-staff-key')).status).toBe(404);
  });

  it('answers an empty Idempotency-Key with 400 instead of creating orders', async () => {
    const count = async () => Number((await get().db('orders').count({ n: '*' }).first())!.n);
    const before = await count();
    const body = JSON.stringify({ customerNumber: '10001', lines: [{ sku: 'PAPER-A4', quantity: 1 }] });
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${server.url}/api/orders`, { method: 'POST', headers: { ...json, authorization: 'Bearer demo-shop-key', 'idempotency-key': '' }, body });
      expect(res.status).toBe(400);
      expect((await res.json()).details[0].field).toBe('Idempotency-Key');
    }
    expect(await count()).toBe(before);
  });

  it('bounds an order’s quantity per product and the planning horizon with 422', async () => {
    const post = (lines: unknown) =>
      fetch(`${server.url}/api/orders`, { method: 'POST', headers: { ...json, authorization: 'Bearer demo-staff-key' }, body: JSON.stringify({ customerNumber: '10001', lines }) });
    const count = async () => Number((await get().db('capacity_bookings').count({ n: '*' }).first())!.n);
    const before = await count();
    const huge = await post(Array.from({ length: 100 }, () => ({ sku: 'SIGN-ENGRAVED', quantity: 10_000 })));
    expect(huge.status).toBe(422);
    expect((await huge.json()).problems).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'quantity_over_limit', sku: 'SIGN-ENGRAVED' })]));
    // 10,000 signs at 20 a day would take about two years: beyond the default horizon of a year.
    const long = await post([{ sku: 'SIGN-ENGRAVED', quantity: 10_000 }]);
    expect(long.status).toBe(422);
    expect((await long.json()).problems).toEqual([expect.objectContaining({ code: 'beyond_planning_horizon', field: 'lines[0].quantity' })]);
    expect(await count()).toBe(before);
    expect((await post([{ sku: 'SIGN-ENGRAVED', quantity: 40 }])).status).toBe(201);
  });
});

describe('rate limits [sqlite]', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite', { env: { RATE_LIMIT_PER_MINUTE: '30', RATE_LIMIT_KEY_PER_MINUTE: '10', DEMO_TOKENS_PER_MINUTE: '5' } });
  });
  afterAll(async () => {
    await server.close();
  });

  it('limits demo tokens per client address with 429 and Retry-After', async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 8; i++) {
      const res = await fetch(`${server.url}/api/demo/token`, { method: 'POST', headers: json, body: JSON.stringify({ user: 'demo-mueller' }) });
      statuses.push(res.status);
      if (res.status === 429) retryAfter = res.headers.get('retry-after');
      await res.arrayBuffer();
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(retryAfter)).toBeLessThanOrEqual(60);
  });

  it('limits requests per key, also a wrong one, and per address across keys', async () => {
    const get = (key: string) => fetch(`${server.url}/api/orders/1001`, { headers: { authorization: `Bearer ${key}` } });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await get('wrong-key')).status);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    // Other keys, same address: the address limit (30) ends it even though no key reached its own.
    const more: number[] = [];
    for (let i = 0; i < 20; i++) more.push((await get(`guess-${i}`)).status);
    expect(more).toContain(429);
    const limited = await get('yet-another');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    // The chat's messaging endpoint is channel traffic and not limited here.
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});

describe('rate limits on Direct Line tokens [sqlite]', () => {
  it('limits one token’s refreshes and conversation starts, in Direct Line’s error shape', async () => {
    const server = await startTestServer('sqlite', { env: { RATE_LIMIT_PER_MINUTE: '1000', RATE_LIMIT_KEY_PER_MINUTE: '5' } });
    try {
      const token = await demoToken(server);
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await fetch(`${server.url}/v3/directline/tokens/refresh`, { method: 'POST', headers: { authorization: `Bearer ${token}` } })).status);
      for (let i = 0; i < 3; i++) statuses.push((await fetch(`${server.url}/v3/directline/conversations`, { method: 'POST', headers: { authorization: `Bearer ${token}` } })).status);
      expect(statuses).toEqual([200, 200, 200, 201, 201, 429]);
      const refused = await fetch(`${server.url}/v3/directline/tokens/generate`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
      expect((await refused.json()).error.code).toBe('TooManyRequests');
    } finally {
      await server.close();
    }
  });
});

describe('channel authentication [sqlite]', () => {
  it('answers a forged Bot Framework token with 401 and logs the cause, and survives a broken gzip body before authentication', async () => {
    const { logger, lines } = capturingLogger();
    const server = await startTestServer('sqlite', {
      env: { MicrosoftAppId: '11111111-2222-3333-4444-555555555555', MicrosoftAppPassword: 'not-a-real-secret', MicrosoftAppType: 'MultiTenant' },
      extras: { logger },
    });
    const collector = await startReplyCollector();
    try {
      const header = Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'forged' })).toString('base64url');
      const payload = Buffer.from(JSON.stringify({ iss: 'https://api.botframework.com', aud: '11111111-2222-3333-4444-555555555555', exp: Math.floor(Date.now() / 1000) + 600 })).toString('base64url');
      const forged = `${header}.${payload}.${Buffer.from('signature').toString('base64url')}`;
      const activity = messageActivity({ serviceUrl: collector.serviceUrl, conversationId: 'forged', text: 'hallo', id: 'f-1' });
      const res = await fetch(`${server.url}/api/messages`, { method: 'POST', headers: { ...json, authorization: `Bearer ${forged}` }, body: JSON.stringify(activity) });
      expect(res.status).toBe(401);
      const text = await res.text();
      expect(text).not.toMatch(/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|fetch failed|network|openid/i);
      expect(collector.replies).toHaveLength(0);
      expect(lines().some((l) => l.msg === 'channel request not authenticated' && typeof l.error === 'string')).toBe(true);

      const broken = await fetch(`${server.url}/api/messages`, { method: 'POST', headers: { ...json, 'content-encoding': 'gzip' }, body: notGzip });
      expect(broken.status).toBe(400);
      await alive(server);
    } finally {
      await collector.close();
      await server.close();
    }
  }, 30_000);
});

class ExplodingDialog extends Dialog {
  constructor() {
    super('test.exploding');
  }

  async beginDialog(): Promise<DialogTurnResult> {
    throw new Error('simulated failure');
  }
}

describeEachDatabase('a failed turn keeps the conversation', ({ get }) => {
  it('answers politely, keeps the customer’s draft, and logs ids and the error but no state', async () => {
    const { logger, lines } = capturingLogger();
    const server = await startTestServer(get(), {
      extras: {
        logger,
        // A bug inside a turn: a card button whose dialog fails, pressed while the order dialog is running.
        routes: [{ intent: 'test.explode', dialog: new ExplodingDialog(), cardAction: (action) => action === 'test.explode', cardInterrupts: true }],
      },
    });
    const collector = await startReplyCollector();
    const conversationId = `keep-${get().kind}`;
    const say = (text: string, id: string, value?: unknown) =>
      fetch(`${server.url}/api/messages`, { method: 'POST', headers: json, body: JSON.stringify({ ...messageActivity({ serviceUrl: collector.serviceUrl, conversationId, text, id }), value }) });
    const stateOf = async () => JSON.stringify(await get().db('bot_state').where('key', 'like', `%${conversationId}%`).select('data'));
    try {
      expect((await say('10 Pakete Papier', 'k-1')).status).toBe(200);
      const before = await stateOf();
      expect(before).toContain('PAPER-A4');
      expect((await say('', 'k-2', { action: 'test.explode' })).status).toBe(200);
      expect(collector.replies.at(-1)?.text).toBe('Entschuldigung, da ist bei mir etwas schiefgegangen. Bitte versuchen Sie es gleich noch einmal.');
      expect(await stateOf()).toBe(before);
      const failed = lines().filter((l) => l.msg === 'turn failed');
      expect(failed).toHaveLength(1);
      expect(failed[0]).toMatchObject({ activityId: 'k-2', activityType: 'message', error: { message: 'simulated failure' } });
      expect(JSON.stringify(failed)).not.toMatch(/PAPER-A4|Müller|Pakete|dialogStack/);
      // The draft goes on where it was.
      expect((await say('und 2 Toner schwarz', 'k-3')).status).toBe(200);
      expect(await stateOf()).toContain('TONER-BK');
      expect(await stateOf()).toContain('PAPER-A4');
    } finally {
      await collector.close();
      await server.close();
    }
  });
});
