import { getOrder } from '../../data/orders';
import { createTestDatabase, type TestDatabase } from '../support/databases';
import { button, buttons, mueller, muellerActor, orderCount, shown, startOrder } from './orderHarness';

/** The complete flows and every clarification path, on a fresh seeded SQLite database per test. */
let t: TestDatabase;
beforeEach(async () => {
  t = await createTestDatabase('sqlite');
});
afterEach(() => t.close());


describe('a complete message plus Confirm is two turns', () => {
  it('de', async () => {
    const { conversation, replies } = await startOrder(t.db, 'Hallo, wir brauchen 10 Pakete Kopierpapier und zwei schwarze Toner bis Freitag', mueller('de'));
    expect(replies).toHaveLength(1);
    const summary = shown(replies);
    expect(summary).toContain('10 × Kopierpapier A4, 80 g, 500 Blatt');
    expect(summary).toContain('2 × Toner schwarz');
    expect(summary).toMatch(/Netto 19 %\n227,00 €\nMwSt\. 19 %\n43,13 €\nGesamt brutto\n270,13 €/);
    expect(summary).toContain('Müller Bau GmbH, Hauptstraße 12, 10827 Berlin');
    expect(summary).toContain('Fr., 27.11.2026');

    const done = await conversation.say(button(replies, 'Bestellen'));
    expect(shown(done)).toContain('Ihre Bestellung 1001 ist bestätigt.');
    expect(conversation.client.dialogTurnResult.result).toEqual({ outcome: 'placed', orderNumber: '1001' });
    const order = (await getOrder(t.db, muellerActor, '1001'))!;
    expect(order.lines.map((l) => [l.sku, l.quantity])).toEqual([['PAPER-A4', 10], ['TONER-BK', 2]]);
    expect(order.requestedDate).toBe('2026-11-27');
    expect(order.totals.grossCents).toBe(27013);
  });

  it('en', async () => {
    const { conversation, replies } = await startOrder(t.db, 'three reams of paper, actually make that five', mueller('en'));
    expect(replies).toHaveLength(1);
    const summary = shown(replies);
    expect(summary).toContain('5 × Copy paper A4, 80 gsm, ream of 500');
    expect(summary).toMatch(/Net 19%\n€24\.50\nVAT 19%\n€4\.66\nTotal incl\. VAT\n€29\.16/);
    expect(summary).toContain('as soon as possible');
    const done = await conversation.say(button(replies, 'Place order'));
    expect(shown(done)).toContain('Your order 1001 is confirmed.');
    expect(await orderCount(t.db)).toBe(1);
  });

  it('an answer that does not fit shows the same summary card again with the request to decide', async () => {
    const { conversation, replies } = await startOrder(t.db, '2 Stühle', mueller('de'));
    const again = await conversation.say('hmm');
    expect(again).toHaveLength(1);
    expect(again[0].text).toBe('Bitte bestätigen, ändern oder abbrechen Sie die Bestellung – oder schreiben Sie, was anders sein soll.');
    expect(again[0].attachments).toEqual(replies[0].attachments);
    expect(shown(await conversation.say(button(again, 'Bestellen')))).toContain('Ihre Bestellung 1001 ist bestätigt.');
  });

  it('typing "ja" at the summary confirms as well', async () => {
    const { conversation } = await startOrder(t.db, '2 Stühle', mueller('de'));
    expect(shown(await conversation.say('ja'))).toContain('Ihre Bestellung 1001 ist bestätigt.');
  });

  it('an order over the credit limit is placed and the customer told politely that it is being checked', async () => {
    const { conversation, replies } = await startOrder(t.db, '3 Stühle', { user: 'demo-cafe', locale: 'de' });
    const done = shown(await conversation.say(button(replies, 'Bestellen')));
    expect(done).toContain('Ihre Bestellung 1001 ist eingegangen. Wir schauen sie uns noch kurz genauer an');
    expect(done).toContain('Angehalten');
  });
});

describe('clarifications', () => {
  it.each([
    ['de', '2 Toner', 'Welchen „Toner“ meinen Sie?', '2 × Toner schwarz'],
    ['en', '2 toner', 'Which “toner” do you mean?', '2 × Black toner cartridge'],
  ] as const)('ambiguous product (%s): the best matches as buttons', async (locale, text, question, line) => {
    const { conversation, replies } = await startOrder(t.db, text, mueller(locale));
    expect(shown(replies)).toContain(question);
    expect(buttons(replies).map((b) => b.data.sku)).toEqual(['TONER-BK', 'TONER-COLOR']);
    const summary = await conversation.say(button(replies, /^(Toner schwarz|Black toner)/));
    expect(shown(summary)).toContain(line);
  });

  it('ambiguous product answered by typing the exact one', async () => {
    const { conversation } = await startOrder(t.db, '2 Toner', mueller('de'));
    expect(shown(await conversation.say('den schwarzen Toner'))).toContain('2 × Toner schwarz');
  });

  it.each([
    ['de', '5 Flummis und 2 Stühle', '„Flummis“ führen wir leider nicht', 'Nichts davon', '2 × Bürostuhl Ergo Pro'],
    ['en', '5 bouncy balls and 2 chairs', 'Sorry, we do not carry', 'None of these', '2 × Ergo Pro office chair'],
  ] as const)('unknown product (%s): closest matches offered, "none of these" drops it', async (locale, text, question, none, line) => {
    const { conversation, replies } = await startOrder(t.db, text, mueller(locale));
    expect(shown(replies)).toContain(question);
    expect(buttons(replies).length).toBeGreaterThanOrEqual(2);
    const summary = shown(await conversation.say(button(replies, none)));
    expect(summary).toContain(line);
    expect(summary).not.toMatch(/Flummi|bouncy/);
  });

  it.each([
    ['de', 'Kopierpapier bitte', 'Wie viele Pakete Kopierpapier', 'fünf', '5 × Kopierpapier'],
    ['en', 'I need copy paper', 'How many reams of Copy paper', 'a dozen', '12 × Copy paper'],
  ] as const)('missing quantity (%s): asked, number words accepted', async (locale, text, question, answer, line) => {
    const { conversation, replies } = await startOrder(t.db, text, mueller(locale));
    expect(shown(replies)).toContain(question);
    const retry = await conversation.say('hmm');
    expect(shown(retry)).toMatch(/zwischen 1 und 10\.000|between 1 and 10,000/);
    expect(shown(await conversation.say(answer))).toContain(line);
  });

  it.each([
    ['de', 'backorder', 'Alles zusammen liefern, sobald verfügbar', 'Lieferung ab Di., 15.12.2026'],
    ['de', 'partial', 'Verfügbares jetzt, Rest später', 'Lieferung ab Di., 15.12.2026'],
    ['en', 'backorder', 'Deliver everything together once available', 'delivery from Tue, 15 Dec 2026'],
  ] as const)('out of stock (%s, %s): told at once, the choice is recorded on the order', async (locale, choice, title, note) => {
    const text = locale === 'de' ? '2 Monitore und 5 Pakete Papier' : '2 monitors and 5 reams of paper';
    const { conversation, replies } = await startOrder(t.db, text, mueller(locale));
    expect(shown(replies)).toMatch(locale === 'de' ? /Monitor 27 Zoll ist leider gerade nicht auf Lager\. Neue Ware erwarten wir am Di\., 15\.12\.2026\./ : /27-inch monitor is out of stock right now\. We expect new stock on Tue, 15 Dec 2026\./);
    const summary = await conversation.say(button(replies, title));
    expect(shown(summary)).toContain(note);
    await conversation.say(button(summary, locale === 'de' ? 'Bestellen' : 'Place order'));
    expect((await getOrder(t.db, muellerActor, '1001'))!.backorderChoice).toBe(choice);
  });

  it('short stock with a partial delivery: what is there ships now', async () => {
    const { conversation, replies } = await startOrder(t.db, '15 Stühle', mueller('de'));
    expect(shown(replies)).toContain('Von Bürostuhl Ergo Pro sind leider nur 12 Stück sofort lieferbar (Sie möchten 15).');
    const summary = await conversation.say(button(replies, 'Verfügbares jetzt, Rest später'));
    expect(shown(summary)).toContain('jetzt 12, Rest folgt');
  });

  it('nothing in stock and nothing else ordered: no partial delivery offered', async () => {
    const { replies } = await startOrder(t.db, '2 monitors', mueller('en'));
    expect(buttons(replies).map((b) => b.data.choice)).toEqual(['backorder', 'remove']);
  });

  it('out of stock: removing the line', async () => {
    const { conversation, replies } = await startOrder(t.db, '2 Monitore und 5 Pakete Papier', mueller('de'));
    const summary = shown(await conversation.say(button(replies, 'Artikel entfernen')));
    expect(summary).not.toContain('Monitor');
    expect(summary).toContain('5 × Kopierpapier');
  });

  it.each([
    ['de', '2 Türschilder', 'Türschild, graviert wird für Sie angefertigt; fertig ist es frühestens am'],
    ['en', '2 door signs', 'Engraved door sign is made for you; it will be ready on'],
  ] as const)('made to order (%s): the earliest completion date is told', async (locale, text, told) => {
    const { replies } = await startOrder(t.db, text, mueller(locale));
    expect(replies).toHaveLength(2);
    expect(shown(replies)).toContain(told);
    expect(shown(replies)).toMatch(/fertig ab|ready from/);
  });

  it.each([
    ['de', 'Druckerwartung nächsten Dienstag vormittag', 'Einsatzort'],
    ['en', 'printer maintenance next Tuesday morning', 'Service address'],
  ] as const)('service (%s): free slots as buttons, the booking is placed with the order', async (locale, text, addressLabel) => {
    const { conversation, replies } = await startOrder(t.db, text, mueller(locale));
    const slots = buttons(replies).map((b) => String(b.data.start));
    expect(slots.length).toBeGreaterThan(0);
    // Tuesday 1 December, before noon in Berlin (UTC+1)
    expect(slots.every((s) => s.startsWith('2026-12-01T') && s < '2026-12-01T11:00')).toBe(true);
    const summary = await conversation.say(buttons(replies)[0].data);
    expect(shown(summary)).toContain(addressLabel);
    await conversation.say(button(summary, locale === 'de' ? 'Bestellen' : 'Place order'));
    const order = (await getOrder(t.db, muellerActor, '1001'))!;
    expect(order.serviceBookings.map((b) => b.start)).toContain(slots[0]);
  });

  it('service: another day asked for instead of the offered slots', async () => {
    const { conversation } = await startOrder(t.db, 'Druckerwartung nächsten Dienstag vormittag', mueller('de'));
    const again = await conversation.say('lieber Donnerstag nachmittag');
    const slots = buttons(again).map((b) => String(b.data.start));
    expect(slots.length).toBeGreaterThan(0);
    expect(slots.every((s) => s.startsWith('2026-11-26T') && s >= '2026-11-26T11:00')).toBe(true);
  });

  it.each([
    ['de', 'Lieferung bitte an Gartenweg 5, 10115 Berlin'],
    ['en', 'please deliver to Gartenweg 5, 10115 Berlin'],
  ] as const)('address change at the summary (%s)', async (locale, text) => {
    const { conversation } = await startOrder(t.db, locale === 'de' ? '2 Stühle' : '2 chairs', mueller(locale));
    const summary = await conversation.say(text);
    expect(shown(summary)).toContain('Müller Bau GmbH, Gartenweg 5, 10115 Berlin');
    await conversation.say(button(summary, locale === 'de' ? 'Bestellen' : 'Place order'));
    expect((await getOrder(t.db, muellerActor, '1001'))!.deliveryAddress).toMatchObject({ street: 'Gartenweg 5', postcode: '10115', city: 'Berlin' });
  });

  it.each([
    ['de', 'andere Lieferadresse: Gartenweg 5', 'Da fehlt mir noch etwas: fünfstellige Postleitzahl, Ort.'],
    ['en', 'deliver to Gartenweg 5 instead', 'Something is missing: five-digit postcode, city.'],
  ] as const)('incomplete address is asked back (%s)', async (locale, text, question) => {
    const { conversation, replies } = await startOrder(t.db, locale === 'de' ? '2 Stühle' : '2 chairs', mueller(locale));
    const change = await conversation.say(button(replies, locale === 'de' ? 'Ändern' : 'Change'));
    expect(shown(change)).toMatch(/Was möchten Sie ändern|What would you like to change/);
    expect(shown(await conversation.say(text))).toContain(question);
    expect(shown(await conversation.say('10115 Berlin'))).toContain('Gartenweg 5, 10115 Berlin');
  });

  it.each([
    ['de', '2 Stühle', 'Da fehlt mir noch etwas: Straße und Hausnummer. Bitte schreiben Sie die Adresse so: Straße Nr, PLZ Ort.', 'Bestellen'],
    ['en', '2 chairs', 'Something is missing: street and number. Please write the address like this: street no., postcode city.', 'Place order'],
  ] as const)("a customer's own address without a street is asked for before the summary (%s)", async (locale, text, question, confirm) => {
    await t.db('customers').where({ number: '10001' }).update({ street: '' });
    const { conversation, replies } = await startOrder(t.db, text, mueller(locale));
    expect(replies).toHaveLength(1);
    expect(shown(replies)).toBe(question);
    const summary = await conversation.say('Gartenweg 5, 10115 Berlin');
    expect(shown(summary)).toContain('Müller Bau GmbH, Gartenweg 5, 10115 Berlin');
    await conversation.say(button(summary, confirm));
    expect((await getOrder(t.db, muellerActor, '1001'))!.deliveryAddress).toMatchObject({ street: 'Gartenweg 5', postcode: '10115', city: 'Berlin' });
  });

  it.each([
    ['de', '3 Stühle am Samstag', 'Am Sa., 28.11.2026 liefern wir nicht', 'Montag', 'Mo., 30.11.2026'],
    ['de', '3 Stühle heute', 'Der Di., 24.11.2026 liegt nicht in der Zukunft', 'egal', 'so bald wie möglich'],
    ['en', '3 chairs on Saturday', 'We do not deliver on Sat, 28 Nov 2026', 'Monday', 'Mon, 30 Nov 2026'],
    ['en', '3 chairs today', 'is not in the future', 'any', 'as soon as possible'],
  ] as const)('a past or weekend date is asked back (%s: %s)', async (locale, text, question, answer, shownDate) => {
    const { conversation, replies } = await startOrder(t.db, text, mueller(locale));
    expect(shown(replies)).toContain(question);
    expect(shown(await conversation.say(answer))).toContain(shownDate);
  });

  it.each([['de', 'Ich möchte bestellen', 'Übernehmen', 'Bestellen'], ['en', 'I would like to order something', 'Add to order', 'Place order']] as const)(
    'catalog card (%s): submitted quantities land in the same draft and summary',
    async (locale, text, submit, confirm) => {
      const { conversation, replies } = await startOrder(t.db, text, mueller(locale));
      expect(button(replies, submit)).toEqual({ action: 'order.catalog' });
      const summary = await conversation.say({ action: 'order.catalog', 'qty_PAPER-A4': '4', 'qty_COFFEE-1KG': 1, 'qty_DESK-160': '' });
      expect(shown(summary)).toMatch(/4 × (Kopierpapier|Copy paper)/);
      await conversation.say(button(summary, confirm));
      const order = (await getOrder(t.db, muellerActor, '1001'))!;
      expect(order.lines.map((l) => [l.sku, l.quantity])).toEqual([['PAPER-A4', 4], ['COFFEE-1KG', 1]]);
    },
  );
});
