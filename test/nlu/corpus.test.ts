import { listProducts } from '../../data/catalog';
import { listCustomers } from '../../data/parties';
import { loadCorpus, score } from '../../dialogs/understanding/evaluation';
import { describeEachDatabase } from '../support/databases';

describeEachDatabase('NLU corpus with the seeded catalog', ({ get }) => {
  it.each([
    ['corpus', 'de', 280], ['corpus', 'en', 280], ['heldout', 'de', 120], ['heldout', 'en', 120],
  ] as const)('%s.%s reaches 95 %% intent accuracy and exact item match', async (set, locale, minimum) => {
    const { db } = get();
    const catalog = await listProducts(db);
    const customers = (await listCustomers(db)).map((c) => ({ number: c.number, name: c.name }));
    const corpus = loadCorpus(`${set}.${locale}.jsonl`);
    expect(corpus.length).toBeGreaterThanOrEqual(minimum);
    const s = score(corpus, locale, catalog, customers);
    const report = s.failures.map((f) => `${f.text} → ${JSON.stringify(f.got)}`).join('\n');
    expect({ intent: s.intentAccuracy >= 0.95, items: s.itemMatchRate >= 0.95, failures: report }).toMatchObject({ intent: true, items: true });
  });
});
