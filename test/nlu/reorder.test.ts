import { read } from './helpers';

describe('reorders', () => {
  it.each([
    ['dasselbe wie letztes Mal', 'de', null], ['nochmal wie bei Auftrag 1004', 'de', '1004'], ['wie immer bitte', 'de', null],
    ['Auftrag 1008 wiederholen', 'de', '1008'], ['same as last time', 'en', null], ['repeat order 1004', 'en', '1004'],
    ['the usual please', 'en', null], ['dasselbe wie letztes Mal', 'en', null],
  ] as const)('%s (%s) → reorder of %p', (text, locale, order) => {
    expect(read(text, locale)).toMatchObject({ intent: 'reorder', reorder: { order }, items: [] });
  });

  it('is no reorder when goods are named or another question is asked', () => {
    expect(read('nochmal 4 Toner schwarz bitte')).toMatchObject({ intent: 'order', reorder: null });
    expect(read('Können Sie mir die Rechnung zu Auftrag 1003 nochmal schicken?')).toMatchObject({ intent: 'invoice_status', reorder: null });
  });
});
