import { performance } from 'node:perf_hooks';
import { openDatabase } from '../data/db';
import { findPersonByChannel } from '../data/parties';
import { placeOrder } from '../operations';
import { LoopbackConnector } from './connector';
import { freshDatabase, type BenchDatabase, type DbKind } from './databases';
import { measureServer, prepareDatabase } from './floor';
import { ServerProcess } from './serverProcess';
import { median, staffQueueTurn, statusTurn, whereIsMyOrderTurn, type TurnKind } from './turns';

/** CPU per operation with a small and a large history: the goal is that nothing per turn grows with the data. */
export interface DataSizeResult {
  name: string;
  smallCpuMs: number;
  largeCpuMs: number;
  /** large ÷ small, median over the interleaved rounds. */
  ratio: number;
  goalRatio: number;
}

const GOAL = 1.2;

/** placeOrder() for Müller Bau (who has a credit limit, so the credit check reads the history) in this process. */
async function placeOrderCpuMs(place: BenchDatabase, runs: number, tag: string): Promise<number> {
  const db = openDatabase(place.options);
  try {
    const person = await findPersonByChannel(db, 'directline', 'demo-mueller');
    if (!person?.customerId) throw new Error('demo-mueller is not seeded as a customer');
    const actor = { personId: person.id, role: person.role, customerId: person.customerId, channel: 'directline' };
    const once = async (i: number) => {
      const result = await placeOrder(db, actor, {
        customerId: person.customerId!,
        lines: [{ sku: 'PAPER-A4', quantity: 1 + (Math.abs(i) % 10) }, { sku: 'TONER-BK', quantity: 1 }],
        draftKey: `bench-size-${tag}-${performance.now()}-${i}`,
      });
      if (!result.ok) throw new Error(`placeOrder refused: ${JSON.stringify(result)}`);
    };
    await once(-1);
    const before = process.cpuUsage();
    for (let i = 0; i < runs; i++) await once(i);
    const cpu = process.cpuUsage(before);
    return (cpu.user + cpu.system) / 1000 / runs;
  } finally {
    await db.destroy();
  }
}

export async function benchDataSize(kind: DbKind, options: { small: number; large: number; rounds: number; seconds: number }): Promise<DataSizeResult[]> {
  const places = [await freshDatabase(kind), await freshDatabase(kind)];
  const connector = new LoopbackConnector();
  const servers: ServerProcess[] = [];
  try {
    const seeded = [];
    const t0 = performance.now();
    for (const [i, size] of [options.small, options.large].entries()) seeded.push(await prepareDatabase(places[i], size));
    console.error(`[bench] seeded ${options.small} and ${options.large} orders (${kind}) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    await connector.start();
    // The placings below run in this process and write outbox rows; the server's sender, every 5 s, would send them
    // meanwhile. On SQLite that is a second process writing the file (the bot itself never shares it): a commit of
    // the sender between a placing's first read and its first write can end that placing with "database is locked"
    // (SQLite cannot upgrade a read snapshot that another writer has passed), as it did once in a full run.
    // Here the sender waits an hour; the turns measured send no notifications.
    for (const place of places) servers.push(await ServerProcess.start('bot', place.options, { NOTIFY_INTERVAL_SECONDS: '3600' }));
    const kinds: TurnKind[][] = seeded.map(({ muellerOrder }) => [statusTurn(muellerOrder), whereIsMyOrderTurn, staffQueueTurn]);
    const names = ['placing an order (placeOrder)', ...kinds[0].map((k) => k.name)];
    const samples = names.map(() => ({ small: [] as number[], large: [] as number[] }));
    for (const [s, server] of servers.entries()) for (const kind of kinds[s]) await measureServer(server, connector, kind, 4, 0.5);
    for (let round = 0; round < options.rounds; round++) {
      for (const s of round % 2 ? [1, 0] : [0, 1]) {
        const side = s === 0 ? 'small' : 'large';
        // 100 placings a round: at 30 the per-round ratio swung by ±25 % on a quiet machine.
        samples[0][side].push(await placeOrderCpuMs(places[s], 100, `${round}-${s}`));
        for (const [k, kind] of kinds[s].entries()) {
          const m = await measureServer(servers[s], connector, kind, 4, options.seconds);
          samples[k + 1][side].push(m.cpuMs / m.turns);
        }
      }
    }
    return names.map((name, k) => ({
      name: `${name} [${kind}]`,
      smallCpuMs: median(samples[k].small),
      largeCpuMs: median(samples[k].large),
      ratio: median(samples[k].large.map((l, r) => l / samples[k].small[r])),
      goalRatio: GOAL,
    }));
  } finally {
    for (const server of servers) await server.stop();
    await connector.close();
    for (const place of places) await place.drop();
  }
}
