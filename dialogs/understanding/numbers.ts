import type { Locale } from '../../domain/locale';
import { simplify, type Token } from './text';

/** A quantity found in the text: value null for vague amounts ("ein paar", "a few"). */
export interface NumberSpan {
  value: number | null;
  /** Token index range [from, to). */
  from: number;
  to: number;
  /** Only an article ("ein", "a"): a quantity for goods, but weaker than a written number. */
  article: boolean;
}

const deUnits: Record<string, number> = {
  ein: 1, eins: 1, eine: 1, einen: 1, einem: 1, einer: 1, zwei: 2, zwo: 2, drei: 3, vier: 4, funf: 5, sechs: 6,
  sieben: 7, acht: 8, neun: 9,
};
const deTeens: Record<string, number> = {
  zehn: 10, elf: 11, zwolf: 12, dreizehn: 13, vierzehn: 14, funfzehn: 15, sechzehn: 16, siebzehn: 17, achtzehn: 18,
  neunzehn: 19,
};
const deTens: Record<string, number> = {
  zwanzig: 20, dreissig: 30, dreisig: 30, vierzig: 40, funfzig: 50, sechzig: 60, siebzig: 70, achtzig: 80, neunzig: 90,
};
const deArticles = new Set(['ein', 'eine', 'einen', 'einem', 'einer']);

function deBelow100(w: string): number | null {
  if (w in deUnits) return deUnits[w];
  if (w in deTeens) return deTeens[w];
  if (w in deTens) return deTens[w];
  const m = /^(.+?)und(.+)$/.exec(w);
  if (m && m[2] in deTens) {
    const unit = m[1] === 'ein' ? 1 : deUnits[m[1]];
    if (unit && unit < 10) return unit + deTens[m[2]];
  }
  return null;
}

function deBelow1000(w: string): number | null {
  const i = w.indexOf('hundert');
  if (i < 0) return deBelow100(w);
  const head = w.slice(0, i);
  const tail = w.slice(i + 'hundert'.length).replace(/^und/, '');
  const hundreds = head === '' ? 1 : deBelow100(head);
  const rest = tail === '' ? 0 : deBelow100(tail);
  return hundreds !== null && hundreds < 10 && rest !== null ? hundreds * 100 + rest : null;
}

/** German number words are written as one word ("zweihunderteinundzwanzig"): a small grammar over the word. */
export function parseGermanNumber(word: string): number | null {
  const w = simplify(word);
  const i = w.indexOf('tausend');
  if (i < 0) return deBelow1000(w);
  const thousands = i === 0 ? 1 : deBelow1000(w.slice(0, i));
  const tail = w.slice(i + 'tausend'.length).replace(/^und/, '');
  const rest = tail === '' ? 0 : deBelow1000(tail);
  return thousands !== null && rest !== null ? thousands * 1000 + rest : null;
}

const enUnits: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
};
const enTens: Record<string, number> = {
  twenty: 20, thirty: 30, forty: 40, fourty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};

/** English number words span several tokens ("two hundred and twenty-one"): returns value and tokens used. */
function parseEnglishWords(words: string[], at: number): { value: number; length: number } | null {
  let i = at;
  const below100 = (): number | null => {
    const w = words[i];
    if (w in enUnits) return i++, enUnits[w];
    if (!(w in enTens)) return null;
    i++;
    if (words[i] in enUnits && enUnits[words[i]] < 10) return enTens[w] + enUnits[words[i++]];
    return enTens[w];
  };
  let value: number | null;
  if ((words[i] === 'a' || words[i] === 'one') && words[i + 1] === 'hundred') {
    value = 1;
    i++;
  } else {
    value = below100();
  }
  if (words[i] === 'hundred') {
    i++;
    value = (value ?? 1) * 100;
    const beforeRest = i;
    if (words[i] === 'and') i++;
    const rest = below100();
    if (rest === null) i = beforeRest;
    else value += rest;
  }
  return value === null ? null : { value, length: i - at };
}

const vague: Record<Locale, string[][]> = {
  de: [['ein', 'paar'], ['n', 'paar'], ['ne', 'paar'], ['paar'], ['einige'], ['mehrere'], ['etwas']],
  en: [['a', 'few'], ['few'], ['some'], ['several']],
};

/** Finds all quantities in the tokens: digits, "2x"/"x2", number words, dozens, couples, articles and vague amounts. */
export function findNumbers(tokens: Token[], locale: Locale): NumberSpan[] {
  const words = tokens.map((t) => (t.kind === 'word' ? simplify(t.norm) : t.kind === 'number' ? '#' : t.raw));
  const spans: NumberSpan[] = [];
  const counts = (i: number): { value: number; length: number; article: boolean } | null => {
    const t = tokens[i];
    if (!t) return null;
    if (t.kind === 'number') return { value: Number(t.key), length: 1, article: false };
    const w = words[i];
    const de = parseGermanNumber(w);
    if (de !== null) return { value: de, length: 1, article: deArticles.has(w) };
    const mal = /^(.+)mal$/.exec(w);
    if (mal) {
      const n = mal[1] === 'ein' ? 1 : parseGermanNumber(mal[1]);
      if (n !== null) return { value: n, length: 1, article: false };
    }
    const en = parseEnglishWords(words, i);
    if (en) return { ...en, article: false };
    if (locale === 'en' && (w === 'a' || w === 'an')) return { value: 1, length: 1, article: true };
    // Spoken German shortens the article ("ne Packung Kaffee", "n Stuhl").
    if ((w === 'ne' || w === 'nen' || w === 'n') && tokens[i + 1]?.kind === 'word') return { value: 1, length: 1, article: true };
    return null;
  };
  for (let i = 0; i < tokens.length; ) {
    const w = words[i];
    const vagueMatch = [...vague.de, ...vague.en].find((v) => v.every((p, k) => words[i + k] === p));
    if (vagueMatch) {
      spans.push({ value: null, from: i, to: i + vagueMatch.length, article: false });
      i += vagueMatch.length;
      continue;
    }
    if (w === 'half' && words[i + 1] === 'a' && words[i + 2] === 'dozen') {
      spans.push({ value: 6, from: i, to: i + 3, article: false });
      i += 3;
      continue;
    }
    if ((w === 'a' || w === 'an') && (words[i + 1] === 'couple' || words[i + 1] === 'pair')) {
      const to = words[i + 2] === 'of' ? i + 3 : i + 2;
      spans.push({ value: 2, from: i, to, article: false });
      i = to;
      continue;
    }
    if (w === 'dutzend' || w === 'dozen') {
      spans.push({ value: 12, from: i, to: i + 1, article: false });
      i++;
      continue;
    }
    const n = counts(i);
    if (!n) {
      i++;
      continue;
    }
    const next = words[i + n.length];
    if (next === 'dutzend' || next === 'dozen') {
      spans.push({ value: n.value * 12, from: i, to: i + n.length + 1, article: false });
      i += n.length + 1;
      continue;
    }
    spans.push({ value: n.value, from: i, to: i + n.length, article: n.article });
    i += n.length;
  }
  return spans;
}
