import { getOrder, type Actor } from '../../data/orders';
import { createTestDatabase, type TestDatabase } from '../support/databases';
import { button, buttons, mueller, orderCount, shown, startOrder } from './orderHarness';

/** Each role and kind of customer reads the order in its own words; questions are grammatical German and English. */
let t: TestDatabase;
beforeEach(async () => {
  t = await createTestDatabase('sqlite');
});
afterEach(() => t.close());

const admin: Actor = { personId: null, role: 'admin', customerId: null, channel: 'test' };
const schmidt = (locale: 'de' | 'en') => ({ user: 'demo-schmidt', locale });
const sales = (locale: 'de' | 'en') => ({ user: 'demo-sales', locale });

describe('private customers (B2C) see gross prices and a button that says they must pay', () => {
  it.each([
    ['de', '2 Stühle', 'Preise inkl. MwSt.', '415,31 €', 'Gesamtpreis inkl. MwSt.\n830,62 €\ndarin enthaltene MwSt. 19 %\n132,62 €', 'zahlungspflichtig bestellen', 'Bestellen'],
    ['en', '2 chairs', 'Prices incl. VAT', '€415.31', 'Total price incl. VAT\n€830.62\nincluded VAT 19%\n€132.62', 'Place order (payment required)', 'Place order'],
  ] as const)('%s', async (locale, text, note, unitGross, totals, paid, plain) => {
    const { conversation, replies } = await startOrder(t.db, text, schmidt(locale));
    const card = shown(replies);
    expect(card).toContain(note);
    expect(card).toContain(unitGross); // 349,00 € net + 19 % per chair
    expect(card).toContain(totals);
    expect(card).not.toMatch(/Netto|Net 19/);
    expect(buttons(replies).map((b) => b.title)).toContain(paid);
    expect(buttons(replies).map((b) => b.title)).not.toContain(plain);
    expect(shown(await conversation.say(button(replies, paid)))).toMatch(/1001/);
    expect((await getOrder(t.db, admin, '1001'))!.totals.grossCents).toBe(83062);
  });

  it.each([
    ['de', '2 Stühle', 'zahlungspflichtig bestellen', 'Ihre Bestellung 1001'],
    ['en', '2 chairs', 'place order (payment required)', 'Your order 1001'],
  ] as const)('typing the button\'s words confirms as well (%s)', async (locale, text, typed, placed) => {
    const { conversation } = await startOrder(t.db, text, schmidt(locale));
    expect(shown(await conversation.say(typed))).toContain(placed);
  });

  it.each([
    ['de', '2 Stühle', 'Preise netto zzgl. MwSt.', 'Netto 19 %\n698,00 €', 'Bestellen'],
    ['en', '2 chairs', 'Prices net, plus VAT', 'Net 19%\n€698.00', 'Place order'],
  ] as const)('business customers keep net prices (%s)', async (locale, text, note, net, confirm) => {
    const { replies } = await startOrder(t.db, text, mueller(locale));
    expect(shown(replies)).toContain(note);
    expect(shown(replies)).toContain(net);
    expect(buttons(replies).map((b) => b.title)).toContain(confirm);
  });
});

describe('sales entering an order for a customer', () => {
  it.each([
    ['de', 'Bestellung für Müller Bau: 5 Stühle', 'Bestellung für Müller Bau GmbH', 'Ihre Bestellung'],
    ['en', 'order for Müller Bau: 5 chairs', 'Order for Müller Bau GmbH', 'Your order'],
  ] as const)('read whose order it is (%s)', async (locale, text, title, yours) => {
    const { replies } = await startOrder(t.db, text, sales(locale));
    expect(shown(replies)).toContain(title);
    expect(shown(replies)).not.toContain(yours);
    expect(shown(replies)).not.toMatch(/Kreditlimit|credit limit/);
  });

  it.each([
    ['de', 'Bestellung für Café Sonnenschein: 3 Stühle', 'Achtung: Mit diesem Auftrag (1.245,93 €) überschreitet Café Sonnenschein das Kreditlimit von 1.000,00 € um 245,93 €', 'Bestellen', 'Angehalten'],
    ['en', 'order for Café Sonnenschein: 3 chairs', 'Note: with this order (€1,245.93) Café Sonnenschein exceeds the credit limit of €1,000.00 by €245.93', 'Place order', 'On hold'],
  ] as const)('are warned before confirming an order that would exceed the credit limit (%s)', async (locale, text, warning, confirm, held) => {
    const { conversation, replies } = await startOrder(t.db, text, sales(locale));
    expect(shown(replies)).toContain(warning);
    expect(await orderCount(t.db)).toBe(0);
    const done = shown(await conversation.say(button(replies, confirm)));
    expect(done).toContain(held);
    expect((await getOrder(t.db, admin, '1001'))!.status).toBe('on_hold');
  });

  it('the warning counts orders already open for the customer', async () => {
    const first = await startOrder(t.db, 'Bestellung für Café Sonnenschein: 2 Stühle', sales('de'));
    expect(shown(first.replies)).not.toContain('Kreditlimit');
    await first.conversation.say(button(first.replies, 'Bestellen'));
    const second = await startOrder(t.db, 'Bestellung für Café Sonnenschein: 1 Stuhl', sales('de'));
    expect(shown(second.replies)).toContain('überschreitet Café Sonnenschein das Kreditlimit von 1.000,00 € um 245,93 € (offen: 830,62 €)');
  });

  it('customers themselves get no credit warning on the summary', async () => {
    const { replies } = await startOrder(t.db, '3 Stühle', { user: 'demo-cafe', locale: 'de' });
    expect(shown(replies)).not.toContain('Kreditlimit');
  });
});

describe('questions in grammatical German and English', () => {
  it.each([
    ['de', 'Bürostühle', 'Wie viele Bürostühle Ergo Pro möchten Sie?'],
    ['en', 'office chairs', 'How many Ergo Pro office chairs would you like?'],
    ['de', 'Kopierpapier', 'Wie viele Pakete Kopierpapier A4, 80 g, 500 Blatt möchten Sie?'],
    ['en', 'copy paper', 'How many reams of Copy paper A4, 80 gsm, ream of 500 would you like?'],
    ['de', 'Türschilder', 'Wie viele Türschilder, graviert möchten Sie?'],
    ['en', 'black toner', 'How many Black toner cartridges would you like?'],
  ] as const)('how many (%s, %s)', async (locale, text, question) => {
    const { replies } = await startOrder(t.db, text, { user: 'demo-mueller', locale });
    expect(shown(replies)).toContain(question);
    expect(shown(replies)).not.toMatch(/Einheit|unit:/);
  });

  it.each([
    ['de', '15 Stühle', 'Von Bürostuhl Ergo Pro sind leider nur 12 Stück sofort lieferbar'],
    ['en', '15 chairs', 'Sorry, only 12 pieces of Ergo Pro office chair are available right now'],
  ] as const)('quantities with their unit in the plural (%s)', async (locale, text, sentence) => {
    const { replies } = await startOrder(t.db, text, mueller(locale));
    expect(shown(replies)).toContain(sentence);
  });

  it.each(['de', 'en'] as const)('one word for VAT on the summary (%s)', async (locale) => {
    const { replies } = await startOrder(t.db, locale === 'de' ? '2 Stühle' : '2 chairs', mueller(locale));
    const card = shown(replies);
    if (locale === 'de') {
      expect(card).toContain('MwSt.');
      expect(card).not.toMatch(/USt|Umsatzsteuer|Mehrwertsteuer/);
    } else {
      expect(card).toContain('VAT');
      expect(card).not.toMatch(/\btax\b|sales tax/i);
    }
  });
});

describe('prices a private customer reads before the summary', () => {
  it.each([
    ['de', 'Katalog', '415,31 € / Stück', 'Preise inkl. MwSt.'],
    ['en', 'catalog', '€415.31 / piece', 'Prices incl. VAT'],
  ] as const)('the catalog card shows gross prices (%s)', async (locale, text, chair, note) => {
    const { replies } = await startOrder(t.db, text, schmidt(locale));
    expect(shown(replies)).toContain(chair);
    expect(shown(replies)).toContain(note);
  });

  it.each([
    ['de', '2 Toner', 'Toner schwarz – 105,91 €'],
    ['en', '2 toner', 'Black toner cartridge – €105.91'],
  ] as const)('the product choice shows gross prices (%s)', async (locale, text, title) => {
    const { replies } = await startOrder(t.db, text, schmidt(locale));
    expect(buttons(replies).map((b) => b.title)).toContain(title);
  });

  it.each([
    ['de', 'Katalog', '349,00 € / Stück', 'Preise netto zzgl. MwSt.'],
    ['en', 'catalog', '€349.00 / piece', 'Prices net, plus VAT'],
  ] as const)('business customers keep net prices in the catalog (%s)', async (locale, text, chair, note) => {
    const { replies } = await startOrder(t.db, text, mueller(locale));
    expect(shown(replies)).toContain(chair);
    expect(shown(replies)).toContain(note);
  });
});
