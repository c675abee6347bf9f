import http from 'node:http';
import type { AddressInfo } from 'node:net';
import restify from 'restify';
import { mountDirectLineToken } from '../../bot/directLineToken';
import { createLogger } from '../../bot/logger';

const SECRET = 'direct-line-secret-for-tests';

interface StandIn {
  url: string;
  requests: { authorization?: string; body: any }[];
  answer: (status: number, body: unknown) => void;
  close(): Promise<void>;
}

/** A loopback stand-in for Azure's POST /v3/directline/tokens/generate. */
async function azureStandIn(): Promise<StandIn> {
  const requests: StandIn['requests'] = [];
  let reply: { status: number; body: unknown } = { status: 200, body: undefined };
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      const body = raw ? JSON.parse(raw) : undefined;
      requests.push({ authorization: req.headers.authorization, body });
      if (req.method !== 'POST' || req.url !== '/v3/directline/tokens/generate') {
        res.writeHead(404);
        res.end();
        return;
      }
      if (req.headers.authorization !== `Bearer ${SECRET}`) {
        res.writeHead(403, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'BadArgument' } }));
        return;
      }
      const answer = reply.body ?? { conversationId: `conv-${requests.length}`, token: `token-for-${body?.user?.id}`, expires_in: 3600 };
      res.writeHead(reply.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v3/directline/tokens/generate`,
    requests,
    answer: (status, body) => (reply = { status, body }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function startRoute(options: { secret: string; endpoint: string }): Promise<{ url: string; close(): Promise<void> }> {
  const server = restify.createServer();
  mountDirectLineToken(server, { ...options, logger: createLogger(process.env.DEBUG_TOKEN ? 'debug' : 'silent'), timeoutMs: 2000 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('POST /api/directline/token (hosted web chat)', () => {
  let azure: StandIn;
  let route: { url: string; close(): Promise<void> };

  beforeAll(async () => {
    azure = await azureStandIn();
    route = await startRoute({ secret: SECRET, endpoint: azure.url });
  });
  afterAll(async () => {
    await route?.close();
    await azure?.close();
  });
  beforeEach(() => azure.answer(200, undefined));

  it('exchanges the secret for a token of a fresh anonymous user and never hands out the secret', async () => {
    const response = await fetch(`${route.url}/api/directline/token`, { method: 'POST' });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const text = await response.text();
    expect(text).not.toContain(SECRET);
    const body = JSON.parse(text);
    expect(body.userId).toMatch(/^dl_[0-9a-f]{32}$/);
    expect(body).toEqual({ token: `token-for-${body.userId}`, conversationId: expect.stringMatching(/^conv-/), expires_in: 3600, userId: body.userId });
    const sent = azure.requests[azure.requests.length - 1];
    expect(sent.authorization).toBe(`Bearer ${SECRET}`);
    expect(sent.body).toEqual({ user: { id: body.userId } });
  });

  it('gives every page its own user, whatever the page asks for', async () => {
    const ask = () =>
      fetch(`${route.url}/api/directline/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user: { id: 'demo-admin' } }),
      }).then((r) => r.json());
    const [a, b] = await Promise.all([ask(), ask()]);
    expect(a.userId).not.toBe(b.userId);
    expect([a.userId, b.userId]).not.toContain('demo-admin');
  });

  it('answers 502 when Azure refuses or answers nonsense, without passing its answer on', async () => {
    azure.answer(500, { error: { code: 'ServiceError', message: 'internal detail' } });
    const refused = await fetch(`${route.url}/api/directline/token`, { method: 'POST' });
    expect(refused.status).toBe(502);
    expect(await refused.text()).not.toContain('internal detail');

    azure.answer(200, { something: 'else' });
    expect((await fetch(`${route.url}/api/directline/token`, { method: 'POST' })).status).toBe(502);
  });

  it('answers 502 with a wrong secret and when the endpoint cannot be reached', async () => {
    const wrong = await startRoute({ secret: 'wrong', endpoint: azure.url });
    const unreachable = await startRoute({ secret: SECRET, endpoint: 'http://127.0.0.1:1/v3/directline/tokens/generate' });
    try {
      expect((await fetch(`${wrong.url}/api/directline/token`, { method: 'POST' })).status).toBe(502);
      expect((await fetch(`${unreachable.url}/api/directline/token`, { method: 'POST' })).status).toBe(502);
    } finally {
      await wrong.close();
      await unreachable.close();
    }
  });
});
