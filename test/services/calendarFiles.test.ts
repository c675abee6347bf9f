import restify from 'restify';
import type { AddressInfo } from 'node:net';
import { mountCalendarFiles } from '../../bot/calendarFiles';
import { appointmentBookingIds, calendarLink } from '../../data/calendarLinks';
import { berlinDateTime } from '../../domain/calendar';
import { appointmentIcs } from '../../formats/appointmentIcs';
import { placeOrder, rescheduleBooking } from '../../operations';
import { demoActors } from '../orders/actors';
import { describeEachDatabase } from '../support/databases';

const now = new Date('2026-12-01T09:00:00Z');

describe('appointmentIcs', () => {
  it('writes one VEVENT with a stable UID and the same bytes for the same input', () => {
    const event = { uid: 'booking-7', start: new Date('2026-12-03T09:00:00Z'), end: new Date('2026-12-03T11:00:00Z'), summary: 'Druckerwartung vor Ort (1001)', description: 'Tom Richter, 2 Stunden', location: 'Hauptstraße 12, 10827 Berlin', sequence: 3, stamp: now };
    const ics = appointmentIcs(event, '1001');
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(ics).toContain('UID:booking-7@auftragsbot');
    expect(ics).toContain('DTSTART:20261203T090000Z');
    expect(ics).toContain('DTEND:20261203T110000Z');
    expect(ics).toContain('SEQUENCE:3');
    expect(ics).toContain('LOCATION:Hauptstraße 12\\, 10827 Berlin');
    expect(appointmentIcs(event, '1001')).toBe(ics);
  });
});

describeEachDatabase('calendar files over HTTP', ({ get }) => {
  it('serves the booking as .ics on its signed link, follows a move, and refuses forged or foreign links', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const start = berlinDateTime('2026-12-03', '10:00').toISOString();
    const placed = await placeOrder(db, a.mueller, { customerId: a.customers.mueller, lines: [{ sku: 'SVC-PRINTER', quantity: 1 }], serviceSlots: [{ sku: 'SVC-PRINTER', start }] }, now);
    if (!placed.ok) throw new Error(JSON.stringify(placed.problems));
    const server = restify.createServer();
    mountCalendarFiles(server, { db, now: () => now });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const [booking] = await appointmentBookingIds(db, placed.order.id);
      const link = await calendarLink(db, booking.id, a.mueller.personId!, now);
      const res = await fetch(base + link);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
      const ics = await res.text();
      expect(ics).toContain('DTSTART:20261203T090000Z');
      expect(ics).toContain('SUMMARY:Druckerwartung vor Ort');
      expect(ics).toContain('Hauptstraße 12');
      expect(ics).toContain('Tom Richter');

      const moved = await rescheduleBooking(db, a.mueller, placed.order.number, { start: berlinDateTime('2026-12-04', '13:00').toISOString() }, now);
      expect(moved.ok).toBe(true);
      const after = await (await fetch(base + link)).text();
      expect(after).toContain('DTSTART:20261204T120000Z');
      expect(after).toContain(`UID:booking-${booking.id}@auftragsbot`);

      // A character inside the signature, always a different one (the last one may carry only padding bits).
      const at = link.length - '.ics'.length - 8;
      const forged = link.slice(0, at) + (link[at] === 'A' ? 'B' : 'A') + link.slice(at + 1);
      expect((await fetch(base + forged)).status).toBe(404);
      const foreign = await calendarLink(db, booking.id, a.cafe.personId!, now);
      expect((await fetch(base + foreign)).status).toBe(404);
    } finally {
      server.close();
    }
  });
});
