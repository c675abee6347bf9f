import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Config, loadConfig } from '../../bot/config';
import { App, AppExtras, createApp } from '../../bot/server';
import { createTestDatabase, DbKind, TestDatabase } from './databases';

export interface TestServer {
  app: App;
  url: string;
  database: TestDatabase;
  /** Closes the app, and the database too when startTestServer created it. */
  close(): Promise<void>;
}

/**
 * Configuration for tests: demo mode, quiet logs, a fixed token secret, the given database. Rate limits are high
 * enough for suites that open many conversations in a minute; the rate-limit tests set their own.
 */
export function testConfig(database: TestDatabase, env: NodeJS.ProcessEnv = {}): Config {
  const limits = { RATE_LIMIT_PER_MINUTE: '100000', RATE_LIMIT_KEY_PER_MINUTE: '100000', DEMO_TOKENS_PER_MINUTE: '100000' };
  return { ...loadConfig({ LOG_LEVEL: 'silent', TOKEN_SECRET: 'test-token-secret', QUIET_HOURS: 'off', DUNNING_CRON: 'off', ...limits, ...env }), db: database.options ?? {} };
}

/**
 * The real App on 127.0.0.1 and a free port, on the given test database (another App may share it: a restart,
 * a second instance) or on a fresh one of the given kind.
 */
export async function startTestServer(
  database: TestDatabase | DbKind = 'sqlite',
  options: { env?: NodeJS.ProcessEnv; extras?: AppExtras } = {},
): Promise<TestServer> {
  const owned = typeof database === 'string';
  const db = owned ? await createTestDatabase(database) : database;
  const app = await createApp({ ...testConfig(db, options.env), host: '127.0.0.1' }, options.extras);
  const url = await app.listen(0);
  return {
    app,
    url,
    database: db,
    close: async () => {
      await app.close();
      if (owned) await db.close();
    },
  };
}

export interface CapturedReply {
  conversationId: string;
  text?: string;
  type: string;
  replyToId?: string;
}

/**
 * A minimal Bot Connector on loopback for tests that post to /api/messages directly: it accepts the bot's replies
 * (POST /v3/conversations/{id}/activities[/{replyToId}]) and keeps them for assertions.
 */
export async function startReplyCollector(): Promise<{ serviceUrl: string; replies: CapturedReply[]; close(): Promise<void> }> {
  const replies: CapturedReply[] = [];
  let counter = 0;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const match = /^\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? '');
      if (req.method === 'POST' && match) {
        const activity = JSON.parse(body || '{}');
        replies.push({ conversationId: decodeURIComponent(match[1]), text: activity.text, type: activity.type, replyToId: activity.replyToId });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: `reply-${++counter}` }));
        return;
      }
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    serviceUrl: `http://127.0.0.1:${port}`,
    replies,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A message activity as a channel would post it to /api/messages. */
export function messageActivity(opts: {
  serviceUrl: string;
  conversationId: string;
  text: string;
  id?: string;
  userId?: string;
  locale?: string;
  channelId?: string;
}): Record<string, unknown> {
  return {
    type: 'message',
    id: opts.id,
    channelId: opts.channelId ?? 'directline',
    serviceUrl: opts.serviceUrl,
    conversation: { id: opts.conversationId },
    from: { id: opts.userId ?? 'demo-mueller', name: 'user' },
    recipient: { id: 'auftragsbot', name: 'Auftragsbot' },
    text: opts.text,
    locale: opts.locale ?? 'de-DE',
    timestamp: new Date().toISOString(),
  };
}

export async function postActivity(baseUrl: string, activity: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(activity),
  });
}
