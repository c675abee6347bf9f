import { rescheduleBooking } from '../../operations';
import { getOrder } from '../../data/orders';
import { checkReschedule, promisedAfterMove } from '../../domain/bookingRules';
import { demoActors } from '../orders/actors';
import { describeEachDatabase } from '../support/databases';
import { moveTo, place } from '../staff/helpers';
import { bookService, freeStart, tuesday } from './harness';

describe('booking rules', () => {
  const start = new Date('2026-03-04T08:00:00Z');
  it('lets an appointment move only before execution and before it begins', () => {
    expect(checkReschedule('confirmed', start, tuesday)).toEqual({ ok: true });
    expect(checkReschedule('in_preparation', start, tuesday)).toEqual({ ok: true });
    expect(checkReschedule('in_execution', start, tuesday)).toEqual({ ok: false, code: 'not_before_execution' });
    expect(checkReschedule('cancelled', start, tuesday)).toEqual({ ok: false, code: 'not_before_execution' });
    expect(checkReschedule('confirmed', start, new Date('2026-03-04T08:00:00Z'))).toEqual({ ok: false, code: 'already_started' });
  });

  it('keeps a promised date that something else had set, and follows the appointment otherwise', () => {
    const move = { oldAppointmentDay: '2026-03-04', otherDates: [null], newAppointmentDay: '2026-03-06' };
    expect(promisedAfterMove({ ...move, oldPromised: '2026-03-04' })).toBe('2026-03-06');
    expect(promisedAfterMove({ ...move, oldPromised: '2026-03-04', newAppointmentDay: '2026-03-03' })).toBe('2026-03-03');
    expect(promisedAfterMove({ ...move, oldPromised: '2026-03-10' })).toBe('2026-03-10');
    expect(promisedAfterMove({ ...move, oldPromised: '2026-03-04', otherDates: ['2026-03-09'] })).toBe('2026-03-09');
  });
});

describeEachDatabase('rescheduleBooking', ({ get }) => {
  it('moves every resource row of the appointment, records history and tells the customer once', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const order = await bookService(db, a.mueller, a.customers.mueller, 'SVC-PRINTER', await freeStart(db, 'SVC-PRINTER', '2026-03-04'));
    const target = await freeStart(db, 'SVC-PRINTER', '2026-03-06', 'afternoon');

    const moved = await rescheduleBooking(db, a.mueller, order.number, { start: target }, tuesday);
    expect(moved).toMatchObject({ ok: true, changed: true, sku: 'SVC-PRINTER', to: { start: target } });

    const rows = await db('service_bookings').where({ order_id: order.id }).orderBy('resource_id');
    expect(rows.map((r: any) => [r.resource_id, r.starts_at, r.status])).toEqual([
      ['tom-richter', target, 'booked'],
      ['van-1', target, 'booked'],
    ]);
    const view = (await getOrder(db, a.mueller, order.number))!;
    expect(view.version).toBe(order.version + 1);
    expect(view.status).toBe('confirmed');
    expect(view.promisedDate).toBe('2026-03-06');
    const last = view.history[view.history.length - 1];
    expect(last).toMatchObject({ from: 'confirmed', to: 'confirmed', actorPersonId: a.mueller.personId, actorRole: 'customer' });
    expect(last.details).toEqual({
      event: 'booking_rescheduled', sku: 'SVC-PRINTER',
      from: { start: order.serviceBookings[0].start, end: order.serviceBookings[0].end },
      to: { start: target, end: new Date(Date.parse(target) + 120 * 60_000).toISOString() },
    });

    // Accounting sees every order but moves no appointments; to them the order is not there to move.
    expect(await rescheduleBooking(db, a.accounting, order.number, { start: target }, tuesday)).toMatchObject({ ok: false, code: 'not_found' });

    // The same click again (a retried message) changes nothing and announces nothing.
    expect(await rescheduleBooking(db, a.mueller, order.number, { start: target }, tuesday)).toMatchObject({ ok: true, changed: false });
    const notes = await db('outbox').where({ kind: 'booking_rescheduled' }).whereRaw('payload like ?', [`%"orderNumber":"${order.number}"%`]);
    expect(notes).toHaveLength(1);
    expect(Number(notes[0].person_id)).toBe(a.mueller.personId);
    expect(JSON.parse(notes[0].payload)).toMatchObject({ orderNumber: order.number, sku: 'SVC-PRINTER', to: { start: target } });
  });

  it('may move by half an hour, overlapping its own old time', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const start = await freeStart(db, 'SVC-SETUP', '2026-03-10');
    const order = await bookService(db, a.cafe, a.customers.cafe, 'SVC-SETUP', start);
    const later = new Date(Date.parse(start) + 30 * 60_000).toISOString();
    expect(await rescheduleBooking(db, a.cafe, order.number, { start: later }, tuesday)).toMatchObject({ ok: true, to: { start: later } });
  });

  it('answers another customer like an unknown order, and lets staff move any', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const order = await bookService(db, a.mueller, a.customers.mueller, 'SVC-CONSULT', await freeStart(db, 'SVC-CONSULT', '2026-03-11'));
    const target = await freeStart(db, 'SVC-CONSULT', '2026-03-12');
    expect(await rescheduleBooking(db, a.cafe, order.number, { start: target }, tuesday)).toEqual({ ok: false, code: 'not_found' });
    expect(await rescheduleBooking(db, a.cafe, '99999', { start: target }, tuesday)).toEqual({ ok: false, code: 'not_found' });
    expect(await rescheduleBooking(db, a.sales, order.number, { start: target }, tuesday)).toMatchObject({ ok: true, changed: true });
  });

  it('refuses once the work has started, a taken slot, an invalid time and an order without appointment', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const order = await bookService(db, a.mueller, a.customers.mueller, 'SVC-PRINTER', await freeStart(db, 'SVC-PRINTER', '2026-03-16'));
    const other = await bookService(db, a.cafe, a.customers.cafe, 'SVC-PRINTER', await freeStart(db, 'SVC-PRINTER', '2026-03-17'));
    const before = await db('service_bookings').where({ order_id: order.id }).orderBy('id');

    expect(await rescheduleBooking(db, a.mueller, order.number, { start: other.serviceBookings[0].start }, tuesday))
      .toEqual({ ok: false, code: 'slot_taken', status: 'confirmed' });
    expect(await rescheduleBooking(db, a.mueller, order.number, { start: '2026-03-17T21:00:00.000Z' }, tuesday))
      .toEqual({ ok: false, code: 'slot_invalid', status: 'confirmed' });
    expect(await rescheduleBooking(db, a.mueller, order.number, { start: 'Donnerstag' }, tuesday))
      .toEqual({ ok: false, code: 'slot_invalid', status: 'confirmed' });
    // A refusal leaves the booking exactly as it was (the temporary release is rolled back).
    expect(await db('service_bookings').where({ order_id: order.id }).orderBy('id')).toEqual(before);

    const current = await db('orders').where({ number: order.number }).first('version');
    expect(await rescheduleBooking(db, a.mueller, order.number, { start: await freeStart(db, 'SVC-PRINTER', '2026-03-18'), expectedVersion: Number(current.version) - 1 }, tuesday))
      .toEqual({ ok: false, code: 'conflict', status: 'confirmed' });
    const paper = await place(db, a.mueller, a.customers.mueller, [{ sku: 'PAPER-A4', quantity: 1 }]);
    expect(await rescheduleBooking(db, a.mueller, paper.number, { start: await freeStart(db, 'SVC-PRINTER', '2026-03-18') }, tuesday))
      .toEqual({ ok: false, code: 'no_booking', status: 'confirmed' });

    await moveTo(db, a.sales, order.number, ['in_preparation', 'in_execution']);
    expect(await rescheduleBooking(db, a.sales, order.number, { start: await freeStart(db, 'SVC-PRINTER', '2026-03-18') }, tuesday))
      .toEqual({ ok: false, code: 'not_before_execution', status: 'in_execution' });
  });

  it('two customers moving to the same free slot at the same moment: one wins, the other is told it is taken', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const first = await bookService(db, a.mueller, a.customers.mueller, 'SVC-PRINTER', await freeStart(db, 'SVC-PRINTER', '2026-03-19'));
    const second = await bookService(db, a.cafe, a.customers.cafe, 'SVC-PRINTER', await freeStart(db, 'SVC-PRINTER', '2026-03-20'));
    const target = await freeStart(db, 'SVC-PRINTER', '2026-03-23');

    const results = await Promise.all([
      rescheduleBooking(db, a.mueller, first.number, { start: target }, tuesday),
      rescheduleBooking(db, a.cafe, second.number, { start: target }, tuesday),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, code: 'slot_taken', status: 'confirmed' }]);
    const atTarget = await db('service_bookings').where({ starts_at: target, status: 'booked' });
    expect(atTarget).toHaveLength(2); // the winner's technician and van
    expect(new Set(atTarget.map((r: any) => Number(r.order_id))).size).toBe(1);
  });
});
