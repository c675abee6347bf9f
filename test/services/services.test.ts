import { findServiceSlots, insertServiceBookings } from '../../data/bookings';
import { getOrder } from '../../data/orders';
import { berlinDateTime, berlinTimeOf } from '../../domain/calendar';
import { appointmentReminder } from '../../dialogs/notifications/appointmentReminder';
import { renderNotification } from '../../dialogs/notifications';
import { getPerson } from '../../data/parties';
import { cancelAppointment, placeOrder, quoteCancellation, recordAbsence, reportVisit, rescheduleBooking } from '../../operations';
import { demoActors, monday } from '../orders/actors';
import { describeEachDatabase } from '../support/databases';

const at = (date: string, time: string) => berlinDateTime(date, time).toISOString();

describeEachDatabase('services by appointment', ({ get }) => {
  it('two customers taking the last free slot at the same moment: exactly one gets it, the other is offered the next', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const start = at('2026-03-05', '14:00');
    const book = (actor: typeof a.mueller, customerId: number) =>
      placeOrder(db, actor, { customerId, lines: [{ sku: 'SVC-CONSULT', quantity: 2 }], serviceSlots: [{ sku: 'SVC-CONSULT', start }] }, monday);
    const results = await Promise.all([book(a.mueller, a.customers.mueller), book(a.cafe, a.customers.cafe), book(a.schmidt, a.customers.schmidt)]);
    const won = results.filter((r) => r.ok);
    expect(won).toHaveLength(1);
    for (const lost of results.filter((r) => !r.ok)) expect(lost).toMatchObject({ ok: false, problems: [{ code: 'slot_taken', sku: 'SVC-CONSULT', start }] });
    const rows = await db('service_bookings').where({ resource_id: 'lena-wolf', starts_at: start, status: 'booked' });
    expect(rows).toHaveLength(1);
    // The next slots offered from that time leave the taken two hours out.
    const next = await findServiceSlots(db, 'SVC-CONSULT', { fromDate: '2026-03-05', days: 1, quantity: 2, preferredTime: '14:00', perDay: 3 }, monday);
    expect(next.map((s) => berlinTimeOf(new Date(s.start)))).toEqual(['12:00', '11:30', '11:00']);
  });

  it('the database itself refuses a second booking of the same quarter hour, even past every check', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const placed = await placeOrder(db, a.mueller, { customerId: a.customers.mueller, lines: [{ sku: 'SVC-CONSULT', quantity: 1 }], serviceSlots: [{ sku: 'SVC-CONSULT', start: at('2026-03-06', '09:00') }] }, monday);
    expect(placed.ok).toBe(true);
    const orderId = placed.ok ? placed.order.id : 0;
    const overlapping = { sku: 'SVC-CONSULT', resourceIds: ['lena-wolf'], start: new Date(at('2026-03-06', '09:30')), end: new Date(at('2026-03-06', '10:30')) };
    const attempts = await Promise.allSettled([1, 2].map(() => db.transaction((trx) => insertServiceBookings(trx, orderId, overlapping))));
    // The first overlaps the existing booking already; both fail on the quarter-hour key.
    expect(attempts.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    const fresh = { ...overlapping, start: new Date(at('2026-03-06', '13:00')), end: new Date(at('2026-03-06', '14:00')) };
    const parallel = await Promise.allSettled([1, 2].map(() => db.transaction((trx) => insertServiceBookings(trx, orderId, fresh))));
    expect(parallel.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await db('service_bookings').where({ resource_id: 'lena-wolf', starts_at: fresh.start.toISOString() })).toHaveLength(1);
  });

  it('keeps 30 minutes of travel after an on-site job of the technician', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const placed = await placeOrder(db, a.mueller, { customerId: a.customers.mueller, lines: [{ sku: 'SVC-SETUP', quantity: 1 }], serviceSlots: [{ sku: 'SVC-SETUP', start: at('2026-03-09', '08:00') }] }, monday);
    expect(placed.ok).toBe(true);
    const slots = await findServiceSlots(db, 'SVC-SETUP', { fromDate: '2026-03-09', days: 1, limit: 2 }, monday);
    expect(slots.map((s) => berlinTimeOf(new Date(s.start)))).toEqual(['10:00', '10:30']);
    const refused = await placeOrder(db, a.cafe, { customerId: a.customers.cafe, lines: [{ sku: 'SVC-SETUP', quantity: 1 }], serviceSlots: [{ sku: 'SVC-SETUP', start: at('2026-03-09', '09:30') }] }, monday);
    expect(refused).toMatchObject({ ok: false, problems: [{ code: 'slot_taken' }] });
  });

  it('queues the reminder for the day before at 18:00, moves it with the booking and drops the old one', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const placed = await placeOrder(db, a.mueller, { customerId: a.customers.mueller, lines: [{ sku: 'SVC-PRINTER', quantity: 1 }], serviceSlots: [{ sku: 'SVC-PRINTER', start: at('2026-03-10', '10:00') }] }, monday);
    if (!placed.ok) throw new Error(JSON.stringify(placed.problems));
    const reminders = () => db('outbox').where({ kind: 'appointment_reminder' }).whereRaw('payload like ?', [`%"orderNumber":"${placed.order.number}"%`]).orderBy('id');
    const [first] = await reminders();
    expect(first.due_at).toBe(at('2026-03-09', '18:00'));
    expect(first.dedupe_key).toMatch(/^appointment-reminder:\d+:2026-03-10:p\d+$/);
    const row = (r: any) => ({ id: Number(r.id), payload: JSON.parse(r.payload) }) as any;
    expect(await appointmentReminder.obsolete!(db, row(first), monday)).toBeNull();

    const moved = await rescheduleBooking(db, a.mueller, placed.order.number, { start: at('2026-03-11', '13:00') }, monday);
    expect(moved).toMatchObject({ ok: true, changed: true });
    const after = await reminders();
    expect(after).toHaveLength(2);
    expect(after[1].due_at).toBe(at('2026-03-10', '18:00'));
    expect(await appointmentReminder.obsolete!(db, row(after[0]), monday)).toMatch(/no longer booked/);
    expect(await appointmentReminder.obsolete!(db, row(after[1]), monday)).toBeNull();

    // Booked late on the evening before: due at once.
    const late = new Date(at('2026-03-12', '19:30'));
    const lastMinute = await placeOrder(db, a.cafe, { customerId: a.customers.cafe, lines: [{ sku: 'SVC-CONSULT', quantity: 1 }], serviceSlots: [{ sku: 'SVC-CONSULT', start: at('2026-03-13', '08:00') }] }, late);
    if (!lastMinute.ok) throw new Error(JSON.stringify(lastMinute.problems));
    const due = await db('outbox').where({ kind: 'appointment_reminder' }).whereRaw('payload like ?', [`%"orderNumber":"${lastMinute.order.number}"%`]).first('due_at');
    expect(due.due_at).toBe(late.toISOString());
  });

  it('records an absence once, lists the appointments it hits to sales, and keeps the day free of new bookings', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const placed = await placeOrder(db, a.schmidt, { customerId: a.customers.schmidt, lines: [{ sku: 'SVC-SETUP', quantity: 1 }], serviceSlots: [{ sku: 'SVC-SETUP', start: at('2026-03-16', '11:00') }] }, monday);
    if (!placed.ok) throw new Error(JSON.stringify(placed.problems));
    expect(await recordAbsence(db, a.mueller, { resourceId: 'tom-richter', from: '2026-03-16', reason: 'sick' }, monday)).toEqual({ ok: false, code: 'forbidden' });
    expect(await recordAbsence(db, a.sales, { resourceId: 'tom-richter', from: '2026-03-17', to: '2026-03-16', reason: 'sick' }, monday)).toEqual({ ok: false, code: 'range_invalid' });
    const first = await recordAbsence(db, a.sales, { resourceId: 'tom-richter', from: '2026-03-16', to: '2026-03-17', reason: 'sick' }, monday);
    expect(first).toMatchObject({ ok: true, created: true, resourceName: 'Tom Richter', affected: [{ orderNumber: placed.order.number, sku: 'SVC-SETUP', start: at('2026-03-16', '11:00') }] });
    const again = await recordAbsence(db, a.sales, { resourceId: 'tom-richter', from: '2026-03-16', to: '2026-03-17', reason: 'sick' }, monday);
    expect(again).toMatchObject({ ok: true, created: false });
    const sales = await db('outbox').where({ kind: 'absence_conflicts' });
    const salesPeople = await db('persons').where({ role: 'sales' });
    expect(sales).toHaveLength(salesPeople.length);
    expect(await findServiceSlots(db, 'SVC-SETUP', { fromDate: '2026-03-16', days: 2 }, monday)).toEqual([]);
    expect((await findServiceSlots(db, 'SVC-SETUP', { fromDate: '2026-03-16', days: 3, limit: 1 }, monday))[0].start).toBe(at('2026-03-18', '08:00'));
  });

  it('a reported visit makes the line and the order performed and tells the customer, once', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const placed = await placeOrder(db, a.mueller, { customerId: a.customers.mueller, lines: [{ sku: 'SVC-CONSULT', quantity: 2 }], serviceSlots: [{ sku: 'SVC-CONSULT', start: at('2026-03-19', '09:00') }] }, monday);
    if (!placed.ok) throw new Error(JSON.stringify(placed.problems));
    expect(placed.order.totals.grossCents).toBe(28560); // 2 hours × 120 € + 19 %
    const after = new Date(at('2026-03-19', '11:15'));
    expect(await reportVisit(db, a.mueller, { orderNumber: placed.order.number, report: 'ok', actualMinutes: 120 }, after)).toMatchObject({ ok: false, code: 'not_found' });
    expect(await reportVisit(db, a.sales, { orderNumber: placed.order.number, report: 'ok', actualMinutes: 0 }, after)).toMatchObject({ ok: false, code: 'minutes_invalid' });
    const done = await reportVisit(db, a.sales, { orderNumber: placed.order.number, report: 'Netzwerk eingerichtet', actualMinutes: 135 }, after);
    // Performed, and at once invoiced (INVOICE_MODE per_shipment invoices a performed service right away).
    expect(done).toMatchObject({ ok: true, changed: true, status: 'invoiced' });
    const view = (await getOrder(db, a.sales, placed.order.number))!;
    expect(view.history.map((h) => h.to)).toEqual(expect.arrayContaining(['performed', 'invoiced']));
    expect(await db('invoices').where({ order_id: placed.order.id })).toHaveLength(1);
    expect(await db('order_lines').where({ order_id: placed.order.id }).select('status')).toEqual([{ status: 'performed' }]);
    expect(await db('service_bookings').where({ order_id: placed.order.id }).first('status', 'actual_minutes', 'report')).toMatchObject({ status: 'done', actual_minutes: 135, report: 'Netzwerk eingerichtet' });
    expect(await reportVisit(db, a.sales, { orderNumber: placed.order.number, report: 'again', actualMinutes: 135 }, after)).toMatchObject({ ok: true, changed: false });
    expect(await db('outbox').where({ kind: 'service_performed' }).whereRaw('payload like ?', [`%"orderNumber":"${placed.order.number}"%`])).toHaveLength(1);
  });

  it('cancelling is free until 24 hours before; later the customer accepts the 50 % fee, which becomes the invoiceable line', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const book = async (date: string) => {
      const placed = await placeOrder(db, a.cafe, { customerId: a.customers.cafe, lines: [{ sku: 'SVC-CONSULT', quantity: 1 }], serviceSlots: [{ sku: 'SVC-CONSULT', start: at(date, '15:00') }] }, monday);
      if (!placed.ok) throw new Error(JSON.stringify(placed.problems));
      return placed.order;
    };
    const early = await book('2026-03-20');
    expect(await cancelAppointment(db, a.cafe, { orderNumber: early.number }, new Date(at('2026-03-19', '14:59')))).toMatchObject({ ok: true, quote: { late: false, feeCents: 0 }, orderStatus: 'cancelled' });

    const late = await book('2026-03-23');
    const when = new Date(at('2026-03-23', '09:00'));
    expect(await quoteCancellation(db, a.cafe, late.number, undefined, when)).toMatchObject({ ok: true, quote: { late: true, feeCents: 6000 } });
    expect(await cancelAppointment(db, a.cafe, { orderNumber: late.number }, when)).toMatchObject({ ok: false, code: 'fee_not_accepted', quote: { feeCents: 6000 } });
    expect(await cancelAppointment(db, a.mueller, { orderNumber: late.number, acceptedFeeCents: 6000 }, when)).toMatchObject({ ok: false, code: 'not_found' });
    const cancelled = await cancelAppointment(db, a.cafe, { orderNumber: late.number, acceptedFeeCents: 6000 }, when);
    // The fee line is performed and invoiced at once.
    expect(cancelled).toMatchObject({ ok: true, orderStatus: 'invoiced' });
    const view = (await getOrder(db, a.cafe, late.number))!;
    expect(view.history.map((h) => h.to)).toEqual(expect.arrayContaining(['performed', 'invoiced']));
    expect(view.lines).toMatchObject([{ name: { de: 'Stornogebühr: IT-Beratung' }, quantity: 1, netCents: 6000 }]);
    expect(view.totals.grossCents).toBe(7140);
    expect(view.serviceBookings.every((b) => b.status === 'cancelled')).toBe(true);
    expect(await db('service_booking_units').whereIn('booking_id', db('service_bookings').where({ order_id: late.id }).select('id'))).toEqual([]);
  });

  it('a mixed order cancelled late: the fee for the service part, the goods cancelled and released, the customer told in full', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const placed = await placeOrder(db, a.mueller, {
      customerId: a.customers.mueller, lines: [{ sku: 'SVC-PRINTER', quantity: 1 }, { sku: 'TONER-BK', quantity: 2 }], serviceSlots: [{ sku: 'SVC-PRINTER', start: at('2026-03-24', '10:00') }],
    }, monday);
    if (!placed.ok) throw new Error(JSON.stringify(placed.problems));
    const when = new Date(at('2026-03-23', '16:00'));
    const quote = await quoteCancellation(db, a.mueller, placed.order.number, undefined, when);
    expect(quote).toMatchObject({ ok: true, quote: { late: true, otherLines: true } });
    const fee = quote.ok ? quote.quote.feeCents : -1;
    const printerLine = placed.order.lines.find((l) => l.sku === 'SVC-PRINTER')!;
    expect(fee).toBe(Math.round(printerLine.netCents / 2));
    const cancelled = await cancelAppointment(db, a.mueller, { orderNumber: placed.order.number, acceptedFeeCents: fee }, when);
    expect(cancelled).toMatchObject({ ok: true, orderStatus: 'invoiced' });
    const view = (await getOrder(db, a.mueller, placed.order.number))!;
    expect(view.lines).toMatchObject([{ sku: 'SVC-PRINTER', netCents: fee }]);
    expect(await db('stock_reservations').join('order_lines', 'order_lines.id', 'stock_reservations.order_line_id').where({ 'order_lines.order_id': placed.order.id, 'stock_reservations.status': 'reserved' })).toEqual([]);
    const raw = await db('outbox').where({ kind: 'appointment_cancelled' }).whereRaw('payload like ?', [`%"orderNumber":"${placed.order.number}"%`]).first();
    const row = { id: Number(raw.id), kind: raw.kind, payload: JSON.parse(raw.payload), createdAt: raw.created_at, dueAt: raw.due_at } as any;
    const viewer = await getPerson(db, a.mueller.personId!);
    const de = await renderNotification({ db, row, viewer, locale: 'de' });
    expect('text' in de && de.text).toMatch(new RegExp(`^Ihr Auftrag ${placed.order.number} ist storniert\\. Für den Termin \\(Druckerwartung vor Ort, Di\\., 24\\.3\\., 10:00\\) fällt die Stornogebühr von .+ netto an; die übrige Ware ist kostenlos storniert\\. Abgesagter Termin Druckerwartung vor Ort: .+, 2 Stunden, Müller Bau GmbH, Hauptstraße 12, 10827 Berlin, Tom Richter\\. \\[Termin in den Kalender \\(\\.ics\\)\\]\\(/calendar/[\\w.-]+\\.ics\\)$`));
  });
});
