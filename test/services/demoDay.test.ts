import type { Db } from '../../data/db';
import { berlinDateOf, berlinDateTime } from '../../domain/calendar';
import { MainDialog } from '../../dialogs/mainDialog';
import { understandingRecognizer } from '../../dialogs/recognizer';
import { OFFER_SLOTS_ACTION, SERVICES_INTENT, ServicesDialog } from '../../dialogs/servicesDialog';
import { withStaffCommands } from '../../dialogs/staffCommands';
import { bookDemoAppointments } from '../../operations';
import { createTestDatabase, describeEachDatabase } from '../support/databases';
import { chatAs, textOfCard } from '../staff/helpers';

function chat(db: Db, userId: string, locale: string, now: Date) {
  const main = new MainDialog(withStaffCommands(understandingRecognizer(db, () => now)), [
    { intent: SERVICES_INTENT, dialog: new ServicesDialog({ db, now: () => now }), cardAction: (action) => action === OFFER_SLOTS_ACTION },
  ]);
  return chatAs(db, main, userId, locale).send;
}

describeEachDatabase('the demo technicians and their day', ({ kind, get }) => {
  it('the seed links Tom Richter and Lena Wolf to their resources, with e-mail addresses', async () => {
    const { db } = get();
    const rows = await db('resources as r').join('persons as p', 'p.id', 'r.person_id').orderBy('r.id').select('r.id', 'p.display_name', 'p.role', 'p.email');
    expect(rows).toEqual([
      { id: 'lena-wolf', display_name: 'Lena Wolf', role: 'technician', email: 'lena.wolf@buerowerk.example' },
      { id: 'tom-richter', display_name: 'Tom Richter', role: 'technician', email: 'tom.richter@buerowerk.example' },
    ]);
  });

  it('a fresh demo has appointments on the demo day, which the technicians see as "meine Termine heute" in German and English', async () => {
    const { db } = get();
    const now = new Date(berlinDateTime('2026-12-01', '07:30')); // a Tuesday, before work
    const numbers = await bookDemoAppointments(db, now);
    expect(numbers).toHaveLength(5);
    expect(await bookDemoAppointments(db, now)).toEqual([]); // never twice
    const tom = textOfCard((await chat(db, 'demo-tom', 'de-DE', now)('meine Termine heute'))[0].attachments![0].content);
    expect(tom).toContain('Meine Termine Di., 1.12.2026');
    expect(tom).toContain('Druckerwartung vor Ort');
    expect(tom).toContain('Müller Bau GmbH');
    expect(tom).toContain('Arbeitsplatz-Einrichtung');
    expect(tom).not.toContain('IT-Beratung');
    const lena = textOfCard((await chat(db, 'demo-lena', 'en-US', now)('my appointments tomorrow'))[0].attachments![0].content);
    expect(lena).toContain('My appointments Wed, 2 Dec 2026');
    expect(lena).toContain('IT consulting');
    // A technician asking for the whole plan sees their own day; other people's work stays with sales.
    const plan = textOfCard((await chat(db, 'demo-lena', 'de-DE', now)('Einsatzplan heute'))[0].attachments![0].content);
    expect(plan).toContain('Meine Termine');
    expect(plan).not.toContain('Tom Richter');
  });

  it('late on a Friday the demo day is the next Monday', async () => {
    const fresh = await createTestDatabase(kind);
    try {
      const friday = new Date(berlinDateTime('2026-12-04', '16:30'));
      expect(await bookDemoAppointments(fresh.db, friday)).toHaveLength(5);
      const days = await fresh.db('service_bookings').distinct('starts_at').pluck('starts_at');
      expect(new Set(days.map((d: string) => berlinDateOf(new Date(d))))).toEqual(new Set(['2026-12-07', '2026-12-08']));
    } finally {
      await fresh.close();
    }
  });
});
