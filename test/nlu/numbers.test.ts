import { findNumbers, parseGermanNumber } from '../../dialogs/understanding/numbers';
import { tokenize } from '../../dialogs/understanding/text';
import { items, read } from './helpers';

describe('German number grammar', () => {
  it.each([
    ['eins', 1], ['ein', 1], ['eine', 1], ['einen', 1], ['zwei', 2], ['zwo', 2], ['fünf', 5], ['fuenf', 5], ['zwölf', 12],
    ['zwoelf', 12], ['siebzehn', 17], ['zwanzig', 20], ['einundzwanzig', 21], ['siebenundvierzig', 47], ['dreißig', 30],
    ['dreissig', 30], ['hundert', 100], ['einhundert', 100], ['hundertzwanzig', 120], ['zweihunderteinundfünfzig', 251],
    ['tausend', 1000], ['zweitausendfünfhundert', 2500],
  ])('%s = %d', (word, value) => {
    expect(parseGermanNumber(word)).toBe(value);
  });

  it('rejects words that are no numbers', () => {
    for (const w of ['einrichtung', 'zweite', 'undzwanzig', 'hundertelf und', 'papier']) expect(parseGermanNumber(w)).toBeNull();
  });
});

describe('quantities in text', () => {
  const values = (text: string, locale: 'de' | 'en') => findNumbers(tokenize(text), locale).map((n) => n.value);

  it('reads digits, 2x and x2, dozens and vague amounts', () => {
    expect(values('2x Toner und Papier x5', 'de')).toEqual([2, 5]);
    expect(values('ein Dutzend und zwei Dutzend', 'de')).toEqual([12, 24]);
    expect(values('ein paar Stühle', 'de')).toEqual([null]);
    expect(values('zweimal Kaffee', 'de')).toEqual([2]);
  });

  it('reads English number words across tokens', () => {
    expect(values('twenty-one reams', 'en')).toEqual([21]);
    expect(values('two hundred and fifty', 'en')).toEqual([250]);
    expect(values('a hundred', 'en')).toEqual([100]);
    expect(values('a dozen, half a dozen, a couple of', 'en')).toEqual([12, 6, 2]);
    expect(values('a few chairs', 'en')).toEqual([null]);
  });

  it('gives products their quantity, 1 for an article and null when none is given', () => {
    expect(items(read('ein Toner schwarz'))).toEqual([['TONER-BK', 1]]);
    expect(items(read('einundzwanzig Pakete Papier'))).toEqual([['PAPER-A4', 21]]);
    expect(items(read('ein Dutzend Packungen Kaffee'))).toEqual([['COFFEE-1KG', 12]]);
    expect(items(read('Kaffee bestellen'))).toEqual([['COFFEE-1KG', null]]);
    expect(items(read('a couple of monitors', 'en'))).toEqual([['MONITOR-27', 2]]);
    expect(items(read('Toner schwarz 3 Stück'))).toEqual([['TONER-BK', 3]]);
    expect(items(read('Kaffee x3'))).toEqual([['COFFEE-1KG', 3]]);
  });

  it('does not take an order number, a date or a time for a quantity', () => {
    const u = read('Für Auftrag 1003 noch 2 Stühle bis 20.3. um 14 Uhr');
    expect(items(u)).toEqual([['CHAIR-ERGO', 2]]);
    expect(u).toMatchObject({ order: '1003', date: '2026-03-20', time: '14:00' });
    expect(items(read('bis zum 20.3. 4 Monitore'))).toEqual([['MONITOR-27', 4]]);
  });

  it('reads thousands separators as one number', () => {
    expect(values('1.000 und 1,000 und 10.000 und 1.000.000', 'de')).toEqual([1000, 1000, 10000, 1000000]);
    expect(items(read('1.000 Pakete Kopierpapier'))).toEqual([['PAPER-A4', 1000]]);
    expect(items(read('1,000 reams of copy paper', 'en'))).toEqual([['PAPER-A4', 1000]]);
    expect(read('1.000').quantityOnly).toBe(1000);
  });

  it('reads a decimal as one number that is no whole quantity', () => {
    expect(values('2,5 und 2.5 und 0,75', 'de')).toEqual([2.5, 2.5, 0.75]);
    expect(items(read('2,5 Stühle'))).toEqual([['CHAIR-ERGO', 2.5]]);
    expect(items(read('2.5 chairs', 'en'))).toEqual([['CHAIR-ERGO', 2.5]]);
    expect(read('2,5').quantityOnly).toBe(2.5);
    expect(values('1,5 Dutzend', 'de')).toEqual([18]);
  });

  it('keeps dates and times with dots and colons out of the quantities', () => {
    for (const [text, locale] of [['3 Stühle am 4.12. um 14.30', 'de'], ['3 Stühle morgen um 14:30', 'de'], ['3 chairs tomorrow at 14.30', 'en']] as const) {
      const u = read(text, locale);
      expect(items(u)).toEqual([['CHAIR-ERGO', 3]]);
      expect(u.time).toBe('14:30');
    }
    expect(read('Druckerwartung morgen um 14.30')).toMatchObject({ service: 'SVC-PRINTER', date: '2026-03-12', time: '14:30', items: [] });
    expect(items(read('3 Stühle, 2 Tische'))).toEqual([['CHAIR-ERGO', 3], ['DESK-160', 2]]);
  });
});
