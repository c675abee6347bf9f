import type { Company } from './parties';

/**
 * The seller as its business documents show it: the parties' Company (name, address, VAT id, tax number, IBAN, BIC)
 * plus what a letterhead, §14 (4) UStG and an EN 16931 e-invoice also need.
 */
export interface CompanyRecord extends Omit<Company, 'vatId'> {
  /** Null for a §19 small business that identifies itself by its tax number only. */
  vatId: string | null;
  /** Commercial register entry, e.g. { court: 'Amtsgericht Charlottenburg', number: 'HRB 123456 B' }. */
  register: { court: string; number: string } | null;
  /** Managing directors (Geschäftsführer), named on a GmbH's business letters (§35a GmbHG). */
  managingDirectors: string[];
  bankName: string | null;
  contact: CompanyContact;
  /** Small business under §19 UStG: charges no VAT and says so on every invoice. */
  smallBusiness: boolean;
}

export interface CompanyContact {
  /** Person or department to contact about an invoice (XRechnung BR-DE-5). */
  name: string;
  phone: string;
  email: string;
  website: string | null;
}

/** "Amtsgericht Charlottenburg, HRB 123456 B" */
export function registerLine(company: CompanyRecord): string | null {
  return company.register ? `${company.register.court}, ${company.register.number}` : null;
}

/** "DE02 1203 0000 0000 2020 51": IBANs are read in groups of four. */
export function formatIban(iban: string): string {
  return compactIban(iban).replace(/(.{4})(?=.)/g, '$1 ');
}

/** An IBAN without spaces, upper case, as machines (EPC QR, e-invoice) want it. */
export function compactIban(iban: string): string {
  return iban.replace(/\s+/g, '').toUpperCase();
}
