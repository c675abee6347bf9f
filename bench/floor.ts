import { migrate, openDatabase } from '../data/db';
import { seed } from '../data/seed';
import { LoopbackConnector } from './connector';
import type { BenchDatabase } from './databases';
import { seedOrderHistory, seededOrderOf } from './seedOrders';
import { ServerProcess } from './serverProcess';
import { closedLoop, median, orderTurn, percentile, statusTurn, type TurnKind, type TurnTarget } from './turns';

/** One turn kind against the echo floor: medians over interleaved rounds, the ratios per round's pair. */
export interface FloorResult {
  name: string;
  rounds: number;
  botTurnsPerSec: number;
  echoTurnsPerSec: number;
  botCpuMs: number;
  echoCpuMs: number;
  /** Echo turns/s ÷ bot turns/s (how many times slower). */
  turnsRatio: number;
  /** Bot CPU per turn ÷ echo CPU per turn. */
  cpuRatio: number;
  goalCpuRatio: number;
  /** SQL statements per bot turn. */
  sqlPerTurn: number;
  p50: number;
  p99: number;
}

const CONCURRENCY = 20;

export interface Measured {
  turns: number;
  seconds: number;
  cpuMs: number;
  queries: number;
  latencies: number[];
}

/** Closed-loop turns against one server, with that server's own CPU time over the same window. */
export async function measureServer(server: ServerProcess, connector: LoopbackConnector, kind: TurnKind, concurrency: number, seconds: number): Promise<Measured> {
  const target: TurnTarget = { url: server.url, echo: server.kind === 'echo' };
  const before = await server.usage();
  const run = await closedLoop(target, connector, kind, concurrency, seconds);
  const after = await server.usage();
  return { turns: run.turns, seconds: run.seconds, cpuMs: (after.cpuMicros - before.cpuMicros) / 1000, queries: after.queries - before.queries, latencies: run.latencies };
}

/** Demo data plus `orders` orders of history, written before the bot starts (it then seeds nothing itself). */
export async function prepareDatabase(place: BenchDatabase, orders: number): Promise<{ muellerOrder: string }> {
  const db = openDatabase(place.options);
  try {
    await migrate(db);
    await seed(db);
    // Plenty in stock, so that no turn's answer depends on how many ran before it.
    await db('products').where({ kind: 'goods' }).update({ on_hand: 1_000_000_000 });
    await seedOrderHistory(db, orders);
    const mueller = await db('customers').where({ name: 'Müller Bau GmbH' }).first('id');
    const muellerOrder = await seededOrderOf(db, Number(mueller.id));
    if (!muellerOrder) throw new Error('no seeded order of Müller Bau');
    return { muellerOrder };
  } finally {
    await db.destroy();
  }
}

/**
 * Order message → summary card and status question, bot and echo bot (two child processes, both up the whole time)
 * taking turns round by round, so that a change in the machine's load hits both sides of each ratio alike.
 */
export async function benchFloor(place: BenchDatabase, options: { rounds: number; seconds: number; warmupSeconds: number }): Promise<FloorResult[]> {
  const { muellerOrder } = await prepareDatabase(place, 100);
  const connector = new LoopbackConnector();
  await connector.start();
  const bot = await ServerProcess.start('bot', place.options);
  const echo = await ServerProcess.start('echo');
  try {
    const kinds: { kind: TurnKind; goal: number }[] = [
      { kind: orderTurn, goal: 3 },
      { kind: statusTurn(muellerOrder), goal: 2 },
    ];
    // Warm-up until V8 has compiled what the turns run, as long for either side: in 5-second windows of order turns
    // a fresh bot took 6.9, 5.0 and 3.4 ms of CPU per turn before it settled at 2.6–3.0 (its CPU went 15–18 % to
    // V8's compilers at 3–13 s, 1 % after 40 s), the echo bot 2.1 and 1.1 before 0.9–1.0. With a short warm-up the
    // first rounds measured the compiler, and the median of five was in truth the highest of the last three.
    for (const { kind } of kinds) {
      await measureServer(bot, connector, kind, CONCURRENCY, options.warmupSeconds);
      await measureServer(echo, connector, kind, CONCURRENCY, options.warmupSeconds);
    }
    const perKind = kinds.map(() => ({ bot: [] as Measured[], echo: [] as Measured[] }));
    for (let round = 0; round < options.rounds; round++) {
      for (const [k, { kind }] of kinds.entries()) {
        // Alternate which side goes first, so neither always runs right after the other's garbage.
        const order = round % 2 ? [echo, bot] : [bot, echo];
        for (const server of order) {
          const m = await measureServer(server, connector, kind, CONCURRENCY, server === bot ? options.seconds : options.seconds / 2);
          perKind[k][server === bot ? 'bot' : 'echo'].push(m);
        }
      }
    }
    return kinds.map(({ kind, goal }, k) => {
      const { bot: b, echo: e } = perKind[k];
      const tps = (m: Measured) => m.turns / m.seconds;
      const cpu = (m: Measured) => m.cpuMs / m.turns;
      const latencies = b.flatMap((m) => m.latencies).sort((x, y) => x - y);
      return {
        name: `${kind.name}, ${CONCURRENCY} conversations [${place.kind}]`,
        rounds: options.rounds,
        botTurnsPerSec: median(b.map(tps)),
        echoTurnsPerSec: median(e.map(tps)),
        botCpuMs: median(b.map(cpu)),
        echoCpuMs: median(e.map(cpu)),
        turnsRatio: median(b.map((m, r) => tps(e[r]) / tps(m))),
        cpuRatio: median(b.map((m, r) => cpu(m) / cpu(e[r]))),
        goalCpuRatio: goal,
        sqlPerTurn: median(b.map((m) => m.queries / m.turns)),
        p50: percentile(latencies, 50),
        p99: percentile(latencies, 99),
      };
    });
  } finally {
    await bot.stop();
    await echo.stop();
    await connector.close();
  }
}
