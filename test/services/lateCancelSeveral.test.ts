import { getPerson } from '../../data/parties';
import { getOrder } from '../../data/orders';
import { berlinDateTime } from '../../domain/calendar';
import { renderNotification } from '../../dialogs/notifications';
import { cancelAppointment, placeOrder, quoteCancellation } from '../../operations';
import { chat } from '../cancel/harness';
import { demoActors } from '../orders/actors';
import { describeEachDatabase } from '../support/databases';
import { monday, textsOf } from '../staff/helpers';

const at = (date: string, time: string) => berlinDateTime(date, time).toISOString();

describeEachDatabase('cancelling an order with several appointments in the chat', ({ get }) => {
  /** Consulting and printer maintenance on `late`, workstation setup two days later, and three bags of coffee. */
  const placeSeveral = async (late: string, later: string) => {
    const { db } = get();
    const a = await demoActors(db);
    const placed = await placeOrder(db, a.cafe, {
      customerId: a.customers.cafe,
      lines: [{ sku: 'SVC-CONSULT', quantity: 1 }, { sku: 'SVC-PRINTER', quantity: 1 }, { sku: 'SVC-SETUP', quantity: 1 }, { sku: 'COFFEE-1KG', quantity: 3 }],
      serviceSlots: [{ sku: 'SVC-CONSULT', start: at(late, '09:00') }, { sku: 'SVC-PRINTER', start: at(late, '13:00') }, { sku: 'SVC-SETUP', start: at(later, '09:00') }],
    }, monday);
    if (!placed.ok) throw new Error(JSON.stringify(placed.problems));
    return { a, order: placed.order };
  };

  it.each([
    ['de', '2026-03-04', '2026-03-06', '2026-03-03', 'Auftrag {n} stornieren', 'Ja, stornieren',
      'Stornogebühr für Termine, die in weniger als 24 Stunden beginnen: IT-Beratung am Mi., 4.3., 09:00 (60,00 € netto); Druckerwartung vor Ort am Mi., 4.3., 13:00 (90,00 € netto). Zusammen 150,00 € netto; alle übrigen Termine und Positionen werden kostenlos storniert.',
      'Auftrag {n} ist storniert. Für die Termine innerhalb von 24 Stunden wird die Stornogebühr von zusammen 150,00 € netto in Rechnung gestellt; alles Übrige ist kostenlos storniert.',
      'Abgesagter Termin Arbeitsplatz-Einrichtung: Fr., 6.3., 09:00, 90 Minuten',
      'Ihr Auftrag {n} ist storniert. Stornogebühr für die Termine innerhalb von 24 Stunden: IT-Beratung am Mi., 4.3., 09:00 (60,00 € netto); Druckerwartung vor Ort am Mi., 4.3., 13:00 (90,00 € netto); zusammen 150,00 € netto. Alles Übrige ist kostenlos storniert.'],
    ['en', '2026-03-11', '2026-03-13', '2026-03-10', 'cancel order {n}', 'yes',
      'Cancellation fee for appointments that start in less than 24 hours: IT consulting on Wed 11 Mar, 09:00 (€60.00 net); On-site printer maintenance on Wed 11 Mar, 13:00 (€90.00 net). €150.00 net in total; all other appointments and items are cancelled free of charge.',
      'Order {n} has been cancelled. The cancellation fee of €150.00 net in total for the appointments within 24 hours will be invoiced; everything else is cancelled free of charge.',
      'Cancelled appointment Workstation setup: Fri 13 Mar, 09:00, 90 minutes',
      'Your order {n} has been cancelled. Cancellation fee for the appointments within 24 hours: IT consulting on Wed 11 Mar, 09:00 (€60.00 net); On-site printer maintenance on Wed 11 Mar, 13:00 (€90.00 net); €150.00 net in total. Everything else is cancelled free of charge.'],
  ] as const)('%s: the appointments under 24 hours ahead carry the fee, told before confirming; the later one and the goods are free', async (locale, late, later, today, ask, yes, notice, done, freeOne, message) => {
    const { db } = get();
    const { a, order } = await placeSeveral(late, later);
    const n = (s: string) => s.replaceAll('{n}', order.number);
    const clock = { now: new Date(berlinDateTime(today, '15:00')) };
    const { say } = chat(db, 'demo-cafe', locale === 'de' ? 'de-DE' : 'en-US', clock);
    expect(textsOf(await say(n(ask)))).toContain(notice);
    const answer = textsOf(await say(yes));
    expect(answer).toContain(n(done));
    expect(answer).toContain(freeOne);

    const view = (await getOrder(db, a.cafe, order.number))!;
    // Only the two fee lines are left: performed and invoiced; the setup and the coffee are cancelled, never invoiced.
    expect(view.lines).toMatchObject([{ sku: 'SVC-CONSULT', quantity: 1, netCents: 6000 }, { sku: 'SVC-PRINTER', quantity: 1, netCents: 9000 }]);
    expect(view.status).toBe('invoiced');
    const lines = await db('order_lines').where({ order_id: view.id }).orderBy('id').select('sku', 'status');
    expect(lines).toEqual([
      { sku: 'SVC-CONSULT', status: 'performed' }, { sku: 'SVC-PRINTER', status: 'performed' },
      { sku: 'SVC-SETUP', status: 'cancelled' }, { sku: 'COFFEE-1KG', status: 'cancelled' },
    ]);
    expect(await db('service_bookings').where({ order_id: view.id, status: 'booked' })).toHaveLength(0);
    expect(await db('stock_reservations').whereIn('order_line_id', db('order_lines').where({ order_id: view.id }).select('id')).where({ status: 'reserved' })).toHaveLength(0);
    const invoiced = await db('invoice_lines').whereIn('invoice_id', db('invoices').where({ order_id: view.id }).select('id')).orderBy('net_cents').select('net_cents');
    expect(invoiced.map((l: any) => Number(l.net_cents))).toEqual([6000, 9000]);

    // The customer's message names the fee per appointment and every appointment that is off.
    const raw = await db('outbox').where({ kind: 'appointment_cancelled', person_id: a.cafe.personId }).whereRaw('payload like ?', [`%"${order.number}"%`]).first();
    expect(JSON.parse(raw.payload)).toMatchObject({ feeCents: 15000, appointments: [{ sku: 'SVC-CONSULT', late: true }, { sku: 'SVC-PRINTER', late: true }, { sku: 'SVC-SETUP', late: false, feeCents: 0 }] });
    const row = { id: Number(raw.id), kind: raw.kind, payload: JSON.parse(raw.payload), createdAt: raw.created_at, dueAt: raw.due_at } as any;
    const rendered = await renderNotification({ db, row, viewer: await getPerson(db, a.cafe.personId!), locale });
    if (!('text' in rendered)) throw new Error(rendered.unrenderable);
    expect(rendered.text).toContain(n(message));
    expect(rendered.text).toContain(freeOne);
    expect(rendered.text).toMatch(/\(\/calendar\/[\w.-]+\.ics\)/);

    // Pressing "yes" once more changes nothing.
    expect(textsOf(await say(yes))).not.toContain('Stornogebühr');
    expect(await db('outbox').where({ kind: 'appointment_cancelled', person_id: a.cafe.personId }).whereRaw('payload like ?', [`%"${order.number}"%`])).toHaveLength(1);
  });

  it('the total fee must be accepted as quoted; a fee for one appointment only cancels nothing', async () => {
    const { db } = get();
    const { a, order } = await placeSeveral('2026-03-25', '2026-03-27');
    const when = new Date(berlinDateTime('2026-03-24', '15:00'));
    const quote = await quoteCancellation(db, a.cafe, order.number, undefined, when);
    expect(quote).toMatchObject({ ok: true, quote: { late: true, feeCents: 15000, sku: 'SVC-CONSULT', otherLines: true } });
    expect(await cancelAppointment(db, a.cafe, { orderNumber: order.number, acceptedFeeCents: 6000 }, when)).toMatchObject({ ok: false, code: 'fee_not_accepted', quote: { feeCents: 15000 } });
    expect(await db('service_bookings').where({ order_id: order.id, status: 'booked' })).toHaveLength(4); // the printer visit takes Tom and the van
    // Another customer's order is not theirs to quote.
    expect(await quoteCancellation(db, a.mueller, order.number, undefined, when)).toMatchObject({ ok: false, code: 'not_found' });
    expect(await cancelAppointment(db, a.cafe, { orderNumber: order.number, acceptedFeeCents: 15000 }, when)).toMatchObject({ ok: true, quote: { feeCents: 15000 } });
  });

  it('all appointments more than 24 hours ahead: free, the whole order is cancelled as before', async () => {
    const { db } = get();
    const { a, order } = await placeSeveral('2026-03-18', '2026-03-20');
    const { say } = chat(db, 'demo-cafe', 'de-DE', { now: new Date(berlinDateTime('2026-03-16', '15:00')) });
    expect(textsOf(await say(`Auftrag ${order.number} stornieren`))).not.toContain('Stornogebühr');
    expect(textsOf(await say('Ja, stornieren'))).toContain('ist storniert');
    expect((await getOrder(db, a.cafe, order.number))!.status).toBe('cancelled');
    expect(await db('service_bookings').where({ order_id: order.id, status: 'booked' })).toHaveLength(0);
  });
});
