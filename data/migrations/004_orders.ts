import type { Knex } from 'knex';

/*
 * Orders and everything hanging off them. Timestamps are ISO-8601 UTC strings (Date#toISOString), so they
 * sort and compare the same way in SQLite and PostgreSQL; calendar dates are 'YYYY-MM-DD' strings.
 */
export async function up(knex: Knex): Promise<void> {
  // Human-friendly running numbers; incremented inside the transaction that uses them, so a rollback leaves no gap.
  await knex.schema.createTable('number_sequences', (t) => {
    t.string('name', 40).primary();
    t.bigInteger('last_value').notNullable();
  });
  await knex('number_sequences').insert([
    { name: 'order', last_value: 1000 },
    { name: 'delivery_note', last_value: 1000 },
  ]);

  await knex.schema.createTable('orders', (t) => {
    t.increments('id');
    t.string('number', 20).notNullable().unique();
    t.integer('customer_id').notNullable().references('customers.id');
    t.string('status', 30).notNullable();
    t.integer('version').notNullable().defaultTo(1);
    t.integer('entered_by_person_id').references('persons.id');
    t.string('channel', 40).notNullable();
    t.text('delivery_name');
    t.text('delivery_street');
    t.text('delivery_postcode');
    t.text('delivery_city');
    t.string('delivery_country', 2);
    t.string('requested_date', 10);
    t.string('promised_date', 10);
    t.string('backorder_choice', 20);
    t.string('hold_reason', 60);
    t.string('draft_key', 200).unique();
    // The chat conversation the order was placed from, so its creator hears about it there (REST orders: null).
    t.string('origin_channel_id', 100);
    t.text('origin_conversation_id');
    t.string('created_at', 30).notNullable();
    t.string('updated_at', 30).notNullable();
    t.index(['customer_id']);
    t.index(['status']);
  });

  await knex.schema.createTable('order_lines', (t) => {
    t.increments('id');
    t.integer('order_id').notNullable().references('orders.id');
    t.integer('line_no').notNullable();
    t.string('sku', 50).notNullable().references('products.sku');
    t.text('name_de').notNullable();
    t.text('name_en').notNullable();
    t.text('unit_de').notNullable();
    t.text('unit_en').notNullable();
    t.string('kind', 20).notNullable();
    t.integer('quantity').notNullable();
    t.integer('shipped_quantity').notNullable().defaultTo(0);
    t.bigInteger('unit_price_cents').notNullable();
    t.integer('vat_rate').notNullable();
    t.bigInteger('net_cents').notNullable();
    t.unique(['order_id', 'line_no']);
  });

  await knex.schema.createTable('order_history', (t) => {
    t.increments('id');
    t.integer('order_id').notNullable().references('orders.id');
    t.string('from_status', 30);
    t.string('to_status', 30).notNullable();
    t.integer('actor_person_id').references('persons.id');
    t.string('actor_role', 20).notNullable();
    t.string('channel', 40).notNullable();
    t.text('reason');
    t.text('details'); // JSON
    t.string('at', 30).notNullable();
    t.index(['order_id']);
  });

  await knex.schema.createTable('stock_reservations', (t) => {
    t.increments('id');
    t.integer('order_line_id').notNullable().references('order_lines.id');
    t.string('sku', 50).notNullable().references('products.sku');
    t.integer('quantity').notNullable();
    t.string('status', 20).notNullable(); // reserved | released | consumed
    t.string('created_at', 30).notNullable();
    t.index(['sku', 'status']);
    t.index(['order_line_id']);
  });

  await knex.schema.createTable('capacity_bookings', (t) => {
    t.increments('id');
    t.string('resource_id', 50).notNullable().references('resources.id');
    t.string('date', 10).notNullable();
    t.integer('units').notNullable();
    t.integer('order_id').notNullable().references('orders.id');
    t.index(['resource_id', 'date']);
    t.index(['order_id']);
  });

  await knex.schema.createTable('service_bookings', (t) => {
    t.increments('id');
    t.integer('order_id').notNullable().references('orders.id');
    t.string('sku', 50).notNullable().references('products.sku');
    t.string('resource_id', 50).notNullable().references('resources.id');
    t.string('starts_at', 30).notNullable();
    t.string('ends_at', 30).notNullable();
    t.string('status', 20).notNullable(); // booked | cancelled | done
    t.index(['resource_id', 'starts_at']);
    t.index(['order_id']);
  });

  await knex.schema.createTable('shipments', (t) => {
    t.increments('id');
    t.string('delivery_note_number', 20).notNullable().unique();
    t.integer('order_id').notNullable().references('orders.id');
    t.string('carrier', 60).notNullable();
    t.string('tracking_number', 100).notNullable();
    t.integer('created_by_person_id').references('persons.id');
    t.string('created_at', 30).notNullable();
    t.index(['order_id']);
  });

  await knex.schema.createTable('shipment_lines', (t) => {
    t.integer('shipment_id').notNullable().references('shipments.id');
    t.integer('line_no').notNullable();
    t.integer('quantity').notNullable();
    t.primary(['shipment_id', 'line_no']);
  });

  await knex.schema.createTable('idempotency_keys', (t) => {
    t.string('scope', 120).notNullable();
    t.string('key', 255).notNullable();
    t.string('request_hash', 64).notNullable();
    t.integer('status_code').notNullable();
    t.text('response').notNullable(); // JSON
    t.string('created_at', 30).notNullable();
    t.primary(['scope', 'key']);
  });

  await knex.schema.createTable('outbox', (t) => {
    t.increments('id');
    t.integer('person_id').notNullable().references('persons.id');
    t.string('kind', 60).notNullable();
    t.text('payload').notNullable(); // JSON
    t.string('dedupe_key', 255).notNullable().unique();
    t.string('status', 20).notNullable(); // pending | sent | failed
    t.integer('attempts').notNullable().defaultTo(0);
    t.string('next_attempt_at', 30).notNullable();
    t.text('last_error');
    t.string('created_at', 30).notNullable();
    t.string('sent_at', 30);
    t.index(['status', 'next_attempt_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'outbox', 'idempotency_keys', 'shipment_lines', 'shipments', 'service_bookings', 'capacity_bookings',
    'stock_reservations', 'order_history', 'order_lines', 'orders', 'number_sequences',
  ]) {
    await knex.schema.dropTableIfExists(table);
  }
}
