import { rescheduleBooking } from '../../operations';
import type { OutboxRow } from '../../data/outbox';
import { getPerson } from '../../data/parties';
import { renderNotification } from '../../dialogs/notifications';
import { demoActors } from '../orders/actors';
import { describeEachDatabase } from '../support/databases';
import { bookService, freeStart, tuesday } from './harness';

describeEachDatabase('the booking_rescheduled notification', ({ get }) => {
  it('tells the customer the new and the old time, in German and English', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const order = await bookService(db, a.mueller, a.customers.mueller, 'SVC-PRINTER', await freeStart(db, 'SVC-PRINTER', '2026-03-04'));
    const target = await freeStart(db, 'SVC-PRINTER', '2026-03-05', 'afternoon');
    expect((await rescheduleBooking(db, a.sales, order.number, { start: target }, tuesday)).ok).toBe(true);

    const person = (await getPerson(db, a.mueller.personId!))!;
    const raw = await db('outbox').where({ kind: 'booking_rescheduled', person_id: a.mueller.personId }).first();
    const row = { id: Number(raw.id), personId: Number(raw.person_id), kind: raw.kind, payload: JSON.parse(raw.payload) } as OutboxRow;
    const message = async (locale: 'de' | 'en') => {
      const rendered = await renderNotification({ db, row, viewer: person, locale });
      return 'text' in rendered ? rendered.text : rendered.unrenderable;
    };
    // Day, time, duration, place and who comes, and the signed .ics link of the moved appointment.
    const de = await message('de');
    expect(de.startsWith(`Ihr Termin zu Auftrag ${order.number} (Druckerwartung vor Ort) wurde verschoben: neu am 05.03.2026, 12:00 (bisher 04.03.2026, 08:00). Dauer 2 Stunden, Ort: Müller Bau GmbH, Hauptstraße 12, 10827 Berlin, es kommt: Tom Richter. `)).toBe(true);
    expect(de).toMatch(/ \[Termin in den Kalender \(\.ics\)\]\(\/calendar\/[\w.-]+\.ics\)$/);
    const en = await message('en');
    expect(en.startsWith(`Your appointment for order ${order.number} (On-site printer maintenance) has been moved: now on 5 Mar 2026, 12:00 (previously 4 Mar 2026, 08:00). Duration 2 hours, place: Müller Bau GmbH, Hauptstraße 12, 10827 Berlin, who comes: Tom Richter. `)).toBe(true);
    expect(en).toMatch(/ \[Add to calendar \(\.ics\)\]\(\/calendar\/[\w.-]+\.ics\)$/);
  });
});
