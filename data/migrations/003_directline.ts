import type { Knex } from 'knex';

/** The local Direct Line channel: its conversations and their activity log, so both survive a restart. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('directline_conversations', (t) => {
    t.string('id', 64).primary();
    t.string('user_id', 255).notNullable().index();
    t.string('locale', 35);
    // Last sequence number handed out; incremented inside the appending transaction.
    t.integer('last_seq').notNullable().defaultTo(0);
    t.string('created_at', 30).notNullable();
  });
  await knex.schema.createTable('directline_activities', (t) => {
    t.string('conversation_id', 64).notNullable().references('directline_conversations.id').onDelete('CASCADE');
    t.integer('seq').notNullable();
    t.string('activity_id', 100).notNullable();
    t.string('from_id', 255);
    t.string('client_activity_id', 255);
    // sending | sent | failed (user activities), posted (bot), internal (never shown), deleted
    t.string('state', 16).notNullable();
    t.text('activity').notNullable(); // JSON
    t.string('created_at', 30).notNullable();
    t.primary(['conversation_id', 'seq']);
    t.unique(['conversation_id', 'activity_id']);
    t.index(['conversation_id', 'client_activity_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('directline_activities');
  await knex.schema.dropTableIfExists('directline_conversations');
}
