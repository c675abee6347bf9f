import { ConversationState, MemoryStorage, type TurnContext } from 'botbuilder';
import { listProducts } from '../../data/catalog';
import { getPerson } from '../../data/parties';
import { setTurnUser } from '../../dialogs/turnUser';
import { understand } from '../../dialogs/understanding';
import { DialogTestClient } from 'botbuilder-testing';
import { openDatabase } from '../../data/db';
import { getOrder } from '../../data/orders';
import { placeOrder } from '../../operations';
import { KnexStorage } from '../../data/storage';
import { OrderDialog } from '../../dialogs/orderDialog';
import { createTestDatabase, type TestDatabase } from '../support/databases';
import { button, converse, mueller, muellerActor, orderCount, shown, startOrder, TUESDAY_MORNING } from './orderHarness';

/** Corrections, interruptions, pauses and restarts: the draft is never lost and never placed twice. */
let t: TestDatabase;
beforeEach(async () => {
  t = await createTestDatabase('sqlite');
});
afterEach(() => t.close());


describe('corrections', () => {
  it.each([
    ['de', '2 Stühle und 3 Packungen Kaffee', 'doch lieber 3 Stühle', '3 × Bürostuhl Ergo Pro', '3 × Kaffeebohnen'],
    ['de', '2 Stühle und 3 Packungen Kaffee', 'noch 2 Stühle dazu', '4 × Bürostuhl Ergo Pro', '3 × Kaffeebohnen'],
    ['de', '2 Stühle und 3 Packungen Kaffee', 'noch 2 schwarze Toner dazu', '2 × Toner schwarz', '2 × Bürostuhl Ergo Pro'],
    ['en', '2 chairs and 3 bags of coffee', 'actually make that five', '5 × Coffee beans', '2 × Ergo Pro office chair'],
    ['en', '2 chairs and 3 bags of coffee', 'add 2 more chairs', '4 × Ergo Pro office chair', '3 × Coffee beans'],
    // A bare quantity whose unit belongs to one line is for that line, not for the line named last.
    ['de', '10 Pakete Papier und 2 schwarze Toner', 'nein, 12 Pakete', '12 × Kopierpapier', '2 × Toner schwarz'],
    ['en', '10 reams of paper and 2 black toners', 'no, 12 reams', '12 × Copy paper', '2 × Black toner'],
    ['de', '10 Pakete Papier und 2 schwarze Toner', 'doch lieber 3', '3 × Toner schwarz', '10 × Kopierpapier'],
  ] as const)('at the summary (%s): "%s" + "%s"', async (locale, first, change, expected, kept) => {
    const { conversation } = await startOrder(t.db, first, mueller(locale));
    const summary = shown(await conversation.say(change));
    expect(summary).toContain(expected);
    expect(summary).toContain(kept);
  });

  it.each([
    ['de', '2 Stühle und 3 Packungen Kaffee', 'ohne Kaffee', 'Kaffeebohnen 1 kg ist entfernt.', 'Bestellen'],
    ['en', '2 chairs and 3 bags of coffee', 'remove the coffee', 'Coffee beans 1 kg has been removed.', 'Place order'],
  ] as const)('removing an item at the summary (%s)', async (locale, first, change, told, confirm) => {
    const { conversation } = await startOrder(t.db, first, mueller(locale));
    const replies = await conversation.say(change);
    expect(shown(replies)).toContain(told);
    expect(shown(replies)).not.toMatch(/3 × (Kaffee|Coffee)/);
    await conversation.say(button(replies, confirm));
    expect((await getOrder(t.db, muellerActor, '1001'))!.lines.map((l) => l.sku)).toEqual(['CHAIR-ERGO']);
  });

  it('mid-flow: an item added while a quantity is asked, then the question again', async () => {
    const { conversation, replies } = await startOrder(t.db, 'Kopierpapier', mueller('de'));
    expect(shown(replies)).toContain('Wie viele Pakete Kopierpapier');
    const again = shown(await conversation.say('und noch 2 Packungen Kaffee'));
    expect(again).toContain('Erledigt, ich habe die Bestellung angepasst.');
    expect(again).toContain('Wie viele Pakete Kopierpapier');
    const summary = shown(await conversation.say('5'));
    expect(summary).toContain('5 × Kopierpapier');
    expect(summary).toContain('2 × Kaffeebohnen');
  });

  it('mid-flow: a date given while a product is being chosen', async () => {
    const { conversation } = await startOrder(t.db, '2 Toner', mueller('en'));
    const again = shown(await conversation.say('deliver on Friday please'));
    expect(again).toContain('Which “Toner” do you mean?');
    const summary = shown(await conversation.say('the black toner'));
    expect(summary).toContain('Fri, 27 Nov 2026');
  });
});

describe('language and account', () => {
  it('"English please" mid-order asks the pending question again in English and remembers it', async () => {
    const { conversation } = await startOrder(t.db, 'Kopierpapier', mueller('de'));
    expect(shown(await conversation.say('English please'))).toContain('How many reams of Copy paper');
    expect(shown(await conversation.say('4'))).toContain('4 × Copy paper');
    expect((await getPerson(t.db, 1))!.locale).toBe('en');
  });

  it('started by the main dialog with only the understanding: person and language come from the turn user', async () => {
    const person = (await getPerson(t.db, 1))!;
    const setUser = { onTurn: async (context: TurnContext, next: () => Promise<void>) => {
      setTurnUser(context, { person, locale: 'en', userId: 'demo-mueller' });
      await next();
    } };
    const catalog = await listProducts(t.db);
    const understanding = understand('2 chairs', { locale: 'en', catalog, now: TUESDAY_MORNING });
    const clock = { now: TUESDAY_MORNING };
    const client = new DialogTestClient('directline', new OrderDialog({ db: t.db, now: () => clock.now }), { understanding }, [setUser]);
    const summary = await converse(client, clock).say('2 chairs');
    expect(shown(summary)).toContain('2 × Ergo Pro office chair');
    await converse(client, clock).say(button(summary, 'Place order'));
    expect((await getOrder(t.db, muellerActor, '1001'))!.channel).toBe('directline');
  });

  it('a customer naming another account still orders for their own', async () => {
    const { conversation, replies } = await startOrder(t.db, 'Bestellung für Café Sonnenschein: 2 Stühle', mueller('de'));
    expect(shown(replies)).toContain('Müller Bau GmbH');
    await conversation.say(button(replies, 'Bestellen'));
    expect((await getOrder(t.db, muellerActor, '1001'))!.customer.number).toBe('10001');
  });
});

describe('interruptions', () => {
  it.each([
    ['de', 'hilfe', 'Sie sind gerade beim Bestellen', 'Wie viele Pakete Kopierpapier'],
    ['en', 'help', 'You are in the middle of an order', 'How many reams of Copy paper'],
  ] as const)('help (%s): help text, then the same question again', async (locale, help, text, question) => {
    const { conversation } = await startOrder(t.db, locale === 'de' ? 'Kopierpapier' : 'copy paper', mueller(locale));
    const replies = await conversation.say(help);
    expect(replies).toHaveLength(2);
    expect(shown(replies)).toContain(text);
    expect(shown(replies)).toContain(question);
    expect(shown(await conversation.say('3'))).toMatch(/3 × (Kopierpapier|Copy paper)/);
  });

  it.each([
    ['de', 'abbrechen', 'nein', 'Gut, dann machen wir weiter.', 'ja', 'die Bestellung ist abgebrochen'],
    ['en', 'cancel', 'no', 'Good, let us continue.', 'yes', 'the order has been cancelled'],
  ] as const)('cancel (%s) asks first when a draft would be lost', async (locale, cancel, no, goOn, yes, cancelled) => {
    const { conversation } = await startOrder(t.db, locale === 'de' ? '2 Stühle' : '2 chairs', mueller(locale));
    expect(shown(await conversation.say(cancel))).toMatch(/wirklich abbrechen|really want to cancel/);
    const resumed = shown(await conversation.say(no));
    expect(resumed).toContain(goOn);
    expect(resumed).toMatch(/2 × (Bürostuhl|Ergo Pro)/);
    expect(shown(await conversation.say(cancel))).toMatch(/wirklich abbrechen|really want to cancel/);
    expect(shown(await conversation.say(yes))).toContain(cancelled);
    expect(conversation.client.dialogTurnResult.result).toEqual({ outcome: 'cancelled' });
    expect(await orderCount(t.db)).toBe(0);
  });

  it('after Change, the Confirm button of the summary still on screen places the order', async () => {
    const { conversation, replies } = await startOrder(t.db, '2 Stühle', mueller('de'));
    await conversation.say(button(replies, 'Ändern'));
    expect(shown(await conversation.say(button(replies, 'Bestellen')))).toContain('Ihre Bestellung 1001 ist bestätigt.');
  });

  it('the Cancel button on the summary card asks the same question', async () => {
    const { conversation, replies } = await startOrder(t.db, '2 Stühle', mueller('de'));
    expect(shown(await conversation.say(button(replies, 'Abbrechen')))).toContain('wirklich abbrechen');
    expect(shown(await conversation.say('ja'))).toContain('abgebrochen');
    expect(conversation.client.dialogTurnResult.result).toEqual({ outcome: 'cancelled' });
  });

  it('cancel with nothing entered yet stops at once', async () => {
    const { conversation } = await startOrder(t.db, 'Ich möchte bestellen', mueller('de'));
    expect(shown(await conversation.say('abbrechen'))).toContain('die Bestellung ist abgebrochen');
    expect(conversation.client.dialogTurnResult.result).toEqual({ outcome: 'cancelled' });
  });

  it.each([
    ['de', 'Status Auftrag 1001', 'Auftrag 1001: Bestätigt.', 'Weiter mit Ihrer Bestellung:', 'Wie viele Pakete Kopierpapier'],
    ['en', 'status of order 1001', 'Order 1001: Confirmed.', 'Back to your order:', 'How many reams of Copy paper'],
  ] as const)('a status question mid-order (%s) is answered, then the order goes on', async (locale, question, answer, back, pending) => {
    const placed = await placeOrder(t.db, muellerActor, { customerId: 1, lines: [{ sku: 'DESK-160', quantity: 1 }] }, new Date('2026-11-24T08:00:00Z'));
    expect(placed.ok).toBe(true);
    const { conversation } = await startOrder(t.db, locale === 'de' ? 'Kopierpapier' : 'copy paper', mueller(locale));
    const replies = shown(await conversation.say(question));
    expect(replies).toContain(answer);
    expect(replies).toContain(back);
    expect(replies).toContain(pending);
    expect(shown(await conversation.say('2'))).toMatch(/2 × (Kopierpapier|Copy paper)/);
  });

  it("a status question about another customer's order finds nothing", async () => {
    await placeOrder(t.db, { personId: 2, role: 'customer', customerId: 2, channel: 'directline' }, { customerId: 2, lines: [{ sku: 'PAPER-A4', quantity: 1 }] }, new Date('2026-11-24T08:00:00Z'));
    const { conversation } = await startOrder(t.db, 'Kopierpapier', mueller('de'));
    expect(shown(await conversation.say('Status Auftrag 1001'))).toContain('Einen Auftrag 1001 finde ich in Ihrem Konto nicht.');
  });
});

describe('pauses, restarts and double clicks', () => {
  it.each([
    ['de', 'ja', 'Wie viele Pakete Kopierpapier'],
    ['en', 'yes', 'How many reams of Copy paper'],
  ] as const)('after more than an hour (%s) the customer is asked whether to continue; yes resumes the question', async (locale, yes, question) => {
    const { conversation } = await startOrder(t.db, locale === 'de' ? 'Kopierpapier' : 'copy paper', mueller(locale));
    conversation.clock.now = new Date(conversation.clock.now.getTime() + 61 * 60_000);
    expect(shown(await conversation.say('5'))).toMatch(/Bestellung angefangen|You had started an order/);
    expect(shown(await conversation.say(yes))).toContain(question);
    expect(shown(await conversation.say('5'))).toMatch(/5 × (Kopierpapier|Copy paper)/);
  });

  it('after a long pause "no" discards the draft', async () => {
    const { conversation } = await startOrder(t.db, '2 Stühle', mueller('de'));
    conversation.clock.now = new Date(conversation.clock.now.getTime() + 3 * 3_600_000);
    expect(shown(await conversation.say('hallo'))).toContain('(2 × Bürostuhl Ergo Pro)');
    expect(shown(await conversation.say('nein'))).toContain('Entwurf verworfen');
    expect(conversation.client.dialogTurnResult.result).toEqual({ outcome: 'discarded' });
  });

  it('a pause under an hour asks nothing', async () => {
    const { conversation } = await startOrder(t.db, 'Kopierpapier', mueller('de'));
    conversation.clock.now = new Date(conversation.clock.now.getTime() + 59 * 60_000);
    expect(shown(await conversation.say('5'))).toContain('5 × Kopierpapier');
  });

  it('a half-finished draft survives a server restart (dialog state in the knex storage)', async () => {
    const first = await startOrder(t.db, '2 Stühle und Kopierpapier', { ...mueller('de'), conversationState: new ConversationState(new KnexStorage(t.db)) });
    expect(shown(first.replies)).toContain('Wie viele Pakete Kopierpapier');

    // A new process: new database connection, new dialog instance, new state objects; same conversation id.
    const db = openDatabase(t.options);
    try {
      const clock = { now: first.conversation.clock.now };
      const client = new DialogTestClient('directline', new OrderDialog({ db, now: () => clock.now }), undefined, [], new ConversationState(new KnexStorage(db)));
      const summary = await converse(client, clock).say('sieben');
      expect(shown(summary)).toContain('7 × Kopierpapier');
      expect(shown(summary)).toContain('2 × Bürostuhl');
      await converse(client, clock).say(button(summary, 'Bestellen'));
      expect((await getOrder(db, muellerActor, '1001'))!.lines).toHaveLength(2);
    } finally {
      await db.destroy();
    }
  });

  it('Confirm clicked twice on the same summary creates one order', async () => {
    // Two turns racing on the same saved state: each places the draft with the same draft key.
    const storage = new MemoryStorage();
    const { conversation, replies } = await startOrder(t.db, '2 Stühle', { ...mueller('de'), conversationState: new ConversationState(storage) });
    const saved = JSON.parse(JSON.stringify((storage as any).memory));
    const confirm = button(replies, 'Bestellen');
    const first = shown(await conversation.say(confirm));

    const clock = conversation.clock;
    const twin = new DialogTestClient('directline', new OrderDialog({ db: t.db, now: () => clock.now }), undefined, [], new ConversationState(new MemoryStorage(saved)));
    const second = shown(await converse(twin, clock).say(confirm));

    expect(first).toContain('Ihre Bestellung 1001 ist bestätigt.');
    expect(second).toContain('Diese Bestellung ist bereits als 1001 eingegangen.');
    expect(await orderCount(t.db)).toBe(1);
  });
});
