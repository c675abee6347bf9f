import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LoopbackConnector } from './connector';
import { freshDatabase } from './databases';
import { prepareDatabase } from './floor';
import { ServerProcess } from './serverProcess';
import { textTable } from './table';
import { closedLoop, orderTurn, statusTurn } from './turns';

/**
 * `npm run bench:profile [order|status]`: the bot server under V8's sampling profiler while 20 conversations send order
 * messages (or status questions) for BENCH_SECONDS, then where its CPU went: self time per package (and per file of
 * our own), plus garbage collection. The .cpuprofile stays in the printed folder for Chrome DevTools.
 */
interface Node { id: number; callFrame: { functionName: string; url: string }; children?: number[] }
interface Profile { nodes: Node[]; samples: number[]; timeDeltas: number[] }

function bucketOf(url: string, fn: string): string {
  if (fn === '(garbage collector)') return 'garbage collection';
  if (fn === '(program)' || fn === '(idle)') return fn;
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1];
  if (url.startsWith('node:') || !url) return 'node internals';
  const own = /\/f14\/|\/(bot|dialogs|cards|data|domain|operations|formats|bench)\//.exec(url) ? url.replace(/^.*?\/((bot|dialogs|cards|data|domain|operations|formats|bench)\/.*)$/, '$1') : url;
  return `our ${own}`;
}

async function main(): Promise<void> {
  const which = process.argv[2] === 'status' ? 'status' : 'order';
  const seconds = Number(process.env.BENCH_SECONDS ?? 10);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'auftragsbot-profile-'));
  const place = await freshDatabase(process.env.BENCH_DATABASE_URL ? 'postgres' : 'sqlite');
  const connector = new LoopbackConnector();
  await connector.start();
  const { muellerOrder } = await prepareDatabase(place, 100);
  const bot = await ServerProcess.start('bot', place.options);
  const kind = which === 'status' ? statusTurn(muellerOrder) : orderTurn;
  const file = `${which}.cpuprofile`;
  let profile: Profile;
  try {
    await closedLoop({ url: bot.url, echo: false }, connector, kind, 20, 3);
    await bot.profileStart();
    const run = await closedLoop({ url: bot.url, echo: false }, connector, kind, 20, seconds);
    profile = (await bot.profileStop()) as Profile;
    console.log(`${run.turns} ${kind.name} turns in ${run.seconds.toFixed(1)} s (profiled, so slower than the bench)`);
  } finally {
    await bot.stop();
    await connector.close();
    await place.drop();
  }
  fs.writeFileSync(path.join(dir, file), JSON.stringify(profile));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // Native and node-internal time counts for the nearest caller of ours or of a package (sqlite3's finalize, the
  // HTTP parser under restify…); the profiler's own stop call (dispatch under bench/server.ts) counts for nothing.
  const callerOf = (id: number): Node | null => {
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const n = byId.get(at)!;
      if (n.callFrame.url && !n.callFrame.url.startsWith('node:')) return n;
    }
    return null;
  };
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id)!;
    const { url, functionName } = node.callFrame;
    const internal = !url || url.startsWith('node:');
    const caller = internal && !functionName.startsWith('(') ? callerOf(id) : null;
    if (/bench[/]server[.][jt]s$/.test(caller?.callFrame.url ?? '')) return;
    const bucket = caller ? `${bucketOf(caller.callFrame.url, caller.callFrame.functionName)} (native/node under it)` : bucketOf(url, functionName);
    const dt = profile.timeDeltas[i] ?? 0;
    if (bucket === '(idle)') return;
    self.set(bucket, (self.get(bucket) ?? 0) + dt);
    total += dt;
  });
  const rows = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25);
  console.log(textTable(`Self time by package, busy samples only (${path.join(dir, file)})`, ['where', 'share', 'ms'], rows.map(([k, v]) => [k, `${((100 * v) / total).toFixed(1)} %`, (v / 1000).toFixed(0)])));
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error('bench:profile failed:', err instanceof Error ? err.stack : err);
    process.exit(1);
  },
);
