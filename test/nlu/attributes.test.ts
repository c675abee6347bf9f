import { items, read } from './helpers';

describe('numbers that belong to the product are no quantities', () => {
  it.each([
    ['two 27 inch monitors', 'en', [['MONITOR-27', 2]]],
    ['2 Monitore 27 Zoll', 'de', [['MONITOR-27', 2]]],
    ['one 27" monitor', 'en', [['MONITOR-27', 1]]],
    ['3 Ergo Pro chairs', 'en', [['CHAIR-ERGO', 3]]],
    ['5 Ergo Pro Bürostühle', 'de', [['CHAIR-ERGO', 5]]],
    ['Papier A4 80g, 4 Pakete', 'de', [['PAPER-A4', 4]]],
    ['5 Pakete a 500 Blatt Kopierpapier', 'de', [['PAPER-A4', 5]]],
    ['2 desks 160 x 80 cm please', 'en', [['DESK-160', 2]]],
    ['ein Schreibtisch 160x80 bitte', 'de', [['DESK-160', 1]]],
    ['1 kg coffee beans, 3 bags', 'en', [['COFFEE-1KG', 3]]],
    ['Bitte 2 kg Kaffee', 'de', [['COFFEE-1KG', 2]]],
    ['2 Stück von den höhenverstellbaren Tischen', 'de', [['DESK-160', 2]]],
    ['gimme 2 of the 27 inch screens', 'en', [['MONITOR-27', 2]]],
  ] as const)('%s (%s)', (text, locale, expected) => {
    const u = read(text, locale);
    expect(items(u)).toEqual(expected);
    expect(u.unknown).toEqual([]);
  });

  it('still reads "2x" as a quantity', () => {
    expect(items(read('Bitte 2x Monitor 27 Zoll'))).toEqual([['MONITOR-27', 2]]);
  });
});
