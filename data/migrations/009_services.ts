import type { Knex } from 'knex';

/*
 * Services by appointment: working hours and the staff person of a resource, on-site services, absences, what a
 * visit took, and one row per resource and quarter hour a booking occupies, whose primary key makes a double
 * booking impossible in SQLite and PostgreSQL alike (two transactions taking the last slot: the second insert fails).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('resources', (t) => {
    t.string('work_start', 5); // 'HH:MM' Berlin; null: the company's hours (08:00–17:00)
    t.string('work_end', 5);
    t.string('work_days', 20); // ISO weekdays, '1,2,3,4,5'; null: Monday to Friday
  });
  // The staff member this resource is (technician, consultant). SQLite adds a referencing column in place only by raw
  // ALTER TABLE; knex would rebuild the table, which the other tables' foreign keys to resources refuse once it has rows.
  if (knex.client.config.client === 'pg') {
    await knex.schema.alterTable('resources', (t) => t.integer('person_id').references('persons.id'));
  } else {
    await knex.raw('ALTER TABLE resources ADD COLUMN person_id integer REFERENCES persons(id)');
  }
  await knex.schema.alterTable('products', (t) => {
    t.boolean('on_site').notNullable().defaultTo(false); // travel buffer after each visit
  });
  await knex('products').whereIn('sku', ['SVC-PRINTER', 'SVC-SETUP']).update({ on_site: true });
  await knex.schema.alterTable('service_bookings', (t) => {
    t.integer('travel_minutes').notNullable().defaultTo(0);
    t.string('performed_at', 30);
    t.integer('actual_minutes');
    t.text('report');
  });
  await knex.schema.alterTable('order_lines', (t) => {
    t.string('status', 20).notNullable().defaultTo('open'); // open | performed | cancelled
  });
  await knex.schema.createTable('service_booking_units', (t) => {
    t.string('resource_id', 50).notNullable().references('resources.id');
    t.string('unit_start', 30).notNullable(); // ISO instant of a quarter hour
    t.integer('booking_id').notNullable().references('service_bookings.id');
    t.primary(['resource_id', 'unit_start']);
    t.index(['booking_id']);
  });
  await knex.schema.createTable('absences', (t) => {
    t.increments('id');
    t.string('resource_id', 50).notNullable().references('resources.id');
    t.string('starts_on', 10).notNullable();
    t.string('ends_on', 10).notNullable(); // inclusive
    t.string('reason', 20).notNullable(); // sick | vacation | other
    t.integer('created_by_person_id').references('persons.id');
    t.string('created_at', 30).notNullable();
    // The same absence entered twice (a retried message) is one absence.
    t.unique(['resource_id', 'starts_on', 'ends_on']);
    t.index(['resource_id', 'starts_on']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('absences');
  await knex.schema.dropTableIfExists('service_booking_units');
  await knex.schema.alterTable('order_lines', (t) => t.dropColumn('status'));
  await knex.schema.alterTable('service_bookings', (t) => {
    t.dropColumn('travel_minutes');
    t.dropColumn('performed_at');
    t.dropColumn('actual_minutes');
    t.dropColumn('report');
  });
  await knex.schema.alterTable('products', (t) => t.dropColumn('on_site'));
  await knex.schema.alterTable('resources', (t) => {
    t.dropColumn('work_start');
    t.dropColumn('work_end');
    t.dropColumn('work_days');
    t.dropColumn('person_id');
  });
}
