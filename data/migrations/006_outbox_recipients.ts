import type { Knex } from 'knex';

/**
 * The outbox addresses anyone, at any time: a recipient (a person, every person of a role, or a conversation),
 * a due time and a quiet-hours flag. Rows written before stay what they were: messages to one person, due when
 * they were written, held by quiet hours when that person is a customer.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('outbox', (t) => {
    t.string('recipient_kind', 20).notNullable().defaultTo('person'); // person | role | conversation
    t.string('recipient_role', 20); // role rows: the role the row was fanned out for
    t.string('recipient_channel_id', 100); // conversation rows
    t.string('recipient_conversation_id', 255);
    t.string('due_at', 30);
    t.boolean('quiet').notNullable().defaultTo(false); // customer messages wait out quiet hours
  });
  // A conversation row has no person; the column keeps its name so person rows read as before.
  await knex.schema.alterTable('outbox', (t) => {
    t.integer('person_id').nullable().alter();
  });
  await knex('outbox').update({ due_at: knex.ref('created_at') });
  await knex('outbox')
    .whereIn('person_id', knex('persons').where({ role: 'customer' }).select('id'))
    .update({ quiet: true });
}

export async function down(knex: Knex): Promise<void> {
  await knex('outbox').whereNull('person_id').delete();
  await knex.schema.alterTable('outbox', (t) => {
    t.dropColumn('recipient_kind');
    t.dropColumn('recipient_role');
    t.dropColumn('recipient_channel_id');
    t.dropColumn('recipient_conversation_id');
    t.dropColumn('due_at');
    t.dropColumn('quiet');
  });
}
