import { getOrder } from '../../data/orders';
import { berlinTimeOf } from '../../domain/calendar';
import { createTestDatabase, type TestDatabase } from '../support/databases';
import { button, buttons, mueller, muellerActor, shown, startOrder, TUESDAY_MORNING } from '../dialogs/orderHarness';
import { placeOrder } from '../../operations';
import { demoActors } from '../orders/actors';

/** Booking services by length and time through the order conversation (now: Tuesday 24 Nov 2026, 10:00 Berlin). */
let t: TestDatabase;
beforeEach(async () => {
  t = await createTestDatabase('sqlite');
});
afterEach(() => t.close());

const times = (replies: Parameters<typeof buttons>[0]) => buttons(replies).map((b) => berlinTimeOf(new Date(String(b.data.start))));

describe('services sold by the hour, at a wished time', () => {
  it.each([
    ['de', 'Ich brauche IT-Beratung für 2 Stunden am Donnerstag um 14 Uhr', 'Bestellen', '2 × IT-Beratung', '285,60'],
    ['en', 'I need IT consulting for 2 hours on Thursday at 2pm', 'Place order', '2 × IT consulting', '285.60'],
  ] as const)('%s: two hours are booked and priced, the slots start at the wished time', async (locale, text, confirm, line, gross) => {
    const details = locale === 'de'
      ? /Termin IT-Beratung: Do\., 26\.11\., 14:00, 2 Stunden, bei uns: Bürowerk GmbH, .+, Lena Wolf\./
      : /Appointment IT consulting: Thu 26 Nov, 14:00, 2 hours, at our office: Bürowerk GmbH, .+, Lena Wolf\./;
    const { conversation, replies } = await startOrder(t.db, text, mueller(locale));
    const offered = buttons(replies).map((b) => String(b.data.start));
    expect(offered[0].startsWith('2026-11-26T13:00')).toBe(true); // 14:00 Berlin
    const summary = await conversation.say(buttons(replies)[0].data);
    expect(shown(summary)).toContain(line);
    expect(shown(summary)).toContain(gross);
    const done = await conversation.say(button(summary, confirm));
    expect(shown(done)).toMatch(details);
    const order = (await getOrder(t.db, muellerActor, '1001'))!;
    expect(order.lines.map((l) => [l.sku, l.quantity])).toEqual([['SVC-CONSULT', 2]]);
    expect(order.serviceBookings[0]).toMatchObject({ start: '2026-11-26T13:00:00.000Z', end: '2026-11-26T15:00:00.000Z' });
  });

  it('"make that 2 hours" changes the booked length before the slots are chosen', async () => {
    const { conversation, replies } = await startOrder(t.db, 'I need IT consulting on Thursday afternoon', mueller('en'));
    expect(times(replies).length).toBeGreaterThan(0);
    const again = await conversation.say('make that 2 hours');
    const slots = buttons(again).map((b) => b.data);
    expect(slots.length).toBeGreaterThan(0);
    const summary = await conversation.say(slots[slots.length - 1]);
    expect(shown(summary)).toContain('2 × IT consulting');
  });

  it.each([
    ['en', 'I need IT consulting on Thursday afternoon', 'make that 2 hours', 'Place order', 'Sorry, Thu 26 Nov, 12:00 is not free for 2 hours. Let me find times that fit.'],
    ['de', 'IT-Beratung am Donnerstag nachmittag', 'lieber 2 Stunden', 'Bestellen', 'Für 2 Stunden ist Do., 26.11., 12:00 leider nicht frei. Ich suche Zeiten, die passen.'],
  ] as const)('%s: a longer length after the time was chosen keeps the time where it fits, else says so and offers times near it', async (locale, first, change, confirm, tooShort) => {
    const a = await demoActors(t.db);
    const taken = await placeOrder(t.db, a.cafe, { customerId: a.customers.cafe, lines: [{ sku: 'SVC-CONSULT', quantity: 1 }], serviceSlots: [{ sku: 'SVC-CONSULT', start: '2026-11-26T12:00:00.000Z' }] }, TUESDAY_MORNING);
    expect(taken.ok).toBe(true); // Lena is busy 13:00–14:00 on Thursday
    const { conversation, replies } = await startOrder(t.db, first, mueller(locale));
    expect(times(replies)[0]).toBe('12:00');
    await conversation.say(buttons(replies)[0].data);
    const again = await conversation.say(change);
    expect(shown(again)).toContain(tooShort);
    expect(times(again).slice(0, 2)).toEqual(['11:00', '10:30']); // the nearest two hours that fit on that day
    const summary = await conversation.say(buttons(again)[0].data);
    expect(shown(summary)).toContain(locale === 'de' ? '2 × IT-Beratung' : '2 × IT consulting');
    await conversation.say(button(summary, confirm));
    const order = (await getOrder(t.db, muellerActor, '1002'))!;
    expect(order.serviceBookings[0]).toMatchObject({ start: '2026-11-26T10:00:00.000Z', end: '2026-11-26T12:00:00.000Z', status: 'booked' });

    // Where the longer appointment still fits, the chosen time stays: "make that 3 hours" on Friday at 09:00.
    const second = await startOrder(t.db, locale === 'de' ? 'IT-Beratung am Freitag um 9 Uhr' : 'IT consulting on Friday at 9am', mueller(locale));
    await second.conversation.say(buttons(second.replies)[0].data);
    const longer = await second.conversation.say(locale === 'de' ? 'lieber 3 Stunden' : 'make that 3 hours');
    expect(shown(longer)).toContain(locale === 'de' ? '3 × IT-Beratung' : '3 × IT consulting');
    expect(buttons(longer).some((b) => b.data.start)).toBe(false);
    await second.conversation.say(button(longer, confirm));
    expect((await getOrder(t.db, muellerActor, '1003'))!.serviceBookings[0]).toMatchObject({ start: '2026-11-27T08:00:00.000Z', end: '2026-11-27T11:00:00.000Z' });
  });

  it.each([
    ['de', 'IT-Beratung Donnerstag gegen halb drei', '14:30'],
    ['en', 'IT consulting on Thursday around 3pm', '15:00'],
    ['de', 'IT-Beratung am Donnerstag früh morgens', '08:00'],
  ] as const)('%s "%s": the nearest slots to %s come first', async (locale, text, time) => {
    const { replies } = await startOrder(t.db, text, mueller(locale));
    expect(times(replies)[0]).toBe(time);
  });

  it.each([
    ['de', 'Arbeitsplatz-Einrichtung am Samstag', /Sa\., 28\.11\.2026 ist kein Arbeitstag\. Die nächsten Arbeitstage sind Fr\., 27\.11\.2026 und Mo\., 30\.11\.2026\./],
    ['en', 'workstation setup on Saturday', /Sat, 28 Nov 2026 is not a working day\. The nearest working days are Fri, 27 Nov 2026 and Mon, 30 Nov 2026\./],
  ] as const)('%s: a Saturday is said to be no working day, with the nearest working days offered', async (locale, text, answer) => {
    const { replies } = await startOrder(t.db, text, mueller(locale));
    expect(shown(replies)).toMatch(answer);
    const days = buttons(replies).map((b) => String(b.data.start).slice(0, 10));
    expect(days[0]).toBe('2026-11-27');
  });
});
