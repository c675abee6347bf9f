import type { Knex } from 'knex';

/**
 * Quotes (Angebote, AN-2026-0001): numbered when made, in the yearly range 'quote:<year>' of number_sequences, with
 * the computed document stored as made (the PDF is rendered from it). An accepted quote names its order, and the
 * order its quote; the quoted line and document discounts (percentages) stay on the order so its invoices bill them.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('quotes', (t) => {
    t.increments('id');
    t.string('number', 20).notNullable().unique();
    t.integer('customer_id').notNullable().references('customers.id');
    t.string('status', 20).notNullable(); // domain/quotes.ts: draft | sent | accepted | rejected | expired
    t.integer('version').notNullable().defaultTo(1);
    t.string('issue_date', 10).notNullable();
    t.string('valid_until', 10).notNullable();
    t.string('locale', 2).notNullable();
    t.bigInteger('net_cents').notNullable();
    t.bigInteger('vat_cents').notNullable();
    t.bigInteger('gross_cents').notNullable();
    t.integer('document_discount_basis_points');
    t.text('document').notNullable(); // JSON of the PricedDocument as made
    t.string('requested_by', 10).notNullable(); // sales | customer
    // A chat message or a draft made into a quote once, however often it arrives.
    t.string('request_key', 200).unique();
    t.integer('created_by_person_id').references('persons.id');
    t.integer('decided_by_person_id').references('persons.id');
    t.text('reject_reason');
    t.integer('order_id').references('orders.id').unique(); // one order per quote
    t.string('origin_channel_id', 50);
    t.string('origin_conversation_id', 300);
    t.string('sent_at', 30);
    t.string('decided_at', 30);
    t.string('created_at', 30).notNullable();
    t.string('updated_at', 30).notNullable();
    t.index(['customer_id', 'status']);
    t.index(['status', 'valid_until']);
  });
  await knex.schema.alterTable('order_lines', (t) => t.integer('discount_basis_points'));
  // Plain columns: on SQLite a foreign key added to an existing table rebuilds it, and orders is referenced by many.
  // quotes.order_id (unique, with its foreign key) is the link the database keeps.
  await knex.schema.alterTable('orders', (t) => {
    t.integer('quote_id');
    t.integer('document_discount_basis_points');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('orders', (t) => {
    t.dropColumn('document_discount_basis_points');
    t.dropColumn('quote_id');
  });
  await knex.schema.alterTable('order_lines', (t) => t.dropColumn('discount_basis_points'));
  await knex.schema.dropTable('quotes');
}
