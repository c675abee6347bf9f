import { describeEachDatabase } from '../support/databases';
import { buttonData, buttonsOf, cardsOf, demoChats, hasButton, type ChatActivity } from '../support/directlineClient';
import { startTestServer, TestServer } from '../support/server';

/**
 * Scripted conversations through the local Direct Line channel and the real server: what a card confirms, the
 * way back from "really cancel?", and each role in its own words.
 */
describeEachDatabase('conversations of issue 9 through the local Direct Line channel', ({ get }) => {
  let server: TestServer;
  const demo = demoChats(() => server.url);
  const said = (m: ChatActivity) => (m.text ?? '') + cardsOf(m);
  const orders = async () => Number((await server.app.db('orders').count({ n: '*' }).first())!.n);

  beforeAll(async () => {
    server = await startTestServer(get());
  });
  afterAll(async () => {
    demo.end();
    await server.close();
  });

  it.each([
    ['de-DE', '2 Farbtoner Sets bitte', 'doch lieber 4 Farbtoner Sets', '473,62', '947,24', /hat sich seit dieser Karte geändert/],
    ['en-GB', '2 colour toner sets please', 'make that 4 colour toner sets', '473.62', '947.24', /The order changed since this card/],
  ])('(%s) Confirm on the first card after a change places nothing and shows the order as it is now', async (locale, first, change, firstGross, newGross, outdated) => {
    const before = await orders();
    const chat = await demo.signIn('demo-mueller', locale);
    await chat.send(first);
    const firstCard = await chat.nextBotMessage(hasButton('order.confirm'));
    expect(cardsOf(firstCard)).toContain(firstGross);
    await chat.send(change);
    const secondCard = await chat.nextBotMessage(hasButton('order.confirm'));
    expect(cardsOf(secondCard)).toContain(newGross);

    const pressed = await chat.sendActivity({ type: 'message', value: buttonData(firstCard, 'order.confirm') });
    expect(said(await chat.nextBotMessage((m) => m.replyToId === pressed))).toMatch(outdated);
    const shownAgain = await chat.nextBotMessage(hasButton('order.confirm'));
    expect(cardsOf(shownAgain)).toContain(newGross);
    expect(await orders()).toBe(before);

    const confirmed = await chat.sendActivity({ type: 'message', value: buttonData(shownAgain, 'order.confirm') });
    const placed = said(await chat.nextBotMessage((m) => m.replyToId === confirmed && /\d{4}/.test(said(m))));
    const number = /(\d{4})/.exec(placed)![1];
    const order = await server.app.db('orders').where({ number }).first();
    const lines = await server.app.db('order_lines').where({ order_id: order.id });
    expect(lines.map((l: any) => [l.sku, Number(l.quantity)])).toEqual([['TONER-COLOR', 4]]);
  });

  it.each([
    ['de-DE', '2 Stühle', 'nein', 'Gut, dann machen wir weiter.'],
    ['en-GB', '2 chairs', 'no', 'Good, let us continue.'],
  ])('(%s) Summary → Change → Cancel on the card → No: back at the summary, nothing placed', async (locale, first, no, goOn) => {
    const before = await orders();
    const chat = await demo.signIn('demo-mueller', locale);
    await chat.send(first);
    const card = await chat.nextBotMessage(hasButton('order.confirm'));
    await chat.sendActivity({ type: 'message', value: buttonData(card, 'order.change') });
    await chat.nextBotMessage((m) => /ändern|change/i.test(m.text ?? ''));
    await chat.sendActivity({ type: 'message', value: buttonData(card, 'order.cancel') });
    await chat.nextBotMessage((m) => /wirklich abbrechen|really want to cancel/.test(m.text ?? ''));
    await chat.send(no);
    expect((await chat.nextBotMessage()).text).toBe(goOn);
    const back = await chat.nextBotMessage(hasButton('order.confirm'));
    expect(cardsOf(back)).toMatch(/2 × (Bürostuhl Ergo Pro|Ergo Pro office chair)/);
    expect(await orders()).toBe(before);
  });

  it.each([
    ['de-DE', '2 Stühle', 'zahlungspflichtig bestellen', 'Gesamtpreis inkl. MwSt.'],
    ['en-GB', '2 chairs', 'Place order (payment required)', 'Total price incl. VAT'],
  ])('(%s) a private customer confirms with the button §312j (3) BGB asks for', async (locale, first, title, total) => {
    const chat = await demo.signIn('demo-schmidt', locale);
    await chat.send(first);
    const card = await chat.nextBotMessage(hasButton('order.confirm'));
    expect(buttonsOf(card).map((b) => b.title)).toContain(title);
    expect(cardsOf(card)).toContain(total);
  });

  it.each([
    ['demo-sales', 'de-DE', /^Hallo Sabine Vogel, willkommen beim Auftragsbot! Hier sehen Sie die Arbeitslisten/],
    ['demo-sales', 'en-GB', /^Hello Sabine Vogel, welcome to Auftragsbot! Here you see the work queues/],
    ['demo-accounting', 'de-DE', /^Hallo Jonas Becker, willkommen beim Auftragsbot! Hier sehen Sie offene und überfällige Rechnungen .*buchen Zahlungen, lesen Kontoauszüge ein/],
    ['demo-accounting', 'en-GB', /^Hello Jonas Becker, welcome to Auftragsbot! Here you see open and overdue invoices .*book payments, import bank statements/],
    ['demo-mueller', 'en-GB', /^Hello Peter Müller, welcome to Auftragsbot! You can place orders/],
  ])('%s (%s) is welcomed in the words of the role', async (user, locale, welcome) => {
    const chat = await demo.signIn(user, locale, { skipWelcome: false });
    expect((await chat.nextBotMessage()).text).toMatch(welcome);
  });

  it.each([
    ['de-DE', 'hilfe', /Buchhaltung: .*„Aufträge auf Halt“/, /Waren bestellen|Dienstleistungen buchen/],
    ['en-GB', 'help', /Accounting: .*“orders on hold”/, /Order goods|Book services/],
  ])('(%s) the accountant is offered only what accounting may do', async (locale, help, offers, refused) => {
    const chat = await demo.signIn('demo-accounting', locale);
    await chat.send(help);
    const text = (await chat.nextBotMessage()).text ?? '';
    expect(text).toMatch(offers);
    expect(text).not.toMatch(refused);
  });

  it.each([
    ['de-DE', 'Ich habe eine Frage zu meiner Rechnung', /Sie haben keine offenen Rechnungen/, /Unsere Buchhaltung hilft Ihnen gern/],
    ['en-GB', 'I have a question about my invoice', /You have no open invoices/, /Our accounting team will be glad to help/],
  ])('(%s) invoices: customers are answered from their own account, the accountant is not sent to itself', async (locale, question, ownInvoices, toAccounting) => {
    const customer = await demo.signIn('demo-mueller', locale);
    await customer.send(question);
    expect((await customer.nextBotMessage()).text).toMatch(ownInvoices);
    const accountant = await demo.signIn('demo-accounting', locale);
    await accountant.send(question);
    const answer = said(await accountant.nextBotMessage());
    expect(answer).not.toMatch(toAccounting);
    expect(answer).not.toMatch(ownInvoices);
  });

  it.each([
    ['de-DE', 'Aufträge auf Halt', '3 Stühle', 'Bestellen'],
    ['en-GB', 'orders on hold', '3 chairs', 'Place order'],
  ])('(%s) the accountant sees the held-order queue and may release from the card', async (locale, queue, first) => {
    const cafe = await demo.signIn('demo-cafe', locale);
    await cafe.send(first); // over Café Sonnenschein's 1,000 € limit: placed on hold
    const card = await cafe.nextBotMessage(hasButton('order.confirm'));
    const pressed = await cafe.sendActivity({ type: 'message', value: buttonData(card, 'order.confirm') });
    const number = /(\d{4})/.exec(said(await cafe.nextBotMessage((m) => m.replyToId === pressed && /\d{4}/.test(said(m)))))![1];

    const accountant = await demo.signIn('demo-accounting', locale);
    await accountant.send(queue);
    const list = await accountant.nextBotMessage((m) => cardsOf(m).includes('staff.open'));
    expect(cardsOf(list)).toContain(number);
    const opened = await accountant.sendActivity({ type: 'message', value: { action: 'staff.open', order: number } });
    const orderCard = await accountant.nextBotMessage((m) => m.replyToId === opened);
    expect(buttonsOf(orderCard).map((b) => b.data?.to)).toContain('checked');
  });

  it.each([
    ['de-DE', 'dasselbe wie letztes Mal', 'Ich habe die Artikel aus Auftrag'],
    ['en-GB', 'same as last time', 'I have taken the items of order'],
  ])('(%s) a reorder reaches the order dialog through the real routes', async (locale, text, taken) => {
    const chat = await demo.signIn('demo-mueller', locale);
    const first = await chat.send(locale === 'de-DE' ? '4 Packungen Kaffee' : '4 bags of coffee');
    const card = await chat.nextBotMessage((m) => m.replyToId === first && hasButton('order.confirm')(m));
    const pressed = await chat.sendActivity({ type: 'message', value: buttonData(card, 'order.confirm') });
    await chat.nextBotMessage((m) => m.replyToId === pressed && /\d{4}/.test(said(m)));
    const again = await chat.send(text);
    expect(said(await chat.nextBotMessage((m) => m.replyToId === again))).toContain(taken);
    const summary = await chat.nextBotMessage((m) => m.replyToId === again && hasButton('order.confirm')(m));
    expect(cardsOf(summary)).toMatch(/4 × (Kaffeebohnen|Coffee beans)/);
  });

  it.each([
    ['de-DE', '2 schwarze Toner und 3 Pakete Kopierpapier', 'ohne Toner', 'Toner schwarz ist entfernt.'],
    ['en-GB', '2 black toner cartridges and 3 reams of paper', 'without the toner', 'Black toner cartridge has been removed.'],
  ])('(%s) "ohne Toner" removes the line without asking which and without a false "done"', async (locale, first, removal, removed) => {
    const chat = await demo.signIn('demo-mueller', locale);
    const a = await chat.send(first);
    await chat.nextBotMessage((m) => m.replyToId === a && hasButton('order.confirm')(m));
    const b = await chat.send(removal);
    expect((await chat.nextBotMessage((m) => m.replyToId === b)).text).toBe(removed);
    const summary = await chat.nextBotMessage((m) => m.replyToId === b && hasButton('order.confirm')(m));
    expect(cardsOf(summary)).not.toMatch(/× (Toner|Black toner)/);
    expect(cardsOf(summary)).toMatch(/3 × (Kopierpapier|Copy paper)/);
  });

  it.each([
    ['de-DE', '2 Stühle, Lieferung an Baustraße 5, 12345 Berlin'],
    ['en-GB', '2 chairs, deliver to Baustraße 5, 12345 Berlin'],
  ])('(%s) an address in the order message is the delivery address on the summary', async (locale, text) => {
    const chat = await demo.signIn('demo-mueller', locale);
    const a = await chat.send(text);
    const summary = await chat.nextBotMessage((m) => m.replyToId === a && hasButton('order.confirm')(m));
    expect(cardsOf(summary)).toContain('Müller Bau GmbH, Baustraße 5, 12345 Berlin');
  });

  it.each([
    ['de-DE', 'Bestellung für Müller Bau: 2 Stühle', 'Bestellung für Müller Bau GmbH'],
    ['en-GB', 'order for Müller Bau: 2 chairs', 'Order for Müller Bau GmbH'],
  ])('(%s) sales read whose order it is', async (locale, text, title) => {
    const chat = await demo.signIn('demo-sales', locale);
    const a = await chat.send(text);
    const summary = await chat.nextBotMessage((m) => m.replyToId === a && hasButton('order.confirm')(m));
    expect(cardsOf(summary)).toContain(title);
  });
  it.each([
    ['de-DE', '2 Stühle', 'ach nee, doch lieber 3', /3 × Bürostuhl Ergo Pro/],
    ['en-GB', '2 chairs', 'oh no, actually make it 3', /3 × Ergo Pro office chair/],
    ['de-DE', '2 Stühle', 'nicht 2, sondern 3', /3 × Bürostuhl Ergo Pro/],
    ['en-GB', '2 chairs', 'not 2 but 3', /3 × Ergo Pro office chair/],
    ['en-GB', '2 chairs', 'make it 3 instead of 2', /3 × Ergo Pro office chair/],
    ['de-DE', '2 Stühle und 3 Pakete Kopierpapier', 'den Stuhl doch nicht', /^(?![\s\S]*× Bürostuhl)[\s\S]*3 × Kopierpapier/],
    ['en-GB', '2 chairs and 3 reams of paper', 'actually drop the chair', /^(?![\s\S]*× Ergo Pro)[\s\S]*3 × Copy paper/],
    ['de-DE', '2 Stühle und 3 Packungen Kaffee', 'ohne Stühle', /^(?![\s\S]*× Bürostuhl)[\s\S]*3 × Kaffeebohnen/],
    ['en-GB', '2 chairs and 3 bags of coffee', 'actually drop the chairs', /^(?![\s\S]*× Ergo Pro)[\s\S]*3 × Coffee beans/],
  ])('(%s) "%s", then "%s": the next summary shows exactly the change', async (locale, first, change, shows) => {
    const chat = await demo.signIn('demo-mueller', locale);
    const a = await chat.send(first);
    await chat.nextBotMessage((m) => m.replyToId === a && hasButton('order.confirm')(m));
    const b = await chat.send(change);
    const summary = await chat.nextBotMessage((m) => m.replyToId === b && hasButton('order.confirm')(m));
    expect(cardsOf(summary)).toMatch(shows);
  });

  it.each([
    ['de-DE', '5 USB-Sticks und 2 Stühle', /„USB-Sticks“ führen wir leider nicht/],
    ['en-GB', '5 usb sticks and 2 chairs', /we do not carry “usb[^”]*”/i],
  ])('(%s) an unknown product is named back and the rest is kept', async (locale, text, named) => {
    const chat = await demo.signIn('demo-mueller', locale);
    const a = await chat.send(text);
    expect(said(await chat.nextBotMessage((m) => m.replyToId === a && named.test(said(m))))).toMatch(named);
  });

  it.each([
    ['de-DE', 'bitte an unsere Baustelle liefern: Baustraße 5, 12345 Berlin, 2 Stühle', 'Baustraße 5, 12345 Berlin'],
    ['en-GB', 'send 4 bags of coffee to Unter den Linden 10, 10117 Berlin', 'Unter den Linden 10, 10117 Berlin'],
  ])('(%s) an address said as a delivery wish lands on the summary: %s', async (locale, text, address) => {
    const chat = await demo.signIn('demo-mueller', locale);
    const a = await chat.send(text);
    const summary = await chat.nextBotMessage((m) => m.replyToId === a && hasButton('order.confirm')(m));
    expect(cardsOf(summary)).toContain(address);
  });

  it.each([
    ['de-DE', '2 Stühle', 'nochmal wie bei Auftrag {n}', 'Ich habe die Artikel aus Auftrag', 'Auftrag {n} stornieren', 'wirklich stornieren'],
    ['en-GB', '2 chairs', 'same as order {n} again', 'I have taken the items of order', 'cancel order {n}', 'really cancel order'],
  ])('(%s) a customer reorders by number and cancels their own order with the README phrase', async (locale, first, reorder, taken, cancel, asked) => {
    const chat = await demo.signIn('demo-mueller', locale);
    const a = await chat.send(first);
    const card = await chat.nextBotMessage((m) => m.replyToId === a && hasButton('order.confirm')(m));
    const pressed = await chat.sendActivity({ type: 'message', value: buttonData(card, 'order.confirm') });
    const placed = await chat.nextBotMessage((m) => m.replyToId === pressed && /\d{4}/.test(said(m)));
    const number = /\b(\d{4,})\b/.exec(said(placed))![1];
    const again = await chat.send(reorder.replace('{n}', number));
    expect(said(await chat.nextBotMessage((m) => m.replyToId === again))).toContain(taken);
    await chat.nextBotMessage((m) => m.replyToId === again && hasButton('order.confirm')(m));
    const stop = await chat.send(locale === 'de-DE' ? 'abbrechen' : 'cancel');
    const really = await chat.nextBotMessage((m) => m.replyToId === stop);
    const yes = await chat.send(locale === 'de-DE' ? 'ja' : 'yes');
    await chat.nextBotMessage((m) => m.replyToId === yes);
    void really;
    const c = await chat.send(cancel.replace('{n}', number));
    expect(said(await chat.nextBotMessage((m) => m.replyToId === c))).toContain(asked);
  });
});
