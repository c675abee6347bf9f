import os from 'node:os';
import { benchCamt053 } from './camt053Line';
import { benchChat } from './chat';
import { benchDatabaseKinds, freshDatabase } from './databases';
import { benchDataSize } from './dataSize';
import { benchDriver, betterSqliteAvailable } from './driver';
import { benchPayments, DUNNING_GOAL_SECONDS, IMPORT_GOAL_SECONDS } from './dunningRun';
import { benchFloor, type FloorResult } from './floor';
import { benchLoad, type LoadResult } from './load';
import { benchPlaceOrder } from './placeOrder';
import { BenchResult, formatTable, passed } from './stats';
import { ms, textTable, times } from './table';
import { benchUnderstand } from './understand';

/**
 * `npm run bench`: the performance goals, measured against real parts and, for the chat turns, against the
 * framework's floor in the same run (a bare botbuilder echo bot on the same host path). A missed goal is reported,
 * not fatal, unless BENCH_STRICT=1; errors always fail. Bounded to about ten minutes; BENCH_QUICK=1 for a short run.
 */
const quick = process.env.BENCH_QUICK === '1';
const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const ROUNDS = env('BENCH_ROUNDS', quick ? 2 : 5);
const SECONDS = env('BENCH_SECONDS', quick ? 1.5 : 3);
// Per turn kind and server, before the floor's rounds (bench/floor.ts says why so long).
const WARMUP_SECONDS = env('BENCH_WARMUP_SECONDS', quick ? 3 : 15);
const LARGE = env('BENCH_LARGE_ORDERS', quick ? 20_000 : 100_000);
const MANY = env('BENCH_CONVERSATIONS', quick ? 2_000 : 10_000);
/** BENCH_PARTS=floor,load (any of single, floor, size, load, driver, payments): only those parts, while working on one. */
const parts = process.env.BENCH_PARTS?.split(',').map((p) => p.trim());
const runs = (part: string) => !parts || parts.includes(part);

const step = (what: string) => console.error(`[bench] ${new Date().toISOString().slice(11, 19)} ${what}`);

async function main(): Promise<number> {
  const kinds = await benchDatabaseKinds();
  const misses: string[] = [];
  const out: string[] = [];

  if (runs('single')) {
    step('understanding, placeOrder, chat round trip');
    const results: BenchResult[] = [await benchUnderstand()];
    for (const kind of kinds) {
      // One fresh database per benchmark, so that one's rows do not slow the other.
      for (const bench of [benchPlaceOrder, benchChat]) {
        const place = await freshDatabase(kind);
        try {
          results.push(await bench(place));
        } finally {
          await place.drop();
        }
      }
    }
    out.push(`\nSingle caller (latencies for information; goal on p95)\n${formatTable(results)}`);
    for (const r of results) if (!passed(r)) misses.push(r.name);
  }

  if (runs('floor')) {
    const floor: FloorResult[] = [];
    for (const kind of kinds) {
      step(`against the echo floor [${kind}]: ${ROUNDS} rounds`);
      const place = await freshDatabase(kind);
      try {
        floor.push(...(await benchFloor(place, { rounds: ROUNDS, seconds: SECONDS, warmupSeconds: WARMUP_SECONDS })));
      } finally {
        await place.drop();
      }
  }
  out.push(textTable(
    `Against the echo floor (bare botbuilder ActivityHandler, same restify + CloudAdapter path and loopback connector), median of ${ROUNDS} interleaved rounds; CPU = the server process's own`,
    ['turn', 'bot turns/s', 'echo turns/s', 'echo÷bot', 'bot CPU/turn', 'echo CPU/turn', 'CPU ratio', 'goal', 'result', 'SQL/turn', 'bot p50', 'bot p99'],
    floor.map((f) => {
      const ok = f.cpuRatio <= f.goalCpuRatio;
      if (!ok) misses.push(f.name);
      return [f.name, f.botTurnsPerSec.toFixed(0), f.echoTurnsPerSec.toFixed(0), times(f.turnsRatio), ms(f.botCpuMs), ms(f.echoCpuMs), times(f.cpuRatio), `≤ ${f.goalCpuRatio}×`, ok ? 'PASS' : 'MISS', f.sqlPerTurn.toFixed(1), ms(f.p50), ms(f.p99)];
    }),
  ));
  }

  if (runs('size')) {
    const sizes = [];
    for (const kind of kinds) {
      step(`data size [${kind}]: 100 vs ${LARGE} orders`);
      sizes.push(...(await benchDataSize(kind, { small: 100, large: LARGE, rounds: quick ? 2 : 3, seconds: quick ? 1 : 2 })));
    }
    out.push(textTable(
      `Data size: CPU per operation with 100 vs ${LARGE} orders in the database (server CPU for turns; placeOrder in-process)`,
      ['operation', 'CPU, 100', `CPU, ${LARGE}`, 'ratio', 'goal', 'result'],
      sizes.map((s) => {
        const ok = s.ratio <= s.goalRatio;
        if (!ok) misses.push(s.name);
        return [s.name, ms(s.smallCpuMs), ms(s.largeCpuMs), times(s.ratio), `≤ ${s.goalRatio}×`, ok ? 'PASS' : 'MISS'];
      }),
    ));
  }

  if (runs('load')) {
    const load: LoadResult[] = [];
    for (const kind of kinds) {
      // PostgreSQL's RSS figure is the same process's; fewer conversations there keep the run bounded.
      const many = kind === 'sqlite' ? MANY : Math.min(MANY, 3000);
      step(`load [${kind}]: 500 conversations at 50 turns/s, then ${many} conversations`);
      load.push(...(await benchLoad(kind, { conversations: 500, rate: 50, seconds: quick ? 8 : 20, manyConversations: many })));
    }
    out.push(textTable('Load (open loop, Poisson arrivals; latencies are absolute)', ['measure', 'bot', 'echo floor', 'goal', 'result'], load.map((l) => {
      if (!l.passed) misses.push(l.name);
      return [l.name, l.bot, l.echo, l.goal, l.passed ? 'PASS' : 'MISS'];
    })));
  }

  if (runs('driver') && betterSqliteAvailable()) {
    step('SQLite driver: sqlite3 vs better-sqlite3');
    const drivers = await benchDriver({ rounds: quick ? 2 : 3, seconds: SECONDS });
    out.push(textTable('SQLite driver (knex sqlite3 vs better-sqlite3 client, same data; server CPU per turn, for the decision, no goal)',
      ['turn', 'sqlite3 CPU/turn', 'better-sqlite3 CPU/turn', 'ratio', 'sqlite3 turns/s', 'better-sqlite3 turns/s'],
      drivers.map((d) => [d.name, ms(d.sqlite3CpuMs), ms(d.betterCpuMs), times(d.cpuRatio), d.sqlite3Tps.toFixed(0), d.betterTps.toFixed(0)])));
  } else if (runs('driver')) {
    out.push('\nSQLite driver: better-sqlite3 is not installed (npm install better-sqlite3@12), comparison skipped');
  }

  if (runs('payments')) {
    step('camt.053');
    const camt = await benchCamt053();
    const camtOk = camt.totalMs < 5000 && camt.readMs < 2000;
    if (!camtOk) misses.push('camt.053');
    out.push(textTable('Bank statements (bench/camt053.ts)', ['measure', 'read', 'read+match', 'CPU/run', 'goal', 'result'], [
      [camt.text.replace(/^camt\.053: /, 'camt.053 '), `${camt.readMs} ms`, `${camt.totalMs} ms`, `${camt.cpuMs} ms`, '< 2 s / < 5 s', camtOk ? 'PASS' : 'MISS'],
    ]));

    const payments = [];
    for (const kind of kinds) {
      step(`payments [${kind}]: dunning run over 100,000 invoices, camt.053 import of 10,000 entries`);
      payments.push(await benchPayments(kind));
    }
    out.push(textTable('Payments (bench/dunningRun.ts: 100,000 open invoices of 10,000 customers)', ['measure', 'database', 'seconds', 'goal', 'result'], payments.flatMap((p) => {
      const dunningOk = p.dunningSeconds < DUNNING_GOAL_SECONDS;
      const importOk = p.importSeconds < IMPORT_GOAL_SECONDS;
      if (!dunningOk) misses.push(`dunning run [${p.kind}]`);
      if (!importOk) misses.push(`camt.053 import [${p.kind}]`);
      return [
        [`dunning run (${p.notices} notices)`, p.kind, p.dunningSeconds.toFixed(2), `< ${DUNNING_GOAL_SECONDS} s`, dunningOk ? 'PASS' : 'MISS'],
        [`camt.053 import, 10,000 entries (${p.importSummary})`, p.kind, p.importSeconds.toFixed(2), `< ${IMPORT_GOAL_SECONDS} s`, importOk ? 'PASS' : 'MISS'],
      ];
    })));
  }

  console.log(out.join('\n'));
  // Latency figures mean little on a busy machine; say how busy it was.
  console.log(`\nload average ${os.loadavg()[0].toFixed(1)} on ${os.availableParallelism()} CPUs, node ${process.version}`);
  console.log(`servers ${process.env.BENCH_TSX === '1' ? 'from the sources under tsx (BENCH_TSX=1)' : 'compiled (dist/)'}, MALLOC_ARENA_MAX=${process.env.MALLOC_ARENA_MAX ?? '2'}`);
  if (misses.length) console.log(`missed: ${misses.join('; ')}`);
  if (misses.length && process.env.BENCH_STRICT === '1') {
    console.error(`BENCH_STRICT=1: ${misses.length} goal(s) missed`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error('bench failed:', err instanceof Error ? err.stack : err);
    process.exit(1);
  },
);
