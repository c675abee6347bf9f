import type { Db } from './db';
import * as demo from './seedData';

/** Fills an empty database with the demo company, customers, people and catalog. Returns whether it seeded. */
export async function seedIfEmpty(db: Db): Promise<boolean> {
  const existing = await db('company').first('id');
  if (existing) return false;
  await seed(db);
  return true;
}

export async function seed(db: Db): Promise<void> {
  await db.transaction(async (trx) => {
    const c = demo.company;
    const d = demo.companyDocuments;
    await trx('company')
      .insert({
        id: 1, name: c.name, street: c.address.street, postcode: c.address.postcode, city: c.address.city,
        country: c.address.country, vat_id: c.vatId, tax_number: c.taxNumber, iban: c.iban, bic: c.bic,
      })
      .onConflict('id')
      .ignore();
    // The letterhead columns of migration 008 (a database migrated only that far, as a migration test does, has none).
    const documents = await trx.schema.hasColumn('company', 'register_court');
    if (documents) {
      await trx('company').where({ id: 1 }).whereNull('register_court').update({
        register_court: d.register.court, register_number: d.register.number, managing_directors: JSON.stringify(d.managingDirectors),
        bank_name: d.bankName, contact_name: d.contact.name, contact_phone: d.contact.phone, contact_email: d.contact.email,
        website: d.contact.website, small_business: d.smallBusiness,
      });
    }
    const customerIds = new Map<string, number>();
    for (const cu of demo.customers) {
      await trx('customers')
        .insert({
          number: cu.number, name: cu.name, kind: cu.kind, address_name: cu.address.name, street: cu.address.street,
          postcode: cu.address.postcode, city: cu.address.city, country: cu.address.country,
          payment_terms_days: cu.paymentTermsDays, credit_limit_cents: cu.creditLimitCents, vat_id: cu.vatId,
          ...(documents ? { email: demo.customerEmails[cu.number] ?? null } : {}),
        })
        .onConflict('number')
        .ignore();
      const row = await trx('customers').where({ number: cu.number }).first('id');
      customerIds.set(cu.number, row.id);
    }
    // The seed also fills databases of earlier schema versions (migration tests): e-mails and link origins where kept.
    const identities = await trx.schema.hasColumn('persons', 'email');
    for (const p of demo.people) {
      const linked = await trx('channel_identities').where({ channel_id: demo.demoChannels[0], user_id: p.demoId }).first();
      if (linked) continue;
      const [inserted] = await trx('persons')
        .insert({
          display_name: p.displayName, role: p.role,
          customer_id: p.customerNumber ? customerIds.get(p.customerNumber) : null, locale: null, ...(identities ? { email: p.email } : {}),
        })
        .returning('id');
      const personId = typeof inserted === 'object' ? inserted.id : inserted;
      await trx('channel_identities').insert(
        demo.demoChannels.map((channel) => ({ channel_id: channel, user_id: p.demoId, person_id: personId, ...(identities ? { linked_by: 'seed' } : {}) })),
      );
    }
    for (const r of demo.resources) {
      await trx('resources')
        .insert({ id: r.id, name: r.name, kind: r.kind, units_per_day: r.unitsPerDay })
        .onConflict('id')
        .ignore();
    }
    // Technicians and consultants are linked to their resource (a link set otherwise is kept).
    if (await trx.schema.hasColumn('resources', 'person_id')) {
      for (const [resourceId, demoId] of Object.entries(demo.resourcePeople)) {
        const identity = await trx('channel_identities').where({ channel_id: demo.demoChannels[0], user_id: demoId }).first('person_id');
        if (identity) await trx('resources').where({ id: resourceId }).whereNull('person_id').update({ person_id: identity.person_id });
      }
    }
    for (const p of demo.products) {
      await trx('products')
        .insert({
          sku: p.sku, kind: p.kind, category: p.category, name_de: p.name.de, name_en: p.name.en,
          unit_de: p.unit.de, unit_en: p.unit.en, synonyms_de: JSON.stringify(p.synonyms.de),
          synonyms_en: JSON.stringify(p.synonyms.en), price_cents: p.priceCents, vat_rate: p.vatRate,
          on_hand: p.onHand, restock_date: p.restockDate, duration_minutes: p.durationMinutes,
          resource_ids: JSON.stringify(p.resourceIds), active: true,
        })
        .onConflict('sku')
        .ignore();
    }
    // Set apart, so the seed also runs on a database migrated only up to before 009 (tests of older migrations).
    const onSite = demo.products.filter((p) => p.onSite).map((p) => p.sku);
    if (onSite.length && (await trx.schema.hasColumn('products', 'on_site'))) await trx('products').whereIn('sku', onSite).update({ on_site: true });
  });
}
