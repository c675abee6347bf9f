import type { Product, ProductKind } from '../../domain/catalog';
import { allowedTypos, editDistance, simplify, stem, type Token } from './text';
import { appointmentHeads, stopWords, unitWords } from './vocabulary';

interface Phrase {
  sku: string;
  keys: string[];
  /** Written by the catalog as a synonym (names only complete the vocabulary). */
  synonym: boolean;
}

export interface CatalogIndex {
  products: Map<string, Product>;
  byFirstKey: Map<string, Phrase[]>;
  /** Every key in any phrase, with the simplified words that produced it (for typo matching). */
  vocabulary: Map<string, Set<string>>;
  /** Keys of one-word phrases: heads that German compounds end with ("Besucherstuhl"). */
  singleWords: Map<string, Set<string>>;
  /** Last key of multi-word synonyms → products: "toner" heads "bunter toner" and "schwarzer toner". */
  heads: Map<string, Set<string>>;
  /** Keys that occur inside phrases of exactly these products ("drucker" in "drucker wartung"). */
  inner: Map<string, Set<string>>;
  /** Every key in any phrase → the products whose names or synonyms hold it ("ergo" → CHAIR-ERGO). */
  skusOfKey: Map<string, Set<string>>;
  /** The catalog's selling units → goods sold in them ("ream" → PAPER-A4, "Stück" → many). */
  productUnits: Map<string, Set<string>>;
  units: Set<string>;
  stop: Set<string>;
  typoCache: Map<string, string[]>;
}

const indexes = new WeakMap<readonly Product[], CatalogIndex>();

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}

function words(phrase: string): string[] {
  return phrase.split(/[^\p{L}\d]+/u).filter(Boolean);
}

/** Builds the matching index once per catalog array; the catalog is data, so nothing here names a product. */
export function catalogIndex(catalog: readonly Product[]): CatalogIndex {
  const cached = indexes.get(catalog);
  if (cached) return cached;
  const index: CatalogIndex = {
    products: new Map(catalog.map((p) => [p.sku, p])),
    byFirstKey: new Map(),
    vocabulary: new Map(),
    singleWords: new Map(),
    heads: new Map(),
    inner: new Map(),
    skusOfKey: new Map(),
    productUnits: new Map(),
    units: new Set(unitWords.map(stem)),
    stop: new Set(stopWords),
    typoCache: new Map(),
  };
  const add = (sku: string, text: string, synonym: boolean) => {
    const ws = words(text);
    if (ws.length === 0) return;
    const variants = [ws];
    // A multi-word synonym may also be written as one compound ("Arbeitsplatzeinrichtung", "setup").
    if (ws.length > 1) variants.push([ws.join('')]);
    for (const variant of variants) {
      const keys = variant.map(stem);
      const phrase: Phrase = { sku, keys, synonym };
      const list = index.byFirstKey.get(keys[0]) ?? [];
      list.push(phrase);
      index.byFirstKey.set(keys[0], list);
      variant.forEach((w, i) => addTo(index.vocabulary, keys[i], simplify(w)));
      for (const k of keys) addTo(index.skusOfKey, k, sku);
      if (keys.length === 1) addTo(index.singleWords, keys[0], sku);
      else {
        if (synonym) addTo(index.heads, keys[keys.length - 1], sku);
        keys.slice(0, -1).forEach((k) => addTo(index.inner, k, sku));
      }
    }
  };
  for (const p of catalog) {
    for (const locale of ['de', 'en'] as const) {
      for (const s of p.synonyms[locale]) add(p.sku, s, true);
      add(p.sku, p.name[locale], false);
    }
  }
  for (const p of catalog) add(p.sku, p.name.de, false);
  for (const p of catalog) if (p.kind !== 'service') for (const unit of [p.unit.de, p.unit.en]) addTo(index.productUnits, stem(unit), p.sku);
  indexes.set(catalog, index);
  return index;
}

/** Catalog keys a written word may stand for: itself, or vocabulary words within the forgiven number of typos. */
function candidateKeys(index: CatalogIndex, token: Token): string[] {
  if (token.kind !== 'word') return [];
  if (index.vocabulary.has(token.key)) return [token.key];
  const word = simplify(token.norm);
  if (word.length < 5 || word.length > 40 || index.stop.has(word)) return [];
  const cached = index.typoCache.get(word);
  if (cached) return cached;
  let best = allowedTypos(word);
  let found: string[] = [];
  for (const [key, forms] of index.vocabulary) {
    let d = key.length >= 5 ? editDistance(token.key, key) : Infinity;
    for (const form of forms) d = Math.min(d, editDistance(word, form));
    if (d < best) [best, found] = [d, [key]];
    else if (d === best && found.length > 0) found.push(key);
    else if (d === best) found = [key];
  }
  // Bounded: the bot runs for months and customers keep inventing words.
  if (index.typoCache.size >= 20_000) index.typoCache.clear();
  index.typoCache.set(word, found);
  return found;
}

export interface ProductMention {
  /** Token range [from, to). */
  from: number;
  to: number;
  /** One SKU, or several when the words fit more than one product equally well. */
  skus: string[];
  kind: ProductKind;
  text: string;
  /** Matched only through a word inside a multi-word synonym (weakest evidence). */
  partial: boolean;
}

function longestPhrase(index: CatalogIndex, tokens: Token[], at: number, keysAt: (i: number) => string[]) {
  let length = 0;
  let skus = new Set<string>();
  for (const first of keysAt(at)) {
    for (const phrase of index.byFirstKey.get(first) ?? []) {
      const n = phrase.keys.length;
      if (n < length) continue;
      let ok = true;
      for (let k = 1; k < n && ok; k++) ok = at + k < tokens.length && keysAt(at + k).includes(phrase.keys[k]);
      if (!ok) continue;
      if (n > length) [length, skus] = [n, new Set()];
      skus.add(phrase.sku);
    }
  }
  return { length, skus };
}

/** German compounds end with their head: "Besucherstühle" → Stuhl; "Wartungstermin" → Wartung. */
function compoundKeys(index: CatalogIndex, token: Token): string[] {
  if (token.kind !== 'word') return [];
  const word = simplify(token.norm);
  for (const head of appointmentHeads) {
    if (word.endsWith(head) && word.length > head.length + 3) {
      const modifier = stem(word.slice(0, -head.length).replace(/s$/, ''));
      if (index.singleWords.has(modifier)) return [modifier];
    }
  }
  let best = '';
  for (const key of index.singleWords.keys()) {
    if (key.length >= 5 && key.length > best.length && token.key.length > key.length + 2 && token.key.endsWith(key)) best = key;
  }
  return best ? [best] : [];
}

/** Finds product mentions left to right, preferring the longest phrase at each position. */
export function findProducts(index: CatalogIndex, tokens: Token[], text: string): ProductMention[] {
  const keys = tokens.map((t) => candidateKeys(index, t));
  const mentions: ProductMention[] = [];
  const kindOf = (sku: string) => index.products.get(sku)!.kind;
  const isGoods = (sku: string) => kindOf(sku) !== 'service';
  for (let i = 0; i < tokens.length; ) {
    let { length, skus } = longestPhrase(index, tokens, i, (k) => keys[k]);
    let partial = false;
    const splitWord = (k: number) => tokens[k]?.kind === 'word' && !index.stop.has(simplify(tokens[k].norm));
    if (length === 0 && splitWord(i) && splitWord(i + 1)) {
      // Words split apart that the catalog writes as one: "Drucker Papier", "set up".
      const joined = stem(tokens[i].norm + tokens[i + 1].norm);
      const match = index.singleWords.get(joined);
      if (match) [length, skus] = [2, new Set(match)];
    }
    if (length === 0) {
      const compound = compoundKeys(index, tokens[i]);
      if (compound.length) [length, skus] = [1, new Set(index.singleWords.get(compound[0]))];
    }
    if (length === 0) {
      // A word from inside one service's synonyms ("unser Drucker spinnt") names that service,
      // unless it modifies the product right after it ("Drucker Papier").
      const services = keys[i].flatMap((k) => [...(index.inner.get(k) ?? [])]).filter((s) => !isGoods(s));
      const unique = [...new Set(services)];
      const next = i + 1 < tokens.length ? longestPhrase(index, tokens, i + 1, (k) => keys[k]).length : 0;
      if (unique.length === 1 && tokens[i].norm.length >= 5 && next === 0) [length, skus, partial] = [1, new Set(unique), true];
    }
    if (length === 0) {
      i++;
      continue;
    }
    if (length === 1 && skus.size === 1) {
      // A bare head word that other products qualify ("Toner" vs "bunter Toner") leaves the choice open.
      const [sku] = skus;
      for (const other of index.heads.get(keys[i][0] ?? '') ?? []) {
        if (isGoods(other) === isGoods(sku)) skus.add(other);
      }
    }
    const list = [...skus].sort();
    const written = text.slice(tokens[i].start, tokens[i + length - 1].end);
    mentions.push({ from: i, to: i + length, skus: list, kind: kindOf(list[0]), text: written, partial });
    i += length;
  }
  return mentions;
}

/** Length of the common beginning of two words. */
function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/**
 * Products a short answer singles out by a word of their names or synonyms, inflected or as part of a compound
 * ("die farbigen" and "farbe" → Farbtoner, "the black one" → black toner): words that fit one product only.
 * Words that fit several ("Toner") say nothing about the choice.
 */
export function findPicks(index: CatalogIndex, tokens: Token[]): string[] {
  const words = tokens.filter((t) => t.kind === 'word' && t.norm.length >= 4 && !index.stop.has(simplify(t.norm)));
  if (words.length === 0 || words.length > 8) return [];
  const picks = new Set<string>();
  for (const t of words) {
    const skus = new Set<string>();
    for (const [key, owners] of index.skusOfKey) {
      if (key.length < 3) continue;
      const shared = commonPrefix(t.key, key);
      if (shared === key.length || shared === t.key.length || shared >= 5 || (shared >= 4 && shared >= key.length - 3)) {
        for (const sku of owners) skus.add(sku);
      }
    }
    if (skus.size === 1) picks.add([...skus][0]);
  }
  return [...picks].sort();
}
