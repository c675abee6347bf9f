import crypto from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { openDatabase } from '../data/db';
import { LoopbackConnector, type Reply } from './connector';
import { benchDatabaseKinds, freshDatabase } from './databases';
import { prepareDatabase } from './floor';
import { RoundRobinProxy } from './proxy';
import { ServerProcess } from './serverProcess';
import { textTable } from './table';
import { activityFor, closedLoop, median, orderTurn, statusTurn, type TurnKind } from './turns';

/**
 * `npm run bench:scale`: two instances of the bot on one PostgreSQL behind a round-robin proxy on loopback.
 * 1. Throughput of one instance vs two (closed loop, 20 conversations, order messages and status questions).
 * 2. Exactly once: conversations each send an order message and "bestellen", every activity delivered TWICE at the
 *    same moment (the proxy sends the copies to different instances, as a channel's retry may land); then counts
 *    that each activity was answered once, each conversation placed one order, and each notification the orders
 *    queued reached the connector once.
 */
const CONVERSATIONS = Number(process.env.BENCH_SCALE_CONVERSATIONS ?? 40);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);

async function post(url: string, activity: object): Promise<number> {
  const res = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  await res.arrayBuffer();
  return res.status;
}

const fingerprint = (r: Reply) => JSON.stringify([r.text ?? '', r.attachments ?? []]);

async function main(): Promise<number> {
  if (!(await benchDatabaseKinds()).includes('postgres')) {
    console.error('bench:scale needs PostgreSQL: set BENCH_DATABASE_URL (or run the local one at 127.0.0.1:5432, db test)');
    return 1;
  }
  const place = await freshDatabase('postgres');
  const connector = new LoopbackConnector();
  const proxy = new RoundRobinProxy();
  const servers: ServerProcess[] = [];
  const problems: string[] = [];
  try {
    const { muellerOrder } = await prepareDatabase(place, 100);
    await connector.start();
    await proxy.start();
    // Notifications due within a second, so the exactly-once check need not wait long.
    for (let i = 0; i < 2; i++) servers.push(await ServerProcess.start('bot', place.options, { NOTIFY_INTERVAL_SECONDS: '1' }));

    // 1. Throughput, one instance vs two, interleaved. CPU here is the proxy's view, not a server's: turns/s only.
    const kinds: TurnKind[] = [orderTurn, statusTurn(muellerOrder)];
    const tps = { one: [] as number[], two: [] as number[] };
    // Warm both instances up first (JIT, pools, caches), so the first "two" round does not pay for the second one's start.
    proxy.backends = servers.map((s) => s.url);
    for (const kind of kinds) await closedLoop({ url: proxy.url, echo: false }, connector, kind, 20, 2);
    for (let round = 0; round < ROUNDS; round++) {
      for (const setting of round % 2 ? (['two', 'one'] as const) : (['one', 'two'] as const)) {
        proxy.backends = setting === 'one' ? [servers[0].url] : servers.map((s) => s.url);
        let turns = 0;
        let seconds = 0;
        for (const kind of kinds) {
          const m = await closedLoop({ url: proxy.url, echo: false }, connector, kind, 20, SECONDS / 2);
          turns += m.turns;
          seconds += m.seconds;
        }
        tps[setting].push(turns / seconds);
      }
    }

    // 2. Exactly once under duplicate delivery through both instances.
    proxy.backends = servers.map((s) => s.url);
    connector.keepAll = true;
    const tag = crypto.randomBytes(3).toString('hex');
    const conversations = Array.from({ length: CONVERSATIONS }, (_, c) => `scale-${tag}-${c}`);
    const answered = new Map<string, Reply[]>();
    const turn = async (conversation: string, text: string) => {
      const activity = activityFor(connector, 'demo-schmidt', conversation, text);
      const statuses = await Promise.all([post(proxy.url, activity), post(proxy.url, activity)]);
      if (statuses.some((s) => s >= 300)) problems.push(`${conversation}: "${text}" answered ${statuses.join('/')}`);
      answered.set(activity.id, connector.take(activity.id));
    };
    await Promise.all(conversations.map(async (conversation, c) => {
      await turn(conversation, orderTurn.text(c));
      await turn(conversation, 'bestellen');
    }));
    let lost = 0;
    let doubled = 0;
    for (const [id, replies] of answered) {
      if (!replies.length) lost++;
      const prints = replies.map(fingerprint);
      if (new Set(prints).size !== prints.length) doubled++;
      if (!replies.length || new Set(prints).size !== prints.length) problems.push(`activity ${id}: ${replies.length} replies`);
    }
    const db = openDatabase(place.options);
    let ordersPlaced = 0;
    let notificationRows = 0;
    let delivered = new Map<string, number>();
    try {
      const customer = await db('channel_identities').where({ channel_id: 'directline', user_id: 'demo-schmidt' }).first('person_id as id');
      const orders = await db('orders').whereIn('origin_conversation_id', conversations).select('origin_conversation_id');
      ordersPlaced = orders.length;
      const perConversation = new Map<string, number>();
      for (const o of orders) perConversation.set(o.origin_conversation_id, (perConversation.get(o.origin_conversation_id) ?? 0) + 1);
      for (const c of conversations) if (perConversation.get(c) !== 1) problems.push(`${c}: ${perConversation.get(c) ?? 0} orders`);
      // Wait for the senders of both instances to deliver what those orders queued for their conversations.
      const deadline = Date.now() + 30_000;
      for (;;) {
        const proactive = connector.received.filter((r) => conversations.includes(r.conversationId) && r.activity.channelData?.notification?.id);
        delivered = new Map();
        for (const r of proactive) delivered.set(r.activity.channelData.notification.id, (delivered.get(r.activity.channelData.notification.id) ?? 0) + 1);
        // The customer's own rows (staff rows wait for staff conversations that this bench never opens).
        const rows = await db('outbox').where({ person_id: customer.id }).select('status');
        notificationRows = rows.filter((r) => r.status === 'sent').length;
        if (rows.every((r) => r.status !== 'pending') && delivered.size >= CONVERSATIONS) break;
        if (Date.now() > deadline) break;
        await sleep(500);
      }
    } finally {
      await db.destroy();
    }
    const repeatedNotifications = [...delivered.values()].filter((n) => n > 1).length;
    if (delivered.size < CONVERSATIONS) problems.push(`only ${delivered.size} of at least ${CONVERSATIONS} order notifications reached the conversations`);
    if (repeatedNotifications) problems.push(`${repeatedNotifications} notifications delivered more than once`);

    console.log(textTable('Scale-out: two instances on one PostgreSQL behind a round-robin proxy (loopback)', ['measure', 'value'], [
      ['turns/s, one instance (median)', median(tps.one).toFixed(0)],
      ['turns/s, two instances (median)', median(tps.two).toFixed(0)],
      ['two ÷ one', `${(median(tps.two) / median(tps.one)).toFixed(2)}×`],
      ['requests per instance (all phases)', [...proxy.served.values()].join(' / ')],
      [`activities sent twice at once (${CONVERSATIONS} conversations × 2 turns)`, String(answered.size)],
      ['… answered not at all / more than once', `${lost} / ${doubled}`],
      ['orders placed (one expected per conversation)', `${ordersPlaced} of ${CONVERSATIONS}`],
      ['notifications sent (outbox rows) / distinct ids received / received twice', `${notificationRows} / ${delivered.size} / ${repeatedNotifications}`],
      ['result', problems.length ? `FAIL: ${problems.slice(0, 5).join('; ')}` : 'PASS: nothing lost, nothing doubled'],
    ]));
    console.log(`(${require('node:os').availableParallelism()} CPUs: PostgreSQL, proxy, load generator and both instances share them)`);
    return problems.length ? 1 : 0;
  } finally {
    for (const s of servers) await s.stop();
    await proxy.close();
    await connector.close();
    await place.drop();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error('bench:scale failed:', err instanceof Error ? err.stack : err);
    process.exit(1);
  },
);
