import type { Product } from '../../domain/catalog';
import type { Locale } from '../../domain/locale';

const normalize = (s: string) =>
  s.toLowerCase().replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss').replace(/[^a-z0-9]+/g, ' ').trim();

function bigrams(s: string): Set<string> {
  const padded = ` ${s} `;
  const grams = new Set<string>();
  for (let i = 0; i < padded.length - 1; i++) grams.add(padded.slice(i, i + 2));
  return grams;
}

/** Dice coefficient on letter pairs: tolerant of typos and word endings, cheap for a catalog of this size. */
function similarity(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  let common = 0;
  for (const g of x) if (y.has(g)) common++;
  return (2 * common) / (x.size + y.size);
}

/**
 * The products whose names or synonyms come closest to words the recognizer could not place, best first –
 * offered as buttons so the customer can pick instead of guessing the spelling we use.
 */
export function bestMatches(text: string, catalog: readonly Product[], locale: Locale, limit = 3): Product[] {
  const wanted = normalize(text);
  return catalog
    .map((p) => {
      const names = [p.name[locale], p.name.de, p.name.en, ...p.synonyms[locale]].map(normalize);
      return { p, score: Math.max(...names.map((n) => similarity(wanted, n))) };
    })
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
    .map((m) => m.p);
}
