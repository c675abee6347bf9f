import { editDistance, simplify, type Token } from './text';

/**
 * Cue phrases for intents, written in simplified spelling (ä→a, ß→ss). Each word may end in "*" (prefix) or
 * start with "*" (suffix, for German compounds like "Beratungstermin"); "*" alone is any one word and "..." up to
 * four words (German separable verbs: "sagen Sie die Beratung ab"). Words of 6+ letters forgive one typo.
 */
export const intentCues = {
  cancelThing: [
    'storn*', 'absag*', 'sag* ... ab', 'cancel*', 'abbestell*', 'widerruf*', 'zuruckzieh*', 'zuruckgezog*',
    'losch*', 'streich*', 'call off', 'withdraw*', 'delete', 'drop', 'nicht mehr kommen', 'not need to come',
    "doesn t need to come", "don t need * anymore", "can t make", 'nicht wahrnehmen', 'nicht mehr',
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
    'andere uhrzeit',
  ],
  payment: [
    'zahlung*', 'bezahl*', 'uberwies*', 'uberweis*', 'zahlungseingang', 'offen', 'offene posten', 'schuld*',
    'ausgeglichen', 'payment*', 'paid', 'pay', 'transfer*', 'owe', 'outstanding', 'balance', 'settled', 'come through',
  ],
  invoice: ['rechnung*', 'invoice*', 'bill', 'receipt', 'beleg'],
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
  order: ['bestell*', 'nachbestell*', 'kaufen', 'order', 'reorder', 'buy', 'purchase'],
  greeting: [
    'hallo', 'hi', 'hey', 'moin', 'servus', 'gruss gott', 'guten morgen', 'guten tag', 'guten abend', 'hello',
    'good morning', 'good afternoon', 'good evening', 'hiya', 'tach',
  ],
};

export type CueList = keyof typeof intentCues;

function wordMatches(pattern: string, word: string): boolean {
  if (pattern === '*') return word.length > 0;
  const prefix = pattern.endsWith('*');
  const suffix = pattern.startsWith('*');
  const core = pattern.replace(/^\*|\*$/g, '');
  if (prefix && suffix) return word.includes(core);
  if (prefix) return word.startsWith(core) || (core.length >= 6 && word.length >= core.length && editDistance(word.slice(0, core.length), core) <= 1);
  if (suffix) return word.endsWith(core);
  return word === core || (core.length >= 6 && Math.abs(word.length - core.length) <= 1 && editDistance(word, core) <= 1);
}

const compiled = Object.fromEntries(
  Object.entries(intentCues).map(([list, cues]) => [
    list,
    cues.map((cue) => cue.split(' ').map((p) => (p === '...' ? p : p.replace(/[^*]+/, (w) => simplify(w))))),
  ]),
) as Record<CueList, string[][]>;

export interface CueText {
  words: string[];
}

export function cueText(tokens: Token[]): CueText {
  return { words: tokens.filter((t) => t.kind === 'word').map((t) => simplify(t.norm)) };
}

/** Whether any cue phrase of the list occurs as consecutive words. */
export function has(text: CueText, list: CueList): boolean {
  const { words } = text;
  const matchFrom = (parts: string[], i: number): boolean => {
    if (parts.length === 0) return true;
    const [first, ...rest] = parts;
    if (first === '...') {
      for (let gap = 0; gap <= 4 && i + gap <= words.length; gap++) if (matchFrom(rest, i + gap)) return true;
      return false;
    }
    return i < words.length && wordMatches(first, words[i]) && matchFrom(rest, i + 1);
  };
  return compiled[list].some((parts) => {
    for (let i = 0; i < words.length; i++) if (matchFrom(parts, i)) return true;
    return false;
  });
}
