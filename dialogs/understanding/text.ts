import damerauLevenshtein from 'damerau-levenshtein';

/** Lower case, umlauts spelled out (ä→ae, ß→ss), other accents dropped: "Bürostühle" and "Buerostuehle" become equal. */
export function fold(text: string): string {
  const lower = text.toLowerCase();
  // Plain ASCII has nothing to fold, and most words are plain ASCII: skip the costly normalisation.
  if (!/[^\x00-\x7f]/.test(lower)) return lower;
  return lower
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
}

/**
 * A folded word with umlaut spellings collapsed to the plain vowel, so that German plural umlauts
 * ("Stuhl"/"Stühle") and both spellings ("fünf"/"fuenf") meet.
 */
export function simplify(word: string): string {
  return fold(word).replace(/ae/g, 'a').replace(/oe/g, 'o').replace(/ue/g, 'u');
}

const suffixes = ['ern', 'en', 'er', 'es', 'e', 'n', 's'];
const minStem = 4;

/**
 * A light stemmer shared by German and English: it only has to map the inflected forms customers write
 * and the catalog's synonyms onto the same key, not produce linguistic stems.
 */
export function stem(word: string): string {
  let w = simplify(word);
  if (w.length > minStem + 2 && w.endsWith('ies')) w = w.slice(0, -3) + 'y';
  for (let changed = true; changed; ) {
    changed = false;
    for (const s of suffixes) {
      if (w.endsWith(s) && w.length - s.length >= minStem) {
        w = w.slice(0, -s.length);
        changed = true;
        break;
      }
    }
  }
  return w;
}

export function editDistance(a: string, b: string): number {
  return damerauLevenshtein(a, b).steps;
}

/** Typos we forgive: none in short words, one in words of 5+ letters, two from 9 letters on. */
export function allowedTypos(word: string): number {
  return word.length >= 9 ? 2 : word.length >= 5 ? 1 : 0;
}

export type TokenKind = 'word' | 'number' | 'punct';

export interface Token {
  /** Text as written. */
  raw: string;
  /** Folded form (lower case, umlauts spelled out). */
  norm: string;
  /** Matching key (simplified and stemmed); numbers are their value in digits ("1.000" → "1000", "2,5" → "2.5"). */
  key: string;
  kind: TokenKind;
  start: number;
  end: number;
  /** Numbers written as "2x" or "x2". */
  times?: boolean;
  /** Joined to the token before it by a hyphen ("USB-Sticks"), which tokenizing drops. */
  afterHyphen?: boolean;
}

// Digits with an "x" on either side, numbers with thousands separators ("1.000", "1,000") or a decimal part
// ("2,5", "2.5"), words (letters and digits, e.g. "A4"), or one punctuation mark. Grouping comes before decimals:
// "1.000" is a thousand in German and English alike.
const tokenPattern =
  /(\d+)\s?[x×](?![\p{L}\d])|[x×]\s?(\d+)(?![\p{L}\d])|(\d{1,3}(?:\.\d{3})+|\d{1,3}(?:,\d{3})+)(?![.,]?\d|\p{L})|(\d+[.,]\d+)(?![.,]?\d|\p{L})|\d+(?![\p{L}])|[\p{L}\d]+|[^\s\p{L}\d-]/gu;

/** Splits text into word, number and punctuation tokens; hyphens separate words ("Toner-Farbset"). */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(tokenPattern)) {
    const raw = m[0];
    const start = m.index!;
    const end = start + raw.length;
    const times = m[1] ?? m[2];
    const grouped = m[3]?.replace(/[.,]/g, '');
    const decimal = m[4]?.replace(',', '.');
    if (times !== undefined) {
      tokens.push({ raw, norm: times, key: times, kind: 'number', start, end, times: true });
    } else if (grouped !== undefined || decimal !== undefined) {
      const value = (grouped ?? decimal)!;
      tokens.push({ raw, norm: value, key: value, kind: 'number', start, end });
    } else if (/^\d+$/.test(raw)) {
      tokens.push({ raw, norm: raw, key: raw, kind: 'number', start, end });
    } else if (/^[\p{L}\d]+$/u.test(raw)) {
      const afterHyphen = text[start - 1] === '-' && tokens.at(-1)?.end === start - 1;
      tokens.push({ raw, norm: fold(raw), key: stem(raw), kind: 'word', start, end, ...(afterHyphen ? { afterHyphen } : {}) });
    } else {
      tokens.push({ raw, norm: raw, key: raw, kind: 'punct', start, end });
    }
  }
  return tokens;
}

/** Replaces a span with spaces, keeping every offset of the text valid. */
export function blank(text: string, start: number, end: number): string {
  return text.slice(0, start) + ' '.repeat(end - start) + text.slice(end);
}
