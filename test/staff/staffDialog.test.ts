import { getOrder, listOrders } from '../../data/orders';
import { StaffDialog } from '../../dialogs/staffDialog';
import { describeEachDatabase } from '../support/databases';
import { demoActors } from '../orders/actors';
import { cardOf, chatAs, monday, moveTo, place, submitActions, textOfCard, textsOf } from './helpers';

describeEachDatabase('staff dialog', ({ get }) => {
  const dialog = () => new StaffDialog({ db: get().db, now: () => monday });

  it('shows the open orders as a card list with paging, forward and back', async () => {
    const { db } = get();
    const a = await demoActors(db);
    for (let i = 0; i < 6; i++) await place(db, a.sales, a.customers.schmidt, [{ sku: 'COFFEE-1KG', quantity: 1 }]);
    const { total } = await listOrders(db, a.sales, { statuses: ['received', 'checked', 'on_hold', 'confirmed', 'in_preparation', 'in_execution', 'ready_to_ship', 'partially_shipped'] }, monday);
    expect(total).toBeGreaterThan(5);

    const { send } = chatAs(db, dialog(), 'demo-sales');
    const first = cardOf(await send('offene Aufträge'));
    expect(first.body[0].text).toBe('Offene Aufträge');
    expect(first.body[1].text).toBe(`Aufträge 1–5 von ${total}`);
    const opens = submitActions(first).filter((x) => x.title === 'Öffnen');
    expect(opens).toHaveLength(5);
    const paging = first.actions.map((x: any) => x.title);
    expect(paging).toEqual(['Weiter ›']);

    const second = cardOf(await send(first.actions[0].data));
    expect(second.body[1].text).toBe(`Aufträge 6–${Math.min(10, total)} von ${total}`);
    expect(second.actions.map((x: any) => x.title)).toContain('‹ Zurück');
    const back = second.actions.find((x: any) => x.title === '‹ Zurück');
    expect(cardOf(await send(back.data)).body[1].text).toBe(`Aufträge 1–5 von ${total}`);
  });

  it('lists the orders on hold and those to ship today, in English too', async () => {
    const { db } = get();
    const a = await demoActors(db);
    // 30 chairs are far above Café Sonnenschein's credit limit: the order is held for sales.
    const held = await place(db, a.cafe, a.customers.cafe, [{ sku: 'CHAIR-ERGO', quantity: 5 }]);
    expect(held.status).toBe('on_hold');
    const ready = await place(db, a.sales, a.customers.mueller, [{ sku: 'PAPER-A4', quantity: 2 }]);
    await moveTo(db, a.sales, ready.number, ['in_preparation', 'in_execution', 'ready_to_ship']);

    const { send } = chatAs(db, dialog(), 'demo-sales', 'en-US');
    const onHold = textOfCard(cardOf(await send('orders on hold')));
    expect(onHold).toContain(`Order ${held.number}`);
    expect(onHold).toContain('On hold');
    const today = textOfCard(cardOf(await send('to ship today')));
    expect(today).toContain(`Order ${ready.number}`);
    expect(today).not.toContain(`Order ${held.number}`);
  });

  it('pages a long order card: the first lines, how many more, and a button that opens the next page', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const skus = ['PAPER-A4', 'TONER-BK', 'TONER-COLOR', 'CHAIR-ERGO', 'DESK-160', 'COFFEE-1KG'];
    const order = await place(db, a.sales, a.customers.mueller, skus.map((sku) => ({ sku, quantity: 1 })));
    // More lines than a card holds, straight into the table: only how the card shows them matters here.
    const line = await db('order_lines').where({ order_id: (await db('orders').where({ number: order.number }).first()).id }).orderBy('line_no').first();
    const { id: _id, ...copy } = line;
    await db('order_lines').insert(Array.from({ length: 14 }, (_, i) => ({ ...copy, line_no: 100 + i })));
    const { send } = chatAs(db, dialog(), 'demo-sales');
    const first = cardOf(await send({ action: 'staff.open', order: order.number }));
    expect(textOfCard(first)).toContain('… und 5 weitere Positionen');
    const more = submitActions(first).find((x) => x.data.action === 'staff.open')!;
    expect(more).toEqual({ title: 'Weitere Positionen und Verlauf (2/2)', data: { action: 'staff.open', order: order.number, page: 1 } });
    const second = cardOf(await send(more.data));
    expect(textOfCard(second)).not.toContain('weitere Positionen');
    expect(submitActions(second).some((x) => x.data.action === 'staff.open')).toBe(false);
    expect(submitActions(second).map((x) => x.data.action)).toContain('staff.transition'); // the steps stay on every page
  });

  it('offers only the steps allowed now on the order card, with history and totals', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const order = await place(db, a.mueller, a.customers.mueller, [{ sku: 'PAPER-A4', quantity: 10 }, { sku: 'TONER-BK', quantity: 1 }]);
    const { send } = chatAs(db, dialog(), 'demo-sales');

    const card = cardOf(await send({ action: 'staff.open', order: order.number }));
    const text = textOfCard(card);
    expect(text).toContain(`Auftrag ${order.number} · Müller Bau GmbH`);
    expect(text).toContain('Status: Bestätigt');
    expect(text).toContain('10 Paket × Kopierpapier A4, 80 g, 500 Blatt');
    expect(text).toContain('Gesamt');
    expect(text).toContain('Peter Müller'); // who placed it, in the history
    expect(card.actions.map((x: any) => x.title)).toEqual(['In Vorbereitung', 'Storniert…']);
    expect(card.actions[0].data).toEqual({ action: 'staff.transition', order: order.number, to: 'in_preparation', version: order.version });

    await moveTo(db, a.sales, order.number, ['in_preparation', 'in_execution', 'ready_to_ship']);
    const ready = cardOf(await send(`Status Auftrag ${order.number}`));
    expect(ready.actions.map((x: any) => x.title)).toEqual(['Versendet…', 'Storniert…']);
  });

  it('takes a step from a button and answers with the fresh card', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const order = await place(db, a.mueller, a.customers.mueller, [{ sku: 'PAPER-A4', quantity: 1 }]);
    const { send } = chatAs(db, dialog(), 'demo-sales');
    const card = cardOf(await send({ action: 'staff.open', order: order.number }));
    const replies = await send(card.actions[0].data);
    expect(textsOf(replies)).toBe(`Auftrag ${order.number} ist jetzt: In Vorbereitung.`);
    expect(cardOf(replies).actions.map((x: any) => x.title)).toEqual(['In Produktion', 'Storniert…']);
    expect((await getOrder(db, a.sales, order.number))!.status).toBe('in_preparation');
  });

  it('refuses an illegal step by text with the reason and the steps possible now', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const order = await place(db, a.mueller, a.customers.mueller, [{ sku: 'PAPER-A4', quantity: 1 }]);
    const { send } = chatAs(db, dialog(), 'demo-sales');
    const answer = textsOf(await send(`${order.number} ist geliefert`));
    expect(answer).toBe(
      `Auftrag ${order.number} kann nicht auf „Zugestellt“ gesetzt werden: Er steht derzeit auf „Bestätigt“. ` +
        'Möglich ist jetzt: In Vorbereitung, Storniert.',
    );
    expect((await getOrder(db, a.sales, order.number))!.status).toBe('confirmed');

    const { send: sendEn } = chatAs(db, dialog(), 'demo-sales', 'en-US');
    expect(textsOf(await sendEn(`mark order ${order.number} as delivered`))).toContain('cannot be set to “Delivered”: It is currently “Confirmed”.');
  });

  it('answers a stale card with "changed meanwhile" and changes nothing', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const order = await place(db, a.mueller, a.customers.mueller, [{ sku: 'PAPER-A4', quantity: 1 }]);
    const { send } = chatAs(db, dialog(), 'demo-sales');
    const stale = cardOf(await send({ action: 'staff.open', order: order.number }));
    await send(`${order.number} in Vorbereitung`); // someone moves it by text meanwhile
    const replies = await send(stale.actions[0].data); // the old "In Vorbereitung" button
    expect(textsOf(replies)).toContain(`Auftrag ${order.number} wurde inzwischen geändert`);
    expect(textOfCard(cardOf(replies))).toContain('Status: In Vorbereitung');
    const now = (await getOrder(db, a.sales, order.number))!;
    expect(now.history.map((h) => h.to)).toEqual(['received', 'checked', 'confirmed', 'in_preparation']);
  });

  it('asks for a reason before cancelling, records it, and can be called off', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const order = await place(db, a.mueller, a.customers.mueller, [{ sku: 'PAPER-A4', quantity: 1 }]);
    const { send } = chatAs(db, dialog(), 'demo-sales');
    const card = cardOf(await send({ action: 'staff.open', order: order.number }));
    const cancel = card.actions.find((x: any) => x.title === 'Storniert…');

    expect(textsOf(await send(cancel.data))).toBe(`Auftrag ${order.number} → Storniert: Bitte nennen Sie kurz den Grund (oder „abbrechen“).`);
    expect(textsOf(await send('abbrechen'))).toBe('In Ordnung, ich habe nichts geändert.');
    expect((await getOrder(db, a.sales, order.number))!.status).toBe('confirmed');

    await send(cancel.data);
    const done = await send('Kunde hat telefonisch storniert');
    expect(textsOf(done)).toBe(`Auftrag ${order.number} ist jetzt: Storniert.`);
    const view = (await getOrder(db, a.sales, order.number))!;
    expect(view.history.at(-1)).toMatchObject({ to: 'cancelled', reason: 'Kunde hat telefonisch storniert', actorName: 'Sabine Vogel' });
    expect(textOfCard(cardOf(done))).toContain('Grund: Kunde hat telefonisch storniert');
  });

  it('releases a credit hold with a comment; the order goes on to confirmed', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const held = await place(db, a.cafe, a.customers.cafe, [{ sku: 'CHAIR-ERGO', quantity: 5 }]);
    const { send } = chatAs(db, dialog(), 'demo-sales');
    const card = cardOf(await send({ action: 'staff.open', order: held.number }));
    expect(textOfCard(card)).toContain('Grund für Halt: Kreditlimit überschritten');
    expect(card.actions.map((x: any) => x.title)).toEqual(['Freigeben…', 'Ablehnen…']);
    expect(textsOf(await send(card.actions[0].data))).toContain('Bitte geben Sie einen Kommentar ein');
    await send('Vorkasse vereinbart');
    const view = (await getOrder(db, a.sales, held.number))!;
    expect(view.status).toBe('confirmed');
    expect(view.history.find((h) => h.from === 'on_hold')).toMatchObject({ to: 'checked', reason: 'Vorkasse vereinbart' });
  });

  it('ships partially then fully through the form, with a delivery note number each time', async () => {
    const { db } = get();
    const a = await demoActors(db);
    const order = await place(db, a.mueller, a.customers.mueller, [{ sku: 'PAPER-A4', quantity: 10 }, { sku: 'TONER-BK', quantity: 2 }]);
    const { send } = chatAs(db, dialog(), 'demo-sales');

    expect(textsOf(await send(`${order.number} versendet`))).toContain('kann nicht auf „Versandt“ gesetzt werden: Er steht derzeit auf „Bestätigt“.');
    await moveTo(db, a.sales, order.number, ['in_preparation', 'in_execution', 'ready_to_ship']);

    const form = cardOf(await send(`${order.number} versendet`));
    const inputs = form.body.filter((e: any) => e.type === 'Input.Number');
    expect(inputs.map((i: any) => [i.id, i.value, i.max])).toEqual([['qty_1', 10, 10], ['qty_2', 2, 2]]);
    const submit = form.actions[0].data;

    // What Web Chat and Teams send: the button's data merged with the inputs, numbers as strings.
    const partial = await send({ ...submit, carrier: 'DHL', trackingNumber: '00340434161234567890', qty_1: '4', qty_2: '0' });
    const first = /Lieferschein (\S+) für Auftrag/.exec(textsOf(partial))?.[1];
    expect(first).toBeTruthy();
    expect(textsOf(partial)).toContain('(DHL, Sendungsnummer 00340434161234567890). Status: Teilweise versandt.');

    // The same form sent again (a double click) must not ship a second time.
    expect(textsOf(await send({ ...submit, carrier: 'DHL', trackingNumber: '00340434161234567890', qty_1: '4', qty_2: '0' }))).toContain('wurde inzwischen geändert');

    const rest = cardOf(await send(`${order.number} versendet`));
    expect(rest.body.filter((e: any) => e.type === 'Input.Number').map((i: any) => [i.id, i.value])).toEqual([['qty_1', 6], ['qty_2', 2]]);
    expect(textsOf(await send({ ...rest.actions[0].data, carrier: 'DHL', trackingNumber: 'T2', qty_1: '7', qty_2: '2' }))).toContain('Die Mengen passen nicht');
    const full = await send({ ...rest.actions[0].data, carrier: 'UPS', trackingNumber: '1Z999', qty_1: '6', qty_2: '2' });
    const second = /Lieferschein (\S+) für Auftrag/.exec(textsOf(full))?.[1];
    expect(second).toBeTruthy();
    expect(second).not.toBe(first);
    expect(textsOf(full)).toContain('Status: Versandt.');

    const view = (await getOrder(db, a.sales, order.number))!;
    expect(view.shipments.map((s) => [s.deliveryNoteNumber, s.carrier, s.trackingNumber])).toEqual([
      [first, 'DHL', '00340434161234567890'],
      [second, 'UPS', '1Z999'],
    ]);
    expect(view.lines.map((l) => l.shippedQuantity)).toEqual([10, 2]);
    expect(cardOf(full).actions.map((x: any) => x.title)).toEqual(['Zugestellt']);
  });

  it('keeps customers out of the staff functions', async () => {
    const { db } = get();
    const { send } = chatAs(db, dialog(), 'demo-mueller');
    expect(textsOf(await send('offene Aufträge'))).toMatch(/dem Vertrieb vorbehalten/);
    expect(textsOf(await send({ action: 'staff.open', order: '1001' }))).toMatch(/dem Vertrieb vorbehalten/);
  });
});
