import type { CompanyContact, CompanyRecord } from './company';
import type { Buyer, LineInput, UnitCode } from './invoice';
import type { Locale, Localized } from './locale';
import type { PricedLine } from './order';
import type { Company, Customer } from './parties';

/**
 * From the records the database already holds (Company, Customer, an order's PricedLines) to the inputs of
 * computeDocument, so an operation that issues a document only adds what the records lack.
 */

/** UN/ECE unit codes by the catalog's German unit names; anything else counts as "one" (C62). */
const unitCodes: Record<string, UnitCode> = {
  stück: 'H87',
  paket: 'XPK',
  packung: 'XPK',
  set: 'SET',
  stunde: 'HUR',
  tag: 'DAY',
  kg: 'KGM',
  kilogramm: 'KGM',
  meter: 'MTR',
  m: 'MTR',
  pauschale: 'LS',
  einsatz: 'C62',
};

export function unitCodeFor(unit: Localized): UnitCode {
  return unitCodes[unit.de.trim().toLowerCase()] ?? 'C62';
}

/** An order's priced lines as document lines in the customer's language, with an optional discount per SKU. */
export function lineInputsFrom(lines: readonly PricedLine[], locale: Locale, discounts: Readonly<Record<string, LineInput['discount']>> = {}): LineInput[] {
  return lines.map((l) => ({
    sku: l.sku,
    name: l.name[locale],
    quantity: l.quantity,
    unit: { name: l.unit[locale], code: unitCodeFor(l.unit) },
    unitPriceCents: l.unitPriceCents,
    vatRate: l.vatRate,
    discount: discounts[l.sku] ?? null,
  }));
}

export function buyerFrom(
  customer: Customer,
  extra: { email: string | null; publicSector?: boolean; buyerReference?: string | null },
): Buyer {
  return {
    name: customer.name,
    address: customer.address,
    customerNumber: customer.number,
    vatId: customer.vatId,
    kind: customer.kind,
    publicSector: extra.publicSector ?? false,
    buyerReference: extra.buyerReference ?? null,
    email: extra.email,
  };
}

export function companyRecordFrom(
  company: Company,
  extra: {
    register: CompanyRecord['register'];
    managingDirectors: string[];
    bankName: string | null;
    contact: CompanyContact;
    smallBusiness?: boolean;
  },
): CompanyRecord {
  return { ...company, ...extra, smallBusiness: extra.smallBusiness ?? false };
}
