import { segment } from './corrections';
import type { NumberSpan } from './numbers';
import type { ProductMention } from './products';
import { fold, simplify, type Token } from './text';
import type { ItemChange } from './types';

/**
 * Changes to a draft as people write them, read from the words around a product:
 * removals ("ohne Toner", "den Stuhl doch nicht", "Kaffee streichen", "actually drop the coffee"), a new quantity
 * for the line being talked about ("ach nee, doch lieber 3", "make it 3"), and taking what is in stock
 * ("ok just send the 5 you have then", "dann nehm ich die 5, die da sind").
 */

/** Words right before a product that take it off ("ohne den Toner", "drop the coffee"). */
const removeBefore = new Set([
  'ohne', 'kein', 'keine', 'keinen', 'streich', 'streiche', 'streicht', 'entferne', 'entfernt', 'losch', 'losche',
  'drop', 'remove', 'without', 'delete', 'forget', 'skip', 'lose', 'minus', 'scratch', 'no', 'not',
]);
/** Two-word cues before a product ("take out the chairs", "nimm den Kaffee raus" is read by the word after). */
const removeBeforePairs = [['take', 'out'], ['take', 'off'], ['get', 'rid'], ['no', 'more'], ['forget', 'about'], ['leave', 'out']];
/** Words right after a product that take it off ("den Stuhl doch nicht", "Kaffee streichen", "die Monitore raus"). */
const removeAfter = [
  ['nicht'], ['nicht', 'mehr'], ['streichen'], ['gestrichen'], ['weg'], ['raus'], ['rausnehmen'], ['rauswerfen'],
  ['entfernen'], ['loschen'], ['weglassen'], ['brauchen', 'wir', 'nicht'], ['brauche', 'ich', 'nicht'],
  ['not', 'needed'], ['no', 'longer'], ['off'], ['out'], ['removed'], ['cancelled'], ['canceled'],
];
/** Words that may stand between a product and its removal cue ("den Stuhl doch nicht", "the coffee please"). */
const between = new Set([
  'der', 'die', 'das', 'den', 'dem', 'the', 'my', 'our', 'all', 'alle', 'any', 'of', 'mein', 'meine', 'meinen',
  'unser', 'unsere', 'unseren', 'doch', 'bitte', 'dann', 'lieber', 'ganz', 'auch', 'mal', 'please', 'then', 'wieder',
  'those', 'these', 'that', 'this', 'about', 'aber', 'but', 'wohl', 'eher',
]);
/** Words that start the next clause after a removal ("die Stühle streichen und 2 Tische dazu"). */
const clauseStart = new Set(['und', 'and', 'aber', 'but', 'dafur', 'stattdessen', 'instead', 'plus', 'sondern']);
/** What may follow a removal cue at the end: nothing, punctuation, or a polite word. */
const closing = new Set(['bitte', 'please', 'mehr', 'danke', 'thanks', 'anymore', 'ok', 'okay']);

const available = [
  /\b(?:was|die|das|den|welche)\s+(?:\S+\s+)?(?:ihr|sie|du)\s+(?:da\s+|noch\s+|auf\s+lager\s+)?(?:habt|haben|hast)\b/,
  /\b(?:die|das|den)\s+(?:\S+\s+)?(?:die|welche|das)?\s*(?:da|vorratig|verfugbar|vorhanden|auf\s+lager|lieferbar)\s+(?:sind|ist)\b/,
  /\b(?:vorhandenen?|verfugbaren?|vorratigen?|lieferbaren?)\b/,
  /\bwas\s+(?:da|vorratig|verfugbar|lieferbar|auf\s+lager)\s+ist\b/,
  /\bteillieferung\b/,
  /\b(?:what|whatever|the\s+\S+|the\s+\S+\s+\S+)\s+(?:you|u)\s+(?:ve\s+|have\s+)?(?:have|got)\b/,
  /\bwhat\s+(?:s|is)\s+(?:available|in\s+stock|there)\b/,
  /\b(?:the\s+)?(?:available|in-stock)\s+(?:ones?|units?|quantity|amount)\b/,
  /\bpartial\s+(?:delivery|shipment)\b/,
];

/** Words that say the number given replaces one ("lieber", "doch", "make it", "change it to"). */
const changeWords = new Set([
  'mach', 'mache', 'machen', 'andere', 'andern', 'aendere', 'make', 'change', 'korrigier', 'erhohen', 'erhoh', 'reduzieren',
  'reduzier', 'verringern', 'increase', 'reduce', 'decrease', 'raise', 'lower', 'adjust', 'sondern', 'statt', 'anstatt',
]);

export interface ChangeReading {
  changes: ItemChange[];
  /** Product mentions that are taken off, not ordered. */
  removed: Set<ProductMention>;
}

function wordAt(tokens: Token[], i: number): string | null {
  const t = tokens[i];
  return t && t.kind === 'word' ? simplify(t.norm) : null;
}

/** Phrases before a product that say it is not needed ("we don't need the monitors", "no longer need"). */
const notNeeded = [['don', 't', 'need'], ['do', 'not', 'need'], ['dont', 'need'], ['no', 'longer', 'need'], ['won', 't', 'need'], ['doesn', 't', 'need']];

function isRemovedBefore(tokens: Token[], m: ProductMention): boolean {
  let j = m.from - 1;
  while (j >= 0 && between.has(wordAt(tokens, j) ?? '')) j--;
  const w = wordAt(tokens, j);
  if (w === null) return false;
  const before = tokens.slice(Math.max(0, j - 5), j + 1).filter((t) => t.kind === 'word').map((t) => simplify(t.norm));
  if (notNeeded.some((p) => p.every((x, k) => before[before.length - p.length + k] === x))) return true;
  if (removeBefore.has(w)) return true;
  return removeBeforePairs.some(([a, b]) => wordAt(tokens, j - 1) === a && w === b);
}

function isRemovedAfter(tokens: Token[], m: ProductMention): boolean {
  let j = m.to;
  while (j < tokens.length && between.has(wordAt(tokens, j) ?? '')) j++;
  for (const cue of removeAfter) {
    if (!cue.every((w, k) => wordAt(tokens, j + k) === w)) continue;
    let end = j + cue.length;
    while (end < tokens.length && (tokens[end].kind === 'punct' || closing.has(wordAt(tokens, end) ?? ''))) end++;
    if (end >= tokens.length || tokens[j + cue.length]?.kind === 'punct' || clauseStart.has(wordAt(tokens, end) ?? '')) return true;
  }
  return false;
}

/** `replacedValue`: the message named an old value to replace ("nicht 3, sondern 5"), already hidden. */
export function readChanges(
  tokens: Token[],
  text: string,
  numbers: NumberSpan[],
  mentions: ProductMention[],
  quantityOnly: number | null,
  replacedValue = false,
): ChangeReading {
  const changes: ItemChange[] = [];
  const removed = new Set<ProductMention>();
  const goods = mentions.filter((m) => m.kind !== 'service');
  // A number right before the product, or a few tokens after it with no other product between, is its quantity.
  const quantified = (m: ProductMention) =>
    numbers.some((n) => {
      if (n.value === null || n.article) return false;
      if (n.to === m.from || n.to === m.from - 1) return true;
      // "ohne Toner, 2 Stühle": a number right before another product is that one's.
      const ownsNext = mentions.some((o) => o !== m && o.from >= n.to && o.from <= n.to + 2);
      return n.from >= m.to && n.from <= m.to + 4 && !ownsNext && !mentions.some((o) => o !== m && o.from >= m.to && o.from < n.from);
    });
  for (const m of goods) {
    // "kein Papier mehr – 8 Pakete bitte": a product that gets a quantity in the same message is ordered.
    const orderedToo = goods.some((o) => o.skus.join() === m.skus.join() && quantified(o));
    if (orderedToo || quantified(m)) continue;
    if (isRemovedBefore(tokens, m) || isRemovedAfter(tokens, m)) {
      removed.add(m);
      changes.push({ kind: 'remove', target: { skus: m.skus, text: m.text } });
    }
  }

  const folded = fold(text).replace(/[’'`]/g, ' ');
  if (!text.includes('?') && available.some((re) => re.test(folded))) {
    const quantity = numbers.find((n) => n.value !== null && !n.article)?.value ?? null;
    const named = goods.filter((m) => !removed.has(m));
    const target = named.length === 1 ? { skus: named[0].skus, text: named[0].text } : null;
    changes.push({ kind: 'accept_available', target, quantity });
    return { changes, removed };
  }

  const { markerTokens } = segment(tokens);
  const corrects = replacedValue || markerTokens.size > 0 || tokens.some((t) => t.kind === 'word' && changeWords.has(simplify(t.norm)));
  if (corrects && quantityOnly !== null) changes.push({ kind: 'set_quantity', target: null, quantity: quantityOnly });
  else if (corrects && goods.length === 1 && numbers.length === 1 && numbers[0].value !== null) {
    // "doch lieber 8 Pakete Papier", "actually make the paper 5": the named line gets the new quantity.
    changes.push({ kind: 'set_quantity', target: { skus: goods[0].skus, text: goods[0].text }, quantity: numbers[0].value });
  }
  return { changes, removed };
}
