import type { NumberSpan } from './numbers';
import type { CatalogIndex, ProductMention } from './products';
import { segment } from './corrections';
import { simplify, type Token } from './text';
import { quantityFillers, requestWords, trailingWords } from './vocabulary';

import type { AmbiguousMention, ItemMention } from './types';

export type { AmbiguousMention, ItemMention } from './types';

export interface Extracted {
  items: ItemMention[];
  service: string | null;
  ambiguous: AmbiguousMention[];
  unknown: string[];
}

const trailingFillers = new Set(trailingWords);
/** Words that follow numbers without being products: requests, fillers, durations and people. */
const notProducts = new Set([
  ...requestWords,
  ...quantityFillers,
  'stunde', 'stunden', 'minute', 'minuten', 'tag', 'tage', 'tagen', 'woche', 'wochen', 'uhr', 'person', 'personen',
  'mitarbeiter', 'hour', 'hours', 'minutes', 'day', 'days', 'week', 'weeks', 'people', 'employees', 'persons',
]);

/**
 * Turns product mentions and numbers into items: a quantity belongs to the product after it ("10 Pakete Papier")
 * or, failing that, before it ("Papier: 10"); after a correction marker it replaces the earlier value.
 */
export function extractItems(
  index: CatalogIndex,
  tokens: Token[],
  numbers: NumberSpan[],
  mentions: ProductMention[],
  removals: ReadonlySet<ProductMention> = new Set(),
): Extracted {
  const segments = segment(tokens);
  const numberEndingAt = new Map(numbers.map((n) => [n.to - 1, n]));
  const numberStartingAt = new Map(numbers.map((n) => [n.from, n]));
  const mentionAt = new Map<number, ProductMention>();
  for (const m of mentions) for (let i = m.from; i < m.to; i++) mentionAt.set(i, m);
  const claimed = new Set<NumberSpan>();
  const quantity = new Map<ProductMention, number | null>();
  const isUnit = (t: Token) => t.kind === 'word' && index.units.has(t.key);
  const sameSegment = (a: number, b: number) => segments.of[a] === segments.of[b];

  // Words of the product's own name between a quantity and the product ("3 Ergo Pro Stühle"), or format words
  // ("A4"), belong to the product.
  const ownWord = (t: Token, m: ProductMention) =>
    t.kind === 'word' && (m.skus.some((sku) => index.skusOfKey.get(t.key)?.has(sku)) || /^[a-z]\d$/.test(t.norm));
  const goods = mentions.filter((m) => m.kind !== 'service');
  for (const m of goods) {
    let skippedWord = false;
    for (let j = m.from - 1; j >= 0 && sameSegment(j, m.from); j--) {
      const n = numberEndingAt.get(j);
      if (n) {
        if (!claimed.has(n)) [claimed.add(n), quantity.set(m, n.value)];
        break;
      }
      const t = tokens[j];
      if (mentionAt.has(j) || segments.markerTokens.has(j)) break;
      // "2 Stück von den Tischen", "2 of the chairs": small words between a counted unit and its product.
      const small = t.kind === 'word' && index.stop.has(simplify(t.norm)) && j > 0 && (isUnit(tokens[j - 1]) || numberEndingAt.has(j - 1) || index.stop.has(simplify(tokens[j - 1].norm)));
      if (isUnit(t) || ownWord(t, m) || small || (t.raw === '.' && j > 0 && isUnit(tokens[j - 1]))) continue;
      if (t.kind === 'word' && !skippedWord) {
        skippedWord = true;
        continue;
      }
      break;
    }
  }
  for (const m of goods) {
    if (quantity.has(m)) continue;
    let skipped = 0;
    for (let j = m.to; j < tokens.length && skipped <= 4 && sameSegment(j, m.from); j++) {
      const n = numberStartingAt.get(j);
      if (n) {
        let after = n.to;
        while (after < tokens.length && isUnit(tokens[after])) after++;
        if (!claimed.has(n) && !n.article && !mentionAt.has(after)) [claimed.add(n), quantity.set(m, n.value)];
        break;
      }
      const t = tokens[j];
      if (t.kind === 'punct' || trailingFillers.has(simplify(t.norm)) || isUnit(t) || ownWord(t, m)) {
        skipped++;
        continue;
      }
      break;
    }
  }

  // A number standing alone after a correction marker, before anything else it names ("actually make that five,
  // and 2 bags of coffee"): it corrects the product named before the marker, so no product after it replaces that one.
  const bareCorrections = numbers.filter((n) => {
    const seg = segments.of[n.from];
    return seg > 0 && !claimed.has(n) && !n.article && n.value !== null && !mentions.some((m) => segments.of[m.from] === seg && m.from < n.from);
  });
  const correctedBefore = (m: ProductMention) => bareCorrections.some((n) => sameSegment(n.from, m.from) && n.from < m.from);

  const items: ItemMention[] = [];
  const ambiguous: AmbiguousMention[] = [];
  const ambiguousOf = new Map<ProductMention, AmbiguousMention>();
  let service: string | null = null;
  const lastIndexBySku = (sku: string) => items.findIndex((it) => it.sku === sku);
  const touch = (i: number) => items.push(...items.splice(i, 1));
  for (const m of mentions) {
    if (m.skus.length > 1) {
      const entry: AmbiguousMention = { text: m.text, candidates: m.skus, quantity: quantity.get(m) ?? null };
      if (removals.has(m)) entry.removal = true;
      ambiguous.push(entry);
      ambiguousOf.set(m, entry);
      continue;
    }
    const [sku] = m.skus;
    if (m.kind === 'service') {
      service ??= sku;
      continue;
    }
    const seg = segments.of[m.from];
    const q = quantity.get(m) ?? null;
    const existing = lastIndexBySku(sku);
    const firstOfSegment = mentions.filter((o) => segments.of[o.from] === seg)[0] === m;
    if (existing >= 0) {
      const it = items[existing];
      if (q !== null) it.quantity = seg > 0 || it.quantity === null ? q : it.quantity + q;
      touch(existing);
    } else if (seg > 0 && segments.replaces[seg] && items.length > 0 && firstOfSegment && !correctedBefore(m)) {
      items[items.length - 1] = { sku, quantity: q, text: m.text };
    } else {
      items.push(removals.has(m) ? { sku, quantity: null, text: m.text, removal: true } : { sku, quantity: q, text: m.text });
    }
  }
  // A bare number after a correction marker ("ach nein, lieber fünf") corrects the product named last before it.
  for (const n of bareCorrections) {
    const before = mentions.filter((m) => m.to <= n.from && m.kind !== 'service').pop();
    const unclear = before && ambiguousOf.get(before);
    const target = unclear ? -1 : before ? lastIndexBySku(before.skus[0]) : items.length - 1;
    if (unclear) unclear.quantity = n.value;
    else if (target >= 0) items[target].quantity = n.value;
    else continue; // nothing to correct: the number may still name an unknown product
    claimed.add(n);
  }

  const unknown: string[] = [];
  for (const n of numbers) {
    if (claimed.has(n) || n.article) continue;
    let j = n.to;
    while (j < tokens.length && (isUnit(tokens[j]) || index.stop.has(simplify(tokens[j].norm)))) j++;
    const t = tokens[j];
    if (!t || t.kind !== 'word' || mentionAt.has(j) || segments.markerTokens.has(j)) continue;
    if (notProducts.has(simplify(t.norm)) || t.norm.length < 3 || index.skusOfKey.has(t.key)) continue;
    unknown.push(hyphenatedWord(tokens, j));
  }
  return { items, service, ambiguous, unknown: mostProductLike(unknown) };
}

/** The word at j with the parts a hyphen joins to it, as written ("USB-Sticks", not "USB"). */
function hyphenatedWord(tokens: Token[], j: number): string {
  let word = tokens[j].raw;
  for (let k = j + 1; tokens[k]?.afterHyphen; k++) word += `-${tokens[k].raw}`;
  return word;
}

/** How many unknown words are named back: a long message must not turn into a list of everything in it. */
export const MAX_UNKNOWN = 3;

/**
 * The unknown words most likely to be products, in the order written: nouns (capitalised, as German writes them)
 * and longer words first, each word once.
 */
function mostProductLike(words: string[]): string[] {
  const seen = new Set<string>();
  const unique = words.map((w, i) => ({ w, i })).filter(({ w }) => !seen.has(w.toLowerCase()) && seen.add(w.toLowerCase()));
  const score = (w: string) => (/^\p{Lu}/u.test(w) ? 1 : 0) + Math.min(w.length, 12) / 12;
  return unique
    .sort((a, b) => score(b.w) - score(a.w) || a.i - b.i)
    .slice(0, MAX_UNKNOWN)
    .sort((a, b) => a.i - b.i)
    .map(({ w }) => w);
}
