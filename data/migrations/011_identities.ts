import type { Knex } from 'knex';

/**
 * People get an e-mail address (a Teams user whose e-mail or UPN matches is linked to them on first contact), and a
 * channel identity may name the tenant it belongs to (Teams: the Entra tenant of the aadObjectId), so the same id
 * from another tenant is not taken for the same person.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('persons', (t) => {
    t.string('email', 320);
  });
  await knex.schema.alterTable('channel_identities', (t) => {
    t.string('tenant_id', 100);
    t.string('linked_by', 20); // seed | email | admin | api
  });
  // Case-insensitive lookups by e-mail: stored lower-case, one person per address.
  await knex.schema.alterTable('persons', (t) => {
    t.unique(['email']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('persons', (t) => {
    t.dropUnique(['email']);
  });
  await knex.schema.alterTable('persons', (t) => {
    t.dropColumn('email');
  });
  await knex.schema.alterTable('channel_identities', (t) => {
    t.dropColumn('tenant_id');
    t.dropColumn('linked_by');
  });
}
