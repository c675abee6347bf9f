import { getOrder } from '../../data/orders';
import { placeOrder } from '../../operations/placeOrder';
import { createTestDatabase, type TestDatabase } from '../support/databases';
import { button, buttons, mueller, muellerActor, orderCount, shown, startOrder, TUESDAY_MORNING } from './orderHarness';

/** The dialog side of what the recognizer understood: dates, reorders, addresses, unknown words, natural answers. */
let t: TestDatabase;
beforeEach(async () => {
  t = await createTestDatabase('sqlite');
});
afterEach(() => t.close());

const confirmOf = { de: 'Bestellen', en: 'Place order' } as const;
const cafeActor = { personId: 2, role: 'customer' as const, customerId: 2, channel: 'directline' };

describe('dates (today is Tue 24 Nov 2026)', () => {
  it.each([
    ['de', '2 Stühle, Lieferung am 20.11.2026', 'Der Fr., 20.11.2026 liegt nicht in der Zukunft', 'Freitag', 'Fr., 27.11.2026'],
    ['en', '2 chairs, delivery on 20 November 2026', '20 Nov 2026 is not in the future', 'Friday', 'Fri, 27 Nov 2026'],
  ] as const)('a past date is said to be past and asked again, never dropped (%s)', async (locale, text, past, answer, taken) => {
    const { conversation, replies } = await startOrder(t.db, text, mueller(locale));
    expect(shown(replies)).toContain(past);
    expect(buttons(replies)).toHaveLength(0); // no summary before the date is settled
    const summary = await conversation.say(answer);
    expect(shown(summary)).toContain(taken);
    await conversation.say(button(summary, confirmOf[locale]));
    expect((await getOrder(t.db, muellerActor, '1001'))!.requestedDate).toBe('2026-11-27');
  });

  it.each([
    ['de', '2 Stühle am 20.11.', 'Der Fr., 20.11.2026 ist schon vorbei. Meinen Sie den Sa., 20.11.2027?', 'ja'],
    ['en', '2 chairs on 20 Nov', '20 Nov 2026 has already passed. Do you mean Sat, 20 Nov 2027?', 'yes'],
  ] as const)('a day of this year already past is asked back, not moved silently (%s)', async (locale, text, question, yes) => {
    const { conversation, replies } = await startOrder(t.db, text, mueller(locale));
    expect(shown(replies)).toContain(question);
    // 20 Nov 2027 is a Saturday: taken as the customer's choice, then asked for a working day.
    expect(shown(await conversation.say(yes))).toMatch(/Wochenende|weekend/);
  });

  it.each([
    ['de', '2 Stühle am 23.11.', 'Der Mo., 23.11.2026 ist schon vorbei. Meinen Sie den Di., 23.11.2027?', 'ja', 'Di., 23.11.2027'],
    ['en', '2 chairs on 23 Nov', '23 Nov 2026 has already passed. Do you mean Tue, 23 Nov 2027?', 'yes', 'Tue, 23 Nov 2027'],
  ] as const)('"yes" takes next year\'s day (%s)', async (locale, text, question, yes, taken) => {
    const { conversation, replies } = await startOrder(t.db, text, mueller(locale));
    expect(shown(replies)).toContain(question);
    expect(shown(await conversation.say(yes))).toContain(taken);
  });

  it.each([
    ['de', '60 Türschilder bis Donnerstag', /Ihr Wunschtermin Do\., 26\.11\.2026 ist leider nicht zu halten: frühestens möglich ist der \S+ \d+\.\d+\.2026/],
    ['en', '60 door signs by Thursday', /your requested date Thu, 26 Nov 2026 cannot be met: the earliest possible date is \S+ \d+ \w+ 2026/],
  ] as const)('made to order after the requested day: said with the earliest date before confirming (%s)', async (locale, text, warning) => {
    const { replies } = await startOrder(t.db, text, mueller(locale));
    expect(shown(replies)).toMatch(warning);
    expect(await orderCount(t.db)).toBe(0);
  });

  it.each([
    ['de', '2 Monitore bis Freitag', 'Alles zusammen liefern, sobald verfügbar', 'Ihr Wunschtermin Fr., 27.11.2026 ist leider nicht zu halten: frühestens möglich ist der Di., 15.12.2026.'],
    ['en', '2 monitors by Friday', 'Deliver everything together once available', 'your requested date Fri, 27 Nov 2026 cannot be met: the earliest possible date is Tue, 15 Dec 2026.'],
  ] as const)('a backorder arriving after the requested day is said plainly (%s)', async (locale, text, backorder, warning) => {
    const { conversation, replies } = await startOrder(t.db, text, mueller(locale));
    expect(shown(await conversation.say(button(replies, backorder)))).toContain(warning);
  });

  it.each([
    ['de', '2 Stühle bis Freitag'],
    ['en', '2 chairs by Friday'],
  ] as const)('no warning when the date can be met (%s)', async (locale, text) => {
    const { replies } = await startOrder(t.db, text, mueller(locale));
    expect(shown(replies)).not.toMatch(/nicht zu halten|cannot be met/);
  });
});

describe('reorder from the own earlier order', () => {
  const earlier = () => placeOrder(t.db, muellerActor, { customerId: 1, lines: [{ sku: 'PAPER-A4', quantity: 7 }, { sku: 'COFFEE-1KG', quantity: 2 }] }, new Date('2026-11-20T09:00:00Z'));

  it.each([
    ['de', 'dasselbe wie letztes Mal', 'Ich habe die Artikel aus Auftrag 1001 übernommen', '7 × Kopierpapier', '2 × Kaffeebohnen'],
    ['en', 'same as last time', 'I have taken the items of order 1001', '7 × Copy paper', '2 × Coffee beans'],
    ['de', 'nochmal wie bei Auftrag 1001', 'Ich habe die Artikel aus Auftrag 1001 übernommen', '7 × Kopierpapier', '2 × Kaffeebohnen'],
    ['en', 'same as order 1001 again please', 'I have taken the items of order 1001', '7 × Copy paper', '2 × Coffee beans'],
  ] as const)('(%s) "%s" builds the draft at today\'s prices', async (locale, text, taken, paper, coffee) => {
    expect((await earlier()).ok).toBe(true);
    await t.db('products').where({ sku: 'PAPER-A4' }).update({ price_cents: 520 });
    const { conversation, replies } = await startOrder(t.db, text, mueller(locale));
    const summary = shown(replies);
    expect(summary).toContain(taken);
    expect(summary).toContain(paper);
    expect(summary).toContain(coffee);
    expect(summary).toMatch(/36,40 €|€36\.40/); // 7 × 5,20 € now, not 7 × 4,90 €
    await conversation.say(button(replies, confirmOf[locale]));
    const order = (await getOrder(t.db, muellerActor, '1002'))!;
    expect(order.lines.map((l) => [l.sku, l.quantity, l.unitPriceCents])).toEqual([['PAPER-A4', 7, 520], ['COFFEE-1KG', 2, 1890]]);
  });

  it.each([
    ['de', 'nochmal wie bei Auftrag 1001', 'Einen Auftrag 1001 finde ich in Ihrem Konto nicht.', 'Was möchten Sie bestellen?'],
    ['en', 'same as order 1001 again please', 'I cannot find an order 1001 in your account.', 'What would you like to order?'],
  ] as const)("another customer's order is not found (%s)", async (locale, text, notFound, askWhat) => {
    expect((await placeOrder(t.db, cafeActor, { customerId: 2, lines: [{ sku: 'DESK-160', quantity: 1 }] }, new Date('2026-11-20T09:00:00Z'))).ok).toBe(true);
    const { replies } = await startOrder(t.db, text, mueller(locale));
    expect(shown(replies)).toContain(notFound);
    expect(shown(replies)).toContain(askWhat);
    expect(shown(replies)).not.toMatch(/× (Schreibtisch|Standing desk)/);
  });

  it.each([
    ['de', 'dasselbe wie letztes Mal', 'Ich finde noch keinen früheren Auftrag in Ihrem Konto.'],
    ['en', 'same as last time', 'I cannot find an earlier order in your account yet.'],
  ] as const)('without an earlier order (%s)', async (locale, text, none) => {
    const { replies } = await startOrder(t.db, text, mueller(locale));
    expect(shown(replies)).toContain(none);
  });

  it('sales repeat a customer\'s order by number, for that customer', async () => {
    expect((await earlier()).ok).toBe(true);
    const { replies } = await startOrder(t.db, 'nochmal wie bei Auftrag 1001', { user: 'demo-sales', locale: 'de' });
    expect(shown(replies)).toContain('Bestellung für Müller Bau GmbH');
    expect(shown(replies)).toContain('7 × Kopierpapier');
  });
});

describe('an address in the order message', () => {
  it.each([
    ['de', '2 Stühle, Lieferung an Baustraße 5, 12345 Berlin', 'Müller Bau GmbH, Baustraße 5, 12345 Berlin'],
    ['en', '2 chairs, deliver to Baustraße 5, 12345 Berlin', 'Müller Bau GmbH, Baustraße 5, 12345 Berlin'],
  ] as const)('becomes the delivery address on the summary (%s)', async (locale, text, address) => {
    const { conversation, replies } = await startOrder(t.db, text, mueller(locale));
    expect(shown(replies)).toContain(address);
    expect(shown(replies)).not.toContain('Hauptstraße 12');
    await conversation.say(button(replies, confirmOf[locale]));
    expect((await getOrder(t.db, muellerActor, '1001'))!.deliveryAddress).toMatchObject({ street: 'Baustraße 5', postcode: '12345', city: 'Berlin' });
  });
});

describe('unknown products', () => {
  it.each([
    ['de', '5 USB-Sticks und 2 Stühle', /„USB-Sticks“ führen wir leider nicht/, '2 × Bürostuhl Ergo Pro'],
    ['en', '5 usb sticks and 2 chairs', /we do not carry “usb[^”]*”/i, '2 × Ergo Pro office chair'],
  ] as const)('are named back and the rest of the message is kept (%s)', async (locale, text, named, kept) => {
    const { conversation, replies } = await startOrder(t.db, text, mueller(locale));
    expect(shown(replies)).toMatch(named);
    let answer = replies;
    for (let i = 0; i < 3 && buttons(answer).some((b) => b.data.action === 'order.product'); i++) {
      answer = await conversation.say(button(answer, /Nichts davon|None of these/));
    }
    expect(shown(answer)).toContain(kept);
  });

  it.each([
    ['de', 'Sehr geehrte Damen und Herren, ', 'bitte 2 Stühle', 'Nichts davon', '2 × Bürostuhl Ergo Pro'],
    ['en', 'Dear team, ', 'please 2 chairs', 'None of these', '2 × Ergo Pro office chair'],
  ] as const)('a 5,000-character message asks about at most three unknown words, then goes on (%s)', async (locale, opening, request, none, kept) => {
    const filler = locale === 'de'
      ? 'wir renovieren gerade unsere Räume, die Zimmer, Flure, Teeküchen, Besprechungsräume und Lagerflächen im Altbau. '
      : 'we are renovating our rooms, corridors, kitchenettes, meeting rooms and storage areas in the old building. ';
    let text: string = opening;
    while (text.length < 4_900) text += filler;
    text = `${text}${request}`.slice(0, 5_000);
    const { conversation, replies } = await startOrder(t.db, text, mueller(locale));
    let answer = replies;
    let questions = 0;
    while (buttons(answer).some((b) => b.data.action === 'order.product')) {
      questions++;
      expect(questions).toBeLessThanOrEqual(3);
      answer = await conversation.say(button(answer, none));
    }
    expect(shown(answer)).toContain(kept);
  });
});

describe('natural answers to the bot\'s own questions', () => {
  it.each([
    ['de', '2 Toner', 'die farbigen', '2 × Toner-Farbset C/M/Y'],
    ['en', '2 toner', 'the black one', '2 × Black toner cartridge'],
    ['en', '2 toner', 'die schwarzen', '2 × Black toner cartridge'],
    ['de', '2 Toner', 'the colour one', '2 × Toner-Farbset C/M/Y'],
  ] as const)('(%s) "%s" answered "%s"', async (locale, text, answer, line) => {
    const { conversation, replies } = await startOrder(t.db, text, mueller(locale));
    expect(shown(replies)).toMatch(/Welchen|Which/);
    expect(shown(await conversation.say(answer))).toContain(line);
  });
});

it('the harness clock is the Tuesday the dates above assume', () => {
  expect(TUESDAY_MORNING.toISOString()).toBe('2026-11-24T09:00:00.000Z');
});

describe('"no" to next year\'s day', () => {
  it.each([
    ['de', '2 Stühle am 23.11.', 'nein', 'Welcher Tag soll es dann sein?', 'Freitag', 'Fr., 27.11.2026'],
    ['en', '2 chairs on 23 Nov', 'no', 'Which day should it be then?', 'Friday', 'Fri, 27 Nov 2026'],
  ] as const)('asks for the day instead of dropping the wish (%s)', async (locale, text, no, askDay, day, taken) => {
    const { conversation } = await startOrder(t.db, text, mueller(locale));
    expect(shown(await conversation.say(no))).toContain(askDay);
    expect(shown(await conversation.say(day))).toContain(taken);
  });
});

describe('an answer in the other language', () => {
  it.each([
    ['en', 'copy paper', 'fünf', '5 × Copy paper'],
    ['de', 'Kopierpapier', 'five', '5 × Kopierpapier'],
  ] as const)('a quantity (%s session, "%s" answered "%s")', async (locale, text, answer, line) => {
    const { conversation } = await startOrder(t.db, text, mueller(locale));
    expect(shown(await conversation.say(answer))).toContain(line);
  });

  it.each([
    ['en', '2 chairs', 'ja', 'Your order 1001 is confirmed.'],
    ['de', '2 Stühle', 'yes', 'Ihre Bestellung 1001 ist bestätigt.'],
  ] as const)('a yes at the summary (%s session, "%s")', async (locale, text, yes, placed) => {
    const { conversation } = await startOrder(t.db, text, mueller(locale));
    expect(shown(await conversation.say(yes))).toContain(placed);
  });
});

describe('"really cancel?" answered in the other language', () => {
  it.each([
    ['en', '2 chairs', 'cancel', 'nein', 'Good, let us continue.', '2 × Ergo Pro office chair'],
    ['de', '2 Stühle', 'abbrechen', 'no', 'Gut, dann machen wir weiter.', '2 × Bürostuhl Ergo Pro'],
  ] as const)('(%s session, "%s")', async (locale, text, cancel, no, goOn, line) => {
    const { conversation } = await startOrder(t.db, text, mueller(locale));
    await conversation.say(cancel);
    const back = shown(await conversation.say(no));
    expect(back).toContain(goOn);
    expect(back).toContain(line);
    expect(await orderCount(t.db)).toBe(0);
  });
});
