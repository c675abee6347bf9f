import { getOrder } from '../../data/orders';
import { createTestDatabase, type TestDatabase } from '../support/databases';
import { button, mueller, muellerActor, shown, startOrder } from './orderHarness';

/** Corrections and removals do exactly what was said, and "done" is only said when something changed. */
let t: TestDatabase;
beforeEach(async () => {
  t = await createTestDatabase('sqlite');
});
afterEach(() => t.close());

const placedLines = async () => (await getOrder(t.db, muellerActor, '1001'))!.lines.map((l) => [l.sku, l.quantity]);

describe('corrections', () => {
  it.each([
    ['de', '2 Stühle', 'ach nee, doch lieber 3', '3 × Bürostuhl Ergo Pro', 'Bestellen'],
    ['en', '2 chairs', 'oh no, actually make it 3', '3 × Ergo Pro office chair', 'Place order'],
    ['de', '2 Stühle', 'nicht 2, sondern 3', '3 × Bürostuhl Ergo Pro', 'Bestellen'],
    ['en', '2 chairs', 'not 2 but 3', '3 × Ergo Pro office chair', 'Place order'],
    ['en', '2 chairs', 'make it 3 instead of 2', '3 × Ergo Pro office chair', 'Place order'],
  ] as const)('a bare new quantity for the line talked about (%s)', async (locale, first, correction, line, confirm) => {
    const { conversation } = await startOrder(t.db, first, mueller(locale));
    const summary = await conversation.say(correction);
    expect(shown(summary)).toContain(line);
    await conversation.say(button(summary, confirm));
    expect(await placedLines()).toEqual([['CHAIR-ERGO', 3]]);
  });
});

describe('removals', () => {
  it.each([
    ['de', '2 Stühle und 3 Pakete Kopierpapier', 'den Stuhl doch nicht', 'Bürostuhl Ergo Pro ist entfernt.', 'Bestellen'],
    ['en', '2 chairs and 3 reams of paper', 'actually drop the chair', 'Ergo Pro office chair has been removed.', 'Place order'],
    ['de', '2 Stühle und 3 Packungen Kaffee', 'ohne Stühle', 'Bürostuhl Ergo Pro ist entfernt.', 'Bestellen'],
    ['en', '2 chairs and 3 bags of coffee', 'actually drop the chairs', 'Ergo Pro office chair has been removed.', 'Place order'],
  ] as const)('(%s) "%s" then "%s"', async (locale, first, removal, said, confirm) => {
    const { conversation } = await startOrder(t.db, first, mueller(locale));
    const summary = await conversation.say(removal);
    expect(shown(summary)).toContain(said);
    expect(shown(summary)).not.toMatch(/Bürostuhl Ergo Pro\n|× Ergo Pro/);
    await conversation.say(button(summary, confirm));
    expect((await placedLines()).map(([sku]) => sku)).not.toContain('CHAIR-ERGO');
  });

  it.each([
    ['de', '2 schwarze Toner und 3 Pakete Kopierpapier', 'ohne Toner', 'Toner schwarz ist entfernt.'],
    ['en', '2 black toner cartridges and 3 reams of paper', 'without the toner', 'Black toner cartridge has been removed.'],
  ] as const)('(%s) an ambiguous word removes the one line it can mean, without asking "which?"', async (locale, first, removal, said) => {
    const { conversation } = await startOrder(t.db, first, mueller(locale));
    const replies = shown(await conversation.say(removal));
    expect(replies).toContain(said);
    expect(replies).not.toMatch(/Welchen|Which/);
    expect(replies).not.toMatch(/Erledigt|Done/);
    expect(replies).toMatch(/3 × (Kopierpapier|Copy paper)/);
    expect(replies).not.toMatch(/2 × (Toner|Black)/);
  });

  it.each([
    ['de', '3 Pakete Kopierpapier', 'ohne Kaffee', '„Kaffeebohnen 1 kg“ ist nicht in Ihrer Bestellung', /Erledigt|entfernt/],
    ['en', '3 reams of paper', 'remove the coffee', '“Coffee beans 1 kg” is not in your order', /Done|removed/],
    ['de', '3 Pakete Kopierpapier', 'ohne Toner', '„Toner“ ist nicht in Ihrer Bestellung', /Erledigt|entfernt|Welchen/],
    ['en', '3 reams of paper', 'without toner', '“toner” is not in your order', /Done|removed|Which/],
  ] as const)('(%s) removing what is not in the order says so and claims nothing (%s → %s)', async (locale, first, removal, said, claimed) => {
    const { conversation } = await startOrder(t.db, first, mueller(locale));
    const replies = shown(await conversation.say(removal));
    expect(replies).toContain(said);
    expect(replies).not.toMatch(claimed);
    expect(replies).toMatch(/3 × (Kopierpapier|Copy paper)/);
  });
});

describe('accepting the quantity in stock', () => {
  it.each([
    ['de', '15 Stühle', 'ok, dann schicken Sie die 12, die Sie haben', '12 × Bürostuhl Ergo Pro', 'Bestellen'],
    ['en', '15 chairs', 'ok just send the 12 you have then', '12 × Ergo Pro office chair', 'Place order'],
    ['de', '15 Stühle', 'nur die verfügbaren bitte', '12 × Bürostuhl Ergo Pro', 'Bestellen'],
    ['en', '15 chairs', 'just what you have in stock', '12 × Ergo Pro office chair', 'Place order'],
  ] as const)('(%s) "%s" → "%s"', async (locale, first, answer, line, confirm) => {
    const { conversation, replies } = await startOrder(t.db, first, mueller(locale));
    expect(shown(replies)).toMatch(/12 Stück|12 pieces/);
    const summary = await conversation.say(answer);
    expect(shown(summary)).toContain(line);
    await conversation.say(button(summary, confirm));
    expect(await placedLines()).toEqual([['CHAIR-ERGO', 12]]);
    expect((await getOrder(t.db, muellerActor, '1001'))!.backorderChoice).toBeNull();
  });
});

describe('corrections that name the product or the old value', () => {
  it.each([
    ['de', '3 Stühle und 2 Pakete Kopierpapier', 'Papier auf 8 erhöhen', ['CHAIR-ERGO', 3], ['PAPER-A4', 8]],
    ['en', '3 chairs and 2 reams of paper', 'make the paper 8', ['CHAIR-ERGO', 3], ['PAPER-A4', 8]],
    ['de', '3 Stühle', 'nicht 3, sondern 5', ['CHAIR-ERGO', 5], null],
    ['en', '3 chairs', 'sorry, 5 chairs not 3', ['CHAIR-ERGO', 5], null],
    ['en', '3 chairs', 'change the chairs to 5', ['CHAIR-ERGO', 5], null],
    ['de', '3 Stühle und 2 Packungen Kaffee', 'die Stühle streichen und 2 Tische dazu', ['COFFEE-1KG', 2], ['DESK-160', 2]],
    ['en', '3 chairs and 2 bags of coffee', "we don't need the chairs, add 2 desks", ['COFFEE-1KG', 2], ['DESK-160', 2]],
  ] as const)('(%s) "%s" then "%s"', async (locale, first, correction, a, b) => {
    const { conversation } = await startOrder(t.db, first, mueller(locale));
    const summary = await conversation.say(correction);
    expect(shown(summary)).not.toMatch(/ist nicht in Ihrer Bestellung|is not in your order/);
    await conversation.say(button(summary, locale === 'de' ? 'Bestellen' : 'Place order'));
    const lines = await placedLines();
    expect(lines).toContainEqual([...a]);
    if (b) expect(lines).toContainEqual([...b]);
    expect(lines).toHaveLength(b ? 2 : 1);
  });
});
