import type { NumberSpan } from './numbers';
import { simplify, type Token } from './text';

/**
 * Words with which customers take back what they just wrote ("ach nein, lieber fünf", "actually make that five").
 * Whatever follows such a marker replaces earlier values instead of adding to them.
 */
const markers: string[][] = [
  ['nein'], ['nee'], ['doch'], ['lieber'], ['besser'], ['korrektur'], ['korrigiere'], ['korrigiert'], ['ich', 'meinte'],
  ['ich', 'meine'], ['moment'], ['warte'], ['stattdessen'], ['sorry'], ['pardon'], ['upps'], ['oops'],
  ['actually'], ['make'], ['no'], ['wait'], ['i', 'mean'], ['i', 'meant'], ['correction'], ['instead'], ['rather'],
  ['scratch', 'that'], ['change', 'that', 'to'], ['change', 'it', 'to'], ['sondern'],
];

/** The markers by their first word, longest first: each token is looked up once instead of tried against every marker. */
const markersByFirstWord = new Map<string, string[][]>();
for (const marker of [...markers].sort((a, b) => b.length - a.length)) {
  const list = markersByFirstWord.get(marker[0]) ?? [];
  list.push(marker);
  markersByFirstWord.set(marker[0], list);
}

/** The marker that starts at word i, if any. */
function markerAt(words: string[], i: number): string[] | undefined {
  const candidates = markersByFirstWord.get(words[i]);
  if (!candidates) return undefined;
  for (const marker of candidates) {
    let k = 1;
    while (k < marker.length && words[i + k] === marker[k]) k++;
    if (k === marker.length) return marker;
  }
  return undefined;
}

/** After these a different product replaces the last one ("Kaffee, ach nein, lieber Tee") rather than joining it. */
const replacing = new Set(['lieber', 'stattdessen', 'ich meinte', 'ich meine', 'instead', 'rather', 'i mean', 'i meant', 'actually']);

export interface Segments {
  /** Segment number of every token: 0 before the first correction marker, then 1, 2, … */
  of: number[];
  /** Per segment: whether its marker lets a new product replace the last one. */
  replaces: boolean[];
  /** Token indices that belong to a marker. */
  markerTokens: Set<number>;
}

export function segment(tokens: Token[]): Segments {
  const words = tokens.map((t) => (t.kind === 'word' ? simplify(t.norm) : ''));
  const of: number[] = [];
  const replaces = [false];
  const markerTokens = new Set<number>();
  let current = 0;
  for (let i = 0; i < tokens.length; i++) {
    const marker = markerAt(words, i);
    if (marker) {
      const lastWasMarker = markerTokens.has(i - 1);
      if (!lastWasMarker) {
        current++;
        replaces.push(false);
      }
      if (replacing.has(marker.join(' '))) replaces[current] = true;
      for (let k = 0; k < marker.length; k++) {
        markerTokens.add(i + k);
        of.push(current);
      }
      i += marker.length - 1;
      continue;
    }
    of.push(current);
  }
  return { of, replaces, markerTokens };
}

/** Words before a number that it is the old value ("nicht 3, sondern 5", "statt 3 lieber 5", "not 3 but 5", "5 instead of 3"). */
const replacedCues = [['nicht'], ['not'], ['statt'], ['anstatt'], ['instead', 'of'], ['rather', 'than']];

/**
 * Character spans of old values a message names only to replace them ("nicht 3 sondern 5" → "nicht 3"): a number
 * after such a cue, followed closely by another number. Hidden like dates, so that only the new value is read.
 */
export function replacedValues(tokens: Token[], numbers: NumberSpan[]): [number, number][] {
  const words = tokens.map((t) => (t.kind === 'word' ? simplify(t.norm) : ''));
  const spans: [number, number][] = [];
  numbers.forEach((n, k) => {
    const cue = replacedCues.find((c) => c.every((w, i) => words[n.from - c.length + i] === w));
    const next = numbers[k + 1];
    const before = numbers[k - 1];
    // The new value stands after the old one ("not 3 but 5") or before its cue ("5 instead of 3").
    const newValueNear = (next && next.from - n.to <= 2) || (before && cue && n.from - cue.length - before.to <= 1);
    if (!cue || n.value === null || !newValueNear) return;
    spans.push([tokens[n.from - cue.length].start, tokens[n.to - 1].end]);
  });
  return spans;
}
