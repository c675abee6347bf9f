import { recordShipment } from '../../operations';
import { StatusDialog } from '../../dialogs/statusDialog';
import { describeEachDatabase } from '../support/databases';
import { demoActors } from '../orders/actors';
import { cardOf, chatAs, monday, moveTo, place, textOfCard, textsOf } from './helpers';

describeEachDatabase('status questions', ({ get }) => {
  // Two weeks after the orders were placed: orders promised for the first week are late by then.
  const later = new Date('2026-03-16T09:00:00Z');
  const dialog = () => new StatusDialog({ db: get().db, now: () => later });

  it('tells a customer with one order in progress where it is, shipment included', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const order = await place(db, a.schmidt, a.customers.schmidt, [{ sku: 'PAPER-A4', quantity: 3 }]);
    await moveTo(db, a.sales, order.number, ['in_preparation', 'in_execution', 'ready_to_ship']);
    const shipped = await recordShipment(db, a.sales, order.number, { carrier: 'DHL', trackingNumber: 'JJD000123', lines: [{ lineNo: 1, quantity: 3 }] }, monday);
    expect(shipped.ok).toBe(true);

    const { send } = chatAs(db, dialog(), 'demo-schmidt');
    const answer = textsOf(await send('Wo bleibt meine Bestellung?'));
    expect(answer).toContain(`Auftrag ${order.number} vom 02.03.2026: Versandt.`);
    expect(answer).toContain('Inhalt: 3 × Kopierpapier A4, 80 g, 500 Blatt. Gesamt 17,49 €.');
    expect(answer).toContain('Sendung mit DHL, Sendungsnummer JJD000123');

    const { send: sendEn } = chatAs(db, dialog(), 'demo-schmidt', 'en-US');
    expect(textsOf(await sendEn('Where is my order?'))).toContain(`Order ${order.number} of 2 Mar 2026: Shipped.`);
  });

  it('asks which order when several are in progress, then answers about the chosen one', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const first = await place(db, a.mueller, a.customers.mueller, [{ sku: 'PAPER-A4', quantity: 1 }]);
    const second = await place(db, a.mueller, a.customers.mueller, [{ sku: 'TONER-BK', quantity: 1 }], { requestedDate: '2026-03-05' });
    const { send } = chatAs(db, dialog(), 'demo-mueller');
    const [question] = await send('Wo bleibt meine Bestellung?');
    expect(question.text).toBe('Sie haben mehrere laufende Aufträge. Welchen meinen Sie?');
    const offered = question.suggestedActions!.actions.map((x) => x.value);
    expect(offered).toEqual(expect.arrayContaining([first.number, second.number]));
    const answer = textsOf(await send(second.number));
    expect(answer).toContain(`Auftrag ${second.number} vom 02.03.2026: Bestätigt.`);
    expect(answer).toContain('Zugesagt für 05.03.2026.');
  });

  it("answers another customer's order number exactly like an unknown number", async () => {
    const { db } = get();
    const a = await demoActors(db);
    const foreign = await place(db, a.cafe, a.customers.cafe, [{ sku: 'COFFEE-1KG', quantity: 2 }]);
    const unknown = String(Number(foreign.number) + 5000);
    const { send } = chatAs(db, dialog(), 'demo-mueller');
    const aboutForeign = textsOf(await send(`Status Auftrag ${foreign.number}`));
    const aboutUnknown = textsOf(await send(`Status Auftrag ${unknown}`));
    expect(aboutForeign).toBe(`Einen Auftrag mit der Nummer ${foreign.number} finde ich in Ihrem Konto nicht. Bitte prüfen Sie die Nummer.`);
    expect(aboutForeign.replace(foreign.number, 'N')).toBe(aboutUnknown.replace(unknown, 'N'));

    // The owner gets the real answer.
    const { send: owner } = chatAs(db, dialog(), 'demo-cafe');
    expect(textsOf(await owner(`Status Auftrag ${foreign.number}`))).toContain(`Auftrag ${foreign.number} vom 02.03.2026`);
  });

  it('tells staff that an order number does not exist, in both languages, without speaking of their account', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const order = await place(db, a.sales, a.customers.mueller, [{ sku: 'PAPER-A4', quantity: 1 }]);
    const missing = String(Number(order.number) + 5000);
    const { send } = chatAs(db, dialog(), 'demo-sales');
    expect(textsOf(await send(`Status Auftrag ${missing}`))).toBe(`Einen Auftrag mit der Nummer ${missing} gibt es nicht. Bitte prüfen Sie die Nummer.`);
    const { send: sendEn } = chatAs(db, dialog(), 'demo-sales', 'en-US');
    expect(textsOf(await sendEn(`status of order ${missing}`))).toBe(`There is no order with the number ${missing}. Please check the number.`);
  });

  it('gives staff the order card, a customer’s orders and what is late', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const late = await place(db, a.sales, a.customers.mueller, [{ sku: 'DESK-160', quantity: 1 }], { requestedDate: '2026-03-04' });
    const onTime = await place(db, a.sales, a.customers.schmidt, [{ sku: 'DESK-160', quantity: 1 }], { requestedDate: '2026-03-30' });
    const { send } = chatAs(db, dialog(), 'demo-sales');

    const card = cardOf(await send(`Status Auftrag ${late.number}`));
    expect(textOfCard(card)).toContain(`Auftrag ${late.number} · Müller Bau GmbH`);
    expect(card.actions.length).toBeGreaterThan(0);

    const mueller = textOfCard(cardOf(await send('Aufträge von Müller Bau')));
    expect(mueller).toContain('Aufträge von Müller Bau GmbH');
    expect(mueller).toContain(`Auftrag ${late.number}`);
    expect(mueller).not.toContain('Anna Schmidt');
    expect(textOfCard(cardOf(await send('Aufträge von Mueller Bau')))).toContain('Aufträge von Müller Bau GmbH');

    const overdue = textOfCard(cardOf(await send('what is late?')));
    expect(overdue).toContain(`Auftrag ${late.number}`);
    expect(overdue).not.toContain(`Auftrag ${onTime.number}`);

    expect(textsOf(await send('Aufträge von Niemand GmbH'))).toBe('Einen Kunden „Niemand GmbH“ finde ich nicht. Nennen Sie bitte den Namen oder die Kundennummer.');
  });
});
