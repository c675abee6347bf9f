import { blank, fold, simplify, editDistance } from './text';

export interface Reference {
  value: string;
  start: number;
  end: number;
}

// Folded text keeps its length only for plain ASCII; references are matched on a lower-cased copy instead.
const orderPattern =
  /(?:\b(?:auftrag|auftrags?nummer|auftrags?nr|bestellung|bestellnummer|bestell-?nr|order|order\s+number|rechnung|invoice)\s*(?:nr\.?|no\.?|nummer|number)?\s*[:#]?\s*|#\s?)(\d{3,})\b/giu;
const customerPattern = /\b(?:kunden?|kundennummer|kunden-?nr\.?|customer|customer\s+(?:number|no\.?))\s*[:#]?\s*(\d{4,})\b/giu;

/** Order numbers ("Auftrag 1003", "#1003", "order no. 1003"). */
export function findOrderNumber(text: string): Reference | null {
  for (const m of text.matchAll(orderPattern)) return { value: m[1], start: m.index!, end: m.index! + m[0].length };
  return null;
}

/**
 * A number that can only be an order number when the message asks about an order and names no product
 * ("Wo ist 1003?", "cancel 1003"): four digits from 1000 on, not part of a date, price or longer number.
 */
export function findBareOrderNumber(text: string): Reference | null {
  const m = /(?<![\d.,:/#-])\b([1-9]\d{3})\b(?![.,:/-]?\d)/.exec(text);
  return m ? { value: m[1], start: m.index, end: m.index + m[0].length } : null;
}

// Street names end in these words or parts ("Hauptstraße", "Kastanienallee", "Am Ring"), but a workplace is no
// square ("Arbeitsplatz 2"); English ones are two words.
const street = String.raw`[\p{L}.-]*(?:stra(?:ss|ß)e|str\.|weg|allee|(?<!arbeits|sitz|park|stell)platz|gasse|(?<!st)ring|damm|ufer|chaussee|steig|pfad|markt)`;
const addressPattern = new RegExp(
  String.raw`(?:\b${street}\s+\d{1,4}(?:\s?[a-z](?![\p{L}]))?(?![\p{L}\d])|\b\d{1,4}\s+\p{Lu}\p{L}*\s+(?:street|st\.|road|rd\.|avenue|ave\.|lane|way)(?![\p{L}]))` +
    String.raw`(?:\s*,?\s*\d{5}\s+\p{Lu}[\p{L}-]*(?:\s+(?:am|an|im|in|ob|bei)\s+(?:der\s+)?\p{Lu}[\p{L}-]*)?)?`,
  'iu',
);

/** A postal address ("Hauptstraße 5, 10115 Berlin", "12 Baker Street"): its numbers are no quantities. */
export function findAddress(text: string): Reference | null {
  const m = addressPattern.exec(text);
  return m ? { value: m[0], start: m.index, end: m.index + m[0].length } : null;
}

export interface CustomerRef {
  number: string;
  name: string;
}

const legalForms = new Set(['gmbh', 'ag', 'kg', 'ug', 'ohg', 'gbr', 'ek', 'e', 'k', 'co', 'mbh', 'ltd', 'inc', 'cafe']);
const cues = ['fur', 'for', 'kunde', 'kundin', 'customer', 'von', 'namens', 'behalf'];

function nameWords(name: string): string[] {
  return fold(name).split(/[^a-z\d]+/).map(simplify).filter((w) => w.length > 1 && !legalForms.has(w));
}

/**
 * The customer staff order for: a customer number after "Kunde"/"customer", or a customer's name
 * after "für"/"for" (typos forgiven). Returns the spans to hide from product matching.
 */
export function findCustomer(text: string, customers: CustomerRef[]): Reference | null {
  for (const m of text.matchAll(customerPattern)) {
    if (customers.length === 0 || customers.some((c) => c.number === m[1])) {
      return { value: m[1], start: m.index!, end: m.index! + m[0].length };
    }
  }
  const words = [...text.matchAll(/[\p{L}\d]+/gu)].map((m) => ({ w: simplify(m[0]), start: m.index!, end: m.index! + m[0].length }));
  let best: { ref: Reference; score: number } | null = null;
  for (const c of customers) {
    const wanted = nameWords(c.name);
    if (wanted.length === 0) continue;
    for (let i = 0; i < words.length; i++) {
      if (!cues.includes(words[i].w)) continue;
      let matched = 0;
      let end = words[i].end;
      for (let k = i + 1; k < Math.min(words.length, i + 5); k++) {
        const hit = wanted.some((w) => w === words[k].w || (w.length >= 5 && Math.abs(w.length - words[k].w.length) <= 1 && editDistance(w, words[k].w) <= 1));
        if (hit) [matched, end] = [matched + 1, words[k].end];
        else if (!['frau', 'herr', 'firma', 'die', 'den', 'der', 'mr', 'mrs', 'ms', 'the', 'cafe'].includes(words[k].w)) break;
      }
      const score = matched / wanted.length;
      if (matched > 0 && (!best || score > best.score)) best = { ref: { value: c.number, start: words[i + 1].start, end }, score };
    }
  }
  return best?.ref ?? null;
}

export function hide(text: string, ref: Reference | null): string {
  return ref ? blank(text, ref.start, ref.end) : text;
}

/**
 * An order number in an answer to "which order?" ("1003", "die 1003 bitte"): the question gives the number its
 * meaning, so any 4 to 6 digits count, unlike in free text.
 */
export function orderNumberIn(text: string | undefined): string | null {
  return /(?<!\d)\d{4,6}(?!\d)/.exec(text ?? '')?.[0] ?? null;
}
