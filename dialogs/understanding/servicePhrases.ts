import { addDays, berlinToday, isValidDate } from '../../domain/calendar';
import { findDuration } from './durations';
import { fold } from './text';

/** What staff say about the service day: their plan, someone's absence, a visit done. */
export type ServicePhrase =
  | { kind: 'dayPlan'; scope: 'mine' | 'all'; date: string }
  | { kind: 'absence'; name: string; from: string; to: string; reason: 'sick' | 'vacation' | 'other' }
  | { kind: 'visitDone'; order: string; report: string; minutes: number | null };

const DAY = String.raw`(heute|morgen|uebermorgen|today|tomorrow|(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})?)`;

/** A day word or "3.12." as the next such date from today (Berlin); "2.1." after "22.12." is next year. */
function dayOf(m: RegExpExecArray, at: number, today: string, notBefore: string = today): string | null {
  const word = m[at];
  if (!word) return null;
  if (word === 'heute' || word === 'today') return today;
  if (word === 'morgen' || word === 'tomorrow') return addDays(today, 1);
  if (word === 'uebermorgen') return addDays(today, 2);
  const [d, mo, y] = [Number(m[at + 1]), Number(m[at + 2]), m[at + 3]];
  const pad = (n: number) => String(n).padStart(2, '0');
  if (y) {
    const year = y.length === 2 ? 2000 + Number(y) : Number(y);
    const date = `${year}-${pad(mo)}-${pad(d)}`;
    return isValidDate(date) ? date : null;
  }
  const year = Number(notBefore.slice(0, 4));
  for (const candidate of [`${year}-${pad(mo)}-${pad(d)}`, `${year + 1}-${pad(mo)}-${pad(d)}`]) {
    if (isValidDate(candidate) && candidate >= notBefore) return candidate;
  }
  return null;
}

const SICK = /\b(krank|krankgemeldet|sick|ill)\b/;
const VACATION = /\b(urlaub|ferien|vacation|holiday|holidays|on leave|leave)\b/;
const AWAY = /\b(fehlt|abwesend|nicht da|away|absent|off)\b/;

/**
 * Reads the staff phrases of the service day, German and English, or null:
 * "meine Termine heute", "my appointments tomorrow", "Einsatzplan morgen", "Tom ist am 3.12. krank",
 * "Lena hat vom 22.12. bis 2.1. Urlaub", "1004 erledigt: Drucker gereinigt, 90 Minuten".
 */
export function readServicePhrase(text: string, now: Date): ServicePhrase | null {
  const folded = fold(text).trim();
  const today = berlinToday(now);

  const plan = new RegExp(String.raw`^(?:zeig(?:e)?\s+(?:mir\s+)?|show\s+(?:me\s+)?)?(meine\s+termine|meine\s+einsaetze|my\s+appointments|my\s+jobs|einsatzplan|tagesplan|day\s+plan|dispatch\s+plan)(?:\s+(?:fuer\s+|for\s+|am\s+|on\s+)?${DAY})?\s*[?!.]*$`);
  const p = plan.exec(folded);
  if (p) {
    const date = p[2] ? dayOf(p, 2, today) : today;
    if (!date) return null;
    return { kind: 'dayPlan', scope: /^(meine|my)\b/.test(p[1]) ? 'mine' : 'all', date };
  }

  const done = /^(?:auftrag\s+|order\s+)?(\d{4,})\s+(?:ist\s+|is\s+)?(erledigt|durchgefuehrt|fertig|done|performed|completed)\b[\s:,.-]*(.*)$/.exec(folded);
  if (done) {
    const original = text.trim();
    const rest = original.slice(original.length - done[3].length).trim();
    const duration = findDuration(rest);
    const report = (duration ? rest.slice(0, duration.span[0]) + rest.slice(duration.span[1]) : rest).replace(/[\s,;.:-]+$/, '').replace(/^[\s,;.:-]+/, '').trim();
    return { kind: 'visitDone', order: done[1], report, minutes: duration?.minutes ?? null };
  }

  const reason = SICK.test(folded) ? 'sick' : VACATION.test(folded) ? 'vacation' : AWAY.test(folded) ? 'other' : null;
  if (!reason) return null;
  const range = new RegExp(String.raw`\b(?:vom|von|from)\s+${DAY}\s+(?:bis(?:\s+zum)?|to|until|till)\s+${DAY}`).exec(folded);
  const single = new RegExp(String.raw`\b(?:am|on|ab)?\s*${DAY}`).exec(folded);
  const name = /^([a-z][a-z-]+(?:\s+[a-z][a-z-]+)?)\s+(?:ist|is|hat|has|wird|will|fehlt|war)\b/.exec(folded)?.[1];
  if (!name) return null;
  if (range) {
    const from = dayOf(range, 1, today);
    const to = from ? dayOf(range, 5, today, from) : null;
    return from && to ? { kind: 'absence', name, from, to, reason } : null;
  }
  if (single) {
    const date = dayOf(single, 1, today);
    return date ? { kind: 'absence', name, from: date, to: date, reason } : null;
  }
  return null;
}
