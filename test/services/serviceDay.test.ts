import type { Db } from '../../data/db';
import { berlinDateTime } from '../../domain/calendar';
import { MainDialog } from '../../dialogs/mainDialog';
import { understandingRecognizer } from '../../dialogs/recognizer';
import { DAY_PLAN_ACTION, OFFER_SLOTS_ACTION, SERVICES_INTENT, ServicesDialog } from '../../dialogs/servicesDialog';
import { withStaffCommands } from '../../dialogs/staffCommands';
import { placeOrder } from '../../operations';
import { demoActors } from '../orders/actors';
import { describeEachDatabase } from '../support/databases';
import { cardListLimit } from '../../cards/bind';
import { chatAs, submitActions, textOfCard, textsOf } from '../staff/helpers';

/** Tuesday 1 December 2026, 10:00 in Berlin. */
const now = new Date('2026-12-01T09:00:00Z');
const at = (date: string, time: string) => berlinDateTime(date, time).toISOString();

function chat(db: Db, userId: string, locale: string) {
  const main = new MainDialog(withStaffCommands(understandingRecognizer(db, () => now)), [
    { intent: SERVICES_INTENT, dialog: new ServicesDialog({ db, now: () => now }), cardAction: (action) => action === OFFER_SLOTS_ACTION || action === DAY_PLAN_ACTION },
  ]);
  return chatAs(db, main, userId, locale).send;
}

describeEachDatabase('the service day in the chat', ({ get }) => {
  let orderNumber = '';
  beforeAll(async () => {
    const { db } = get();
    const a = await demoActors(db);
    const placed = await placeOrder(db, a.mueller, { customerId: a.customers.mueller, lines: [{ sku: 'SVC-PRINTER', quantity: 1 }], serviceSlots: [{ sku: 'SVC-PRINTER', start: at('2026-12-03', '10:00') }] }, now);
    if (!placed.ok) throw new Error(JSON.stringify(placed.problems));
    orderNumber = placed.order.number;
  });

  it('sales see the day plan of all resources; the technician his own, in German and English', async () => {
    const { db } = get();
    const plan = await chat(db, 'demo-sales', 'de-DE')('Einsatzplan am 3.12.');
    const card = textOfCard(plan[0].attachments![0].content);
    expect(card).toContain('Einsatzplan Do., 3.12.2026');
    expect(card).toContain('Tom Richter');
    expect(card).toContain('Servicewagen 1');
    expect(card).toContain('10:00–12:00');
    expect(card).toContain('Müller Bau GmbH');
    expect(card).toContain('Hauptstraße 12, 10827 Berlin');
    const mine = await chat(db, 'demo-tom', 'en-US')('my appointments on 3.12.');
    const own = textOfCard(mine[0].attachments![0].content);
    expect(own).toContain('My appointments Thu, 3 Dec 2026');
    expect(own).toContain('On-site printer maintenance');
    expect(own).not.toContain('Servicewagen 1');
    expect(textsOf(await chat(db, 'demo-sales', 'de-DE')('meine Termine morgen'))).toContain('keiner Ressource');
    expect(textsOf(await chat(db, 'demo-mueller', 'de-DE')('Einsatzplan morgen'))).toContain('Das können nur Mitarbeiter.');
    expect(textsOf(await chat(db, 'demo-accounting', 'en-US')('day plan tomorrow'))).toContain('Sales and admin see everyone’s day plan.');
    expect(textsOf(await chat(db, 'demo-tom', 'de-DE')('Tom ist am 3.12. krank'))).toBe('Abwesenheiten tragen Vertrieb und Verwaltung ein. Bitte melden Sie sich dort.');
  });

  it('a day plan with more visits than a card holds comes a page at a time, with how many follow and a button to them', async () => {
    const { db } = get();
    const booking = await db('service_bookings').where({ resource_id: 'tom-richter' }).orderBy('id').first();
    const { id: _id, ...copy } = booking;
    const count = cardListLimit('dayPlan', 'entries') + 5;
    // Visits on 10 December straight into the table: only how the plan is shown matters here.
    await db('service_bookings').insert(Array.from({ length: count }, (_, i) => ({
      ...copy, starts_at: at('2026-12-10', `${String(7 + Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`),
      ends_at: at('2026-12-10', `${String(7 + Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '55' : '25'}`),
    })));
    const first = await chat(db, 'demo-sales', 'de-DE')('Einsatzplan am 10.12.');
    const card = first[0].attachments![0].content as any;
    expect(textOfCard(card)).toContain('Einsatzplan Do., 10.12.2026 (Seite 1 von 2)');
    expect(textOfCard(card)).toContain('… und 5 weitere Termine.');
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(28 * 1024);
    const more = submitActions(card).find((a) => a.data.action === DAY_PLAN_ACTION)!;
    expect(more).toEqual({ title: 'Weitere Termine (2/2)', data: { action: DAY_PLAN_ACTION, scope: 'all', date: '2026-12-10', page: 1 } });
    expect(first[0].text).toContain('Tom Richter'); // the text still lists every visit

    const second = await chat(db, 'demo-sales', 'de-DE')(more.data);
    const page2 = second[0].attachments![0].content as any;
    expect(textOfCard(page2)).toContain('(Seite 2 von 2)');
    expect(textOfCard(page2)).not.toContain('weitere Termine');
    expect(submitActions(page2)).toHaveLength(0);
    // A customer pressing such a button sees nothing of it.
    expect(textsOf(await chat(db, 'demo-mueller', 'de-DE')(more.data))).toContain('Das können nur Mitarbeiter.');
    await db('service_bookings').where('starts_at', '>=', at('2026-12-10', '00:00')).where('starts_at', '<', at('2026-12-11', '00:00')).delete();
  });

  it('an absence entered in the chat lists the hit booking, and sales offer the customer new slots with one click', async () => {
    const { db } = get();
    const said = textsOf(await chat(db, 'demo-sales', 'de-DE')('Tom ist am 3.12. krank'));
    expect(said).toContain('Eingetragen: Tom Richter fehlt vom 03.12.2026 bis 03.12.2026 (krank).');
    expect(said).toContain(`Auftrag ${orderNumber}, Müller Bau GmbH`);
    expect(textsOf(await chat(db, 'demo-sales', 'en-US')('Tom is sick on 3.12.'))).toContain('That was already recorded');
    expect(textsOf(await chat(db, 'demo-sales', 'en-US')('Lena is on leave from 22.12. to 2.1.'))).toContain('Recorded: Lena Wolf is away from 22 Dec 2026 to 2 Jan 2027 (on leave). No appointments are affected.');
    expect(textsOf(await chat(db, 'demo-sales', 'de-DE')('Karl ist am 3.12. krank'))).toContain('Wen meinen Sie mit „karl“?');

    const offered = textsOf(await chat(db, 'demo-sales', 'de-DE')({ action: OFFER_SLOTS_ACTION, order: orderNumber, sku: 'SVC-PRINTER' }));
    expect(offered).toContain(`Dem Kunden von Auftrag ${orderNumber} sind neue Termine angeboten:`);
    const rows = await db('outbox').where({ kind: 'appointment_new_slots' });
    expect(rows).toHaveLength(1);
    const slots: string[] = JSON.parse(rows[0].payload).slots;
    expect(slots.length).toBeGreaterThan(0);
    expect(slots.every((s) => !s.startsWith('2026-12-03'))).toBe(true);
  });

  it('the technician reports the visit with a short report and its duration; asked for the duration when missing', async () => {
    const { db } = get();
    const send = chat(db, 'demo-tom', 'de-DE');
    expect(textsOf(await send(`${orderNumber} erledigt: Drucker gereinigt`))).toContain(`Wie lange hat der Einsatz zu Auftrag ${orderNumber} gedauert?`);
    expect(textsOf(await send('keine Ahnung'))).toContain('Bitte die Dauer angeben');
    expect(textsOf(await send('90 Minuten'))).toContain(`Auftrag ${orderNumber} als erledigt melden: „Drucker gereinigt“, Dauer 90 Minuten?`);
    const done = textsOf(await send('Ja, melden'));
    expect(done).toContain(`Erledigt: Auftrag ${orderNumber} (Druckerwartung vor Ort), 90 Minuten.`);
    const row = await db('service_bookings').where({ resource_id: 'tom-richter' }).first('status', 'report', 'actual_minutes');
    expect(row).toMatchObject({ status: 'done', report: 'Drucker gereinigt', actual_minutes: 90 });
    expect(textsOf(await chat(db, 'demo-tom', 'en-US')(`order ${orderNumber} done: printer cleaned, 2 hours`))).toContain(`Order ${orderNumber} had already been reported as done.`);
  });

  /** Another of Tom's on-site jobs, on its own day. */
  const book = async (db: Db, date: string) => {
    const a = await demoActors(db);
    const placed = await placeOrder(db, a.schmidt, { customerId: a.customers.schmidt, lines: [{ sku: 'SVC-SETUP', quantity: 1 }], serviceSlots: [{ sku: 'SVC-SETUP', start: at(date, '09:00') }] }, now);
    if (!placed.ok) throw new Error(JSON.stringify(placed.problems));
    return placed.order.number;
  };
  const booking = (db: Db, number: string) =>
    db('service_bookings').join('orders', 'orders.id', 'service_bookings.order_id').where('orders.number', number).first('service_bookings.status', 'report', 'actual_minutes');

  it('a bare "1004 erledigt" asks for the report and then the duration, and confirms before it counts', async () => {
    const { db } = get();
    const number = await book(db, '2026-12-07');
    const send = chat(db, 'demo-tom', 'de-DE');
    expect(textsOf(await send(`${number} erledigt`))).toContain(`Was wurde bei Auftrag ${number} gemacht?`);
    expect(textsOf(await send('2 Stunden'))).toContain('Bitte in ein paar Worten, was gemacht wurde');
    expect(textsOf(await send('Router getauscht'))).toContain(`Wie lange hat der Einsatz zu Auftrag ${number} gedauert?`);
    const question = await send('1,5 h');
    expect(textsOf(question)).toContain(`Auftrag ${number} als erledigt melden: „Router getauscht“, Dauer 90 Minuten?`);
    expect(question[0].suggestedActions?.actions.map((x) => x.title)).toEqual(['Ja, melden', 'Nein']);
    expect(textsOf(await send('vielleicht'))).toContain('Bitte mit Ja oder Nein antworten');
    expect(await booking(db, number)).toMatchObject({ status: 'booked' });
    expect(textsOf(await send('ja'))).toContain(`Erledigt: Auftrag ${number} (Arbeitsplatz-Einrichtung), 90 Minuten.`);
    expect(await booking(db, number)).toMatchObject({ status: 'done', report: 'Router getauscht', actual_minutes: 90 });
    expect(await db('order_lines').join('orders', 'orders.id', 'order_lines.order_id').where('orders.number', number).first('order_lines.status')).toEqual({ status: 'performed' });
  });

  it('in English the report may carry the duration; a no reports nothing', async () => {
    const { db } = get();
    const number = await book(db, '2026-12-08');
    const send = chat(db, 'demo-tom', 'en-US');
    expect(textsOf(await send(`${number} done`))).toContain(`What was done for order ${number}?`);
    expect(textsOf(await send('router replaced, 2 hours'))).toContain(`Report order ${number} as done: “router replaced”, duration 2 hours?`);
    expect(textsOf(await send('No'))).toContain(`All right, order ${number} has not been reported as done.`);
    expect(await booking(db, number)).toMatchObject({ status: 'booked', report: null });
    // All in one message: reported at once.
    expect(textsOf(await send(`${number} done: router replaced, 2 hours`))).toContain(`Done: order ${number} (Workstation setup), 2 hours.`);
    expect(await booking(db, number)).toMatchObject({ status: 'done', report: 'router replaced', actual_minutes: 120 });
  });

  it('only the technician booked for it, or sales and admin, may report a visit; nobody else is asked anything', async () => {
    const { db } = get();
    const number = await book(db, '2026-12-09');
    expect(textsOf(await chat(db, 'demo-lena', 'de-DE')(`${number} erledigt`))).toBe(`Zu Auftrag ${number} finde ich keinen Termin von Ihnen.`);
    expect(textsOf(await chat(db, 'demo-lena', 'de-DE')(`${number} erledigt: Router getauscht, 2 Stunden`))).toBe(`Zu Auftrag ${number} finde ich keinen Termin von Ihnen.`);
    expect(textsOf(await chat(db, 'demo-accounting', 'de-DE')(`${number} erledigt: Router getauscht, 2 Stunden`))).toBe(`Zu Auftrag ${number} finde ich keinen Termin von Ihnen.`);
    expect(textsOf(await chat(db, 'demo-schmidt', 'de-DE')(`${number} erledigt`))).toBe('Das können nur Mitarbeiter.');
    expect(await booking(db, number)).toMatchObject({ status: 'booked' });
    expect(textsOf(await chat(db, 'demo-sales', 'de-DE')(`${number} erledigt: Router getauscht, 2 Stunden`))).toContain(`Erledigt: Auftrag ${number}`);
  });

  it('"1004 erledigt" of an order without appointments stays the staff step', async () => {
    const { db } = get();
    const recognize = withStaffCommands(understandingRecognizer(db, () => now));
    expect((await recognize(`${orderNumber} erledigt`, 'de')).intent).toBe(SERVICES_INTENT);
    expect((await recognize('9999 erledigt', 'de')).intent).toBe('staff_work');
  });
});
