import { getOrder } from '../../data/orders';
import { createTestDatabase, type TestDatabase } from '../support/databases';
import { button, mueller, muellerActor, orderCount, shown, startOrder } from './orderHarness';

/** An order that would book the engraver beyond the planning horizon is refused in the chat with a clear answer. */
let t: TestDatabase;
beforeEach(async () => {
  t = await createTestDatabase('sqlite');
});
afterEach(() => t.close());

const confirm = { de: 'Bestellen', en: 'Place order' } as const;
const rawCode = /\b[a-z]+_[a-z_]+\b|[A-Z]+-[A-Z0-9]+/;

describe('the planning horizon in the chat', () => {
  it.each([
    ['de', '10000 Türschilder', /Türschild.*in dieser Menge könnten wir erst in mehr als 365 Tagen fertigstellen/s, /40 × Türschild/],
    ['en', '10000 door signs', /could only finish “[^”]*sign[^”]*” in this quantity more than 365 days from now/i, /40 × (Engraved door sign|Door sign)/i],
  ] as const)('%s: "%s" is refused on Confirm and asked again', async (locale, text, refusal, forty) => {
    const { conversation, replies } = await startOrder(t.db, text, mueller(locale));
    const failed = shown(await conversation.say(button(replies, confirm[locale])));
    expect(failed).toMatch(refusal);
    expect(failed).not.toMatch(rawCode);
    expect(await orderCount(t.db)).toBe(0);
    expect(await t.db('capacity_bookings').count({ n: '*' }).first()).toMatchObject({ n: 0 });
    const summary = await conversation.say('40');
    expect(shown(summary)).toMatch(forty);
    await conversation.say(button(summary, confirm[locale]));
    const order = (await getOrder(t.db, muellerActor, '1001'))!;
    expect(order.lines.map((l) => [l.sku, l.quantity])).toEqual([['SIGN-ENGRAVED', 40]]);
  });
});
