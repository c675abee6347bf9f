import type { Locale } from '../domain/locale';
import type { Company, Customer, Person } from '../domain/parties';
import { rawRows, type Db } from './db';

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

/**
 * The person behind a channel identity, or null for someone not yet linked. An identity linked for a tenant only
 * counts in that tenant (Teams: the same object id arriving from another tenant is someone else).
 */
export async function findPersonByChannel(db: Db, channelId: string, userId: string, tenantId?: string): Promise<Person | null> {
  // Every turn asks this: plain SQL (see rawRows). An identity without a tenant matches in any tenant.
  const [row] = await rawRows(
    db,
    `select persons.* from persons join channel_identities on channel_identities.person_id = persons.id
      where channel_identities.channel_id = ? and channel_identities.user_id = ?
        and (channel_identities.tenant_id is null or channel_identities.tenant_id = ?)
      limit 1`,
    [channelId, userId, tenantId ?? null],
  );
  return row ? toPerson(row) : null;
}

/** E-mail addresses compare case-insensitively; they are stored trimmed and lower-case. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function findPersonByEmail(db: Db, email: string): Promise<Person | null> {
  const normalized = normalizeEmail(email);
  if (!normalized) return null;
  const row = await db('persons').where({ email: normalized }).first();
  return row ? toPerson(row) : null;
}

/** People whose display name is the given one (case-insensitive), for an admin who links someone by name. */
export async function findPersonsByName(db: Db, name: string): Promise<Person[]> {
  const rows = await db('persons').whereRaw('lower(display_name) = ?', [name.trim().toLowerCase()]).orderBy('id');
  return rows.map(toPerson);
}

export interface ChannelIdentity {
  channelId: string;
  userId: string;
  tenantId?: string | null;
}

export type LinkHow = 'seed' | 'email' | 'admin' | 'api';

export type LinkResult =
  | { linked: true; created: boolean }
  /** The identity belongs to another person already; an admin must unlink it first, it is never moved silently. */
  | { linked: false; reason: 'linked_to_other'; personId: number }
  | { linked: false; reason: 'no_person' };

/** Links a channel identity to a person; linking it again to the same person is a no-op (retries are safe). */
export async function linkChannelIdentity(db: Db, identity: ChannelIdentity, personId: number, how: LinkHow): Promise<LinkResult> {
  return db.transaction(async (trx) => {
    const person = await trx('persons').where({ id: personId }).first('id');
    if (!person) return { linked: false, reason: 'no_person' } as const;
    const existing = await trx('channel_identities').where({ channel_id: identity.channelId, user_id: identity.userId }).first();
    if (existing) {
      if (Number(existing.person_id) !== personId) return { linked: false, reason: 'linked_to_other', personId: Number(existing.person_id) } as const;
      return { linked: true, created: false } as const;
    }
    await trx('channel_identities')
      .insert({ channel_id: identity.channelId, user_id: identity.userId, tenant_id: identity.tenantId ?? null, person_id: personId, linked_by: how })
      .onConflict(['channel_id', 'user_id'])
      .ignore();
    const now = await trx('channel_identities').where({ channel_id: identity.channelId, user_id: identity.userId }).first('person_id');
    if (Number(now.person_id) !== personId) return { linked: false, reason: 'linked_to_other', personId: Number(now.person_id) } as const;
    return { linked: true, created: true } as const;
  });
}

/** The identities linked to a person, e.g. for the REST answer. */
export async function listChannelIdentities(db: Db, personId: number): Promise<Array<Required<ChannelIdentity> & { linkedBy: string | null }>> {
  const rows = await db('channel_identities').where({ person_id: personId }).orderBy(['channel_id', 'user_id']);
  return rows.map((r: any) => ({ channelId: r.channel_id, userId: r.user_id, tenantId: r.tenant_id ?? null, linkedBy: r.linked_by ?? null }));
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
