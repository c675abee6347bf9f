import { getOrder } from '../../data/orders';
import { createTestDatabase, type TestDatabase } from '../support/databases';
import { button, mueller, muellerActor, orderCount, shown, startOrder } from './orderHarness';

/** A summary card confirms exactly what it showed, and "no, do not cancel" goes back to the summary unchanged. */
let t: TestDatabase;
beforeEach(async () => {
  t = await createTestDatabase('sqlite');
});
afterEach(() => t.close());

const words = {
  de: {
    first: '2 Farbtoner Sets bitte', change: 'doch lieber 4 Farbtoner Sets', confirm: 'Bestellen', changeButton: 'Ändern', cancel: 'Abbrechen',
    no: 'nein', yes: 'ja', firstGross: '473,62 €', newGross: '947,24 €', outdated: 'hat sich seit dieser Karte geändert',
    goOn: 'Gut, dann machen wir weiter.', askCancel: 'wirklich abbrechen', placed: 'Ihre Bestellung 1001 ist bestätigt.',
  },
  en: {
    first: '2 colour toner sets please', change: 'make that 4 colour toner sets', confirm: 'Place order', changeButton: 'Change', cancel: 'Cancel',
    no: 'no', yes: 'yes', firstGross: '€473.62', newGross: '€947.24', outdated: 'The order changed since this card',
    goOn: 'Good, let us continue.', askCancel: 'really want to cancel', placed: 'Your order 1001 is confirmed.',
  },
} as const;

describe.each(['de', 'en'] as const)('a card confirms exactly what it showed (%s)', (locale) => {
  const w = words[locale];

  it('Confirm on the first card after a change places nothing and shows the current summary', async () => {
    const { conversation, replies: firstCard } = await startOrder(t.db, w.first, mueller(locale));
    expect(shown(firstCard)).toContain(w.firstGross);
    const changed = await conversation.say(w.change);
    expect(shown(changed)).toContain(w.newGross);

    const old = shown(await conversation.say(button(firstCard, w.confirm)));
    expect(old).toContain(w.outdated);
    expect(old).toContain(w.newGross);
    expect(old).not.toContain(w.firstGross);
    expect(await orderCount(t.db)).toBe(0);

    // The current card places what it shows.
    expect(shown(await conversation.say(button(changed, w.confirm)))).toContain(w.placed);
    const order = (await getOrder(t.db, muellerActor, '1001'))!;
    expect(order.lines.map((l) => [l.sku, l.quantity])).toEqual([['TONER-COLOR', 4]]);
    expect(order.totals.grossCents).toBe(94724);
  });

  it('typed confirmation after a change confirms the card now on screen', async () => {
    const { conversation } = await startOrder(t.db, w.first, mueller(locale));
    await conversation.say(w.change);
    expect(shown(await conversation.say(locale === 'de' ? 'ja' : 'yes'))).toContain(w.placed);
    expect((await getOrder(t.db, muellerActor, '1001'))!.totals.grossCents).toBe(94724);
  });

  it('Change on an old card shows the current summary, not the change question', async () => {
    const { conversation, replies: firstCard } = await startOrder(t.db, w.first, mueller(locale));
    await conversation.say(w.change);
    const replies = shown(await conversation.say(button(firstCard, w.changeButton)));
    expect(replies).toContain(w.outdated);
    expect(replies).toContain(w.newGross);
    expect(await orderCount(t.db)).toBe(0);
  });

  it('an old card pressed while another question is open asks that question and places nothing', async () => {
    const { conversation, replies: firstCard } = await startOrder(t.db, locale === 'de' ? '2 Stühle' : '2 chairs', mueller(locale));
    const question = shown(await conversation.say(locale === 'de' ? 'noch Kopierpapier dazu' : 'add copy paper'));
    expect(question).toMatch(/Kopierpapier|Copy paper/);
    const replies = shown(await conversation.say(button(firstCard, w.confirm)));
    expect(replies).toContain(w.outdated);
    expect(replies).toMatch(/Kopierpapier|Copy paper/);
    expect(await orderCount(t.db)).toBe(0);
  });
});

describe.each(['de', 'en'] as const)('"no, do not cancel" returns to the summary unchanged (%s)', (locale) => {
  const w = words[locale];

  it('Summary → Change → Cancel on the card still on screen → No: the summary again, nothing placed', async () => {
    const { conversation, replies: card } = await startOrder(t.db, w.first, mueller(locale));
    await conversation.say(button(card, w.changeButton));
    expect(shown(await conversation.say(button(card, w.cancel)))).toContain(w.askCancel);
    const back = shown(await conversation.say(w.no));
    expect(back).toContain(w.goOn);
    expect(back).toContain(w.firstGross);
    expect(back).not.toMatch(/1001/);
    expect(await orderCount(t.db)).toBe(0);
    // The summary is live again: its own button places the order it shows.
    expect(shown(await conversation.say(button(card, w.confirm)))).toContain(w.placed);
    expect((await getOrder(t.db, muellerActor, '1001'))!.totals.grossCents).toBe(47362);
  });

  it('Summary → Cancel → No: the summary again with the draft kept', async () => {
    const { conversation, replies: card } = await startOrder(t.db, w.first, mueller(locale));
    expect(shown(await conversation.say(button(card, w.cancel)))).toContain(w.askCancel);
    const back = await conversation.say(w.no);
    expect(shown(back)).toContain(w.goOn);
    expect(shown(back)).toContain(w.firstGross);
    expect(shown(back)).not.toMatch(/schiefgegangen|went wrong/);
    expect(await orderCount(t.db)).toBe(0);
    expect(shown(await conversation.say(button(back, w.confirm)))).toContain(w.placed);
  });

  it('Summary → Cancel → Yes cancels and places nothing', async () => {
    const { conversation, replies: card } = await startOrder(t.db, w.first, mueller(locale));
    await conversation.say(button(card, w.cancel));
    await conversation.say(w.yes);
    expect(conversation.client.dialogTurnResult.result).toEqual({ outcome: 'cancelled' });
    expect(await orderCount(t.db)).toBe(0);
  });

  it('typed cancel at the change question → No: the summary again', async () => {
    const { conversation, replies: card } = await startOrder(t.db, w.first, mueller(locale));
    await conversation.say(button(card, w.changeButton));
    await conversation.say(locale === 'de' ? 'abbrechen' : 'cancel');
    const back = shown(await conversation.say(w.no));
    expect(back).toContain(w.firstGross);
    expect(await orderCount(t.db)).toBe(0);
  });
});
