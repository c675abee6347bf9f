import { berlinDateTime, berlinToday, isWorkingDay } from '../../domain/calendar';
import { formatMoney } from '../../domain/money';
import { bookPayment } from '../../operations/bookPayment';
import { previousWorkingDay } from '../../operations/digest';
import { runDailyAccounting } from '../../operations/dailyRun';
import { demoActors } from '../orders/actors';
import { buttonData, cardsOf, demoChats, hasButton } from '../support/directlineClient';
import { describeEachDatabase } from '../support/databases';
import { startTestServer, type TestServer } from '../support/server';
import { invoicedOrder } from './helpers';

/**
 * Payments through the local Direct Line channel in German and English: accounting books a payment in words, the
 * customer asks whether it came and hears of their own account only, and the accountants' morning digest arrives
 * as a card whose buttons work.
 */
describeEachDatabase('payments through the local Direct Line channel', ({ get }) => {
  let server: TestServer;
  const demo = demoChats(() => server.url);

  beforeAll(async () => {
    server = await startTestServer(get(), { env: { NOTIFY_INTERVAL_SECONDS: '1' } });
  });
  afterAll(async () => {
    demo.end();
    await server.close();
  });

  it('German: accounting books "Zahlung … für RE-… eingegangen"; Müller Bau asks "Habt ihr meine Zahlung erhalten?"', async () => {
    const db = server.app.db;
    const a = await demoActors(db);
    const { invoices: [invoice] } = await invoicedOrder(db, a.mueller, a.sales, [{ sku: 'PAPER-A4', quantity: 10 }], new Date());
    const accounting = await demo.signIn('demo-accounting', 'de-DE');
    await accounting.send(`Zahlung 10,00 € für ${invoice.number} eingegangen`);
    const booked = await accounting.nextBotMessage((m) => /gebucht/.test(m.text ?? ''));
    expect(booked.text).toBe(`Zahlung über 10,00 € von Müller Bau GmbH gebucht: 10,00 € auf ${invoice.number}.`);

    const customer = await demo.signIn('demo-mueller', 'de-DE');
    await customer.send('Habt ihr meine Zahlung erhalten?');
    const answer = await customer.nextBotMessage((m) => /Zahlung/.test(m.text ?? ''));
    expect(answer.text).toMatch(new RegExp(`^Ja, zuletzt ist am \\d\\d\\.\\d\\d\\.\\d{4} Ihre Zahlung über 10,00 € eingegangen \\(10,00 € auf ${invoice.number}\\)\\. Offen sind noch `));

    // Someone else's account stays closed: Anna Schmidt has no payments.
    const schmidt = await demo.signIn('demo-schmidt', 'de-DE');
    await schmidt.send('Habt ihr meine Zahlung erhalten?');
    expect((await schmidt.nextBotMessage((m) => /Zahlung/.test(m.text ?? ''))).text).toMatch(/^Für Ihr Kundenkonto ist bisher keine Zahlung eingegangen\./);
  }, 60_000);

  it('English: "payment of €20.00 from Café Sonnenschein" is booked oldest invoice first; the café asks "Did you get my payment?"', async () => {
    const db = server.app.db;
    const a = await demoActors(db);
    const { invoices: [invoice] } = await invoicedOrder(db, a.cafe, a.sales, [{ sku: 'PAPER-A4', quantity: 10 }], new Date());
    const admin = await demo.signIn('demo-admin', 'en-US');
    await admin.send('payment of €20.00 from Café Sonnenschein');
    const booked = await admin.nextBotMessage((m) => /booked/.test(m.text ?? ''));
    expect(booked.text).toBe(`Payment of €20.00 from Café Sonnenschein booked: €20.00 to ${invoice.number}.`);
    await admin.send('Müller Bau hat 0 € überwiesen');
    expect((await admin.nextBotMessage()).text).not.toMatch(/booked/);

    const customer = await demo.signIn('demo-cafe', 'en-US');
    await customer.send('Did you get my payment?');
    const answer = await customer.nextBotMessage((m) => /payment/.test(m.text ?? ''));
    expect(answer.text).toMatch(new RegExp(`^Yes, your payment of €20\\.00 came in on .+ \\(€20\\.00 to ${invoice.number}\\)\\. Still open: `));

    // Customers cannot book.
    await customer.send('payment of €20.00 from Café Sonnenschein');
    expect((await customer.nextBotMessage()).text).not.toMatch(/booked/);
  }, 60_000);

  it('credit: an overpayment is offered against the next invoice as a card; its button books it once; the chat command too', async () => {
    const db = server.app.db;
    const a = await demoActors(db);
    const first = await invoicedOrder(db, a.schmidt, a.sales, [{ sku: 'PAPER-A4', quantity: 1 }], new Date());
    const paid = await bookPayment(db, a.accounting, { reference: 'rest:credit-e2e', amountCents: first.invoices[0].grossCents + 1200, invoiceNumbers: [first.invoices[0].number], source: 'rest' });
    expect(paid).toMatchObject({ ok: true, creditCents: 1200 });
    const accounting = await demo.signIn('demo-accounting', 'de-DE');
    const { invoices: [next] } = await invoicedOrder(db, a.schmidt, a.sales, [{ sku: 'PAPER-A4', quantity: 4 }], new Date());
    const offer = await accounting.waitFor((m) => hasButton('creditApply')(m) && cardsOf(m).includes(next.number), 20_000);
    expect(offer.text).toBe(`Guthaben 12,00 € von Anna Schmidt mit ${next.number} verrechnen?`);
    expect(buttonData(offer, 'creditApply')).toMatchObject({ invoice: next.number });

    await accounting.sendActivity({ type: 'message', value: buttonData(offer, 'creditApply') });
    const applied = await accounting.nextBotMessage((m) => /verrechnet/.test(m.text ?? ''));
    expect(applied.text).toBe(`Guthaben von Anna Schmidt verrechnet: 12,00 € auf ${next.number}. Restguthaben: 0,00 €.`);
    await accounting.sendActivity({ type: 'message', value: buttonData(offer, 'creditApply') });
    expect((await accounting.nextBotMessage((m) => /schon verrechnet|verrechnet/.test(m.text ?? ''))).text).toBe('Dieses Guthaben ist schon verrechnet; es wurde nichts doppelt gebucht.');
    await accounting.send('Guthaben von Anna Schmidt verrechnen');
    expect((await accounting.nextBotMessage((m) => /Guthaben/.test(m.text ?? ''))).text).toBe('Dieser Kunde hat kein Guthaben.');
    expect(Number((await db('invoices').where({ number: next.number }).first('paid_cents')).paid_cents)).toBe(1200);

    // Anna asks: the transfer is her last payment; setting her credit against the invoice is not money that came in.
    const anna = await demo.signIn('demo-schmidt', 'de-DE');
    await anna.send('Habt ihr meine Zahlung erhalten?');
    const answer = await anna.nextBotMessage((m) => /Zahlung/.test(m.text ?? ''));
    expect(answer.text).toContain(`Ihre Zahlung über ${formatMoney(first.invoices[0].grossCents + 1200, 'de')} eingegangen`);
  }, 60_000);

  it('the accounting morning: every accountant receives the digest card, and its buttons answer', async () => {
    const accounting = await demo.signIn('demo-accounting', 'de-DE');
    // Today when it is a working day (the payments above were booked today), else the last working day (past, so due at once).
    const today = berlinToday(new Date());
    const working = isWorkingDay(today);
    const day = working ? today : previousWorkingDay(today);
    const result = await runDailyAccounting(server.app.db, working ? new Date() : berlinDateTime(day, '08:00'));
    expect(result).toMatchObject({ ran: true, date: day });
    const [y, m, d] = day.split('-');
    const digest = await accounting.waitFor((x) => (x.text ?? '').startsWith(`Buchhaltung am ${d}.${m}.${y}`), 20_000);
    expect(cardsOf(digest)).toContain('Zahlungseingänge');
    if (working) expect(cardsOf(digest)).toContain('Müller Bau GmbH');
    expect(hasButton('digestShow')(digest)).toBe(true);
    await accounting.sendActivity({ type: 'message', value: { action: 'digestShow', show: 'doubtful' } });
    expect((await accounting.nextBotMessage((m) => /^Keine Bankeingänge/.test(m.text ?? ''))).text).toBe('Keine Bankeingänge warten auf eine Entscheidung.');
    expect(buttonData(digest, 'digestShow')).toMatchObject({ show: 'overdue' });
    // Queued again (a second instance, a restart): nothing new arrives.
    expect(await runDailyAccounting(server.app.db, working ? new Date() : berlinDateTime(day, '08:01'))).toMatchObject({ ran: false, why: 'done_already' });
  }, 60_000);
});
