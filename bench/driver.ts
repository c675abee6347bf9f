import { LoopbackConnector } from './connector';
import { freshDatabase } from './databases';
import { measureServer, prepareDatabase, type Measured } from './floor';
import { ServerProcess } from './serverProcess';
import { median, orderTurn, statusTurn, type TurnKind } from './turns';

export interface DriverResult {
  name: string;
  sqlite3CpuMs: number;
  betterCpuMs: number;
  sqlite3Tps: number;
  betterTps: number;
  /** better-sqlite3 CPU per turn ÷ sqlite3's, median of the rounds. */
  cpuRatio: number;
}

/** Whether better-sqlite3 is installed and loads on this Node (13.x crashes on Node 20; 12.x works). */
export function betterSqliteAvailable(): boolean {
  try {
    require('better-sqlite3');
    return true;
  } catch {
    return false;
  }
}

/**
 * The bot on the same seeded SQLite data through knex's sqlite3 client and its better-sqlite3 client, two child
 * processes taking turns round by round: order messages and status questions, server CPU per turn.
 */
export async function benchDriver(options: { rounds: number; seconds: number }): Promise<DriverResult[]> {
  const places = [await freshDatabase('sqlite'), await freshDatabase('sqlite')];
  const connector = new LoopbackConnector();
  const servers: ServerProcess[] = [];
  try {
    const seeded = [await prepareDatabase(places[0], 100), await prepareDatabase(places[1], 100)];
    await connector.start();
    servers.push(await ServerProcess.start('bot', { ...places[0].options, sqliteDriver: 'sqlite3' }));
    servers.push(await ServerProcess.start('bot', { ...places[1].options, sqliteDriver: 'better-sqlite3' }));
    const kinds: TurnKind[][] = seeded.map(({ muellerOrder }) => [orderTurn, statusTurn(muellerOrder)]);
    for (const [s, server] of servers.entries()) for (const kind of kinds[s]) await measureServer(server, connector, kind, 20, 1);
    const samples = kinds[0].map(() => [[], []] as Measured[][]);
    for (let round = 0; round < options.rounds; round++) {
      for (const s of round % 2 ? [1, 0] : [0, 1]) {
        for (const [k, kind] of kinds[s].entries()) samples[k][s].push(await measureServer(servers[s], connector, kind, 20, options.seconds));
      }
    }
    const cpu = (m: Measured) => m.cpuMs / m.turns;
    const tps = (m: Measured) => m.turns / m.seconds;
    return kinds[0].map((kind, k) => ({
      name: kind.name,
      sqlite3CpuMs: median(samples[k][0].map(cpu)),
      betterCpuMs: median(samples[k][1].map(cpu)),
      sqlite3Tps: median(samples[k][0].map(tps)),
      betterTps: median(samples[k][1].map(tps)),
      cpuRatio: median(samples[k][1].map((m, r) => cpu(m) / cpu(samples[k][0][r]))),
    }));
  } finally {
    for (const server of servers) await server.stop();
    await connector.close();
    for (const place of places) await place.drop();
  }
}
