import { ServerProcess } from './serverProcess';
import { freshDatabase } from './databases';
import { prepareDatabase } from './floor';
import { LoopbackConnector } from './connector';
import { helloTurn, sendTurn } from './turns';
async function main() {
  const place = await freshDatabase('sqlite');
  await prepareDatabase(place, 100);
  const connector = new LoopbackConnector(); await connector.start();
  const kind = (process.env.KIND ?? 'bot') as 'bot' | 'echo';
  const s = await ServerProcess.start(kind, place.options, JSON.parse(process.env.E ?? '{}'), JSON.parse(process.env.X ?? '[]'));
  const show = async (what: string) => { await s.gc(); const u = await s.usage(); console.log(kind, what, 'rss', (u.rssBytes / 2 ** 20).toFixed(0), 'heap', (u.heapUsedBytes / 2 ** 20).toFixed(0)); };
  await show('idle');
  const count = Number(process.env.N ?? 3000);
  let n = 0;
  await Promise.all(Array.from({ length: 20 }, async () => { for (let i = n++; i < count; i = n++) await sendTurn({ url: s.url, echo: kind === 'echo' }, connector, helloTurn, `many-${i}`, i); }));
  await show(`after ${count}`);
  await s.stop(); await connector.close(); await place.drop(); process.exit(0);
}
main();
