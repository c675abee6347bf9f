import type { Knex } from 'knex';

/**
 * Bot state (botbuilder Storage), processed activities, conversation leases and conversation references.
 * Keys coming from channels (Teams conversation ids, storage keys) have no length bound, so each table is keyed
 * by the SHA-256 of the natural key (fixed-size primary key that indexes the same on SQLite and PostgreSQL)
 * and keeps the natural key in a text column next to it.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('bot_state', (t) => {
    t.string('key_hash', 64).primary();
    t.text('key').notNullable();
    t.string('etag', 64).notNullable();
    t.text('data').notNullable(); // JSON
    t.bigInteger('updated_at').notNullable(); // epoch ms
  });
  await knex.schema.createTable('processed_activities', (t) => {
    t.string('key_hash', 64).primary();
    t.string('channel_id', 100).notNullable();
    t.text('conversation_id').notNullable();
    t.text('activity_id').notNullable();
    t.text('invoke_response'); // JSON, replayed when an invoke is delivered again
    t.bigInteger('processed_at').notNullable(); // epoch ms
    t.index(['processed_at']);
  });
  await knex.schema.createTable('conversation_leases', (t) => {
    t.string('key_hash', 64).primary();
    t.string('owner', 64).notNullable();
    t.bigInteger('expires_at').notNullable(); // epoch ms
  });
  await knex.schema.createTable('conversation_refs', (t) => {
    t.string('key_hash', 64).primary();
    t.string('channel_id', 100).notNullable();
    t.text('conversation_id').notNullable();
    t.integer('person_id').references('persons.id');
    t.string('locale', 2).notNullable();
    t.text('reference').notNullable(); // JSON of botbuilder's ConversationReference
    t.bigInteger('updated_at').notNullable(); // epoch ms
    t.index(['person_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['conversation_refs', 'conversation_leases', 'processed_activities', 'bot_state']) {
    await knex.schema.dropTableIfExists(table);
  }
}
