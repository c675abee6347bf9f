import { editDistance, simplify, type Token } from './text';

/**
 * Cue phrases for intents, written in simplified spelling (ä→a, ß→ss). Each word may end in "*" (prefix) or
 * start with "*" (suffix, for German compounds like "Beratungstermin"); "*" alone is any one word and "..." up to
 * four words (German separable verbs: "sagen Sie die Beratung ab"). Words of 6+ letters forgive one typo.
 */
export const intentCues = {
  /** Words that cancel whatever they name. */
  cancelThing: [
    'storn*', 'absag*', 'sag* ... ab', 'cancel*', 'abbestell*', 'widerruf*', 'zuruckzieh*', 'zuruckgezog*',
    'call off', 'nicht mehr kommen', 'not need to come', "doesn t need to come", "don t need * anymore", "can t make",
    'nicht wahrnehmen', 'bestellung* losch*', 'auftrag* losch*', 'bestellung* streich*', 'auftrag* streich*',
    'losch* * bestellung*', 'losch* * auftrag*', 'delete order*', 'delete * order',
  ],
  /**
   * Words that also mean other things ("drop", "delete", "streichen", "nicht mehr"): a cancellation only with an order
   * number, a booking, or "my order" / "die Bestellung" ("DROP TABLE orders" is none).
   */
  cancelWeak: ['losch*', 'streich*', 'withdraw*', 'delete', 'drop', 'nicht mehr', 'remove', 'entfern*'],
  /** An order of one's own named without its number. */
  ownOrder: [
    'mein* bestellung*', 'mein* auftrag*', 'unser* bestellung*', 'unser* auftrag*', 'die bestellung', 'den auftrag',
    'der auftrag', 'diese* bestellung', 'diese* auftrag', 'my order*', 'our order*', 'the order', 'this order',
    'that order', 'my last order', 'our last order', 'letzte* bestellung', 'letzte* auftrag',
  ],
  generalCancel: [
    'abbrech*', 'abbruch', 'stop', 'stopp', 'vergiss es', 'vergessen sie es', 'lass mal', 'lass es', 'doch nicht',
    'forget it', 'never mind', 'nevermind', 'abort', 'quit', 'exit', 'nothing', 'nichts',
  ],
  booking: [
    '*termin*', 'buchung*', 'booking*', 'appointment*', 'techniker*', 'technician*', 'vorbeikomm*', 'come by',
    'come over', 'besuch', 'visit', 'einsatz',
  ],
  book: ['buch*', 'book*', 'schedule*', 'vereinbar*', 'arrange*', 'vorbeikomm*', 'come by', 'zeit fur', 'time for', 'kommen', 'come', 'einricht*', 'set up'],
  orderThing: ['bestellung*', 'auftrag*', 'order*', 'lieferung'],
  reschedule: [
    'verschieb*', 'verschob*', 'verlegen', 'verleg*', 'umbuch*', 'umleg*', 'anderen termin', 'anderen tag',
    'einen anderen', 'spater', 'fruher', 'reschedul*', 'postpon*', 'move', 'push', 'different time', 'different day',
    'another day', 'another time', 'change the date', 'change booking', 'change my booking', 'later', 'earlier',
    'andere uhrzeit', 'statt', 'anstatt', 'instead of',
  ],
  payment: [
    'zahlung*', 'bezahl*', 'uberwies*', 'uberweis*', 'zahlungseingang', 'offen', 'offene posten', 'schuld*',
    'ausgeglichen', 'payment*', 'paid', 'pay', 'transfer*', 'owe', 'outstanding', 'balance', 'settled', 'come through',
  ],
  invoice: ['rechnung*', '*rechnung', 'invoice*', 'bill', 'receipt', 'beleg', 'gutschrift', 'credit note'],
  status: [
    'wo ist', 'wo sind', 'wo bleib*', 'status', 'lieferstatus', 'stand', 'wann kommt', 'wann kommen', 'wann wird',
    'wann werden', 'geliefert', 'verschickt', 'versendet', 'unterwegs', 'angekommen', 'sendungsverfolgung', 'schon raus',
    'was ist mit', 'where is', 'where s', 'where are', 'update', 'shipped', 'dispatched', 'arrive', 'arrived', 'delivered',
    'tracking', 'track', 'gone out', 'what about', 'on its way', 'when does', 'when will',
  ],
  help: [
    'hilfe', 'help', 'was kannst du', 'was konnen sie', 'was kann ich', 'wie funktioniert', 'befehle', 'what can you do',
    'what can i do', 'how does this work', 'how does it work', 'commands', 'anleitung',
  ],
  /** Asking what there is to order: the dialog answers with the catalog card. */
  catalog: [
    'katalog*', 'catalog*', 'catalogue*', 'sortiment*', 'produktliste', 'preisliste', 'product list', 'price list',
    'was habt ihr', 'was haben sie', 'was gibt es bei euch', 'was gibts bei euch', 'was bietet ihr', 'was bieten sie',
    'was verkauft ihr', 'was verkaufen sie', 'was kann ich ... bestell*', 'was kann man ... bestell*',
    'was konnen wir ... bestell*', 'eure produkte', 'ihre produkte', 'alle produkte', 'alle artikel', 'what do you sell',
    'what do you have', 'what have you got', 'what do you offer', 'what can i order', 'what can i buy', 'your products',
    'all products', 'product range',
  ],
  order: ['bestell*', 'nachbestell*', 'kaufen', 'order', 'reorder', 'buy', 'purchase'],
  greeting: [
    'hallo', 'hi', 'hey', 'moin', 'servus', 'gruss gott', 'guten morgen', 'guten tag', 'guten abend', 'hello',
    'good morning', 'good afternoon', 'good evening', 'hiya', 'tach',
  ],
};

export type CueList = keyof typeof intentCues;

/** One word of a cue phrase, compiled once: how it matches and whether it forgives a typo. */
interface WordPattern {
  kind: 'any' | 'gap' | 'exact' | 'prefix' | 'suffix' | 'infix';
  core: string;
  /** Words of 6+ letters forgive one typo. */
  fuzzy: boolean;
}

function compileWord(part: string): WordPattern {
  if (part === '...') return { kind: 'gap', core: '', fuzzy: false };
  if (part === '*') return { kind: 'any', core: '', fuzzy: false };
  const prefix = part.endsWith('*');
  const suffix = part.startsWith('*');
  const core = simplify(part.replace(/^\*|\*$/g, ''));
  const kind = prefix && suffix ? 'infix' : prefix ? 'prefix' : suffix ? 'suffix' : 'exact';
  return { kind, core, fuzzy: core.length >= 6 && (kind === 'prefix' || kind === 'exact') };
}

/** At most two differing positions: a cheap necessary condition for one typo between equally long words. */
function nearlyEqual(a: string, b: string): boolean {
  let differences = 0;
  for (let i = 0; i < a.length; i++) if (a.charCodeAt(i) !== b.charCodeAt(i) && ++differences > 2) return false;
  return true;
}

function wordMatches(p: WordPattern, word: string): boolean {
  switch (p.kind) {
    case 'any':
      return word.length > 0;
    case 'infix':
      return word.includes(p.core);
    case 'suffix':
      return word.endsWith(p.core);
    case 'prefix': {
      if (word.startsWith(p.core)) return true;
      if (!p.fuzzy || word.length < p.core.length) return false;
      const head = word.slice(0, p.core.length);
      return nearlyEqual(head, p.core) && editDistance(head, p.core) <= 1;
    }
    default:
      if (word === p.core) return true;
      if (!p.fuzzy || Math.abs(word.length - p.core.length) > 1) return false;
      return (word.length !== p.core.length || nearlyEqual(word, p.core)) && editDistance(word, p.core) <= 1;
  }
}

/** Every distinct word pattern once, so that a message word is tested against each only once. */
const patterns: WordPattern[] = [];
const patternIds = new Map<string, number>();
const compiled = Object.fromEntries(
  Object.entries(intentCues).map(([list, cues]) => [
    list,
    cues.map((cue) =>
      cue.split(' ').map((part) => {
        let id = patternIds.get(part);
        if (id === undefined) {
          id = patterns.push(compileWord(part)) - 1;
          patternIds.set(part, id);
        }
        return id;
      }),
    ),
  ]),
) as Record<CueList, number[][]>;
const gap = patternIds.get('...')!;

/** Which patterns each word matches; bounded because customers keep writing new words. */
const matchCache = new Map<string, Uint8Array>();

/** Words that cue phrases use as they are ("nicht" in "doch nicht"): never read as a typo of another cue ("nichts"). */
const cueWords = new Set(patterns.filter((p) => p.kind === 'exact').map((p) => p.core));

function matchesOf(word: string): Uint8Array {
  let row = matchCache.get(word);
  if (row) return row;
  row = new Uint8Array(patterns.length);
  const known = cueWords.has(word);
  for (let id = 0; id < patterns.length; id++) {
    const p = patterns[id];
    row[id] = (known && p.kind === 'exact' ? word === p.core : wordMatches(p, word)) ? 1 : 0;
  }
  if (matchCache.size >= 20_000) matchCache.clear();
  matchCache.set(word, row);
  return row;
}

export interface CueText {
  words: string[];
  /** Per word: which cue word patterns it matches (by pattern id). */
  matches: Uint8Array[];
}

export function cueText(tokens: Token[]): CueText {
  const words = tokens.filter((t) => t.kind === 'word').map((t) => simplify(t.norm));
  return { words, matches: words.map(matchesOf) };
}

function matchFrom(text: CueText, parts: number[], k: number, i: number): boolean {
  for (; k < parts.length; k++, i++) {
    if (parts[k] === gap) {
      for (let skip = 0; skip <= 4 && i + skip <= text.words.length; skip++) if (matchFrom(text, parts, k + 1, i + skip)) return true;
      return false;
    }
    if (i >= text.words.length || !text.matches[i][parts[k]]) return false;
  }
  return true;
}

/** Whether any cue phrase of the list occurs as consecutive words. */
export function has(text: CueText, list: CueList): boolean {
  for (const parts of compiled[list]) {
    for (let i = 0; i < text.words.length; i++) if (matchFrom(text, parts, 0, i)) return true;
  }
  return false;
}
