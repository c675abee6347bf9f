import type { Knex } from 'knex';

/**
 * Payments, bank statements and dunning (issue 11). Bookings are never changed or deleted: a wrong payment is
 * undone by a reversal payment that points to it, with a reason. An invoice's paid amount is kept in
 * invoices.paid_cents (the one column besides status that migration 008's triggers let move), written in the same
 * transaction as the allocations it sums, so credit and dunning read one column instead of a journal.
 */
export async function up(knex: Knex): Promise<void> {
  // The account a customer pays from (bank matching learns more from booked payments' payer IBANs).
  await knex.schema.alterTable('customers', (t) => t.string('iban', 34));
  await knex.schema.createTable('payments', (t) => {
    t.increments('id');
    // Idempotency: the Idempotency-Key of REST, the bank entry reference, the chat message id. Once per reference.
    t.string('reference', 300).notNullable().unique();
    t.integer('customer_id').notNullable().references('customers.id');
    t.string('source', 10).notNullable(); // chat | rest | bank
    t.bigInteger('amount_cents').notNullable(); // negative for a reversal
    t.string('payment_date', 10).notNullable();
    t.text('payer_name');
    t.string('payer_iban', 34);
    t.text('remittance');
    t.integer('reverses_payment_id').references('payments.id').unique(); // a payment is reversed once
    t.text('reversal_reason');
    t.integer('recorded_by_person_id').references('persons.id');
    t.string('created_at', 30).notNullable();
    t.index(['customer_id', 'payment_date']);
  });
  await knex.schema.createTable('payment_allocations', (t) => {
    t.increments('id');
    t.integer('payment_id').notNullable().references('payments.id');
    t.integer('customer_id').notNullable().references('customers.id');
    t.integer('invoice_id').references('invoices.id'); // null: customer credit (positive: kept, negative: used)
    t.bigInteger('cents').notNullable();
    t.integer('reverses_allocation_id').references('payment_allocations.id');
    t.string('created_at', 30).notNullable();
    t.index(['invoice_id']);
    t.index(['customer_id', 'invoice_id']);
    t.index(['payment_id']);
  });
  await knex.schema.createTable('bank_entries', (t) => {
    t.increments('id');
    t.string('reference', 300).notNullable().unique(); // the payment reference of the entry (transaction): once only
    t.string('statement_id', 100);
    t.string('direction', 6).notNullable(); // credit | debit
    t.boolean('reversal').notNullable().defaultTo(false);
    t.bigInteger('amount_cents').notNullable();
    t.string('booking_date', 10);
    t.text('payer_name');
    t.string('payer_iban', 34);
    t.text('remittance');
    t.string('status', 10).notNullable(); // booked | doubtful | open | ignored
    t.text('reasons'); // JSON MatchReason[]
    t.text('candidates'); // JSON MatchCandidate[]
    t.text('entry'); // JSON BankPayment as read, to book it later exactly as it came
    t.integer('payment_id').references('payments.id');
    t.integer('decided_by_person_id').references('persons.id');
    t.string('decided_at', 30);
    t.string('created_at', 30).notNullable();
    t.index(['status']);
  });
  await knex.schema.createTable('dunning_notices', (t) => {
    t.increments('id');
    t.string('number', 20).notNullable().unique(); // MA-2026-0001
    t.integer('invoice_id').notNullable().references('invoices.id');
    t.integer('customer_id').notNullable().references('customers.id');
    t.integer('level').notNullable();
    t.string('notice_date', 10).notNullable();
    t.bigInteger('open_cents').notNullable();
    t.bigInteger('fee_cents').notNullable();
    t.bigInteger('earlier_fees_cents').notNullable();
    t.bigInteger('flat_fee_cents').notNullable();
    t.bigInteger('interest_cents').notNullable();
    t.string('interest_from', 10);
    t.string('interest_through', 10);
    t.bigInteger('total_cents').notNullable();
    t.string('new_due_date', 10).notNullable();
    t.text('document').notNullable(); // JSON of the notice as issued (the PDF is rendered from it)
    t.string('created_at', 30).notNullable();
    t.unique(['invoice_id', 'level']); // a level once per invoice, whoever runs
    t.index(['customer_id']);
  });
  await knex.schema.createTable('dunning_stops', (t) => {
    t.increments('id');
    t.string('scope', 10).notNullable(); // customer | invoice
    t.integer('customer_id').notNullable().references('customers.id');
    t.integer('invoice_id').references('invoices.id');
    t.string('from_date', 10).notNullable();
    t.string('until_date', 10);
    t.text('reason').notNullable();
    t.integer('created_by_person_id').references('persons.id');
    t.string('created_at', 30).notNullable();
    t.index(['customer_id']);
  });
  // One row per job and Berlin date: the daily run is idempotent by date, across instances and restarts.
  await knex.schema.createTable('scheduled_runs', (t) => {
    t.string('job', 40).notNullable();
    t.string('run_date', 10).notNullable();
    t.string('started_at', 30).notNullable();
    t.string('finished_at', 30);
    t.text('summary');
    t.primary(['job', 'run_date']);
  });
  // The dunning run reads only issued invoices by due date.
  await knex.schema.alterTable('invoices', (t) => t.index(['status', 'kind', 'due_date'], 'invoices_open_due'));
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('invoices', (t) => t.dropIndex(['status', 'kind', 'due_date'], 'invoices_open_due'));
  for (const table of ['scheduled_runs', 'dunning_stops', 'dunning_notices', 'bank_entries', 'payment_allocations', 'payments']) {
    await knex.schema.dropTableIfExists(table);
  }
  await knex.schema.alterTable('customers', (t) => t.dropColumn('iban'));
}
