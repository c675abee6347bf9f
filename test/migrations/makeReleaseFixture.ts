/**
 * Writes test/migrations/release-<NNN>.json (NNN: the newest migration of the code it runs with): every row of a
 * database after real use — demo data, orders of each kind, a shipment, a chat draft, a Direct Line
 * conversation, notifications, an idempotent REST write. Run once per release, with that release's code:
 *   npx tsx test/migrations/makeReleaseFixture.ts
 * The upgrade test loads these rows into a 001–005 database and runs the migrations that came after.
 */
import fs from 'node:fs';
import path from 'node:path';
import { KnexStorage } from '../../data/storage';
import { migrate, openDatabase } from '../../data/db';
import { seed } from '../../data/seed';
import { placeOrder } from '../../operations/placeOrder';
import { transitionOrder } from '../../operations/moveOrder';
import { recordShipment } from '../../operations/recordShipment';
import { appendActivity, createConversation } from '../../data/directline';
import { saveConversationRef } from '../../data/conversationRefs';
import { runIdempotent } from '../../data/idempotency';
import { secretSetting } from '../../data/settings';
import { recordProcessedActivity } from '../../data/turns';
import { demoActors, monday } from '../orders/actors';

async function main(): Promise<void> {
  const db = openDatabase({ sqliteFile: ':memory:' });
  await migrate(db);
  const migrations = (await db('knex_migrations').orderBy('id').pluck('name')) as string[];
  // release-005.json was written with the code of that release (migrations 001–005); a later release writes its own.
  const release = String(migrations.at(-1)).slice(0, 3);
  await seed(db);
  const a = await demoActors(db);
  const goods = await placeOrder(db, a.mueller, { customerId: a.customers.mueller, lines: [{ sku: 'PAPER-A4', quantity: 5 }, { sku: 'TONER-BK', quantity: 1 }], deliveryAddress: { name: 'Müller Bau GmbH', street: 'Baustelle 3', postcode: '10115', city: 'Berlin', country: 'DE' } }, monday);
  const signs = await placeOrder(db, a.sales, { customerId: a.customers.cafe, lines: [{ sku: 'SIGN-ENGRAVED', quantity: 30 }] }, monday);
  const service = await placeOrder(db, a.schmidt, { customerId: a.customers.schmidt, lines: [{ sku: 'SVC-PRINTER', quantity: 1 }], serviceSlots: [{ sku: 'SVC-PRINTER', start: '2026-03-04T09:00:00+01:00' }] }, monday);
  const moreSigns = await placeOrder(db, a.mueller, { customerId: a.customers.mueller, lines: [{ sku: 'SIGN-ENGRAVED', quantity: 25 }] }, monday);
  if (!goods.ok || !signs.ok || !service.ok || !moreSigns.ok) throw new Error(JSON.stringify([goods, signs, service]));
  for (const to of ['in_preparation', 'in_execution', 'ready_to_ship'] as const) await transitionOrder(db, a.sales, goods.order.number, { to }, monday);
  const shipped = await recordShipment(db, a.sales, goods.order.number, { carrier: 'DHL', trackingNumber: 'JJD000111', lines: [{ lineNo: 1, quantity: 5 }] }, monday);
  if (!shipped.ok) throw new Error(JSON.stringify(shipped));
  await transitionOrder(db, a.sales, signs.order.number, { to: 'cancelled', reason: 'Kunde hat storniert' }, monday);

  await new KnexStorage(db).write({ 'directline/conversations/conv-1/': { DialogState: { dialogStack: [{ id: 'mainDialog', state: {} }] }, flags: { welcomed: true } } });
  await createConversation(db, { id: 'conv-1', userId: 'demo-mueller', locale: 'de-DE', createdAt: monday.toISOString() });
  await appendActivity(db, { conversationId: 'conv-1', state: 'sent', fromId: 'demo-mueller', build: (id) => ({ type: 'message', id, text: '10 Pakete Papier', from: { id: 'demo-mueller' } }) });
  await saveConversationRef(db, {
    channelId: 'directline', conversationId: 'conv-1', personId: a.mueller.personId!, locale: 'de',
    reference: { channelId: 'directline', serviceUrl: 'http://127.0.0.1:3978/connector/x', conversation: { id: 'conv-1' }, bot: { id: 'auftragsbot' }, user: { id: 'demo-mueller' } },
  });
  await recordProcessedActivity(db, { channelId: 'directline', conversationId: 'conv-1', activityId: 'conv-1|0000001' });
  await runIdempotent(db, { scope: 'shop:createOrder', key: 'shop-order-77', hash: 'f'.repeat(64) }, async () => ({ statusCode: 201, body: { number: goods.order.number } }), () => monday);
  await secretSetting(db, 'token_secret');

  const tables = (await db.raw(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'knex_%' order by rowid`)) as { name: string }[];
  const fixture: { schema: string[]; tables: [string, Record<string, unknown>[]][] } = { schema: migrations, tables: [] };
  for (const { name } of tables) fixture.tables.push([name, await db(name).select('*')]);
  await db.destroy();
  const file = path.join(__dirname, `release-${release}.json`);
  fs.writeFileSync(file, `${JSON.stringify(fixture, null, 1)}\n`);
  console.log(`wrote ${file}: ${fixture.tables.map(([t, rows]) => `${t} ${rows.length}`).join(', ')}`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
