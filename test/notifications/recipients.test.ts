import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { sendDueNotifications, type NotifierOptions, type SendReport } from '../../bot/notifier';
import { saveConversationRef } from '../../data/conversationRefs';
import type { Db } from '../../data/db';
import { transitionOrder } from '../../operations';
import { enqueueNotification } from '../../data/outbox';
import { bookService, freeStart } from '../cancel/harness';
import { demoActors } from '../orders/actors';
import { place } from '../staff/helpers';
import { describeEachDatabase } from '../support/databases';
import { cardProblems } from '../cards/adaptiveCard15';
import { startRecordingConnector } from './connector';

/** Monday 2 March 2026, 10:00 in Berlin (winter time, UTC+1). */
const base = new Date('2026-03-02T09:00:00Z');
const at = (iso: string) => new Date(iso);

describeEachDatabase('notifications to anyone, at any time', ({ kind, get }) => {
  let connector: Awaited<ReturnType<typeof startRecordingConnector>>;
  let options: NotifierOptions;
  let orderNumber: string;
  let secondAccountant: number;

  const rowsWithKey = (db: Db, prefix: string) => db('outbox').where('dedupe_key', 'like', `${prefix}%`).orderBy('id');
  /** Successful sends of one outbox row, by the id every message carries. */
  const sendsOf = (rowId: number) => connector.calls.filter((c) => c.status === 200 && c.activity.channelData?.notification?.id === `notification-${rowId}`);

  async function link(db: Db, personId: number | null, conversationId: string, locale: 'de' | 'en' = 'de') {
    await saveConversationRef(db, {
      channelId: 'directline', conversationId, personId, locale,
      reference: {
        channelId: 'directline', serviceUrl: connector.serviceUrl, conversation: { id: conversationId },
        bot: { id: 'auftragsbot', name: 'Auftragsbot' }, user: { id: `user-${conversationId}` }, locale: locale === 'de' ? 'de-DE' : 'en-US',
      },
    });
  }

  beforeAll(async () => {
    const { db } = get();
    connector = await startRecordingConnector();
    options = {
      db, adapter: new CloudAdapter(new ConfigurationBotFrameworkAuthentication({})), appId: '',
      quietHours: { start: '20:00', end: '08:00' },
    };
    const a = await demoActors(db);
    const [inserted] = await db('persons').insert({ display_name: 'Lena Kraus', role: 'accountant', customer_id: null, locale: 'en' }).returning('id');
    secondAccountant = typeof inserted === 'object' ? Number(inserted.id) : Number(inserted);
    await link(db, a.mueller.personId, 'conv-mueller');
    await link(db, a.accounting.personId, 'conv-accounting');
    await link(db, secondAccountant, 'conv-kraus', 'en');
    // A team channel of the accounting department, linked to the person who set it up.
    await link(db, a.accounting.personId, 'conv-team');
    // Becker's own messages go to the chat he used last, not to the team channel.
    await db('conversation_refs').where({ conversation_id: 'conv-team' }).update({ updated_at: 1 });
    orderNumber = (await place(db, a.mueller, a.customers.mueller, [{ sku: 'TONER-BK', quantity: 1 }])).number;
    await sendDueNotifications(options, base); // the order's own confirmation goes out first
  });
  afterAll(async () => {
    await connector.close();
  });

  it('does not send a delayed row before its time, and sends it once when it is due', async () => {
    const { db } = get();
    const a = await demoActors(db);
    await enqueueNotification(db, {
      recipient: { kind: 'person', personId: a.mueller.personId! }, kind: 'order_delivered', payload: { orderNumber },
      dedupeKey: 'test:delayed', dueAt: at('2026-03-02T10:00:00Z'),
    }, base);
    const [row] = await rowsWithKey(db, 'test:delayed');
    expect(row).toMatchObject({ recipient_kind: 'person', due_at: '2026-03-02T10:00:00.000Z', next_attempt_at: '2026-03-02T10:00:00.000Z' });

    await sendDueNotifications(options, at('2026-03-02T09:59:59Z'));
    expect(sendsOf(row.id)).toHaveLength(0);
    expect((await rowsWithKey(db, 'test:delayed'))[0]).toMatchObject({ status: 'pending', attempts: 0 });

    await sendDueNotifications(options, at('2026-03-02T10:00:00Z'));
    await sendDueNotifications(options, at('2026-03-02T11:00:00Z'));
    expect(sendsOf(row.id).map((c) => c.activity.text)).toEqual([`Ihr Auftrag ${orderNumber} wurde zugestellt. Vielen Dank für Ihre Bestellung!`]);
  });

  it('holds a customer message in quiet hours and releases it at 08:00 Berlin time; staff messages go out at once', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const evening = at('2026-03-02T20:30:00Z'); // 21:30 in Berlin
    await enqueueNotification(db, { recipient: { kind: 'person', personId: a.mueller.personId! }, kind: 'order_delivered', payload: { orderNumber }, dedupeKey: 'test:quiet:customer' }, evening);
    await enqueueNotification(db, {
      recipient: { kind: 'person', personId: a.accounting.personId! }, kind: 'order_on_hold_review', payload: { orderNumber, reason: 'credit_limit' }, dedupeKey: 'test:quiet:staff',
    }, evening);
    const [customerRow] = await rowsWithKey(db, 'test:quiet:customer');
    const [staffRow] = await rowsWithKey(db, 'test:quiet:staff');
    expect([customerRow.quiet, staffRow.quiet].map((q) => q === true || q === 1)).toEqual([true, false]);

    const report = await sendDueNotifications(options, evening);
    expect(report).toMatchObject({ sent: 1, held: 1 });
    expect(sendsOf(staffRow.id)).toHaveLength(1);
    expect(sendsOf(customerRow.id)).toHaveLength(0);
    // Held, not failed: no attempt counted, due again when the quiet hours end (08:00 in Berlin = 07:00 UTC).
    expect((await rowsWithKey(db, 'test:quiet:customer'))[0]).toMatchObject({ status: 'pending', attempts: 0, next_attempt_at: '2026-03-03T07:00:00.000Z' });

    await sendDueNotifications(options, at('2026-03-03T06:59:00Z'));
    expect(sendsOf(customerRow.id)).toHaveLength(0);
    await sendDueNotifications(options, at('2026-03-03T07:00:00Z'));
    await sendDueNotifications(options, at('2026-03-03T08:00:00Z'));
    expect(sendsOf(customerRow.id)).toHaveLength(1);
    expect(sendsOf(staffRow.id)).toHaveLength(1);
  });

  it('gives a message to every accountant each once, in their own language', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const digest = { recipient: { kind: 'role' as const, role: 'accountant' as const }, kind: 'order_on_hold_review', payload: { orderNumber, reason: 'credit_limit' }, dedupeKey: 'test:role:accountants' };
    await enqueueNotification(db, digest, at('2026-03-03T09:00:00Z'));
    await enqueueNotification(db, digest, at('2026-03-03T09:00:01Z')); // queued twice by a retried operation
    const rows = await rowsWithKey(db, 'test:role:accountants');
    expect(rows.map((r) => [r.recipient_kind, r.recipient_role, Number(r.person_id), r.dedupe_key])).toEqual([
      ['role', 'accountant', a.accounting.personId, `test:role:accountants:${a.accounting.personId}`],
      ['role', 'accountant', secondAccountant, `test:role:accountants:${secondAccountant}`],
    ]);

    await Promise.all([sendDueNotifications(options, at('2026-03-03T09:00:05Z')), sendDueNotifications(options, at('2026-03-03T09:00:05Z'))]);
    await sendDueNotifications(options, at('2026-03-03T10:00:00Z'));
    const [becker, kraus] = rows.map((r) => sendsOf(r.id));
    expect(becker.map((c) => c.conversationId)).toEqual(['conv-accounting']);
    expect(kraus.map((c) => c.conversationId)).toEqual(['conv-kraus']);
    expect(becker[0].activity.text).toMatch(new RegExp(`^Auftrag ${orderNumber} \\(Müller Bau GmbH, .+\\) ist angehalten: Kreditlimit überschritten`));
    expect(kraus[0].activity.text).toMatch(new RegExp(`^Order ${orderNumber} \\(Müller Bau GmbH, .+\\) is on hold: credit limit exceeded`));
  });

  it('drops an appointment reminder whose appointment was cancelled, and sends the one still booked', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const cancelled = await bookService(db, a.mueller, a.customers.mueller, 'SVC-PRINTER', await freeStart(db, 'SVC-PRINTER', '2026-03-09'));
    const kept = await bookService(db, a.mueller, a.customers.mueller, 'SVC-PRINTER', await freeStart(db, 'SVC-PRINTER', '2026-03-10'));
    for (const order of [cancelled, kept]) {
      const start = order.serviceBookings[0].start;
      await enqueueNotification(db, {
        recipient: { kind: 'person', personId: a.mueller.personId! }, kind: 'appointment_reminder',
        payload: { orderNumber: order.number, sku: 'SVC-PRINTER', start }, dedupeKey: `test:reminder:${order.number}:${start.slice(0, 10)}`,
        dueAt: at('2026-03-06T09:00:00Z'),
      }, base);
    }
    const cancel = await transitionOrder(db, a.mueller, cancelled.number, { to: 'cancelled', reason: 'Drucker verkauft' }, at('2026-03-04T09:00:00Z'));
    expect(cancel.ok).toBe(true);

    const report = await sendDueNotifications(options, at('2026-03-06T09:00:00Z'));
    expect(report.dropped).toBe(1);
    const [dropped, sent] = await rowsWithKey(db, 'test:reminder:');
    expect(dropped).toMatchObject({ status: 'dropped', sent_at: null });
    expect(dropped.last_error).toMatch(/no longer booked/);
    expect(sendsOf(dropped.id)).toHaveLength(0);
    expect(sent.status).toBe('sent');
    expect(sendsOf(sent.id).map((c) => c.activity.text)).toEqual([
      expect.stringMatching(new RegExp(`^Erinnerung: Ihr Termin zu Auftrag ${kept.number} \\(Druckerwartung vor Ort\\) ist am 10\\.03\\.2026, `)),
    ]);
    // Text and card in one message: the card repeats the facts for channels that show it.
    const [card] = sendsOf(sent.id)[0].activity.attachments;
    expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardProblems(card.content)).toEqual([]);
    expect(card.content.body[1].facts.map((f: any) => f.value)).toEqual(['Druckerwartung vor Ort', expect.stringMatching(/^10\.03\.2026, /), kept.number]);
  });

  it('lets two sender instances deliver rows of every recipient kind exactly once', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const due = at('2026-03-04T10:00:00Z');
    for (let i = 0; i < 6; i++) {
      const message = { kind: 'order_on_hold_review', payload: { orderNumber, reason: 'credit_limit', i }, dueAt: due };
      await enqueueNotification(db, { ...message, recipient: { kind: 'person', personId: a.mueller.personId! }, kind: 'order_delivered', dedupeKey: `test:many:person:${i}` }, base);
      await enqueueNotification(db, { ...message, recipient: { kind: 'role', role: 'accountant' }, dedupeKey: `test:many:role:${i}` }, base);
      await enqueueNotification(db, { ...message, recipient: { kind: 'conversation', channelId: 'directline', conversationId: 'conv-team' }, dedupeKey: `test:many:conversation:${i}` }, base);
    }
    const rows = await rowsWithKey(db, 'test:many:');
    expect(rows).toHaveLength(24);
    expect(new Set(rows.map((r) => r.recipient_kind))).toEqual(new Set(['person', 'role', 'conversation']));

    const second: NotifierOptions = { ...options, adapter: new CloudAdapter(new ConfigurationBotFrameworkAuthentication({})), batchSize: 3 };
    const first: NotifierOptions = { ...options, batchSize: 3 };
    const totals = [0, 0];
    for (let pass = 0; pass < 12; pass++) {
      const reports: SendReport[] = await Promise.all([sendDueNotifications(first, due), sendDueNotifications(second, due)]);
      reports.forEach((r, i) => (totals[i] += r.sent));
    }
    for (const row of rows) expect(sendsOf(row.id)).toHaveLength(1);
    expect(connector.calls.filter((c) => rows.some((r) => c.activity.channelData?.notification?.id === `notification-${r.id}`))).toHaveLength(24);
    expect((await rowsWithKey(db, 'test:many:')).every((r) => r.status === 'sent')).toBe(true);
    expect(totals[0] + totals[1]).toBe(24);
    if (kind === 'postgres') expect(totals.every((n) => n > 0)).toBe(true);
    const team = rows.filter((r) => r.recipient_kind === 'conversation').flatMap((r) => sendsOf(r.id).map((c) => c.conversationId));
    expect(new Set(team)).toEqual(new Set(['conv-team']));
  });
});
