import type { Knex } from 'knex';

/**
 * Invoices and cancellation invoices (GoBD: an issued invoice is never edited), the seller's letterhead and bank
 * data, the customer fields e-invoices need, and yearly number ranges (RE-2026-0001) in number_sequences, one row
 * per kind and year ('invoice:2026'), created by the first document of a year.
 */

/** The columns of an issued invoice that nothing may change; status and paid_cents move with cancellations and payments. */
export const frozenInvoiceColumns = [
  'number', 'kind', 'order_id', 'shipment_id', 'customer_id', 'refers_to_invoice_id', 'issue_date', 'due_date',
  'locale', 'net_cents', 'vat_cents', 'gross_cents', 'document', 'issued_by_person_id', 'created_at',
] as const;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('company', (t) => {
    t.text('register_court');
    t.text('register_number');
    t.text('managing_directors'); // JSON array of names
    t.text('bank_name');
    t.text('contact_name');
    t.text('contact_phone');
    t.text('contact_email');
    t.text('website');
    t.boolean('small_business').notNullable().defaultTo(false);
  });
  await knex.schema.alterTable('customers', (t) => {
    t.text('email');
    t.boolean('public_sector').notNullable().defaultTo(false);
    t.text('leitweg_id'); // BT-10 of public-sector buyers (XRechnung)
  });

  await knex.schema.createTable('invoices', (t) => {
    t.increments('id');
    t.string('number', 20).notNullable().unique();
    t.string('kind', 20).notNullable(); // invoice | cancellation
    t.string('status', 20).notNullable(); // issued | cancelled (cancellations stay issued)
    t.integer('order_id').notNullable().references('orders.id');
    t.integer('shipment_id').references('shipments.id');
    t.integer('customer_id').notNullable().references('customers.id');
    t.integer('refers_to_invoice_id').references('invoices.id');
    t.string('issue_date', 10).notNullable();
    t.string('due_date', 10);
    t.string('locale', 2).notNullable();
    t.bigInteger('net_cents').notNullable();
    t.bigInteger('vat_cents').notNullable();
    t.bigInteger('gross_cents').notNullable();
    t.bigInteger('paid_cents').notNullable().defaultTo(0);
    t.text('document').notNullable(); // JSON of the PricedDocument exactly as issued and rendered
    t.integer('issued_by_person_id').references('persons.id');
    t.string('created_at', 30).notNullable();
    t.index(['order_id']);
    // Open receivables and overdue checks read only a customer's issued invoices.
    t.index(['customer_id', 'status', 'due_date']);
  });
  await knex.schema.createTable('invoice_lines', (t) => {
    t.integer('invoice_id').notNullable().references('invoices.id');
    t.integer('position').notNullable();
    t.integer('order_line_id').references('order_lines.id');
    t.decimal('quantity', 14, 4).notNullable(); // negative on cancellations
    t.bigInteger('net_cents').notNullable();
    t.integer('vat_rate').notNullable();
    t.primary(['invoice_id', 'position']);
    t.index(['order_line_id']);
  });

  if (knex.client.config.client === 'pg') {
    const changed = frozenInvoiceColumns.map((c) => `NEW.${c} IS DISTINCT FROM OLD.${c}`).join(' OR ');
    await knex.raw(`
      CREATE FUNCTION invoices_immutable() RETURNS trigger AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN RAISE EXCEPTION 'issued invoices are immutable: % cannot be deleted', OLD.number; END IF;
        IF ${changed} THEN RAISE EXCEPTION 'issued invoices are immutable: % cannot be changed', OLD.number; END IF;
        -- The one status move: an issued invoice is cancelled (by its cancellation invoice), never back.
        IF NEW.status IS DISTINCT FROM OLD.status AND NOT (OLD.status = 'issued' AND NEW.status = 'cancelled' AND OLD.kind = 'invoice') THEN
          RAISE EXCEPTION 'issued invoices are immutable: % cannot go from % to %', OLD.number, OLD.status, NEW.status;
        END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql`);
    await knex.raw('CREATE TRIGGER invoices_immutable BEFORE UPDATE OR DELETE ON invoices FOR EACH ROW EXECUTE FUNCTION invoices_immutable()');
    await knex.raw(`
      CREATE FUNCTION invoice_lines_immutable() RETURNS trigger AS $$
      BEGIN RAISE EXCEPTION 'issued invoices are immutable: their lines cannot be changed'; END $$ LANGUAGE plpgsql`);
    await knex.raw('CREATE TRIGGER invoice_lines_immutable BEFORE UPDATE OR DELETE ON invoice_lines FOR EACH ROW EXECUTE FUNCTION invoice_lines_immutable()');
  } else {
    await knex.raw(`CREATE TRIGGER invoices_immutable BEFORE UPDATE OF ${frozenInvoiceColumns.join(', ')} ON invoices
      BEGIN SELECT RAISE(ABORT, 'issued invoices are immutable'); END`);
    await knex.raw(`CREATE TRIGGER invoices_status_once BEFORE UPDATE OF status ON invoices
      WHEN NEW.status IS NOT OLD.status AND NOT (OLD.status = 'issued' AND NEW.status = 'cancelled' AND OLD.kind = 'invoice')
      BEGIN SELECT RAISE(ABORT, 'issued invoices are immutable'); END`);
    await knex.raw(`CREATE TRIGGER invoices_undeletable BEFORE DELETE ON invoices
      BEGIN SELECT RAISE(ABORT, 'issued invoices are immutable'); END`);
    await knex.raw(`CREATE TRIGGER invoice_lines_immutable BEFORE UPDATE ON invoice_lines
      BEGIN SELECT RAISE(ABORT, 'issued invoices are immutable'); END`);
    await knex.raw(`CREATE TRIGGER invoice_lines_undeletable BEFORE DELETE ON invoice_lines
      BEGIN SELECT RAISE(ABORT, 'issued invoices are immutable'); END`);
  }

  // The demo seller's letterhead when the database was seeded before this migration.
  await knex('company').where({ id: 1, name: 'Bürowerk GmbH' }).update(demoCompanyExtras);
}

/** What migration 008 adds to the demo seller (data/seedData.ts repeats it for fresh databases). */
export const demoCompanyExtras = {
  register_court: 'Amtsgericht Charlottenburg',
  register_number: 'HRB 123456 B',
  managing_directors: JSON.stringify(['Katrin Weiß']),
  bank_name: 'Deutsche Kreditbank Berlin',
  contact_name: 'Buchhaltung',
  contact_phone: '+49 30 1234567',
  contact_email: 'rechnung@buerowerk.example',
  website: 'www.buerowerk.example',
};

export async function down(knex: Knex): Promise<void> {
  if (knex.client.config.client === 'pg') {
    await knex.raw('DROP TRIGGER IF EXISTS invoice_lines_immutable ON invoice_lines');
    await knex.raw('DROP TRIGGER IF EXISTS invoices_immutable ON invoices');
  }
  await knex.schema.dropTableIfExists('invoice_lines');
  await knex.schema.dropTableIfExists('invoices');
  if (knex.client.config.client === 'pg') {
    await knex.raw('DROP FUNCTION IF EXISTS invoice_lines_immutable()');
    await knex.raw('DROP FUNCTION IF EXISTS invoices_immutable()');
  }
  await knex.schema.alterTable('customers', (t) => {
    t.dropColumn('email');
    t.dropColumn('public_sector');
    t.dropColumn('leitweg_id');
  });
  await knex.schema.alterTable('company', (t) => {
    for (const c of [...Object.keys(demoCompanyExtras), 'small_business']) t.dropColumn(c);
  });
}
