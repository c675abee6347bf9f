import { gallerySamples } from '../browser/cardGallery';
import { ADAPTIVE_CARD, bindCard, boundCard, cardNames, prepareCards } from '../../cards/bind';
import { catalogCard, catalogQuantities, summaryCard } from '../../dialogs/order/cards';
import { newSession } from '../../dialogs/order/session';
import { listProducts } from '../../data/catalog';
import { getCustomer } from '../../data/parties';
import { checkLines } from '../../data/orders';
import { createTestDatabase, type TestDatabase } from '../support/databases';
import { cardProblems } from './adaptiveCard15';

/** One set of sample data for every template: the same the browser gallery renders at 390 and 1280 px. */
const samples = gallerySamples;

describe('card templates', () => {
  it.each(cardNames)('%s binds sample data into a valid Adaptive Card 1.5', (name) => {
    const card = bindCard(name, samples[name]);
    expect(card.contentType).toBe(ADAPTIVE_CARD);
    expect(cardProblems(card.content)).toEqual([]);
    expect(card.content.version).toBe('1.5');
  });

  it('repeats one button per candidate with the SKU in the submit data', () => {
    const card = bindCard('productChoice', samples.productChoice).content as any;
    expect(card.body[1].actions.map((a: any) => a.data)).toEqual([
      { action: 'order.product', sku: 'TONER-BK' },
      { action: 'order.product', sku: 'TONER-COLOR' },
    ]);
  });

  it('reuses one parsed template: each binding sees only its own data, and changing a result changes no later one', () => {
    prepareCards();
    const first = bindCard('productChoice', samples.productChoice).content as any;
    const second = bindCard('productChoice', { question: 'Welches Papier?', candidates: [{ title: 'A4', sku: 'PAPER-A4' }] }).content as any;
    expect(second.body[1].actions.map((a: any) => a.data)).toEqual([{ action: 'order.product', sku: 'PAPER-A4' }]);
    first.body[1].actions[0].data.sku = 'CHANGED';
    first.body.push({ type: 'TextBlock', text: 'extra' });
    const third = bindCard('productChoice', samples.productChoice).content as any;
    expect(third).toEqual(bindCard('productChoice', JSON.parse(JSON.stringify(samples.productChoice))).content);
    expect(third.body[1].actions.map((a: any) => a.data.sku)).toEqual(['TONER-BK', 'TONER-COLOR']);
    expect(third.body).toHaveLength(first.body.length - 1);
  });

  it('reports template leftovers and unsupported types', () => {
    const card = bindCard('productChoice', { candidates: [] }).content;
    expect(cardProblems(card).some((p) => p.includes('placeholder'))).toBe(true);
    expect(cardProblems({ type: 'AdaptiveCard', version: '1.6', body: [{ type: 'Media', sources: [] }] })).toHaveLength(2);
  });
});

describe('cards built by the order dialog from the seeded catalog', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase('sqlite');
  });
  afterAll(() => t.close());

  it.each(['de', 'en'] as const)('the catalog card (%s) lists every product and service with a quantity field', async (locale) => {
    const catalog = await listProducts(t.db);
    const card = boundCard(catalogCard(catalog, locale)).content as any;
    expect(cardProblems(card)).toEqual([]);
    const inputs = JSON.stringify(card).match(/"id":"qty_[^"]+"/g)!;
    expect(inputs).toHaveLength(catalog.length);
    expect(catalogQuantities({ action: 'order.catalog', 'qty_PAPER-A4': '3', 'qty_COFFEE-1KG': '', qty_X: '-1' }, catalog)).toEqual({ lines: [{ sku: 'PAPER-A4', quantity: 3 }], invalid: [] });
  });

  it.each(['de', 'en'] as const)('the summary card (%s) shows net per VAT rate, VAT and gross', async (locale) => {
    const catalog = await listProducts(t.db);
    const customer = (await getCustomer(t.db, 1))!;
    const s = newSession({ id: 1, displayName: 'Peter Müller', role: 'customer', customerId: 1, locale }, locale, 'test');
    s.draft.lines = [{ sku: 'PAPER-A4', quantity: 10 }, { sku: 'COFFEE-1KG', quantity: 2 }];
    const card = boundCard(summaryCard(s, catalog, customer, await checkLines(t.db, s.draft.lines))).content as any;
    expect(cardProblems(card)).toEqual([]);
    const facts = card.body[3].facts.map((f: any) => f.value);
    // 10 × 4,90 = 49,00 at 19 % (VAT 9,31); 2 × 18,90 = 37,80 at 7 % (VAT 2,65); gross 98,76
    expect(facts).toEqual(locale === 'de' ? ['49,00 €', '9,31 €', '37,80 €', '2,65 €', '98,76 €'] : ['€49.00', '€9.31', '€37.80', '€2.65', '€98.76']);
    expect(card.body[4].facts[0].value).toBe('Müller Bau GmbH, Hauptstraße 12, 10827 Berlin');
  });
});
