import type { Activity } from 'botbuilder';
import { getOrder } from '../../data/orders';
import { createTestDatabase, type TestDatabase } from '../support/databases';
import { button, buttons, mueller, muellerActor, shown, startOrder } from './orderHarness';

/** Starting from the catalog, order verbs without a product, ambiguous quantities and corrections in one message. */
let t: TestDatabase;
beforeEach(async () => {
  t = await createTestDatabase('sqlite');
});
afterEach(() => t.close());

const submit = { de: 'Übernehmen', en: 'Add to order' } as const;
const confirm = { de: 'Bestellen', en: 'Place order' } as const;

/** The ids of the quantity inputs of the catalog cards in the replies. */
function quantityInputs(replies: Partial<Activity>[]): string[] {
  const ids: string[] = [];
  const walk = (v: any): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      if (v.type === 'Input.Number') ids.push(v.id);
      Object.values(v).forEach(walk);
    }
  };
  walk(replies.flatMap((r) => r.attachments?.map((a) => a.content) ?? []));
  return ids;
}

describe('asking for the catalog starts the order with the catalog card', () => {
  it.each([
    ['de', 'Katalog', /Was möchten Sie bestellen\?/, 'Büromöbel'],
    ['de', 'Katalog zeigen', /Was möchten Sie bestellen\?/, 'Büromöbel'],
    ['de', 'was habt ihr?', /Was möchten Sie bestellen\?/, 'Büromöbel'],
    ['en', 'show me the catalog', /What would you like to order\?/, 'Office furniture'],
    ['en', 'what do you sell?', /What would you like to order\?/, 'Office furniture'],
  ] as const)('%s: %s', async (locale, text, question, category) => {
    const { conversation, replies } = await startOrder(t.db, text, mueller(locale));
    expect(replies).toHaveLength(1);
    expect(shown(replies)).toMatch(question);
    expect(shown(replies)).toContain(category);
    expect(button(replies, submit[locale])).toEqual({ action: 'order.catalog' });
    expect(quantityInputs(replies)).toEqual(expect.arrayContaining(['qty_PAPER-A4', 'qty_CHAIR-ERGO', 'qty_COFFEE-1KG']));
    expect(quantityInputs(replies)).toContain('qty_SVC-PRINTER'); // services are booked from the catalog too

    const summary = await conversation.say({ action: 'order.catalog', 'qty_CHAIR-ERGO': '3', 'qty_COFFEE-1KG': 2 });
    expect(shown(summary)).toMatch(/3 × (Bürostuhl Ergo Pro|Ergo Pro office chair)/);
    await conversation.say(button(summary, confirm[locale]));
    const order = (await getOrder(t.db, muellerActor, '1001'))!;
    expect(order.lines.map((l) => [l.sku, l.quantity])).toEqual([['CHAIR-ERGO', 3], ['COFFEE-1KG', 2]]);
  });

  it.each([
    ['de', 'Katalog', 'Katalog'],
    ['en', 'catalog please', 'Catalog'],
  ] as const)('asked for at the summary (%s), the card comes and its quantities join the draft', async (locale, text, title) => {
    const { conversation } = await startOrder(t.db, locale === 'de' ? '2 Stühle' : '2 chairs', mueller(locale));
    const shownCard = await conversation.say(text);
    expect(shown(shownCard)).toContain(title);
    expect(buttons(shownCard).map((b) => b.data.action)).toEqual(expect.arrayContaining(['order.catalog', 'order.confirm']));
    const summary = shown(await conversation.say({ action: 'order.catalog', 'qty_PAPER-A4': '5' }));
    expect(summary).toMatch(/2 × (Bürostuhl|Ergo Pro)/);
    expect(summary).toMatch(/5 × (Kopierpapier|Copy paper)/);
  });
});

describe('a service from the catalog', () => {
  it.each(['de', 'en'] as const)('is booked like a typed booking: the appointment is asked, then it is in the order (%s)', async (locale) => {
    const { conversation } = await startOrder(t.db, locale === 'de' ? 'Katalog' : 'catalog', mueller(locale));
    const asked = await conversation.say({ action: 'order.catalog', 'qty_SVC-PRINTER': '1', 'qty_PAPER-A4': '2', 'qty_TONER-BK': '' });
    expect(shown(asked)).toMatch(locale === 'de' ? /Termine frei – welcher passt Ihnen\?/ : /appointment|slot|time/i);
    const slot = buttons(asked).find((b) => b.data.action === 'order.slot')!;
    const summary = await conversation.say(slot.data);
    expect(shown(summary)).toMatch(/1 × (Druckerwartung vor Ort|On-site printer maintenance)/);
    await conversation.say(button(summary, confirm[locale]));
    const order = (await getOrder(t.db, muellerActor, '1001'))!;
    expect(order.lines.map((l) => [l.sku, l.quantity])).toEqual(expect.arrayContaining([['SVC-PRINTER', 1], ['PAPER-A4', 2]]));
    expect(order.serviceBookings.length).toBeGreaterThan(0);
  });
});

describe('an order verb without a product', () => {
  it.each([
    ['de', 'Ich möchte etwas bestellen', /Was möchten Sie bestellen\?/],
    ['en', "I'd like to order something", /What would you like to order\?/],
  ] as const)('%s: "%s" asks what they would like and offers the catalog', async (locale, text, question) => {
    const { conversation, replies } = await startOrder(t.db, text, mueller(locale));
    expect(shown(replies)).toMatch(question);
    expect(shown(replies)).not.toMatch(/kenne ich leider nicht|do not know|führen wir leider nicht|do not carry/);
    expect(button(replies, submit[locale])).toEqual({ action: 'order.catalog' });
    const next = shown(await conversation.say(locale === 'de' ? '4 Pakete Papier' : '4 reams of paper'));
    expect(next).toMatch(/4 × (Kopierpapier|Copy paper)/);
  });
});

describe('an ambiguous mention keeps its quantity', () => {
  it.each([
    ['de', '2 Toner und 3 Stühle', /^Toner schwarz/, ['2 × Toner schwarz', '3 × Bürostuhl Ergo Pro']],
    ['en', 'two toners and 3 chairs', /^Colour toner/, ['2 × Colour toner set C/M/Y', '3 × Ergo Pro office chair']],
    ['de', '2 Toner, ach nein, lieber 4', /^Toner schwarz/, ['4 × Toner schwarz']],
  ] as const)('%s: %s', async (locale, text, pick, lines) => {
    const { conversation, replies } = await startOrder(t.db, text, mueller(locale));
    expect(buttons(replies).map((b) => b.data.sku)).toEqual(['TONER-BK', 'TONER-COLOR']);
    const summary = shown(await conversation.say(button(replies, pick)));
    for (const line of lines) expect(summary).toContain(line);
    expect(summary).not.toMatch(/Wie viel|How many/);
  });

  it('without a quantity the picked product is asked for one', async () => {
    const { conversation, replies } = await startOrder(t.db, 'Toner bitte', mueller('de'));
    const asked = shown(await conversation.say(button(replies, /^Toner schwarz/)));
    expect(asked).toContain('Wie viele Toner schwarz möchten Sie?');
    expect(shown(await conversation.say('drei Stück'))).toContain('3 × Toner schwarz');
  });
});

describe('corrections in one message keep the other lines', () => {
  it.each([
    ['en', 'three reams of paper, actually make that five, and 2 bags of coffee', ['5 × Copy paper', '2 × Coffee beans 1 kg']],
    ['de', 'drei Pakete Papier, ach nein, lieber fünf, und 2 Packungen Kaffee', ['5 × Kopierpapier', '2 × Kaffeebohnen 1 kg']],
  ] as const)('%s: %s', async (locale, text, lines) => {
    const { replies } = await startOrder(t.db, text, mueller(locale));
    expect(replies).toHaveLength(1);
    for (const line of lines) expect(shown(replies)).toContain(line);
  });

  it.each([
    ['de', '2 Stühle', 'mach 4 draus', '4 × Bürostuhl Ergo Pro'],
    ['de', '2 Stühle', 'ach nein, fünf', '5 × Bürostuhl Ergo Pro'],
    ['en', '2 chairs', 'change it to 6', '6 × Ergo Pro office chair'],
  ] as const)('a bare quantity later corrects the line talked about (%s: %s)', async (locale, first, text, line) => {
    const { conversation } = await startOrder(t.db, first, mueller(locale));
    expect(shown(await conversation.say(text))).toContain(line);
  });
});

describe('a catalog larger than one card is paged', () => {
  it('"more" shows the next page and keeps the quantities entered on this one; "back" goes back', async () => {
    const paper = await t.db('products').where({ sku: 'PAPER-A4' }).first();
    // 20 more goods: the catalog no longer fits one card (cards/bind.ts cardListLimits).
    await t.db('products').insert(Array.from({ length: 20 }, (_, i) => ({
      ...paper, sku: `PAPER-X${String(i).padStart(2, '0')}`, name_de: `Sonderpapier ${i}`, name_en: `Special paper ${i}`, synonyms_de: '[]', synonyms_en: '[]',
    })));
    const { conversation, replies } = await startOrder(t.db, 'Katalog', mueller('de'));
    expect(shown(replies)).toMatch(/Katalog \(Seite 1 von 3\)/);
    expect(shown(replies)).toMatch(/weitere Produkte auf den nächsten Seiten/);
    const more = buttons(replies).find((b) => b.data.page === 1)!;
    expect(more.data).toEqual({ action: 'order.catalog', page: 1 });
    const firstPage = quantityInputs(replies);
    expect(firstPage).toContain('qty_PAPER-A4');

    // The press carries the page's inputs: 3 packs of paper are taken, and the second page comes.
    const second = await conversation.say({ ...more.data, 'qty_PAPER-A4': '3' });
    expect(shown(second)).toMatch(/Seite 2 von 3/);
    const secondPage = quantityInputs(second);
    expect(secondPage.some((id) => firstPage.includes(id))).toBe(false);
    expect(shown(second)).toMatch(/3 × Kopierpapier/);
    const back = buttons(second).find((b) => b.data.page === 0)!;
    expect(back.title).toBe('Zurück');

    const summary = shown(await conversation.say({ action: 'order.catalog', [secondPage[0]]: '2' }));
    expect(summary).toMatch(/3 × Kopierpapier/);
    expect(summary).toMatch(/2 × (Sonderpapier|Bürostuhl|Schreibtisch|Monitor|Kaffee|Toner|Türschild)/);
    expect(shown(await conversation.say(back.data))).toMatch(/Seite 1 von 3/);
  });
});
