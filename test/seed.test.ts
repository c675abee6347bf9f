import { listProducts } from '../data/catalog';
import { findPersonByChannel, getCompany } from '../data/parties';
import { seed } from '../data/seed';
import { describeEachDatabase } from './support/databases';

describeEachDatabase('demo data', ({ get }) => {
  it('seeds the company, the catalog and the demo identities', async () => {
    const { db } = get();
    expect((await getCompany(db)).vatId).toBe('DE123456789');
    const products = await listProducts(db);
    expect(products.map((p) => p.sku)).toContain('SIGN-ENGRAVED');
    expect(products.find((p) => p.sku === 'COFFEE-1KG')!.vatRate).toBe(7);
    const mueller = await findPersonByChannel(db, 'directline', 'demo-mueller');
    expect(mueller).toMatchObject({ displayName: 'Peter Müller', role: 'customer' });
    expect(await findPersonByChannel(db, 'directline', 'nobody')).toBeNull();
  });

  it('seeding twice changes nothing', async () => {
    const { db } = get();
    const before = await db('persons').count({ n: '*' }).first();
    await seed(db);
    const after = await db('persons').count({ n: '*' }).first();
    expect(Number(after!.n)).toBe(Number(before!.n));
  });
});
