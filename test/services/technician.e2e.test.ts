import { berlinDateOf } from '../../domain/calendar';
import { bookDemoAppointments } from '../../operations';
import { describeEachDatabase } from '../support/databases';
import { cardsOf, demoChats, type ChatActivity } from '../support/directlineClient';
import { startTestServer, TestServer } from '../support/server';

/**
 * The demo technician's day through the local Direct Line channel and the real server (which runs on the real
 * clock, so the demo appointments are booked relative to it and asked for by their date).
 */
describeEachDatabase('the technician through the local Direct Line channel', ({ get }) => {
  let server: TestServer;
  const demo = demoChats(() => server.url);
  const said = (m: ChatActivity) => (m.text ?? '') + cardsOf(m);
  let tomsOrder = '';
  let day = '';

  beforeAll(async () => {
    server = await startTestServer(get());
    await bookDemoAppointments(server.app.db, new Date());
    const row = await server.app.db('service_bookings as b').join('orders as o', 'o.id', 'b.order_id')
      .where({ 'b.resource_id': 'tom-richter', 'b.sku': 'SVC-PRINTER' }).first('o.number', 'b.starts_at');
    tomsOrder = row.number;
    day = berlinDateOf(new Date(row.starts_at));
  });
  afterAll(async () => {
    demo.end();
    await server.close();
  });

  it('Tom is welcomed as a technician, sees his day and reports a visit asked step by step (German)', async () => {
    const chat = await demo.signIn('demo-tom', 'de-DE', { skipWelcome: false });
    expect(said(await chat.nextBotMessage())).toContain('Hier sehen Sie Ihre Termine');
    const [y, m, d] = day.split('-');
    await chat.send(`meine Termine am ${Number(d)}.${Number(m)}.${y}`);
    const plan = said(await chat.nextBotMessage());
    expect(plan).toContain('Meine Termine');
    expect(plan).toContain('Müller Bau GmbH');
    expect(plan).toContain(tomsOrder);
    await chat.send('offene Aufträge');
    expect(said(await chat.nextBotMessage())).not.toContain('Offene Aufträge');

    await chat.send(`${tomsOrder} erledigt`);
    expect(said(await chat.nextBotMessage())).toContain(`Was wurde bei Auftrag ${tomsOrder} gemacht?`);
    await chat.send('Drucker gereinigt, Trommel getauscht');
    expect(said(await chat.nextBotMessage())).toContain('Wie lange hat der Einsatz');
    await chat.send('2 Stunden');
    expect(said(await chat.nextBotMessage())).toContain(`Auftrag ${tomsOrder} als erledigt melden: „Drucker gereinigt, Trommel getauscht“, Dauer 2 Stunden?`);
    await chat.send('Ja, melden');
    expect(said(await chat.nextBotMessage())).toContain(`Erledigt: Auftrag ${tomsOrder} (Druckerwartung vor Ort), 2 Stunden.`);
    const booking = await server.app.db('service_bookings as b').join('orders as o', 'o.id', 'b.order_id').where({ 'o.number': tomsOrder, 'b.resource_id': 'tom-richter' }).first('b.status', 'b.report', 'b.actual_minutes');
    expect(booking).toMatchObject({ status: 'done', report: 'Drucker gereinigt, Trommel getauscht', actual_minutes: 120 });
  });

  it('Lena sees her own day in English and may not report Tom’s visit', async () => {
    const chat = await demo.signIn('demo-lena', 'en-GB');
    await chat.send('help');
    expect(said(await chat.nextBotMessage())).toContain('my appointments today');
    const other = await server.app.db('service_bookings as b').join('orders as o', 'o.id', 'b.order_id')
      .where({ 'b.resource_id': 'tom-richter', 'b.status': 'booked' }).first('o.number');
    await chat.send(`${other.number} done`);
    expect(said(await chat.nextBotMessage())).toContain(`I find no appointment of yours for order ${other.number}.`);
  });
});
