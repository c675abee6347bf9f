import { listInvoices } from '../../data/invoices';
import { berlinDateTime } from '../../domain/calendar';
import { bookDemoAccounting, bookDemoAppointments } from '../../operations';
import { describeEachDatabase } from '../support/databases';

describeEachDatabase('the demo accountant has invoices to work with', ({ get }) => {
  it('a fresh demo holds an overdue, an open and a paid invoice, made by the ordinary operations; never twice', async () => {
    const { db } = get();
    const now = new Date(berlinDateTime('2026-12-01', '07:30'));
    await bookDemoAppointments(db, now);
    const numbers = await bookDemoAccounting(db, now);
    expect(numbers).toHaveLength(3);
    expect(await bookDemoAccounting(db, now)).toEqual([]);

    const overdue = await listInvoices(db, { dueBefore: '2026-12-01' });
    expect(overdue.map((i) => i.number)).toEqual([numbers[0]]);
    const open = await listInvoices(db, { open: true });
    expect(open.map((i) => i.number).sort()).toEqual([numbers[0], numbers[1]].sort());
    const paid = await db('invoices').where({ number: numbers[2] }).first('paid_cents', 'gross_cents');
    expect(Number(paid.paid_cents)).toBe(Number(paid.gross_cents));
    // The paid order went on to paid through the lifecycle, the others wait as invoiced.
    const statuses = await db('orders').join('invoices', 'invoices.order_id', 'orders.id').whereIn('invoices.number', numbers).orderBy('invoices.number').select('orders.status');
    // Its past's messages are not sent into today's chat; the demo appointments' confirmations still are.
    const waiting = await db('outbox').where({ status: 'pending' }).select('created_at');
    expect(waiting.length).toBeGreaterThan(0);
    expect(waiting.every((r) => new Date(r.created_at).getTime() >= now.getTime() - 86_400_000)).toBe(true);
    expect(statuses.map((s) => s.status)).toEqual(['invoiced', 'invoiced', expect.stringMatching(/^(paid|closed)$/)]);
  });
});
