import { loadConfig } from '../bot/config';
import { createApp } from '../bot/server';
import { LoopbackConnector } from './connector';
import { freshDatabase } from './databases';
import { prepareDatabase } from './floor';
import { orderTurn, sendTurn, statusTurn } from './turns';
async function main() {
  const place = await freshDatabase((process.env.K ?? 'sqlite') as any);
  const { muellerOrder } = await prepareDatabase(place, 100);
  const connector = new LoopbackConnector(); await connector.start();
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', QUIET_HOURS: 'off' });
  const app = await createApp({ ...config, db: place.options });
  const url = await app.listen(0);
  let log = false;
  app.db.on('query', (q: any) => { if (log) console.log('  SQL', q.sql.slice(0, 160), JSON.stringify(q.bindings ?? []).slice(0, 80)); });
  for (const [name, kind] of [['order', orderTurn], ['status', statusTurn(muellerOrder)]] as const) {
    await sendTurn({ url, echo: false }, connector, kind, `c-${name}-warm`, 0);
    await sendTurn({ url, echo: false }, connector, kind, `c-${name}`, 1);
    console.log('=== ', name); log = true;
    await sendTurn({ url, echo: false }, connector, kind, kind.freshConversation ? `c-${name}-2` : `c-${name}`, 2);
    log = false;
  }
  await app.close(); await connector.close(); await place.drop(); process.exit(0);
}
main();
