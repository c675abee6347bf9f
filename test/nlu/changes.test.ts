import { items, read } from './helpers';

const changes = (text: string, locale: 'de' | 'en' = 'de') =>
  read(text, locale).changes!.map((c) => ({ ...c, target: c.target && { skus: c.target.skus } }));

describe('changes to the draft, said the way people say them', () => {
  it.each([
    ['den Stuhl doch nicht', 'de', ['CHAIR-ERGO']],
    ['ohne Toner', 'de', ['TONER-BK', 'TONER-COLOR']],
    ['Kaffee streichen bitte', 'de', ['COFFEE-1KG']],
    ['die Monitore raus', 'de', ['MONITOR-27']],
    ['keine Monitore mehr', 'de', ['MONITOR-27']],
    ['actually drop the coffee', 'en', ['COFFEE-1KG']],
    ['without the toner', 'en', ['TONER-BK', 'TONER-COLOR']],
    ['take out the chairs', 'en', ['CHAIR-ERGO']],
    ["we don't need the monitors anymore", 'en', ['MONITOR-27']],
    ['den Farbtoner brauchen wir nicht', 'de', ['TONER-COLOR']],
  ] as const)('%s (%s) removes %j', (text, locale, skus) => {
    const u = read(text, locale);
    expect(u.intent).toBe('order');
    expect(changes(text, locale)).toEqual([{ kind: 'remove', target: { skus } }]);
    // Removed products are flagged, never goods to order, never a "which toner?" question to answer.
    expect([...u.items, ...u.ambiguous].every((m) => m.removal)).toBe(true);
  });

  it('orders a product that gets a quantity in the same message, and removes one among ordered ones', () => {
    expect(changes('kein Kaffee mehr da, 4 Packungen bitte')).toEqual([]);
    expect(changes('Können Sie bitte die Stühle streichen und 2 Tische dazu?')).toEqual([{ kind: 'remove', target: { skus: ['CHAIR-ERGO'] } }]);
    expect(changes('ohne Toner, 2 Stühle')).toEqual([{ kind: 'remove', target: { skus: ['TONER-BK', 'TONER-COLOR'] } }]);
    const u = read('Bitte 3 Pakete Papier, den Kaffee aber nicht');
    expect(items(u).filter((_, i) => !u.items[i].removal)).toEqual([['PAPER-A4', 3]]);
    expect(changes('Bitte 3 Pakete Papier, den Kaffee aber nicht')).toEqual([{ kind: 'remove', target: { skus: ['COFFEE-1KG'] } }]);
  });

  it.each([
    ['ach nee, doch lieber 3', 'de', 3], ['lieber 8 stück', 'de', 8], ['mach 10 draus', 'de', 10], ['nee, 6', 'de', 6],
    ['make it 3', 'en', 3], ['actually 7', 'en', 7], ['change it to 10', 'en', 10],
    ['nicht 3, sondern 5', 'de', 5], ['5 statt 3', 'de', 5], ['not 3 but 5', 'en', 5], ['make it 5 instead of 3', 'en', 5],
  ] as const)('%s (%s) sets the open line to %d', (text, locale, quantity) => {
    expect(changes(text, locale)).toEqual([{ kind: 'set_quantity', target: null, quantity }]);
    expect(read(text, locale).quantityOnly).toBe(quantity);
  });

  it('drops the old value a correction names ("nicht 3, sondern 5")', () => {
    expect(changes('nicht 3 sondern 5')).toEqual([{ kind: 'set_quantity', target: null, quantity: 5 }]);
    expect(changes('not 3, 5', 'en')).toEqual([{ kind: 'set_quantity', target: null, quantity: 5 }]);
    expect(read('nicht 3 sondern 5').intent).toBe('other');
    expect(items(read('statt 3 lieber 5 Stühle'))).toEqual([['CHAIR-ERGO', 5]]);
  });

  it('names the line when the correction names its product', () => {
    expect(changes('Papier bitte auf 8 Pakete erhöhen')).toEqual([{ kind: 'set_quantity', target: { skus: ['PAPER-A4'] }, quantity: 8 }]);
    expect(changes('change the paper to 8 reams', 'en')).toEqual([{ kind: 'set_quantity', target: { skus: ['PAPER-A4'] }, quantity: 8 }]);
    expect(read('Papier bitte auf 8 Pakete erhöhen').unknown).toEqual([]);
    expect(changes('doch lieber 8 Pakete Papier')).toEqual([{ kind: 'set_quantity', target: { skus: ['PAPER-A4'] }, quantity: 8 }]);
    expect(changes('5')).toEqual([]);
  });

  it.each([
    ['ok just send the 5 you have then', 'en', 5], ['fine, send what you have', 'en', null],
    ['dann nehm ich halt die 5 die da sind', 'de', 5], ['ok, schickt was da ist', 'de', null],
  ] as const)('%s (%s) accepts the available quantity %p', (text, locale, quantity) => {
    const u = read(text, locale);
    expect(u).toMatchObject({ intent: 'order', unknown: [], items: [] });
    expect(changes(text, locale)).toEqual([{ kind: 'accept_available', target: null, quantity }]);
  });

  it('does not take a question about stock for an acceptance', () => {
    expect(changes('do you have 5 chairs available?', 'en')).toEqual([]);
  });
});
