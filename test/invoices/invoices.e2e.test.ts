import { demoActors } from '../orders/actors';
import { placeOrder, recordShipment, transitionOrder } from '../../operations';
import { describeEachDatabase } from '../support/databases';
import { cardsOf, demoChats, type ChatActivity } from '../support/directlineClient';
import { startTestServer, TestServer } from '../support/server';

const textOf = (m: ChatActivity) => (m.text ?? '') + cardsOf(m);
/** The download links a card or message carries (relative to the bot's host). */
const linksIn = (m: ChatActivity) => [...textOf(m).matchAll(/\((\/documents\/[\w.-]+)\)/g)].map((x) => x[1]);

/**
 * Invoices through the local Direct Line channel in both languages: a shipment is invoiced and the customer is
 * sent the invoice with a link; the customer asks what is open and downloads it; accounting lists, issues and
 * cancels (reason + confirmation); sales may not cancel.
 */
describeEachDatabase('invoices through the local Direct Line channel', ({ get }) => {
  let server: TestServer;
  const demo = demoChats(() => server.url);

  beforeAll(async () => {
    server = await startTestServer(get(), { env: { NOTIFY_INTERVAL_SECONDS: '1' } });
  });
  afterAll(async () => {
    demo.end();
    await server.close();
  });

  async function shippedOrder(customer: 'mueller' | 'schmidt') {
    const db = server.app.db;
    const a = await demoActors(db);
    const placed = await placeOrder(db, a[customer], { customerId: a.customers[customer], lines: [{ sku: 'PAPER-A4', quantity: 10 }, { sku: 'COFFEE-1KG', quantity: 2 }] });
    if (!placed.ok) throw new Error(JSON.stringify(placed.problems));
    for (const to of ['in_preparation', 'in_execution', 'ready_to_ship'] as const) await transitionOrder(db, a.sales, placed.order.number, { to });
    const shipped = await recordShipment(db, a.sales, placed.order.number, { carrier: 'DHL', trackingNumber: 'JJD1', lines: [{ lineNo: 1, quantity: 10 }, { lineNo: 2, quantity: 2 }] });
    if (!shipped.ok) throw new Error(JSON.stringify(shipped));
    const invoice = await db('invoices').where({ order_id: placed.order.id }).first('number');
    return { order: placed.order.number, invoice: invoice.number as string };
  }

  it('German: the customer is sent the invoice, sees what is open and downloads it; accounting cancels it with reason and confirmation', async () => {
    const customer = await demo.signIn('demo-mueller', 'de-DE');
    const { order, invoice } = await shippedOrder('mueller');
    // 10 × 4,90 € at 19 % + 2 × 18,90 € at 7 %: 58,31 € + 40,45 € = 98,76 €
    const sent = await customer.waitFor((m) => (m.text ?? '').startsWith(`Ihre Rechnung ${invoice}`), 20_000);
    expect(sent.text).toMatch(new RegExp(`^Ihre Rechnung ${invoice} zu Auftrag ${order}: 98,76 €, zahlbar bis .+\\. \\[Rechnung herunterladen \\(PDF\\)\\]\\(/documents/`));

    // The order confirmation and the delivery note came with their documents' links.
    const confirmation = await customer.waitFor((m) => (m.text ?? '').startsWith('Auftragsbestätigung') && (m.text ?? '').includes(order), 20_000);
    expect(cardsOf(confirmation)).toContain('Auftragsbestätigung (PDF)');
    const shippedNote = await customer.waitFor((m) => (m.text ?? '').includes(`Ihr Auftrag ${order} wurde versendet`), 20_000);
    expect(cardsOf(shippedNote)).toContain('Lieferschein (PDF)');
    for (const m of [confirmation, shippedNote]) {
      const [documentLink] = linksIn(m);
      const res = await fetch(`${server.url}${documentLink}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
    }

    await customer.send('Welche Rechnungen sind offen?');
    const list = await customer.nextBotMessage((m) => cardsOf(m).includes(invoice));
    expect(cardsOf(list)).toContain('Ihre offenen Rechnungen');
    expect(cardsOf(list)).toContain('98,76 €');
    const [link] = linksIn(list);
    const pdf = await fetch(`${server.url}${link}`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');

    await customer.send('Wie viel schulden wir euch noch?');
    const owed = await customer.nextBotMessage((m) => /Offen insgesamt/.test(m.text ?? ''));
    expect(owed.text).toBe('Offen insgesamt: 98,76 €');

    const sales = await demo.signIn('demo-sales', 'de-DE');
    await sales.send(`Rechnung ${invoice} stornieren`);
    expect((await sales.nextBotMessage()).text).toBe('Rechnungen stellt die Buchhaltung aus und storniert sie.');

    const accounting = await demo.signIn('demo-accounting', 'de-DE');
    await accounting.send('offene Rechnungen');
    const open = await accounting.nextBotMessage((m) => cardsOf(m).includes('Offene Rechnungen'));
    expect(cardsOf(open)).toContain(invoice);
    expect(cardsOf(open)).toContain('Müller Bau GmbH');

    await accounting.send(`Rechnung ${invoice} stornieren`);
    expect((await accounting.nextBotMessage()).text).toContain(`Warum soll Rechnung ${invoice} storniert werden?`);
    await accounting.send('Falsche Menge berechnet');
    const question = await accounting.nextBotMessage();
    expect(question.text).toBe(`Rechnung ${invoice} an Müller Bau GmbH über 98,76 € stornieren? Es wird eine Stornorechnung mit eigener Nummer erstellt. Grund: Falsche Menge berechnet`);
    await accounting.send('Ja, stornieren');
    const done = await accounting.nextBotMessage((m) => /ist storniert/.test(m.text ?? ''));
    expect(done.text).toMatch(new RegExp(`^Rechnung ${invoice} ist storniert: Stornorechnung ST-2026-\\d{4} über -98,76 €\\.$`));
    const history = await server.app.db('order_history').join('orders', 'orders.id', 'order_history.order_id').where('orders.number', order).whereNotNull('reason').select('reason');
    expect(history.map((h: any) => h.reason)).toContain('Falsche Menge berechnet');

    // The customer hears of the cancellation, and nothing is open any more; accounting re-invoices the order.
    await customer.waitFor((m) => (m.text ?? '').startsWith(`Rechnung ${invoice} zu Auftrag ${order} wurde storniert`), 20_000);
    await customer.send('Welche Rechnungen sind offen?');
    expect((await customer.nextBotMessage((m) => /offenen Rechnungen/.test(m.text ?? ''))).text).toBe('Sie haben keine offenen Rechnungen. Vielen Dank!');
    await accounting.send(`Rechnung zu Auftrag ${order} erstellen`);
    expect((await accounting.nextBotMessage((m) => /ausgestellt/.test(m.text ?? ''))).text).toMatch(new RegExp(`^Rechnung RE-2026-\\d{4} zu Auftrag ${order} über 98,76 € ist ausgestellt, fällig am `));
    await accounting.send(`Rechnung zu Auftrag ${order} erstellen`);
    expect((await accounting.nextBotMessage((m) => /nichts zu berechnen/.test(m.text ?? ''))).text).toContain(`Zu Auftrag ${order} gibt es nichts zu berechnen`);
  }, 90_000);

  it('English: a private customer asks what they owe and gets gross amounts and their own invoices only; invoice for the last order', async () => {
    await server.app.db('persons').where({ display_name: 'Anna Schmidt' }).update({ locale: 'en' });
    const customer = await demo.signIn('demo-schmidt', 'en-US');
    const { order, invoice } = await shippedOrder('schmidt');
    const sent = await customer.waitFor((m) => (m.text ?? '').startsWith(`Your invoice ${invoice}`), 20_000);
    expect(sent.text).toContain(`for order ${order}: €98.76, payable by`);

    await customer.send('How much do we still owe you?');
    const owed = await customer.nextBotMessage((m) => cardsOf(m).includes('Your open invoices'));
    expect(owed.text).toBe('Open in total: €98.76');
    expect(cardsOf(owed)).toContain(invoice);
    expect(cardsOf(owed)).not.toContain('Müller Bau'); // only their own account's

    await customer.send('Send me the invoice for my last order');
    const last = await customer.nextBotMessage((m) => cardsOf(m).includes(`Invoices for order ${order}`));
    const [link] = linksIn(last);
    expect((await fetch(`${server.url}${link}`)).status).toBe(200);

    // A customer's "open invoices" is their own list, never the house's.
    await customer.send('open invoices');
    const own = await customer.nextBotMessage((m) => cardsOf(m).includes('Your open invoices'));
    expect(cardsOf(own)).not.toContain('Müller Bau');

    const accounting = await demo.signIn('demo-accounting', 'en-US');
    await accounting.send(`create invoice for order ${order}`);
    expect((await accounting.nextBotMessage()).text).toBe(`There is nothing to invoice for order ${order}: everything delivered or performed is invoiced already.`);
    await accounting.send('invoices of Anna Schmidt');
    expect(cardsOf(await accounting.nextBotMessage((m) => cardsOf(m).includes('Invoices of Anna Schmidt')))).toContain(invoice);
  }, 90_000);
});

describeEachDatabase('invoice status on the order card', ({ get }) => {
  let server: TestServer;
  const demo = demoChats(() => server.url);
  beforeAll(async () => {
    server = await startTestServer(get());
  });
  afterAll(async () => {
    demo.end();
    await server.close();
  });

  it('sales see the order’s invoices and their cancellation on the order card, without a button to invoice or cancel', async () => {
    const db = server.app.db;
    const a = await demoActors(db);
    const placed = await placeOrder(db, a.mueller, { customerId: a.customers.mueller, lines: [{ sku: 'TONER-BK', quantity: 1 }] });
    if (!placed.ok) throw new Error(JSON.stringify(placed.problems));
    for (const to of ['in_preparation', 'in_execution', 'ready_to_ship'] as const) await transitionOrder(db, a.sales, placed.order.number, { to });
    await recordShipment(db, a.sales, placed.order.number, { carrier: 'DHL', trackingNumber: 'JJD2', lines: [{ lineNo: 1, quantity: 1 }] });
    const invoice = (await db('invoices').where({ order_id: placed.order.id }).first('number')).number;
    const { cancelInvoice } = await import('../../operations');
    const cancelled = await cancelInvoice(db, a.accounting, invoice, 'Test');
    if (!cancelled.ok) throw new Error(JSON.stringify(cancelled));

    const sales = await demo.signIn('demo-sales', 'de-DE');
    await sales.send(`Status Auftrag ${placed.order.number}`);
    const card = cardsOf(await sales.nextBotMessage((m) => cardsOf(m).includes(placed.order.number)));
    expect(card).toContain(`${invoice} (storniert durch ${cancelled.cancellation.number})`);
    expect(card).toContain(`Rechnung ${invoice} über 105,91 €`);
    expect(card).not.toMatch(/"title":"(In Rechnung gestellt|Bezahlt)/);
  });
});

describeEachDatabase('accounting works the held-order queue', ({ get }) => {
  let server: TestServer;
  const demo = demoChats(() => server.url);
  beforeAll(async () => {
    server = await startTestServer(get());
  });
  afterAll(async () => {
    demo.end();
    await server.close();
  });

  it('lists held orders, releases one with a comment, and is refused steps that are not hold decisions', async () => {
    const db = server.app.db;
    const a = await demoActors(db);
    // Café Sonnenschein has a limit of 1,000 €: three chairs (1,245.93 €) are held for credit.
    const held = await placeOrder(db, a.cafe, { customerId: a.customers.cafe, lines: [{ sku: 'CHAIR-ERGO', quantity: 3 }] });
    if (!held.ok) throw new Error(JSON.stringify(held.problems));
    expect(held.order.status).toBe('on_hold');

    const accounting = await demo.signIn('demo-accounting', 'de-DE');
    await accounting.send('Aufträge auf Halt');
    const list = await accounting.nextBotMessage((m) => cardsOf(m).includes(held.order.number));
    expect(cardsOf(list)).toContain('Café Sonnenschein');

    // The list's "Öffnen" button (inside the card body), as Web Chat posts it.
    expect(cardsOf(list)).toContain(`"action":"staff.open","order":"${held.order.number}"`);
    await accounting.sendActivity({ type: 'message', value: { action: 'staff.open', order: held.order.number } });
    const card = cardsOf(await accounting.nextBotMessage((m) => cardsOf(m).includes('"action":"staff.transition"')));
    expect(card).toContain(held.order.number);
    expect(card).toContain('"action":"staff.transition"');
    expect(card).not.toContain('staff.shipForm');

    await accounting.send(`${held.order.number} versandbereit`);
    expect((await accounting.nextBotMessage()).text).toContain('kann nicht auf „Versandbereit“ gesetzt werden');

    await accounting.send(`${held.order.number} freigeben`);
    await accounting.nextBotMessage(); // asks for a comment
    await accounting.send('Vorkasse ist eingegangen');
    const released = await accounting.nextBotMessage((m) => /ist jetzt: Bestätigt/.test(m.text ?? ''));
    expect(released.text).toContain(held.order.number);
    expect((await db('orders').where({ id: held.order.id }).first('status')).status).toBe('confirmed');

    // Everything else of the sales work stays with sales.
    await accounting.send('offene Aufträge');
    expect((await accounting.nextBotMessage((m) => !!m.text)).text).toContain('dem Vertrieb vorbehalten');
  });
});
