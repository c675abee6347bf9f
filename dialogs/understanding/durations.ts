import { fold } from './text';

/** A length of time someone asked for ("2 Stunden", "90 Minuten", "half a day"), in minutes, and where it stood. */
export interface DurationFinding {
  minutes: number;
  /** Character span [start, end) in the folded text, so its digits are not read as a quantity. */
  span: [number, number];
}

/** Working hours of "half a day" and "a whole day" (the company's 08:00–17:00 less the lunch break). */
export const HALF_DAY_MINUTES = 4 * 60;
export const FULL_DAY_MINUTES = 8 * 60;

const numberWords: Record<string, number> = {
  ein: 1, eine: 1, einer: 1, einen: 1, one: 1, a: 1, an: 1,
  zwei: 2, two: 2, drei: 3, three: 3, vier: 4, four: 4, fuenf: 5, five: 5, sechs: 6, six: 6,
  sieben: 7, seven: 7, acht: 8, eight: 8, neun: 9, nine: 9, zehn: 10, ten: 10,
  anderthalb: 1.5, eineinhalb: 1.5, einhalb: 0.5, zweieinhalb: 2.5, dreieinhalb: 3.5,
  halbe: 0.5, halben: 0.5, halbe_: 0.5, half: 0.5,
};

const NUMBER = String.raw`(\d+(?:[.,]\d+)?|${Object.keys(numberWords).filter((w) => !w.endsWith('_')).join('|')})`;
const HOURS = String.raw`(?:stunden|stunde|std\.?|h|hours?|hrs?)`;
const MINUTES = String.raw`(?:minuten|minute|min\.?|minutes?|mins?)`;

const patterns: { re: RegExp; minutes: (m: RegExpExecArray) => number | null }[] = [
  // "half a day", "halben Tag", "einen halben Tag", "ganzen Tag", "a whole day", "full day"
  { re: /\b(?:einen\s+|ein\s+)?halbe[nr]?\s+tag\b|\bhalf\s+(?:a\s+)?day\b|\bhalbtags?\b/, minutes: () => HALF_DAY_MINUTES },
  { re: /\b(?:einen\s+)?ganzen\s+tag\b|\b(?:a\s+)?(?:whole|full)\s+day\b|\bganztags?\b/, minutes: () => FULL_DAY_MINUTES },
  // "an hour and a half", "eine und eine halbe Stunde"
  { re: new RegExp(String.raw`\b${NUMBER}\s+${HOURS}\s+and\s+a\s+half\b`), minutes: (m) => hours(m[1], 0.5) },
  { re: new RegExp(String.raw`\b${NUMBER}\s+und\s+eine\s+halbe\s+${HOURS}\b`), minutes: (m) => hours(m[1], 0.5) },
  // "half an hour", "eine halbe Stunde"
  { re: /\bhalf\s+an\s+hour\b|\b(?:eine\s+)?halbe\s+stunde\b/, minutes: () => 30 },
  // "2 Stunden 30 Minuten", "1 h 45 min"
  { re: new RegExp(String.raw`\b${NUMBER}\s*${HOURS}\s*(?:und\s+|and\s+)?(\d+)\s*${MINUTES}(?![\p{L}])`, 'u'), minutes: (m) => plus(hours(m[1], 0), Number(m[2])) },
  { re: new RegExp(String.raw`\b${NUMBER}\s*${HOURS}(?![\p{L}])`, 'u'), minutes: (m) => hours(m[1], 0) },
  { re: new RegExp(String.raw`\b${NUMBER}\s*${MINUTES}(?![\p{L}])`, 'u'), minutes: (m) => minutesOf(m[1]) },
];

function value(word: string): number | null {
  if (/^\d/.test(word)) return Number(word.replace(',', '.'));
  return numberWords[word] ?? null;
}

function hours(word: string, extra: number): number | null {
  const n = value(word);
  return n == null ? null : Math.round((n + extra) * 60);
}

function minutesOf(word: string): number | null {
  const n = value(word);
  return n == null || !Number.isInteger(n) ? null : n;
}

function plus(a: number | null, b: number): number | null {
  return a == null ? null : a + b;
}

/**
 * The first duration in a message, German or English; null when there is none or it makes no sense (zero,
 * more than a day). Words before a number ("um 2 Stunden verschieben") are the caller's business.
 */
export function findDuration(text: string): DurationFinding | null {
  const folded = fold(text);
  let best: (DurationFinding & { index: number }) | null = null;
  for (const { re, minutes } of patterns) {
    const m = re.exec(folded);
    if (!m) continue;
    const n = minutes(m);
    if (n == null || n <= 0 || n > 24 * 60) continue;
    // The earliest match wins; at the same place the longer one ("2 Stunden 30 Minuten" over "2 Stunden").
    const span: [number, number] = [m.index, m.index + m[0].length];
    if (!best || m.index < best.index || (m.index === best.index && span[1] > best.span[1])) best = { minutes: n, span, index: m.index };
  }
  return best ? { minutes: best.minutes, span: best.span } : null;
}

/**
 * How many units of an hourly (or per-visit) service a duration books: billed per started unit, so 90 minutes of a
 * 60-minute unit are 2 units. The one rounding rule for services sold by the hour (README, Services).
 */
export function unitsForDuration(minutes: number, unitMinutes: number): number {
  if (!(minutes > 0) || !(unitMinutes > 0)) throw new RangeError(`durations must be positive, got ${minutes} / ${unitMinutes}`);
  return Math.ceil(minutes / unitMinutes);
}
