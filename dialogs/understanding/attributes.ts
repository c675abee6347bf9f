import type { Product } from '../../domain/catalog';
import { fold } from './text';

/**
 * Numbers that describe a product rather than count it: sizes, weights, sheet counts and dimensions
 * ("27 Zoll", "27 inch", "80 g", "80gsm", "500 Blatt", "160×80", "160 x 80 cm"). They are part of the product's
 * description, so they are hidden before quantities are read: "two 27 inch monitors" are two monitors.
 */
const measures = String.raw`zoll|inch(?:es)?|"|″|''|gramm|grams?|gr|gsm|g\/m²|g\/m2|g|blatt|bl\.|sheets?|cm|mm|millimeter|zentimeter`;
const measured = new RegExp(String.raw`(?<![\p{L}\d.,])\d{1,4}(?:[.,]\d)?\s*-?\s*(?:${measures})(?![\p{L}\d])`, 'giu');
/** Two sizes joined by x: both of two digits at least, so that "2x Monitor" stays a quantity. */
const dimensions = /(?<![\p{L}\d.,])\d{2,4}\s*[x×*]\s*\d{2,4}(?:\s*[x×*]\s*\d{2,4})?(?:\s*(?:cm|mm|m)(?![\p{L}]))?(?![\p{L}\d])/giu;
/** "ream of 500", "à 500 Blatt" say how many sheets a pack holds. */
const packContents = /\b(?:ream|pack|packet|paket|packung)\s+(?:of|mit|à|a|zu)\s+\d{2,4}(?![\p{L}\d])/giu;

/** Weights that are also ways of counting ("2 kg Kaffee" are two 1 kg bags): an attribute only where a name says so. */
const weightPattern = /(?<![\p{L}\d.,])(\d{1,4}(?:[.,]\d)?)\s*-?\s*(kg|kilo|kilogramm|l|liter|litre)(?![\p{L}\d])/giu;

const weightCache = new WeakMap<readonly Product[], Set<string>>();

/** "1 kg" from "Kaffeebohnen 1 kg": the weights the catalog's names carry, as "1 kg". */
function catalogWeights(catalog: readonly Product[]): Set<string> {
  let set = weightCache.get(catalog);
  if (set) return set;
  set = new Set();
  for (const p of catalog) {
    for (const name of [p.name.de, p.name.en]) {
      for (const m of fold(name).matchAll(weightPattern)) set.add(`${m[1].replace(',', '.')} ${unitKey(m[2])}`);
    }
  }
  weightCache.set(catalog, set);
  return set;
}

function unitKey(unit: string): string {
  return /^k/i.test(unit) ? 'kg' : 'l';
}

/** Character spans [start, end) of product attributes in the text. */
export function findAttributes(text: string, catalog: readonly Product[]): [number, number][] {
  const spans: [number, number][] = [];
  for (const re of [dimensions, measured, packContents]) {
    for (const m of text.matchAll(re)) spans.push([m.index!, m.index! + m[0].length]);
  }
  const weights = catalogWeights(catalog);
  for (const m of text.matchAll(weightPattern)) {
    if (weights.has(`${m[1].replace(',', '.')} ${unitKey(m[2])}`)) spans.push([m.index!, m.index! + m[0].length]);
  }
  return spans;
}
