import { findDocuments, orderNumberIn } from '../../dialogs/understanding/references';
import { read } from './helpers';

const docs = (text: string, locale: 'de' | 'en' = 'de') => read(text, locale).documents;

describe('one reader of document references', () => {
  it.each([
    ['Rechnung RE-2026-0004', 'de', 'invoice', 'RE-2026-0004'],
    ['invoice RE-2026-0004', 'en', 'invoice', 'RE-2026-0004'],
    ['Rechnung Nr. re 2026 4', 'de', 'invoice', 'RE-2026-0004'],
    ['Lieferschein LS-1001', 'de', 'delivery_note', 'LS-1001'],
    ['Lieferschein 1001', 'de', 'delivery_note', 'LS-1001'],
    ['delivery note LS-1001', 'en', 'delivery_note', 'LS-1001'],
    ['packing slip 1001', 'en', 'delivery_note', 'LS-1001'],
    ['Auftrag 1003', 'de', 'order', '1003'],
    ['Bestellnummer: 1003', 'de', 'order', '1003'],
    ['order #1003', 'en', 'order', '1003'],
    ['Angebot AN-2026-0002', 'de', 'quote', 'AN-2026-0002'],
    ['quote AN-2026-0002', 'en', 'quote', 'AN-2026-0002'],
    ['Stornorechnung ST-2026-0001', 'de', 'cancellation', 'ST-2026-0001'],
    ['cancellation invoice ST-2026-0001', 'en', 'cancellation', 'ST-2026-0001'],
    ['Mahnung MA-2026-0003', 'de', 'dunning_notice', 'MA-2026-0003'],
    ['dunning notice MA-2026-0003', 'en', 'dunning_notice', 'MA-2026-0003'],
    ['RE-2026-0004', 'de', 'invoice', 'RE-2026-0004'],
    ['LS-1001', 'en', 'delivery_note', 'LS-1001'],
  ] as const)('%s (%s) is %s %s', (text, locale, kind, number) => {
    expect(docs(text, locale)).toEqual([{ kind, number }]);
  });

  it('reads the kind its word or prefix says, so an invoice is no order', () => {
    expect(read('Rechnung RE-2026-0004 bitte nochmal schicken')).toMatchObject({ intent: 'invoice_status', order: null });
    expect(read('Rechnung 1003')).toMatchObject({ intent: 'invoice_status', order: null, documents: [] });
    expect(read('invoice 1003', 'en')).toMatchObject({ order: null, documents: [] });
    expect(read('Rechnung zu Auftrag 1003')).toMatchObject({ intent: 'invoice_status', order: '1003', documents: [{ kind: 'order', number: '1003' }] });
    expect(read('Wo ist der Lieferschein LS-1001?')).toMatchObject({ intent: 'order_status', order: null });
    expect(read('Mahnung MA-2026-0002 – wir haben doch schon bezahlt')).toMatchObject({ intent: 'payment_status' });
  });

  it('lists several documents in the order written', () => {
    expect(docs('Lieferschein LS-1002 und Rechnung RE-2026-0010 zu Auftrag 1007')).toEqual([
      { kind: 'delivery_note', number: 'LS-1002' }, { kind: 'invoice', number: 'RE-2026-0010' }, { kind: 'order', number: '1007' },
    ]);
  });

  it('leaves words that look like prefixes alone', () => {
    expect(findDocuments('liefern an 10117 Berlin')).toEqual([]);
    expect(findDocuments('re 2026 please')).toEqual([]);
    expect(read('I would like to order 100 reams of paper', 'en')).toMatchObject({ order: null, items: [{ sku: 'PAPER-A4', quantity: 100 }] });
  });

  it('reads the answer to "which order?" through the same reader', () => {
    expect(orderNumberIn('die 1003 bitte')).toBe('1003');
    expect(orderNumberIn('Auftrag 1004')).toBe('1004');
    expect(orderNumberIn('LS-1001')).toBeNull();
    expect(orderNumberIn('Rechnung RE-2026-0004')).toBeNull();
  });
});
