import { migrationSource } from '../../data/migrations';
import { claimDueNotifications } from '../../data/outbox';
import { seed } from '../../data/seed';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/databases';

/** Rows queued before migration 006 become person rows, due when they were written, quiet for customers. */
describe.each(databaseKinds())('outbox rows from before the recipients migration [%s]', (kind) => {
  let database: TestDatabase;
  afterAll(async () => {
    await database?.close();
  });

  it('keeps them deliverable to the same person', async () => {
    database = await createTestDatabase(kind, { seeded: false });
    const { db } = database;
    // Back to 005, the outbox as it was: undo 006 and every migration after it.
    const applied = async () => ((await db.migrate.list({ migrationSource })) as [{ name: string }[], unknown])[0].map((m) => m.name);
    while ((await applied()).includes('006_outbox_recipients')) await db.migrate.down({ migrationSource });
    expect(await db.schema.hasColumn('outbox', 'recipient_kind')).toBe(false);
    await seed(db);
    const customer = await db('persons').where({ role: 'customer' }).first('id');
    const staff = await db('persons').where({ role: 'sales' }).first('id');
    const row = (personId: number, key: string) => ({
      person_id: personId, kind: 'order_confirmed', payload: '{"orderNumber":"1001"}', dedupe_key: key, status: 'pending',
      attempts: 0, next_attempt_at: '2026-03-02T08:00:00.000Z', created_at: '2026-03-02T07:59:00.000Z',
    });
    await db('outbox').insert([row(customer.id, 'old:customer'), row(staff.id, 'old:staff')]);

    await db.migrate.latest({ migrationSource });
    const [c, s] = await claimDueNotifications(db, { limit: 10, now: new Date('2026-03-02T08:00:00Z') });
    expect(c).toMatchObject({ recipient: { kind: 'person', personId: Number(customer.id) }, personId: Number(customer.id), quiet: true, dueAt: '2026-03-02T07:59:00.000Z', dedupeKey: 'old:customer' });
    expect(s).toMatchObject({ recipient: { kind: 'person', personId: Number(staff.id) }, quiet: false, dedupeKey: 'old:staff' });
  });
});
