import { products } from '../../data/seedData';
import {
  addOrIncreaseLine,
  emptyDraft,
  missingAddressFields,
  priceDraft,
  removeLine,
  setQuantity,
  validateDraft,
  type Draft,
} from '../../domain/order';
import type { Address } from '../../domain/parties';

const address: Address = { name: 'Café Morgenrot', street: 'Oranienstraße 12', postcode: '10999', city: 'Berlin', country: 'DE' };
const today = '2026-06-03'; // Wednesday
const context = { catalog: products, today };

function draftWith(lines: Draft['lines'], extra: Partial<Draft> = {}): Draft {
  return { ...emptyDraft(1), lines, ...extra };
}

describe('editing lines', () => {
  it('adds a line, then increases it instead of adding a second one (SKU case-insensitive)', () => {
    let draft = addOrIncreaseLine(emptyDraft(1), 'PAPER-A4', 2);
    draft = addOrIncreaseLine(draft, 'paper-a4 ', 3);
    draft = addOrIncreaseLine(draft, 'coffee-1kg', 1);
    expect(draft.lines).toEqual([
      { sku: 'PAPER-A4', quantity: 5 },
      { sku: 'COFFEE-1KG', quantity: 1 },
    ]);
  });

  it('never mutates the draft it was given', () => {
    const original = draftWith([{ sku: 'PAPER-A4', quantity: 1 }]);
    const frozen = JSON.stringify(original);
    addOrIncreaseLine(original, 'PAPER-A4', 1);
    setQuantity(original, 'PAPER-A4', 9);
    removeLine(original, 'PAPER-A4');
    expect(JSON.stringify(original)).toBe(frozen);
  });

  it('setQuantity replaces the quantity, adds a missing line and removes at 0', () => {
    const draft = draftWith([{ sku: 'PAPER-A4', quantity: 5 }]);
    expect(setQuantity(draft, 'paper-a4', 2).lines).toEqual([{ sku: 'PAPER-A4', quantity: 2 }]);
    expect(setQuantity(draft, 'TONER-BK', 1).lines).toEqual([
      { sku: 'PAPER-A4', quantity: 5 },
      { sku: 'TONER-BK', quantity: 1 },
    ]);
    expect(setQuantity(draft, 'PAPER-A4', 0).lines).toEqual([]);
  });

  it('removeLine removes only that SKU and ignores unknown ones', () => {
    const draft = draftWith([
      { sku: 'PAPER-A4', quantity: 5 },
      { sku: 'TONER-BK', quantity: 1 },
    ]);
    expect(removeLine(draft, 'PAPER-A4').lines).toEqual([{ sku: 'TONER-BK', quantity: 1 }]);
    expect(removeLine(draft, 'NOPE').lines).toEqual(draft.lines);
  });
});

describe('priceDraft', () => {
  it('prices lines from the catalog and totals VAT per rate', () => {
    const priced = priceDraft(draftWith([{ sku: 'PAPER-A4', quantity: 3 }, { sku: 'coffee-1kg', quantity: 1 }]), products);
    expect(priced.lines).toEqual([
      expect.objectContaining({ sku: 'PAPER-A4', kind: 'goods', quantity: 3, unitPriceCents: 490, vatRate: 19, netCents: 1470 }),
      expect.objectContaining({ sku: 'COFFEE-1KG', quantity: 1, unitPriceCents: 1890, vatRate: 7, netCents: 1890 }),
    ]);
    expect(priced.lines[0].name.de).toMatch(/\S/);
    expect(priced.lines[0].unit.en).toMatch(/\S/);
    expect(priced.totals).toEqual({
      netCents: 3360,
      vatCents: 411,
      grossCents: 3771,
      byRate: [
        { rate: 19, netCents: 1470, vatCents: 279 },
        { rate: 7, netCents: 1890, vatCents: 132 },
      ],
    });
  });

  it('leaves unknown SKUs out of the price', () => {
    const priced = priceDraft(draftWith([{ sku: 'GHOST', quantity: 3 }, { sku: 'TONER-BK', quantity: 1 }]), products);
    expect(priced.lines.map((l) => l.sku)).toEqual(['TONER-BK']);
    expect(priced.totals.netCents).toBe(8900);
  });

  it('prices an empty draft as zero', () => {
    expect(priceDraft(emptyDraft(1), products).totals.grossCents).toBe(0);
  });
});

describe('missingAddressFields', () => {
  it('is empty for a complete German address', () => {
    expect(missingAddressFields(address)).toEqual([]);
  });

  it('lists blank fields', () => {
    expect(missingAddressFields({ ...address, street: ' ', city: '' })).toEqual(['street', 'city']);
    expect(missingAddressFields(null)).toEqual(['street', 'postcode', 'city', 'country']);
    expect(missingAddressFields({ street: 'Hauptstr. 1' })).toEqual(['postcode', 'city', 'country']);
  });

  it('requires five digits for German postcodes only', () => {
    expect(missingAddressFields({ ...address, postcode: '1099' })).toEqual(['postcode']);
    expect(missingAddressFields({ ...address, postcode: '10999a' })).toEqual(['postcode']);
    expect(missingAddressFields({ ...address, postcode: '1010', country: 'AT' })).toEqual([]);
    expect(missingAddressFields({ ...address, postcode: '1010', country: 'de' })).toEqual(['postcode']);
  });
});

describe('validateDraft', () => {
  it('accepts a complete draft', () => {
    const draft = draftWith([{ sku: 'PAPER-A4', quantity: 3 }], { deliveryAddress: address, requestedDate: '2026-06-04' });
    expect(validateDraft(draft, context)).toEqual([]);
  });

  it('accepts a draft without address (customer address) and without date', () => {
    expect(validateDraft(draftWith([{ sku: 'PAPER-A4', quantity: 1 }]), context)).toEqual([]);
  });

  it('reports an empty draft and a missing customer', () => {
    expect(validateDraft(emptyDraft(null), context)).toEqual([
      { code: 'no_customer', field: 'customerId' },
      { code: 'no_lines', field: 'lines' },
    ]);
  });

  it('reports unknown SKUs and bad quantities per line', () => {
    const draft = draftWith([
      { sku: 'GHOST', quantity: 1 },
      { sku: 'PAPER-A4', quantity: 0 },
      { sku: 'TONER-BK', quantity: 1.5 },
      { sku: 'COFFEE-1KG', quantity: 10001 },
      { sku: 'CHAIR-ERGO', quantity: -2 },
      { sku: 'DESK-160', quantity: 10000 },
    ]);
    expect(validateDraft(draft, context)).toEqual([
      { code: 'unknown_sku', field: 'sku', sku: 'GHOST' },
      { code: 'bad_quantity', field: 'quantity', sku: 'PAPER-A4' },
      { code: 'bad_quantity', field: 'quantity', sku: 'TONER-BK' },
      { code: 'bad_quantity', field: 'quantity', sku: 'COFFEE-1KG' },
      { code: 'bad_quantity', field: 'quantity', sku: 'CHAIR-ERGO' },
    ]);
  });

  it('reports incomplete addresses and invalid German postcodes', () => {
    const draft = draftWith([{ sku: 'PAPER-A4', quantity: 1 }], { deliveryAddress: { ...address, street: '', postcode: '123' } });
    expect(validateDraft(draft, context)).toEqual([
      { code: 'address_incomplete', field: 'deliveryAddress.street' },
      { code: 'postcode_invalid', field: 'deliveryAddress.postcode' },
    ]);
  });

  it.each([
    ['2026-06-02', 'date_in_past'],
    ['2026-06-03', 'date_too_soon'],
    ['2026-06-06', 'date_not_working_day'], // Saturday
    ['2026-12-25', 'date_not_working_day'], // Christmas
    ['2026-02-30', 'date_invalid'],
    ['next week', 'date_invalid'],
  ])('reports requested date %s as %s', (requestedDate, code) => {
    const draft = draftWith([{ sku: 'PAPER-A4', quantity: 1 }], { requestedDate });
    expect(validateDraft(draft, context)).toEqual([{ code, field: 'requestedDate' }]);
  });
});
