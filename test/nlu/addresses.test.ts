import { items, read } from './helpers';

const address = (text: string, locale: 'de' | 'en' = 'de') => {
  const a = read(text, locale).deliveryAddress;
  return a && { street: a.street, postcode: a.postcode, city: a.city };
};

describe('delivery addresses in the order message', () => {
  it.each([
    ['bitte an unsere Baustelle liefern: Baustraße 5, 12345 Berlin', 'de', { street: 'Baustraße 5', postcode: '12345', city: 'Berlin' }],
    ['send 4 bags of coffee to Unter den Linden 10, 10117 Berlin', 'en', { street: 'Unter den Linden 10', postcode: '10117', city: 'Berlin' }],
    ['4 Stühle zur Baustelle Am Ring 4, 10115 Berlin', 'de', { street: 'Am Ring 4', postcode: '10115', city: 'Berlin' }],
    ['an die Goethestraße 12, 60311 Frankfurt am Main', 'de', { street: 'Goethestraße 12', postcode: '60311', city: 'Frankfurt am Main' }],
    ['3 Schreibtische an die Lindenstr. 12, 10969 Berlin liefern', 'de', { street: 'Lindenstr. 12', postcode: '10969', city: 'Berlin' }],
    ['Bitte 2 kg Kaffee an die Kastanienallee 7 liefern', 'de', { street: 'Kastanienallee 7', postcode: null, city: null }],
    ['12 Baker Street, London', 'en', { street: '12 Baker Street', postcode: null, city: null }],
    ['bitte an Am Ring 4 liefern', 'de', { street: 'Am Ring 4', postcode: null, city: null }],
    ['Kaiserring 5, 10115 Berlin', 'de', { street: 'Kaiserring 5', postcode: '10115', city: 'Berlin' }],
  ] as const)('%s', (text, locale, expected) => {
    expect(address(text, locale)).toEqual(expected);
  });

  it('keeps the goods and reads none of the address as a product or quantity', () => {
    const u = read('send 4 bags of coffee to Unter den Linden 10, 10117 Berlin', 'en');
    expect(items(u)).toEqual([['COFFEE-1KG', 4]]);
    expect(u.unknown).toEqual([]);
    expect(items(read('bitte an unsere Baustelle liefern: Baustraße 5, 12345 Berlin – 4 Pakete Papier'))).toEqual([['PAPER-A4', 4]]);
    expect(read('10 Pakete Papier').deliveryAddress).toBeNull();
    // English words ending in "ring" are no streets.
    expect(read('bring 3 chairs', 'en')).toMatchObject({ deliveryAddress: null, items: [{ sku: 'CHAIR-ERGO', quantity: 3 }] });
    expect(read('Ordering 3 door signs', 'en')).toMatchObject({ deliveryAddress: null, items: [{ sku: 'SIGN-ENGRAVED', quantity: 3 }] });
  });
});
