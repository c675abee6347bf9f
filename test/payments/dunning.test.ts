import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { findDocumentFile } from '../../bot/documentFiles';
import { sendDueNotifications, type NotifierOptions } from '../../bot/notifier';
import { hasTool, pdfPages } from '../documents/tools';
import { saveConversationRef } from '../../data/conversationRefs';
import { openDatabase, type Db } from '../../data/db';
import { berlinDateTime } from '../../domain/calendar';
import { claimDueNotifications, markSent } from '../../data/outbox';
import { bookPayment } from '../../operations/bookPayment';
import { catchUpDailyAccounting, runDailyAccounting } from '../../operations/dailyRun';
import { runDunning, setDunningStop } from '../../operations/dunningRun';
import { demoActors, monday } from '../orders/actors';
import { startRecordingConnector } from '../notifications/connector';
import { createTestDatabase, describeEachDatabase } from '../support/databases';
import { invoicedOrder } from './helpers';

// Invoices of Monday 2 March 2026 with net 14 days are due on 16 March; Thursday 19 March is 3 days later.
const at = (date: string, time = '08:00') => berlinDateTime(date, time);

async function dunningRows(db: Db, invoiceNumber: string) {
  return db('outbox').where('kind', 'dunning_notice').where('dedupe_key', 'like', `dunning:${invoiceNumber}:%`).orderBy('id');
}

describeEachDatabase('dunning and the accounting morning', ({ get, kind }) => {
  let connector: Awaited<ReturnType<typeof startRecordingConnector>>;
  let options: NotifierOptions;
  beforeAll(async () => {
    connector = await startRecordingConnector();
    options = { db: get().db, adapter: new CloudAdapter(new ConfigurationBotFrameworkAuthentication({})), appId: '' };
    const a = await demoActors(get().db);
    for (const [person, conversation, user] of [[a.mueller, 'conv-m', 'demo-mueller'], [a.accounting, 'conv-acc', 'demo-accounting']] as const) {
      await saveConversationRef(get().db, {
        channelId: 'directline', conversationId: conversation, personId: person.personId!, locale: 'de',
        reference: { channelId: 'directline', serviceUrl: connector.serviceUrl, conversation: { id: conversation }, bot: { id: 'bot', name: 'Bot' }, user: { id: user }, locale: 'de-DE' },
      });
    }
  });
  afterAll(async () => connector.close());

  it('sends the levels in order, each once, with fees; numbers MA-YYYY-NNNN; a payment between run and send drops the notice', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const { invoices: [invoice] } = await invoicedOrder(db, a.mueller, a.sales, [{ sku: 'PAPER-A4', quantity: 10 }], monday);
    expect(invoice.dueDate).toBe('2026-03-16');
    await sendDueNotifications(options, at('2026-03-16', '09:00')); // order and invoice messages out of the way
    const before = connector.delivered('conv-m').length;

    expect((await runDunning(db, at('2026-03-18'))).ok && (await dunningRows(db, invoice.number))).toHaveLength(0);
    const first = await runDunning(db, at('2026-03-19'));
    expect(first.ok && first.created.filter((c) => c.invoiceNumber === invoice.number)).toEqual([{ number: expect.stringMatching(/^MA-2026-\d{4}$/), invoiceNumber: invoice.number, level: 1 }]);
    const again = await runDunning(db, at('2026-03-19', '09:00'));
    expect(again.ok && again.created).toEqual([]);
    const rows = await dunningRows(db, invoice.number);
    expect(rows.map((r: any) => r.dedupe_key)).toEqual([`dunning:${invoice.number}:1:${a.mueller.personId}`]);

    await sendDueNotifications(options, at('2026-03-19', '09:00'));
    const sent = connector.delivered('conv-m').slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0].text).toMatch(new RegExp(`^Zahlungserinnerung MA-2026-\\d{4} zu Rechnung ${invoice.number}: `));
    const card = sent[0].attachments![0].content as any;
    expect(JSON.stringify(card)).toContain('Ich habe schon bezahlt');

    // The notice as a PDF, served like every document by its number (poppler reads it back).
    const file = await findDocumentFile(db, first.ok ? first.created.find((c) => c.invoiceNumber === invoice.number)!.number : '');
    expect(file).toMatchObject({ kind: 'dunning_notice', customerId: a.customers.mueller, formats: ['pdf'] });
    if (hasTool('pdftotext')) {
      const text = pdfPages((await file!.render('pdf')).body).join('\n');
      expect(text).toContain(invoice.number);
      expect(text).toMatch(/Zu zahlen/);
    }

    // Too early for the next level; then the 1st dunning notice with 5 € at 14 days.
    expect((await runDunning(db, at('2026-03-27'))).ok && (await dunningRows(db, invoice.number))).toHaveLength(1);
    const second = await runDunning(db, at('2026-03-30'));
    expect(second.ok && second.created.find((c) => c.invoiceNumber === invoice.number)?.level).toBe(2);
    const notice = await db('dunning_notices').join('invoices', 'invoices.id', 'dunning_notices.invoice_id').where({ 'invoices.number': invoice.number, level: 2 }).first('fee_cents', 'total_cents');
    expect(Number(notice.fee_cents)).toBe(500);
    expect(Number(notice.total_cents)).toBe(invoice.grossCents + 500);

    // Paid after the run, before the send: the notice is dropped, not sent.
    await bookPayment(db, a.accounting, { reference: 'pay-before-send', amountCents: invoice.grossCents, invoiceNumbers: [invoice.number], source: 'chat' }, at('2026-03-30', '08:30'));
    const report = await sendDueNotifications(options, at('2026-03-30', '09:00'));
    expect(report.dropped).toBeGreaterThanOrEqual(1);
    expect(connector.delivered('conv-m').slice(before)).toHaveLength(1);
    const [, level2] = await dunningRows(db, invoice.number);
    expect(level2.status).toBe('dropped');
  });

  it('a dunning stop holds an invoice; customers may not set one', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const { invoices: [invoice] } = await invoicedOrder(db, a.cafe, a.sales, [{ sku: 'PAPER-A4', quantity: 1 }], monday);
    expect(await setDunningStop(db, a.cafe, { invoiceNumber: invoice.number }, 'bitte nicht', null, monday)).toEqual({ ok: false, code: 'forbidden' });
    expect(await setDunningStop(db, a.sales, { invoiceNumber: invoice.number }, '', null, monday)).toEqual({ ok: false, code: 'reason_required' });
    expect(await setDunningStop(db, a.sales, { invoiceNumber: invoice.number }, 'Reklamation', '2026-04-30', monday)).toMatchObject({ ok: true });
    const run = await runDunning(db, at('2026-04-20'));
    expect(run.ok && run.created.some((c) => c.invoiceNumber === invoice.number)).toBe(false);
  });

  it('the daily run is once per working day, catches up at start, and queues one digest per accountant', async () => {
    const { db } = get();
    expect(await runDailyAccounting(db, at('2026-04-04'))).toMatchObject({ ran: false, why: 'not_a_working_day' }); // Saturday
    expect(await runDailyAccounting(db, at('2026-04-03'))).toMatchObject({ ran: false, why: 'not_a_working_day' }); // Good Friday
    expect(await catchUpDailyAccounting(db, '0 8 * * 1-5', at('2026-04-07', '07:30'))).toMatchObject({ ran: false, why: 'not_yet' });
    expect(await catchUpDailyAccounting(db, '0 8 * * 1-5', at('2026-04-07', '11:00'))).toMatchObject({ ran: true, date: '2026-04-07' });
    expect(await runDailyAccounting(db, at('2026-04-07', '11:05'))).toMatchObject({ ran: false, why: 'done_already' });
    const digests = await db('outbox').where('kind', 'accountant_digest').where('dedupe_key', 'like', 'digest:2026-04-07:%');
    expect(digests).toHaveLength(1);
    await sendDueNotifications(options, at('2026-04-07', '11:06'));
    const [digest] = connector.delivered('conv-acc').filter((m) => (m.text ?? '').startsWith('Buchhaltung am 07.04.2026'));
    expect(digest.text).toMatch(/neu überfällig, \d+ Mahnungen, \d+ Zahlungen, \d+ Bankeingänge zur Prüfung, \d+ Aufträge im Kredit-Halt\.$/);
    expect((digest.attachments![0].content as any).actions.map((x: any) => x.data.show)).toEqual(['overdue', 'doubtful', 'held']);
  });

  it('a crash between claim and send loses nothing and doubles nothing', async () => {
    const { db } = get();
    const a = await demoActors(db);
    await invoicedOrder(db, a.mueller, a.sales, [{ sku: 'TONER-BK', quantity: 1 }], at('2026-04-01'));
    await sendDueNotifications(options, at('2026-04-01', '09:00'));
    const run = await runDunning(db, at('2026-04-20'));
    expect(run.ok && run.created.length).toBeGreaterThan(0);
    // A sender claims the notices and dies before sending: nobody else takes them while its lease runs …
    const claimed = (await claimDueNotifications(db, { limit: 100, now: at('2026-04-20', '08:01'), leaseSeconds: 60 })).filter((r) => r.kind === 'dunning_notice');
    expect(claimed.length).toBeGreaterThan(0);
    expect((await claimDueNotifications(db, { limit: 100, now: new Date(at('2026-04-20', '08:01').getTime() + 30_000), leaseSeconds: 60 })).filter((r) => r.kind === 'dunning_notice')).toEqual([]);
    // … then the next sender delivers each once; the dead sender's late mark changes nothing.
    const deliveredBefore = connector.delivered('conv-m').length;
    await sendDueNotifications(options, at('2026-04-20', '08:03'));
    expect(connector.delivered('conv-m').length - deliveredBefore).toBe(claimed.filter((r) => r.personId === a.mueller.personId).length);
    expect(await markSent(db, claimed[0], at('2026-04-20', '08:04'))).toBe(false);
    await sendDueNotifications(options, at('2026-04-20', '09:00'));
    expect(connector.delivered('conv-m').length - deliveredBefore).toBe(claimed.filter((r) => r.personId === a.mueller.personId).length);
  });

  (kind === 'postgres' ? it : it.skip)('two schedulers on one PostgreSQL database race for the same notices: each level once, numbers gapless', async () => {
    // A database of its own: the invoices above are overdue by now and would hold these customers' orders.
    const fresh = await createTestDatabase('postgres');
    const { db, options: dbOptions } = fresh;
    const a = await demoActors(db);
    for (let i = 0; i < 6; i++) await invoicedOrder(db, i % 2 ? a.cafe : a.schmidt, a.sales, [{ sku: 'PAPER-A4', quantity: 1 + i }], at('2026-05-04'));
    const second = openDatabase(dbOptions);
    try {
      const day = at('2026-06-01', '08:00');
      const [x, y] = await Promise.all([runDailyAccounting(db, day), runDailyAccounting(second, day)]);
      expect([x.ran, y.ran].filter(Boolean).length).toBeGreaterThanOrEqual(1);
      const notices = await db('dunning_notices').select('invoice_id', 'level', 'number');
      expect(notices.length).toBe(3); // Anna Schmidt's three invoices, due 18 May (net 14); the café's (net 30) are not due yet
      const keys = notices.map((n: any) => `${n.invoice_id}:${n.level}`);
      expect(new Set(keys).size).toBe(keys.length);
      const numbers = notices.map((n: any) => Number(n.number.slice(-4))).sort((p: number, q: number) => p - q);
      expect(numbers).toEqual(numbers.map((_: number, i: number) => i + 1));
      const digests = await db('outbox').where('dedupe_key', 'like', 'digest:2026-06-01:%');
      expect(digests).toHaveLength(1);
    } finally {
      await second.destroy();
      await fresh.close();
    }
  });
});
