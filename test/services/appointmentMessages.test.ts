import restify from 'restify';
import type { AddressInfo } from 'node:net';
import { mountCalendarFiles } from '../../bot/calendarFiles';
import { getPerson } from '../../data/parties';
import { berlinDateTime } from '../../domain/calendar';
import { renderNotification } from '../../dialogs/notifications';
import { offerNewSlots, placeOrder, recordAbsence, transitionOrder } from '../../operations';
import { demoActors } from '../orders/actors';
import { describeEachDatabase } from '../support/databases';

const now = new Date('2026-12-01T09:00:00Z');
const ics = (label: string) => new RegExp(` \\[${label} \\(\\.ics\\)\\]\\((/calendar/[\\w.-]+\\.ics)\\)`);

describeEachDatabase('appointments in the customer’s messages', ({ get }) => {
  it('the order confirmation and the cancellation state day, time, duration, place and who comes, each with a working .ics link', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const placed = await placeOrder(db, a.mueller, { customerId: a.customers.mueller, lines: [{ sku: 'SVC-PRINTER', quantity: 1 }], serviceSlots: [{ sku: 'SVC-PRINTER', start: berlinDateTime('2026-12-03', '10:00').toISOString() }] }, now);
    if (!placed.ok) throw new Error(JSON.stringify(placed.problems));
    const viewer = await getPerson(db, a.mueller.personId!);
    const message = async (kind: string, locale: 'de' | 'en') => {
      const raw = await db('outbox').where({ kind, person_id: a.mueller.personId }).whereRaw('payload like ?', [`%"${placed.order.number}"%`]).orderBy('id', 'desc').first();
      const row = { id: Number(raw.id), kind: raw.kind, payload: JSON.parse(raw.payload), createdAt: raw.created_at, dueAt: raw.due_at } as any;
      const rendered = await renderNotification({ db, row, viewer, locale });
      if (!('text' in rendered)) throw new Error(rendered.unrenderable);
      return rendered.text;
    };
    const confirmedDe = await message('order_confirmed', 'de');
    expect(confirmedDe).toContain('Termin Druckerwartung vor Ort: Do., 3.12., 10:00, 2 Stunden, Müller Bau GmbH, Hauptstraße 12, 10827 Berlin, Tom Richter.');
    expect(confirmedDe).not.toContain('geliefert');
    expect(confirmedDe).toMatch(ics('Termin in den Kalender'));
    const confirmedEn = await message('order_confirmed', 'en');
    expect(confirmedEn).toContain('Appointment On-site printer maintenance: Thu 3 Dec, 10:00, 2 hours, Müller Bau GmbH, Hauptstraße 12, 10827 Berlin, Tom Richter.');
    expect(confirmedEn).toMatch(ics('Add to calendar'));

    // Cancelled free of charge by sales: the customer's message names the appointment that is off, and its .ics says so.
    expect((await transitionOrder(db, a.sales, placed.order.number, { to: 'cancelled', reason: 'customer_request' }, now)).ok).toBe(true);
    const cancelledDe = await message('order_cancelled', 'de');
    expect(cancelledDe).toContain('Abgesagter Termin Druckerwartung vor Ort: Do., 3.12., 10:00, 2 Stunden, Müller Bau GmbH, Hauptstraße 12, 10827 Berlin, Tom Richter.');
    const cancelledEn = await message('order_cancelled', 'en');
    expect(cancelledEn).toContain('Cancelled appointment On-site printer maintenance: Thu 3 Dec, 10:00, 2 hours');
    const link = cancelledDe.match(ics('Termin in den Kalender'))![1];

    const server = restify.createServer();
    mountCalendarFiles(server, { db, now: () => now });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}${link}`);
      expect(res.status).toBe(200);
      const body = await res.text();
      expect(body).toContain('STATUS:CANCELLED');
      expect(body).toContain('DTSTART:20261203T090000Z');
    } finally {
      server.close();
    }
  });

  it('the offer of new slots after an absence states the appointment that is off in full, in both languages', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const placed = await placeOrder(db, a.mueller, { customerId: a.customers.mueller, lines: [{ sku: 'SVC-PRINTER', quantity: 1 }], serviceSlots: [{ sku: 'SVC-PRINTER', start: berlinDateTime('2026-12-04', '10:00').toISOString() }] }, now);
    if (!placed.ok) throw new Error(JSON.stringify(placed.problems));
    expect(await recordAbsence(db, a.sales, { resourceId: 'tom-richter', from: '2026-12-04', reason: 'sick' }, now)).toMatchObject({ ok: true });
    expect(await offerNewSlots(db, a.sales, { orderNumber: placed.order.number, sku: 'SVC-PRINTER' }, now)).toMatchObject({ ok: true });
    const viewer = await getPerson(db, a.mueller.personId!);
    const raw = await db('outbox').where({ kind: 'appointment_new_slots', person_id: a.mueller.personId }).whereRaw('payload like ?', [`%"${placed.order.number}"%`]).first();
    const row = { id: Number(raw.id), kind: raw.kind, payload: JSON.parse(raw.payload), createdAt: raw.created_at, dueAt: raw.due_at } as any;
    const render = async (locale: 'de' | 'en') => {
      const rendered = await renderNotification({ db, row, viewer, locale });
      if (!('text' in rendered)) throw new Error(rendered.unrenderable);
      return rendered;
    };
    const de = await render('de');
    expect(de.text).toBe(`Leider fällt Ihr Termin zu Auftrag ${placed.order.number} aus. Termin Druckerwartung vor Ort: Fr., 4.12., 10:00, 2 Stunden, Müller Bau GmbH, Hauptstraße 12, 10827 Berlin, Tom Richter. Bitte wählen Sie eine neue Zeit:`);
    const en = await render('en');
    expect(en.text).toBe(`Unfortunately your appointment for order ${placed.order.number} cannot take place. Appointment On-site printer maintenance: Fri 4 Dec, 10:00, 2 hours, Müller Bau GmbH, Hauptstraße 12, 10827 Berlin, Tom Richter. Please pick a new time:`);
    // The card asks the same and offers the slots to move it to.
    expect(JSON.stringify(en.card)).toContain('On-site printer maintenance: Fri 4 Dec, 10:00, 2 hours');
    expect(row.payload.slots.length).toBeGreaterThan(0);
  });
});
