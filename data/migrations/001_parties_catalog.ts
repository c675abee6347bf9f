import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('company', (t) => {
    t.integer('id').primary();
    t.text('name').notNullable();
    t.text('street').notNullable();
    t.text('postcode').notNullable();
    t.text('city').notNullable();
    t.string('country', 2).notNullable();
    t.text('vat_id').notNullable();
    t.text('tax_number');
    t.text('iban');
    t.text('bic');
  });
  await knex.schema.createTable('customers', (t) => {
    t.increments('id');
    t.string('number', 20).notNullable().unique();
    t.text('name').notNullable();
    t.string('kind', 3).notNullable();
    t.text('address_name').notNullable();
    t.text('street').notNullable();
    t.text('postcode').notNullable();
    t.text('city').notNullable();
    t.string('country', 2).notNullable();
    t.integer('payment_terms_days').notNullable();
    t.bigInteger('credit_limit_cents');
    t.text('vat_id');
  });
  await knex.schema.createTable('persons', (t) => {
    t.increments('id');
    t.text('display_name').notNullable();
    t.string('role', 20).notNullable();
    t.integer('customer_id').references('customers.id');
    t.string('locale', 2);
  });
  await knex.schema.createTable('channel_identities', (t) => {
    t.string('channel_id', 100).notNullable();
    t.string('user_id', 255).notNullable();
    t.integer('person_id').notNullable().references('persons.id');
    t.primary(['channel_id', 'user_id']);
  });
  await knex.schema.createTable('resources', (t) => {
    t.string('id', 50).primary();
    t.text('name').notNullable();
    t.string('kind', 20).notNullable();
    t.integer('units_per_day');
  });
  await knex.schema.createTable('products', (t) => {
    t.string('sku', 50).primary();
    t.string('kind', 20).notNullable();
    t.string('category', 50).notNullable();
    t.text('name_de').notNullable();
    t.text('name_en').notNullable();
    t.text('unit_de').notNullable();
    t.text('unit_en').notNullable();
    t.text('synonyms_de').notNullable(); // JSON array
    t.text('synonyms_en').notNullable(); // JSON array
    t.bigInteger('price_cents').notNullable();
    t.integer('vat_rate').notNullable();
    t.integer('on_hand');
    t.string('restock_date', 10);
    t.integer('duration_minutes');
    t.text('resource_ids').notNullable(); // JSON array
    t.boolean('active').notNullable().defaultTo(true);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['products', 'resources', 'channel_identities', 'persons', 'customers', 'company']) {
    await knex.schema.dropTableIfExists(table);
  }
}
