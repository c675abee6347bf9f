import type { Knex } from 'knex';

/*
 * Indexes for the per-turn reads, so that their cost stays flat as orders and conversations pile up (issue 14):
 * - a customer's orders newest first ("Wo bleibt meine Bestellung?", status answers, listOrders for a customer):
 *   (customer_id, id) serves the filter and the order without sorting every order the customer ever placed
 *   (PostgreSQL; SQLite's index on customer_id already ends in the rowid);
 * - the staff queues (status in …, newest first; late / due to ship by promised date);
 * - the outbox resolving a conversation recipient by channel and conversation, and a person's latest conversation;
 * - a customer's persons (history notifications fan out to them).
 * The single-column indexes these supersede stay: dropping them gains little and other code may lean on them.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('orders', (t) => {
    t.index(['customer_id', 'id'], 'orders_customer_id_id_index');
    t.index(['status', 'id'], 'orders_status_id_index');
    t.index(['status', 'promised_date'], 'orders_status_promised_date_index');
  });
  await knex.schema.alterTable('conversation_refs', (t) => {
    t.index(['channel_id', 'conversation_id'], 'conversation_refs_channel_conversation_index');
    t.index(['person_id', 'updated_at'], 'conversation_refs_person_updated_index');
  });
  await knex.schema.alterTable('persons', (t) => {
    t.index(['customer_id'], 'persons_customer_id_index');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('persons', (t) => {
    t.dropIndex(['customer_id'], 'persons_customer_id_index');
  });
  await knex.schema.alterTable('conversation_refs', (t) => {
    t.dropIndex(['person_id', 'updated_at'], 'conversation_refs_person_updated_index');
    t.dropIndex(['channel_id', 'conversation_id'], 'conversation_refs_channel_conversation_index');
  });
  await knex.schema.alterTable('orders', (t) => {
    t.dropIndex(['status', 'promised_date'], 'orders_status_promised_date_index');
    t.dropIndex(['status', 'id'], 'orders_status_id_index');
    t.dropIndex(['customer_id', 'id'], 'orders_customer_id_id_index');
  });
}
