import inspector from 'node:inspector';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import restify from 'restify';
import type { DbOptions } from '../data/db';

/**
 * A server under test, run as a child process of the bench so that its CPU time (process.cpuUsage here) is the
 * server's alone and not mixed with the load generator's. BENCH_SERVER=bot starts the real host (createApp);
 * BENCH_SERVER=echo starts the framework's floor: a bare ActivityHandler echo bot behind the same restify 11 +
 * CloudAdapter path, with the same body parser, replying to the same connector.
 *
 * Talks to the parent over IPC: sends {ready, url}; answers {cmd:'usage'} with CPU microseconds, RSS and heap.
 */
export interface ServerUsage {
  cpuMicros: number;
  rssBytes: number;
  heapUsedBytes: number;
  /** V8's heap as reserved from the system (used or not) and memory outside it (Buffers, native addons' objects). */
  heapTotalBytes: number;
  externalBytes: number;
  /** SQL statements the server has sent so far (knex 'query' events; the echo bot sends none). */
  queries: number;
}

let queries = 0;

async function startEcho(): Promise<{ url: string; close(): Promise<void> }> {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const bot = new ActivityHandler();
  bot.onMessage(async (context, next) => {
    await context.sendActivity(`echo: ${context.activity.text ?? ''}`);
    await next();
  });
  const server = restify.createServer({ name: 'echo' });
  const jsonBody = restify.plugins.bodyParser({ maxBodySize: 1024 * 1024, mapParams: false });
  server.post('/api/messages', jsonBody, async (req, res) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, close: async () => server.close() };
}

async function startBot(db: DbOptions): Promise<{ url: string; close(): Promise<void> }> {
  // Loaded here, not at the top: the echo floor must not carry the bot's modules in its memory.
  const { loadConfig } = await import('../bot/config');
  const { createApp } = await import('../bot/server');
  // No accounting morning: its catch-up at start would run beside the measured turns (bench/dunningRun.ts measures it),
  // and with 100,000 orders it held the SQLite file's write lock past the in-process placeOrder's busy timeout.
  const config = loadConfig({
    PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent', QUIET_HOURS: 'off', DUNNING_CRON: 'off',
    // A part may slow the notification sender down (bench/dataSize.ts says why).
    ...(process.env.NOTIFY_INTERVAL_SECONDS ? { NOTIFY_INTERVAL_SECONDS: process.env.NOTIFY_INTERVAL_SECONDS } : {}),
  });
  const app = await createApp({ ...config, db });
  app.db.on('query', () => queries++);
  const url = await app.listen(0);
  return { url, close: () => app.close() };
}

let profiler: inspector.Session | undefined;
const post = (session: inspector.Session, method: string, params?: object) =>
  new Promise<unknown>((resolve, reject) => session.post(method, params ?? {}, (err, result) => (err ? reject(err) : resolve(result))));

async function main(): Promise<void> {
  const kind = process.env.BENCH_SERVER;
  const db = JSON.parse(process.env.BENCH_DB ?? '{}') as DbOptions;
  const server = kind === 'echo' ? await startEcho() : await startBot(db);
  process.on('message', async (msg: any) => {
    if (msg?.cmd === 'usage') {
      const cpu = process.cpuUsage();
      const mem = process.memoryUsage();
      process.send!({ usage: { cpuMicros: cpu.user + cpu.system, rssBytes: mem.rss, heapUsedBytes: mem.heapUsed, heapTotalBytes: mem.heapTotal, externalBytes: mem.external, queries } satisfies ServerUsage });
    } else if (msg?.cmd === 'gc') {
      (globalThis as any).gc?.();
      process.send!({ gc: true });
    } else if (msg?.cmd === 'profile-start') {
      // Only the measured window, not start-up, migrations and module loading.
      profiler = new inspector.Session();
      profiler.connect();
      await post(profiler, 'Profiler.enable');
      await post(profiler, 'Profiler.setSamplingInterval', { interval: 200 });
      await post(profiler, 'Profiler.start');
      process.send!({ profiling: true });
    } else if (msg?.cmd === 'profile-stop') {
      const { profile } = (await post(profiler!, 'Profiler.stop')) as { profile: unknown };
      profiler!.disconnect();
      process.send!({ profile });
    } else if (msg?.cmd === 'close') {
      await server.close();
      process.exit(0);
    }
  });
  // A bench that crashed must not leave its servers running.
  process.on('disconnect', () => process.exit(0));
  process.send!({ ready: true, url: server.url });
}

main().catch((err) => {
  console.error(`bench server (${process.env.BENCH_SERVER}) failed:`, err instanceof Error ? err.stack : err);
  process.exit(1);
});
