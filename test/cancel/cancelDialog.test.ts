import type { Db } from '../../data/db';
import { getOrder } from '../../data/orders';
import { recordShipment } from '../../operations';
import { demoActors } from '../orders/actors';
import { createTestDatabase, type TestDatabase } from '../support/databases';
import { monday, moveTo, place, textsOf } from '../staff/helpers';
import { bookService, chat, freeStart, quickReplies } from './harness';

async function reservations(db: Db, orderId: number) {
  return db('stock_reservations').join('order_lines', 'order_lines.id', 'stock_reservations.order_line_id').where('order_lines.order_id', orderId)
    .select('stock_reservations.status');
}

describe('cancelling orders and appointments in the chat', () => {
  let database: TestDatabase;
  let db: Db;
  let a: Awaited<ReturnType<typeof demoActors>>;
  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    db = database.db;
    a = await demoActors(db);
  });
  afterAll(async () => {
    await database.close();
  });

  it('cancels an order after a yes, in German: stock released, customer notified with the reason', async () => {
    const order = await place(db, a.mueller, a.customers.mueller, [{ sku: 'PAPER-A4', quantity: 5 }, { sku: 'TONER-BK', quantity: 1 }]);
    expect((await reservations(db, order.id)).map((r: any) => r.status)).toEqual(['reserved', 'reserved']);
    const { say } = chat(db, 'demo-mueller', 'de-DE');

    const question = await say(`Auftrag ${order.number} stornieren`);
    expect(textsOf(question)).toBe(
      `Soll ich Auftrag ${order.number} wirklich stornieren? 5 × Kopierpapier A4, 80 g, 500 Blatt, 1 × Toner schwarz – Gesamtbetrag 135,07 €.`,
    );
    expect(quickReplies(question)).toEqual(['Ja, stornieren', 'Nein, behalten']);

    const done = await say('Ja, stornieren');
    expect(textsOf(done)).toBe(`Auftrag ${order.number} ist storniert. Reservierte Ware und Termine sind wieder freigegeben.`);
    const view = (await getOrder(db, a.mueller, order.number))!;
    expect(view.status).toBe('cancelled');
    expect(view.history[view.history.length - 1]).toMatchObject({ to: 'cancelled', reason: 'Storniert durch den Kunden im Chat', actorRole: 'customer' });
    expect((await reservations(db, order.id)).map((r: any) => r.status)).toEqual(['released', 'released']);
    const notes = await db('outbox').where({ kind: 'order_cancelled', person_id: a.mueller.personId });
    expect(notes.map((n: any) => JSON.parse(n.payload))).toEqual([expect.objectContaining({ orderNumber: order.number, reason: 'Storniert durch den Kunden im Chat' })]);

    // Asking again gets a polite refusal, not a second cancellation.
    expect(textsOf(await say(`Auftrag ${order.number} stornieren`))).toBe(
      `Auftrag ${order.number} lässt sich leider nicht mehr stornieren – er hat bereits den Status „Storniert“.`,
    );
  });

  it('keeps the order when the customer says no, in English', async () => {
    const order = await place(db, a.cafe, a.customers.cafe, [{ sku: 'COFFEE-1KG', quantity: 2 }]);
    const { say } = chat(db, 'demo-cafe', 'en-US');
    const question = await say(`cancel order ${order.number}`);
    expect(textsOf(question)).toMatch(new RegExp(`^Shall I really cancel order ${order.number}\\? 2 .*Coffee.* – total .+\\.$`));
    expect(quickReplies(question)).toEqual(['Yes, cancel it', 'No, keep it']);
    expect(textsOf(await say('No, keep it'))).toBe(`All right, order ${order.number} stays as it is.`);
    expect((await getOrder(db, a.cafe, order.number))!.status).toBe('confirmed');
    expect((await reservations(db, order.id)).map((r: any) => r.status)).toEqual(['reserved']);
  });

  it("answers another customer's order number exactly like an unknown one", async () => {
    const theirs = await place(db, a.cafe, a.customers.cafe, [{ sku: 'COFFEE-1KG', quantity: 1 }]);
    const { say } = chat(db, 'demo-mueller', 'de-DE');
    const foreign = textsOf(await say(`Auftrag ${theirs.number} stornieren`));
    const unknown = textsOf(await say('Auftrag 98765 stornieren'));
    expect(foreign).toBe(`Einen Auftrag mit der Nummer ${theirs.number} finde ich in Ihrem Konto nicht. Bitte prüfen Sie die Nummer.`);
    expect(foreign.replace(theirs.number, 'N')).toBe(unknown.replace('98765', 'N'));
    expect((await getOrder(db, a.cafe, theirs.number))!.status).toBe('confirmed');

    const en = chat(db, 'demo-mueller', 'en-US');
    const foreignEn = textsOf(await en.say(`cancel order ${theirs.number}`));
    expect(foreignEn).toBe(`I cannot find an order with the number ${theirs.number} in your account. Please check the number.`);
    expect(foreignEn.replace(theirs.number, 'N')).toBe(textsOf(await en.say('cancel order 98765')).replace('98765', 'N'));
  });

  it('refuses a shipped order with its status, and an order in work for a customer, in both languages', async () => {
    const shipped = await place(db, a.schmidt, a.customers.schmidt, [{ sku: 'PAPER-A4', quantity: 2 }]);
    await moveTo(db, a.sales, shipped.number, ['in_preparation', 'in_execution', 'ready_to_ship']);
    const sent = await recordShipment(db, a.sales, shipped.number, { carrier: 'DHL', trackingNumber: 'JJD1', lines: [{ lineNo: 1, quantity: 2 }] }, monday);
    expect(sent.ok).toBe(true);
    const inWork = await place(db, a.schmidt, a.customers.schmidt, [{ sku: 'PAPER-A4', quantity: 1 }]);
    await moveTo(db, a.sales, inWork.number, ['in_preparation']);

    const de = chat(db, 'demo-schmidt', 'de-DE');
    expect(textsOf(await de.say(`Auftrag ${shipped.number} stornieren`))).toBe(
      `Auftrag ${shipped.number} lässt sich leider nicht mehr stornieren – er hat bereits den Status „Versandt“.`,
    );
    expect(textsOf(await de.say(`Auftrag ${inWork.number} stornieren`))).toContain(`Auftrag ${inWork.number} ist bereits in Arbeit (Status „In Vorbereitung“)`);

    // Sales may still cancel what the customer may not: a shipped order stays refused, in English.
    const sales = chat(db, 'demo-sales', 'en-US');
    expect(textsOf(await sales.say(`cancel order ${shipped.number}`))).toBe(
      `I am sorry, order ${shipped.number} can no longer be cancelled – its status is already “Shipped”.`,
    );
    expect((await getOrder(db, a.sales, shipped.number))!.status).toBe('shipped');
  });

  it('lets sales cancel with their own reason, which the customer is told', async () => {
    const order = await place(db, a.schmidt, a.customers.schmidt, [{ sku: 'PAPER-A4', quantity: 3 }]);
    await moveTo(db, a.sales, order.number, ['in_preparation']);
    const { say } = chat(db, 'demo-sales', 'de-DE');
    expect(textsOf(await say(`Auftrag ${order.number} stornieren`))).toContain(`Soll ich Auftrag ${order.number} wirklich stornieren?`);
    expect(textsOf(await say('ja'))).toContain('Mit welchem Grund');
    expect(textsOf(await say('Kunde hat telefonisch storniert'))).toContain(`Auftrag ${order.number} ist storniert`);
    const view = (await getOrder(db, a.sales, order.number))!;
    expect(view.history[view.history.length - 1]).toMatchObject({ to: 'cancelled', reason: 'Kunde hat telefonisch storniert', actorRole: 'sales' });
    const [note] = await db('outbox').where({ kind: 'order_cancelled', person_id: a.schmidt.personId });
    expect(JSON.parse(note.payload).reason).toBe('Kunde hat telefonisch storniert');
  });

  it('asks accounting for their reason when they reject a credit hold, and moves no appointments for them', async () => {
    const held = await place(db, a.cafe, a.customers.cafe, [{ sku: 'DESK-160', quantity: 2 }]);
    expect(held.status).toBe('on_hold');
    const { say } = chat(db, 'demo-accounting', 'de-DE');
    await say(`Auftrag ${held.number} stornieren`);
    expect(textsOf(await say('ja'))).toContain('Mit welchem Grund');
    await say('Bonität nicht ausreichend');
    const view = (await getOrder(db, a.accounting, held.number))!;
    expect(view.history[view.history.length - 1]).toMatchObject({ to: 'cancelled', reason: 'Bonität nicht ausreichend', actorRole: 'accountant' });
    expect(textsOf(await say(`Termin von Auftrag ${held.number} verschieben`))).toContain('Termine verschieben kann der Vertrieb');
  });

  it('"cancel my appointment" offers only orders with bookings and frees the appointment, in English', async () => {
    const db2 = await createTestDatabase('sqlite');
    try {
      const x = await demoActors(db2.db);
      await place(db2.db, x.cafe, x.customers.cafe, [{ sku: 'COFFEE-1KG', quantity: 1 }]);
      const booked = await bookService(db2.db, x.cafe, x.customers.cafe, 'SVC-CONSULT', await freeStart(db2.db, 'SVC-CONSULT', '2026-03-05'));
      const { say } = chat(db2.db, 'demo-cafe', 'en-US');

      const question = await say('cancel my appointment');
      expect(textsOf(question)).toContain(`Shall I really cancel order ${booked.number}?`);
      expect(textsOf(question)).toContain('The appointment (');
      await say('yes');
      expect((await getOrder(db2.db, x.cafe, booked.number))!.status).toBe('cancelled');
      expect((await db2.db('service_bookings').where({ order_id: booked.id })).map((b: any) => b.status)).toEqual(['cancelled']);
    } finally {
      await db2.close();
    }
  });

  it('without a number, offers the customer’s own cancellable orders as buttons, in German', async () => {
    const db2 = await createTestDatabase('sqlite');
    try {
      const x = await demoActors(db2.db);
      const first = await place(db2.db, x.mueller, x.customers.mueller, [{ sku: 'PAPER-A4', quantity: 1 }]);
      const second = await place(db2.db, x.mueller, x.customers.mueller, [{ sku: 'TONER-BK', quantity: 1 }]);
      const started = await place(db2.db, x.mueller, x.customers.mueller, [{ sku: 'PAPER-A4', quantity: 2 }]);
      await moveTo(db2.db, x.sales, started.number, ['in_preparation']);
      await place(db2.db, x.cafe, x.customers.cafe, [{ sku: 'PAPER-A4', quantity: 1 }]);
      const { say } = chat(db2.db, 'demo-mueller', 'de-DE');

      const choice = await say('Bestellung stornieren');
      expect(textsOf(choice)).toBe('Welchen Auftrag möchten Sie stornieren?');
      const buttons = quickReplies(choice);
      expect(buttons).toHaveLength(2);
      expect(buttons[0]).toMatch(new RegExp(`^${second.number} vom 02\\.03\\.2026: 1 × Toner schwarz$`));
      expect(buttons[1]).toMatch(new RegExp(`^${first.number} vom`));
      expect(textsOf(await say(second.number))).toContain(`Soll ich Auftrag ${second.number} wirklich stornieren?`);
      expect(textsOf(await say('nein'))).toBe(`In Ordnung, Auftrag ${second.number} bleibt bestehen.`);
    } finally {
      await db2.close();
    }
  });
});
