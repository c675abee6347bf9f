import { performance } from 'node:perf_hooks';
import { LoopbackConnector } from './connector';
import { freshDatabase, type DbKind } from './databases';
import { prepareDatabase } from './floor';
import { ServerProcess } from './serverProcess';
import { helloTurn, orderTurn, percentile, sendTurn, statusTurn, whereIsMyOrderTurn, type TurnKind } from './turns';

export interface LoadResult {
  name: string;
  bot: string;
  echo: string;
  goal: string;
  passed: boolean;
}

/**
 * Open loop, as real users behave: `conversations` conversations, each sending a turn every `conversations / rate`
 * seconds on average (Poisson arrivals at `rate` turns/s in all), whether or not the server keeps up. A mix of status
 * questions, "Wo bleibt meine Bestellung?" and order messages (those in a new conversation, as a first message).
 */
async function openLoop(server: ServerProcess, connector: LoopbackConnector, kinds: TurnKind[], conversations: number, rate: number, seconds: number) {
  const latencies: number[] = [];
  const errors: string[] = [];
  const pending: Promise<void>[] = [];
  const started = performance.now();
  let next = started;
  let i = 0;
  while (next - started < seconds * 1000) {
    const wait = next - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const kind = kinds[i % kinds.length];
    const c = Math.floor(Math.random() * conversations);
    const conversation = kind.freshConversation ? `load-${c}-${i}` : `load-${kind.name.length}-${c}`;
    pending.push(
      sendTurn({ url: server.url, echo: server.kind === 'echo' }, connector, kind, conversation, i).then(
        (ms) => void latencies.push(ms),
        (err) => void errors.push(String(err)),
      ),
    );
    i++;
    next += (-Math.log(1 - Math.random()) / rate) * 1000;
  }
  await Promise.all(pending);
  if (errors.length) throw new Error(`${errors.length} of ${i} turns failed, e.g. ${errors[0]}`);
  return latencies.sort((a, b) => a - b);
}

/** One "hallo" in each of `count` new conversations, `concurrency` at a time; then the server's RSS after a full GC. */
async function manyConversations(server: ServerProcess, connector: LoopbackConnector, count: number, concurrency: number) {
  let n = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = n++; i < count; i = n++) await sendTurn({ url: server.url, echo: server.kind === 'echo' }, connector, helloTurn, `many-${i}`, i);
    }),
  );
  await server.gc();
  const usage = await server.usage();
  const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
  return {
    rssMb: usage.rssBytes / 2 ** 20,
    memory: `${mb(usage.rssBytes)} MB (heap ${mb(usage.heapUsedBytes)}/${mb(usage.heapTotalBytes)}, external ${mb(usage.externalBytes)})`,
    seconds: (performance.now() - started) / 1000,
  };
}

export async function benchLoad(kind: DbKind, options: { conversations: number; rate: number; seconds: number; manyConversations: number }): Promise<LoadResult[]> {
  const place = await freshDatabase(kind);
  const connector = new LoopbackConnector();
  await connector.start();
  const servers: ServerProcess[] = [];
  try {
    const { muellerOrder } = await prepareDatabase(place, 100);
    const bot = await ServerProcess.start('bot', place.options);
    const echo = await ServerProcess.start('echo');
    servers.push(bot, echo);
    const kinds = [statusTurn(muellerOrder), whereIsMyOrderTurn, orderTurn, statusTurn(muellerOrder), helloTurn];
    const results: LoadResult[] = [];
    const p = (xs: number[], q: number) => `${percentile(xs, q).toFixed(0)} ms`;
    // Warm-up at a tenth of the rate.
    await openLoop(bot, connector, kinds, options.conversations, options.rate / 10, 2);
    const botLat = await openLoop(bot, connector, kinds, options.conversations, options.rate, options.seconds);
    const echoLat = await openLoop(echo, connector, kinds, options.conversations, options.rate, options.seconds);
    results.push({
      name: `${options.conversations} conversations, ${options.rate} turns/s for ${options.seconds} s: reply p99 (p50) [${kind}]`,
      bot: `${p(botLat, 99)} (${p(botLat, 50)})`,
      echo: `${p(echoLat, 99)} (${p(echoLat, 50)})`,
      goal: 'p99 < 250 ms',
      passed: percentile(botLat, 99) < 250,
    });
    const [b, e] = await Promise.all([
      manyConversations(bot, connector, options.manyConversations, 20),
      manyConversations(echo, connector, options.manyConversations, 20),
    ]);
    results.push({
      name: `RSS after ${options.manyConversations} conversations (JS heap used/reserved, external) [${kind}]`,
      bot: b.memory,
      echo: e.memory,
      goal: 'RSS < 300 MB',
      passed: b.rssMb < 300,
    });
    return results;
  } finally {
    for (const server of servers) await server.stop();
    await connector.close();
    await place.drop();
  }
}
