import { items, read } from './helpers';

describe('self-corrections', () => {
  it.each([
    ['4 Stühle, ach nein, lieber fünf', 'de', [['CHAIR-ERGO', 5]]],
    ['3 Schreibtische, doch lieber 2', 'de', [['DESK-160', 2]]],
    ['10 Pakete Papier und 2 Stühle, nein warte, 4 Stühle', 'de', [['PAPER-A4', 10], ['CHAIR-ERGO', 4]]],
    ['2 Kaffee und 2 Papier. Moment, lieber 3 Kaffee', 'de', [['PAPER-A4', 2], ['COFFEE-1KG', 3]]],
    ['three reams of paper, actually make that five', 'en', [['PAPER-A4', 5]]],
    ['4 chairs, no wait, 6 chairs', 'en', [['CHAIR-ERGO', 6]]],
    ['2 chairs and 2 reams of paper, make the paper 5', 'en', [['CHAIR-ERGO', 2], ['PAPER-A4', 5]]],
    ['three reams of paper, actually make that five, and 2 bags of coffee', 'en', [['PAPER-A4', 5], ['COFFEE-1KG', 2]]],
    ['3 chairs and 1 desk, actually make it 5 chairs and 2 desks', 'en', [['CHAIR-ERGO', 5], ['DESK-160', 2]]],
    ['drei Pakete Papier, ach nein, lieber fünf, und 2 Packungen Kaffee', 'de', [['PAPER-A4', 5], ['COFFEE-1KG', 2]]],
    ['2 Stühle, nein warte, doch 4, und noch 3 Pakete Papier', 'de', [['CHAIR-ERGO', 4], ['PAPER-A4', 3]]],
  ] as const)('%s', (text, locale, expected) => {
    expect(items(read(text, locale))).toEqual(expected);
  });

  it('replaces the product when the customer names another one instead', () => {
    expect(items(read('2 Packungen Kaffee, ach nein, lieber 2 Pakete Papier'))).toEqual([['PAPER-A4', 2]]);
  });

  it('a number after a correction marker that nothing can take stays with the word after it', () => {
    expect(read('nein, 5 Flummis')).toMatchObject({ items: [], unknown: ['Flummis'] });
  });

  it('adds up a product named twice without a correction', () => {
    expect(items(read('2 Stühle für Büro A und 3 Stühle für Büro B'))).toEqual([['CHAIR-ERGO', 5]]);
  });
});
