import { getPerson } from '../../data/parties';
import type { OutboxRow } from '../../data/outbox';
import { berlinDateTime } from '../../domain/calendar';
import { appointmentReminder } from '../../dialogs/notifications/appointmentReminder';
import { cardProblems } from '../cards/adaptiveCard15';
import { placeOrder } from '../../operations';
import { demoActors } from '../orders/actors';
import { describeEachDatabase } from '../support/databases';

const now = new Date('2026-12-01T09:00:00Z');

describeEachDatabase('the appointment reminder message', ({ get }) => {
  it('states time, duration, place and who comes in the reader’s language and offers one-click moves', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const start = berlinDateTime('2026-12-03', '10:00').toISOString();
    const placed = await placeOrder(db, a.mueller, { customerId: a.customers.mueller, lines: [{ sku: 'SVC-PRINTER', quantity: 1 }], serviceSlots: [{ sku: 'SVC-PRINTER', start }] }, now);
    if (!placed.ok) throw new Error(JSON.stringify(placed.problems));
    const raw = await db('outbox').where({ kind: 'appointment_reminder' }).first();
    const row = { id: Number(raw.id), kind: raw.kind, payload: JSON.parse(raw.payload) } as OutboxRow;
    const viewer = await getPerson(db, a.mueller.personId!);
    const de = await appointmentReminder.render({ db, row, viewer, locale: 'de' });
    const en = await appointmentReminder.render({ db, row, viewer, locale: 'en' });
    if (!('text' in de) || !('text' in en)) throw new Error('not rendered');
    expect(de.text).toMatch(new RegExp(`^Erinnerung: morgen 10:00 Druckerwartung vor Ort \\(2 Stunden\\), Müller Bau GmbH, Hauptstraße 12, 10827 Berlin\\. Es kommt: Tom Richter\\. Auftrag ${placed.order.number}\\. \\[Termin in den Kalender \\(\\.ics\\)\\]\\((/calendar/[\\w.-]+\\.ics)\\)$`));
    expect(en.text).toMatch(new RegExp(`^Reminder: tomorrow 10:00 On-site printer maintenance \\(2 hours\\), Müller Bau GmbH, Hauptstraße 12, 10827 Berlin\\. Who comes: Tom Richter\\. Order ${placed.order.number}\\. \\[Add to calendar \\(\\.ics\\)\\]\\(/calendar/[\\w.-]+\\.ics\\)$`));
    const card = de.card!.content as any;
    expect(cardProblems(card)).toEqual([]);
    const facts = card.body[1].facts.map((f: any) => f.title);
    expect(facts).toEqual(['Leistung', 'Wann', 'Dauer', 'Ort', 'Es kommt', 'Auftrag']);
    const moves = card.body[3].actions;
    expect(moves.length).toBeGreaterThan(0);
    expect(moves[0].data).toMatchObject({ action: 'reschedule.slot', order: placed.order.number, sku: 'SVC-PRINTER' });
    expect(moves.every((m: any) => m.data.start !== start)).toBe(true);
  });
});
