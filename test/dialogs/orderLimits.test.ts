import { getOrder } from '../../data/orders';
import { createTestDatabase, type TestDatabase } from '../support/databases';
import { button, mueller, muellerActor, orderCount, shown, startOrder, TUESDAY_MORNING } from './orderHarness';

/** Quantities out of range, number formats, orders that fail on Confirm and products that leave the catalog. */
let t: TestDatabase;
beforeEach(async () => {
  t = await createTestDatabase('sqlite');
});
afterEach(() => t.close());

const confirm = { de: 'Bestellen', en: 'Place order' } as const;
const askedBack = {
  de: /kann ich für „[^“]+“ leider nicht übernehmen.*Bitte nennen Sie eine Menge zwischen 1 und 10\.000/s,
  en: /cannot take that quantity for “[^”]+”.*Please give a quantity between 1 and 10,000/s,
} as const;
/** Problem codes are for programs; a person never sees one. */
const rawCode = /\b[a-z]+_[a-z_]+\b|[A-Z]+-[A-Z0-9]+/;

describe('a quantity outside 1..10,000 is asked back politely instead of planned', () => {
  it.each([
    ['de', '1000000000 Türschilder', /5 × Türschild/],
    ['en', '1000000000 door signs', /5 × (Engraved door sign|Door sign)/i],
    ['de', '2,5 Stühle', /5 × Bürostuhl/],
    ['en', '2.5 chairs', /5 × (Ergo Pro|Office chair)/i],
    ['de', '20.000 Pakete Kopierpapier', /5 × Kopierpapier/],
  ] as const)('%s: "%s"', async (locale, text, five) => {
    const { conversation, replies } = await startOrder(t.db, text, mueller(locale));
    expect(shown(replies)).toMatch(askedBack[locale]);
    expect(shown(replies)).not.toMatch(rawCode);
    const again = await conversation.say(locale === 'de' ? '0,5' : '0.5');
    expect(shown(again)).toMatch(locale === 'de' ? /zwischen 1 und 10\.000/ : /between 1 and 10,000/);
    const summary = await conversation.say('5');
    expect(shown(summary)).toMatch(five);
    expect(await orderCount(t.db)).toBe(0);
  });

  it('a correction with an unusable quantity keeps the line and asks again (de)', async () => {
    const { conversation } = await startOrder(t.db, '3 Stühle', mueller('de'));
    const replies = await conversation.say('doch lieber 50000');
    expect(shown(replies)).toMatch(askedBack.de);
    expect(shown(replies)).not.toContain('Erledigt');
    const summary = await conversation.say('4');
    expect(shown(summary)).toMatch(/4 × Bürostuhl/);
  });

  it('adding beyond 10,000 to a line asks again (en)', async () => {
    const { conversation } = await startOrder(t.db, '5 door signs', mueller('en'));
    expect(shown(await conversation.say('add 9,999 more door signs'))).toMatch(askedBack.en);
  });

  it('"1.000 Pakete" mid-order is a thousand, not a zero that deletes the line', async () => {
    const { conversation } = await startOrder(t.db, '5 Pakete Kopierpapier', mueller('de'));
    const replies = shown(await conversation.say('doch lieber 1.000 Pakete Kopierpapier'));
    expect(replies).not.toMatch(/entfernt/);
    expect(replies).toMatch(/nur 400 Pakete? .*sofort lieferbar \(Sie möchten 1000\)/);
  });

  it.each([
    ['de', { 'qty_CHAIR-ERGO': '2.5' }],
    ['en', { 'qty_CHAIR-ERGO': '20000' }],
    ['de', { 'qty_CHAIR-ERGO': '-3' }],
  ] as const)('from the catalog card (%s): %j', async (locale, fields) => {
    const { conversation } = await startOrder(t.db, locale === 'de' ? 'Katalog' : 'catalog', mueller(locale));
    const replies = await conversation.say({ action: 'order.catalog', ...fields });
    expect(shown(replies)).toMatch(askedBack[locale]);
    expect(shown(await conversation.say('2'))).toMatch(/2 × (Bürostuhl|Ergo Pro)/);
  });
});

describe('a catalog card submit only adds products of the catalog', () => {
  it.each(['de', 'en'] as const)('a made-up SKU is ignored (%s)', async (locale) => {
    const { conversation } = await startOrder(t.db, locale === 'de' ? 'Katalog' : 'catalog', mueller(locale));
    const empty = await conversation.say({ action: 'order.catalog', qty_XYZ: 1 });
    expect(shown(empty)).toMatch(locale === 'de' ? /keine Menge eingetragen/ : /did not enter a quantity/);
    const replies = await conversation.say({ action: 'order.catalog', qty_XYZ: '1', 'qty_PAPER-A4': '3' });
    expect(shown(replies)).toMatch(/3 × (Kopierpapier|Copy paper)/);
    expect(shown(replies)).not.toMatch(/XYZ/i);
    await conversation.say(button(replies, confirm[locale]));
    const order = (await getOrder(t.db, muellerActor, '1001'))!;
    expect(order.lines.map((l) => [l.sku, l.quantity])).toEqual([['PAPER-A4', 3]]);
  });
});

describe('a product that leaves the catalog while the draft is open', () => {
  it.each([
    ['de', '3 Stühle', 'noch 2 Pakete Papier dazu', /„Bürostuhl[^“]*“ führen wir leider nicht mehr/],
    ['en', '3 chairs', 'add 2 reams of paper', /we no longer carry “[^”]*chair[^”]*”/i],
  ] as const)('is dropped with a note at the next change (%s)', async (locale, first, change, note) => {
    const { conversation } = await startOrder(t.db, first, mueller(locale));
    await t.db('products').where({ sku: 'CHAIR-ERGO' }).update({ active: false });
    const replies = shown(await conversation.say(change));
    expect(replies).toMatch(note);
    expect(replies).toMatch(/2 × (Kopierpapier|Copy paper)/);
    expect(replies).not.toMatch(/3 ×/);
  });

  it.each(['de', 'en'] as const)('is dropped with a note when Confirm fails on it (%s)', async (locale) => {
    const { conversation, replies } = await startOrder(t.db, locale === 'de' ? '3 Stühle und 2 Pakete Papier' : '3 chairs and 2 reams of paper', mueller(locale));
    await t.db('products').where({ sku: 'CHAIR-ERGO' }).update({ active: false });
    const failed = shown(await conversation.say(button(replies, confirm[locale])));
    expect(failed).toMatch(locale === 'de' ? /konnte so noch nicht angelegt werden.*führen wir leider nicht mehr/s : /could not be placed yet.*no longer carry/s);
    expect(failed).not.toMatch(rawCode);
    expect(await orderCount(t.db)).toBe(0);
    await conversation.say(locale === 'de' ? 'ja' : 'yes');
    const order = (await getOrder(t.db, muellerActor, '1001'))!;
    expect(order.lines.map((l) => [l.sku, l.quantity])).toEqual([['PAPER-A4', 2]]);
  });
});

describe('Confirm after the requested date came too close asks for the date again', () => {
  const WEDNESDAY_MORNING = new Date(TUESDAY_MORNING.getTime() + 24 * 3600_000);
  it.each([
    ['de', '5 Pakete Kopierpapier bis morgen', /Ihr Wunschtermin lässt sich so nicht mehr halten/, /Mi\., 25\.11\.2026 liegt nicht in der Zukunft/, 'Freitag'],
    ['en', '5 reams of copy paper by tomorrow', /Your requested date can no longer be met/, /Wed, 25 Nov 2026 is not in the future/, 'Friday'],
  ] as const)('%s', async (locale, text, problem, question, friday) => {
    const { conversation, replies } = await startOrder(t.db, text, mueller(locale));
    expect(shown(replies)).toMatch(locale === 'de' ? /Mi\., 25\.11\.2026/ : /Wed, 25 Nov 2026/);
    conversation.clock.now = WEDNESDAY_MORNING; // the customer paused overnight and carries on
    expect(shown(await conversation.say(button(replies, confirm[locale])))).toMatch(/Möchten Sie damit weitermachen\?|Would you like to continue with it\?/);
    const resumed = await conversation.say(locale === 'de' ? 'Ja' : 'Yes');
    const failed = shown(await conversation.say(button(resumed, confirm[locale])));
    expect(failed).toMatch(problem);
    expect(failed).toMatch(question);
    expect(failed).not.toMatch(rawCode);
    expect(await orderCount(t.db)).toBe(0);

    const summary = await conversation.say(friday);
    expect(shown(summary)).toMatch(locale === 'de' ? /Fr\., 27\.11\.2026/ : /Fri, 27 Nov 2026/);
    await conversation.say(button(summary, confirm[locale]));
    const order = (await getOrder(t.db, muellerActor, '1001'))!;
    expect(order.requestedDate).toBe('2026-11-27');
  });
});
