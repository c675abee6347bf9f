import { findPersonByChannel } from '../../data/parties';
import { isPostgres } from '../../data/db';
import { placeOrder } from '../../operations';
import { seedOrderHistory, seededOrderOf } from '../../bench/seedOrders';
import { describeEachDatabase } from '../support/databases';

/** The bench's bulk history: what it writes, that the bot keeps working on top of it, and that 010's indexes serve it. */
describeEachDatabase('bench order history', ({ get }) => {
  it('writes orders with lines and history, finished but for the newest, and later orders still get fresh ids', async () => {
    const { db } = get();
    await seedOrderHistory(db, 1_000, new Date('2026-11-30T10:00:00Z'));
    expect(Number((await db('orders').where('number', '>=', '500001').count({ n: '*' }).first())!.n)).toBe(1_000);
    expect(Number((await db('order_lines').count({ n: '*' }).first())!.n)).toBeGreaterThanOrEqual(2_000);
    expect(Number((await db('order_history').count({ n: '*' }).first())!.n)).toBeGreaterThanOrEqual(1_000);
    const active = await db('orders').whereNotIn('status', ['closed', 'paid', 'cancelled']).count({ n: '*' }).first();
    expect(Number(active!.n)).toBeLessThanOrEqual(60);
    expect(Number((await db('customers').count({ n: '*' }).first())!.n)).toBe(100);

    const mueller = await db('customers').where({ name: 'Müller Bau GmbH' }).first('id');
    expect(await seededOrderOf(db, Number(mueller.id))).toMatch(/^5\d{5}$/);

    const person = await findPersonByChannel(db, 'directline', 'demo-schmidt');
    const actor = { personId: person!.id, role: person!.role, customerId: person!.customerId, channel: 'directline' };
    await db('products').where({ sku: 'PAPER-A4' }).update({ on_hand: 1000 });
    const placed = await placeOrder(db, actor, { customerId: person!.customerId!, lines: [{ sku: 'PAPER-A4', quantity: 2 }], draftKey: 'seed-test-1' });
    expect(placed).toMatchObject({ ok: true, created: true });
  });

  // PostgreSQL needs 010's (customer_id, id) to avoid sorting all of a customer's orders; in SQLite any index on
  // customer_id already ends in the rowid, so only "searched by index, no sort" is asked there.
  it("reads a customer's newest orders through an index, without sorting them all", async () => {
    const { db } = get();
    const sql = 'SELECT id FROM orders WHERE customer_id = 1 ORDER BY id DESC LIMIT 20';
    if (isPostgres(db)) {
      await db.raw('SET enable_seqscan = off');
      const plan = JSON.stringify((await db.raw(`EXPLAIN ${sql}`)).rows);
      await db.raw('SET enable_seqscan = on');
      expect(plan).toContain('orders_customer_id_id_index');
    } else {
      const plan = JSON.stringify(await db.raw(`EXPLAIN QUERY PLAN ${sql}`));
      expect(plan).toMatch(/SEARCH orders USING (COVERING )?INDEX orders_customer_id/);
      expect(plan).not.toContain('TEMP B-TREE');
    }
  });
});
