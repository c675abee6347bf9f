import { getOrder, type Actor } from '../../data/orders';
import { describeEachDatabase } from '../support/databases';
import { button, buttons, orderCount, shown, startOrder } from './orderHarness';

const admin: Actor = { personId: null, role: 'admin', customerId: null, channel: 'test' };

/** Who may order for whom, and the complete flow, on SQLite and PostgreSQL (one database per block). */
describeEachDatabase('order dialog', ({ get }) => {
  it.each([
    ['de', '5 Pakete Kopierpapier und 2 schwarze Toner bis Freitag', 'Bestellen', /Ihre Bestellung (\d+) ist bestätigt\./],
    ['en', '5 reams of paper and 2 black toner cartridges by Friday', 'Place order', /Your order (\d+) is confirmed\./],
  ] as const)('a customer orders in two turns (%s)', async (locale, text, confirm, placed) => {
    const { db } = get();
    const { conversation, replies } = await startOrder(db, text, { user: 'demo-mueller', locale });
    const done = shown(await conversation.say(button(replies, confirm)));
    const number = placed.exec(done)![1];
    const order = (await getOrder(db, admin, number))!;
    expect(order.customer.number).toBe('10001');
    expect(order.lines.map((l) => [l.sku, l.quantity])).toEqual([['PAPER-A4', 5], ['TONER-BK', 2]]);
    expect(order.enteredBy?.name).toBe('Peter Müller');
    expect(order.channel).toBe('directline');
  });

  it('stock shortage with backorder and a service slot in one order', async () => {
    const { db } = get();
    const { conversation, replies } = await startOrder(db, '2 Monitore und Druckerwartung nächsten Dienstag vormittag', { user: 'demo-cafe', locale: 'de' });
    expect(shown(replies)).toContain('Monitor 27 Zoll ist leider gerade nicht auf Lager.');
    const slotQuestion = await conversation.say(button(replies, 'Alles zusammen liefern, sobald verfügbar'));
    const slot = buttons(slotQuestion)[0].data;
    const summary = await conversation.say(slot);
    const done = shown(await conversation.say(button(summary, 'Bestellen')));
    const number = /Bestellung (\d+) ist/.exec(done)![1];
    const order = (await getOrder(db, admin, number))!;
    expect(order.backorderChoice).toBe('backorder');
    expect(order.serviceBookings.map((b) => b.start)).toContain(slot.start);
  });

  it('sales staff order on behalf of Müller Bau: customer from the message, entered-by and channel recorded', async () => {
    const { db } = get();
    const { conversation, replies } = await startOrder(db, 'Bestellung für Müller Bau: 5 Stühle', { user: 'demo-sales', locale: 'de', channel: 'msteams' });
    expect(shown(replies)).toContain('Müller Bau GmbH');
    const done = shown(await conversation.say(button(replies, 'Bestellen')));
    const number = /Auftrag (\d+) für Müller Bau GmbH ist angelegt\./.exec(done)![1];
    const order = (await getOrder(db, admin, number))!;
    expect(order.customer.name).toBe('Müller Bau GmbH');
    expect(order.enteredBy?.name).toBe('Sabine Vogel');
    expect(order.channel).toBe('msteams');
  });

  it('sales staff without a customer in the message choose one from a card', async () => {
    const { db } = get();
    const { conversation, replies } = await startOrder(db, 'two chairs please', { user: 'demo-sales', locale: 'en' });
    expect(shown(replies)).toContain('Which customer is this order for?');
    expect(buttons(replies).map((b) => b.data.customer)).toEqual(['10001', '10002', '10003']);
    const summary = shown(await conversation.say(button(replies, /Anna Schmidt/)));
    expect(summary).toContain('Anna Schmidt, Lindenweg 3, 14482 Potsdam');
    expect(summary).toContain('2 × Ergo Pro office chair');
  });

  it.each([
    ['de', 'Als Buchhaltung können Sie leider keine Bestellungen aufgeben.'],
    ['en', 'Sorry, accounting cannot place orders.'],
  ] as const)('accountants are refused politely (%s)', async (locale, refusal) => {
    const { db } = get();
    const before = await orderCount(db);
    const { conversation, replies } = await startOrder(db, '5 Stühle', { user: 'demo-accounting', locale });
    expect(shown(replies)).toContain(refusal);
    expect(conversation.client.dialogTurnResult.result).toEqual({ outcome: 'refused' });
    expect(await orderCount(db)).toBe(before);
  });
});
