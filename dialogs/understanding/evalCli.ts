import { loadCatalog } from './catalogSource';
import { loadCorpus, score } from './evaluation';
import type { Locale } from '../../domain/locale';

/**
 * npm run nlu:eval [-- --verbose] [-- --set corpus]: intent accuracy and exact item-match rate per language, for the
 * tuning corpus and the held-out set. --verbose lists failures of the tuning corpus only: the held-out set is there
 * to be measured, not tuned against (--verbose-heldout lists its failures too, for the final report).
 */
async function main(): Promise<void> {
  const verbose = process.argv.includes('--verbose') || process.argv.includes('--verbose-heldout');
  const heldoutFailures = process.argv.includes('--verbose-heldout');
  const { catalog, customers } = await loadCatalog();
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  for (const set of ['corpus', 'heldout'] as const) {
    for (const locale of ['de', 'en'] as Locale[]) {
      const s = score(loadCorpus(`${set}.${locale}.jsonl`), locale, catalog, customers);
      console.log(
        `${set.padEnd(7)} ${locale}  n=${String(s.total).padStart(3)}  intent ${pct(s.intentAccuracy).padStart(7)}  items ${pct(s.itemMatchRate).padStart(7)}  fields ${pct(s.fieldAccuracy).padStart(7)}`,
      );
      if (verbose && (set === 'corpus' || heldoutFailures)) for (const f of s.failures) console.log('  ✗', JSON.stringify(f));
    }
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
