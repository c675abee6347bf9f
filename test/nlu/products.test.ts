import { products } from '../../data/seedData';
import { understand } from '../../dialogs/understanding';
import { catalogIndex } from '../../dialogs/understanding/products';
import type { Product } from '../../domain/catalog';
import { items, read } from './helpers';

describe('product matching', () => {
  it('matches German inflections, plurals and umlauts written out', () => {
    expect(items(read('3 Bürostühle'))).toEqual([['CHAIR-ERGO', 3]]);
    expect(items(read('3 Buerostuehle'))).toEqual([['CHAIR-ERGO', 3]]);
    expect(items(read('zwei schwarze Toner'))).toEqual([['TONER-BK', 2]]);
    expect(items(read('einen höhenverstellbaren Schreibtisch'))).toEqual([['DESK-160', 1]]);
    expect(items(read('2 Besucherstühle'))).toEqual([['CHAIR-ERGO', 2]]);
    expect(items(read('Kaffee'))).toEqual([['COFFEE-1KG', null]]);
  });

  it('matches English plurals and units', () => {
    expect(items(read('three reams of paper', 'en'))).toEqual([['PAPER-A4', 3]]);
    expect(items(read('10 Pakete Papier'))).toEqual([['PAPER-A4', 10]]);
    expect(items(read('2 black toner cartridges', 'en'))).toEqual([['TONER-BK', 2]]);
  });

  it('forgives small typos but not in short words', () => {
    expect(items(read('2 Kopierpappier'))).toEqual([['PAPER-A4', 2]]);
    expect(items(read('4 monitros', 'en'))).toEqual([['MONITOR-27', 4]]);
    expect(items(read('2 offcie chairs', 'en'))).toEqual([['CHAIR-ERGO', 2]]);
    expect(items(read('Können Sie schicken?'))).toEqual([]);
  });

  it('keeps a bare word that fits several products open', () => {
    const u = read('2 Toner bitte');
    expect(u.items).toEqual([]);
    expect(u.ambiguous).toEqual([{ text: 'Toner', candidates: ['TONER-BK', 'TONER-COLOR'], quantity: 2 }]);
  });

  it.each([
    ['2 Toner', 'de', 2], ['zwei Toner und 3 Stühle', 'de', 2], ['Toner: 4 Stück', 'de', 4], ['Toner bitte', 'de', null],
    ['2 toner', 'en', 2], ['a dozen toners please', 'en', 12], ['I need toner', 'en', null],
  ] as const)('an ambiguous mention keeps its quantity: %s (%s)', (text, locale, quantity) => {
    expect(read(text, locale).ambiguous).toEqual([expect.objectContaining({ candidates: ['TONER-BK', 'TONER-COLOR'], quantity })]);
  });

  it.each([
    ['2 Toner, ach nein, lieber 3', 'de'],
    ['2 toner, actually make that 3', 'en'],
  ] as const)('a correction after an ambiguous mention changes its quantity: %s', (text, locale) => {
    expect(read(text, locale)).toMatchObject({ items: [], ambiguous: [{ text: expect.stringMatching(/toner/i), quantity: 3 }] });
  });

  it('reports services separately from goods', () => {
    const u = read('3 Stühle und eine Arbeitsplatzeinrichtung');
    expect(items(u)).toEqual([['CHAIR-ERGO', 3]]);
    expect(u.service).toBe('SVC-SETUP');
    expect(read('Wartungstermin am Montag').service).toBe('SVC-PRINTER');
  });

  it('lists product-like words after a quantity that nothing matched', () => {
    expect(read('5 Kugelschreiber und 2 Stühle').unknown).toEqual(['Kugelschreiber']);
    // Named back as written, hyphenated parts included.
    expect(read('Ich brauche 5 USB-Sticks und 2 Stühle').unknown).toEqual(['USB-Sticks']);
    expect(read('5 USB sticks please', 'en').unknown).toEqual(['USB']);
  });

  it.each([
    ['Ich möchte etwas bestellen', 'de'], ['Wir möchten ein paar Sachen bestellen', 'de'], ['Wir wollen einige Artikel kaufen', 'de'],
    ["I'd like to order something", 'en'], ['I want to buy a few things', 'en'], ['we want to order some stuff', 'en'],
  ] as const)('order verbs and fillers are never unknown products: %s', (text, locale) => {
    expect(read(text, locale)).toMatchObject({ intent: 'order', items: [], ambiguous: [], unknown: [], catalog: false });
  });

  it('learns a new product from catalog data alone', () => {
    const pens: Product = {
      ...products[0], sku: 'PEN-BLUE', name: { de: 'Kugelschreiber blau', en: 'Blue ballpoint pen' },
      synonyms: { de: ['kugelschreiber', 'kuli'], en: ['pen', 'ballpoint pen'] },
    };
    const catalog = [...products, pens];
    expect(understand('5 Kulis und 2 Stühle', { locale: 'de', catalog }).items.map((i) => [i.sku, i.quantity])).toEqual([
      ['PEN-BLUE', 5], ['CHAIR-ERGO', 2],
    ]);
    expect(understand('ten ballpoint pens', { locale: 'en', catalog }).items[0]).toMatchObject({ sku: 'PEN-BLUE', quantity: 10 });
  });

  it('builds the index once per catalog array', () => {
    expect(catalogIndex(products)).toBe(catalogIndex(products));
    expect(catalogIndex([...products])).not.toBe(catalogIndex(products));
  });
});
