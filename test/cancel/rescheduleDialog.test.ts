import type { Db } from '../../data/db';
import { getOrder } from '../../data/orders';
import { demoActors } from '../orders/actors';
import { buttons } from '../dialogs/orderHarness';
import { createTestDatabase, type TestDatabase } from '../support/databases';
import { cardOf, moveTo, textOfCard, textsOf } from '../staff/helpers';
import { bookService, chat, freeStart, tuesday } from './harness';

const berlinHour = (iso: string) => Number(new Intl.DateTimeFormat('en-GB', { hour: '2-digit', hourCycle: 'h23', timeZone: 'Europe/Berlin' }).format(new Date(iso)));
const berlinDay = (iso: string) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Berlin' }).format(new Date(iso));

describe('moving an appointment in the chat', () => {
  let database: TestDatabase;
  let db: Db;
  let a: Awaited<ReturnType<typeof demoActors>>;
  beforeEach(async () => {
    database = await createTestDatabase('sqlite');
    db = database.db;
    a = await demoActors(db);
  });
  afterEach(async () => {
    await database.close();
  });

  it('"Termin auf Donnerstag verschieben": offers Thursday\'s free times as buttons and moves the booking, in German', async () => {
    const order = await bookService(db, a.mueller, a.customers.mueller, 'SVC-PRINTER', await freeStart(db, 'SVC-PRINTER', '2026-03-04'));
    const { say } = chat(db, 'demo-mueller', 'de-DE');

    const offer = await say('Termin auf Donnerstag verschieben');
    const card = cardOf(offer);
    expect(textOfCard(card)).toContain('Ihr Termin „Druckerwartung');
    const slots = buttons(offer);
    expect(slots.length).toBeGreaterThan(0);
    expect(slots.every((s) => s.data.action === 'reschedule.slot' && s.data.order === order.number)).toBe(true);
    expect(berlinDay(String(slots[0].data.start))).toBe('2026-03-05');
    expect(slots[0].title).toMatch(/^Do\., 5\.3\., 08:00$/);

    const done = await say(slots[1].data);
    expect(textsOf(done)).toMatch(new RegExp(`^Erledigt: Der Termin zu Auftrag ${order.number} ist jetzt am 05\\.03\\.2026, 08:30\\. Dauer 2 Stunden, Ort: Müller Bau GmbH, Hauptstraße 12, 10827 Berlin, es kommt: Tom Richter\\. \\[Termin in den Kalender \\(\\.ics\\)\\]\\(/calendar/[\\w.-]+\\.ics\\)$`));
    const view = (await getOrder(db, a.mueller, order.number))!;
    expect(view.serviceBookings).toEqual([expect.objectContaining({ start: slots[1].data.start, status: 'booked' })]);
    expect(view.history[view.history.length - 1].details).toMatchObject({ event: 'booking_rescheduled', to: { start: slots[1].data.start } });
    expect(await db('outbox').where({ kind: 'booking_rescheduled', person_id: a.mueller.personId })).toHaveLength(1);
  });

  it('a time taken meanwhile is said so and fresh times are offered, in English', async () => {
    const order = await bookService(db, a.cafe, a.customers.cafe, 'SVC-PRINTER', await freeStart(db, 'SVC-PRINTER', '2026-03-04'));
    const { say } = chat(db, 'demo-cafe', 'en-US');

    const offer = await say('move my printer maintenance to next Tuesday morning');
    const slots = buttons(offer);
    expect(slots.length).toBeGreaterThan(1);
    expect(slots.every((s) => berlinDay(String(s.data.start)) === '2026-03-10' && berlinHour(String(s.data.start)) < 12)).toBe(true);
    expect(textOfCard(cardOf(offer))).toContain('Your appointment “On-site printer maintenance” is currently on 4 Mar 2026, 08:00');

    // Someone else books the first offered time before the customer clicks.
    const wanted = String(slots[0].data.start);
    await bookService(db, a.mueller, a.customers.mueller, 'SVC-PRINTER', wanted);
    const again = await say(slots[0].data);
    expect(textOfCard(cardOf(again))).toContain('that time has just been taken');
    const fresh = buttons(again);
    expect(fresh.length).toBeGreaterThan(0);
    expect(fresh.map((s) => s.data.start)).not.toContain(wanted);

    expect(textsOf(await say(fresh[0].data))).toMatch(new RegExp(`^Done: the appointment for order ${order.number} is now on `));
    expect((await getOrder(db, a.cafe, order.number))!.serviceBookings[0].start).toBe(fresh[0].data.start);
  });

  it('another day typed instead of a click looks there; anything else keeps the appointment', async () => {
    const start = await freeStart(db, 'SVC-CONSULT', '2026-03-04');
    const order = await bookService(db, a.mueller, a.customers.mueller, 'SVC-CONSULT', start);
    const { say } = chat(db, 'demo-mueller', 'de-DE');
    expect(buttons(await say(`Termin von Auftrag ${order.number} verschieben`)).length).toBeGreaterThan(0);
    const friday = buttons(await say('lieber Freitag nachmittag'));
    expect(friday.every((s) => berlinDay(String(s.data.start)) === '2026-03-06' && berlinHour(String(s.data.start)) >= 12)).toBe(true);
    expect(textsOf(await say('ach, lassen wir es so'))).toMatch(/^In Ordnung, der Termin bleibt am 04\.03\.2026, 08:00\.$/);
    expect((await getOrder(db, a.mueller, order.number))!.serviceBookings[0].start).toBe(start);
  });

  it('a slot button clicked after the conversation ended still moves the booking, once', async () => {
    const order = await bookService(db, a.mueller, a.customers.mueller, 'SVC-PRINTER', await freeStart(db, 'SVC-PRINTER', '2026-03-04'));
    const target = await freeStart(db, 'SVC-PRINTER', '2026-03-12');
    const click = { action: 'reschedule.slot', order: order.number, sku: 'SVC-PRINTER', start: target };
    const fresh = chat(db, 'demo-mueller', 'en-US');
    expect(textsOf(await fresh.say(click))).toMatch(/^Done: the appointment for order \d+ is now on 12 Mar 2026/);
    expect(textsOf(await fresh.say(click))).toMatch(/^Done:/);
    expect(await db('outbox').where({ kind: 'booking_rescheduled' })).toHaveLength(1);
    // Another customer's click on the same data gets the unknown-order answer.
    expect(textsOf(await chat(db, 'demo-cafe', 'en-US').say(click))).toBe(
      `I cannot find an order with the number ${order.number} in your account. Please check the number.`,
    );
  });

  it('refuses politely once the work has started, and says when there is nothing to move', async () => {
    const order = await bookService(db, a.mueller, a.customers.mueller, 'SVC-SETUP', await freeStart(db, 'SVC-SETUP', '2026-03-04'));
    const { say } = chat(db, 'demo-cafe', 'en-US');
    expect(textsOf(await say('reschedule my appointment to Friday'))).toBe('You have no upcoming appointments that can still be moved.');
    await moveTo(db, a.sales, order.number, ['in_preparation', 'in_execution']);
    const de = chat(db, 'demo-mueller', 'de-DE', { now: tuesday });
    expect(textsOf(await de.say(`Termin von Auftrag ${order.number} verschieben`))).toBe(
      `Der Termin zu Auftrag ${order.number} lässt sich leider nicht mehr verschieben – der Auftrag hat bereits den Status „In Ausführung“.`,
    );
  });
});
