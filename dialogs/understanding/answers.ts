import type { Locale } from '../../domain/locale';
import { segment } from './corrections';
import type { NumberSpan } from './numbers';
import { fold, simplify, type Token } from './text';
import { quantityFillers } from './vocabulary';

const yes = /^(ja|jawohl|jo|jep|jupp|genau|passt|ok|okay|oki|gerne?|klar|richtig|stimmt|korrekt|einverstanden|bestaetigt|yes|yeah|yep|yup|sure|correct|exactly|right|confirm(ed)?|sounds good|perfect|perfekt|alright|fine)\b/;
const no = /^(nein|ne|nee|noe|nicht|falsch|no|nope|nah|not|wrong|negative)\b/;
/** "nein, warte" or "no wait" starts a correction, not an answer. */
const correctionStart = /^(nein|no)\W+(warte|wait|moment|doch|lieber|make|actually|ich meinte|i mean)\b/;

/** A yes/no answer at the start of the message, or null. */
export function findConfirm(text: string): boolean | null {
  const t = fold(text).trim().replace(/^[^a-z]+/, '');
  if (correctionStart.test(t)) return null;
  if (yes.test(t)) return true;
  if (no.test(t)) return false;
  return null;
}

const wants: Record<Locale, RegExp> = {
  de: /\b(auf|in) deutsch\b|\bdeutsch,? bitte\b|\b(sprechen|sprichst|spricht|reden|koennen)\b.*\bdeutsch\b|\bgerman please\b|\bin german\b|\bspeak german\b|\bswitch to german\b/,
  en: /\b(auf|in) englisch\b|\benglisch,? bitte\b|\b(sprechen|sprichst|spricht|reden|koennen)\b.*\benglisch\b|\benglish,? please\b|\bin english\b|\bspeak english\b|\bswitch to english\b/,
};

/** A request to speak the other language ("bitte auf Deutsch", "English please"). */
export function findLocaleSwitch(text: string): Locale | null {
  const t = fold(text);
  if (wants.de.test(t)) return 'de';
  if (wants.en.test(t)) return 'en';
  return null;
}

const fillers = new Set(quantityFillers);

/**
 * The number of a message that is only a quantity or corrects one without naming a product ("5", "lieber fünf",
 * "make it 3"): the answer to "how many?" in a dialog. Any other word, a product or a vague amount gives null.
 */
export function findQuantityOnly(tokens: Token[], numbers: NumberSpan[], productMentions: number, isUnit: (t: Token) => boolean): number | null {
  if (productMentions > 0 || numbers.length !== 1 || numbers[0].value === null) return null;
  const [n] = numbers;
  const { markerTokens } = segment(tokens);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if ((i >= n.from && i < n.to) || t.kind === 'punct' || markerTokens.has(i) || isUnit(t)) continue;
    if (t.kind === 'number' || !fillers.has(simplify(t.norm))) return null;
  }
  return n.value;
}
