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
  ] as const)('%s', (text, locale, expected) => {
    expect(items(read(text, locale))).toEqual(expected);
  });

  it('replaces the product when the customer names another one instead', () => {
    expect(items(read('2 Packungen Kaffee, ach nein, lieber 2 Pakete Papier'))).toEqual([['PAPER-A4', 2]]);
  });

  it('adds up a product named twice without a correction', () => {
    expect(items(read('2 Stühle für Büro A und 3 Stühle für Büro B'))).toEqual([['CHAIR-ERGO', 5]]);
  });
});
