import type { CompanyRecord } from '../domain/company';
import { isInvoiceMode, type InvoiceMode } from '../domain/invoicing';
import type { Locale } from '../domain/locale';
import type { Db } from './db';
import type { Knex } from 'knex';


/** The seller as its documents show it (company row id 1, with the letterhead columns of migration 008). */
export async function getCompanyRecord(db: Db | Knex.Transaction): Promise<CompanyRecord> {
  const r = await db('company').where({ id: 1 }).first();
  if (!r) throw new Error('the company record (id 1) is missing');
  return {
    name: r.name,
    address: { name: r.name, street: r.street, postcode: r.postcode, city: r.city, country: r.country },
    vatId: r.vat_id || null,
    taxNumber: r.tax_number,
    iban: r.iban,
    bic: r.bic,
    register: r.register_court && r.register_number ? { court: r.register_court, number: r.register_number } : null,
    managingDirectors: r.managing_directors ? JSON.parse(r.managing_directors) : [],
    bankName: r.bank_name,
    contact: { name: r.contact_name ?? r.name, phone: r.contact_phone ?? '', email: r.contact_email ?? '', website: r.website },
    smallBusiness: r.small_business === true || Number(r.small_business) === 1,
  };
}

/** The invoice mode in force (settings row 'invoice_mode', written from INVOICE_MODE at start); default per shipment. */
export async function getInvoiceMode(db: Db | Knex.Transaction): Promise<InvoiceMode> {
  const row = await db('settings').where({ name: 'invoice_mode' }).first('value');
  return isInvoiceMode(row?.value) ? row.value : 'per_shipment';
}

export async function setInvoiceMode(db: Db, mode: InvoiceMode): Promise<void> {
  await db('settings').insert({ name: 'invoice_mode', value: mode }).onConflict('name').merge();
}

/** What a buyer's documents need beyond the Customer: e-invoice address, public-sector flag and Leitweg-ID. */
export async function customerDocumentFacts(
  db: Db | Knex.Transaction, customerId: number,
): Promise<{ email: string | null; publicSector: boolean; leitwegId: string | null; locale: Locale }> {
  const r = await db('customers').where({ id: customerId }).first('email', 'public_sector', 'leitweg_id');
  // Documents are written in the language the account's people chose (the first who chose one), else German.
  const person = await db('persons').where({ customer_id: customerId, role: 'customer' }).whereNotNull('locale').orderBy('id').first('locale');
  return {
    email: r?.email ?? null, publicSector: r?.public_sector === true || Number(r?.public_sector) === 1, leitwegId: r?.leitweg_id ?? null,
    locale: person?.locale === 'en' ? 'en' : 'de',
  };
}
