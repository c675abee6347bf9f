import { buyerFrom, companyRecordFrom, lineInputsFrom, unitCodeFor } from '../../domain/documentInput';
import { computeInvoice } from '../../domain/invoice';
import type { Product } from '../../domain/catalog';
import { addOrIncreaseLine, emptyDraft, priceDraft } from '../../domain/order';
import type { Company, Customer } from '../../domain/parties';
import { seller } from './fixtures';

const product = (sku: string, de: string, en: string, unit: Product['unit'], priceCents: number, vatRate: Product['vatRate']): Product => ({
  sku, kind: 'goods', category: 'office', name: { de, en }, unit, synonyms: { de: [], en: [] }, priceCents, vatRate,
  onHand: 100, restockDate: null, durationMinutes: null, resourceIds: [],
});
const catalog: Product[] = [
  product('PAP-A4-500', 'Kopierpapier A4', 'Copy paper A4', { de: 'Paket', en: 'ream' }, 499, 19),
  product('TON-BK', 'Toner schwarz', 'Black toner', { de: 'Stück', en: 'piece' }, 8990, 19),
  product('KAF-1KG', 'Kaffeebohnen 1 kg', 'Coffee beans 1 kg', { de: 'Packung', en: 'bag' }, 1599, 7),
];
const company: Company = { name: seller.name, address: seller.address, vatId: 'DE123456789', taxNumber: seller.taxNumber, iban: seller.iban, bic: seller.bic };
const mueller: Customer = {
  id: 1, number: '10001', name: 'Müller Bau GmbH', kind: 'b2b', paymentTermsDays: 14, creditLimitCents: 500_000, vatId: 'DE811111111',
  address: { name: 'Müller Bau GmbH', street: 'Hauptstraße 12', postcode: '10827', city: 'Berlin', country: 'DE' },
};

describe('document inputs from the stored records', () => {
  test('catalog units map to UN/ECE codes', () => {
    expect(unitCodeFor({ de: 'Stück', en: 'piece' })).toBe('H87');
    expect(unitCodeFor({ de: 'Paket', en: 'ream' })).toBe('XPK');
    expect(unitCodeFor({ de: 'Stunde', en: 'hour' })).toBe('HUR');
    expect(unitCodeFor({ de: 'Einsatz', en: 'visit' })).toBe('C62');
    expect(unitCodeFor({ de: 'Fass', en: 'barrel' })).toBe('C62');
  });

  test('an order of the demo catalog becomes an invoice with the same net total as the order', () => {
    const draft = catalog.reduce((d, p) => addOrIncreaseLine(d, p.sku, 2), emptyDraft(1));
    const priced = priceDraft(draft, catalog);
    const result = computeInvoice({
      number: 'RE-2026-0001', issueDate: '2026-12-01', locale: 'en',
      seller: companyRecordFrom(company, { register: seller.register, managingDirectors: seller.managingDirectors, bankName: seller.bankName, contact: seller.contact }),
      buyer: buyerFrom(mueller, { email: 'einkauf@muellerbau.example' }),
      lines: lineInputsFrom(priced.lines, 'en', { [priced.lines[0].sku]: { kind: 'percent', basisPoints: 500 } }),
      documentDiscount: null, service: { kind: 'date', date: '2026-11-30' }, paymentTermsDays: mueller.paymentTermsDays, orderNumber: '1001',
    });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const inv = result.document;
    expect(inv.lines.map((l) => [l.name, l.unit])).toEqual([
      ['Copy paper A4', { name: 'ream', code: 'XPK' }], ['Black toner', { name: 'piece', code: 'H87' }], ['Coffee beans 1 kg', { name: 'bag', code: 'XPK' }],
    ]);
    expect(inv.lines[0].discountCents).toBeGreaterThan(0);
    expect(inv.totals.netCents).toBe(priced.totals.netCents - inv.lines[0].discountCents);
    expect(inv.buyer).toMatchObject({ name: 'Müller Bau GmbH', customerNumber: '10001', kind: 'b2b', publicSector: false });
    expect(inv.seller.smallBusiness).toBe(false);
    expect(inv.dueDate).toBe('2026-12-15');
  });
});
