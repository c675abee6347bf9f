import { describeEachDatabase } from '../support/databases';
import { buttonData, cardsOf, demoChats, hasButton, type ChatActivity } from '../support/directlineClient';
import { startTestServer, TestServer } from '../support/server';

const textOf = (m: ChatActivity) => (m.text ?? '') + cardsOf(m);
const linksIn = (m: ChatActivity) => [...textOf(m).matchAll(/\((\/documents\/[\w.-]+)\)/g)].map((x) => x[1]);
const quoteNumberIn = (m: ChatActivity) => /AN-\d{4}-\d{4}/.exec(textOf(m))![0];

/**
 * Quotes through the local Direct Line channel in both languages: sales draft and send a quote with a discount, the
 * customer is sent its card, downloads the PDF and accepts it (one order, however often pressed); a customer turns
 * their order draft into a quote and rejects it; sales are told each time.
 */
describeEachDatabase('quotes through the local Direct Line channel', ({ get }) => {
  let server: TestServer;
  const demo = demoChats(() => server.url);

  beforeAll(async () => {
    server = await startTestServer(get(), { env: { NOTIFY_INTERVAL_SECONDS: '1', QUIET_HOURS: 'off' } });
  });
  afterAll(async () => {
    demo.end();
    await server.close();
  });

  it('German: sales draft and send a quote, the customer accepts it on its card; a second press makes no second order', async () => {
    // The customer has a conversation with the bot already, so the quote's message has somewhere to go when sent.
    const customer = await demo.signIn('demo-cafe', 'de-DE');
    const sales = await demo.signIn('demo-sales', 'de-DE');
    await sales.send('Angebot für Café Sonnenschein: 2 Stühle, 10 % Rabatt, gültig 14 Tage');
    const card = await sales.nextBotMessage((m) => /Angebot AN-/.test(cardsOf(m)));
    const number = quoteNumberIn(card);
    // 2 × 349,00 € less 10 % = 628,20 € net, 119,36 € VAT, 747,56 €.
    expect(cardsOf(card)).toContain('Rabatt 10 %');
    expect(cardsOf(card)).toContain('747,56 €');
    expect(cardsOf(card)).not.toContain('quote.accept');
    const drafted = await sales.nextBotMessage((m) => /als Entwurf angelegt/.test(m.text ?? ''));
    expect(drafted.text).toContain(`Angebot ${number} für Café Sonnenschein über 747,56 € ist als Entwurf angelegt`);
    expect(JSON.stringify(drafted.suggestedActions)).toContain(`Angebot ${number} senden`);

    await sales.send(`Angebot ${number} senden`);
    expect((await sales.nextBotMessage()).text).toBe(`Angebot ${number} ist an Café Sonnenschein versendet.`);

    const sent = await customer.waitFor((m) => (m.text ?? '').startsWith(`Ihr Angebot ${number}`) && hasButton('quote.accept')(m), 20_000);
    expect(sent.text).toMatch(new RegExp(`^Ihr Angebot ${number} über 747,56 €, gültig bis \\d\\d\\.\\d\\d\\.\\d{4}\\. \\[Angebot herunterladen \\(PDF\\)\\]\\(/documents/`));
    const [link] = linksIn(sent);
    const pdf = await fetch(`${server.url}${link}`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    // An altered link answers 403, never the file.
    const altered = await fetch(`${server.url}${link.slice(0, -3)}abc`);
    expect(altered.status).toBe(403);

    const accept = buttonData(sent, 'quote.accept');
    // A card sent by the notifier is pressed as a reply to its message, as the channel posts it.
    await customer.sendActivity({ type: 'message', value: accept, replyToId: sent.id });
    const accepted = await customer.nextBotMessage((m) => /angenommen/.test(m.text ?? ''));
    expect(accepted.text).toMatch(new RegExp(`^Vielen Dank! Angebot ${number} ist angenommen: Auftrag (\\d+) über 747,56 €, Status: Bestätigt\\.$`));
    const orderNumber = /Auftrag (\d+)/.exec(accepted.text!)![1];
    const updated = await customer.waitFor((m) => m.id === sent.id && /Erledigt/.test(cardsOf(m)));
    // The order confirmation names the quoted total.
    const confirmation = await customer.waitFor((m) => (m.text ?? '').startsWith('Auftragsbestätigung') && (m.text ?? '').includes(orderNumber), 20_000);
    expect(confirmation.text).toContain('Gesamtbetrag 747,56 €');
    expect(JSON.stringify(updated.attachments)).not.toContain('Action.Submit');

    await customer.sendActivity({ type: 'message', value: accept, replyToId: sent.id });
    const again = await customer.nextBotMessage((m) => /bereits angenommen/.test(m.text ?? ''));
    expect(again.text).toBe(`Angebot ${number} ist bereits angenommen (Auftrag ${orderNumber}); ein zweiter Auftrag entsteht nicht.`);
    expect(await server.app.db('orders').where({ draft_key: `quote:${number}` })).toHaveLength(1);

    const told = await sales.waitFor((m) => (m.text ?? '').includes(`hat Angebot ${number} angenommen`), 20_000);
    expect(told.text).toBe(`Café Sonnenschein hat Angebot ${number} angenommen: Auftrag ${orderNumber}.`);

    await customer.send('meine Angebote');
    const mine = await customer.nextBotMessage((m) => /Ihre Angebote/.test(m.text ?? ''));
    expect(mine.text).toContain(`${number} · 747,56 € · Angenommen`);

    // The order's card for sales says where the order came from.
    await sales.send(`Status Auftrag ${orderNumber}`);
    const orderCard = await sales.nextBotMessage((m) => cardsOf(m).includes(`aus Angebot ${number}`));
    expect(orderCard).toBeDefined();
  });

  it('English: a customer turns their order draft into a quote and rejects it; an old Accept button makes no order', async () => {
    const customer = await demo.signIn('demo-mueller', 'en-US');
    await customer.send('3 reams of copy paper');
    await customer.nextBotMessage(hasButton('order.confirm'));
    await customer.send('Can you make me a quote for that?');
    const made = await customer.nextBotMessage((m) => /quotation AN-/.test(m.text ?? ''));
    const number = quoteNumberIn(made);
    expect(made.text).toMatch(new RegExp(`^Certainly! Your quotation ${number} of €\\d+\\.\\d\\d is ready, valid until .+\\. You can accept or reject it here\\.$`));
    expect(cardsOf(made)).toContain('Quotation (PDF)'.replace('Quotation', `Quotation ${number}`));
    expect(buttonData(made, 'quote.reject')).toMatchObject({ quote: number });

    await customer.sendActivity({ type: 'message', value: buttonData(made, 'quote.reject') });
    expect((await customer.nextBotMessage((m) => !!m.text)).text).toBe(`Quote ${number} is rejected. We have told our sales team.`);
    await customer.sendActivity({ type: 'message', value: buttonData(made, 'quote.accept') });
    expect((await customer.nextBotMessage((m) => !!m.text)).text).toBe(`Quote ${number} is rejected already.`);
    expect(await server.app.db('orders').where({ draft_key: `quote:${number}` })).toHaveLength(0);

    const sales = await demo.signIn('demo-sales', 'en-US');
    await sales.send('open quotes');
    const list = await sales.nextBotMessage((m) => /Open quotes/.test(m.text ?? ''));
    expect(list.text).not.toContain(number); // rejected: not open any more
    await sales.send(`quote ${number}`);
    const shown = await sales.nextBotMessage((m) => cardsOf(m).includes(`Quotation ${number}`));
    expect(cardsOf(shown)).toContain('Rejected');

    await customer.send('quote for 3 chairs, 20% discount');
    expect((await customer.nextBotMessage((m) => !!m.text)).text).toBe('Discounts and validity are set by sales; you are welcome to a quote at catalog prices.');
    await customer.send('my quotes');
    const mine = await customer.nextBotMessage((m) => /Your quotes/.test(m.text ?? ''));
    expect(mine.text).toContain(`${number} · `);
    expect(mine.text).not.toContain('Café');
  });
});
