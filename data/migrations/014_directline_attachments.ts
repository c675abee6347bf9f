import type { Knex } from 'knex';

/**
 * Files a user sends through the local Direct Line channel (its upload endpoint, as Web Chat sends attachments):
 * kept with their conversation, served back by a signed link that the activity's attachment carries as contentUrl.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('directline_attachments', (t) => {
    t.string('id', 64).primary();
    t.string('conversation_id', 64).notNullable().references('directline_conversations.id').onDelete('CASCADE');
    t.text('name');
    t.string('content_type', 255).notNullable();
    t.integer('size').notNullable();
    t.binary('content').notNullable();
    t.string('created_at', 30).notNullable();
    t.index(['conversation_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('directline_attachments');
}
