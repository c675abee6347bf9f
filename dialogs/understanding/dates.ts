import * as chrono from 'chrono-node';
import type { Locale } from '../../domain/locale';
import { fold } from './text';

import type { DateProblem, PartOfDay } from './types';

export type { PartOfDay } from './types';

export interface DateFinding {
  date: string | null;
  /** A day and month named that has passed (with its year) or may be this year's past or next year's one. */
  problem: DateProblem | null;
  time: string | null;
  partOfDay: PartOfDay | null;
  /** Character spans [start, end) that held dates and times, so that their digits are not read as quantities. */
  spans: [number, number][];
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The wall-clock date and time in Berlin at `now`, whatever time zone this process runs in. */
const berlinFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Berlin', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric',
  hourCycle: 'h23',
});

type WallClock = { year: number; month: number; day: number; hour: number; minute: number };

/** Formatting is the slow part; Berlin's offset is whole minutes, so one UTC minute is one wall-clock minute. */
let lastClock: { minute: number; clock: WallClock } | null = null;

export function berlinWallClock(now: Date): WallClock {
  const minute = Math.floor(now.getTime() / 60_000);
  if (lastClock?.minute === minute) return { ...lastClock.clock };
  const parts = berlinFormat.formatToParts(now);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const clock = { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute') };
  lastClock = { minute, clock };
  return { ...clock };
}

/**
 * chrono computes in the process's local time. Giving it a reference whose local fields equal Berlin's
 * wall clock makes "morgen" and "Freitag" Berlin days; results are read back from their fields, never as instants.
 */
function reference(now: Date): Date {
  const b = berlinWallClock(now);
  return new Date(b.year, b.month - 1, b.day, b.hour, b.minute);
}

/** Day and month without a year ("am 4.12.", "bis 20.3"): the year stays implied, findDate decides which one. */
const numericDayMonth: chrono.Parser = {
  pattern: () => /(?<![\d.])(\d{1,2})\.(\d{1,2})\.(?:(\d{4}|\d{2})(?!\d))?(?![\d])/,
  extract: (context, match) => {
    const day = Number(match[1]);
    const month = Number(match[2]);
    if (day < 1 || day > 31 || month < 1 || month > 12) return null;
    if (match[3]) return context.createParsingComponents({ day, month, year: Number(match[3].length === 2 ? `20${match[3]}` : match[3]) });
    return context.createParsingComponents({ day, month }).imply('year', context.refDate.getFullYear());
  },
};

const weekdays: Record<string, number> = {
  sonntag: 0, montag: 1, dienstag: 2, mittwoch: 3, donnerstag: 4, freitag: 5, samstag: 6, sonnabend: 6,
  sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6,
};
const weekdayWords = Object.keys(weekdays).join('|');
const nextWeekWords = 'n(?:ä|ae)chste[nrs]?\\s+woche|next\\s+week|kommende[nr]?\\s+woche';

/** "Dienstag nächste Woche", "nächste Woche Dienstag", "Monday next week": that weekday of the coming Monday–Sunday week. */
const weekdayNextWeek: chrono.Parser = {
  pattern: () =>
    new RegExp(`(?:(${weekdayWords})\\s+(?:in\\s+der\\s+)?(?:${nextWeekWords})|(?:${nextWeekWords})\\s+(?:am\\s+|on\\s+)?(${weekdayWords}))(?![\\p{L}])`, 'iu'),
  extract: (context, match) => {
    const target = weekdays[(match[1] ?? match[2]).toLowerCase()];
    const ref = context.refDate;
    const sinceMonday = (ref.getDay() + 6) % 7;
    const date = new Date(ref.getFullYear(), ref.getMonth(), ref.getDate() - sinceMonday + 7 + ((target + 6) % 7));
    return context.createParsingComponents({ day: date.getDate(), month: date.getMonth() + 1, year: date.getFullYear() });
  },
};

/** "Ende nächster Woche", "end of next week": the Friday of the coming Monday–Sunday week (the last business day). */
const endOfNextWeek: chrono.Parser = {
  pattern: () => new RegExp(`(?:ende|end\\s+of)\\s+(?:der\\s+|the\\s+)?(?:${nextWeekWords})(?![\\p{L}])`, 'iu'),
  extract: (context) => {
    const ref = context.refDate;
    const sinceMonday = (ref.getDay() + 6) % 7;
    const friday = new Date(ref.getFullYear(), ref.getMonth(), ref.getDate() - sinceMonday + 7 + 4);
    return context.createParsingComponents({ day: friday.getDate(), month: friday.getMonth() + 1, year: friday.getFullYear() });
  },
};

/** A weekday said on that same weekday means next week's ("am Mittwoch", said on a Wednesday). */
const sameWeekdayIsNextWeek: chrono.Refiner = {
  refine: (context, results) => {
    const ref = context.reference.instant;
    for (const r of results) {
      if (!r.start.isCertain('weekday') || r.start.isCertain('day') || r.start.isCertain('hour')) continue;
      if (r.start.get('day') === ref.getDate() && r.start.get('month') === ref.getMonth() + 1) {
        const next = new Date(ref.getFullYear(), ref.getMonth(), ref.getDate() + 7);
        r.start.assign('day', next.getDate());
        r.start.assign('month', next.getMonth() + 1);
        r.start.assign('year', next.getFullYear());
      }
    }
    return results;
  },
};

/**
 * chrono reads a number after a date as its hour ("bis 20.3. 4 Monitore", "Montag 12 Pakete"); without
 * "um"/"at"/"Uhr" it is a quantity, so it is cut off the result.
 */
const bareNumberIsNoHour: chrono.Refiner = {
  refine: (_context, results) => {
    for (const r of results) {
      const m = /(\S+)(\s+\d{1,2})$/.exec(r.text);
      if (!m || /^(um|at|gegen|ab|by|bis|until)$/i.test(m[1]) || !r.start.isCertain('hour') || !namesDay(r)) continue;
      r.text = r.text.slice(0, m.index + m[1].length);
      r.start.delete(['hour', 'minute', 'second', 'millisecond', 'meridiem']);
    }
    return results;
  },
};

function parser(base: chrono.Chrono): chrono.Chrono {
  const custom = base.clone();
  custom.parsers.unshift(endOfNextWeek, weekdayNextWeek, numericDayMonth);
  custom.refiners.push(sameWeekdayIsNextWeek, bareNumberIsNoHour);
  return custom;
}

const parsers: Record<Locale, chrono.Chrono> = { de: parser(chrono.de.casual), en: parser(chrono.en.casual) };

const ymd = (c: chrono.ParsedComponents) => `${c.get('year')}-${pad(c.get('month')!)}-${pad(c.get('day')!)}`;

/** chrono merges "from Tuesday to Thursday" into one range; for a move, its end is the wished day. */
const wished = (r: chrono.ParsedResult): chrono.ParsedComponents => (r.end && /\s(?:to|auf|onto)\s/i.test(r.text) ? r.end : r.start);

function namesDay(result: chrono.ParsedResult): boolean {
  const certain = ['day', 'weekday', 'month'].some((c) => result.start.isCertain(c as chrono.Component));
  return certain || /heute|morgen|today|tomorrow|tonight|woche|week/i.test(result.text);
}

/** Results chrono finds that are no dates here: "um 3 Pakete", "eine Stunde später", "fr" in "früh". */
function isDate(result: chrono.ParsedResult): boolean {
  if (result.text.length < 3) return false;
  // German weekday abbreviations are also words: "so 4 Packungen", "Mi" — only accepted with a full stop.
  if (/^(mo|di|mi|do|fr|sa|so)\b(?!\.)/i.test(result.text)) return false;
  if (/\b(hours?|minutes?|stunden?|minuten?|mins?)\b|\d\s+h\b/i.test(result.text)) return false;
  if (namesDay(result)) return true;
  return /uhr|:\d\d|\d\s*(am|pm)\b|\dh\b/i.test(result.text);
}

const partsOfDay: [PartOfDay, RegExp][] = [
  ['morning', /\b(vormittags?|morgens|frueh|am morgen|morning)\b|\bmorgen frueh\b/],
  ['afternoon', /\b(nachmittags?|mittags?|afternoon|noon)\b/],
  ['evening', /\b(abends?|evening|tonight)\b/],
];

/**
 * Words without which chrono finds nothing we keep (see isDate); most messages skip the comparatively slow date
 * parsers. Digits alone ("10 Pakete") are no date: they need a date or time shape ("20.3.", "15:00", "3pm", "14th").
 */
const mayHoldDate: Record<Locale, RegExp> = {
  de: /\d[.:/-]\d|\d\.|\d\s*(?:uhr|h|am|pm|a\.m|p\.m|st|nd|rd|th)\b|heute|morgen|gestern|jetzt|woche|tag|monat|jahr|uhr|mittag|abend|nacht|fr(ü|ue)h|n(ä|ae)chst|kommend|montag|mittwoch|freitag|samstag|sonntag|sonnabend|januar|februar|m(ä|ae)rz|april|mai|juni|juli|august|september|oktober|november|dezember|\b(mo|di|mi|do|fr|sa|so|jan|feb|apr|jun|jul|aug|sep|sept|okt|nov|dez)\./i,
  en: /\d[.:/-]\d|\d\.|\d\s*(?:uhr|h|am|pm|a\.m|p\.m|st|nd|rd|th)\b|today|tomorrow|yesterday|tonight|now|week|day|month|year|noon|morning|afternoon|evening|night|next|last|this|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|\b(mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec)\b/i,
};

function parse(text: string, locale: Locale, ref: Date): chrono.ParsedResult[] {
  if (!mayHoldDate[locale].test(text)) return [];
  return parsers[locale].parse(text, ref, { forwardDate: true }).filter(isDate);
}

/**
 * How many days back a day and month without year ("am 20.11.") counts as unclear rather than next year's: within
 * this span a customer may well mean the date that has just passed (a typo, a late message).
 */
const AMBIGUOUS_DAYS = 92;

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function problemOf(r: chrono.ParsedResult, ref: Date, today: string): DateProblem | null {
  const c = wished(r);
  // Only a date written out ("3.3.2026", "2 March"); "gestern" or "letzte Woche" are references to the past.
  if (!/\d/.test(r.text) || !c.isCertain('day') || !c.isCertain('month')) return null;
  if (c.isCertain('year')) return ymd(c) < today ? { kind: 'past', date: ymd(c) } : null;
  const thisYear = `${ref.getFullYear()}-${pad(c.get('month')!)}-${pad(c.get('day')!)}`;
  if (thisYear >= today || daysBetween(thisYear, today) > AMBIGUOUS_DAYS) return null;
  return { kind: 'ambiguous', thisYear, nextYear: `${ref.getFullYear() + 1}${thisYear.slice(4)}` };
}

/** The wished day of a result; a day and month without a year that passed this year is next year's. */
function dateOf(r: chrono.ParsedResult, ref: Date): string {
  const c = wished(r);
  const date = ymd(c);
  if (c.isCertain('year') || !c.isCertain('day') || !c.isCertain('month')) return date;
  const thisYear = `${ref.getFullYear()}${date.slice(4)}`;
  const today = `${ref.getFullYear()}-${pad(ref.getMonth() + 1)}-${pad(ref.getDate())}`;
  return thisYear >= today ? thisYear : `${ref.getFullYear() + 1}${date.slice(4)}`;
}

/** Words right before a date that make it the target of a move. */
const movedTo = /(?:^|[^\p{L}])(?:auf|to|onto|nach)\s+(?:den\s+|dem\s+|the\s+|am\s+|on\s+)?$/iu;

export function findDate(text: string, locale: Locale, now: Date): DateFinding {
  const ref = reference(now);
  const other: Locale = locale === 'de' ? 'en' : 'de';
  let results = parse(text, locale, ref);
  if (results.length === 0) results = parse(text, other, ref);
  const spans = results.map((r) => [r.index, r.index + r.text.length] as [number, number]);
  const today = `${ref.getFullYear()}-${pad(ref.getMonth() + 1)}-${pad(ref.getDate())}`;
  // A day and month written out that has passed is reported, never dropped: with its year ("am 3.3.2026") it is
  // past and gives no date; without ("am 2.3." a few days later) it keeps next year's as the date, flagged as unclear.
  const problems = new Map(results.map((r) => [r, problemOf(r, ref, today)]));
  // Other past days are references ("wie letzte Woche"), never a wished delivery or visit date.
  const upcoming = results.filter((r) => namesDay(r) && problems.get(r)?.kind !== 'past' && dateOf(r, ref) >= today);
  // "von Dienstag auf Donnerstag", "move Tuesday's appointment to Thursday": the day after "auf"/"to" is the wish.
  const first = upcoming.find((r) => movedTo.test(text.slice(0, r.index))) ?? upcoming[0];
  const problem = first ? (problems.get(first) ?? null) : ([...problems.values()].find((p) => p !== null) ?? null);
  const timed = results.map(wished).find((c) => c.isCertain('hour'));
  const date = first ? dateOf(first, ref) : null;
  const time = timed ? `${pad(timed.get('hour')!)}:${pad(timed.get('minute') ?? 0)}` : null;
  const folded = fold(text).replace(/\bguten morgen\b|\bgood (morning|afternoon|evening)\b/g, '');
  const partOfDay = partsOfDay.find(([, re]) => re.test(folded))?.[0] ?? null;
  return { date, problem, time, partOfDay, spans };
}
