import type { Knex } from 'knex';

/**
 * One counter that every change to products, customers, persons or channel identities moves, in the changing
 * transaction itself (triggers, so a change made outside the bot counts too): the bot keeps catalog, customers and
 * who is who in memory and reads only this number per turn to know whether they are still current
 * (data/referenceData.ts).
 */
const TABLES = ['products', 'customers', 'persons', 'channel_identities'] as const;
const EVENTS = ['insert', 'update', 'delete'] as const;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('reference_version', (t) => {
    t.integer('id').primary();
    t.bigInteger('version').notNullable();
  });
  await knex('reference_version').insert({ id: 1, version: 1 });
  if (knex.client.config.client === 'pg') {
    await knex.raw(`create function bump_reference_version() returns trigger language plpgsql as $$
      begin update reference_version set version = version + 1 where id = 1; return null; end $$`);
    for (const table of TABLES) {
      await knex.raw(`create trigger ${table}_reference_version after insert or update or delete or truncate on ${table}
        for each statement execute function bump_reference_version()`);
    }
    return;
  }
  for (const table of TABLES) {
    for (const event of EVENTS) {
      await knex.raw(`create trigger ${table}_reference_version_${event} after ${event} on ${table}
        begin update reference_version set version = version + 1 where id = 1; end`);
    }
  }
}

export async function down(knex: Knex): Promise<void> {
  if (knex.client.config.client === 'pg') {
    for (const table of TABLES) await knex.raw(`drop trigger if exists ${table}_reference_version on ${table}`);
    await knex.raw('drop function if exists bump_reference_version()');
  } else {
    for (const table of TABLES) for (const event of EVENTS) await knex.raw(`drop trigger if exists ${table}_reference_version_${event}`);
  }
  await knex.schema.dropTableIfExists('reference_version');
}
