import { read } from './helpers';

describe('asking for the catalog', () => {
  it.each([
    ['Katalog', 'de'], ['Katalog zeigen', 'de'], ['was habt ihr?', 'de'], ['Zeig mir bitte euer Sortiment', 'de'],
    ['Was kann ich bestellen?', 'de'], ['Kann ich die Preisliste sehen?', 'de'],
    ['show me the catalog', 'en'], ['what do you sell?', 'en'], ['Can I see your catalogue?', 'en'], ['what do you have?', 'en'],
    ['What can I order?', 'en'],
  ] as const)('%s (%s) is an order that starts with the catalog card', (text, locale) => {
    expect(read(text, locale)).toMatchObject({ intent: 'order', catalog: true, items: [], ambiguous: [], unknown: [] });
  });

  it('keeps the goods a catalog request also names', () => {
    expect(read('Katalog bitte, und schon mal 2 Stühle')).toMatchObject({ intent: 'order', catalog: true, items: [expect.objectContaining({ sku: 'CHAIR-ERGO', quantity: 2 })] });
  });

  it.each([
    ['2 Stühle', 'de'], ['Ich möchte bestellen', 'de'], ['Hilfe', 'de'], ['Wo ist Auftrag 1003?', 'de'],
    ['I would like to order something', 'en'], ['help', 'en'], ['cancel order 1003', 'en'],
  ] as const)('%s (%s) does not ask for the catalog', (text, locale) => {
    expect(read(text, locale).catalog).toBe(false);
  });
});
