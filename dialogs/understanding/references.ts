import { documentPrefixes, parseDocumentNumber, type DocumentKind, type DocumentNumber } from '../../domain/documentNumbers';
import { blank, fold, simplify, editDistance } from './text';
import type { DocumentReference } from './types';

export interface Reference {
  value: string;
  start: number;
  end: number;
}

/** Words that name a kind of document, lower case; longer phrases first so that "Stornorechnung" is no "Rechnung". */
const kindWords: [DocumentKind, string][] = [
  ['cancellation', String.raw`storno-?rechnung|rechnungskorrektur|gutschrift|cancell?ation\s+invoice|credit\s+note`],
  ['dunning_notice', String.raw`zahlungserinnerung|mahnung|dunning(?:\s+(?:notice|letter))?|payment\s+reminder|reminder`],
  ['delivery_note', String.raw`lieferschein|delivery\s+note|packing\s+(?:slip|list)|dispatch\s+note`],
  ['quote', String.raw`angebot|kostenvoranschlag|quotation|quote|offer`],
  ['invoice', String.raw`rechnung|invoice|bill`],
  ['order', String.raw`auftrags?nummer|auftrags?-?nr|auftrag|bestellnummer|bestell-?nr|bestellung|order\s+number|order`],
];
const numberWord = String.raw`(?:\s*(?:nr\.?|no\.?|nummer|number|#))?\s*[:#]?\s*`;
// A kind word and its number ("Rechnung RE-2026-0004", "Lieferschein 1001", "Auftrag Nr. 1003"), "#1003", or a
// prefixed number on its own ("RE-2026-0004", "LS-1001"); prefixes in lower case only with a separator ("re-2026-4").
const documentPattern = new RegExp(
  String.raw`(?<![\p{L}\d])(?:(${kindWords.map(([, w]) => `(?:${w})`).join('|')})${numberWord}|(#)\s?)?` +
    String.raw`((?:ls|an|re|st|ma)(?:[\s.\-_/]*\d{1,9}(?:[\s.\-_/]+\d{1,9})?)|\d{3,9})(?![\p{L}\d]|[.,]\d)`,
  'giu',
);
const kindOfWord = kindWords.map(([kind, w]) => [kind, new RegExp(`^(?:${w})$`, 'i')] as const);

export interface DocumentMention extends DocumentReference {
  start: number;
  end: number;
}

function kindOf(word: string): DocumentKind {
  return kindOfWord.find(([, re]) => re.test(word.replace(/\s+/g, ' ')))![0];
}

/**
 * Every document number in the text, each read as the kind its prefix or its word says, through the one rule of
 * domain/documentNumbers.ts: "Rechnung RE-2026-0004" an invoice, "Lieferschein LS-1001" (or "Lieferschein 1001") a
 * delivery note, "Auftrag 1003" and "#1003" an order. A plain number after a word for another kind is no order:
 * "Rechnung 1003" names no invoice number and no order either.
 */
export function findDocuments(text: string): DocumentMention[] {
  const found: DocumentMention[] = [];
  for (const m of text.matchAll(documentPattern)) {
    const [whole, word, hash, written] = m;
    const prefixed = /^[a-z]/i.test(written);
    if (!word && !hash && !prefixed) continue;
    // Lower-case prefixes are also words ("an", "re"): without a kind word only with a hyphen ("re-2026-0004").
    if (prefixed && !word && /^[a-z]/.test(written) && !/^[a-z]{2}-/.test(written)) continue;
    const wordKind = word ? kindOf(word.toLowerCase()) : 'order';
    let parsed: DocumentNumber | null;
    if (prefixed) parsed = parseDocumentNumber(written);
    else if (wordKind === 'order') parsed = written.length >= 3 ? parseDocumentNumber(written) : null;
    else parsed = parseDocumentNumber(`${documentPrefixes[wordKind]}-${written}`);
    if (!parsed) continue;
    found.push({ kind: parsed.kind, number: parsed.number, start: m.index!, end: m.index! + whole.length });
  }
  return found;
}

const customerPattern = /\b(?:kunden?|kundennummer|kunden-?nr\.?|customer|customer\s+(?:number|no\.?))\s*[:#]?\s*(\d{4,})\b/giu;

/**
 * A number that can only be an order number when the message asks about an order and names no product
 * ("Wo ist 1003?", "cancel 1003"): four digits from 1000 on (more where a command leaves no other reading), not
 * part of a date, price or longer number.
 */
const barePatterns = new Map<number, RegExp>();

export function findBareOrderNumber(text: string, maxDigits = 4): Reference | null {
  let pattern = barePatterns.get(maxDigits);
  if (!pattern) barePatterns.set(maxDigits, (pattern = new RegExp(String.raw`(?<![\d.,:/#-])\b([1-9]\d{3,${maxDigits - 1}})\b(?![.,:/-]?\d)`)));
  const m = pattern.exec(text);
  return m ? { value: m[1], start: m.index, end: m.index + m[0].length } : null;
}

// Street names end in these words or parts ("Hauptstraße", "Kastanienallee", "Am Ring"), but a workplace is no
// square ("Arbeitsplatz 2"); English ones are two words.
const streetSuffix = String.raw`(?:stra(?:ss|ß)e|str\.|weg|allee|(?<!arbeits|sitz|park|stell)platz|gasse|(?<!st|sp|e|b)ring|damm|ufer|chaussee|steig|pfad|markt)`;
const street = String.raw`[\p{L}.-]*${streetSuffix}`;
const houseNumber = String.raw`\d{1,4}(?:\s?[a-z](?![\p{L}]))?`;
const city = String.raw`\p{Lu}[\p{L}-]*(?:\s+(?:am|an|im|in|ob|bei)\s+(?:der\s+)?\p{Lu}[\p{L}-]*)?|\p{Ll}[\p{L}-]*`;
const addressPattern = new RegExp(
  String.raw`(?:\b${street}\s+${houseNumber}(?![\p{L}\d])|\b\d{1,4}\s+\p{Lu}\p{L}*\s+(?:street|st\.|road|rd\.|avenue|ave\.|lane|way)(?![\p{L}]))` +
    String.raw`(?:\s*,?\s*(\d{5})\s+(${city}))?`,
  'iu',
);
// Any street name before a house number and a postcode ("Unter den Linden 10, 10117 Berlin"): up to four words,
// none of them a digit, and not across a comma or colon.
const postalPattern = new RegExp(
  String.raw`(?<![\p{L}])((?:[\p{L}][\p{L}.'-]*\s+){0,3}[\p{L}][\p{L}.'-]*)\s+(${houseNumber})\s*,?\s*(\d{5})\s+(${city})(?![\p{L}])`,
  'gu',
);
const streetSuffixAtEnd = new RegExp(`${streetSuffix}$`, 'iu');

export interface AddressMention extends Reference {
  street: string;
  postcode: string | null;
  city: string | null;
}

/** Words that open a street name before its street word ("Am Ring", "Alte Schönhauser Straße", "Unter den Linden"). */
const streetOpeners = /^(?:am|an|auf|im|in|zum|zur|unter|hinter|vor|bei|beim|alte[nr]?|neue[nr]?|gro(?:ss|ß)e[nr]?|kleine[nr]?|lange[nr]?|hohe[nr]?|obere[nr]?|untere[nr]?|sankt|st\.|der|die|den|dem)$/iu;

/** Where the street name starts among the words before the house number: a street word, else a capitalised one. */
function streetStart(words: string[]): number {
  let suffixed = words.findIndex((w) => streetSuffixAtEnd.test(w));
  if (suffixed >= 0) {
    while (suffixed > 0 && /^\p{Lu}/u.test(words[suffixed - 1]) && streetOpeners.test(words[suffixed - 1])) suffixed--;
    return suffixed;
  }
  const capital = words.findIndex((w, i) => /^\p{Lu}/u.test(w) && i >= words.length - 3);
  return capital >= 0 ? capital : words.length - 1;
}

/**
 * A postal address ("Hauptstraße 5, 10115 Berlin", "Unter den Linden 10, 10117 Berlin", "12 Baker Street"), read
 * into street (with house number), postcode and city; its numbers are no quantities.
 */
export function findAddress(text: string): AddressMention | null {
  for (const m of text.matchAll(postalPattern)) {
    const words = [...m[1].matchAll(/\S+/g)];
    const first = words[streetStart(words.map((w) => w[0]))];
    const startAt = m.index! + first.index!;
    return {
      value: text.slice(startAt, m.index! + m[0].length), start: startAt, end: m.index! + m[0].length,
      street: `${m[1].slice(first.index!)} ${m[2]}`, postcode: m[3], city: m[4],
    };
  }
  const m = addressPattern.exec(text);
  if (!m) return null;
  // "Am Ring 4", "An der Alster 3": capitalised opening words before the street word belong to it.
  let start = m.index;
  for (let k = 0; k < 2; k++) {
    const opener = /(?:^|\s)(\p{Lu}[\p{L}.]*)\s+$/u.exec(text.slice(0, start));
    if (!opener || !streetOpeners.test(opener[1])) break;
    start = opener.index + opener[0].indexOf(opener[1]);
  }
  const end = m.index + m[0].length;
  const written = text.slice(start, end);
  const streetText = written.slice(0, m[1] ? written.lastIndexOf(m[1]) : written.length).replace(/[\s,]+$/, '');
  return { value: written, start, end, street: streetText, postcode: m[1] ?? null, city: m[2] ?? null };
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

/** The name words of each customer, worked out once per customer list (the cached list lives until a customer changes). */
const nameWordsOf = new WeakMap<readonly CustomerRef[], string[][]>();
function customerNameWords(customers: readonly CustomerRef[]): string[][] {
  let words = nameWordsOf.get(customers);
  if (!words) nameWordsOf.set(customers, (words = customers.map((c) => nameWords(c.name))));
  return words;
}

/**
 * The customer staff order for: a customer number after "Kunde"/"customer", or a customer's name
 * after "für"/"for" (typos forgiven). Returns the spans to hide from product matching.
 */
export function findCustomer(text: string, customers: readonly CustomerRef[]): Reference | null {
  for (const m of text.matchAll(customerPattern)) {
    if (customers.length === 0 || customers.some((c) => c.number === m[1])) {
      return { value: m[1], start: m.index!, end: m.index! + m[0].length };
    }
  }
  const words = [...text.matchAll(/[\p{L}\d]+/gu)].map((m) => ({ w: simplify(m[0]), start: m.index!, end: m.index! + m[0].length }));
  // Without "für"/"for"/… no name is meant: most messages end here, whatever the number of customers.
  if (!words.some((word) => cues.includes(word.w))) return null;
  const names = customerNameWords(customers);
  let best: { ref: Reference; score: number } | null = null;
  for (const [n, c] of customers.entries()) {
    const wanted = names[n];
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
 * An order number in an answer to "which order?" ("1003", "die 1003 bitte", "Auftrag 1003"): the question gives the
 * number its meaning, so any 4 to 6 digits count, unlike in free text; a number of another kind ("RE-2026-0004",
 * "Lieferschein 1001") is none.
 */
export function orderNumberIn(text: string | undefined): string | null {
  const documents = findDocuments(text ?? '');
  const order = documents.find((d) => d.kind === 'order');
  if (order) return order.number;
  if (documents.length > 0) return null;
  return /(?<!\d)\d{4,6}(?!\d)/.exec(text ?? '')?.[0] ?? null;
}
