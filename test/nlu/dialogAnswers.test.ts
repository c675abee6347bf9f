import { items, read } from './helpers';

describe('answers inside a dialog', () => {
  it.each([
    ['ja', 'de', true], ['ja, passt', 'de', true], ['ok', 'de', true], ['yes please', 'en', true], ['ok', 'en', true],
    ['nein', 'de', false], ['no', 'en', false],
  ] as const)('%s (%s) confirms %s', (text, locale, confirm) => {
    const u = read(text, locale);
    expect(u).toMatchObject({ confirm, items: [], quantityOnly: null });
  });

  it.each([
    ['5', 'de', 5], ['fünf', 'de', 5], ['lieber fünf', 'de', 5], ['lieber 3', 'de', 3], ['doch lieber 3 Stück', 'de', 3],
    ['make it 3', 'en', 3], ['actually five', 'en', 5], ['just 2 please', 'en', 2],
    ['ach nein, fünf', 'de', 5], ['ändere auf 5', 'de', 5], ['mach 4 draus', 'de', 4], ['oh wait, 4 please', 'en', 4],
    ['change it to 6', 'en', 6], ['a dozen', 'en', 12],
  ] as const)('%s (%s) is the quantity %d without a product', (text, locale, quantity) => {
    const u = read(text, locale);
    expect(u).toMatchObject({ quantityOnly: quantity, items: [], ambiguous: [], intent: 'other' });
  });

  it.each([
    ['5 Stühle', 'de'], ['lieber 5 Kugelschreiber', 'de'], ['ein paar', 'de'], ['um 5 Uhr', 'de'], ['Wo ist 1003?', 'de'],
    ['make it 3 chairs', 'en'], ['3 or 4', 'en'],
  ] as const)('%s (%s) is no bare quantity', (text, locale) => {
    expect(read(text, locale).quantityOnly).toBeNull();
  });

  it.each([
    ['Hauptstraße 5, 10115 Berlin', 'de'], ['Goethestr. 12, 60311 Frankfurt am Main', 'de'], ['12 Baker Street, London', 'en'],
  ] as const)('an address answer (%s) names no goods', (text, locale) => {
    const u = read(text, locale);
    expect(u).toMatchObject({ items: [], unknown: [], quantityOnly: null, intent: 'other' });
  });

  it('keeps the goods of an order that names its delivery address', () => {
    const u = read('Bitte 2 kg Kaffee und 1 Farbtoner an die Kastanienallee 7 liefern');
    expect(items(u)).toEqual([['COFFEE-1KG', 2], ['TONER-COLOR', 1]]);
    expect(u.unknown).toEqual([]);
    expect(items(read('Einrichtung Arbeitsplatz 2 und 3 Stühle'))).toEqual([['CHAIR-ERGO', 3]]);
  });
});

describe('gaps closed', () => {
  it.each([
    ['Ende nächster Woche', 'de'], ['bis Ende der nächsten Woche', 'de'], ['end of next week', 'en'], ['by the end of next week', 'en'],
  ] as const)('%s → Friday of next week', (text, locale) => {
    expect(read(text, locale).date).toBe('2026-03-20');
  });

  it('takes the target day of a move', () => {
    expect(read('Termin von Dienstag auf Donnerstag verschieben')).toMatchObject({ intent: 'reschedule_booking', date: '2026-03-12' });
    expect(read("move Tuesday's appointment to Thursday", 'en')).toMatchObject({ intent: 'reschedule_booking', date: '2026-03-12' });
    expect(read('move the visit from Monday to Friday at 10am', 'en')).toMatchObject({ date: '2026-03-20', time: '10:00' });
    expect(read('Lieferung am Dienstag, nicht Donnerstag').date).toBe('2026-03-17');
  });

  it('gives a quantity written after a request to the product before it', () => {
    expect(items(read('coffee, send 6 bags', 'en'))).toEqual([['COFFEE-1KG', 6]]);
    expect(items(read('Kaffee, schicken Sie uns 6 Packungen'))).toEqual([['COFFEE-1KG', 6]]);
    expect(items(read('Kaffee, wir sind 5 Personen'))).toEqual([['COFFEE-1KG', null]]);
  });

  it.each([
    ['Wo ist 1003?', 'de', 'order_status'], ['status of 1003?', 'en', 'order_status'], ['cancel 1003', 'en', 'cancel_order'],
    ['1003 stornieren', 'de', 'cancel_order'],
  ] as const)('reads the bare number in %s as the order', (text, locale, intent) => {
    expect(read(text, locale)).toMatchObject({ intent, order: '1003', items: [], unknown: [] });
  });

  it('reads a bare number as an order only for status and cancel questions, from 1000 on', () => {
    expect(read('Wo sind 999?').order).toBeNull();
    expect(read('1003')).toMatchObject({ order: null, intent: 'other' });
    expect(read('Ich möchte 1000 Pakete Papier bestellen')).toMatchObject({ order: null, intent: 'order' });
    expect(read('Wo bleiben die 1000 Pakete Papier?').order).toBeNull();
    expect(read('Bestellung 1004 ändern')).toMatchObject({ intent: 'order_status', order: '1004' });
  });
});

describe('answers to the bot\'s own choice', () => {
  it.each([
    ['die farbigen', 'de', ['TONER-COLOR']], ['farbe', 'de', ['TONER-COLOR']], ['schwarz bitte', 'de', ['TONER-BK']],
    ['the black one', 'en', ['TONER-BK']], ['colour', 'en', ['TONER-COLOR']], ['the coloured ones', 'en', ['TONER-COLOR']],
    ['die farbigen', 'en', ['TONER-COLOR']], ['the black one', 'de', ['TONER-BK']],
  ] as const)('%s (%s) picks %j', (text, locale, picks) => {
    expect(read(text, locale)).toMatchObject({ picks, items: [], intent: 'other' });
  });

  it('picks nothing from words several products share', () => {
    expect(read('Toner').picks).toEqual([]);
    expect(read('ja').picks).toEqual([]);
    // "Rechnung" begins like "Rechner einrichten", but a message with an intent of its own answers no choice.
    expect(read('Rechnung bitte an buchhaltung@firma.de').picks).toEqual([]);
  });
});
