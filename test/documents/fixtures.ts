import type { CompanyRecord } from '../../domain/company';
import type { Buyer, DocumentInput, LineInput, PricedDocument } from '../../domain/invoice';
import { computeDocument } from '../../domain/invoice';

/** The demo seller (data/seedData.ts) with what documents need on top. */
export const seller: CompanyRecord = {
  name: 'Bürowerk GmbH',
  address: { name: 'Bürowerk GmbH', street: 'Friedrichstraße 100', postcode: '10117', city: 'Berlin', country: 'DE' },
  vatId: 'DE123456789',
  taxNumber: '30/123/45678',
  iban: 'DE02120300000000202051',
  bic: 'BYLADEM1001',
  bankName: 'Deutsche Kreditbank Berlin',
  register: { court: 'Amtsgericht Charlottenburg', number: 'HRB 123456 B' },
  managingDirectors: ['Katrin Weiß'],
  contact: { name: 'Buchhaltung', phone: '+49 30 1234567', email: 'rechnung@buerowerk.example', website: 'www.buerowerk.example' },
  smallBusiness: false,
};

export const mueller: Buyer = {
  name: 'Müller Bau GmbH',
  address: { name: 'Müller Bau GmbH', street: 'Hauptstraße 12', postcode: '10827', city: 'Berlin', country: 'DE' },
  customerNumber: '10001',
  vatId: 'DE811111111',
  kind: 'b2b',
  publicSector: false,
  buyerReference: null,
  email: 'einkauf@muellerbau.example',
};

export const schmidt: Buyer = {
  name: 'Anna Schmidt',
  address: { name: 'Anna Schmidt', street: 'Lindenallee 5', postcode: '14050', city: 'Berlin', country: 'DE' },
  customerNumber: '10003',
  vatId: null,
  kind: 'b2c',
  publicSector: false,
  buyerReference: null,
  email: 'anna.schmidt@example.org',
};

export const wienerBuero: Buyer = {
  name: 'Wiener Büro OG',
  address: { name: 'Wiener Büro OG', street: 'Mariahilfer Straße 20', postcode: '1070', city: 'Wien', country: 'AT' },
  customerNumber: '10010',
  vatId: 'ATU12345678',
  kind: 'b2b',
  publicSector: false,
  buyerReference: null,
  email: 'office@wienerbuero.example',
};

export const bezirksamt: Buyer = {
  name: 'Bezirksamt Pankow von Berlin',
  address: { name: 'Bezirksamt Pankow von Berlin', street: 'Breite Straße 24a-26', postcode: '13187', city: 'Berlin', country: 'DE' },
  customerNumber: '10020',
  vatId: null,
  kind: 'b2b',
  publicSector: true,
  buyerReference: '11001-12345-67',
  email: 'rechnungseingang@ba-pankow.example',
};

export const paper: LineInput = {
  sku: 'PAP-A4-500', name: 'Kopierpapier A4, 500 Blatt', quantity: 10, unit: { name: 'Paket', code: 'XPK' },
  unitPriceCents: 499, vatRate: 19, discount: null,
};
export const toner: LineInput = {
  sku: 'TON-BK', name: 'Toner schwarz', quantity: 2, unit: { name: 'Stück', code: 'H87' },
  unitPriceCents: 8990, vatRate: 19, discount: null,
};
export const coffee: LineInput = {
  sku: 'KAF-1KG', name: 'Kaffeebohnen 1 kg', quantity: 3, unit: { name: 'Packung', code: 'XPK' },
  unitPriceCents: 1599, vatRate: 7, discount: null,
};

export function invoiceInput(overrides: Partial<DocumentInput> = {}): DocumentInput {
  return {
    kind: 'invoice',
    number: 'RE-2026-0004',
    issueDate: '2026-12-01',
    locale: 'de',
    seller,
    buyer: mueller,
    lines: [paper, toner, coffee],
    documentDiscount: null,
    service: { kind: 'date', date: '2026-11-27' },
    paymentTermsDays: 14,
    orderNumber: '1003',
    validUntil: null,
    ...overrides,
  };
}

/** computeDocument, failing the test on an input problem. */
export function compute(overrides: Partial<DocumentInput> = {}): PricedDocument {
  const result = computeDocument(invoiceInput(overrides));
  if (!result.ok) throw new Error(`unexpected input problems: ${JSON.stringify(result.problems)}`);
  return result.document;
}
