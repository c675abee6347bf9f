import { products, customers as seedCustomers } from '../../data/seedData';
import type { Customer } from '../../domain/parties';
import { parseAddress } from '../../dialogs/order/address';
import { readStock, readSummary } from '../../dialogs/order/answers';
import { catalogQuantities } from '../../dialogs/order/cards';
import { applyUnderstanding, resolveUnclear, setLineQuantity, type ChangeContext } from '../../dialogs/order/changes';
import { bestMatches } from '../../dialogs/order/matches';
import { newSession } from '../../dialogs/order/session';
import type { Understanding } from '../../dialogs/understanding';

/** The draft rules of the order dialog without a conversation around them. */
const customers: Customer[] = seedCustomers.map((c, i) => ({ ...c, id: i + 1 }));
const nothing: Understanding = {
  intent: 'order', items: [], service: null, date: null, partOfDay: null, time: null, order: null, customer: null,
  ambiguous: [], unknown: [], switchLocale: null, confirm: null,
};
const ctx = (text: string): ChangeContext => ({
  catalog: products, customers, today: '2026-11-24', text,
  addressComplete: (a) => !!(a.street && /^\d{5}$/.test(a.postcode) && a.city), addressName: 'Müller Bau GmbH',
});
const session = () => newSession({ id: 1, displayName: 'Peter Müller', role: 'customer', customerId: 1, locale: 'de' }, 'de', 'test');

describe('applying what a message said to the draft', () => {
  it.each([
    ['2026-11-23', { date: '2026-11-23', reason: 'past' }],
    ['2026-11-24', { date: '2026-11-24', reason: 'past' }],
    ['2026-11-28', { date: '2026-11-28', reason: 'not_working_day' }],
    ['2026-12-25', { date: '2026-12-25', reason: 'not_working_day' }],
  ])('a requested date %s is kept aside to be asked back', (date, badDate) => {
    const s = session();
    applyUnderstanding(s, { ...nothing, items: [{ sku: 'CHAIR-ERGO', quantity: 2, text: 'Stühle' }], date }, ctx('2 Stühle'));
    expect(s.badDate).toEqual(badDate);
    expect(s.draft.requestedDate).toBeNull();
  });

  it('a future working day becomes the requested date', () => {
    const s = session();
    applyUnderstanding(s, { ...nothing, items: [{ sku: 'CHAIR-ERGO', quantity: 2, text: 'Stühle' }], date: '2026-11-27' }, ctx('2 Stühle bis Freitag'));
    expect(s.draft).toMatchObject({ requestedDate: '2026-11-27', lines: [{ sku: 'CHAIR-ERGO', quantity: 2 }] });
  });

  it('"noch" adds to a line, a plain number replaces it, "ohne" removes it', () => {
    const s = session();
    const chairs = (quantity: number | null) => ({ ...nothing, items: [{ sku: 'CHAIR-ERGO', quantity, text: 'Stühle' }] });
    applyUnderstanding(s, chairs(2), ctx('2 Stühle'));
    applyUnderstanding(s, chairs(3), ctx('noch 3 Stühle dazu'));
    expect(s.draft.lines).toEqual([{ sku: 'CHAIR-ERGO', quantity: 5 }]);
    applyUnderstanding(s, chairs(4), ctx('doch lieber 4 Stühle'));
    expect(s.draft.lines).toEqual([{ sku: 'CHAIR-ERGO', quantity: 4 }]);
    expect(applyUnderstanding(s, chairs(null), ctx('ohne Stühle')).removed).toEqual(['CHAIR-ERGO']);
    expect(s.draft.lines).toEqual([]);
  });

  it('a product without quantity waits for one; a service counts one visit', () => {
    const s = session();
    applyUnderstanding(s, { ...nothing, items: [{ sku: 'PAPER-A4', quantity: null, text: 'Papier' }], service: 'SVC-PRINTER' }, ctx('Papier und Druckerwartung'));
    expect(s.quantityMissing).toEqual(['PAPER-A4']);
    expect(s.draft.lines).toEqual([{ sku: 'SVC-PRINTER', quantity: 1 }]);
  });

  it('a customer naming another account changes nothing; sales staff pick the customer', () => {
    const own = session();
    applyUnderstanding(own, { ...nothing, customer: '10002' }, ctx('für Café Sonnenschein'));
    expect(own.draft.customerId).toBe(1);
    const sales = newSession({ id: 4, displayName: 'Sabine Vogel', role: 'sales', customerId: null, locale: 'de' }, 'de', 'test');
    applyUnderstanding(sales, { ...nothing, customer: '10002' }, ctx('für Café Sonnenschein'));
    expect(sales.draft.customerId).toBe(2);
  });

  it('an address is used when complete and kept to be completed otherwise', () => {
    const s = session();
    applyUnderstanding(s, { ...nothing, unknown: ['Berlin'] }, ctx('Gartenweg 5, 10115 Berlin'));
    expect(s.draft.deliveryAddress).toEqual({ name: 'Müller Bau GmbH', street: 'Gartenweg 5', postcode: '10115', city: 'Berlin', country: 'DE' });
    expect(s.unclear).toEqual([]);
    const t = session();
    applyUnderstanding(t, nothing, ctx('Lieferadresse: Gartenweg 5'));
    expect(t.addressInput).toMatchObject({ street: 'Gartenweg 5', postcode: '', city: '' });
    expect(t.draft.deliveryAddress).toBeNull();
  });
});

describe('reading answers', () => {
  it.each([
    ['Gartenweg 5, 10115 Berlin', { street: 'Gartenweg 5', postcode: '10115', city: 'Berlin' }],
    ['bitte an Am Markt 3a, 14467 Potsdam liefern', { street: 'Am Markt 3a', postcode: '14467', city: 'Potsdam' }],
    ['deliver to Kastanienallee 7 10435 Berlin please', { street: 'Kastanienallee 7', postcode: '10435', city: 'Berlin' }],
    ['10115 Berlin', { street: '', postcode: '10115', city: 'Berlin' }],
  ])('address "%s"', (text, parts) => {
    expect(parseAddress(text, 'X')).toMatchObject(parts);
  });

  it('no address in "5 Stühle" or "hallo"', () => {
    expect(parseAddress('5 Stühle', 'X')).toBeNull();
    expect(parseAddress('hallo', 'X')).toBeNull();
  });

  it('stock choices by button or words, summary by button or yes', () => {
    expect(readStock({ text: '', value: { action: 'order.stock', choice: 'partial' } })).toEqual({ kind: 'stock', choice: 'partial' });
    expect(readStock({ text: 'dann nachliefern', value: null })).toEqual({ kind: 'stock', choice: 'backorder' });
    expect(readStock({ text: 'hmm', value: null })).toBeNull();
    expect(readSummary({ text: 'ja', value: null }, { ...nothing, confirm: true })).toEqual({ kind: 'summary', choice: 'confirm' });
    expect(readSummary({ text: '', value: { action: 'order.cancel' } }, null)).toEqual({ kind: 'summary', choice: 'cancel' });
  });

  it('unknown words get the closest catalog names as suggestions', () => {
    expect(bestMatches('Kopirpapier', products, 'de')[0].sku).toBe('PAPER-A4');
    expect(bestMatches('offce chiar', products, 'en')[0].sku).toBe('CHAIR-ERGO');
  });
});

describe('ambiguous mentions and bare quantities from the recognizer', () => {
  it('an ambiguous mention waits with its own quantity, next to named items', () => {
    const s = session();
    applyUnderstanding(
      s,
      { ...nothing, items: [{ sku: 'CHAIR-ERGO', quantity: 3, text: 'Stühle' }], ambiguous: [{ text: 'Toner', candidates: ['TONER-BK', 'TONER-COLOR'], quantity: 2 }] },
      ctx('2 Toner und 3 Stühle'),
    );
    expect(s.unclear).toEqual([{ kind: 'ambiguous', text: 'Toner', candidates: ['TONER-BK', 'TONER-COLOR'], quantity: 2 }]);
  });

  it('a correction without a product takes the quantity the recognizer read alone', () => {
    const s = session();
    applyUnderstanding(s, { ...nothing, items: [{ sku: 'CHAIR-ERGO', quantity: 2, text: 'Stühle' }] }, ctx('2 Stühle'));
    applyUnderstanding(s, { ...nothing, intent: 'other', quantityOnly: 5 }, ctx('doch lieber fünf'));
    expect(s.draft.lines).toEqual([expect.objectContaining({ sku: 'CHAIR-ERGO', quantity: 5 })]);
    applyUnderstanding(s, { ...nothing, intent: 'other', quantityOnly: null }, ctx('doch lieber'));
    expect(s.draft.lines).toEqual([expect.objectContaining({ sku: 'CHAIR-ERGO', quantity: 5 })]);
  });
});

describe('quantities outside 1..10,000 never reach the draft', () => {
  const chairs = (quantity: number) => ({ ...nothing, items: [{ sku: 'CHAIR-ERGO', quantity, text: 'Stühle' }] });

  it.each([2.5, 10_001, 1_000_000_000])('%d from a message is asked again, with the reason', (quantity) => {
    const s = session();
    expect(applyUnderstanding(s, chairs(quantity), ctx(`${quantity} Stühle`)).rejected).toEqual(['CHAIR-ERGO']);
    expect(s.draft.lines).toEqual([]);
    expect(s).toMatchObject({ quantityMissing: ['CHAIR-ERGO'], quantityRejected: ['CHAIR-ERGO'] });
    setLineQuantity(s, 'CHAIR-ERGO', 3);
    expect(s).toMatchObject({ draft: { lines: [{ sku: 'CHAIR-ERGO', quantity: 3 }] }, quantityMissing: [], quantityRejected: [] });
  });

  it('adding past 10,000 keeps the line as it was and asks again', () => {
    const s = session();
    applyUnderstanding(s, chairs(9_000), ctx('9000 Stühle'));
    applyUnderstanding(s, chairs(2_000), ctx('noch 2000 Stühle dazu'));
    expect(s.draft.lines).toEqual([{ sku: 'CHAIR-ERGO', quantity: 9_000 }]);
    expect(s.quantityRejected).toEqual(['CHAIR-ERGO']);
  });

  it('an ambiguous mention resolved later keeps the rule', () => {
    const s = session();
    applyUnderstanding(s, { ...nothing, ambiguous: [{ text: 'Toner', candidates: ['TONER-BK', 'TONER-COLOR'], quantity: 2.5 }] }, ctx('2,5 Toner'));
    resolveUnclear(s, products.find((p) => p.sku === 'TONER-BK')!);
    expect(s.draft.lines).toEqual([]);
    expect(s).toMatchObject({ quantityMissing: ['TONER-BK'], quantityRejected: ['TONER-BK'] });
  });
});

describe('reading a submitted catalog card', () => {
  it('keeps products the card shows, skips empty fields and 0, and names unusable quantities', () => {
    const value = {
      action: 'order.catalog', 'qty_PAPER-A4': '3', 'qty_COFFEE-1KG': '', 'qty_DESK-160': 0, qty_XYZ: '1', 'qty_SVC-PRINTER': '1',
      'qty_CHAIR-ERGO': '2.5', 'qty_TONER-BK': '-1', 'qty_SIGN-ENGRAVED': '1000000000', 'qty_MONITOR-27': 'viele',
    };
    expect(catalogQuantities(value, products)).toEqual({
      lines: [{ sku: 'PAPER-A4', quantity: 3 }, { sku: 'SVC-PRINTER', quantity: 1 }], // services are in the catalog too
      invalid: ['CHAIR-ERGO', 'TONER-BK', 'SIGN-ENGRAVED', 'MONITOR-27'],
    });
  });
});
