import type { Locale } from '../domain/locale';
import type { Company, Customer, Person } from '../domain/parties';
import type { Db } from './db';

function toCustomer(r: any): Customer {
  return {
    id: Number(r.id),
    number: r.number,
    name: r.name,
    kind: r.kind,
    address: { name: r.address_name, street: r.street, postcode: r.postcode, city: r.city, country: r.country },
    paymentTermsDays: Number(r.payment_terms_days),
    creditLimitCents: r.credit_limit_cents === null ? null : Number(r.credit_limit_cents),
    vatId: r.vat_id,
  };
}

function toPerson(r: any): Person {
  return { id: Number(r.id), displayName: r.display_name, role: r.role, customerId: r.customer_id === null ? null : Number(r.customer_id), locale: r.locale };
}

export async function getCompany(db: Db): Promise<Company> {
  const r = await db('company').where({ id: 1 }).first();
  return {
    name: r.name,
    address: { name: r.name, street: r.street, postcode: r.postcode, city: r.city, country: r.country },
    vatId: r.vat_id,
    taxNumber: r.tax_number,
    iban: r.iban,
    bic: r.bic,
  };
}

/** The person behind a channel identity, or null for someone not yet linked. */
export async function findPersonByChannel(db: Db, channelId: string, userId: string): Promise<Person | null> {
  const row = await db('persons')
    .join('channel_identities', 'channel_identities.person_id', 'persons.id')
    .where({ 'channel_identities.channel_id': channelId, 'channel_identities.user_id': userId })
    .first('persons.*');
  return row ? toPerson(row) : null;
}

export async function getPerson(db: Db, id: number): Promise<Person | null> {
  const row = await db('persons').where({ id }).first();
  return row ? toPerson(row) : null;
}

export async function setPersonLocale(db: Db, id: number, locale: Locale): Promise<void> {
  await db('persons').where({ id }).update({ locale });
}

export async function getCustomer(db: Db, id: number): Promise<Customer | null> {
  const row = await db('customers').where({ id }).first();
  return row ? toCustomer(row) : null;
}

export async function findCustomerByNumber(db: Db, number: string): Promise<Customer | null> {
  const row = await db('customers').where({ number }).first();
  return row ? toCustomer(row) : null;
}

export async function listCustomers(db: Db): Promise<Customer[]> {
  const rows = await db('customers').orderBy('number');
  return rows.map(toCustomer);
}

/** The people who sign in on a channel, with their account: the demo sign-in picker lists them. */
export async function listChannelPeople(
  db: Db, channelId: string,
): Promise<Array<{ userId: string; person: Person; customer: { name: string; kind: string } | null }>> {
  const rows = await db('channel_identities')
    .join('persons', 'persons.id', 'channel_identities.person_id')
    .leftJoin('customers', 'customers.id', 'persons.customer_id')
    .where('channel_identities.channel_id', channelId)
    .orderBy('persons.id')
    .select('channel_identities.user_id', 'persons.*', 'customers.name as customer_name', 'customers.kind as customer_kind');
  return rows.map((r: any) => ({
    userId: r.user_id,
    person: toPerson(r),
    customer: r.customer_name ? { name: r.customer_name, kind: r.customer_kind } : null,
  }));
}
