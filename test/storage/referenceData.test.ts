import { setPersonLocale } from '../../data/parties';
import { ReferenceData, referenceDataOf } from '../../data/referenceData';
import { describeEachDatabase } from '../support/databases';

describeEachDatabase('catalog and customers kept against the reference version', ({ get }) => {
  const queries = () => {
    const seen: string[] = [];
    const listener = (q: { sql: string }) => seen.push(q.sql);
    get().db.on('query', listener);
    return { seen, stop: () => get().db.off('query', listener) };
  };

  it('reads only the version while nothing changed, and the lists again after any change, made by anyone', async () => {
    const { db } = get();
    const data = new ReferenceData(db);
    const first = await data.current();
    expect(first.catalog.find((p) => p.sku === 'PAPER-A4')).toBeTruthy();
    const log = queries();
    const again = await data.current();
    log.stop();
    expect(again).toBe(first);
    expect(log.seen).toHaveLength(1);
    expect(log.seen[0]).toMatch(/reference_version/);

    // A plain SQL update, as an administrator or another instance would make it.
    await db('products').where({ sku: 'PAPER-A4' }).update({ price_cents: 777 });
    const priced = await data.current();
    expect(priced.version).toBeGreaterThan(first.version);
    expect(priced.catalog.find((p) => p.sku === 'PAPER-A4')!.priceCents).toBe(777);

    await db('customers').insert({ number: 'K-9999', name: 'Neukunde Versionstest GmbH', kind: 'b2b', address_name: 'Neukunde', street: 'Weg 1', postcode: '10115', city: 'Berlin', country: 'DE', payment_terms_days: 14 });
    expect((await data.current()).customers.some((c) => c.number === 'K-9999')).toBe(true);
    await db('products').where({ sku: 'PAPER-A4' }).update({ active: false });
    expect((await data.current()).catalog.some((p) => p.sku === 'PAPER-A4')).toBe(false);
    await db('products').where({ sku: 'PAPER-A4' }).update({ active: true, price_cents: 490 });
    expect((await data.current()).catalog.find((p) => p.sku === 'PAPER-A4')!.priceCents).toBe(490);
  });

  it('knows who is who until a person or a channel identity changes', async () => {
    const { db } = get();
    const data = new ReferenceData(db);
    const mueller = (await data.person('directline', 'demo-mueller', undefined))!;
    expect(mueller.displayName).toBeTruthy();
    const log = queries();
    expect(await data.person('directline', 'demo-mueller', undefined)).toBe(mueller);
    expect(await data.person('directline', 'nobody-yet', undefined)).toBeNull();
    expect(await data.person('directline', 'nobody-yet', undefined)).toBeNull();
    log.stop();
    // One version read each time, and the person query only for the account not asked before.
    expect(log.seen.filter((sql) => /persons/.test(sql))).toHaveLength(1);

    await setPersonLocale(db, mueller.id, mueller.locale === 'en' ? 'de' : 'en');
    expect((await data.person('directline', 'demo-mueller', undefined))!.locale).not.toBe(mueller.locale);
    await db('channel_identities').insert({ channel_id: 'directline', user_id: 'nobody-yet', person_id: mueller.id });
    expect((await data.person('directline', 'nobody-yet', undefined))!.id).toBe(mueller.id);
    await db('persons').where({ id: mueller.id }).update({ locale: mueller.locale });
  });

  it('reads the version once per turn, and shares one cache per database handle', async () => {
    const { db } = get();
    expect(referenceDataOf(db)).toBe(referenceDataOf(db));
    const data = referenceDataOf(db);
    await data.current();
    const turn = {};
    const log = queries();
    const [a, b] = await Promise.all([data.current(turn), data.current(turn)]);
    const c = await data.current(turn);
    log.stop();
    expect(a).toBe(b);
    expect(c).toBe(a);
    expect(log.seen).toHaveLength(1);
  });

  it('hands out lists nobody can change for the others', async () => {
    const { catalog, customers } = await new ReferenceData(get().db).current();
    // Jest runs tests in another realm, so the TypeError is matched by its message.
    expect(() => (catalog as unknown[]).push({})).toThrow(/not extensible/);
    expect(() => [...catalog].sort()).not.toThrow();
    expect(() => { (customers[0] as { name: string }).name = 'x'; }).toThrow(/read.only/);
  });
});
